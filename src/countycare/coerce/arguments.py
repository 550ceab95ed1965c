"""The arguments of public functions, converted and checked in one place.

Constructors convert their fields with attrs converters; a public *function* is wrapped by
:func:`boundary`, which reads the function's own type annotations and, before the body runs,
turns each argument into the annotated form with the converters of :mod:`countycare.coerce`
(a county from a dataset name or path, a period from ``"2024"``, a vocabulary member from its
code or label, a date from ISO text, an ``int`` or ``float`` from a numpy scalar, a
:class:`~pathlib.Path` from text) or refuses it with an
:class:`~countycare.errors.ArgumentError` naming the argument, what it got and what it accepts.
A wrong type thus never reaches the body, where it would surface as an ``AttributeError`` or
``TypeError`` from deep inside. A call the signature cannot take (an argument missing, one too
many, an unknown keyword) raises a :class:`~countycare.errors.CallError`, which is both a
library error and a ``TypeError``, with the signature as the caller reads it.

Only what an annotation states is checked: ``Any`` and ``object`` pass unchanged, a collection
(``Iterable[str]``, ``Collection[int]``) must be one and its items are checked like lone
arguments (one item alone, ``years=2024``, is the collection of that item), and a union
accepts any of its members. The annotations are read on the first call, when every module they
name is loaded.

Examples
--------
>>> from countycare.periods import Period
>>> @boundary
... def year_of(period: Period, repeat: int = 1) -> str:
...     return str(period) * repeat
>>> year_of("2024"), year_of(2024, repeat=np.int64(2))
('2024', '20242024')
>>> year_of([2024])
Traceback (most recent call last):
...
countycare.errors.ArgumentError: period: expected a period such as 2024, '2024Q1' ...
>>> year_of("2024", repeat=1.5)
Traceback (most recent call last):
...
countycare.errors.ArgumentError: repeat: expected a whole number, got a fraction 1.5
>>> year_of(periods="2024")
Traceback (most recent call last):
...
countycare.errors.CallError: year_of(): missing a required argument: 'period';
the signature is year_of(period, repeat=1)
"""

from __future__ import annotations

import collections.abc as abc
import datetime as dt
import functools
import inspect
import os
import sys
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import attrs
import numpy as np

from countycare.calls import call_error
from countycare.coerce.values import count, date, noun, number, refuse, text, vocabulary, yes_no
from countycare.errors import ArgumentError

__all__ = ["boundary", "read_annotation"]

_P = ParamSpec("_P")
_R = TypeVar("_R")

#: A check: (value, argument name) → the value in its annotated form, or an ArgumentError.
_Check = Callable[[Any, str], Any]

#: The classes of the model that a natural form (a code, a name, a path) may stand for, with
#: the converter of :mod:`countycare.coerce` that turns it into one.
_CONVERTED = {
    "County": "county",
    "Province": "province",
    "Period": "period",
    "IndicatorSet": "indicator_set",
    "MeasureTable": "measure_table",
}

#: What a collection annotation asks for, in the user's words.
_COLLECTIONS: dict[type, str] = {
    abc.Mapping: "a mapping (a dict)",
    abc.Sequence: "a sequence (a list or tuple)",
    abc.Collection: "a collection (a list, tuple or set)",
    abc.Iterable: "an iterable (a list, tuple or set)",
    abc.Set: "a set",
}


def boundary(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Wrap a public ``function``: its arguments are converted to their annotated forms, or
    refused with an :class:`~countycare.errors.ArgumentError`, before its body runs."""
    signature = inspect.signature(function)
    checks: dict[str, _Check] | None = None

    @functools.wraps(function)
    def checked(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        nonlocal checks
        if checks is None:
            checks = _checks(function, signature)
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as wrong:  # Python's own sentence, as a library error
            called, name = function.__qualname__, function.__name__
            method = "." in called and "<locals>" not in called  # Class.method: self not shown
            raise call_error(called, name, wrong, signature, method=method) from None
        arguments = bound.arguments
        for name, check in checks.items():
            if name in arguments:
                arguments[name] = check(arguments[name], name)
        return function(*bound.args, **bound.kwargs)

    return checked


def _checks(function: Callable[..., Any], signature: inspect.Signature) -> dict[str, _Check]:
    """A check for each parameter whose annotation says something checkable."""
    hints = _hints(function)
    found: dict[str, _Check] = {}
    for name, parameter in signature.parameters.items():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        check = _check_for(hints.get(name, Any))
        if check is not None:
            found[name] = check
    return found


def _hints(function: Callable[..., Any]) -> dict[str, Any]:
    """The function's annotations as objects. A name a module imports only for type checking
    is looked up among the classes of every loaded countycare module and the aliases of
    :mod:`countycare.forms`; a name still unknown leaves its parameter unchecked."""
    try:
        return typing.get_type_hints(function)
    except (NameError, TypeError):
        pass
    module_names = getattr(function, "__globals__", {})
    hints: dict[str, Any] = {}
    for name, annotation in getattr(function, "__annotations__", {}).items():
        try:
            hints[name] = read_annotation(annotation, module_names)
        except Exception:  # an annotation that cannot be read is not checked
            continue
    return hints


def read_annotation(annotation: Any, module_names: dict[str, Any]) -> Any:
    """An annotation as an object: its text (``from __future__ import annotations``) read with
    the names of its module (``module_names``), and where a name is imported only for type
    checking, those of every loaded countycare module and the aliases of
    :mod:`countycare.forms`. Raises what reading raises (a name still unknown)."""
    if not isinstance(annotation, str):
        return annotation
    namespace = {**_countycare_names(), **_form_aliases(), **module_names}
    return eval(annotation, namespace)  # the package's own annotation text


def _form_aliases() -> dict[str, Any]:
    """The aliases of :mod:`countycare.forms` (``CountyLike``…), which modules import only for
    type checking."""
    from countycare import forms

    return {name: getattr(forms, name) for name in forms.__all__}


def _countycare_names() -> dict[str, Any]:
    names: dict[str, Any] = {}
    for module_name, module in list(sys.modules.items()):
        if module is None or not module_name.startswith("countycare"):
            continue
        for key, value in vars(module).items():
            if isinstance(value, type) and not key.startswith("_"):
                names.setdefault(key, value)
    return names


def _check_for(hint: Any) -> _Check | None:
    """The check of one annotation; None when it asks for nothing checkable."""
    if hint is Any or hint is object or isinstance(hint, TypeVar | str):
        return None
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        members = [h for h in typing.get_args(hint) if h is not type(None)]
        if int in members:  # IntLike: a numpy integer is converted to an int, not kept
            members = [h for h in members if _plain_type(h) is not np.integer]
        return _union(members, hint)
    if origin is typing.Literal:
        return _literal(typing.get_args(hint))
    if origin is not None:
        return _generic(origin, typing.get_args(hint))
    if hint is type(None):
        return None
    if isinstance(hint, type):
        return _class(hint)
    return None


def _union(members: list[Any], hint: Any) -> _Check | None:
    optional = type(None) in typing.get_args(hint)
    checks = [_check_for(m) for m in members]
    if any(c is None for c in checks):
        return None  # a member that accepts anything: the union does too
    # a collection is never taken as it is: its items are checked (:func:`_collection`)
    accepted = tuple(_plain_type(m) for m in members if not _is_collection(m))
    converters = [c for c in checks if c is not None]

    def check(value: Any, argument: str) -> Any:
        if value is None and optional:
            return None
        if any(t is not None and _is_instance(value, t) for t in accepted):
            return value
        errors: list[ArgumentError] = []
        for convert in converters:
            try:
                return convert(value, argument)
            except ArgumentError as exc:
                errors.append(exc)
        inside = [e for e in errors if (e.argument or "").startswith(f"{argument}[")]
        if inside:  # a collection with a wrong item: name the item
            raise inside[0]
        if len(errors) == 1 or _natural_forms_of(members[0]):
            raise errors[0]  # a CountyLike, PeriodLike…: say what the class accepts
        wanted = " or ".join(_expected(m) for m in members)
        raise refuse(argument, wanted + (" (or None)" if optional else ""), value)

    return check


def _is_collection(hint: Any) -> bool:
    """Whether ``hint`` asks for a collection whose items the boundary checks (not a mapping)."""
    origin = typing.get_origin(hint)
    return origin in _COLLECTIONS and origin is not abc.Mapping


def _natural_forms_of(first: Any) -> bool:
    """Whether a union led by ``first`` lists the natural forms of one class (the aliases of
    :mod:`countycare.forms`): a class the boundary converts, a vocabulary, or a date."""
    from countycare.labels import BilingualEnum

    if first is dt.date:
        return True
    if not isinstance(first, type) or not first.__module__.startswith("countycare"):
        return False
    return first.__name__ in _CONVERTED or issubclass(first, BilingualEnum)


def _plain_type(hint: Any) -> type | None:
    origin = typing.get_origin(hint)
    if origin is not None:
        return origin if isinstance(origin, type) else None
    return hint if isinstance(hint, type) else None


def _is_instance(value: Any, kind: type) -> bool:
    if kind is float:
        return isinstance(value, float)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is str:
        return isinstance(value, str)
    if kind in _COLLECTIONS and isinstance(value, str | bytes):
        return False  # text is a collection of its characters to Python, never to the library
    return isinstance(value, kind)


def _literal(choices: tuple[Any, ...]) -> _Check:
    def check(value: Any, argument: str) -> Any:
        if isinstance(value, str | int) and value in choices:
            return value
        raise refuse(argument, "one of " + ", ".join(repr(c) for c in choices), value)

    return check


def _generic(origin: Any, args: tuple[Any, ...]) -> _Check | None:
    if origin is type:
        return None
    if origin is abc.Callable:
        return _callable
    if origin in _COLLECTIONS and origin is not abc.Mapping:
        return _collection(origin, args[0] if args else Any)
    if isinstance(origin, type):
        return _instance_of(origin, _expected(origin))
    return None


def _collection(kind: type, item: Any) -> _Check:
    """A collection of ``item``: text is never taken for the collection of its characters —
    where the items are text, one text is the collection of that one item (``indicators=
    "primary_visit_share"``), elsewhere it is refused; likewise one number, date, code or period
    (``years=2024``) is the collection of that one item. Each item is checked, so that a wrong
    one is named by its place (``bodies[2]``, ``years[0]``) instead of failing deep inside:
    an object of the model (an institution, a body) must be one; a number, text, a date, a
    code or a period is converted like a lone argument (``np.int64(2024)`` becomes ``2024``,
    ``"2024"`` among years is refused). A one-shot iterator is read into a tuple first, so the
    body can still read it."""
    words = _COLLECTIONS[kind]
    model = (
        isinstance(item, type)
        and attrs.has(item)
        and item.__module__.startswith("countycare")
        and item.__name__ not in _CONVERTED
    )
    convert = _item_check(item) if not model else None
    # items already of the plain type need no call: an ``int`` (not a ``bool``), text, a float
    # (numpy's ``float64`` and ``str_`` are subclasses of ``float`` and ``str``)
    plain = item if item in (int, str, float) else None

    def check(value: Any, argument: str) -> Any:
        if isinstance(value, np.ndarray) and kind is not abc.Set:
            return value  # an array is a sequence of its items, though not registered as one
        if isinstance(value, str) and item is str:
            return frozenset((value,)) if kind is abc.Set else (value,)
        if convert is not None and (isinstance(value, str) or not isinstance(value, abc.Iterable)):
            return _lone_item(
                value, convert, kind, argument, f"{words}, each item {_expected(item)}"
            )
        if not isinstance(value, kind) or isinstance(value, str):
            raise refuse(
                argument,
                words + (f", each item {_expected(item)}" if model or convert else ""),
                value,
            )
        if not model and convert is None:
            return value
        given: Any = value
        items = given if isinstance(given, abc.Collection) else tuple(given)
        if plain is int and all(type(element) is int for element in items):
            return items
        if plain in (str, float) and all(isinstance(element, plain) for element in items):
            return items
        if convert is not None:
            return _converted_items(items, convert, argument)
        for at, element in enumerate(items):
            if not isinstance(element, item):
                raise refuse(f"{argument}[{at}]", _expected(item), element)
        return items

    return check


def _item_check(item: Any) -> _Check | None:
    """The check of a collection's items when they are values a caller writes by hand (numbers,
    text, dates, paths, codes, periods, or a union of them); None for anything else, whose
    items are the body's to judge."""
    from countycare.labels import BilingualEnum

    origin = typing.get_origin(item)
    if origin is typing.Union or origin is types.UnionType:
        members = [m for m in typing.get_args(item) if m is not type(None)]
        plain = all(_item_check(m) is not None or _plain_type(m) is np.integer for m in members)
        return _check_for(item) if plain else None
    if not isinstance(item, type):
        return None
    simple = item in (int, float, str, dt.date, Path) or issubclass(item, BilingualEnum)
    converted = item.__module__.startswith("countycare") and item.__name__ in _CONVERTED
    return _check_for(item) if simple or converted else None


def _lone_item(value: Any, convert: _Check, kind: type, argument: str, words: str) -> Any:
    """One item given where a collection of them is asked for (``years=2024``): the collection
    of that one item, as one text is; refused as not a collection when it is no such item."""
    try:
        one = convert(value, argument)
    except ArgumentError:
        raise refuse(argument, words, value) from None
    return frozenset((one,)) if kind is abc.Set else (one,)


def _converted_items(items: Any, convert: _Check, argument: str) -> Any:
    """``items`` each converted (a wrong one refused at its index); the collection itself when
    no item changed, else a new one of the same kind where that kind is a plain list, tuple or
    set (a tuple otherwise)."""
    converted = [convert(element, f"{argument}[{at}]") for at, element in enumerate(items)]
    if isinstance(items, list | tuple | set | frozenset) and all(
        new is old for new, old in zip(converted, items, strict=True)
    ):
        return items
    if isinstance(items, list | set | frozenset):
        return type(items)(converted)
    return tuple(converted)


def _callable(value: Any, argument: str) -> Any:
    if callable(value):
        return value
    raise refuse(argument, "a function", value)


def _instance_of(kind: type, words: str) -> _Check:
    def check(value: Any, argument: str) -> Any:
        if isinstance(value, kind):
            return value
        raise refuse(argument, words, value)

    return check


def _class(kind: type) -> _Check:
    """The check of a class: a converter of :mod:`countycare.coerce` where one turns a natural
    form into it, else an ``isinstance`` test."""
    from countycare import coerce

    converters: dict[type, _Check] = {
        bool: yes_no,
        int: count,
        float: lambda v, a: number(v, a, finite=False),
        str: text,
        dt.date: date,
        Path: _path,
    }
    if kind in converters:
        return converters[kind]
    if kind is os.PathLike:
        return _path
    from countycare.labels import BilingualEnum

    if issubclass(kind, BilingualEnum):
        vocabulary_of: type[BilingualEnum] = kind
        return lambda v, a: vocabulary(vocabulary_of, v, a)
    if kind.__module__.startswith("countycare") and kind.__name__ in _CONVERTED:
        converter: _Check = getattr(coerce, _CONVERTED[kind.__name__])
        return converter
    if kind in _COLLECTIONS:
        return _instance_of(kind, _COLLECTIONS[kind])
    return _instance_of(kind, _expected(kind))


def _path(value: Any, argument: str) -> Path:
    if isinstance(value, str | os.PathLike) and not isinstance(value, bytes):
        return Path(value)
    raise refuse(argument, "a path (text or a pathlib.Path)", value)


def _expected(hint: Any) -> str:
    """An annotation in the user's words: ``a county``, ``text``, ``a number``."""
    plain = _plain_type(hint)
    words = {
        bool: "True or False",
        int: "a whole number",
        float: "a number",
        str: "text",
        dt.date: "a date",
        Path: "a path",
        os.PathLike: "a path",
        np.ndarray: "an array",
    }
    if plain is None:
        return str(hint)
    if plain in words:
        return words[plain]
    if plain in _COLLECTIONS:
        return _COLLECTIONS[plain]
    what = noun(plain) if plain.__module__.startswith("countycare") else plain.__name__
    return ("an " if what[:1] in "aeiou" else "a ") + what
