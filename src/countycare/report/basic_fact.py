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

import attrs

from countycare.geography import to_tuple
from countycare.labels import Name
from countycare.provenance import Origin, Provenance

__all__ = ["BEDS", "COUNT", "PERSONS", "VISITS", "YUAN", "BasicFact", "BasicFacts", "origin_of"]


@attrs.frozen
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
        raise KeyError(code)

    def __iter__(self) -> Iterator[str]:
        return (f.code for f in self.facts)

    def __len__(self) -> int:
        return len(self.facts)


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
