"""Compare and rank the counties of a province on an indicator set, for one period.

For each indicator: every county's value, its rank (1 = best in the indicator's direction; ties
share a rank) and quartile (1 = the best quarter), its change from a baseline period; the value
of each prefecture and of the province, computed from the summed components of their counties
(a ratio of sums, never a mean of the counties' ratios); the reported national figure where the
library has one; the counties off their target; and the counties whose value is undefined, with
the reason. Qualitative items (checklists) are judged county by county and never rank or roll up.
A value read from a figure in doubt carries the doubt (:mod:`countycare.province.doubts`); one no
real county could report (a part above its whole) is not ranked.

Examples
--------
>>> from countycare.indicators.table import MeasureTable
>>> from countycare.testing.records import small_record_county
>>> from countycare.labels import Name
>>> from countycare.province.model import Prefecture, Province
>>> p = Province("sp", Name("P", "省"), (Prefecture("pa", Name("A", "甲市"),
...     (small_record_county("a1"), small_record_county("a2"), small_record_county("a3"))),))
>>> t = MeasureTable.from_rows([
...     ("a1", "2024", "visits", "", 100.0), ("a1", "2024", "visits_primary", "", 70.0),
...     ("a2", "2024", "visits", "", 300.0), ("a2", "2024", "visits_primary", "", 150.0),
...     ("a3", "2024", "visits", "", 0.0), ("a3", "2024", "visits_primary", "", 0.0),
... ])
>>> c = compare_province(t, p, "nhc-2024", "2024", indicators=["primary_visit_share"])
>>> line = c.indicators[0]
>>> [(x.county, x.rank, x.value.value) for x in line.counties]
[('a1', 1, 70.0), ('a2', 2, 50.0), ('a3', None, None)]
>>> line.province.value  # (70 + 150) / (100 + 300), not the mean of 70 % and 50 %
55.00000000000001
>>> [u.county for u in line.undefined]
['a3']

A value computed from an implausible figure carries its doubts
(:mod:`countycare.province.doubts`), and the regions that sum it name the county:

>>> t = MeasureTable.from_rows([
...     ("a1", "2024", "visits", "", 100.0), ("a1", "2024", "visits_primary", "", 150.0),
...     ("a2", "2024", "visits", "", 300.0), ("a2", "2024", "visits_primary", "", 150.0)])
>>> line = compare_province(t, p, "nhc-2024", "2024", indicators=["primary_visit_share"])
>>> line = line.indicators[0]
>>> [d.reason for d in line.counties[0].doubts]
['visits_primary: 150 is more than its whole visits (100)']
>>> line.doubtful_counties("sp")
('a1',)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from countycare import coerce
from countycare.calls import calls_checked
from countycare.coerce.arguments import boundary
from countycare.coerce.fields import checked_fields
from countycare.geography import to_tuple
from countycare.indicators.change import Change, ChangeKind, change_between, is_percent_scale
from countycare.indicators.definitions import Direction, IndicatorDefinition, IndicatorSet
from countycare.indicators.evaluation import IndicatorValue, combine, evaluate_many
from countycare.indicators.national_targets import national_book
from countycare.indicators.table import MeasureTable
from countycare.indicators.targets import ReferenceValue, Target, TargetBook, TargetStatus
from countycare.province.doubts import Doubt, measure_doubts, share_doubt
from countycare.province.model import Province

if TYPE_CHECKING:
    from countycare.forms import MeasuresLike, PeriodLike, ProvinceLike

__all__ = ["Comparison", "CountyLine", "Doubt", "IndicatorComparison", "compare_province"]


@attrs.frozen
class CountyLine:
    """One county on one indicator: value, rank and quartile, baseline and change, verdict."""

    county: str
    prefecture: str
    value: IndicatorValue
    rank: int | None
    quartile: int | None
    status: TargetStatus
    target: Target | None = None
    baseline: IndicatorValue | None = None
    changes: tuple[Change, ...] = attrs.field(default=(), converter=to_tuple)
    doubts: tuple[Doubt, ...] = attrs.field(default=(), converter=to_tuple)

    @property
    def value_doubts(self) -> tuple[Doubt, ...]:
        """The figures in doubt behind the value (at the compared period)."""
        return tuple(d for d in self.doubts if d.period == self.value.period)

    @property
    def baseline_doubts(self) -> tuple[Doubt, ...]:
        """The figures in doubt behind the baseline value (hence the change)."""
        return tuple(d for d in self.doubts if d.period != self.value.period)


@attrs.frozen
class IndicatorComparison:
    """One indicator across the province: its counties, prefectures, the province, the
    national reference figure (if any)."""

    definition: IndicatorDefinition
    counties: tuple[CountyLine, ...]
    prefectures: tuple[IndicatorValue, ...]
    province: IndicatorValue
    components: dict[str, float]
    reference: ReferenceValue | None = None

    @property
    def ranked(self) -> tuple[CountyLine, ...]:
        """The counties with a rank, best first."""
        return tuple(sorted((c for c in self.counties if c.rank is not None),
                            key=lambda c: (c.rank, c.county)))  # fmt: skip

    @property
    def off_target(self) -> tuple[CountyLine, ...]:
        """Counties whose value does not meet the target in force."""
        return tuple(c for c in self.counties if c.status is TargetStatus.NOT_MET)

    @property
    def undefined(self) -> tuple[CountyLine, ...]:
        """Counties whose value is undefined (each carries its reason)."""
        return tuple(c for c in self.counties if c.value.value is None)

    def doubtful_counties(self, region: str) -> tuple[str, ...]:
        """The counties of ``region`` (the province or one of its prefectures) whose value at
        the compared period is in doubt: the region's value sums their figures."""
        whole = region == self.province.scope
        return tuple(
            c.county
            for c in self.counties
            if c.value_doubts and c.value.value is not None and (whole or c.prefecture == region)
        )


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class Comparison:
    """An indicator set compared across a province's counties at one period."""

    set_code: str
    province_id: str
    period: str
    indicators: tuple[IndicatorComparison, ...]
    baseline_period: str | None = None
    #: Every implausible figure of the counties at the compared and baseline periods (the
    #: measures file's and each share above 100 %), whichever indicator reads it.
    doubts: tuple[Doubt, ...] = attrs.field(default=(), converter=to_tuple)

    def to_dict(self) -> dict[str, Any]:
        """Plain data, JSON-ready (what ``countycare compare --json`` prints)."""
        from countycare.province.compare_render import comparison_dict

        return comparison_dict(self)

    def to_text(self) -> str:
        """A plain-text report: per indicator, the counties ranked, then the regions."""
        from countycare.province.compare_render import comparison_text

        return comparison_text(self)

    def to_arrow(self) -> Any:
        """One row per indicator and county (prefectures and the province included), as an
        Arrow table: ``indicator, scope, level, value, unit, rank, quartile, status, reason,
        doubt`` (``doubt``: why the value is in doubt, null when it is not)."""
        from countycare.province.compare_render import comparison_arrow

        return comparison_arrow(self)


def _ranks(values: Sequence[float | None], definition: IndicatorDefinition) -> list[int | None]:
    """Competition ranks (1 = best in the indicator's direction; ties share a rank)."""
    direction = definition.direction
    if direction is None:
        return [None] * len(values)

    def badness(v: float) -> float:
        if direction is Direction.INCREASE:
            return -v
        if direction is Direction.DECREASE:
            return v
        return abs(v - (definition.toward or 0.0))

    keyed = [badness(v) if v is not None else None for v in values]
    defined = sorted(k for k in keyed if k is not None)
    return [None if k is None else 1 + defined.index(k) for k in keyed]


def _quartile(rank: int | None, n: int) -> int | None:
    return None if rank is None or n == 0 else 1 + math.floor(4 * (rank - 1) / n)


def _reference(book: TargetBook, value: IndicatorValue) -> ReferenceValue | None:
    return book.reference_for(value)


def _changes(before: IndicatorValue, now: IndicatorValue, d: IndicatorDefinition) -> list[Change]:
    if d.is_checklist:
        return []
    kinds = [ChangeKind.RELATIVE]
    if is_percent_scale(d.unit):
        kinds.append(ChangeKind.PERCENTAGE_POINTS)
    return [change_between(before, now, k) for k in kinds]


def _compare_one(
    d: IndicatorDefinition,
    table: MeasureTable,
    province: Province,
    period: str,
    baseline_period: str | None,
    book: TargetBook,
    doubts: Sequence[Doubt],
) -> IndicatorComparison:
    counties = province.counties
    ids = [c.id for c in counties]
    points = evaluate_many(d, table, ids, [period] * len(ids))
    values = list(points)
    # A baseline before the set's first year is read with the definition in force now, as the
    # county scorecard reads it (evaluate_baseline): both ends of a change measured alike.
    backcast = baseline_period is not None and not d.in_force(baseline_period)
    past = (
        evaluate_many(
            d,
            table,
            ids,
            [baseline_period] * len(ids),
            definition_period=period if backcast else None,
        )
        if baseline_period is not None
        else None
    )
    before = list(past) if past is not None else [None] * len(ids)
    behind = _doubts_behind(d, doubts, [points] if past is None else [points, past])
    # A value no real county could report (an error doubt) is listed, marked, but not ranked:
    # ranked, it would take a place and shift every other county's rank and quartile.
    impossible = [any(x.error and x.period == period for x in behind.get(c, ())) for c in ids]
    rankable = [None if bad else v.value for v, bad in zip(values, impossible, strict=True)]
    ranks = _ranks(rankable, d) if not d.is_checklist else [None] * len(ids)
    n = sum(r is not None for r in ranks)
    lines = []
    for i, county in enumerate(counties):
        value = values[i]
        target, status = book.judge(
            value, county=county.id, province=province.id, direction=d.direction
        )
        if d.is_checklist and target is None and value.met is not None:
            status = TargetStatus.MET if value.met else TargetStatus.NOT_MET
        b = before[i]
        lines.append(
            CountyLine(
                county.id,
                province.prefecture_of(county.id).id,
                value,
                ranks[i],
                _quartile(ranks[i], n),
                status,
                target,
                b,
                _changes(b, value, d) if b is not None else (),
                behind.get(county.id, ()),
            )
        )
    prefectures = []
    for prefecture in province.prefectures:
        mask = np.asarray([province.prefecture_of(c).id == prefecture.id for c in ids])
        prefectures.append(combine(_subset(points, mask), prefecture.id, period))
    whole = combine(points, province.id, period)
    components = {
        k: float(np.asarray(v).sum()) for k, v in points.components.items()
    } if whole.value is not None else {}  # fmt: skip
    return IndicatorComparison(
        d, tuple(lines), tuple(prefectures), whole, components, _reference(book, whole)
    )


def _doubts_behind(
    d: IndicatorDefinition, doubts: Sequence[Doubt], evaluated: Sequence[Any]
) -> dict[str, tuple[Doubt, ...]]:
    """Per county, the doubts behind ``d``'s values: its measures' figures in doubt, and the
    value itself when it is a share above 100 % (unless the measure check found that figure)."""
    measures = set(d.measures)
    found: dict[str, set[Doubt]] = {}
    for doubt in doubts:
        if doubt.measure in measures:
            found.setdefault(doubt.scope, set()).add(doubt)
    for points in evaluated:
        parts = points.components
        if "numerator" not in parts or "denominator" not in parts:
            continue
        numerators, denominators = parts["numerator"], parts["denominator"]
        for i, scope in enumerate(points.scope):
            share = share_doubt(
                d, str(scope), str(points.period[i]), float(numerators[i]), float(denominators[i])
            )
            known = found.setdefault(str(scope), set())
            if share is not None and not any(
                (k.period, k.measure) == (share.period, share.measure) for k in known
            ):
                known.add(share)
    return {scope: tuple(sorted(group)) for scope, group in found.items() if group}


def _subset(points: Any, mask: np.ndarray[Any, np.dtype[np.bool_]]) -> Any:
    return attrs.evolve(
        points,
        scope=points.scope[mask],
        period=points.period[mask],
        value=points.value[mask],
        reason=points.reason[mask],
        detail=points.detail[mask],
        components={k: np.asarray(v)[mask] for k, v in points.components.items()},
        met=points.met[mask],
    )


@boundary
def compare_province(
    table: MeasuresLike,
    province: ProvinceLike,
    indicators_of: str | IndicatorSet,
    period: PeriodLike,
    *,
    baseline_period: PeriodLike | None = None,
    targets: TargetBook | None = None,
    indicators: Iterable[str] | None = None,
) -> Comparison:
    """Compare the counties of ``province`` on the set ``indicators_of`` at ``period``.

    Parameters
    ----------
    table
        Measures of the counties (a file of ``countycare measure --province``, or any table
        with rows for the county ids). Prefecture and province values are computed here from
        the counties' components, so the table need not hold them.
    province
        The province: its counties are ranked, its prefectures rolled up.
    indicators_of
        An indicator set or its code (``nhc-2024``).
    period
        The period compared (``2024``).
    baseline_period
        A period to give each county's change from.
    targets
        Targets to judge against, added to the national ones the library ships.
    indicators
        Only these indicator codes (default every indicator of the set).
    """
    table = coerce.measure_table(table, "table")
    province = coerce.province(province, "province")
    period = coerce.period_text(period, "period")
    baseline_period = coerce.optional_period_text(baseline_period, "baseline_period")
    chosen_set = coerce.indicator_set(indicators_of, "indicators_of")  # a code in any case
    label, base = period, baseline_period  # already their text: '2024', '2024Q1'
    book = national_book() if targets is None else national_book() + targets
    wanted = None if indicators is None else set(indicators)
    if wanted is not None:
        for code in sorted(wanted):
            chosen_set.get(code)  # an unknown code raises, naming it
    ids = [c.id for c in province.counties]
    doubts = measure_doubts(table, ids, [label] if base is None else [label, base])
    lines = tuple(
        _compare_one(d, table, province, label, base, book, doubts)
        for d in chosen_set
        if wanted is None or d.code in wanted
    )
    # every figure in doubt, once: the measures' own and each share above 100 %
    every = set(doubts) | {doubt for item in lines for c in item.counties for doubt in c.doubts}
    return Comparison(chosen_set.code, province.id, label, lines, base, tuple(sorted(every)))
