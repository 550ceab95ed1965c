"""Direction of a referral from the tiers of its ends, and whether it stays in one community."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from countycare.errors import DataError
from countycare.labels import ReferralDirection, Tier
from countycare.referrals.direction import (
    direction_between,
    direction_of,
    reverse,
    same_community,
)
from countycare.testing.networks import small_referral_county

UP, DOWN, LATERAL = ReferralDirection.UP, ReferralDirection.DOWN, ReferralDirection.LATERAL


@pytest.mark.parametrize(
    ("sender", "receiver", "expected"),
    [
        (Tier.VILLAGE, Tier.TOWNSHIP, UP),
        (Tier.VILLAGE, Tier.COUNTY, UP),
        (Tier.TOWNSHIP, Tier.COUNTY, UP),
        (Tier.COUNTY, Tier.TOWNSHIP, DOWN),
        (Tier.TOWNSHIP, Tier.VILLAGE, DOWN),
        (Tier.COUNTY, Tier.COUNTY, LATERAL),
        (Tier.TOWNSHIP, Tier.TOWNSHIP, LATERAL),
        (Tier.VILLAGE, Tier.OUTSIDE, ReferralDirection.OUT),
        (Tier.COUNTY, Tier.OUTSIDE, ReferralDirection.OUT),
        (Tier.OUTSIDE, Tier.COUNTY, ReferralDirection.IN),
    ],
)
def test_direction_table(sender: Tier, receiver: Tier, expected: ReferralDirection) -> None:
    """Each pair of tiers gives the direction of ``shared/domain.md`` §3."""
    assert direction_between(sender, receiver) is expected


def test_both_outside_has_no_direction() -> None:
    """A referral between two outside providers is refused, not given a made-up direction."""
    with pytest.raises(DataError, match="outside the county"):
        direction_between(Tier.OUTSIDE, Tier.OUTSIDE)


tiers = st.sampled_from(list(Tier))


@given(tiers, tiers)
def test_reversal_reverses_direction(a: Tier, b: Tier) -> None:
    """Taking a referral the other way gives the reverse direction: up and down are reverses."""
    if a is Tier.OUTSIDE and b is Tier.OUTSIDE:
        return
    assert direction_between(b, a) is reverse(direction_between(a, b))


@given(st.sampled_from(list(ReferralDirection)))
def test_reverse_is_an_involution(direction: ReferralDirection) -> None:
    """Reversing twice gives back the direction; only lateral is its own reverse."""
    assert reverse(reverse(direction)) is direction
    assert (reverse(direction) is direction) == (direction is LATERAL)


def test_direction_of_uses_the_county() -> None:
    """Ids are looked up in the county: a clinic sending to the lead goes up."""
    county = small_referral_county()
    assert direction_of(county, "t1-v1-c", "lead") is UP
    assert direction_of(county, "lead", "outside") is ReferralDirection.OUT


def test_same_community_follows_dated_memberships() -> None:
    """A clinic that joins in July is outside the community in June and inside in August."""
    county = small_referral_county(1, 2, late_joiner=dt.date(2024, 7, 1))
    assert not same_community(county, "t1-v2-c", "lead", dt.date(2024, 6, 30))
    assert same_community(county, "t1-v2-c", "lead", dt.date(2024, 8, 1))
    assert not same_community(county, "priv", "lead", dt.date(2024, 8, 1))
