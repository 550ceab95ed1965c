"""What the province comparison page shows: the comparison and the figures in doubt.

:func:`build_province_report` compares the counties of a province
(:func:`~countycare.province.compare.compare_province`) and gathers, beside it, the plausibility
problems of the measures it read (:mod:`countycare.indicators.plausibility`): a part larger than
its whole, money far outside a county's scale. The page never shows a value computed from such
a figure as if it were normal: :meth:`ProvinceReport.doubts_of` names the problems behind a
county's value, and :meth:`ProvinceReport.doubtful_counties` the counties behind a prefecture's
or the province's.

Examples
--------
>>> from countycare.indicators.table import MeasureTable
>>> from countycare.testing.records import small_record_county
>>> from countycare.labels import Name
>>> from countycare.province.model import Prefecture, Province
>>> p = Province("sp", Name("P", "省"), (Prefecture("pa", Name("A", "甲市"),
...     (small_record_county("a1"), small_record_county("a2"))),))
>>> t = MeasureTable.from_rows([
...     ("a1", "2024", "visits", "", 100.0), ("a1", "2024", "visits_primary", "", 70.0),
...     ("a2", "2024", "visits", "", 100.0), ("a2", "2024", "visits_primary", "", 150.0)])
>>> report = build_province_report(t, p, "nhc-2024", "2024", indicators=["primary_visit_share"])
>>> line = report.comparison.indicators[0]
>>> [d.message for d in report.doubts_of("a2", line.definition)]
['150 is more than its whole visits (100)']
>>> report.doubtful_counties(line.definition, "sp")
('a2',)
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from countycare.errors import Problem, Severity
from countycare.geography import to_tuple
from countycare.indicators.definitions import IndicatorDefinition, IndicatorSet
from countycare.indicators.plausibility import part_whole_problems, scale_warnings
from countycare.indicators.table import MeasureTable
from countycare.indicators.targets import TargetBook
from countycare.province.compare import Comparison, compare_province
from countycare.province.model import Province

__all__ = ["Doubt", "ProvinceReport", "build_province_report"]


@attrs.frozen
class Doubt:
    """A measure figure in doubt: ``scope`` and ``period`` of ``measure``, and why."""

    scope: str
    period: str
    measure: str
    message: str
    error: bool

    @classmethod
    def from_problem(cls, problem: Problem) -> Doubt | None:
        """The doubt a plausibility problem names (its path is ``scope period measure …``)."""
        parts = problem.path.split()
        if len(parts) < 3:
            return None
        return cls(
            parts[0], parts[1], parts[2], problem.message, problem.severity is Severity.ERROR
        )


@attrs.frozen
class ProvinceReport:
    """A province comparison and the doubtful figures it was computed from."""

    province: Province
    comparison: Comparison
    doubts: tuple[Doubt, ...] = attrs.field(default=(), converter=to_tuple)

    def doubts_of(self, scope: str, definition: IndicatorDefinition) -> tuple[Doubt, ...]:
        """The doubts behind ``definition``'s value for ``scope`` (compared or baseline period)."""
        periods = {self.comparison.period, self.comparison.baseline_period}
        measures = set(definition.measures)
        return tuple(
            d
            for d in self.doubts
            if d.scope == scope and d.period in periods and d.measure in measures
        )

    def doubtful_counties(self, definition: IndicatorDefinition, region: str) -> tuple[str, ...]:
        """The counties of ``region`` (a prefecture or the province) whose figures behind
        ``definition`` are in doubt: the region's value sums them."""
        province = self.province
        counties = (
            province.counties if region == province.id else province.prefecture(region).counties
        )
        return tuple(c.id for c in counties if self.doubts_of(c.id, definition))


def _doubts(table: MeasureTable, scopes: set[str], periods: set[str]) -> list[Doubt]:
    found = []
    for problem in [*part_whole_problems(table), *scale_warnings(table)]:
        doubt = Doubt.from_problem(problem)
        if doubt is not None and doubt.scope in scopes and doubt.period in periods:
            found.append(doubt)
    return found


def build_province_report(
    table: MeasureTable,
    province: Province,
    indicators_of: str | IndicatorSet,
    period: str,
    *,
    baseline_period: str | None = None,
    targets: TargetBook | None = None,
    indicators: Iterable[str] | None = None,
) -> ProvinceReport:
    """Compare the counties of ``province`` (the arguments of
    :func:`~countycare.province.compare.compare_province`) and find the figures in doubt."""
    comparison = compare_province(
        table,
        province,
        indicators_of,
        period,
        baseline_period=baseline_period,
        targets=targets,
        indicators=indicators,
    )
    periods = {comparison.period}
    if comparison.baseline_period is not None:
        periods.add(comparison.baseline_period)
    scopes = {c.id for c in province.counties}
    return ProvinceReport(province, comparison, _doubts(table, scopes, periods))
