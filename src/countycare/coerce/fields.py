"""Results built by hand: their fields checked by their annotations.

The classes the library builds for its callers (a ratio, a settlement, a comparison) are set
by the library, so they convert nothing; built by hand with a wrong value, they kept it and
failed later in a method with a raw error. :func:`checked_fields` gives each field without a
converter or validator of its own the check its annotation states, by type alone. A model
class (a county, a rule) converts its fields instead (:func:`countycare.coerce.name_arguments`),
and a function its arguments (:func:`countycare.coerce.arguments.boundary`).

Examples
--------
>>> import attrs
>>> @attrs.frozen(field_transformer=checked_fields)
... class Ratio:
...     numerator: float
...     name: str = "r"
>>> Ratio(3).numerator
3
>>> Ratio("many")
Traceback (most recent call last):
...
countycare.errors.FieldError: numerator: expected a number, got 'many'
"""

from __future__ import annotations

import collections.abc as abc
import sys
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

import attrs
import numpy as np

from countycare.coerce.arguments import _expected, read_annotation
from countycare.coerce.values import refuse
from countycare.errors import FieldError

__all__ = ["checked_fields"]


def checked_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """attrs ``field_transformer``: each field without a converter or validator of its own is
    validated by its annotation, as :func:`boundary` checks an argument: a value the
    annotation's check refuses (``numerator: float`` given ``"many"``, a ``Period`` given an
    object of no kind, ``None`` where the annotation does not allow it) raises a
    :class:`~countycare.errors.FieldError` naming the field, instead of being kept and failing
    later, in a method, with a raw ``TypeError``. A value is kept as it is given: a field of
    ``float`` holds the ``int`` it was given. ``Any`` and ``object`` fields take anything.

    The check is by type alone (:func:`_field_check`): no natural form is converted, so none
    is taken either (a ``Period`` field refuses ``"2024"``, a ``MeasureTable`` field a path,
    which is never read). For the classes the library builds for its callers (results), whose
    fields the library sets; a model class converts its fields instead.
    """
    module = cls.__module__
    return [
        f.evolve(validator=_annotated(f.name, f.type, module))
        if f.validator is None and f.converter is None and f.type not in (None, Any, "Any")
        else f
        for f in fields
    ]


def _annotated(field: str, annotation: Any, module: str) -> Callable[[Any, Any, Any], None]:
    """The validator of :func:`checked_fields` for one field; the annotation is read on the
    first value checked, when every module it names is loaded."""
    check: Callable[[Any], bool] | None = None
    words = ""
    read = False

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        nonlocal check, words, read
        if not read:
            try:
                hint = read_annotation(annotation, vars(sys.modules[module]))
                check, words = _field_check(hint), _field_words(hint)
            except Exception:  # an annotation that cannot be read is not checked
                check = None
            read = True
        if check is not None and not check(value):
            raise FieldError(field, str(refuse(field, words, value)))

    return validate


def _field_words(hint: Any) -> str:
    """What a field of type ``hint`` takes, in the user's words."""
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        members = [m for m in typing.get_args(hint) if m is not type(None)]
        optional = len(members) < len(typing.get_args(hint))
        return " or ".join(_expected(m) for m in members) + (" (or None)" if optional else "")
    return _expected(hint)


def _field_check(hint: Any) -> Callable[[Any], bool] | None:
    """Whether a value is of the type ``hint`` names, without converting it: numbers by the
    numeric tower (an ``int`` is a ``float``; numpy's numbers are numbers, a ``bool`` is
    none), text, a member of a union, a ``Literal``'s choice, an instance of a class or of a
    collection's kind (its items unchecked). None when the hint asks for nothing checkable."""
    if hint is Any or hint is object or isinstance(hint, TypeVar | str):
        return None
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        members = [_field_check(m) for m in typing.get_args(hint)]
        if any(m is None for m in members):
            return None
        checks = [m for m in members if m is not None]
        return lambda value: any(c(value) for c in checks)
    if origin is typing.Literal:
        choices = typing.get_args(hint)
        return lambda value: isinstance(value, str | int) and value in choices
    if origin is abc.Callable:
        return callable
    kind = origin if origin is not None else hint
    if kind is type(None):
        return lambda value: value is None
    if not isinstance(kind, type):
        return None
    if kind is float:
        return lambda value: (
            isinstance(value, int | float | np.number)
            and not isinstance(value, bool | np.bool_ | np.complexfloating)
        )
    if kind is int:
        return lambda value: isinstance(value, int | np.integer) and not isinstance(value, bool)
    if kind is bool:
        return lambda value: isinstance(value, bool | np.bool_)
    if kind is str:
        return lambda value: isinstance(value, str)
    return lambda value: isinstance(value, kind)
