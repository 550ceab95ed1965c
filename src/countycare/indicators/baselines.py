"""Comparing with another period: the same period a year earlier (a growth), and the baseline
of a trend read with the definition in force now (a backcast).

A growth compares with the same period a year earlier (2024Q1 with 2023Q1) and says so in
``compared_with``. A baseline before a set's first year is computed with the definition in force
for the current period (:func:`evaluate_baseline`) and says so in ``definition_period``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.indicators.values import Objects
from countycare.periods import Period

if TYPE_CHECKING:
    from countycare.forms import PeriodLike
    from countycare.indicators.answers import ChecklistAnswer
    from countycare.indicators.definitions import IndicatorDefinition
    from countycare.indicators.table import MeasureTable
    from countycare.indicators.values import IndicatorValue

__all__ = ["evaluate_baseline", "shifted", "year_earlier"]


def year_earlier(period: Period | str, years: int = 1) -> Period:
    """The same period ``years`` years earlier: 2024Q1 → 2023Q1, 2024-03 → 2023-03.

    >>> str(year_earlier("2024Q1")), str(year_earlier("2024-03")), str(year_earlier("2024"))
    ('2023Q1', '2023-03', '2023')
    """
    p = Period.parse(period)
    return Period(p.kind, p.year_number - years, p.index)


def shifted(periods: Objects, years_back: int) -> Objects:
    """Each period of ``periods``, ``years_back`` years earlier."""
    if years_back == 0:
        return periods
    cache = {p: str(year_earlier(p, years_back)) for p in set(periods.tolist())}
    return np.asarray([cache[p] for p in periods.tolist()], dtype=object)


@boundary
def evaluate_baseline(
    definition: IndicatorDefinition,
    table: MeasureTable,
    scope: str,
    baseline_period: PeriodLike,
    current_period: PeriodLike,
    *,
    answers: Mapping[str, ChecklistAnswer] | None = None,
) -> IndicatorValue:
    """The baseline of a trend: ``definition`` at ``baseline_period``, read as it is read now.

    Where the definition is in force at ``baseline_period`` this is
    :func:`~countycare.indicators.evaluation.evaluate`. Where it
    is not — a baseline before its set's first year, such as 2023 for the nhc-2024 set — the
    usual practice for a trend is to compute the earlier value with the definition in force for
    the current period, so both ends are measured alike; the value then carries that period in
    ``definition_period`` (and in its JSON), so it is never mistaken for a figure of a set that
    did not yet exist.

    >>> from countycare.indicators.catalogues import indicator_set
    >>> from countycare.indicators.table import MeasureTable
    >>> t = MeasureTable.from_rows([
    ...     ("wanrong", "2023", "visits", "", 2_000_000.0),
    ...     ("wanrong", "2023", "visits_primary", "", 1_200_000.0),
    ... ])
    >>> d = indicator_set("nhc-2024").get("primary_visit_share")
    >>> b = evaluate_baseline(d, t, "wanrong", "2023", "2024")
    >>> b.value, b.definition_period, b.backcast
    (60.0, '2024', True)
    """
    from countycare.indicators.evaluation import evaluate  # it reads shifted() from here

    baseline_period = coerce.period_text(baseline_period, "baseline_period")
    current_period = coerce.period_text(current_period, "current_period")
    if definition.in_force(baseline_period):
        return evaluate(definition, table, scope, baseline_period, answers=answers)
    return evaluate(
        definition,
        table,
        scope,
        baseline_period,
        answers=answers,
        definition_period=current_period,
    )
