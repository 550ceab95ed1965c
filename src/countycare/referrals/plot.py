"""A picture of the referral network in tiers: county on top, villages at the bottom, outside aside.

Village clinics sit in a row grouped by township, each township's centres above the middle of
its villages, the county institutions spread across the top and providers outside the county to
the right. An edge's width grows with the square root of its referrals and its colour says its
direction; the two directions between a pair are drawn side by side.

matplotlib is the optional ``plot`` extra (``pip install 'countycare[plot]'``); without it,
:class:`PlotUnavailableError` says so.

Examples
--------
>>> from countycare.testing.networks import small_referral_county
>>> from countycare.referrals.network import build_network
>>> from countycare.referrals.synthetic import synthetic_referrals
>>> from countycare.periods import Period
>>> county = small_referral_county()
>>> net = build_network(synthetic_referrals(county, Period.parse("2024"), 500), county)
>>> positions = tier_layout(net, county)
>>> positions["lead"][1], positions["t1-c"][1], positions["t1-v1-c"][1]
(2.0, 1.0, 0.0)
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.errors import CountyCareError
from countycare.institutions import OUTSIDE
from countycare.labels import ReferralDirection, Tier
from countycare.referrals.network import ReferralNetwork

if TYPE_CHECKING:
    from countycare.forms import IntLike

__all__ = [
    "DIRECTION_COLOURS",
    "PlotUnavailableError",
    "draw_network",
    "save_network_plot",
    "tier_layout",
]

#: The colour of each direction's edges.
DIRECTION_COLOURS: dict[ReferralDirection, str] = {
    ReferralDirection.UP: "#c0392b",
    ReferralDirection.DOWN: "#27ae60",
    ReferralDirection.LATERAL: "#7f8c8d",
    ReferralDirection.OUT: "#8e44ad",
    ReferralDirection.IN: "#2980b9",
}
_TIER_COLOURS = {
    Tier.COUNTY: "#2c3e50",
    Tier.TOWNSHIP: "#e67e22",
    Tier.VILLAGE: "#f1c40f",
    Tier.OUTSIDE: "#95a5a6",
}
_TIER_SIZES = {Tier.COUNTY: 120.0, Tier.TOWNSHIP: 45.0, Tier.VILLAGE: 8.0, Tier.OUTSIDE: 160.0}
_FORMATS = (".png", ".svg")


class PlotUnavailableError(CountyCareError):
    """Drawing was asked for but matplotlib (the ``plot`` extra) is not installed."""


def _matplotlib() -> Any:
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise PlotUnavailableError(
            "drawing the referral network needs matplotlib: pip install 'countycare[plot]'"
        ) from None
    return Figure


def tier_layout(network: ReferralNetwork, county: County) -> dict[str, tuple[float, float]]:
    """Positions ``node -> (x, y)``: y is the tier (village 0, township 1, county 2)."""
    order: dict[str, int] = {t.id: n for n, t in enumerate(county.townships)}
    villages: list[tuple[int, str]] = []
    townships: dict[str, list[str]] = {}
    top: list[str] = []
    for institution in county.institutions:
        township = county.township_of(institution.id)
        rank = order.get(township.id, len(order)) if township else len(order)
        if institution.tier is Tier.VILLAGE:
            villages.append((rank, institution.id))
        elif institution.tier is Tier.TOWNSHIP:
            townships.setdefault(township.id if township else "", []).append(institution.id)
        else:
            top.append(institution.id)
    villages.sort()
    width = float(max(len(villages), len(townships), len(top), 1))
    positions: dict[str, tuple[float, float]] = {}
    for n, (_, clinic) in enumerate(villages):
        positions[clinic] = ((n + 0.5) * width / max(len(villages), 1), 0.0)
    township_ids = sorted(townships, key=lambda t: order.get(t, len(order)))
    for slot, township_id in enumerate(township_ids):
        xs = (
            [
                positions[i.id][0]
                for i in county.institutions_in(township_id)
                if i.id in positions and township_id
            ]
            if township_id
            else []
        )
        centre = sum(xs) / len(xs) if xs else (slot + 0.5) * width / len(township_ids)
        members = townships[township_id]
        for k, member in enumerate(members):
            offset = (k - (len(members) - 1) / 2) * width * 0.012
            positions[member] = (centre + offset, 1.0)
    for n, member in enumerate(top):
        positions[member] = ((n + 0.5) * width / len(top), 2.0)
    positions[OUTSIDE] = (width * 1.08, 1.5)
    for node in network.graph.nodes:
        positions.setdefault(node, (width * 1.08, 0.5))
    return positions


def _segment(
    start: tuple[float, float], end: tuple[float, float], scale: tuple[float, float]
) -> list[tuple[float, float]]:
    """The segment start → end moved a little to its right, so that a → b and b → a both show.

    ``scale`` is the width and height of the drawing in data units: the shift is computed on the
    page, where x and y have about the same length.
    """
    sx, sy = scale
    dx, dy = (end[0] - start[0]) / sx, (end[1] - start[1]) / sy
    length = math.hypot(dx, dy) or 1.0
    ox, oy = dy / length * 0.003 * sx, -dx / length * 0.006 * sy
    return [(start[0] + ox, start[1] + oy), (end[0] + ox, end[1] + oy)]


@boundary
def draw_network(
    network: ReferralNetwork, county: County, ax: Any = None, min_referrals: IntLike = 1
) -> Any:
    """Draw the network on a matplotlib ``Axes`` (a new figure when None); return the axes.

    Edges with fewer than ``min_referrals`` referrals are left out of the picture (the title
    says so), which keeps a dense county readable.
    """
    min_referrals = coerce.count(min_referrals, "min_referrals")
    figure_class = _matplotlib()
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    if ax is None:
        ax = figure_class(figsize=(14, 6), layout="constrained").add_subplot()
    positions = tier_layout(network, county)
    flows = [(s, r, f) for s, r, f in network.flows() if f.total >= min_referrals]
    largest = max((f.total for _, _, f in flows), default=1) or 1
    scale = (max((x for x, _ in positions.values()), default=1.0), 2.9)
    alpha = 0.55 if len(flows) < 400 else 0.3
    for direction, colour in DIRECTION_COLOURS.items():
        chosen = [(s, r, f) for s, r, f in flows if f.direction is direction]
        if not chosen:
            continue
        ax.add_collection(
            LineCollection(
                [_segment(positions[s], positions[r], scale) for s, r, _ in chosen],
                linewidths=[0.1 + 6.0 * math.sqrt(f.total / largest) for _, _, f in chosen],
                colors=colour,
                alpha=alpha,
                zorder=1,
            )
        )
    for tier, colour in _TIER_COLOURS.items():
        nodes = [n for n in network.graph.nodes if network.tier(n) is tier]
        ax.scatter(
            [positions[n][0] for n in nodes],
            [positions[n][1] for n in nodes],
            s=_TIER_SIZES[tier],
            c=colour,
            edgecolors="white",
            linewidths=0.5,
            zorder=2,
            label=tier.en,
        )
    for node in network.graph.nodes:
        if network.tier(node) in (Tier.COUNTY, Tier.OUTSIDE):
            x, y = positions[node]
            ax.annotate(
                node, (x, y), xytext=(0, 7), textcoords="offset points", ha="center", fontsize=7
            )
    handles = [
        Line2D([0], [0], color=colour, lw=3, label=direction.en)
        for direction, colour in DIRECTION_COLOURS.items()
    ]
    ax.legend(handles=handles, loc="upper left", fontsize=8, frameon=False)
    ax.set_yticks([0, 1, 2], [Tier.VILLAGE.en, Tier.TOWNSHIP.en, Tier.COUNTY.en])
    ax.set_xticks([])
    ax.set_ylim(-0.3, 2.6)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    hidden = f"; edges under {min_referrals} not drawn" if min_referrals > 1 else ""
    ax.set_title(
        f"Referrals, {county.name.en}, {network.period_label()}: "
        f"{network.total:,} referrals; edge width by volume, colour by direction{hidden}"
    )
    return ax


@boundary
def save_network_plot(
    network: ReferralNetwork,
    county: County,
    path: str | Path,
    *,
    min_referrals: IntLike = 1,
    dpi: IntLike = 150,
) -> Path:
    """Draw the network into ``path`` (``.png`` or ``.svg``) and return the path."""
    min_referrals, dpi = coerce.count(min_referrals, "min_referrals"), coerce.count(dpi, "dpi")
    target = Path(path)
    if target.suffix.lower() not in _FORMATS:
        raise CountyCareError(
            f"{target}: cannot draw to a {target.suffix or 'suffix-less'} file; use .png or .svg"
        )
    ax = draw_network(network, county, min_referrals=min_referrals)
    ax.figure.savefig(target, dpi=dpi)
    return target
