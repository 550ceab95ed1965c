"""Turn plain data (parsed TOML or JSON) into model objects, collecting every problem with its path.

cattrs stops short of two things users need: a key nobody asked for (a typo) must be reported,
not dropped, and reported *together with* the other problems. :func:`structure` therefore first
walks the data against the attrs classes to find unknown keys (suggesting the closest known
key), removes them, then structures with the strict converter and turns cattrs' exception group
into :class:`~countycare.errors.Problem` s with ``$.path`` locations.

Examples
--------
>>> from countycare.labels import Name
>>> structure({"en": "Wanrong", "zh": "万荣", "fr": "Wanrong"}, Name)
Traceback (most recent call last):
...
countycare.errors.DataError: $.fr: unknown key 'fr'; expected one of: en, zh
"""

from __future__ import annotations

import copy
import difflib
import functools
import types
import typing
from typing import Any, TypeVar

import attrs
import cattrs

from countycare.coerce.arguments import boundary
from countycare.errors import ArgumentError, DataError, Problem
from countycare.io.converters import converter as default_converter

__all__ = ["structure", "structure_collecting", "structure_problems", "unknown_keys"]

_T = TypeVar("_T")


def _attrs_target(tp: Any) -> Any:
    """The attrs class a type annotation holds directly or optionally, else None."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        candidates = [a for a in typing.get_args(tp) if a is not type(None)]
        return _attrs_target(candidates[0]) if len(candidates) == 1 else None
    return tp if attrs.has(tp) else None


def _element_target(tp: Any) -> Any:
    """For ``tuple[X, ...]``, ``list[X]``, ``frozenset[X]``: the attrs class X, else None."""
    if typing.get_origin(tp) in (tuple, list, frozenset, set):
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        if len(args) == 1:
            return _attrs_target(args[0])
    return None


def _is_sequence(tp: Any) -> bool:
    """Whether an annotation is a tuple, list or set (optionally None): a list in a file."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        candidates = [a for a in typing.get_args(tp) if a is not type(None)]
        return len(candidates) == 1 and _is_sequence(candidates[0])
    return tp in (tuple, list, frozenset, set) or origin in (tuple, list, frozenset, set)


def _brief(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def unknown_keys(data: Any, cls: type, path: str = "$") -> list[tuple[str, str, list[Any], str]]:
    """Find keys of ``data`` that ``cls`` (recursively) does not define, and keys that hold
    something other than a list where ``cls`` expects one (text would be read letter by letter).

    Returns ``(path, key, container_path_parts, message)`` tuples; used by :func:`structure`.
    """
    found: list[tuple[str, str, list[Any], str]] = []
    _walk(data, cls, path, None, found)
    return found


@functools.cache
def _fields(cls: type) -> tuple[dict[str, tuple[bool, Any, Any]], list[str]]:
    """For each field of an attrs class: whether it holds a list, the attrs class it holds (or
    None) and the attrs class of its elements (or None); and the field names. Worked out once
    per class: a county file holds thousands of objects, and resolving type hints each time
    cost seconds a file."""
    hints = typing.get_type_hints(cls)
    known = [f.name for f in attrs.fields(cls)]
    shapes = {
        name: (_is_sequence(hints[name]), _attrs_target(hints[name]), _element_target(hints[name]))
        for name in known
    }
    return shapes, known


#: Where a table sits, as a chain ``(the container's chain, key or index)``; spelt out only for
#: a problem, since a county file holds tens of thousands of tables.
_Chain = tuple[Any, str | int] | None


def _parts(chain: _Chain) -> list[Any]:
    parts: list[Any] = []
    while chain is not None:
        chain, step = chain
        parts.append(step)
    return parts[::-1]


def _spelt(root: str, parts: list[Any], key: str) -> str:
    steps = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)
    return f"{root}{steps}.{key}"


def _walk(
    data: Any, cls: type, root: str, chain: _Chain, found: list[tuple[str, str, list[Any], str]]
) -> None:
    if not isinstance(data, dict):
        return
    shapes, known = _fields(cls)
    for key, value in data.items():
        if key not in shapes:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = (
                f"; did you mean {close[0]!r}?"
                if close
                else f"; expected one of: {', '.join(known)}"
            )
            parts = _parts(chain)
            found.append((_spelt(root, parts, key), key, parts, f"unknown key {key!r}{hint}"))
            continue
        sequence, target, element = shapes[key]
        if sequence and not isinstance(value, list):
            parts = _parts(chain)
            found.append(
                (_spelt(root, parts, key), key, parts, f"expected a list, got {_brief(value)}")
            )
            continue
        if target is not None:
            _walk(value, target, root, (chain, key), found)
            continue
        if element is not None and isinstance(value, list):
            here = (chain, key)
            for index, item in enumerate(value):
                _walk(item, element, root, (here, index), found)


_FIELD_MARK = "\x00"


def _field_of(exc: BaseException) -> str | None:
    """The field a validator or converter complained about (ours: its argument; attrs': args[1])."""
    if isinstance(exc, ArgumentError):
        return exc.argument
    if len(exc.args) >= 2 and isinstance(exc.args[1], attrs.Attribute):
        return exc.args[1].name
    return None


def _format_exception(exc: BaseException, tp: type | None) -> str:
    field = _field_of(exc)
    if field is not None:
        message = exc.reason if isinstance(exc, ArgumentError) else exc.args[0]
        return f"{_FIELD_MARK}{field}{_FIELD_MARK}{message}"
    if isinstance(exc, KeyError):
        return "required key is missing"
    if isinstance(exc, AttributeError) and exc.name == "keys" and tp is not None and attrs.has(tp):
        return f"expected a table of keys, got {_brief(exc.obj)}"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown keys {sorted(exc.extra_fields)}"
    return str(exc) or "not a valid value here"  # never an exception's class name


@boundary
def structure_problems(exc: Exception, path: str = "$") -> list[Problem]:
    """cattrs' (possibly grouped) structuring errors as Problems with ``$.path`` locations."""
    problems = []
    for line in cattrs.transform_error(exc, path=path, format_exception=_format_exception):
        message, _, where = line.rpartition(" @ ")
        if message.startswith(_FIELD_MARK):
            _, field, message = message.split(_FIELD_MARK, 2)
            where = f"{where}.{field}"
        problems.append(Problem(where or path, message or line))
    return problems


def structure_collecting(
    data: Any, cls: type[_T], *, conv: cattrs.Converter | None = None
) -> tuple[_T | None, list[Problem]]:
    """Structure ``data`` into ``cls`` and return it with every problem found.

    Unknown keys are problems, but the object is still built without them, so that checks of
    the model can run and report in the same pass. The object is None when structuring failed.
    """
    conv = conv or default_converter
    if not isinstance(data, dict):
        return None, [Problem("$", f"expected a table of keys, got {_brief(data)}")]
    extras = unknown_keys(data, cls)
    problems = [Problem(where, message) for where, _, _, message in extras]
    if extras:
        data = copy.deepcopy(data)
        for _, key, parts, _ in extras:
            container: Any = data
            for part in parts:
                container = container[part]
            container.pop(key, None)
    try:
        result = conv.structure(data, cls)
    except Exception as exc:  # cattrs raises ClassValidationError groups and plain errors
        reported = {p.path for p in problems}
        found = [p for p in structure_problems(exc) if p.path not in reported]
        return None, [*problems, *found]
    return result, problems


@boundary
def structure(
    data: Any,
    cls: type[_T],
    *,
    source: str | None = None,
    conv: cattrs.Converter | None = None,
) -> _T:
    """Structure ``data`` into ``cls``, raising one :class:`DataError` that lists every problem.

    ``source`` names the file in the error. Unknown keys are problems (a typo must not vanish).
    """
    result, problems = structure_collecting(data, cls, conv=conv)
    if result is None or problems:
        raise DataError(problems, source)
    return result
