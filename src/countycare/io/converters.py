"""The countycare cattrs converter: strict structuring, unknown keys refused, errors with paths.

Never the global cattrs converter: :func:`make_converter` builds the library's own, which

* refuses what would silently change a value — ``"12"`` or ``12.7`` for a count, ``true`` for a
  number, a number for text;
* reads vocabulary codes into their :class:`~countycare.labels.BilingualEnum`, listing the valid
  codes when one is unknown;
* reads dates from ISO text (JSON) or native dates (TOML) and writes ISO text;
* writes sets of codes as sorted lists and omits fields left at their default, so files stay small.

Examples
--------
>>> from countycare.labels import Name
>>> converter.structure({"en": "Wanrong", "zh": "万荣"}, Name)
Name(en='Wanrong', zh='万荣')
>>> converter.unstructure(Name("Wanrong", "万荣"))
{'en': 'Wanrong', 'zh': '万荣'}
"""

from __future__ import annotations

import datetime as dt
import typing
from enum import Enum
from typing import Any

import cattrs

from countycare.labels import BilingualEnum

__all__ = ["converter", "make_converter"]


def _structure_int(value: Any, tp: type) -> int:
    if tp is bool:
        return _structure_bool(value, tp)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {value!r}")
    return value


def _structure_float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {value!r}")
    return float(value)


def _structure_str(value: Any, tp: type) -> str:
    if _is_bilingual_enum(tp):
        return _structure_enum(value, tp)
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {value!r}")
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def _structure_date(value: Any, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        raise TypeError(f"expected a date (YYYY-MM-DD), got a date and time {value!r}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise TypeError(f"expected a date (YYYY-MM-DD), got {value!r}")


def _is_bilingual_enum(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, BilingualEnum)


def _structure_enum(value: Any, cls: type[BilingualEnum]) -> BilingualEnum:
    try:
        return cls(value)
    except ValueError:
        codes = ", ".join(cls.codes())
        raise ValueError(f"unknown {cls.__name__} {value!r}; expected one of: {codes}") from None


def _is_set_type(tp: Any) -> bool:
    return tp in (frozenset, set) or typing.get_origin(tp) in (frozenset, set)


def _unstructure_frozenset(value: frozenset[Any]) -> list[Any]:
    return sorted(v.value if isinstance(v, Enum) else v for v in value)


def make_converter() -> cattrs.Converter:
    """A new converter configured as described in the module docstring."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True, omit_if_default=True)
    # Class hooks dispatch through subclasses: the ``str`` hook also receives the StrEnum
    # vocabularies and the ``int`` hook ``bool``, so each hook looks at the exact type it got.
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_structure_hook_func(_is_bilingual_enum, _structure_enum)
    conv.register_unstructure_hook_func(_is_bilingual_enum, lambda e: e.value)
    conv.register_unstructure_hook_func(_is_set_type, _unstructure_frozenset)
    return conv


#: The converter countycare uses for its own file formats.
converter: cattrs.Converter = make_converter()
