"""Analyses of a referral network: counts, ratios undefined with reasons, structure, relabelling."""

from __future__ import annotations

import attrs
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from countycare.community import County
from countycare.errors import DataError, PeriodError, UndefinedError
from countycare.indicators.table import MeasureTable
from countycare.labels import CareSetting, ReferralDirection, ReferralStatus
from countycare.periods import Period
from countycare.referrals.analyses import (
    completion_rate,
    difference,
    down_up_ratio,
    largest_flows,
    referral_rate,
    totals_by_direction,
)
from countycare.referrals.edgelist import network_from_edges
from countycare.referrals.measures import referral_measures
from countycare.referrals.network import ReferralNetwork, build_network
from countycare.referrals.structure import (
    lead_concentration,
    reciprocity,
    township_bypass,
    unreachable_members,
)
from countycare.testing.networks import (
    referral_counties,
    referral_periods,
    referral_records,
    small_referral_county,
)

UP, DOWN = ReferralDirection.UP, ReferralDirection.DOWN
YEAR = Period.parse("2024")


def _edges(*rows: tuple[str, str, int], status: str = "completed") -> pa.Table:
    return pa.table(
        {
            "from_id": [r[0] for r in rows],
            "to_id": [r[1] for r in rows],
            "setting": ["inpatient"] * len(rows),
            "status": [status] * len(rows),
            "referrals": [r[2] for r in rows],
        }
    )


def _net(*rows: tuple[str, str, int], county: County | None = None) -> ReferralNetwork:
    return network_from_edges(_edges(*rows), county or small_referral_county(), YEAR)


def test_ratios_are_undefined_with_a_reason_when_nothing_to_divide_by() -> None:
    """An empty network has counts of 0 but no ratio: None and a reason, never 0 or NaN."""
    empty = _net()
    assert set(totals_by_direction(empty).values()) == {0}
    for ratio in (
        down_up_ratio(empty),
        completion_rate(empty),
        lead_concentration(empty, small_referral_county()),
    ):
        assert ratio.value is None
        assert ratio.reason is not None
        assert "is 0" in ratio.reason
        with pytest.raises(UndefinedError, match="undefined"):
            ratio.require()
    assert all(
        b.bypass_share.value is None for b in township_bypass(empty, small_referral_county())
    )


def test_down_up_ratio_and_completion() -> None:
    """Down ÷ up, and completed ÷ issued with pending and cancelled in the denominator."""
    net = _net(("t1-c", "lead", 40), ("lead", "t1-c", 10))
    assert down_up_ratio(net).value == 0.25
    pending = network_from_edges(
        _edges(("t1-c", "lead", 30), status="pending"),
        small_referral_county(),
        Period.parse("2025"),
    )
    both = net + pending
    assert completion_rate(both).value == 50 / 80
    assert completion_rate(both, DOWN).value == 1.0


def test_rate_names_its_denominator_and_filters() -> None:
    """The rate divides by the named measure of the table for the network's period and scope."""
    net = _net(("t1-v1-c", "t1-c", 6), ("t1-c", "lead", 4), ("t2-c", "lead", 10))
    table = MeasureTable.from_rows(
        [
            ("t1", "2024", "visits_primary", "", 1000.0),
            ("toy", "2024", "visits_primary", "", 4000.0),
        ]
    )
    county_rate = referral_rate(net, UP, table, "visits_primary")
    assert county_rate.value == 20 / 4000
    assert county_rate.denominator_name == "visits_primary"
    assert county_rate.unit == "referral / visit"
    township = referral_rate(
        net, UP, table, "visits_primary", scope="t1", county=small_referral_county()
    )
    assert township.value == 10 / 1000
    assert referral_rate(net, UP, table, "visits_primary", scope="t1-c").reason == (
        "undefined: no value of measure 'visits_primary' for scope 't1-c', period 2024"
    )
    only_outpatient = referral_rate(
        net, UP, table, "visits_primary", setting=CareSetting.OUTPATIENT
    )
    assert only_outpatient.numerator == 0
    assert (
        referral_rate(net, UP, table, "visits_primary", status=ReferralStatus.COMPLETED).numerator
        == 20
    )


def test_a_rate_over_the_leads_discharges_counts_the_leads_referrals() -> None:
    """The lead hospital's downward referrals ÷ its discharges: a township centre's downward
    referrals to its village clinics are not in the numerator (same scope above and below), and
    pending referrals are not either."""
    county = small_referral_county()
    edges = pa.concat_tables(
        [
            _edges(("lead", "t1-c", 30), ("t1-c", "t1-v1-c", 50)),
            _edges(("lead", "t1-c", 9), status="pending"),
        ]
    )
    done = network_from_edges(edges, county, YEAR)
    table = MeasureTable.from_rows([("toy", "2024", "lead_discharges", "", 1500.0)])
    rate = referral_rate(done, DOWN, table, "lead_discharges", county=county)
    assert rate.numerator == 30
    assert rate.value == 30 / 1500
    assert "lead hospital" in rate.name
    with pytest.raises(DataError, match="the lead hospital's"):
        referral_rate(done, DOWN, table, "lead_discharges")


def test_rate_needs_one_period_and_a_known_scope() -> None:
    """A rate over two periods, or for an unknown scope, is refused rather than guessed."""
    net = _net(("t1-c", "lead", 4))
    other = network_from_edges(
        _edges(("t1-c", "lead", 4)), small_referral_county(), Period.parse("2025")
    )
    with pytest.raises(PeriodError):
        referral_rate(net + other, UP, MeasureTable.empty(), "visits_primary")
    with pytest.raises(DataError, match="unknown scope 'nowhere'"):
        referral_rate(
            net,
            UP,
            MeasureTable.empty(),
            "visits_primary",
            scope="nowhere",
            county=small_referral_county(),
        )


def test_bypass_by_township() -> None:
    """Village clinics' upward flow splits into via own centre, bypass to county, elsewhere."""
    net = _net(
        ("t1-v1-c", "t1-c", 6),
        ("t1-v2-c", "lead", 3),
        ("t1-v2-c", "t2-c", 1),
        ("t2-v1-c", "tcm", 5),
        ("t1-c", "lead", 50),
    )
    t1, t2 = township_bypass(net, small_referral_county())
    assert (t1.township, t1.via_centre, t1.bypass, t1.elsewhere) == ("t1", 6, 3, 1)
    assert t1.bypass_share.value == 0.3
    assert t2.via_centre_share.value == 0.0
    assert t2.bypass_share.value == 1.0


def test_lead_concentration_and_reciprocity() -> None:
    """The lead's share of upward flow; per pair the smaller flow over the larger."""
    net = _net(("t1-c", "lead", 30), ("t2-c", "tcm", 10), ("lead", "t1-c", 15))
    assert lead_concentration(net, small_referral_county()).value == 0.75
    pairs = {(p.first, p.second): p for p in reciprocity(net)}
    assert pairs["lead", "t1-c"].balance.value == 0.5
    assert pairs["t2-c", "tcm"].balance.value == 0.0


def test_unreachable_members_follow_chains_of_referrals() -> None:
    """A clinic reaching the lead through its centre is reachable; silent members are not."""
    county = small_referral_county(2, 1)
    net = _net(("t1-v1-c", "t1-c", 2), ("t1-c", "lead", 1), ("t2-c", "tcm", 4), county=county)
    assert unreachable_members(net, county) == ("t2-c", "t2-v1-c", "tcm")


def test_a_path_through_outside_is_no_path_to_the_lead() -> None:
    """``outside`` stands for every provider out of the county: a clinic that referred out, and
    some other provider that referred into the lead, are not a chain of referrals."""
    county = small_referral_county(1, 1)
    net = _net(
        ("t1-v1-c", "outside", 3), ("outside", "lead", 5), ("t1-c", "lead", 1), county=county
    )
    assert "t1-v1-c" in unreachable_members(net, county)
    assert "t1-c" not in unreachable_members(net, county)


def test_difference_and_largest_flows() -> None:
    """Changes by direction and by edge, largest first; top flows sorted by volume then id."""
    before = _net(("t1-c", "lead", 10), ("lead", "t1-c", 2))
    after = network_from_edges(
        _edges(("t1-c", "lead", 4), ("t2-c", "lead", 9)),
        small_referral_county(),
        Period.parse("2025"),
    )
    change = difference(before, after)
    assert change.change(UP) == 3
    assert change.change(DOWN) == -2
    assert [(c.sender, c.receiver, c.change) for c in change.edges] == [
        ("t2-c", "lead", 9),
        ("t1-c", "lead", -6),
        ("lead", "t1-c", -2),
    ]
    assert [(e.sender, e.flow.total) for e in largest_flows(after, 1)] == [("t2-c", 9)]
    assert largest_flows(before, direction=DOWN)[0].receiver == "t1-c"


def _relabel_county(county: County, new: dict[str, str]) -> County:
    institutions = [
        attrs.evolve(i, id=new[i.id], parent=new.get(i.parent) if i.parent else None)
        for i in county.institutions
    ]
    communities = [
        attrs.evolve(
            c,
            lead=new[c.lead],
            memberships=[attrs.evolve(m, institution=new[m.institution]) for m in c.memberships],
        )
        for c in county.communities
    ]
    return attrs.evolve(county, institutions=institutions, communities=communities)


def _relabel_records(records: pa.Table, new: dict[str, str]) -> pa.Table:
    keys = pa.array(list(new))
    values = pa.array(list(new.values()))
    for column in ("from_id", "to_id"):
        index = records.column_names.index(column)
        looked = pc.index_in(records.column(column), value_set=keys)
        mapped = pc.if_else(pc.is_null(looked), records.column(column), pc.take(values, looked))
        records = records.set_column(index, column, mapped)
    return records


@settings(max_examples=25)
@given(st.data())
def test_relabelling_institutions_changes_no_result(data: st.DataObject) -> None:
    """Renaming every institution (consistently in county and records) changes no number."""
    county = data.draw(referral_counties())
    period = data.draw(referral_periods())
    records = data.draw(referral_records(county, period, max_size=60))
    ids = [i.id for i in county.institutions]
    shuffled = data.draw(st.permutations(range(len(ids))))
    new = {old: f"z{shuffled[n]:03d}" for n, old in enumerate(ids)}
    back = {v: k for k, v in new.items()} | {"outside": "outside"}
    other_county = _relabel_county(county, new)
    a = build_network(records, county, period)
    b = build_network(_relabel_records(records, new), other_county, period)

    assert totals_by_direction(a) == totals_by_direction(b)
    for f in (down_up_ratio, completion_rate):
        assert f(a) == f(b)
    assert lead_concentration(a, county).value == lead_concentration(b, other_county).value
    assert township_bypass(a, county) == township_bypass(b, other_county)
    assert {back[x] for x in unreachable_members(b, other_county)} == set(
        unreachable_members(a, county)
    )
    assert {
        (frozenset({back[p.first], back[p.second]}), frozenset({p.forward, p.backward}))
        for p in reciprocity(b)
    } == {
        (frozenset({p.first, p.second}), frozenset({p.forward, p.backward})) for p in reciprocity(a)
    }
    assert {(back[s], back[r], f) for s, r, f in b.flows()} == set(a.flows())
    renamed = referral_measures(b, other_county).mapping()
    assert {
        (back.get(scope, scope), *rest): v for (scope, *rest), v in renamed.items()
    } == referral_measures(a, county).mapping()


def test_referral_measures_by_sender_scope() -> None:
    """Measures count by sender: county = all, township = its institutions, each institution."""
    net = _net(
        ("t1-v1-c", "t1-c", 6),
        ("t1-c", "lead", 4),
        ("lead", "t2-c", 3),
        ("t2-c", "outside", 2),
        ("outside", "lead", 7),
    )
    table = referral_measures(net, small_referral_county())
    assert table.get("toy", "2024", "upward_referrals") == 10
    assert table.get("t1", "2024", "upward_referrals") == 10
    assert table.get("t2", "2024", "out_of_county_referrals") == 2
    assert table.get("toy", "2024", "out_of_county_referrals") == 2
    assert table.get("lead", "2024", "downward_referrals") == 3
    assert table.get("t2", "2024", "downward_referrals") == 0
    scopes = 1 + 2 + len(small_referral_county().institutions)
    # completed, pending and cancelled for three directions at every scope; the lead's
    # downward referrals at the lead and the county (it sits in no township)
    assert len(table) == 9 * scopes + 2
    assert table.get("toy", "2024", "lead_downward_referrals") == 3


def test_referral_measures_count_completed_referrals_and_the_rest_apart() -> None:
    """downward_referrals counts completed referrals only, as the records engine does; pending
    and cancelled ones are their own measures, so every issued referral is counted once."""
    county = small_referral_county()
    edges = pa.concat_tables(
        _edges(("lead", "t2-c", n), status=status)
        for n, status in ((5, "completed"), (3, "pending"), (2, "cancelled"))
    )
    table = referral_measures(network_from_edges(edges, county, YEAR), county)
    assert table.get("toy", "2024", "downward_referrals") == 5
    assert table.get("toy", "2024", "downward_referrals_pending") == 3
    assert table.get("toy", "2024", "downward_referrals_cancelled") == 2
    assert table.get("toy", "2024", "lead_downward_referrals") == 5


def test_referral_measures_need_one_period_and_the_right_county() -> None:
    """Two periods in one row would mislabel it; another county's ids would be misplaced."""
    net = _net(("t1-c", "lead", 4))
    other = network_from_edges(
        _edges(("t1-c", "lead", 4)), small_referral_county(), Period.parse("2025")
    )
    with pytest.raises(PeriodError):
        referral_measures(net + other, small_referral_county())
    with pytest.raises(DataError, match="used with county 'elsewhere'"):
        referral_measures(net, attrs.evolve(small_referral_county(), id="elsewhere"))


def test_summary_of_an_edge_list_claims_no_rows() -> None:
    """A network from counts read no record: the summary says so instead of inventing rows."""
    from countycare.referrals.summary import referral_summary, render_referral_summary

    summary = referral_summary(_net(("t1-c", "lead", 3)), small_referral_county())
    assert summary["rows"] == {"read": None, "accepted": None, "rejected": None}
    assert "none read" in render_referral_summary(summary)


@settings(max_examples=30)
@given(st.data())
def test_shares_stay_in_range_and_add_up(data: st.DataObject) -> None:
    """Shares lie in [0, 1]; a township's via-centre, bypass and elsewhere shares sum to 1;
    measures of the county equal the sum over its institutions."""
    county = data.draw(referral_counties())
    period = data.draw(referral_periods())
    network = build_network(data.draw(referral_records(county, period)), county, period)
    shares = [completion_rate(network), lead_concentration(network, county)]
    shares += [p.balance for p in reciprocity(network)]
    for share in shares:
        assert share.value is None or 0.0 <= share.value <= 1.0
    for bypass in township_bypass(network, county):
        if bypass.total:
            parts = (bypass.via_centre_share.value, bypass.bypass_share.value)
            assert sum(p for p in parts if p is not None) + bypass.elsewhere / bypass.total == (
                pytest.approx(1.0)
            )
        else:
            assert bypass.bypass_share.value is None
    table = referral_measures(network, county)
    for code in ("upward_referrals", "downward_referrals", "out_of_county_referrals"):
        whole = table.get(county.id, str(period), code)
        summed = sum(table.get(i.id, str(period), code) or 0.0 for i in county.institutions)
        assert whole == summed


@settings(max_examples=15)
@given(st.data())
def test_referral_measures_agree_with_the_indicators_roll_up(data: st.DataObject) -> None:
    """The indicators' roll-up accepts the referral measures as they are and derives the same
    township and county figures from the institutions' rows."""
    from countycare.indicators.rollup import roll_up

    county = data.draw(referral_counties())
    period = data.draw(referral_periods())
    network = build_network(data.draw(referral_records(county, period)), county, period)
    table = referral_measures(network, county)
    institutions_only = table.select(scope=[i.id for i in county.institutions])
    rolled = roll_up(institutions_only, county)
    assert rolled.select(measure=table.measure.tolist()).isclose(table)
    assert roll_up(table, county).isclose(rolled)
