"""Where a dataset's figures come from: the source, or an illustrative value filled in.

A packaged county such as Wanrong mixes figures read in a source (14 townships, 362,000
residents) with plausible values that no source gives (per-village populations, beds, staff).
:class:`Provenance` records which is which so that a user never mistakes one for the other.

Examples
--------
>>> src = Source(id="wanrong-interview-2022",
...              title="Interview with the head of the Wanrong County Medical Group",
...              citation="健康县域传媒, 2022-03-28")
>>> fact = Fact(subject="$.townships", statement="14 townships", origin=Origin.SOURCE,
...             source="wanrong-interview-2022")
>>> Provenance(sources=(src,), facts=(fact,)).from_source()[0].statement
'14 townships'
"""

from __future__ import annotations

import attrs

from countycare.geography import to_tuple
from countycare.labels import BilingualEnum

__all__ = ["Fact", "Origin", "Provenance", "Source"]


class Origin(BilingualEnum):
    """Whether a figure was read in a source, filled in for illustration, or derived from others."""

    SOURCE = ("source", "From the source", "来自原文")
    ILLUSTRATIVE = ("illustrative", "Illustrative (not from any source)", "示意值")
    DERIVED = ("derived", "Derived from other figures", "推算")


@attrs.frozen
class Source:
    """A document that figures are taken from."""

    id: str
    title: str
    citation: str = ""
    url: str = ""


@attrs.frozen
class Fact:
    """One statement about a dataset's figures: what it covers, and where it comes from.

    ``subject`` is the path of the figures in the dataset (``$.institutions[*].beds``).
    """

    subject: str
    statement: str
    origin: Origin = attrs.field(validator=attrs.validators.instance_of(Origin))
    source: str | None = None


def _known_sources(
    instance: Provenance, attribute: attrs.Attribute[tuple[Fact, ...]], facts: tuple[Fact, ...]
) -> None:
    ids = {s.id for s in instance.sources}
    for fact in facts:
        if fact.source is not None and fact.source not in ids:
            raise ValueError(f"fact {fact.statement!r} cites unknown source {fact.source!r}")


@attrs.frozen
class Provenance:
    """The sources of a dataset and, for each group of figures, where it comes from."""

    sources: tuple[Source, ...] = attrs.field(default=(), converter=to_tuple)
    facts: tuple[Fact, ...] = attrs.field(default=(), converter=to_tuple, validator=_known_sources)

    def from_source(self) -> tuple[Fact, ...]:
        """The facts read in a source."""
        return tuple(f for f in self.facts if f.origin is Origin.SOURCE)

    def illustrative(self) -> tuple[Fact, ...]:
        """The facts filled in for illustration."""
        return tuple(f for f in self.facts if f.origin is Origin.ILLUSTRATIVE)
