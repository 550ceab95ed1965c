"""Properties every settlement must have, whatever the local rules (shared/domain.md §4)."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from countycare.errors import UndefinedError
from countycare.finance import SettlementRules, Spending, settle
from countycare.governance.score import score_of
from countycare.labels import ItemStatus
from countycare.testing.governance import amounts, settlement_rules, spending
from countycare.units import Q_

SCORES = st.floats(0.0, 100.0)


def _yuan(q: Any) -> float:
    return float(q.to("yuan").magnitude)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-3)


@given(amounts(), spending(), settlement_rules(), SCORES)
def test_fund_payment_plus_community_burden_is_actual(
    budget: Any, year: Spending, rules: SettlementRules, score: float
) -> None:
    """Every yuan of counted spending is paid by the fund or borne by the community: P + C = A."""
    s = settle(budget, year, rules, score)
    assert _close(_yuan(s.fund_payment) + _yuan(s.community_burden), _yuan(s.actual))


@given(amounts(), settlement_rules(), SCORES)
def test_actual_equal_to_budget_has_no_surplus_and_no_overspend(
    budget: Any, rules: SettlementRules, score: float
) -> None:
    """Spending exactly the budget leaves nothing to retain or share; the fund pays the budget."""
    year = Spending(budget, Q_(0, "yuan"))
    s = settle(budget, year, rules, score)
    assert _yuan(s.surplus) == 0
    assert _yuan(s.overspend) == 0
    assert _yuan(s.retained_surplus) == 0
    assert _yuan(s.community_burden) == 0
    assert _close(_yuan(s.fund_payment), _yuan(budget))


@given(amounts(), amounts(), amounts(), settlement_rules(), SCORES)
def test_retained_surplus_never_rises_when_actual_rises(
    budget: Any, low: Any, high: Any, rules: SettlementRules, score: float
) -> None:
    """A community that spends more never keeps more of the surplus (no reward for spending)."""
    assume(_yuan(low) <= _yuan(high))
    out = Q_(0, "yuan")
    less = settle(budget, Spending(low, out), rules, score)
    more = settle(budget, Spending(high, out), rules, score)
    assert _yuan(more.retained_surplus) <= _yuan(less.retained_surplus) + 1e-6


@given(amounts(), spending(), settlement_rules(), SCORES)
def test_fund_never_pays_more_than_budget_plus_reasonable_overspend(
    budget: Any, year: Spending, rules: SettlementRules, score: float
) -> None:
    """The fund's payment is at most B + the reasonable overspend and at least min(A, B)."""
    s = settle(budget, year, rules, score)
    b, a, p = _yuan(budget), _yuan(s.actual), _yuan(s.fund_payment)
    assert p <= b + _yuan(s.reasonable_overspend) + 1e-3
    assert p >= min(a, b) - 1e-3


@given(amounts(), spending(), settlement_rules())
def test_out_of_county_counts_only_when_the_rule_says_so(
    budget: Any, year: Spending, rules: SettlementRules
) -> None:
    """A = in-county spending, plus out-of-county spending only under include_out_of_county."""
    s = settle(budget, year, rules, 50.0)
    expected = _yuan(year.in_county) + (
        _yuan(year.out_of_county) if rules.include_out_of_county else 0.0
    )
    assert _close(_yuan(s.actual), expected)
    assert _close(
        _yuan(s.actual) + _yuan(s.excluded), _yuan(year.in_county) + (_yuan(year.out_of_county))
    )


_STATUSES = st.sampled_from(list(ItemStatus))


@given(
    amounts(),
    spending(),
    settlement_rules(score_linked=True),
    st.lists(_STATUSES, min_size=1, max_size=7),
    st.sampled_from([None, "met", "not_met"]),
)
def test_settlement_refuses_an_unknown_score_unless_an_assumption_is_given(
    budget: Any,
    year: Spending,
    rules: SettlementRules,
    statuses: list[ItemStatus],
    unknown_as: str | None,
) -> None:
    """A score-linked share never counts unknown items as 0 silently: with unknown items and
    no assumption the settlement raises; with one it settles at the score the assumption
    gives, and records the assumption."""
    score = score_of("nhc-2024", [(f"i{n}", s) for n, s in enumerate(statuses)])
    unknown = ItemStatus.UNKNOWN in statuses
    if unknown and unknown_as is None:
        with pytest.raises(UndefinedError, match="unknown"):
            settle(budget, year, rules, score)
        return
    s = settle(budget, year, rules, score, unknown_as=unknown_as)
    counted = statuses.count(ItemStatus.MET) + (
        statuses.count(ItemStatus.UNKNOWN) if unknown_as == "met" else 0
    )
    assert s.score == pytest.approx(100.0 * counted / len(statuses))
    assert s.surplus_share == rules.share_for(100.0 * counted / len(statuses))
    assert bool(s.score_assumption) == unknown


def test_spending_that_sums_past_the_largest_float_is_undefined_not_nan() -> None:
    """1.79e308 yuan spent in the county and as much outside, both counted, summed to inf: the
    settlement gave an actual and overspend of inf and a fund payment and burden of NaN yuan
    (``to_dict`` then wrote NaN into the JSON). It is undefined, with the reason."""
    rules = SettlementRules(0.5, 0.5, include_out_of_county=True)
    spent = Spending(Q_(1.79e308, "yuan"), Q_(1.79e308, "yuan"))
    with pytest.raises(UndefinedError, match="passes the largest 64-bit float"):
        settle(Q_(2, "yuan"), spent, rules)
    apart = SettlementRules(0.5, 0.5, include_out_of_county=False)  # only the county's counts
    assert settle(Q_(2, "yuan"), spent, apart).actual.to("yuan").magnitude == 1.79e308
