"""A referral ratio is a finite number or undefined with its reason, never inf (promise 2)."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from countycare.referrals.results import ReferralRatio


@given(
    st.floats(min_value=0, allow_nan=False, allow_infinity=False),
    st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False)),
)
def test_a_ratio_is_finite_or_undefined_with_its_reason(
    numerator: float, denominator: float | None
) -> None:
    """10 referrals over a denominator of 1e-308 gave ``inf``: now undefined, with the reason;
    ``defined``, ``value`` and ``reason`` always agree, and ``to_dict`` says the same."""
    ratio = ReferralRatio("r", numerator, denominator, "a", "b")
    data = ratio.to_dict()
    if ratio.value is None:
        assert not ratio.defined and ratio.reason and data["undefined_reason"] == ratio.reason
        assert data["value"] is None
    else:
        assert ratio.defined and ratio.reason is None and math.isfinite(ratio.value)
        assert denominator is not None and ratio.value == numerator / denominator


def test_the_overflow_is_named() -> None:
    """The reason says the quotient overflows, with both parts."""
    reason = ReferralRatio("r", 10, 1e-308, "downward_referrals", "discharges").reason
    assert reason is not None and "overflows" in reason and "1e-308 discharges" in reason
