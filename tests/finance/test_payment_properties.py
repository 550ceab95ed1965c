"""Properties of case-based payment: DIP adds up to its budget (in total-cost terms, net of
patients' payments, with outliers re-pointed), DRG follows its outlier rules."""

from __future__ import annotations

import math
import warnings
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from countycare.errors import CountyCareError, UndefinedError, UnitError
from countycare.finance import (
    DipOutlierRules,
    DipRules,
    DrgRules,
    dip_payments,
    drg_payments,
    per_bed_day_payments,
)
from countycare.testing.governance import amounts, points_arrays
from countycare.units import Q_

RATIOS = st.floats(0.05, 1.0)


@given(points_arrays(), amounts(), RATIOS)
def test_dip_payments_add_up_to_the_budget_at_the_payment_ratio(
    points: Any, budget: Any, ratio: float
) -> None:
    """Point value = (budget ÷ payment ratio) ÷ total points: the case values add up to the
    total-cost budget, and the fund's payments (value × ratio) to the fund budget."""
    rules = DipRules(ratio, "times_payment_ratio", None)
    result = dip_payments(points, budget, rules)
    b = float(budget.to("yuan").magnitude)
    values = float(result.values.to("yuan").magnitude.sum())
    total = float(result.payments.to("yuan").magnitude.sum())
    assert math.isclose(values, b / ratio, rel_tol=1e-9, abs_tol=1e-3)
    assert math.isclose(total, b, rel_tol=1e-9, abs_tol=1e-3)


@given(points_arrays(20), st.lists(st.floats(0.0, 1.0), min_size=20, max_size=20), amounts())
def test_dip_fund_payments_plus_patients_payments_are_the_total_cost_budget(
    points: Any, shares: list[float], budget: Any
) -> None:
    """Net of what patients paid, fund payments + patients' payments = budget ÷ ratio; and when
    the patients paid their share (1 − ratio) of the total, the fund pays exactly its budget."""
    ratio = 0.7
    rules = DipRules(ratio, "net_of_patient_paid", None)
    b = float(budget.to("yuan").magnitude)
    w = np.asarray(shares[: points.size]) + 1e-3
    # Patients' payments spread over the cases in any proportions, summing to (1 − ratio) × total.
    patients = Q_(w / w.sum() * b * (1 - ratio) / ratio, "yuan")
    result = dip_payments(points, budget, rules, patient_paid=patients)
    fund = float(result.payments.to("yuan").magnitude.sum())
    paid = float(patients.to("yuan").magnitude.sum())
    assert math.isclose(fund + paid, b / ratio, rel_tol=1e-9, abs_tol=1e-3)
    assert math.isclose(fund, b, rel_tol=1e-9, abs_tol=1e-3)


@given(points_arrays(20), st.lists(st.floats(0.5, 1.5), min_size=20, max_size=20), amounts())
def test_dip_with_coefficients_still_adds_up(points: Any, coefs: list[float], budget: Any) -> None:
    """Institution coefficients reweight the cases but the payments still sum to the budget."""
    k = np.asarray(coefs[: points.size])
    result = dip_payments(
        points, budget, DipRules(1.0, "times_payment_ratio", None), coefficients=k
    )
    total = float(result.payments.to("yuan").magnitude.sum())
    assert math.isclose(total, float(budget.to("yuan").magnitude), rel_tol=1e-9, abs_tol=1e-3)


@given(
    points_arrays(20),
    st.lists(st.floats(0.01, 5.0), min_size=20, max_size=20),
    amounts(),
    st.floats(1.1, 4.0),
    st.floats(0.1, 0.9),
)
def test_dip_outliers_are_repointed_and_the_budget_still_holds(
    points: Any, ratios: list[float], budget: Any, high: float, low: float
) -> None:
    """Cases beyond the thresholds are re-pointed (more points the costlier a high outlier,
    fewer for a low one); cases within keep theirs; the point value still spreads the budget."""
    r = np.asarray(ratios[: points.size])
    group = Q_(np.full(points.size, 10_000.0), "yuan")
    rules = DipRules(1.0, "times_payment_ratio", DipOutlierRules(high, low))
    assume(float(np.where(r < low, points * r, points).sum()) > 0)
    result = dip_payments(points, budget, rules, costs=group * r, group_costs=group)
    repointed = result.points.to("point").magnitude
    within = ~(result.high | result.low)
    np.testing.assert_allclose(repointed[within], points[within])
    np.testing.assert_allclose(
        repointed[result.high], points[result.high] * (r[result.high] - high + 1)
    )
    np.testing.assert_allclose(repointed[result.low], points[result.low] * r[result.low])
    total = float(result.payments.to("yuan").magnitude.sum())
    assert math.isclose(total, float(budget.to("yuan").magnitude), rel_tol=1e-9, abs_tol=1e-3)


def test_dip_parameters_are_explicit_and_checked() -> None:
    """A payment ratio outside (0, 1], a net-of-patient rule without patients' payments, and
    outlier rules without costs are refused, each saying what is missing."""
    with pytest.raises(ValueError, match="payment_ratio"):
        DipRules(0.0, "times_payment_ratio", None)
    with pytest.raises(ValueError, match="patient_paid"):
        dip_payments(np.ones(2), Q_(1, "yuan"), DipRules(0.5, "net_of_patient_paid", None))
    with pytest.raises(ValueError, match="costs"):
        dip_payments(
            np.ones(2), Q_(1, "yuan"), DipRules(0.5, "times_payment_ratio", DipOutlierRules(2, 0.5))
        )


def test_dip_without_points_is_undefined() -> None:
    """With no points the point value is undefined: an error, never 0 or NaN."""
    with pytest.raises(UndefinedError, match="undefined"):
        dip_payments(np.zeros(3), Q_(100, "yuan"), DipRules(0.5, "times_payment_ratio", None))


def test_dip_whose_point_value_overflows_is_undefined() -> None:
    """A budget of 1e300 yuan over 1e-300 points gave a point value and payments of inf yuan:
    it is undefined, with the reason, as a DIP without points is."""
    with pytest.raises(UndefinedError, match="overflows"):
        dip_payments(
            np.array([1e-300, 1e-10]), Q_(1e300, "yuan"), DipRules(0.9, "times_payment_ratio", None)
        )


RULES = DrgRules(
    base_rate=Q_(10_000, "yuan"),
    high_ratio=3.0,
    high_extra_share=0.8,
    low_ratio=0.4,
    low_cost_share=1.0,
)


def test_dip_whose_points_overflow_is_undefined_not_zero() -> None:
    """Two cases of 1.7e308 points sum past the largest float: the total was inf, so the point
    value came out 0 and every payment 0 yuan, with only NumPy's warning. It is undefined, with
    the reason, and no warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UndefinedError, match=r"points .* overflow"):
            dip_payments(
                np.array([1.7e308, 1.7e308]),
                Q_(2, "wan_yuan"),
                DipRules(0.5, "times_payment_ratio", None),
            )


def test_a_drg_standard_that_overflows_pays_the_cost_exactly() -> None:
    """A DRG weight of 1.79e308 times a base rate of 10,000 yuan overflows the standard (after
    a NumPy warning): a standard that large makes any case a low-cost one, paid its cost, so the
    payment is exact with no warning; beside a coefficient of 0 the standard is 0 (inf × 0 was
    NaN), and the case is paid as a high one: 0.8 of its cost. Without a low-cost rule the
    standard itself would be paid: undefined, as it overflows."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        low = drg_payments(np.array([1.79e308, 1.0]), Q_(np.array([1e3, 1e3]), "yuan"), RULES)
        zero = drg_payments(
            np.array([1.79e308]), Q_(np.array([1e3]), "yuan"), RULES, coefficients=[0.0]
        )
    assert low.to("yuan").magnitude.tolist() == [1e3, 1e3]
    assert zero.to("yuan").magnitude.tolist() == [800.0]
    without_low_rule = attrs.evolve(RULES, low_ratio=0.0)  # the standard itself is then paid
    with pytest.raises(UndefinedError, match=r"DRG payment .* overflows"):
        drg_payments(np.array([1.79e308]), Q_(np.array([1e3]), "yuan"), without_low_rule)


def test_per_bed_day_payments_that_overflow_are_undefined_not_infinite() -> None:
    """1e306 bed-days at 200 yuan a day paid inf yuan, after a NumPy warning: it is undefined,
    with the reason."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UndefinedError, match=r"per-bed-day payment .* overflows"):
            per_bed_day_payments(
                Q_(np.array([1e306, 3.0]), "bed_day"), Q_(200, "yuan / bed_day"), None
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


#: Amounts from the smallest subnormal to the largest float, NaN and inf among them.
EDGE = st.one_of(
    st.sampled_from([0.0, -1.0, 5e-324, 1e-308, 1.0, 1e300, 1.79e308, math.nan, math.inf]),
    st.floats(),
)
#: Arrays of those, and arrays of values near the largest float (whose sums overflow).
EDGE_ARRAYS = st.one_of(
    st.lists(EDGE, min_size=1, max_size=4),
    st.lists(st.sampled_from([1e308, 1.7e308, 1.79e308]), min_size=2, max_size=3),
).map(lambda v: np.array(v, dtype=float))


@given(st.sampled_from(["dip", "drg", "per_bed_day"]), EDGE_ARRAYS, EDGE_ARRAYS, EDGE)
def test_payments_are_finite_or_refused_whatever_the_values(
    kind: str, first: Any, second: Any, amount: float
) -> None:
    """DIP, DRG and per-bed-day payments on any floats (NaN, inf, subnormal, near the largest)
    are finite amounts or a library error naming the problem, never inf, NaN or a NumPy
    warning: DIP points summing past the largest float paid 0 yuan."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            if kind == "dip":
                rules = DipRules(0.5, "times_payment_ratio", None)
                paid = dip_payments(first, Q_(amount, "yuan"), rules).payments
            elif kind == "drg":
                paid = drg_payments(first, Q_(second, "yuan"), RULES)
            else:
                paid = per_bed_day_payments(
                    Q_(first, "bed_day"), Q_(amount, "yuan / bed_day"), None
                )
        except CountyCareError:
            return
    assert np.all(np.isfinite(paid.to("yuan").magnitude))
