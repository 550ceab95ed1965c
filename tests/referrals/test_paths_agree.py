"""One definition per measure code on every path: the records engine and the referral network.

The same referral records, read by ``countycare.records`` (DuckDB) and by
``countycare.referrals`` (network → :func:`referral_measures`), must give the same
``downward_referrals`` (and upward, out-of-county, their pending and cancelled counterparts,
and the lead hospital's downward referrals) at every scope: completed referrals only in the
direction's own measure, the rest counted apart.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from countycare.periods import Period
from countycare.records.engine_duckdb import measure_records
from countycare.referrals.measures import LEAD_MEASURES, STATUS_MEASURES, referral_measures
from countycare.referrals.network import build_network
from countycare.referrals.synthetic import synthetic_referrals
from countycare.testing.records import small_record_county

CODES = sorted({*STATUS_MEASURES.values(), *LEAD_MEASURES.values()})


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), n=st.integers(0, 300))
def test_records_and_referrals_give_the_same_referral_measures(seed: int, n: int) -> None:
    """For any set of referral records, both paths give equal figures for every referral
    measure at every scope they both cover (county, townships, institutions)."""
    county = small_record_county()
    year = Period.parse("2024")
    records = synthetic_referrals(county, year, n, seed=seed)
    engine = measure_records(county, {"referrals": records}, [2024], CODES).table
    network = referral_measures(build_network(records, county, year), county)
    compared = 0
    for row in network:
        assert engine.get(row.scope, "2024", row.measure) == row.value, (row.scope, row.measure)
        compared += 1
    assert compared >= len(CODES) * (1 + len(county.townships))
    for code in CODES:
        assert engine.get(county.id, "2024", code) == network.get(county.id, "2024", code)


def test_pending_and_cancelled_referrals_are_not_downward_referrals() -> None:
    """A referral still pending or cancelled is counted in its own measure on both paths."""
    county = small_record_county()
    year = Period.parse("2024")
    records = synthetic_referrals(county, year, 400, seed=3)
    statuses = set(records.column("status").to_pylist())
    assert {"completed", "pending", "cancelled"} <= statuses
    engine = measure_records(county, {"referrals": records}, [2024], CODES).table
    network = referral_measures(build_network(records, county, year), county)
    for table in (engine, network):
        issued = sum(
            table.get(county.id, "2024", f"downward_referrals{suffix}") or 0.0
            for suffix in ("", "_pending", "_cancelled")
        )
        assert issued > (table.get(county.id, "2024", "downward_referrals") or 0.0)
