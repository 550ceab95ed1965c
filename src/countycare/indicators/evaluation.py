"""Evaluate indicator definitions on a :class:`MeasureTable`, one point or many at once.

Arithmetic runs on numpy arrays wrapped once in a pint Quantity (never one Quantity per number).
A value that cannot be computed — no definition in force for the period, a missing input (a
measure, or one age band of it), a zero denominator — is an :class:`IndicatorValue` with status
``undefined`` and a reason, never 0 or NaN. :func:`combine` rolls values up over scopes as a ratio
of sums: the components (numerators, denominators, deaths and populations per band) are summed and
the formula applied once.

A growth compares with the same period a year earlier (2024Q1 with 2023Q1) and says so in
``compared_with``. A baseline before a set's first year is computed with the definition in
force for the current period (:func:`evaluate_baseline`) and says so in ``definition_period``.

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

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import pint

from countycare.errors import DefinitionError, UndefinedError, UnitError
from countycare.indicators.definitions import ChecklistAnswer, IndicatorDefinition, IndicatorSet
from countycare.indicators.formulas import Checklist, Component, PrematureMortality
from countycare.indicators.measures import MEASURES
from countycare.indicators.table import MeasureTable
from countycare.labels import BilingualEnum
from countycare.periods import Period, PeriodKind
from countycare.units import Q_, parse_unit

__all__ = [
    "IndicatorValue",
    "IndicatorValues",
    "UndefinedReason",
    "ValueStatus",
    "combine",
    "evaluate",
    "evaluate_baseline",
    "evaluate_many",
    "evaluate_set",
    "year_earlier",
]

Floats = np.ndarray[Any, np.dtype[np.float64]]
Objects = np.ndarray[Any, np.dtype[np.object_]]
Mask = np.ndarray[Any, np.dtype[np.bool_]]
Answers = Mapping[str, ChecklistAnswer]


class ValueStatus(BilingualEnum):
    """Whether an indicator value could be computed."""

    DEFINED = ("defined", "Defined", "有值")
    UNDEFINED = ("undefined", "Undefined", "无定义")


class UndefinedReason(BilingualEnum):
    """Why a value is undefined (checked in this order)."""

    NOT_IN_FORCE = ("not_in_force", "No definition in force for the period", "该期无有效定义")
    MISSING_INPUT = ("missing_input", "A required input is missing", "缺少所需数据")
    WRONG_PERIOD_KIND = ("wrong_period_kind", "The formula needs another period kind", "期间不适用")
    ZERO_DENOMINATOR = ("zero_denominator", "The denominator is zero", "分母为零")
    NOT_AGGREGABLE = ("not_aggregable", "The value does not roll up", "不可汇总")
    NOT_FINITE = ("not_finite", "The result is too large to represent", "结果溢出")


@attrs.frozen
class IndicatorValue:
    """One indicator at one scope and period: a number in ``unit``, or undefined with a reason.

    ``met`` is the answer of a qualitative item (``value`` is then 1 or 0). ``compared_with``
    is the period a growth is measured against (the same period a year earlier). A value
    computed with the definition in force for another period — a baseline before its set's first
    year, read with the current definition as a trend usually is — names that period in
    ``definition_period`` (None when the definition in force for ``period`` itself was used).
    """

    set_code: str
    code: str
    scope: str
    period: str
    value: float | None
    unit: str
    reason: UndefinedReason | None = None
    detail: str = ""
    met: bool | None = None
    compared_with: str | None = None
    definition_period: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.value is None) == (self.reason is None):
            raise DefinitionError(
                f"{self.code}: a value needs no reason; an undefined one needs one"
            )
        if self.value is not None and not np.isfinite(self.value):
            raise DefinitionError(
                f"{self.code}: a defined value must be finite, got {self.value!r}"
            )

    @property
    def status(self) -> ValueStatus:
        """``defined`` or ``undefined``."""
        return ValueStatus.DEFINED if self.value is not None else ValueStatus.UNDEFINED

    @property
    def backcast(self) -> bool:
        """Whether the value was computed with a definition in force for another period."""
        return self.definition_period is not None

    def provenance_json(self) -> dict[str, str]:
        """What a JSON rendering must add so the value is not misread: the period a growth is
        compared with, and the period whose definition a backcast value used (empty if none).

        >>> v = IndicatorValue("s", "c", "x", "2023", 1.0, "percent", definition_period="2024")
        >>> v.provenance_json()["definition_period"]
        '2024'
        """
        out: dict[str, str] = {}
        if self.compared_with is not None:
            out["compared_with"] = self.compared_with
        if self.definition_period is not None:
            out["definition_period"] = self.definition_period
            out["definition_note"] = (
                f"computed with the definition in force for {self.definition_period}: none was "
                f"in force for {self.period} (a trend read with the current definition)"
            )
        return out

    def require(self) -> float:
        """The number; raise :class:`UndefinedError` with the reason when undefined."""
        if self.value is None:
            raise UndefinedError(
                f"{self.code} at {self.scope} {self.period} is undefined: {self.detail}"
            )
        return self.value


@attrs.frozen(eq=False)
class IndicatorValues:
    """Many points of one definition, as arrays; ``value`` is masked where undefined."""

    definition: IndicatorDefinition
    scope: Objects
    period: Objects
    value: np.ma.MaskedArray[Any, np.dtype[np.float64]]
    reason: Objects
    detail: Objects
    components: Mapping[str, Floats]
    met: Objects
    compared_with: Objects | None = None
    definition_period: str | None = None

    def __len__(self) -> int:
        return len(self.scope)

    def at(self, i: int) -> IndicatorValue:
        """The ``i``-th point as an :class:`IndicatorValue`."""
        defined = not bool(np.ma.getmaskarray(self.value)[i])
        return IndicatorValue(
            self.definition.set_code,
            self.definition.code,
            str(self.scope[i]),
            str(self.period[i]),
            float(self.value.data[i]) if defined else None,
            self.definition.unit,
            None if defined else self.reason[i],
            "" if defined else str(self.detail[i]),
            self.met[i] if defined else None,
            None if self.compared_with is None else str(self.compared_with[i]),
            self.definition_period if self.definition_period != self.period[i] else None,
        )

    def __iter__(self) -> Iterator[IndicatorValue]:
        return (self.at(i) for i in range(len(self)))

    @property
    def defined(self) -> Mask:
        """Which points have a value."""
        return ~np.ma.getmaskarray(self.value)


def year_earlier(period: Period | str, years: int = 1) -> Period:
    """The same period ``years`` years earlier: 2024Q1 → 2023Q1, 2024-03 → 2023-03.

    >>> str(year_earlier("2024Q1")), str(year_earlier("2024-03")), str(year_earlier("2024"))
    ('2023Q1', '2023-03', '2023')
    """
    p = Period.parse(period)
    return Period(p.kind, p.year_number - years, p.index)


def _shifted(periods: Objects, years_back: int) -> Objects:
    if years_back == 0:
        return periods
    cache = {p: str(year_earlier(p, years_back)) for p in set(periods.tolist())}
    return np.asarray([cache[p] for p in periods.tolist()], dtype=object)


def _fetch(
    table: MeasureTable, component: Component, scopes: Objects, periods: Objects
) -> tuple[Floats, Objects]:
    at = _shifted(periods, component.years_back)
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


def evaluate_many(
    definition: IndicatorDefinition,
    table: MeasureTable,
    scopes: Sequence[str],
    periods: Sequence[str],
    *,
    answers: Answers | None = None,
    definition_period: str | None = None,
) -> IndicatorValues:
    """Evaluate ``definition`` at each ``(scopes[i], periods[i])`` point, vectorised.

    ``definition_period`` judges whether the definition is in force at that period instead of
    at each point's own (see :func:`evaluate_baseline`); the values then say so.
    """
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
    compared_with = _shifted(period, back) if back else None
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
        # A denominator so small that the quotient overflows is no number to report.
        with np.errstate(invalid="ignore"):
            overflow = ~np.isfinite(value) & ~np.isnan(value)
        mark(overflow, UndefinedReason.NOT_FINITE, "the result overflows a 64-bit float")
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
        converted: Floats = np.asarray(
            Q_(natural, unit).to(parse_unit(definition.unit)).magnitude, dtype=np.float64
        )
    except pint.errors.DimensionalityError:
        raise UnitError(
            f"indicator {definition.code!r}: evaluated in {unit:D}, which does not convert to "
            f"the declared {definition.unit!r}"
        ) from None
    return converted


def evaluate(
    definition: IndicatorDefinition,
    table: MeasureTable,
    scope: str,
    period: str,
    *,
    answers: Answers | None = None,
    definition_period: str | None = None,
) -> IndicatorValue:
    """Evaluate ``definition`` at one scope and period (see :func:`evaluate_many`)."""
    return evaluate_many(
        definition, table, [scope], [period], answers=answers, definition_period=definition_period
    ).at(0)


def evaluate_baseline(
    definition: IndicatorDefinition,
    table: MeasureTable,
    scope: str,
    baseline_period: str,
    current_period: str,
    *,
    answers: Answers | None = None,
) -> IndicatorValue:
    """The baseline of a trend: ``definition`` at ``baseline_period``, read as it is read now.

    Where the definition is in force at ``baseline_period`` this is :func:`evaluate`. Where it
    is not — a baseline before its set's first year, such as 2023 for the nhc-2024 set — the
    usual practice for a trend is to compute the earlier value with the definition in force for
    the current period, so both ends are measured alike; the value then carries that period in
    ``definition_period`` (and in its JSON), so it is never mistaken for a figure of a set that
    did not yet exist.

    >>> from countycare.indicators.catalogues import indicator_set
    >>> t = MeasureTable.from_rows([
    ...     ("wanrong", "2023", "visits", "", 2_000_000.0),
    ...     ("wanrong", "2023", "visits_primary", "", 1_200_000.0),
    ... ])
    >>> d = indicator_set("nhc-2024").get("primary_visit_share")
    >>> b = evaluate_baseline(d, t, "wanrong", "2023", "2024")
    >>> b.value, b.definition_period, b.backcast
    (60.0, '2024', True)
    """
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


def evaluate_set(
    indicator_set: IndicatorSet,
    table: MeasureTable,
    scope: str,
    period: str,
    *,
    answers: Answers | None = None,
) -> tuple[IndicatorValue, ...]:
    """Every indicator of a set at one scope and period, in item order."""
    return tuple(evaluate(d, table, scope, period, answers=answers) for d in indicator_set)


def combine(values: IndicatorValues, scope: str, period: str) -> IndicatorValue:
    """Roll the points of ``values`` up into one value at ``scope`` and ``period``.

    Components are summed over the points and the formula applied once: a ratio of sums, never
    a mean of ratios. Undefined when any point lacks an input, has the wrong kind of period, or
    no definition is in force; a zero denominator at one point does not block the pooled value.
    """
    definition = values.definition
    if isinstance(definition.formula, Checklist):
        return IndicatorValue(
            definition.set_code,
            definition.code,
            scope,
            period,
            None,
            definition.unit,
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
        why = first.reason if first else UndefinedReason.NOT_IN_FORCE
        text = first.detail if first else f"no definition of {definition.code!r} in force"
        return IndicatorValue(
            definition.set_code, definition.code, scope, period, None, definition.unit, why, text
        )
    summed = {k: np.asarray([v.sum()], dtype=np.float64) for k, v in values.components.items()}
    natural, undefined = definition.formula.reduce(summed)
    for mask, text in undefined:
        if bool(np.asarray(mask)[0]):
            return IndicatorValue(
                definition.set_code,
                definition.code,
                scope,
                period,
                None,
                definition.unit,
                UndefinedReason.ZERO_DENOMINATOR,
                text,
            )
    value = float(_to_declared(definition, natural)[0])
    return IndicatorValue(
        definition.set_code, definition.code, scope, period, value, definition.unit
    )
