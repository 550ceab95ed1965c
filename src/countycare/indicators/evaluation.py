"""Evaluate indicator definitions on a :class:`MeasureTable`, one point or many at once.

Arithmetic runs on numpy arrays wrapped once in a pint Quantity (never one Quantity per number).
A value that cannot be computed — no definition in force for the period, a missing input (a
measure, or one age band of it), a zero denominator — is an :class:`IndicatorValue` with status
``undefined`` and a reason, never 0 or NaN (the value types are in
:mod:`countycare.indicators.values`). :func:`combine` rolls values up over scopes as a ratio
of sums: the components (numerators, denominators, deaths and populations per band) are summed and
the formula applied once.

A growth compares with the same period a year earlier (2024Q1 with 2023Q1) and says so in
``compared_with``. A baseline before a set's first year is computed with the definition in
force for the current period (:func:`~countycare.indicators.baselines.evaluate_baseline`, in
:mod:`countycare.indicators.baselines` with the shifting of periods) and says so in
``definition_period``. The names of both modules stay importable from here.

Examples
--------
>>> from countycare.indicators.catalogues import indicator_set
>>> from countycare.indicators.table import MeasureTable
>>> t = MeasureTable.from_rows([
...     ("wanrong", "2024", "visits", "", 2_000_000.0),
...     ("wanrong", "2024", "visits_primary", "", 1_300_000.0),
... ])
>>> d = indicator_set("nhc-2024").get("primary_visit_share")
>>> v = evaluate(d, t, "wanrong", "2024")
>>> v.value, v.unit, v.status.value
(65.0, 'percent', 'defined')
>>> u = evaluate(d, t, "wanrong", "2023")
>>> u.value, u.reason.value
(None, 'not_in_force')
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pint

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.errors import DefinitionError, UnitError
from countycare.indicators.answers import ChecklistAnswer
from countycare.indicators.baselines import evaluate_baseline as evaluate_baseline
from countycare.indicators.baselines import shifted
from countycare.indicators.baselines import year_earlier as year_earlier
from countycare.indicators.definitions import IndicatorDefinition
from countycare.indicators.formulas import Checklist, Component, PrematureMortality
from countycare.indicators.measures import MEASURES
from countycare.indicators.table import MeasureTable
from countycare.indicators.values import Floats, Mask, Objects
from countycare.indicators.values import IndicatorValue as IndicatorValue
from countycare.indicators.values import IndicatorValues as IndicatorValues
from countycare.indicators.values import UndefinedReason as UndefinedReason
from countycare.indicators.values import ValueStatus as ValueStatus
from countycare.periods import Period, PeriodKind
from countycare.units import Q_, parse_unit

if TYPE_CHECKING:
    from countycare.forms import IndicatorSetLike, MeasuresLike, PeriodLike

#: Defined here; the value types (:mod:`~countycare.indicators.values`), ``evaluate_baseline``
#: and ``year_earlier`` (:mod:`~countycare.indicators.baselines`) are importable from here too.
__all__ = ["combine", "evaluate", "evaluate_many", "evaluate_set"]

Answers = Mapping[str, ChecklistAnswer]


def _fetch(
    table: MeasureTable, component: Component, scopes: Objects, periods: Objects
) -> tuple[Floats, Objects]:
    at = shifted(periods, component.years_back)
    values = table.lookup(scopes.tolist(), at.tolist(), component.measure, component.category)
    return values, at


def _describe_missing(table: MeasureTable, component: Component, scope: str, period: str) -> str:
    band = f" in category {component.category!r}" if component.category else ""
    text = f"no value of measure {component.measure!r}{band} for {scope} {period}"
    m = MEASURES.get(component.measure)
    p = Period.parse(period)
    if m is None or m.aggregates_over_periods or p.kind is PeriodKind.MONTH:
        return text
    quarters = range(1, 5) if p.kind is PeriodKind.YEAR else ()
    parts = [str(Period.quarter(p.year_number, q)) for q in quarters]
    parts += [str(month) for month in p.months()]
    given = [q for q in parts if table.get(scope, q, m.code, component.category) is not None]
    if not given:
        return text
    return (
        f"{text}: {m.code!r} is a distinct count ({m.kind.rule_text}), so its rows for "
        f"{', '.join(given)} do not make {period} — the same people may be counted in each; "
        f"give the row for {period}"
    )


@boundary
def evaluate_many(
    definition: IndicatorDefinition,
    table: MeasuresLike,
    scopes: Sequence[str],
    periods: Sequence[str],
    *,
    answers: Answers | None = None,
    definition_period: PeriodLike | None = None,
) -> IndicatorValues:
    """Evaluate ``definition`` at each ``(scopes[i], periods[i])`` point, vectorised.

    ``definition_period`` judges whether the definition is in force at that period instead of
    at each point's own (see :func:`evaluate_baseline`); the values then say so.
    """
    table = coerce.measure_table(table, "table")
    definition_period = coerce.optional_period_text(definition_period, "definition_period")
    if len(scopes) != len(periods):
        raise DefinitionError(f"{len(scopes)} scopes but {len(periods)} periods")
    scope = np.asarray([str(s) for s in scopes], dtype=object)
    period = np.asarray([str(Period.parse(p)) for p in periods], dtype=object)
    n = len(scope)
    reason = np.full(n, None, dtype=object)
    detail = np.full(n, "", dtype=object)
    met = np.full(n, None, dtype=object)
    unset = np.ones(n, dtype=bool)

    def mark(mask: Mask, why: UndefinedReason, text: str | list[str]) -> None:
        hit = mask & unset
        reason[hit] = why
        detail[hit] = text if isinstance(text, str) else np.asarray(text, dtype=object)[hit]
        unset[hit] = False

    if definition_period is not None:
        definition_period = str(Period.parse(definition_period))
        in_force = {p: definition.in_force(definition_period) for p in set(period.tolist())}
    else:
        in_force = {p: definition.in_force(p) for p in set(period.tolist())}
    mark(
        np.asarray([not in_force[p] for p in period.tolist()], dtype=bool),
        UndefinedReason.NOT_IN_FORCE,
        f"no definition of {definition.code!r} in set {definition.set_code!r} is in force "
        f"(valid {definition.validity()})",
    )
    components: dict[str, Floats] = {}
    back = max((c.years_back for c in definition.formula.components()), default=0)
    compared_with = shifted(period, back) if back else None
    if isinstance(definition.formula, Checklist):
        value = _judge(definition, scope, answers or {}, met, mark)
    else:
        for component in definition.formula.components():
            values, at = _fetch(table, component, scope, period)
            missing = np.isnan(values)
            if missing.any():
                texts = [
                    _describe_missing(table, component, s, p) if m else ""
                    for s, p, m in zip(scope.tolist(), at.tolist(), missing.tolist(), strict=True)
                ]
                mark(missing, UndefinedReason.MISSING_INPUT, texts)
            components[component.key] = values
        if isinstance(definition.formula, PrematureMortality):
            annual = [Period.parse(p).kind is PeriodKind.YEAR for p in period.tolist()]
            mark(
                ~np.asarray(annual, dtype=bool),
                UndefinedReason.WRONG_PERIOD_KIND,
                "premature mortality needs annual death rates: evaluate a year",
            )
        natural, undefined = definition.formula.reduce(components)
        for mask, text in undefined:
            mark(np.asarray(mask, dtype=bool), UndefinedReason.ZERO_DENOMINATOR, text)
        value = _to_declared(definition, natural)
        # A denominator so small that the quotient overflows is no number to report, nor what
        # a formula that goes on from an overflow leaves (∞ / ∞ is NaN). The points already
        # undefined keep their own reason: mark() leaves them alone.
        mark(~np.isfinite(value), UndefinedReason.NOT_FINITE, "the result overflows a 64-bit float")
    masked = np.ma.MaskedArray(np.where(unset, value, 0.0), mask=~unset)
    return IndicatorValues(
        definition,
        scope,
        period,
        masked,
        reason,
        detail,
        components,
        met,
        compared_with,
        definition_period,
    )


def _judge(
    definition: IndicatorDefinition, scope: Objects, answers: Answers, met: Objects, mark: Any
) -> Floats:
    answer = answers.get(definition.code)
    if answer is None:
        mark(
            np.ones(len(scope), dtype=bool),
            UndefinedReason.MISSING_INPUT,
            f"no checklist answer for {definition.code!r}",
        )
        return np.zeros(len(scope), dtype=np.float64)
    if answer.met is None:
        needed = "; ".join(answer.to_record) or "the practices the item needs"
        mark(
            np.ones(len(scope), dtype=bool),
            UndefinedReason.MISSING_INPUT,
            f"{definition.code!r} is unknown: cannot tell until recorded: {needed}",
        )
        return np.zeros(len(scope), dtype=np.float64)
    met[:] = answer.met
    return np.full(len(scope), 1.0 if answer.met else 0.0, dtype=np.float64)


def _to_declared(definition: IndicatorDefinition, natural: Floats) -> Floats:
    """Convert from the formula's natural unit to the declared one: the evaluation-time check."""
    unit = definition.formula.natural_unit()
    try:
        with np.errstate(over="ignore"):  # an overflow is inf, which the callers make undefined
            converted: Floats = np.asarray(
                Q_(natural, unit).to(parse_unit(definition.unit)).magnitude, dtype=np.float64
            )
    except pint.errors.DimensionalityError:
        raise UnitError(
            f"indicator {definition.code!r}: evaluated in {unit:D}, which does not convert to "
            f"the declared {definition.unit!r}"
        ) from None
    return converted


@boundary
def evaluate(
    definition: IndicatorDefinition,
    table: MeasuresLike,
    scope: str,
    period: PeriodLike,
    *,
    answers: Answers | None = None,
    definition_period: PeriodLike | None = None,
) -> IndicatorValue:
    """Evaluate ``definition`` at one scope and period (see :func:`evaluate_many`)."""
    period = coerce.period_text(period, "period")  # the table and definition_period: there
    return evaluate_many(
        definition, table, [scope], [period], answers=answers, definition_period=definition_period
    ).at(0)


@boundary
def evaluate_set(
    indicator_set: IndicatorSetLike,
    table: MeasuresLike,
    scope: str,
    period: PeriodLike,
    *,
    answers: Answers | None = None,
) -> tuple[IndicatorValue, ...]:
    """Every indicator of a set at one scope and period, in item order."""
    indicator_set = coerce.indicator_set(indicator_set, "indicator_set")
    table = coerce.measure_table(table, "table")
    period = coerce.period_text(period, "period")
    return tuple(evaluate(d, table, scope, period, answers=answers) for d in indicator_set)


@boundary
def combine(values: IndicatorValues, scope: str, period: PeriodLike) -> IndicatorValue:
    """Roll the points of ``values`` up into one value at ``scope`` and ``period``.

    Components are summed over the points and the formula applied once: a ratio of sums, never
    a mean of ratios. Undefined when any point lacks an input, has the wrong kind of period, or
    no definition is in force; a zero denominator at one point does not block the pooled value.
    """
    period = coerce.period_text(period, "period")
    definition = values.definition

    def undefined(reason: UndefinedReason, text: str) -> IndicatorValue:
        return IndicatorValue(
            definition.set_code, definition.code, scope, period, None, definition.unit, reason, text
        )

    if isinstance(definition.formula, Checklist):
        return undefined(
            UndefinedReason.NOT_AGGREGABLE,
            "a qualitative item is judged for one scope; it does not roll up",
        )
    blocking = [
        i
        for i, r in enumerate(values.reason.tolist())
        if r
        in (
            UndefinedReason.NOT_IN_FORCE,
            UndefinedReason.MISSING_INPUT,
            UndefinedReason.WRONG_PERIOD_KIND,
        )
    ]
    if blocking or not definition.in_force(period):
        first = values.at(blocking[0]) if blocking else None
        why = first.reason if first and first.reason else UndefinedReason.NOT_IN_FORCE
        text = first.detail if first else f"no definition of {definition.code!r} in force"
        return undefined(why, text)
    with np.errstate(over="ignore"):  # a sum past the largest float is inf: undefined below
        summed = {k: np.asarray([v.sum()], dtype=np.float64) for k, v in values.components.items()}
        natural, undefined_where = definition.formula.reduce(summed)
    for mask, text in undefined_where:
        if bool(np.asarray(mask)[0]):
            return undefined(UndefinedReason.ZERO_DENOMINATOR, text)
    value = float(_to_declared(definition, natural)[0])
    if not math.isfinite(value):  # as evaluate() says of a quotient that overflows
        return undefined(UndefinedReason.NOT_FINITE, "the result overflows a 64-bit float")
    return IndicatorValue(
        definition.set_code, definition.code, scope, period, value, definition.unit
    )
