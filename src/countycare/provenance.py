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

from countycare.calls import calls_checked
from countycare.coerce import elements, name_arguments, text
from countycare.errors import FieldError
from countycare.labels import BilingualEnum

__all__ = ["Fact", "Origin", "Provenance", "Source"]


class Origin(BilingualEnum):
    """Whether a figure was read in a source, filled in for illustration, or derived from others."""

    SOURCE = ("source", "From the source", "来自原文")
    ILLUSTRATIVE = ("illustrative", "Illustrative (not from any source)", "示意值")
    DERIVED = ("derived", "Derived from other figures", "推算")


def _optional_text(value: object) -> str | None:
    return None if value is None else text(value)


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Source:
    """A document that figures are taken from."""

    id: str = attrs.field(converter=text)
    title: str = attrs.field(converter=text)
    citation: str = attrs.field(default="", converter=text)
    url: str = attrs.field(default="", converter=text)


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Fact:
    """One statement about a dataset's figures: what it covers, and where it comes from.

    ``subject`` is the path of the figures in the dataset (``$.institutions[*].beds``).
    """

    subject: str = attrs.field(converter=text)
    statement: str = attrs.field(converter=text)
    origin: Origin = attrs.field(converter=Origin)
    source: str | None = attrs.field(default=None, converter=_optional_text)


def _known_sources(
    instance: Provenance, attribute: attrs.Attribute[tuple[Fact, ...]], facts: tuple[Fact, ...]
) -> None:
    ids = {s.id for s in instance.sources}
    for fact in facts:
        if fact.source is not None and fact.source not in ids:
            raise FieldError(
                "facts", f"fact {fact.statement!r} cites unknown source {fact.source!r}"
            )


def _sources(values: object) -> tuple[Source, ...]:
    return elements(values, Source, "source (Source(id, title))")


def _facts(values: object) -> tuple[Fact, ...]:
    return elements(values, Fact, "fact (Fact(subject, statement, origin))")


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Provenance:
    """The sources of a dataset and, for each group of figures, where it comes from."""

    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    facts: tuple[Fact, ...] = attrs.field(default=(), converter=_facts, validator=_known_sources)

    def from_source(self) -> tuple[Fact, ...]:
        """The facts read in a source."""
        return tuple(f for f in self.facts if f.origin is Origin.SOURCE)

    def illustrative(self) -> tuple[Fact, ...]:
        """The facts filled in for illustration."""
        return tuple(f for f in self.facts if f.origin is Origin.ILLUSTRATIVE)
