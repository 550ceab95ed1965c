"""Test your own code against valid counties, records, networks and measures.

A county platform's code that reads countycare objects is tested with the strategies the
library's own property tests use (``countycare.testing``, needs ``countycare[testing]``). Four
properties of four small functions "of yours", each run on drawn examples:

* every institution of any valid county sits in one of its townships or villages, or the county;
* a share computed by hand from two figures, one a part of the other, stays within 0–100 % and
  agrees with countycare's own evaluation of the indicator;
* visits counted by hand in Wanrong's encounter records (drawn with the county's dataset name
  and a year) equal the visits countycare's record engine counts;
* the referrals summed over the edges of any referral network are its total.

Each property is a hypothesis test, called here as a function; in a test suite pytest runs it.

Run: ``python examples/testing_strategies.py``
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given, settings

from countycare import County, MeasureTable, evaluate, indicator_set, load_county
from countycare.records import measure_records
from countycare.referrals import ReferralNetwork
from countycare.testing import counties, encounter_tables, part_whole_tables, referral_networks

WANRONG = load_county("wanrong")
SHARE = indicator_set("nhc-2024").get("primary_visit_share")


# -- your code ------------------------------------------------------------------------------------


def where_is(county: County, institution_id: str) -> str:
    """The area an institution sits in: a township, a village, or the county itself."""
    return county.institution(institution_id).area


def primary_share_percent(table: MeasureTable, scope: str, period: str) -> float:
    """Primary-care visits as a percentage of all visits, from a measures table."""
    primary = table.get(scope, period, "visits_primary") or 0.0
    visits = table.get(scope, period, "visits") or 0.0
    return 100.0 * primary / visits if visits else 0.0


def visits_by_hand(encounters: pa.Table) -> int:
    """Outpatient and emergency visits: encounters that are not admissions."""
    return int(pc.sum(pc.not_equal(encounters.column("setting"), "inpatient")).as_py() or 0)


def referrals_on_edges(network: ReferralNetwork) -> float:
    """The referrals of a network summed over the edges of its plain networkx graph."""
    graph = network.to_networkx()
    return float(sum(w for _, _, w in graph.edges(data="weight", default=0)))


# -- the properties -------------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(counties(max_townships=3))
def test_every_institution_is_somewhere(county: County) -> None:
    """Drawn counties are valid (they pass validate_county): every area named exists."""
    areas = {county.id} | {t.id for t in county.townships}
    areas |= {v.id for t in county.townships for v in t.villages}
    for institution in county.institutions:
        assert where_is(county, institution.id) in areas


@settings(max_examples=100, deadline=None)
@given(part_whole_tables("visits_primary", "visits", scope="wanrong", period="2024"))
def test_the_share_is_a_share(table: MeasureTable) -> None:
    """A part never above its whole gives a share within 0–100 %, countycare's to 1e-9."""
    mine = primary_share_percent(table, "wanrong", "2024")
    assert 0.0 <= mine <= 100.0
    theirs = evaluate(SHARE, table, "wanrong", "2024").value
    assert theirs is None or abs(mine - theirs) <= 1e-9 * max(1.0, mine)


@settings(max_examples=10, deadline=None)
@given(encounter_tables("wanrong", 2024))
def test_visits_by_hand_equal_the_engine(encounters: pa.Table) -> None:
    """Valid encounter records of Wanrong, 2024 (the strategy takes the dataset name): every
    row is used, and the visits counted by hand are the county's visits for the year."""
    run = measure_records(WANRONG, {"encounters": encounters}, [2024], ["visits"])
    assert run.rejected == 0
    assert (run.table.get("wanrong", "2024", "visits") or 0.0) == visits_by_hand(encounters)


@settings(max_examples=30, deadline=None)
@given(referral_networks(max_size=20))
def test_edges_sum_to_the_total(network: ReferralNetwork) -> None:
    """However the referrals fall, the edges carry them all."""
    assert referrals_on_edges(network) == network.total


if __name__ == "__main__":
    for test in (
        test_every_institution_is_somewhere,
        test_the_share_is_a_share,
        test_visits_by_hand_equal_the_engine,
        test_edges_sum_to_the_total,
    ):
        test()
        print(f"held on every example drawn: {test.__name__}")
