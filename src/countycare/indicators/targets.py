"""Targets: dated, scoped objects with a comparator and a source, kept apart from definitions.

A target applies to an indicator code (optionally only in one set), at a scope (national,
province, county), over a validity. The most specific target wins: a county's overrides its
province's, which overrides the national one. Judging a value gives ``met``, ``not_met``,
``no_target`` or ``undefined`` (the value itself is undefined): never a guess.

Examples
--------
>>> from countycare.indicators.evaluation import IndicatorValue
>>> book = TargetBook(NATIONAL_TARGETS_2015)
>>> value = IndicatorValue("nhc-2024", "primary_visit_share", "wanrong", "2024", 63.4, "percent")
>>> target, status = book.judge(value)
>>> target.describe(), status.value
('≥ 65 % (national)', 'not_met')
>>> county = Target("primary_visit_share", Comparator.AT_LEAST, 60, "percent", TargetScope.COUNTY,
...                 Reference("Illustrative county plan"), dt.date(2020, 1, 1), scope_id="wanrong")
>>> TargetBook((*NATIONAL_TARGETS_2015, county)).judge(value)[1].value
'met'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from countycare.errors import DefinitionError
from countycare.geography import to_tuple
from countycare.indicators.catalogues.hierarchical_care_2015 import REFERENCE_2015
from countycare.indicators.definitions import Reference
from countycare.indicators.display import display_unit
from countycare.indicators.evaluation import IndicatorValue
from countycare.labels import BilingualEnum
from countycare.periods import Period
from countycare.units import convert, parse_unit, require_compatible

__all__ = [
    "NATIONAL_TARGETS_2015",
    "Comparator",
    "Target",
    "TargetBook",
    "TargetScope",
    "TargetStatus",
]


class Comparator(BilingualEnum):
    """How a value is compared with a target."""

    AT_LEAST = ("ge", "At least", "不低于")
    AT_MOST = ("le", "At most", "不高于")
    RANGE = ("range", "Within a range", "区间内")
    TOWARD = ("toward", "Within a tolerance of a value", "接近目标值")


class TargetScope(BilingualEnum):
    """Who set a target; the more local one overrides (county > province > national)."""

    NATIONAL = ("national", "National", "国家")
    PROVINCE = ("province", "Province", "省")
    COUNTY = ("county", "County", "县")


class TargetStatus(BilingualEnum):
    """The result of judging a value against the target in force."""

    MET = ("met", "Met", "达标")
    NOT_MET = ("not_met", "Not met", "未达标")
    NO_TARGET = ("no_target", "No target", "无目标")
    UNDEFINED = ("undefined", "Value undefined", "无法判定")


_RANK = {TargetScope.COUNTY: 0, TargetScope.PROVINCE: 1, TargetScope.NATIONAL: 2}
_SYMBOL = {Comparator.AT_LEAST: "≥", Comparator.AT_MOST: "≤"}


def _unit(instance: object, attribute: Any, value: str) -> None:
    parse_unit(value)


@attrs.frozen
class Target:
    """A target for ``indicator``: ``comparator`` ``value`` (``upper`` for a range)."""

    indicator: str
    comparator: Comparator = attrs.field(converter=Comparator)
    value: float = attrs.field(converter=float)
    unit: str = attrs.field(validator=_unit)
    scope: TargetScope = attrs.field(converter=TargetScope)
    source: Reference
    valid_from: dt.date
    valid_to: dt.date | None = None
    scope_id: str | None = None
    upper: float | None = None
    tolerance: float | None = None
    set_code: str | None = None
    note: str = ""

    def __attrs_post_init__(self) -> None:
        where = f"target for {self.indicator!r}"
        if (self.scope is TargetScope.NATIONAL) != (self.scope_id is None):
            raise DefinitionError(f"{where}: a national target has no scope_id; others need one")
        if (self.comparator is Comparator.RANGE) != (self.upper is not None):
            raise DefinitionError(f"{where}: 'range' needs an upper bound, and only it does")
        if self.upper is not None and self.upper < self.value:
            raise DefinitionError(f"{where}: upper {self.upper!r} is below {self.value!r}")
        if (self.comparator is Comparator.TOWARD) != (self.tolerance is not None):
            raise DefinitionError(f"{where}: 'toward' needs a tolerance, and only it does")

    def in_force(self, period: Period | str) -> bool:
        """Whether the target applies on any day of ``period``."""
        p = Period.parse(period)
        return self.valid_from <= p.end and (self.valid_to is None or p.start <= self.valid_to)

    def applies_to(self, value: IndicatorValue, county: str | None, province: str | None) -> bool:
        """Whether this target applies to ``value`` (code, set, period and scope)."""
        if self.indicator != value.code or not self.in_force(value.period):
            return False
        if self.set_code is not None and self.set_code != value.set_code:
            return False
        if self.scope is TargetScope.COUNTY:
            return self.scope_id in (county, value.scope)
        if self.scope is TargetScope.PROVINCE:
            return province is not None and self.scope_id == province
        return True

    def describe(self) -> str:
        """The target as text, e.g. ``≥ 65 % (national)``."""
        unit = display_unit(self.unit)
        bound = f"{self.value:g}"
        if self.comparator is Comparator.RANGE:
            bound = f"{self.value:g}–{self.upper:g}"
        elif self.comparator is Comparator.TOWARD:
            bound = f"{self.value:g} ± {self.tolerance:g}"
        symbol = _SYMBOL.get(self.comparator, "")
        text = " ".join(p for p in (symbol, bound, unit) if p)
        return f"{text} ({self.scope.value}{' ' + self.scope_id if self.scope_id else ''})"

    def judge(self, value: IndicatorValue) -> TargetStatus:
        """``met`` or ``not_met`` (``undefined`` when the value is), in the value's unit."""
        if value.value is None:
            return TargetStatus.UNDEFINED
        require_compatible(self.unit, value.unit, what=f"target for {self.indicator!r}")

        def here(x: float) -> float:
            return convert(x, self.unit, value.unit)

        v, low = value.value, here(self.value)
        if self.comparator is Comparator.AT_LEAST:
            ok = v >= low
        elif self.comparator is Comparator.AT_MOST:
            ok = v <= low
        elif self.comparator is Comparator.RANGE:
            ok = low <= v <= here(self.upper or 0.0)
        else:
            ok = abs(v - low) <= here(self.tolerance or 0.0)
        return TargetStatus.MET if ok else TargetStatus.NOT_MET


@attrs.frozen
class TargetBook:
    """A collection of targets; :meth:`resolve` picks the one in force for a value."""

    targets: tuple[Target, ...] = attrs.field(default=(), converter=to_tuple)

    def __add__(self, other: TargetBook | Iterable[Target]) -> TargetBook:
        more = other.targets if isinstance(other, TargetBook) else tuple(other)
        return TargetBook((*self.targets, *more))

    def resolve(
        self, value: IndicatorValue, *, county: str | None = None, province: str | None = None
    ) -> Target | None:
        """The most local target in force for ``value``; the latest when several tie."""
        fits = [t for t in self.targets if t.applies_to(value, county, province)]
        if not fits:
            return None
        return min(fits, key=lambda t: (_RANK[t.scope], -t.valid_from.toordinal()))

    def judge(
        self, value: IndicatorValue, *, county: str | None = None, province: str | None = None
    ) -> tuple[Target | None, TargetStatus]:
        """The target in force and the status of ``value`` against it.

        An undefined value has status ``undefined`` whether or not a target applies.
        """
        target = self.resolve(value, county=county, province=province)
        if value.value is None:
            return target, TargetStatus.UNDEFINED
        if target is None:
            return None, TargetStatus.NO_TARGET
        return target, target.judge(value)


_NATIONAL_2015 = Reference(
    REFERENCE_2015.document,
    REFERENCE_2015.number,
    2015,
    "附件: 分级诊疗试点工作考核评价标准",
    REFERENCE_2015.url,
)

#: The 2015 national targets of the hierarchical-care pilots (国办发〔2015〕70号).
NATIONAL_TARGETS_2015: tuple[Target, ...] = (
    Target(
        "county_visit_rate",
        Comparator.AT_LEAST,
        90,
        "percent",
        TargetScope.NATIONAL,
        _NATIONAL_2015,
        dt.date(2015, 9, 8),
        note="The text says 'about 90 %' (90%左右); read as at least 90 % since higher is better.",
    ),
    Target(
        "primary_visit_share",
        Comparator.AT_LEAST,
        65,
        "percent",
        TargetScope.NATIONAL,
        _NATIONAL_2015,
        dt.date(2015, 9, 8),
    ),
    Target(
        "primary_standard_rate",
        Comparator.AT_LEAST,
        95,
        "percent",
        TargetScope.NATIONAL,
        _NATIONAL_2015,
        dt.date(2015, 9, 8),
    ),
)
