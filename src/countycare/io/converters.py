"""The countycare cattrs converter: strict structuring, unknown keys refused, errors with paths.

Never the global cattrs converter: :func:`make_converter` builds the library's own. Its hooks are
the functions of :mod:`countycare.coerce`, the same that every public constructor uses, so a value
means one thing in Python, TOML and JSON. It

* refuses what would silently change a value — ``"12"`` or ``12.7`` for a count, ``true`` for a
  number, a number for text;
* reads vocabulary codes (any case, or an unambiguous label) into their
  :class:`~countycare.labels.BilingualEnum`, suggesting the closest code when one is unknown;
* reads dates from ISO text (JSON) or native dates (TOML), and writes ISO text for JSON and TOML
  dates for TOML (:data:`toml_converter`);
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

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.labels import BilingualEnum

__all__ = ["converter", "make_converter", "toml_converter"]


def _structure_int(value: Any, tp: type) -> int:
    if tp is bool:
        return _structure_bool(value, tp)
    return coerce.count(value)


def _structure_float(value: Any, _: type) -> float:
    # NaN and infinities pass here: the models' validators refuse them with their own words.
    return coerce.number(value, finite=False)


def _structure_str(value: Any, tp: type) -> str:
    if tp is str:  # the common case; vocabularies come through this hook too
        return coerce.text(value)
    if _is_bilingual_enum(tp):
        return _structure_enum(value, tp)
    return coerce.text(value)


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise coerce.refuse(None, "true or false", value)
    return value


def _structure_date(value: Any, _: type) -> dt.date:
    return coerce.date(value)


def _is_bilingual_enum(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, BilingualEnum)


def _structure_enum(value: Any, cls: type[BilingualEnum]) -> BilingualEnum:
    return coerce.vocabulary(cls, value)


def _is_set_type(tp: Any) -> bool:
    return tp in (frozenset, set) or typing.get_origin(tp) in (frozenset, set)


def _unstructure_frozenset(value: frozenset[Any]) -> list[Any]:
    return sorted(v.value if isinstance(v, Enum) else v for v in value)


@boundary
def make_converter(*, native_dates: bool = False) -> cattrs.Converter:
    """A new converter configured as described in the module docstring.

    Dates unstructure to ISO text (JSON-ready), or stay dates with ``native_dates`` (for TOML,
    which has a date type of its own).
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True, omit_if_default=True)
    # Class hooks dispatch through subclasses: the ``str`` hook also receives the StrEnum
    # vocabularies and the ``int`` hook ``bool``, so each hook looks at the exact type it got.
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.date, _structure_date)
    if not native_dates:
        conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook_func(_is_bilingual_enum, _structure_enum)
    conv.register_unstructure_hook_func(_is_bilingual_enum, lambda e: e.value)
    conv.register_unstructure_hook_func(_is_set_type, _unstructure_frozenset)
    return conv


#: The converter countycare uses for its own file formats (dates as ISO text: JSON-ready).
converter: cattrs.Converter = make_converter()
#: The same, writing dates as dates: TOML files hold ``valid_from = 2017-04-01``, not text.
toml_converter: cattrs.Converter = make_converter(native_dates=True)
