"""The indicator vocabulary at the boundary: indicator and set codes, citations, comparators.

Where a field holds the code of an indicator or of an indicator set, the definition or the set
itself gives its code; a citation is a :class:`~countycare.indicators.definitions.Reference`, the
title of its document, or a mapping of its fields (as target files write it); a comparator is its
code, a label or its symbol (``≥``, ``>=``). See :mod:`countycare.coerce`.

Examples
--------
>>> from countycare.indicators.catalogues import SETS
>>> set_codes(SETS["nhc-2024"]), set_codes(["nhc-2024", "nhc-2020"])
(('nhc-2024',), ('nhc-2024', 'nhc-2020'))
>>> reference({"document": "County plan", "year": 2024})
Reference(document='County plan', number='', year=2024, clause='', url='', note='', ...)
>>> comparator(">="), comparator("不高于")
(<Comparator.AT_LEAST: 'ge'>, <Comparator.AT_MOST: 'le'>)
>>> comparator("abuot", "comparator")
Traceback (most recent call last):
...
countycare.errors.ArgumentError: comparator: unknown comparator 'abuot'; did you mean 'about'?
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from countycare.coerce.values import iterable_items, refuse, suggest, vocabulary
from countycare.errors import ArgumentError

if TYPE_CHECKING:
    from countycare.indicators.definitions import Reference
    from countycare.indicators.targets import Comparator

__all__ = ["comparator", "indicator_code", "reference", "set_code", "set_codes"]

#: The symbols a comparator may be written as.
_SYMBOLS = {"≥": "ge", ">=": "ge", "≤": "le", "<=": "le", "=": "eq", "==": "eq", "≈": "about"}


def indicator_code(value: object, argument: str | None = None) -> str:
    """The code of an indicator: text, or an indicator definition (its code)."""
    from countycare.indicators.definitions import IndicatorDefinition

    if isinstance(value, IndicatorDefinition):
        return value.code
    if not isinstance(value, str):
        raise refuse(argument, "an indicator code such as 'primary_visit_share'", value)
    return str(value)


def set_code(value: object, argument: str | None = None) -> str:
    """The code of an indicator set: text, or the set itself (its code)."""
    from countycare.indicators.definitions import IndicatorSet

    if isinstance(value, IndicatorSet):
        return value.code
    if not isinstance(value, str):
        raise refuse(argument, "an indicator set or its code, such as 'nhc-2024'", value)
    return str(value)


def set_codes(value: object, argument: str | None = None) -> tuple[str, ...]:
    """Codes of indicator sets, in order, from one set or code or any iterable of them."""
    from countycare.indicators.definitions import IndicatorSet

    if isinstance(value, str | IndicatorSet):
        return (set_code(value, argument),)
    items = iterable_items(value, argument, "indicator sets or their codes, such as ['nhc-2024']")
    where = argument or ""
    return tuple(set_code(item, f"{where}[{i}]") for i, item in enumerate(items))


_CITATION = "a citation: Reference(document, ...), the document's title or {'document': ...}"


def reference(value: object, argument: str | None = None) -> Reference:
    """A citation: a :class:`Reference`, the title of its document, or a mapping of its fields
    (``document`` required; ``issuer``, ``number``, ``year``, ``date``, ``clause``, ``url``,
    ``note``)."""
    import attrs

    from countycare.indicators.definitions import Reference

    if isinstance(value, Reference):
        return value
    if isinstance(value, str):
        return Reference(value)
    if not isinstance(value, Mapping):
        raise refuse(argument, _CITATION, value)
    fields = [f.name for f in attrs.fields(Reference)]
    where = f"{argument or ''}."
    for key in value:
        if key not in fields:
            hint = suggest(str(key), fields)
            raise ArgumentError(f"{where}{key}", f"unknown field of a citation {key!r}{hint}")
    if "document" not in value:
        raise ArgumentError(f"{where}document", "a citation needs its document's title")
    try:
        return Reference(**{str(k): v for k, v in value.items()})
    except ArgumentError as exc:
        raise ArgumentError(f"{where}{exc.argument or 'document'}", exc.reason) from None


def comparator(value: object, argument: str | None = None) -> Comparator:
    """A comparator: a member, its code or label in any case, or a symbol (``≥``, ``<=``)."""
    from countycare.indicators.targets import Comparator

    if isinstance(value, str) and value.strip() in _SYMBOLS:
        return Comparator(_SYMBOLS[value.strip()])
    return vocabulary(Comparator, value, argument)
