"""Year-end settlement of a global budget: surplus retained, reasonable overspend shared.

With budget B and counted actual fund spending A ([secondary]: 总额付费、结余留用、
合理超支分担, a synthesis of local rules):

- surplus S = max(B − A, 0); the community retains r × min(S, c_s·B), where r is the surplus
  share (fixed, or linked to an assessment score) and c_s the surplus corridor (None: no cap);
  the rest of the surplus stays with the fund;
- overspend O = max(A − B, 0); its reasonable part min(O, c_o·B) (c_o the overspend corridor;
  None: all of it) is shared by the fund at share s; the community bears the rest;
- the fund pays A + retained (surplus) or B + s × reasonable (overspend); the community bears
  A − fund payment, which is negative when it keeps a surplus. Fund payment + community burden
  = A always.

Whether out-of-county care counts in A is the rule ``include_out_of_county``.

When r depends on an assessment score (:class:`ScoreLinkedShare`), the score may be a plain
number or a :class:`~countycare.governance.score.Score`. A score with unknown items is undefined:
the settlement refuses it, unless it is told how to count them (``unknown_as="not_met"`` or
``"met"``), and then the :class:`Settlement` records and prints that assumption.

Examples
--------
>>> rules = SettlementRules(surplus_share=0.6, fund_overspend_share=0.5,
...                         include_out_of_county=False, reasonable_overspend_corridor=0.05)
>>> s = settle(Q_(100, "wan_yuan"), Spending(Q_(90, "wan_yuan"), Q_(30, "wan_yuan")), rules)
>>> s.retained_surplus.to("wan_yuan"), s.fund_payment.to("wan_yuan")
(<Quantity(6.0, 'wan_yuan')>, <Quantity(96.0, 'wan_yuan')>)
>>> s = settle(Q_(100, "wan_yuan"), Spending(Q_(110, "wan_yuan"), Q_(0, "yuan")), rules)
>>> s.fund_payment.to("wan_yuan"), s.community_burden.to("wan_yuan")
(<Quantity(102.5, 'wan_yuan')>, <Quantity(7.5, 'wan_yuan')>)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from countycare.calls import calls_checked
from countycare.coerce import (
    money_pair,
    name_arguments,
    refuse,
    text,
)
from countycare.coerce.arguments import boundary
from countycare.coerce.fields import checked_fields
from countycare.errors import ArgumentError, DefinitionError, FieldError, UndefinedError
from countycare.finance.budget import (
    Budget,
    BudgetMethod,
    CapitationBudget,
    FixedBudget,
    HistoryBudget,
)
from countycare.finance.formulas import FORMULAS, Formula, yuan
from countycare.finance.rules import (  # re-exported: they were defined here before 0.2
    ScoreBand,
    ScoreLinkedShare,
    SettlementRules,
    checked_score,
)
from countycare.governance.score import Score, UnknownAs
from countycare.units import Q_, fen

if TYPE_CHECKING:
    from countycare.forms import IntLike

__all__ = [
    "ScoreBand",
    "ScoreLinkedShare",
    "Settlement",
    "SettlementRules",
    "Spending",
    "YearInput",
    "settle",
    "settle_years",
]


def _money(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if yuan(value, attribute.name) < 0:
        raise FieldError(attribute.name, f"{attribute.name} must not be negative, got {value}")


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Spending:
    """Actual fund spending of the year: in the county and out of it."""

    in_county: Any = attrs.field(converter=money_pair, validator=_money)
    out_of_county: Any = attrs.field(converter=money_pair, validator=_money)

    def counted(self, include_out_of_county: bool) -> Any:
        """A: the spending that counts against the budget, in yuan."""
        total = yuan(self.in_county, "in_county")
        if include_out_of_county:
            total += yuan(self.out_of_county, "out_of_county")
        return Q_(total, "yuan")


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class Settlement:
    """The result of settling one year; amounts in yuan.

    Beside the amounts it keeps how they came about (set by :func:`settle`): the ``year``, the
    ``budget_rule`` (the :data:`~countycare.finance.budget.Budget` that set the budget; a
    :class:`FixedBudget` when an amount was given), the ``rules`` and the assessment ``assessed``
    (the :class:`Score` taken, with its assumption). :meth:`to_dict` reports them, so that the
    one document is what ``countycare settle --json`` prints.
    """

    budget: Any
    actual: Any
    excluded: Any
    surplus: Any
    overspend: Any
    surplus_share: float
    retained_surplus: Any
    returned_surplus: Any
    reasonable_overspend: Any
    fund_overspend: Any
    fund_payment: Any
    community_burden: Any
    score: float | None = None
    score_assumption: str = ""
    # How the settlement came about: reported by to_dict(), not part of equality.
    year: str | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    budget_rule: Budget | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    rules: SettlementRules | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    assessed: Score | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    formula: ClassVar[Formula] = FORMULAS["global_budget_settlement"]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: exactly what ``countycare settle --json`` prints.

        The year, how the budget was set (``budget_method`` as a code with its labels, and its
        formula), the rules, the assessment score taken, then the amounts in yuan rounded to
        the fen, the share, the score, the unit and the settlement formula.

        >>> rules = SettlementRules(0.5, 0.5, include_out_of_county=True)
        >>> s = settle(Q_(100, "wan_yuan"), Spending(Q_(224.08, "wan_yuan"), Q_(0, "yuan")), rules)
        >>> s.to_dict()["overspend"], s.to_dict()["unit"], s.to_dict()["budget_method"]["code"]
        (1240800.0, 'yuan', 'fixed')
        """
        rule = self.budget_rule
        method = BudgetMethod.FIXED if rule is None else rule.method
        budget_formula = None if rule is None else rule.formula
        out: dict[str, Any] = {
            "year": self.year,
            "budget_method": {"code": method.value, "en": method.en, "zh": method.zh},
            "budget_formula": None
            if budget_formula is None
            else {"code": budget_formula.code, "status": budget_formula.status.value},
            "rules": None if self.rules is None else self.rules.to_dict(),
            "assessment_score": self._score_dict(),
        }
        for field in attrs.fields(Settlement):
            if field.eq:
                value = getattr(self, field.name)
                out[field.name] = fen(value) if hasattr(value, "units") else value
        out["unit"] = "yuan"
        out["formula"] = {"code": self.formula.code, "status": self.formula.status.value}
        return out

    def _score_dict(self) -> dict[str, Any] | None:
        """The score taken: the assessed one with its assumption, or a number as given."""
        if self.assessed is not None:
            return self.assessed.to_dict()
        if self.score is None:
            return None
        return {"value": self.score, "scale": "given as a number from 0 to 100", "status": None}


@boundary
def settle(
    budget: Any,
    spending: Spending,
    rules: SettlementRules,
    score: float | Score | None = None,
    *,
    unknown_as: UnknownAs | None = None,
    year: str | IntLike | None = None,
) -> Settlement:
    """Settle a year: budget ``budget`` (money, or a budget rule such as :class:`HistoryBudget`),
    ``spending``, the local ``rules``; ``year`` (``"2024"`` or ``2024``) labels the result.

    ``score`` is the assessment score (0–100, or a :class:`~countycare.governance.score.Score`)
    when the surplus share depends on it. ``unknown_as`` (``"not_met"`` or ``"met"``) is the
    assumption to take for a score's unknown items; without it a score with unknown items is
    refused. The assumption taken is kept in :attr:`Settlement.score_assumption`. Amounts are
    pint quantities or ``(amount, unit)`` pairs. A settlement whose amounts pass the largest
    float (spending in and out of the county summing past 1.8e308) is an
    :class:`~countycare.errors.UndefinedError`, never an amount of inf or NaN yuan.

    >>> from countycare.governance.score import score_of
    >>> linked = SettlementRules(ScoreLinkedShare((ScoreBand(0, 0.3), ScoreBand(60, 0.6))),
    ...                          0.5, include_out_of_county=True)
    >>> score = score_of("nhc-2024", [("a", "met"), ("b", "met"), ("c", "unknown")])
    >>> spent = Spending(Q_(90, "wan_yuan"), Q_(0, "yuan"))
    >>> settle(Q_(100, "wan_yuan"), spent, linked, score)
    Traceback (most recent call last):
    ...
    countycare.errors.UndefinedError: the surplus share depends on the assessment score: ...
    >>> s = settle(Q_(100, "wan_yuan"), spent, linked, score, unknown_as="not_met")
    >>> s.surplus_share, s.score_assumption
    (0.6, '1 unknown item counted as not met')
    """
    if not isinstance(spending, Spending):
        raise refuse("spending", "Spending(in_county, out_of_county)", spending)
    if not isinstance(rules, SettlementRules):
        raise refuse("rules", "SettlementRules(...)", rules)
    if score is not None and not isinstance(score, Score):
        score = checked_score(score, "score")
    if year is not None:
        year = _year(year, "year")
    if isinstance(score, Score) and unknown_as is not None:
        score = score.assuming(unknown_as)
    rule = (
        budget
        if isinstance(budget, HistoryBudget | CapitationBudget | FixedBudget)
        else _fixed(budget)
    )
    b = yuan(rule.amount(), "budget")
    a = float(spending.counted(rules.include_out_of_county).magnitude)
    excluded = 0.0 if rules.include_out_of_county else yuan(spending.out_of_county, "out_of_county")
    r = rules.share_for(score)
    surplus = max(b - a, 0.0)
    overspend = max(a - b, 0.0)
    eligible = (
        surplus if rules.surplus_corridor is None else min(surplus, rules.surplus_corridor * b)
    )
    retained = r * eligible
    reasonable = (
        overspend
        if rules.reasonable_overspend_corridor is None
        else min(overspend, rules.reasonable_overspend_corridor * b)
    )
    fund_overspend = rules.fund_overspend_share * reasonable
    payment = a + retained if surplus > 0 else b + fund_overspend
    if surplus == 0 and overspend == 0:
        payment = a
    amounts = (a, surplus, overspend, retained, reasonable, fund_overspend, payment, a - payment)
    if not all(math.isfinite(x) for x in amounts):  # inf, or inf − inf: no amount to settle
        raise UndefinedError(
            f"the settlement is undefined: a budget of {b:g} yuan against spending of {a:g} "
            "yuan passes the largest 64-bit float"
        )
    return Settlement(
        budget=Q_(b, "yuan"),
        actual=Q_(a, "yuan"),
        excluded=Q_(excluded, "yuan"),
        surplus=Q_(surplus, "yuan"),
        overspend=Q_(overspend, "yuan"),
        surplus_share=r,
        retained_surplus=Q_(retained, "yuan"),
        returned_surplus=Q_(surplus - retained, "yuan"),
        reasonable_overspend=Q_(reasonable, "yuan"),
        fund_overspend=Q_(fund_overspend, "yuan"),
        fund_payment=Q_(payment, "yuan"),
        community_burden=Q_(a - payment, "yuan"),
        score=_settled_score(score),
        score_assumption=score.assumption if isinstance(score, Score) else "",
        year=year,
        budget_rule=rule,
        rules=rules,
        assessed=score if isinstance(score, Score) else None,
    )


def _fixed(budget: object) -> FixedBudget:
    """A budget given as money (a quantity or a pair); a refusal names ``budget``."""
    try:
        amount = money_pair(budget)
    except ArgumentError as exc:
        raise exc.named("budget") from None
    if yuan(amount, "budget") < 0:
        raise FieldError("budget", f"budget must not be negative, got {budget}")
    return FixedBudget(amount)


def _settled_score(score: float | Score | None) -> float | None:
    """The score as a number for the record (None when it was not needed and is undefined)."""
    if score is None:
        return None
    if isinstance(score, Score):
        return score.value
    return checked_score(score, "score")


def _year(value: object, argument: str | None = None) -> str:
    """A year label: text, or a year number (``2024`` → ``"2024"``)."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return str(int(value))
    return text(value, argument)


def _is_spending(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Spending):
        raise refuse(attribute.name, "Spending(in_county, out_of_county)", value)


def _optional_score(value: object) -> float | Score | None:
    if value is None or isinstance(value, Score):
        return value
    return checked_score(value, "score")  # type: ignore[arg-type]


def _optional_unknown_as(value: object) -> Any:
    from countycare.governance.score import unknown_as_status

    return None if value is None else unknown_as_status(value)  # type: ignore[arg-type]


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class YearInput:
    """One year of a sequence: its label, spending and (when the rules need one) its score."""

    year: str = attrs.field(converter=_year)
    spending: Spending = attrs.field(validator=_is_spending)
    score: float | Score | None = attrs.field(default=None, converter=_optional_score)
    unknown_as: UnknownAs | None = attrs.field(default=None, converter=_optional_unknown_as)


@boundary
def settle_years(
    budget: HistoryBudget, years: Iterable[YearInput], rules: SettlementRules
) -> Sequence[tuple[str, Settlement]]:
    """Settle several years in order; each year's budget rolls the last counted actual in.

    >>> rules = SettlementRules(0.5, 0.5, include_out_of_county=True)
    >>> start = HistoryBudget((Q_(100, "wan_yuan"),), (1.0,), growth=0.0, reserve_share=0.0)
    >>> years = [YearInput("2023", Spending(Q_(90, "wan_yuan"), Q_(0, "yuan"))),
    ...          YearInput("2024", Spending(Q_(95, "wan_yuan"), Q_(0, "yuan")))]
    >>> [(y, s.budget.to("wan_yuan").magnitude) for y, s in settle_years(start, years, rules)]
    [('2023', 100.0), ('2024', 90.0)]
    """
    results: list[tuple[str, Settlement]] = []
    current = budget
    for year in years:
        settlement = settle(
            current, year.spending, rules, year.score, unknown_as=year.unknown_as, year=year.year
        )
        results.append((year.year, settlement))
        current = current.rolled(settlement.actual)
    if not results:
        raise DefinitionError("settle_years needs at least one year")
    return tuple(results)
