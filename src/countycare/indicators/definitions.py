"""Indicator definitions: a formula with a unit, a direction, dates, a citation and a status.

A definition cannot be made when its formula's unit does not reduce to the declared unit: visits
divided by admissions can never be declared a percentage. Definitions are dated (OpenFisca-style):
asking for a period in which no definition is in force gives an undefined value, never 0.

Examples
--------
>>> import datetime as dt
>>> from countycare.labels import Name, SourceStatus
>>> from countycare.indicators.formulas import Ratio
>>> ref = Reference("Worked example", year=2024)
>>> d = IndicatorDefinition(
...     code="primary_visit_share", name=Name("Primary visit share", "基层诊疗量占比"),
...     set_code="example", item="1", formula=Ratio("visits_primary", "visits"),
...     unit="percent", direction=Direction.INCREASE, valid_from=dt.date(2024, 1, 1),
...     reference=ref, status=SourceStatus.RECONSTRUCTED)
>>> d.in_force(Period.parse("2023")), d.in_force(Period.parse("2024Q2"))
(False, True)
>>> IndicatorDefinition(
...     code="bad", name=Name("Bad", "错"), set_code="example", item="2",
...     formula=Ratio("visits", "admissions_insured_total"), unit="percent",
...     direction=Direction.INCREASE, valid_from=dt.date(2024, 1, 1), reference=ref,
...     status=SourceStatus.RECONSTRUCTED)
Traceback (most recent call last):
...
countycare.errors.UnitError: indicator 'bad': the formula gives 'visit / admission' ...
"""

from __future__ import annotations

import datetime as dt
import numbers
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from countycare.calls import calls_checked
from countycare.coerce import (
    bilingual_name,
    count,
    date,
    describe,
    elements,
    name_arguments,
    optional_date,
    optional_number,
    refuse,
    text,
    vocabulary,
)
from countycare.coerce import reference as _reference
from countycare.coerce import set_code as _set_code
from countycare.coerce import unit as _unit
from countycare.errors import DefinitionError, FieldError, UnitError
from countycare.geography import valid_id
from countycare.indicators.formulas import (
    Checklist,
    Count,
    Formula,
    Growth,
    PrematureMortality,
    Ratio,
    RatioOfRatios,
)
from countycare.labels import BilingualEnum, Name, SourceStatus
from countycare.periods import Period
from countycare.units import parse_unit

__all__ = [
    "Direction",
    "IndicatorDefinition",
    "IndicatorSet",
    "Reference",
    "weakest_status",
]

_FORMULA_KINDS = (Count, Ratio, RatioOfRatios, Growth, PrematureMortality, Checklist)


class Direction(BilingualEnum):
    """Which way an indicator should move."""

    INCREASE = ("increase", "Higher is better", "越高越好")
    DECREASE = ("decrease", "Lower is better", "越低越好")
    TOWARD = ("toward", "Closer to a value is better", "越接近目标值越好")


def _optional_year(value: object) -> int | None:
    return None if value is None else count(value)


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Reference:
    """Where a definition (or a target) comes from: document, number, year, clause, URL, and
    the issuer and date of issue where known.

    >>> ref = Reference("健康中国行动(2019—2030年)", year=2019, issuer="健康中国行动推进委员会",
    ...                 date=dt.date(2019, 7, 9))
    >>> str(ref)
    '健康中国行动推进委员会, 健康中国行动(2019—2030年), 2019-07-09'
    >>> ref.to_dict()["date"]
    '2019-07-09'
    """

    document: str = attrs.field(converter=text)
    number: str = attrs.field(default="", converter=text)
    year: int | None = attrs.field(default=None, converter=_optional_year)
    clause: str = attrs.field(default="", converter=text)
    url: str = attrs.field(default="", converter=text)
    note: str = attrs.field(default="", converter=text)
    issuer: str = attrs.field(default="", converter=text)
    date: dt.date | None = attrs.field(default=None, converter=optional_date)

    def __str__(self) -> str:
        when = self.date.isoformat() if self.date else str(self.year or "")
        parts = [self.issuer, self.document, self.number, when, self.clause]
        return ", ".join(p for p in parts if p)

    def to_dict(self) -> dict[str, Any]:
        """The citation as JSON-ready data, with its one-line text under ``text``."""
        return {
            "issuer": self.issuer or None,
            "document": self.document,
            "number": self.number or None,
            "year": self.year,
            "date": self.date.isoformat() if self.date else None,
            "clause": self.clause or None,
            "url": self.url or None,
            "note": self.note or None,
            "text": str(self),
        }


def _formula(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, _FORMULA_KINDS):
        kinds = ", ".join(kind.__name__ for kind in _FORMULA_KINDS)
        raise FieldError(
            attribute.name,
            f"{attribute.name} must be a formula ({kinds}), got {describe(value)}",
        )


def _item(value: object) -> str:
    """An item number as text (``"3.1"``, ``"2.2a"``); a whole number is its text."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return str(int(value))
    raise refuse(None, "an item number such as '3.1'", value)


def _direction(value: object) -> Direction | None:
    return None if value is None else vocabulary(Direction, value)


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class IndicatorDefinition:
    """One indicator of one set, in force from ``valid_from`` to ``valid_to`` (inclusive).

    The arguments take their natural forms (:mod:`countycare.coerce`): the name as an
    ``(en, zh)`` pair, the unit as text or a pint unit, the direction and status as codes or
    labels, dates as ISO text or Timestamps, the reference as a title or a mapping.

    >>> from countycare.indicators.formulas import Ratio
    >>> d = IndicatorDefinition("share", ("Share", "占比"), "example", 1,
    ...     Ratio("visits_primary", "visits"), "percent", "increase", "2024-01-01",
    ...     "Worked example", "reconstructed")
    >>> d.item, d.valid_from, d.direction.zh
    ('1', datetime.date(2024, 1, 1), '越高越好')
    """

    code: str = attrs.field(converter=text, validator=valid_id)
    name: Name = attrs.field(converter=bilingual_name)
    set_code: str = attrs.field(converter=_set_code, validator=valid_id)
    item: str = attrs.field(converter=_item)
    formula: Formula = attrs.field(validator=_formula)
    unit: str = attrs.field(converter=_unit)
    direction: Direction | None = attrs.field(converter=_direction)
    valid_from: dt.date = attrs.field(converter=date)
    reference: Reference = attrs.field(converter=_reference)
    status: SourceStatus = attrs.field(converter=SourceStatus)
    valid_to: dt.date | None = attrs.field(default=None, converter=optional_date)
    toward: float | None = attrs.field(default=None, converter=optional_number)
    note: str = attrs.field(default="", converter=text)

    def __attrs_post_init__(self) -> None:
        where = f"indicator {self.code!r}"
        natural = self.formula.natural_unit()
        declared = parse_unit(self.unit)
        if natural.dimensionality != declared.dimensionality:
            raise UnitError(
                f"{where}: the formula gives '{natural:D}' ({natural.dimensionality}) but the "
                f"declared unit is {self.unit!r} ({declared.dimensionality})"
            )
        if (self.direction is Direction.TOWARD) != (self.toward is not None):
            raise DefinitionError(f"{where}: direction 'toward' needs a value, and only it does")
        if self.direction is None and not isinstance(self.formula, Checklist):
            raise DefinitionError(f"{where}: only a checklist may have no direction")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise DefinitionError(
                f"{where}: valid_to {self.valid_to.isoformat()} is before valid_from "
                f"{self.valid_from.isoformat()}"
            )

    @property
    def is_checklist(self) -> bool:
        """Whether this is a qualitative item judged from an answer."""
        return isinstance(self.formula, Checklist)

    @property
    def measures(self) -> tuple[str, ...]:
        """The measures the formula reads, in order, without repetition."""
        return tuple(dict.fromkeys(c.measure for c in self.formula.components()))

    def in_force(self, period: Period | str) -> bool:
        """Whether the definition is in force on any day of ``period``."""
        p = Period.parse(period)
        return self.valid_from <= p.end and (self.valid_to is None or p.start <= self.valid_to)

    def validity(self) -> str:
        """The validity as text: ``2024-01-01 –`` or ``2020-01-01 – 2023-12-31``."""
        end = self.valid_to.isoformat() if self.valid_to else ""
        return f"{self.valid_from.isoformat()} – {end}".rstrip()


_STRENGTH = {SourceStatus.OFFICIAL: 2, SourceStatus.SECONDARY: 1, SourceStatus.RECONSTRUCTED: 0}


def weakest_status(statuses: Iterable[SourceStatus]) -> SourceStatus:
    """The least trusted of ``statuses`` (official when there are none).

    >>> weakest_status([SourceStatus.OFFICIAL, SourceStatus.SECONDARY]).value
    'secondary'
    """
    return min(statuses, key=_STRENGTH.__getitem__, default=SourceStatus.OFFICIAL)


def _not_stronger_than_its_formulas(instance: IndicatorSet, attribute: Any, value: Any) -> None:
    weakest = weakest_status(d.status for d in instance.definitions)
    if _STRENGTH[value] > _STRENGTH[weakest]:
        raise DefinitionError(
            f"set {instance.code!r} is labelled {value.value!r} but a formula in it is "
            f"{weakest.value!r}: a set is official only where every formula in it is"
        )


def _unique_codes(instance: IndicatorSet, attribute: Any, value: tuple[Any, ...]) -> None:
    seen: set[str] = set()
    for d in value:
        if d.set_code != instance.code:
            raise DefinitionError(f"set {instance.code!r}: {d.code!r} belongs to {d.set_code!r}")
        if d.code in seen:
            raise DefinitionError(f"set {instance.code!r}: indicator {d.code!r} defined twice")
        seen.add(d.code)


def _definitions(values: object) -> tuple[IndicatorDefinition, ...]:
    return elements(values, IndicatorDefinition, "indicator definition")


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class IndicatorSet:
    """A catalogue of indicator definitions, such as ``nhc-2024``.

    ``definitions`` may be any iterable of definitions; the name an ``(en, zh)`` pair, the
    reference a title, the status a code or label.
    """

    code: str = attrs.field(converter=text, validator=valid_id)
    name: Name = attrs.field(converter=bilingual_name)
    reference: Reference = attrs.field(converter=_reference)
    status: SourceStatus = attrs.field(converter=SourceStatus)
    definitions: tuple[IndicatorDefinition, ...] = attrs.field(
        converter=_definitions, validator=_unique_codes
    )
    description: str = attrs.field(default="", converter=text)

    def __attrs_post_init__(self) -> None:
        _not_stronger_than_its_formulas(self, attrs.fields(IndicatorSet).status, self.status)

    def __iter__(self) -> Iterator[IndicatorDefinition]:
        return iter(self.definitions)

    def __len__(self) -> int:
        return len(self.definitions)

    def codes(self) -> tuple[str, ...]:
        """The indicator codes, in item order."""
        return tuple(d.code for d in self.definitions)

    def by_code(self) -> Mapping[str, IndicatorDefinition]:
        """The definitions by code."""
        return {d.code: d for d in self.definitions}

    def get(self, code: str) -> IndicatorDefinition:
        """The definition of ``code``; raise :class:`DefinitionError` naming it when absent."""
        for d in self.definitions:
            if d.code == code:
                return d
        raise DefinitionError(
            f"set {self.code!r} has no indicator {code!r}; it has {', '.join(self.codes())}"
        )
