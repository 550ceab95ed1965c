"""One figure of a county's basic facts (:class:`BasicFact`) and the facts in a report's order
(:class:`BasicFacts`); the units they are stated in, and where a figure comes from.

Examples
--------
>>> from countycare.labels import Name
>>> fact = BasicFact("villages", Name("Administrative villages", "行政村"), 207, COUNT)
>>> fact.known, fact.unit_in("zh")
(True, '个')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from countycare.calls import calls_checked
from countycare.coerce.fields import checked_fields
from countycare.errors import UnknownKeyError
from countycare.geography import to_tuple
from countycare.labels import Name
from countycare.provenance import Origin, Provenance
from countycare.units import Q_, fen

__all__ = ["BEDS", "COUNT", "PERSONS", "VISITS", "YUAN", "BasicFact", "BasicFacts", "origin_of"]


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class BasicFact:
    """One figure of the basic facts: its value (``None`` with a reason when it cannot be
    stated), its unit as ``(English, Chinese)`` text, and its origin."""

    code: str
    label: Name
    value: int | float | str | None
    unit: tuple[str, str] = ("", "")
    origin: Origin | None = None
    reason: str = ""
    period: str | None = None

    def unit_in(self, language: str) -> str:
        """The unit's text in ``language`` (``"en"`` or ``"zh"``)."""
        return self.unit[1] if language == "zh" else self.unit[0]

    @property
    def known(self) -> bool:
        """Whether the figure can be stated."""
        return self.value is not None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: code, label and unit in both languages, the value (money to the fen;
        null with a ``reason`` when it cannot be stated), origin and period.

        >>> BasicFact("villages", Name("Administrative villages", "行政村"), 207, COUNT).to_dict()
        {'code': 'villages', 'label': {'en': 'Administrative villages', 'zh': '行政村'}, \
'value': 207, 'unit': {'en': '', 'zh': '个'}, 'origin': None, 'reason': '', 'period': None}
        """
        value = self.value
        if self.unit == YUAN and isinstance(value, int | float):
            value = fen(Q_(value, "yuan"))
        return {
            "code": self.code,
            "label": {"en": self.label.en, "zh": self.label.zh},
            "value": value,
            "unit": {"en": self.unit[0], "zh": self.unit[1]},
            "origin": self.origin.value if self.origin else None,
            "reason": self.reason,
            "period": self.period,
        }


@calls_checked
@attrs.frozen
class BasicFacts(Mapping[str, BasicFact]):
    """The basic facts in the order a report states them, looked up by code."""

    county: str
    name: Name
    facts: tuple[BasicFact, ...] = attrs.field(converter=to_tuple)
    as_of: dt.date | None = None
    period: str | None = None

    def __getitem__(self, code: str) -> BasicFact:
        for fact in self.facts:
            if fact.code == code:
                return fact
        known = ", ".join(f.code for f in self.facts)
        raise UnknownKeyError(f"no basic fact {code!r}; the facts are {known}")

    def __iter__(self) -> Iterator[str]:
        return (f.code for f in self.facts)

    def __len__(self) -> int:
        return len(self.facts)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the county, the day and period the facts are stated for, and each fact
        (:meth:`BasicFact.to_dict`) in the report's order."""
        return {
            "county": self.county,
            "name": {"en": self.name.en, "zh": self.name.zh},
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "period": self.period,
            "facts": [fact.to_dict() for fact in self.facts],
        }


#: Units as (English, Chinese) text.
PERSONS = ("persons", "人")
COUNT = ("", "个")
BEDS = ("beds", "张")
VISITS = ("visits", "人次")
YUAN = ("yuan", "元")


def origin_of(provenance: Provenance, *subjects: str) -> Origin | None:
    """The origin of the figures at ``subjects`` (a fact's subject, exactly): illustrative if
    any fact about them is, else from the source if one is, else None (nothing is said)."""
    found = {f.origin for f in provenance.facts if f.subject in subjects}
    for origin in (Origin.ILLUSTRATIVE, Origin.SOURCE, Origin.DERIVED):
        if origin in found:
            return origin
    return None
