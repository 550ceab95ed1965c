"""Properties of case-based payment: DIP adds up to its budget, DRG follows its outlier rules."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from countycare.errors import UndefinedError, UnitError
from countycare.finance import DrgRules, dip_payments, drg_payments, per_bed_day_payments
from countycare.testing.governance import amounts, points_arrays
from countycare.units import Q_


@given(points_arrays(), amounts())
def test_dip_payments_add_up_to_the_budget(points: Any, budget: Any) -> None:
    """Point value = budget ÷ total points, so the payments over all cases equal the budget."""
    result = dip_payments(points, budget)
    total = float(result.payments.to("yuan").magnitude.sum())
    assert math.isclose(total, float(budget.to("yuan").magnitude), rel_tol=1e-9, abs_tol=1e-3)


@given(points_arrays(20), st.lists(st.floats(0.5, 1.5), min_size=20, max_size=20), amounts())
def test_dip_with_coefficients_still_adds_up(points: Any, coefs: list[float], budget: Any) -> None:
    """Institution coefficients reweight the cases but the payments still sum to the budget."""
    k = np.asarray(coefs[: points.size])
    result = dip_payments(points, budget, k)
    total = float(result.payments.to("yuan").magnitude.sum())
    assert math.isclose(total, float(budget.to("yuan").magnitude), rel_tol=1e-9, abs_tol=1e-3)


def test_dip_without_points_is_undefined() -> None:
    """With no points the point value is undefined: an error, never 0 or NaN."""
    with pytest.raises(UndefinedError, match="undefined"):
        dip_payments(np.zeros(3), Q_(100, "yuan"))


RULES = DrgRules(
    base_rate=Q_(10_000, "yuan"),
    high_ratio=3.0,
    high_extra_share=0.8,
    low_ratio=0.4,
    low_cost_share=1.0,
)


@given(st.floats(0.1, 5.0), st.floats(0.0, 1e6), st.floats(0.0, 1e6))
def test_drg_payment_never_falls_when_cost_rises_above_the_low_threshold(
    weight: float, c1: float, c2: float
) -> None:
    """Within the group's standard band and above, a costlier case is never paid less."""
    low = 0.4 * weight * 10_000
    lo, hi = sorted((max(c1, low), max(c2, low)))
    pays = drg_payments(np.array([weight, weight]), Q_(np.array([lo, hi]), "yuan"), RULES)
    a, b = pays.to("yuan").magnitude
    assert b >= a - 1e-6


def test_drg_refuses_costs_without_a_unit() -> None:
    """Costs given as bare numbers could be yuan or 万元: refused with a UnitError."""
    with pytest.raises(UnitError, match="costs"):
        drg_payments(np.array([1.0]), np.array([100.0]), RULES)


@pytest.mark.parametrize(
    ("rate", "cap", "message"),
    [
        (Q_(200, "yuan / bed_day"), float("nan"), "cap must be a positive number of days"),
        (Q_(200, "yuan / bed_day"), float("inf"), "cap must be a positive number of days"),
        (Q_(-200, "yuan / bed_day"), 60, "rate must be a finite amount ≥ 0 per bed_day"),
        (Q_(float("nan"), "yuan / bed_day"), 60, "rate must be a finite amount ≥ 0 per bed_day"),
    ],
)
def test_per_bed_day_parameters_are_finite_and_not_negative(
    rate: Any, cap: float, message: str
) -> None:
    """A NaN cap would pay NaN for every case and a negative rate negative payments: both are
    refused instead of reported as amounts."""
    days = Q_(np.array([10.0, 90.0]), "bed_day")
    with pytest.raises(ValueError, match=message):
        per_bed_day_payments(days, rate, cap)
