"""The charts: the network picture never draws an arrow through a node, the view by place
keeps every referral, and the waterfall and scorecard charts are SVG with no text elements."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from countycare.labels import ReferralDirection, Tier
from countycare.periods import Period
from countycare.referrals.network import build_network
from countycare.referrals.synthetic import synthetic_referrals
from countycare.report import network_chart as nc
from countycare.report.charts import Band, Panel, Step, scorecard_chart, waterfall_chart
from countycare.report.flows_view import network_view
from countycare.report.svg import prefix_ids
from countycare.testing.networks import referral_counties


@given(referral_counties(), st.integers(50, 400), st.integers(0, 10_000))
def test_view_by_place_keeps_every_referral(county, n: int, seed: int) -> None:  # type: ignore[no-untyped-def]
    """Flows between places plus flows inside townships add up to the network's total, and so
    do the flows by tier pair."""
    net = build_network(synthetic_referrals(county, Period.parse("2024"), n, seed=seed), county)
    view = network_view(net, county)
    assert sum(e.referrals for e in view.edges) + sum(view.within.values()) == net.total
    assert sum(view.tier_pairs.values()) == net.total
    assert all(e.sender != e.receiver for e in view.edges)
    assert [e.referrals for e in view.largest(5)] == sorted(
        (e.referrals for e in view.edges), reverse=True
    )[:5]


@given(referral_counties(), st.integers(50, 400), st.integers(0, 10_000))
def test_no_arrow_is_drawn_through_a_node(county, n: int, seed: int) -> None:  # type: ignore[no-untyped-def]
    """Every arrow of the picture, with the bend the picture gives it, keeps clear of every
    node other than its two ends."""
    net = build_network(synthetic_referrals(county, Period.parse("2024"), n, seed=seed), county)
    view = network_view(net, county)
    where = nc._positions(view)
    taken: set[tuple[str, str]] = set()
    for edge in view.largest(40):
        rad = nc._bend(edge, where, taken)
        taken.add((edge.sender, edge.receiver))
        others = [xy for p, xy in where.items() if p not in (edge.sender, edge.receiver)]
        assert nc.clears(where[edge.sender], where[edge.receiver], rad, others, nc._RADIUS)


def test_wanrong_network_places_and_picture(wanrong_report) -> None:  # type: ignore[no-untyped-def]
    """Wanrong's view has its 14 townships, outside the county, and the lead hospital; the
    picture is an SVG with glyphs as paths and an arrow style for each direction."""
    view = wanrong_report.network_view
    assert sum(1 for p in view.places if p.tier is Tier.TOWNSHIP) == 14
    assert {"outside", "wr-cgh"} <= {p.id for p in view.places}
    labels = {p.id: p.name.zh for p in view.places}
    svg = nc.network_chart(
        view, view.largest(10), labels, {d: d.zh for d in ReferralDirection}, "t", "网络"
    )
    assert svg.startswith("<svg") and "<text" not in svg and 'aria-label="网络"' in svg


def test_scorecard_and_waterfall_charts_are_path_only_svg() -> None:
    """Both chart kinds come out as inline SVG with no <text> (glyphs are paths)."""
    panels = [
        Panel("县域内就诊率", "%", (("2021", 88.0), ("2024", 91.2)), Band(90.0, None, "≥ 90 %")),
        Panel("Range", "%", (("2024", 5.0),), Band(2.0, 8.0, "2–8 %", reference=True)),
    ]
    waterfall = [
        Step("预算", 0.0, 100.0, "total"),
        Step("实际", 0.0, 96.0, "total"),
        Step("留用", 96.0, 98.0, "kept"),
        Step("返还", 98.0, 100.0, "down"),
    ]
    for svg in (scorecard_chart(panels, "a", "t"), waterfall_chart(waterfall, "万元", "b", "t")):
        assert svg.startswith("<svg") and "<text" not in svg and "<?xml" not in svg


def test_prefixed_ids_are_distinct_across_charts() -> None:
    """Two copies of one chart get distinct ids, references following their own."""
    svg = '<defs><path id="g1"/></defs><use xlink:href="#g1"/>'
    a, b = prefix_ids(svg, "a"), prefix_ids(svg, "b")
    assert 'id="a-g1"' in a and 'href="#a-g1"' in a and 'id="b-g1"' in b
