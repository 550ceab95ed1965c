"""The public hypothesis strategies take the natural forms every other function takes, and
refuse bad bounds when the strategy is made.

They were ``st.composite`` functions: a dataset name for a county, ``"2024Q1"`` for a period or
a numpy integer for a bound reached the body only when hypothesis drew, where it failed with an
``AttributeError`` or hypothesis' own ``InvalidArgument`` from inside a test run.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from countycare.errors import ArgumentError, CountyCareError
from countycare.labels import MembershipRole
from countycare.periods import Period
from countycare.testing import (
    claim_tables,
    counties,
    encounter_tables,
    memberships_for,
    referral_networks,
    referral_records,
)


@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_a_dataset_name_a_period_text_and_numpy_bounds_draw(data: st.DataObject) -> None:
    """``"wanrong"``, ``"2024Q1"`` and ``np.int64`` bounds draw tables and counties as the
    objects themselves do."""
    from countycare import load_county

    wanrong = {i.id for i in load_county("wanrong").institutions}
    encounters = data.draw(encounter_tables("wanrong", np.int64(2023)))
    assert set(encounters.column("institution_id").to_pylist()) <= wanrong
    assert all(d.year == 2023 for d in encounters.column("date").to_pylist())
    claims = data.draw(claim_tables("wanrong", 2024))
    assert set(claims.column("institution_id").to_pylist()) <= wanrong | {"outside", "pharm-1"}
    referrals = data.draw(referral_records("wanrong", "2024Q1", np.int64(2), np.int64(5)))
    assert 2 <= referrals.num_rows <= 5
    quarter = Period.parse("2024Q1")
    assert all(quarter.start <= d <= quarter.end for d in referrals.column("date").to_pylist())
    county = data.draw(counties(np.int64(2), np.int64(2), max_villages=np.int64(1)))
    assert len(county.townships) == 2 and all(len(t.villages) == 1 for t in county.townships)
    (first, *_) = data.draw(memberships_for("x-thc-1", "member"))
    assert first.role is MembershipRole.MEMBER
    assert data.draw(referral_networks(np.int64(3))).graph.number_of_edges() <= 3


@pytest.mark.parametrize(
    ("make", "argument"),
    [
        (lambda: counties(min_townships=3, max_townships=2), "max_townships"),
        (lambda: counties(min_townships=0), "max_townships"),
        (lambda: counties(max_villages=0), "max_villages"),
        (lambda: counties(prefix="a b"), "prefix"),
        (lambda: counties(max_townships=2.5), "max_townships"),  # type: ignore[arg-type]
        (lambda: encounter_tables(year=1800), "year"),
        (lambda: counties(max_clinics_per_village=-1), "max_clinics_per_village"),
        (lambda: referral_records("wanrong", "2024", min_size=5, max_size=2), "max_size"),
        (lambda: memberships_for("x", "chief"), "role"),
        (lambda: referral_networks(max_size=-1), "max_size"),
        (lambda: referral_records("wanrong", "2024", min_size=-1), "max_size"),
    ],
)
def test_bad_bounds_are_refused_when_the_strategy_is_made(make: object, argument: str) -> None:
    """A bound that allows nothing, a prefix no id may start with, an unknown county, period or
    role: an ``ArgumentError`` naming the argument at once, before any test draws."""
    with pytest.raises(ArgumentError) as refused:
        make()  # type: ignore[operator]
    assert refused.value.argument == argument, str(refused.value)


@pytest.mark.parametrize(
    "make",
    [lambda: claim_tables("no-such-county"), lambda: referral_records("wanrong", "2024Q5")],
)
def test_an_unknown_county_or_period_is_refused_when_the_strategy_is_made(make: object) -> None:
    """A county no file or dataset holds, a period no calendar has: the library's error, as
    every function taking a county or a period gives it, at once."""
    with pytest.raises(CountyCareError, match=r"no-such-county|2024Q5"):
        make()  # type: ignore[operator]
