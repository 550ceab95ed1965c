"""A call its signature cannot take, refused as a library error.

Python answers a call with an argument missing, one too many or an unknown keyword with a plain
``TypeError``; countycare raises a :class:`~countycare.errors.CallError` instead (still a
``TypeError``), with the signature as a caller reads it. Public functions get it from
:func:`countycare.coerce.arguments.boundary`; the constructor and the public methods of a class
get it from :func:`calls_checked`. This module imports nothing of countycare until a call is
refused (then its errors), so that any module (the errors and labels themselves, periods, the
county) can use it.

Examples
--------
>>> @calls_checked
... class Tally:
...     def __init__(self, start: int = 0) -> None:
...         self.start = start
...     def add(self, n: int) -> int:
...         return self.start + n
>>> Tally().add(1)
1
>>> Tally().add()
Traceback (most recent call last):
...
countycare.errors.CallError: Tally.add(): missing a required argument: 'n';
the signature is add(n)
>>> Tally(start=1, step=2)
Traceback (most recent call last):
...
countycare.errors.CallError: Tally(): got an unexpected keyword argument 'step';
the signature is Tally(start=0)
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # imported when a call is refused: errors and labels use this module
    from countycare.errors import CallError

__all__ = ["call_error", "calls_checked", "shown"]

_C = TypeVar("_C", bound=type)


class _Default:
    """A default as :func:`shown` prints it: a plain value as Python writes it, else ``…``."""

    def __init__(self, value: Any) -> None:
        plain = value is None or type(value) in (bool, int, float, str)
        self._text = repr(value) if plain and len(repr(value)) <= 30 else "…"

    def __repr__(self) -> str:
        return self._text


def shown(name: str, signature: inspect.Signature, *, method: bool = False) -> str:
    """The signature as a caller reads it: the names, and the defaults that are plain values
    (an object's default is ``…``), without the annotations; a method's ``self`` or ``cls``
    left out."""
    parameters = list(signature.parameters.values())[1 if method else 0 :]
    plain = signature.replace(
        parameters=[
            p.replace(annotation=p.empty, default=_Default(p.default))
            if p.default is not p.empty
            else p.replace(annotation=p.empty)
            for p in parameters
        ],
        return_annotation=inspect.Signature.empty,
    )
    return f"{name}{plain}"


def call_error(
    called: str, name: str, wrong: TypeError, signature: inspect.Signature, *, method: bool = False
) -> CallError:
    """The :class:`~countycare.errors.CallError` of a call to ``called`` that ``signature``
    could not bind (``wrong``: Python's own sentence)."""
    from countycare.errors import CallError

    return CallError(f"{called}(): {wrong}", shown(name, signature, method=method))


def _guarded(function: Callable[..., Any], owner: str, *, method: bool) -> Callable[..., Any]:
    """``function`` as it was, but a call its signature cannot take is a CallError. A right
    call costs the wrapper's own call: the signature is bound only after a ``TypeError``, to
    tell a wrong call (it does not bind) from a ``TypeError`` of the body (re-raised as is)."""
    signature = inspect.signature(function)
    # a constructor is called by the class's name: DrgRules(), not DrgRules.__init__()
    called = owner if function.__name__ == "__init__" else f"{owner}.{function.__name__}"
    name = owner if function.__name__ == "__init__" else function.__name__

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except TypeError:
            try:
                signature.bind(*args, **kwargs)
            except TypeError as wrong:
                error = call_error(called, name, wrong, signature, method=method)
                raise error from None
            raise

    return guarded


def calls_checked(cls: _C) -> _C:
    """Give the constructor and each public method of ``cls`` (its own, not inherited;
    instance methods, class methods and static methods) the
    :class:`~countycare.errors.CallError` of a wrong call. A method already wrapped by the
    boundary has it and is left as it is. Put it above ``@attrs.frozen``, which makes a new
    class (and its ``__init__``)."""
    owner = cls.__name__
    for key, value in list(vars(cls).items()):
        if key.startswith("_") and key != "__init__":
            continue
        if isinstance(value, classmethod | staticmethod):
            function = value.__func__
            if hasattr(function, "__wrapped__"):
                continue
            kind = type(value)
            setattr(cls, key, kind(_guarded(function, owner, method=kind is classmethod)))
        elif inspect.isfunction(value) and not hasattr(value, "__wrapped__"):
            setattr(cls, key, _guarded(value, owner, method=True))
    return cls
