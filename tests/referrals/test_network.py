"""The referral network: totals, reversal, adding periods, edge lists and the edge record."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from countycare.errors import ArgumentError, DataError, FieldError, PeriodError
from countycare.labels import CareSetting, ReferralDirection, ReferralStatus
from countycare.periods import Period
from countycare.referrals.analyses import totals_by_direction
from countycare.referrals.edgelist import network_from_edges
from countycare.referrals.flows import ReferralFlow
from countycare.referrals.network import ReferralNetwork, build_network
from countycare.referrals.records import aggregate_referrals
from countycare.referrals.synthetic import synthetic_referrals
from countycare.testing.networks import (
    referral_counties,
    referral_networks,
    referral_periods,
    referral_records,
    small_referral_county,
)

UP, DOWN = ReferralDirection.UP, ReferralDirection.DOWN


def _reversed(records: pa.Table) -> pa.Table:
    return records.set_column(
        records.column_names.index("from_id"), "from_id", records.column("to_id")
    ).set_column(records.column_names.index("to_id"), "to_id", records.column("from_id"))


@settings(max_examples=30)
@given(st.data())
def test_reversing_every_record_swaps_up_and_down(data: st.DataObject) -> None:
    """Reversed records: up and down counts swap, out and in swap, lateral stays."""
    county = data.draw(referral_counties())
    period = data.draw(referral_periods())
    records = data.draw(referral_records(county, period))
    before = totals_by_direction(build_network(records, county, period))
    after = totals_by_direction(build_network(_reversed(records), county, period))
    assert after[UP] == before[DOWN]
    assert after[DOWN] == before[UP]
    assert after[ReferralDirection.LATERAL] == before[ReferralDirection.LATERAL]
    assert after[ReferralDirection.OUT] == before[ReferralDirection.IN]


@settings(max_examples=30)
@given(st.data())
def test_network_total_equals_accepted_records(data: st.DataObject) -> None:
    """Every accepted record is counted once in the network, spoiled ones not at all."""
    county = data.draw(referral_counties())
    period = data.draw(referral_periods())
    n = data.draw(st.integers(0, 400))
    records = synthetic_referrals(
        county, period, n, seed=data.draw(st.integers(0, 99)), defects=0.1
    )
    network = build_network(records, county, period, lenient=True)
    summary = network.summaries[0]
    assert network.total == summary.rows_accepted
    assert sum(totals_by_direction(network).values()) == summary.rows_accepted


@settings(max_examples=30)
@given(st.data())
def test_network_of_two_periods_is_the_sum(data: st.DataObject) -> None:
    """Built from both periods' records at once, or per period and added: the same network."""
    county = data.draw(referral_counties())
    first = data.draw(referral_periods())
    second = first.next()
    a = data.draw(referral_records(county, first))
    b = data.draw(referral_records(county, second))
    b = b.set_column(0, "referral_id", pc.binary_join_element_wise("b", b.column(0), ""))
    both = build_network(pa.concat_tables([a, b]), county, [first, second])
    summed = build_network(a, county, first) + build_network(b, county, second)
    assert both == summed
    assert summed.periods == (first, second)


def test_adding_overlapping_or_open_periods_is_refused() -> None:
    """Adding a period to itself would count its referrals twice: refused, as is an open one."""
    county = small_referral_county()
    q1 = Period.parse("2024Q1")
    net = build_network(synthetic_referrals(county, q1, 50), county, q1)
    with pytest.raises(PeriodError, match="overlapping periods 2024Q1 and 2024Q1"):
        net + net
    with pytest.raises(PeriodError, match="overlapping"):
        net + build_network(synthetic_referrals(county, q1, 50), county, Period.parse("2024"))
    with pytest.raises(PeriodError, match="without a period"):
        net + build_network(synthetic_referrals(county, q1, 50), county)


def test_adding_networks_of_two_counties_is_refused() -> None:
    """Flows of different counties never mix."""
    q1 = Period.parse("2024Q1")
    toy = small_referral_county()
    other = small_referral_county()
    import attrs

    other = attrs.evolve(other, id="other")
    a = build_network(synthetic_referrals(toy, q1, 20), toy, q1)
    b = build_network(synthetic_referrals(other, q1.next(), 20), other, q1.next())
    with pytest.raises(DataError, match="cannot add networks of 'toy' and 'other'"):
        a + b


@settings(max_examples=20)
@given(referral_networks())
def test_graph_is_frozen_and_typed(network: ReferralNetwork) -> None:
    """Every edge carries one ReferralFlow with referrals; the graph cannot be changed."""
    for sender, receiver, flow in network.flows():
        assert isinstance(flow, ReferralFlow)
        assert flow.total > 0
        assert network.graph.edges[sender, receiver] == {"flow": flow}
    assert "outside" in network.graph
    with pytest.raises(nx_frozen_error()):
        network.graph.add_edge("lead", "tcm")


def nx_frozen_error() -> type[Exception]:
    """networkx raises NetworkXError on changing a frozen graph."""
    import networkx as nx

    return nx.NetworkXError


def test_edge_list_and_records_give_the_same_network() -> None:
    """The aggregated edges of records, read back as an edge list, give the same network."""
    county = small_referral_county()
    period = Period.parse("2024")
    records = synthetic_referrals(county, period, 900, seed=11)
    batch = aggregate_referrals(records, county, period)
    assert network_from_edges(batch.edges, county, period) == build_network(records, county, period)


def test_edge_list_bad_rows_raise_by_row() -> None:
    """A bad edge-list row is an error naming the row: a dropped sum would falsify totals."""
    edges = pa.table(
        {
            "from_id": ["t1-c", "nowhere", "lead", "lead"],
            "to_id": ["lead", "lead", "lead", "t1-c"],
            "setting": ["inpatient", "inpatient", "inpatient", "spa"],
            "status": ["completed"] * 4,
            "referrals": [3, 1, 2, 4],
        }
    )
    with pytest.raises(DataError) as caught:
        network_from_edges(edges, small_referral_county())
    assert [p.path for p in caught.value.problems] == [
        "row 2, column from_id",
        "row 3, column to_id",
        "row 4, column setting",
    ]
    negative = edges.slice(0, 1).set_column(4, "referrals", pa.array([-1]))
    with pytest.raises(DataError, match="whole number"):
        network_from_edges(negative, small_referral_county())


def test_edge_list_counts_too_large_to_hold_are_refused_by_row_or_edge() -> None:
    """Counts past what a 64-bit integer holds let DuckDB's raw ``ConversionException`` out of
    the sum. A row above 10^15 referrals is refused at its row; rows of one edge that sum past
    2^53 (where a double stops holding every whole number) are refused naming the edge."""
    county = small_referral_county()

    def edges(counts: list[int]) -> pa.Table:
        n = len(counts)
        return pa.table(
            {
                "from_id": ["t1-c"] * n,
                "to_id": ["lead"] * n,
                "setting": ["inpatient"] * n,
                "status": ["completed"] * n,
                "referrals": counts,
            }
        )

    with pytest.raises(DataError) as caught:
        network_from_edges(edges([9 * 10**18, 9 * 10**18]), county)
    assert [p.path for p in caught.value.problems] == [
        "row 1, column referrals",
        "row 2, column referrals",
    ]
    with pytest.raises(DataError, match=r"t1-c → lead \(inpatient, completed\): .* past 2\^53"):
        network_from_edges(edges([10**15] * 10), county)
    flow = network_from_edges(edges([10**15, 10**15]), county).flow("t1-c", "lead")
    assert flow is not None and flow.total == 2 * 10**15


def test_edge_list_repeated_keys_are_summed() -> None:
    """Two rows for the same edge, setting and status add up."""
    edges = pa.table(
        {
            "from_id": ["t1-c", "t1-c"],
            "to_id": ["lead", "lead"],
            "setting": ["inpatient", "inpatient"],
            "status": ["completed", "completed"],
            "referrals": [3, 4],
            "within_community": [3, 2],
        }
    )
    flow = network_from_edges(edges, small_referral_county()).flow("t1-c", "lead")
    assert flow is not None
    assert flow.count(CareSetting.INPATIENT, ReferralStatus.COMPLETED) == 7
    assert flow.within_community == 5


def test_flow_record_validates_and_adds() -> None:
    """Counts are nine whole numbers ≥ 0; within-community ≤ total; only same directions add.
    Each refusal is a library error naming its field (a bare ``ValueError`` before)."""
    with pytest.raises(FieldError, match="9 numbers"):
        ReferralFlow(UP, (1, 2))
    with pytest.raises(FieldError, match="whole numbers"):
        ReferralFlow(UP, (-1,) + (0,) * 8)
    with pytest.raises(FieldError, match="within_community"):
        ReferralFlow(UP, (1,) + (0,) * 8, within_community=2)
    up = ReferralFlow(UP, (1,) * 9, 9)
    assert (up + up).within_community == 18
    assert (up + ReferralFlow(UP, (1,) * 9)).within_community is None
    with pytest.raises(ArgumentError, match="cannot add"):
        up + ReferralFlow(DOWN, (1,) * 9)


def test_edge_list_within_community_cannot_exceed_referrals() -> None:
    """More referrals inside the community than on the edge is a bad row, named."""
    edges = pa.table(
        {
            "from_id": ["t1-c"],
            "to_id": ["lead"],
            "setting": ["inpatient"],
            "status": ["completed"],
            "referrals": [3],
            "within_community": [4],
        }
    )
    with pytest.raises(DataError) as caught:
        network_from_edges(edges, small_referral_county())
    assert caught.value.problems[0].path == "row 1, column within_community"
