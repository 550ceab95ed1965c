"""The settlement file of ``countycare settle``: a budget, the actual spending and the rules.

A TOML (or JSON) document with four tables::

    year = "2024"

    [budget]                  # method = "fixed" | "history" | "capitation"
    method = "history"
    past_actual = ["1.00 yi_yuan", "1.08 yi_yuan"]
    weights = [0.4, 0.6]
    growth = 0.05
    reserve_share = 0.02

    [actual]
    in_county = "0.98 yi_yuan"
    out_of_county = "0.21 yi_yuan"

    [settlement]
    surplus_share = 0.6       # or [[settlement.surplus_share_by_score]] bands
    fund_overspend_share = 0.5
    include_out_of_county = false
    surplus_corridor = 0.10           # optional: no corridor when absent
    reasonable_overspend_corridor = 0.05

    [assessment]              # optional: the score for a score-linked share
    score = 80                # or as_of + [[assessment.practices]] records
    unknown_as = "not_met"    # optional: how to count unknown items; absent: refuse them

Amounts are text with a unit as a user writes it: ``"9800 万元"``, ``"9800 wan_yuan"``,
``"1.2 亿元"`` (:data:`countycare.units.MONEY_UNITS`). Every problem is reported with its path
(``$.settlement.surplus_share: ...``); the file is rejected as a whole.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "rules.toml"
>>> _ = path.write_text('''year = "2024"
... [budget]
... method = "fixed"
... amount = "100 wan_yuan"
... [actual]
... in_county = "90 wan_yuan"
... out_of_county = "0 yuan"
... [settlement]
... surplus_share = 1.5
... fund_overspend_share = 0.5
... include_out_of_county = true
... ''', encoding="utf-8")
>>> load_settlement_case(path)
Traceback (most recent call last):
...
countycare.errors.DataError: .../rules.toml: $.settlement.surplus_share: must be a share ... got 1.5
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import attrs

from countycare.coerce.arguments import boundary
from countycare.errors import CountyCareError, DataError, Problem, UnitError
from countycare.finance.budget import (
    Budget,
    BudgetMethod,
    CapitationBudget,
    FixedBudget,
    HistoryBudget,
)
from countycare.finance.formulas import share
from countycare.finance.settlement import (
    ScoreBand,
    ScoreLinkedShare,
    Settlement,
    SettlementRules,
    Spending,
    settle,
)
from countycare.governance.score import Score, unknown_as_status
from countycare.labels import ItemStatus
from countycare.units import MONEY_UNITS_TEXT, Q_, parse_quantity

__all__ = ["BudgetMethod", "SettlementCase", "load_settlement_case", "settlement_case_from_dict"]

_T = TypeVar("_T")


@attrs.frozen
class _BudgetSpec:
    method: BudgetMethod
    amount: Any = None
    past_actual: tuple[Any, ...] = ()
    weights: tuple[float, ...] = ()
    growth: float | None = None
    reserve_share: float | None = None
    insured: int | None = None
    rate: Any = None


@attrs.frozen
class _SpendingSpec:
    in_county: Any
    out_of_county: Any


@attrs.frozen
class _BandSpec:
    min_score: float
    share: float


@attrs.frozen
class _SettlementSpec:
    fund_overspend_share: float
    include_out_of_county: bool
    surplus_share: float | None = None
    surplus_share_by_score: tuple[_BandSpec, ...] = ()
    surplus_corridor: float | None = None
    reasonable_overspend_corridor: float | None = None


@attrs.frozen
class _PracticeSpec:
    practice: str
    state: str
    since: dt.date
    evidence: tuple[str, ...] = ()


@attrs.frozen
class _AssessmentSpec:
    score: float | None = None
    as_of: dt.date | None = None
    practices: tuple[_PracticeSpec, ...] = ()
    unknown_as: str | None = None


@attrs.frozen
class _SettleFile:
    year: str
    budget: _BudgetSpec
    actual: _SpendingSpec
    settlement: _SettlementSpec
    assessment: _AssessmentSpec | None = None


@attrs.frozen
class SettlementCase:
    """A settlement file, checked: the year, budget, spending, rules and score (if any).

    ``score`` is the file's number, or the :class:`Score` of the practices it records;
    ``unknown_as`` the assumption the file states for unknown items (None: refuse them).
    """

    year: str
    budget: Budget
    spending: Spending
    rules: SettlementRules
    score: float | Score | None
    unknown_as: ItemStatus | None = None

    def settle(self) -> Settlement:
        """Settle the year."""
        return settle(
            self.budget,
            self.spending,
            self.rules,
            self.score,
            unknown_as=self.unknown_as,
            year=self.year,
        )


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def check(self, path: str, build: Callable[[], _T]) -> _T | None:
        try:
            return build()
        except (ValueError, TypeError, CountyCareError) as exc:
            self.problems.append(Problem(path, _message(exc, path)))
            return None

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))


def _message(exc: BaseException, path: str) -> str:
    """The error text without a leading field name that the path already gives."""
    text = str(exc)
    for name in (path.rsplit(".", 1)[-1], "share"):
        if text.startswith(f"{name} "):
            return text[len(name) + 1 :]
    return text


def _money(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(
            f"write an amount as text with its unit, e.g. '1.2 亿元' or '1.2 yi_yuan', "
            f"got {value!r}"
        )
    try:
        amount = _quantity(value, "an amount")
    except ValueError as exc:
        units = f"; {MONEY_UNITS_TEXT}" if "unit" in str(exc) else ""
        raise ValueError(f"{exc}{units}") from None
    if amount.dimensionality != Q_(1, "yuan").dimensionality:
        raise ValueError(f"{value!r} is not an amount of money; {MONEY_UNITS_TEXT}")
    if amount.magnitude < 0:
        raise ValueError(f"must not be negative, got {value!r}")
    return amount


def _quantity(value: str, kind: str) -> Any:
    """``value`` parsed as a finite quantity (``1e400`` or ``nan`` would settle into nonsense)."""
    try:
        amount = parse_quantity(value)
    except UnitError as exc:
        reason = "" if "expected a number" in str(exc) else f" ({exc})"
        raise ValueError(f"not {kind}: {value[:80]!r}{reason}") from None
    if not math.isfinite(amount.magnitude):
        raise ValueError(f"must be a finite amount, got {value!r}")
    return amount


def _a_share(value: float | None, what: str) -> float:
    if value is None:
        raise ValueError("required for this rule")
    return share(value, what)


def _budget(spec: _BudgetSpec, c: _Collector) -> Budget | None:
    p = "$.budget"
    if spec.method is BudgetMethod.FIXED:
        amount = c.check(f"{p}.amount", lambda: _money(spec.amount))
        return None if amount is None else FixedBudget(amount)
    if spec.method is BudgetMethod.HISTORY:
        past = [
            c.check(f"{p}.past_actual[{i}]", functools.partial(_money, v))
            for i, v in enumerate(spec.past_actual)
        ]
        if not spec.past_actual:
            c.fail(f"{p}.past_actual", "a history-based budget needs at least one past year")
        reserve = c.check(
            f"{p}.reserve_share", lambda: _a_share(spec.reserve_share, "reserve_share")
        )
        if spec.growth is None:
            c.fail(f"{p}.growth", "required for a history-based budget")
        growth = spec.growth
        if None in past or reserve is None or growth is None or not past:
            return None
        build = functools.partial(HistoryBudget, tuple(past), spec.weights, growth, reserve)
        return c.check(p, build)
    rate = c.check(f"{p}.rate", lambda: _rate(spec.rate))
    reserve = c.check(f"{p}.reserve_share", lambda: _a_share(spec.reserve_share, "reserve_share"))
    if spec.insured is None:
        c.fail(f"{p}.insured", "required for a capitation budget")
    if rate is None or reserve is None or spec.insured is None:
        return None
    insured = spec.insured
    return c.check(p, lambda: CapitationBudget(insured, rate, reserve))


def _rate(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(
            f"write the rate as text with its unit, e.g. '450 yuan / person', got {value!r}"
        )
    rate = _quantity(value, "an amount per person")
    if rate.dimensionality != Q_(1, "yuan / person").dimensionality or rate.magnitude < 0:
        raise ValueError(f"must be a non-negative amount per person, got {value!r}")
    return rate


def _rules(spec: _SettlementSpec, c: _Collector) -> SettlementRules | None:
    p = "$.settlement"
    surplus: float | ScoreLinkedShare | None
    if spec.surplus_share is not None and spec.surplus_share_by_score:
        c.fail(f"{p}.surplus_share", "give surplus_share or surplus_share_by_score, not both")
        return None
    if spec.surplus_share is not None:
        value = spec.surplus_share
        surplus = c.check(f"{p}.surplus_share", lambda: share(value, "share"))
    elif spec.surplus_share_by_score:
        bands = [
            c.check(
                f"{p}.surplus_share_by_score[{i}]",
                functools.partial(ScoreBand, b.min_score, b.share),
            )
            for i, b in enumerate(spec.surplus_share_by_score)
        ]
        chosen = tuple(b for b in bands if b is not None)
        surplus = (
            None
            if len(chosen) < len(bands)
            else c.check(f"{p}.surplus_share_by_score", lambda: ScoreLinkedShare(chosen))
        )
    else:
        c.fail(f"{p}.surplus_share", "required (or surplus_share_by_score)")
        surplus = None
    s = c.check(f"{p}.fund_overspend_share", lambda: share(spec.fund_overspend_share, "share"))
    for name in ("surplus_corridor", "reasonable_overspend_corridor"):
        value = getattr(spec, name)
        if value is not None and (not math.isfinite(value) or value < 0):
            c.fail(f"{p}.{name}", f"must be a share of the budget ≥ 0, got {value!r}")
    if surplus is None or s is None or c.problems:
        return None
    return c.check(
        p,
        lambda: SettlementRules(
            surplus_share=surplus,
            fund_overspend_share=s,
            include_out_of_county=spec.include_out_of_county,
            surplus_corridor=spec.surplus_corridor,
            reasonable_overspend_corridor=spec.reasonable_overspend_corridor,
        ),
    )


def _score(spec: _AssessmentSpec | None, year: str, c: _Collector) -> float | Score | None:
    from countycare.governance import CommunityGovernance, Evidence, PracticeRecord, assess
    from countycare.governance.catalogue import PRACTICES

    if spec is None:
        return None
    p = "$.assessment"
    if spec.score is not None and spec.practices:
        c.fail(f"{p}.score", "give a score or practices to assess, not both")
        return None
    if spec.score is not None:
        value = spec.score
        if not 0 <= value <= 100:
            c.fail(f"{p}.score", f"must be a score between 0 and 100, got {value!r}")
            return None
        return value
    records = []
    for i, item in enumerate(spec.practices):
        if item.practice not in PRACTICES:
            c.fail(f"{p}.practices[{i}].practice", f"unknown practice code {item.practice!r}")
            continue
        evidence = tuple(Evidence("document", text) for text in item.evidence)
        record = c.check(
            f"{p}.practices[{i}]",
            functools.partial(PracticeRecord, item.practice, item.state, item.since, evidence),
        )
        if record is not None:
            records.append(record)
    if c.problems:
        return None
    day = spec.as_of or dt.date(int(year[:4]), 12, 31)
    governance = CommunityGovernance("settlement", "settlement", practices=tuple(records))
    return assess(governance, day).score()


def _unknown_as(spec: _AssessmentSpec | None, c: _Collector) -> ItemStatus | None:
    if spec is None or spec.unknown_as is None:
        return None
    return c.check("$.assessment.unknown_as", lambda: unknown_as_status(spec.unknown_as))


@boundary
def load_settlement_case(path: str | Path) -> SettlementCase:
    """Read and check a settlement file; a :class:`DataError` lists every problem with its path."""
    from countycare.io import read_document

    return settlement_case_from_dict(read_document(path), source=str(path))


def settlement_case_from_dict(data: dict[str, Any], *, source: str | None = None) -> SettlementCase:
    """Check plain data (a parsed settlement file); ``source`` names the file in errors."""
    from countycare.io.structuring import structure

    path = source
    spec = structure(data, _SettleFile, source=source)
    c = _Collector()
    budget = _budget(spec.budget, c)
    amount = None if budget is None else float(budget.amount().to("yuan").magnitude)
    if amount is not None and not math.isfinite(amount):  # e.g. insured × rate overflows
        c.fail("$.budget", f"the budget is not a finite amount ({amount} yuan)")
        budget = None
    if not re.fullmatch(r"[0-9]{4}", spec.year):
        c.fail("$.year", f"must be a year such as '2024', got {spec.year!r}")
    in_county = c.check("$.actual.in_county", lambda: _money(spec.actual.in_county))
    out_of_county = c.check("$.actual.out_of_county", lambda: _money(spec.actual.out_of_county))
    rules = _rules(spec.settlement, c)
    score = _score(spec.assessment, spec.year, c)
    unknown_as = _unknown_as(spec.assessment, c)
    if rules is not None and isinstance(rules.surplus_share, ScoreLinkedShare):
        if score is None:
            c.fail("$.assessment", "required: the surplus share depends on an assessment score")
        elif isinstance(score, Score) and score.assuming(unknown_as).value is None:
            c.fail(
                "$.assessment",
                f"the surplus share depends on the score, and items {', '.join(score.unknown)} "
                "are unknown: record their practices, or state unknown_as = 'not_met' or 'met'",
            )
    spending = None
    if in_county is not None and out_of_county is not None:
        spending = Spending(in_county, out_of_county)
    if c.problems or budget is None or spending is None or rules is None:
        raise DataError(c.problems, path)
    return SettlementCase(spec.year, budget, spending, rules, score, unknown_as)
