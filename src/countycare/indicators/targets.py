"""Targets and reference values: dated, scoped objects with a source, kept apart from definitions.

A :class:`Target` was issued for one or more indicator sets and judges only values of those
sets, for periods that lie wholly inside its validity, at its scope (national, province,
county). The most local target wins: a county's overrides its province's, which overrides the
national one. Judging gives a :class:`TargetStatus` verdict — ``met``, ``not_met``,
``no_target`` or ``undefined`` (the value itself is undefined) — never a guess.

A :class:`ReferenceValue` is a reported figure (e.g. the national value of a year) shown beside
a county's value. It has no comparator and no ``judge``: it never gives a verdict.

"About" (约, 左右) keeps its "about": a target ``about 90 %`` carries a tolerance, and the
tolerance is labelled with its status — when the source gives none, the tolerance is the
library's reading (``reconstructed``). A value within the tolerance meets it; so does a value
beyond the figure in the indicator's better direction (an in-county care rate of 95 % meets
"about 90 %": the source asks to *raise* the rate to about 90 %).

Examples
--------
>>> import datetime as dt
>>> from countycare.indicators.evaluation import IndicatorValue
>>> plan = Reference("Illustrative county plan", issuer="Wanrong health bureau")
>>> county = Target(indicator="primary_visit_share", sets=("nhc-2024",),
...                 comparator="ge", threshold=60, unit="percent", scope="county",
...                 scope_id="wanrong", source=plan, valid_from=dt.date(2024, 1, 1))
>>> value = IndicatorValue("nhc-2024", "primary_visit_share", "wanrong", "2024", 63.4, "percent")
>>> TargetBook((county,)).judge(value)[1].value
'met'
>>> county.describe(), county.describe("zh")
('≥ 60 % (county wanrong)', '≥ 60 %(县 wanrong)')
>>> old = IndicatorValue("nhc-2020", "primary_visit_share", "wanrong", "2024", 63.4, "percent")
>>> TargetBook((county,)).judge(old)[1].value  # not a set the target was issued for
'no_target'
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Any

import attrs

from countycare.calls import calls_checked
from countycare.coerce import comparator as _comparator
from countycare.coerce import (
    date,
    elements,
    indicator_code,
    name_arguments,
    number,
    optional_date,
    optional_number,
    optional_text,
    reference,
    set_codes,
    text,
    vocabulary,
)
from countycare.coerce import describe as _quoted
from countycare.coerce import period_text as _period_text
from countycare.coerce import unit as _unit
from countycare.errors import ArgumentError, DefinitionError, FieldError
from countycare.geography import valid_id
from countycare.indicators.definitions import Direction, Reference
from countycare.indicators.display import display_unit
from countycare.indicators.evaluation import IndicatorValue
from countycare.labels import BilingualEnum, SourceStatus
from countycare.periods import Period
from countycare.units import convert, require_compatible

__all__ = [
    "Comparator",
    "ReferenceValue",
    "Target",
    "TargetBook",
    "TargetScope",
    "TargetStatus",
]


class Comparator(BilingualEnum):
    """How a value is compared with a target's threshold."""

    AT_LEAST = ("ge", "At least", "不低于")
    AT_MOST = ("le", "At most", "不高于")
    EQUAL = ("eq", "Equal to", "等于")
    ABOUT = ("about", "About (within a tolerance)", "左右")
    RANGE = ("range", "Within a range", "区间内")


class TargetScope(BilingualEnum):
    """Who set a target; the more local one overrides (county > province > national)."""

    NATIONAL = ("national", "National", "国家")
    PROVINCE = ("province", "Province", "省")
    COUNTY = ("county", "County", "县")


class TargetStatus(BilingualEnum):
    """The verdict of judging a value against the target in force."""

    MET = ("met", "Met", "达标")
    NOT_MET = ("not_met", "Not met", "未达标")
    NO_TARGET = ("no_target", "No target", "无目标")
    UNDEFINED = ("undefined", "Value undefined", "无法判定")


_RANK = {TargetScope.COUNTY: 0, TargetScope.PROVINCE: 1, TargetScope.NATIONAL: 2}
_SYMBOL = {
    Comparator.AT_LEAST: "≥",
    Comparator.AT_MOST: "≤",
    Comparator.EQUAL: "=",
    Comparator.ABOUT: "about",
}


def _sets(instance: object, attribute: Any, value: tuple[str, ...]) -> None:
    if not value:
        raise FieldError(attribute.name, f"{attribute.name}: name at least one indicator set")
    for code in value:
        valid_id(instance, attribute, code)


def _optional_status(value: object) -> SourceStatus | None:
    return None if value is None else vocabulary(SourceStatus, value)


def _chinese(language: str) -> bool:
    """Whether ``language`` is Chinese; only ``"en"`` and ``"zh"`` are known."""
    if language not in ("en", "zh"):
        raise ArgumentError("language", f"expected 'en' or 'zh', got {_quoted(language)}")
    return language == "zh"


def _scope_text(scope: TargetScope, scope_id: str | None, language: str = "en") -> str:
    name = scope.zh if language == "zh" else scope.value
    return f"{name}{' ' + scope_id if scope_id else ''}"


def _period(value: IndicatorValue) -> Period:
    return Period.parse(value.period)


@calls_checked
@attrs.frozen(kw_only=True, field_transformer=name_arguments)
class Target:
    """A target for ``indicator`` in the ``sets`` it was issued for: ``comparator threshold``.

    ``valid_from`` and ``valid_to`` bound the periods it judges: a period is judged only when it
    lies wholly inside them. ``upper`` is the top of a ``range``; ``tolerance`` the width of an
    ``about`` (with ``tolerance_status``: ``reconstructed`` when the source gives no width).
    """

    indicator: str = attrs.field(converter=indicator_code, validator=valid_id)
    sets: tuple[str, ...] = attrs.field(converter=set_codes, validator=_sets)
    comparator: Comparator = attrs.field(converter=_comparator)
    threshold: float = attrs.field(converter=number)
    unit: str = attrs.field(converter=_unit)
    scope: TargetScope = attrs.field(converter=TargetScope)
    source: Reference = attrs.field(converter=reference)
    valid_from: dt.date = attrs.field(converter=date)
    valid_to: dt.date | None = attrs.field(default=None, converter=optional_date)
    scope_id: str | None = attrs.field(default=None, converter=optional_text)
    upper: float | None = attrs.field(default=None, converter=optional_number)
    tolerance: float | None = attrs.field(default=None, converter=optional_number)
    tolerance_status: SourceStatus | None = attrs.field(default=None, converter=_optional_status)
    note: str = attrs.field(default="", converter=text)

    def __attrs_post_init__(self) -> None:
        where = f"target for {self.indicator!r}"
        if (self.scope is TargetScope.NATIONAL) != (self.scope_id is None):
            raise DefinitionError(f"{where}: a national target has no scope_id; others need one")
        if (self.comparator is Comparator.RANGE) != (self.upper is not None):
            raise DefinitionError(f"{where}: 'range' needs an upper bound, and only it does")
        if self.upper is not None and self.upper < self.threshold:
            raise DefinitionError(f"{where}: upper {self.upper!r} is below {self.threshold!r}")
        if (self.comparator is Comparator.ABOUT) != (self.tolerance is not None):
            raise DefinitionError(f"{where}: 'about' needs a tolerance, and only it does")
        if self.tolerance is not None and not self.tolerance >= 0:
            raise DefinitionError(f"{where}: tolerance must be ≥ 0, got {self.tolerance!r}")
        if (self.tolerance is None) != (self.tolerance_status is None):
            raise DefinitionError(
                f"{where}: a tolerance needs its status (official when the source states it, "
                "reconstructed when it is the library's reading), and only a tolerance does"
            )
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise DefinitionError(
                f"{where}: valid_to {self.valid_to.isoformat()} is before valid_from "
                f"{self.valid_from.isoformat()}"
            )

    def judges_period(self, period: Period | str) -> bool:
        """Whether ``period`` lies wholly inside the validity (only such periods are judged)."""
        p = Period.parse(period)
        return self.valid_from <= p.start and (self.valid_to is None or p.end <= self.valid_to)

    def applies_to(
        self, value: IndicatorValue, county: str | None = None, province: str | None = None
    ) -> bool:
        """Whether this target judges ``value``: its code, one of its sets, a period inside the
        validity, and the scope (a county target, the county or the value's scope; a province
        target, the ``province`` given)."""
        if self.indicator != value.code or value.set_code not in self.sets:
            return False
        if not self.judges_period(value.period):
            return False
        if self.scope is TargetScope.COUNTY:
            return self.scope_id in (county, value.scope)
        if self.scope is TargetScope.PROVINCE:
            return province is not None and self.scope_id == province
        return True

    def validity(self) -> str:
        """The validity as text: ``2015-01-01 – 2017-12-31`` or ``2024-01-01 –``."""
        end = self.valid_to.isoformat() if self.valid_to else ""
        return f"{self.valid_from.isoformat()} – {end}".rstrip()

    def describe(self, language: str = "en") -> str:
        """The target as text in ``language`` (``"en"`` or ``"zh"``), e.g. ``≥ 65 % (national)``,
        ``about 90 % (± 2, …; national)``, ``≥ 65 %(国家)``, ``90 % 左右(± 2，…；国家)``.

        The unit is shown as :func:`~countycare.indicators.display.display_unit` shows it in
        either language.
        """
        zh = _chinese(language)
        unit = display_unit(self.unit, "zh" if zh else "en")
        bound = f"{self.threshold:.15g}"
        if self.comparator is Comparator.RANGE:
            bound = f"{self.threshold:.15g}–{self.upper:.15g}"
        symbol = "" if zh and self.comparator is Comparator.ABOUT else _SYMBOL.get(self.comparator)
        text = " ".join(p for p in (symbol, bound, unit) if p)
        where = _scope_text(self.scope, self.scope_id, language)
        if self.comparator is Comparator.ABOUT:
            stated = self.tolerance_status is not SourceStatus.RECONSTRUCTED
            if zh:
                reading = "来源所述" if stated else "本库的解读"
                return f"{text} 左右(± {self.tolerance:.15g}，{reading}；{where})"
            reading = "as the source states" if stated else "the library's reading"
            return f"{text} (± {self.tolerance:.15g}, {reading}; {where})"
        return f"{text}({where})" if zh else f"{text} ({where})"

    def judge(self, value: IndicatorValue, direction: Direction | None = None) -> TargetStatus:
        """``met`` or ``not_met`` (``undefined`` when the value is), in the value's unit.

        ``direction`` is the indicator's: ``about`` is also met beyond the figure on the better
        side. Judging does not check :meth:`applies_to`; :class:`TargetBook` does.
        """
        if value.value is None:
            return TargetStatus.UNDEFINED
        require_compatible(self.unit, value.unit, what=f"target for {self.indicator!r}")

        def here(x: float) -> float:
            return convert(x, self.unit, value.unit)

        def width(x: float) -> float:
            return here(self.threshold + x) - here(self.threshold)

        v, bound = value.value, here(self.threshold)
        if self.comparator is Comparator.AT_LEAST:
            ok = v >= bound
        elif self.comparator is Comparator.AT_MOST:
            ok = v <= bound
        elif self.comparator is Comparator.EQUAL:
            ok = math.isclose(v, bound, rel_tol=1e-9, abs_tol=1e-9)
        elif self.comparator is Comparator.RANGE:
            ok = bound <= v <= here(self.upper if self.upper is not None else self.threshold)
        else:
            tolerance = abs(width(self.tolerance or 0.0))
            ok = abs(v - bound) <= tolerance
            ok = ok or (direction is Direction.INCREASE and v > bound)
            ok = ok or (direction is Direction.DECREASE and v < bound)
        return TargetStatus.MET if ok else TargetStatus.NOT_MET

    def to_dict(self) -> dict[str, Any]:
        """The target as JSON-ready data, with its display text under ``text``."""
        return {
            "indicator": self.indicator,
            "sets": list(self.sets),
            "comparator": self.comparator.value,
            "threshold": self.threshold,
            "upper": self.upper,
            "tolerance": self.tolerance,
            "tolerance_status": self.tolerance_status.value if self.tolerance_status else None,
            "unit": self.unit,
            "scope": self.scope.value,
            "scope_id": self.scope_id,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "source": self.source.to_dict(),
            "note": self.note or None,
            "text": self.describe(),
        }


@calls_checked
@attrs.frozen(kw_only=True, field_transformer=name_arguments)
class ReferenceValue:
    """A reported figure for ``indicator`` in ``period`` (e.g. the national value of 2024),
    shown beside a value of one of ``sets`` for the same period. It never gives a verdict."""

    indicator: str = attrs.field(converter=indicator_code, validator=valid_id)
    sets: tuple[str, ...] = attrs.field(converter=set_codes, validator=_sets)
    period: str = attrs.field(converter=_period_text)
    value: float = attrs.field(converter=number)
    unit: str = attrs.field(converter=_unit)
    source: Reference = attrs.field(converter=reference)
    status: SourceStatus = attrs.field(converter=SourceStatus)
    scope: TargetScope = attrs.field(default=TargetScope.NATIONAL, converter=TargetScope)
    scope_id: str | None = attrs.field(default=None, converter=optional_text)
    note: str = attrs.field(default="", converter=text)

    def __attrs_post_init__(self) -> None:
        if (self.scope is TargetScope.NATIONAL) != (self.scope_id is None):
            raise DefinitionError(
                f"reference value for {self.indicator!r}: a national figure has no scope_id; "
                "others need one"
            )

    def applies_to(self, value: IndicatorValue) -> bool:
        """Whether this figure belongs beside ``value``: same code, one of its sets, the same
        period."""
        return (
            self.indicator == value.code
            and value.set_code in self.sets
            and Period.parse(self.period) == _period(value)
        )

    def describe(self, language: str = "en") -> str:
        """The figure as text in ``language`` (``"en"`` or ``"zh"``), e.g.
        ``63.4 % (national 2024, reported)`` or ``63.4 %(国家 2024，报告值)``."""
        unit = display_unit(self.unit, "zh" if _chinese(language) else "en")
        shown = " ".join(p for p in (f"{self.value:.15g}", unit) if p)
        where = f"{_scope_text(self.scope, self.scope_id, language)} {self.period}"
        if _chinese(language):
            return f"{shown}({where}，报告值)"
        return f"{shown} ({where}, reported)"

    def to_dict(self) -> dict[str, Any]:
        """The figure as JSON-ready data, with its display text under ``text``."""
        return {
            "indicator": self.indicator,
            "sets": list(self.sets),
            "period": self.period,
            "value": self.value,
            "unit": self.unit,
            "scope": self.scope.value,
            "scope_id": self.scope_id,
            "status": self.status.value,
            "source": self.source.to_dict(),
            "note": self.note or None,
            "text": self.describe(),
        }


def _targets(values: object) -> tuple[Target, ...]:
    return elements(values, Target, "target")


def _references(values: object) -> tuple[ReferenceValue, ...]:
    return elements(values, ReferenceValue, "reference value")


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class TargetBook:
    """Targets and reference values (each any iterable); :meth:`judge` picks the target in force
    for a value."""

    targets: tuple[Target, ...] = attrs.field(default=(), converter=_targets)
    references: tuple[ReferenceValue, ...] = attrs.field(default=(), converter=_references)

    def __add__(self, other: TargetBook | Iterable[Target]) -> TargetBook:
        if isinstance(other, TargetBook):
            return TargetBook(
                (*self.targets, *other.targets), (*self.references, *other.references)
            )
        return TargetBook((*self.targets, *other), self.references)

    def resolve(
        self, value: IndicatorValue, *, county: str | None = None, province: str | None = None
    ) -> Target | None:
        """The most local target that applies to ``value``; the latest when several tie."""
        fits = [t for t in self.targets if t.applies_to(value, county, province)]
        if not fits:
            return None
        return min(fits, key=lambda t: (_RANK[t.scope], -t.valid_from.toordinal()))

    def judge(
        self,
        value: IndicatorValue,
        *,
        county: str | None = None,
        province: str | None = None,
        direction: Direction | None = None,
    ) -> tuple[Target | None, TargetStatus]:
        """The target that applies and the verdict on ``value``.

        An undefined value has verdict ``undefined`` whether or not a target applies.
        """
        target = self.resolve(value, county=county, province=province)
        if value.value is None:
            return target, TargetStatus.UNDEFINED
        if target is None:
            return None, TargetStatus.NO_TARGET
        return target, target.judge(value, direction)

    def reference_for(self, value: IndicatorValue) -> ReferenceValue | None:
        """The reported figure to show beside ``value`` (the national one last), or None."""
        fits = [r for r in self.references if r.applies_to(value)]
        return min(fits, key=lambda r: _RANK[r.scope]) if fits else None
