"""The tiered picture of a referral network, and the message when matplotlib is missing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from countycare.community import County
from countycare.errors import CountyCareError
from countycare.labels import Tier
from countycare.periods import Period
from countycare.referrals.network import ReferralNetwork, build_network
from countycare.referrals.plot import PlotUnavailableError, save_network_plot, tier_layout
from countycare.referrals.synthetic import synthetic_referrals
from countycare.testing.networks import small_referral_county

Pair = tuple[ReferralNetwork, County]


@pytest.fixture
def network_and_county() -> Pair:
    """A small network drawn in the tests."""
    county = small_referral_county(3, 2)
    period = Period.parse("2024Q1")
    return build_network(synthetic_referrals(county, period, 400, seed=3), county, period), county


def test_layout_puts_tiers_in_rows(network_and_county: Pair) -> None:
    """County on top, townships in the middle, villages at the bottom, outside to the right."""
    network, county = network_and_county
    positions = tier_layout(network, county)
    heights = {Tier.COUNTY: 2.0, Tier.TOWNSHIP: 1.0, Tier.VILLAGE: 0.0}
    for node in network.graph.nodes:
        tier = network.tier(node)
        if tier in heights:
            assert positions[node][1] == heights[tier]
    rightmost = max(x for node, (x, _) in positions.items() if node != "outside")
    assert positions["outside"][0] > rightmost
    clinics = [positions[f"t{t}-v{v}-c"][0] for t in (1, 2, 3) for v in (1, 2)]
    assert clinics == sorted(clinics)  # grouped by township, in order
    assert min(clinics[:2]) <= positions["t1-c"][0] <= max(clinics[:2])


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_saves_png_and_svg(network_and_county: Pair, tmp_path: Path, suffix: str) -> None:
    """A picture file is written in the format its suffix names."""
    network, county = network_and_county
    path = save_network_plot(network, county, tmp_path / f"net{suffix}")
    head = path.read_bytes()[:200]
    assert (b"PNG" in head) if suffix == ".png" else (b"<svg" in path.read_bytes()[:2000])


def test_other_suffixes_are_refused(network_and_county: Pair, tmp_path: Path) -> None:
    """An unknown picture format is an error naming the file, not a silent PNG."""
    network, county = network_and_county
    with pytest.raises(CountyCareError, match=r"net\.pdf: cannot draw to a \.pdf file"):
        save_network_plot(network, county, tmp_path / "net.pdf")


def test_missing_matplotlib_says_how_to_install(
    network_and_county: Pair,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without the plot extra the error tells the user which extra to install."""
    network, county = network_and_county
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(PlotUnavailableError, match=r"pip install 'countycare\[plot\]'"):
        save_network_plot(network, county, tmp_path / "net.png")
