"""Budgets and money inputs: explicit parameters, units required, undefined stays undefined."""

from __future__ import annotations

import numpy as np
import pytest

from countycare.errors import ArgumentError, UndefinedError, UnitError
from countycare.finance import (
    FORMULAS,
    CapitationBudget,
    FixedBudget,
    HistoryBudget,
    ScoreBand,
    ScoreLinkedShare,
    SettlementRules,
    Spending,
    actual_compensation_ratio,
    in_scope_reimbursement_rate,
    out_of_pocket,
    settle,
)
from countycare.units import Q_


def test_history_weights_must_add_up_to_one() -> None:
    """Weights of past years are a declared distribution, not silently renormalised."""
    with pytest.raises(ValueError, match="add up to 1"):
        HistoryBudget((Q_(1, "yuan"), Q_(2, "yuan")), (0.5, 0.4), growth=0.0, reserve_share=0.0)


def test_negative_and_unitless_amounts_are_refused() -> None:
    """A negative budget or an amount without a currency unit is refused, naming the field."""
    with pytest.raises(ValueError, match="value must not be negative"):
        FixedBudget(Q_(-1, "yuan"))
    with pytest.raises(UnitError, match="in_county"):
        Spending(100.0, Q_(0, "yuan"))
    with pytest.raises(ValueError, match="rate must be money per person"):
        CapitationBudget(10, Q_(5, "yuan"), reserve_share=0.0)


def test_score_linked_share_needs_a_score() -> None:
    """A score-linked surplus share without a score is undefined, not a default share."""
    rules = SettlementRules(
        ScoreLinkedShare((ScoreBand(0, 0.2), ScoreBand(90, 0.8))), 0.5, include_out_of_county=True
    )
    spending = Spending(Q_(50, "yuan"), Q_(0, "yuan"))
    with pytest.raises(UndefinedError, match="score"):
        settle(Q_(100, "yuan"), spending, rules)
    assert settle(Q_(100, "yuan"), spending, rules, score=95).surplus_share == 0.8


def test_score_bands_must_start_at_zero_and_increase() -> None:
    """Every score must map to a share: bands start at 0 and their thresholds increase."""
    with pytest.raises(ValueError, match="start with a band at min_score 0"):
        ScoreLinkedShare((ScoreBand(10, 0.2),))
    with pytest.raises(ValueError, match="must increase"):
        ScoreLinkedShare((ScoreBand(0, 0.2), ScoreBand(50, 0.3), ScoreBand(50, 0.4)))


def test_compensation_ratio_of_no_cost_is_undefined() -> None:
    """With no cost the compensation ratio is undefined (an error), and paid > total is refused."""
    with pytest.raises(UndefinedError):
        actual_compensation_ratio(Q_(0, "yuan"), Q_(0, "yuan"))
    with pytest.raises(ValueError, match="exceeds"):
        actual_compensation_ratio(Q_(2, "yuan"), Q_(1, "yuan"))


def test_an_array_where_one_amount_is_expected_is_named() -> None:
    """A quantity holding an array of amounts, given where one amount is expected, raised
    NumPy's raw ``TypeError`` (only 0-dimensional arrays can be converted to Python scalars);
    it is an ``ArgumentError`` naming the argument and the count. Found by a sweep."""
    amounts = Q_(np.array([65.0, 70.0]), "wan_yuan")
    with pytest.raises(ArgumentError, match=r"fund_paid.*one amount of money, got 2"):
        actual_compensation_ratio(amounts, Q_(100, "wan_yuan"))
    with pytest.raises(ArgumentError, match=r"eligible_cost.*one amount of money, got 2"):
        in_scope_reimbursement_rate(Q_(1, "yuan"), amounts)
    with pytest.raises(ArgumentError, match=r"total_cost.*one amount of money, got 2"):
        out_of_pocket(amounts, Q_(1, "yuan"))
    zero_dimensional = Q_(np.float64(100.0), "wan_yuan")  # a NumPy scalar is one amount
    assert out_of_pocket(zero_dimensional, Q_(65, "wan_yuan")).to("wan_yuan").magnitude == 35.0


def test_every_formula_has_unit_citation_and_a_non_official_status() -> None:
    """Each money formula states its unit and citation; none poses as official (domain §4)."""
    for formula in FORMULAS.values():
        assert formula.unit
        assert formula.citation
        assert formula.expression
        assert formula.status.value in ("secondary", "reconstructed")


@pytest.mark.parametrize("corridor", [float("nan"), float("inf"), -0.1])
def test_corridor_must_be_a_finite_share_of_the_budget(corridor: float) -> None:
    """A NaN corridor would make min(surplus, corridor × B) depend on argument order, and an
    infinite one turns into NaN at a zero budget: both are refused like a negative one."""
    with pytest.raises(ValueError, match="surplus_corridor must be a share of the budget"):
        SettlementRules(0.5, 0.5, include_out_of_county=True, surplus_corridor=corridor)
