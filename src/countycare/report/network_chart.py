"""The referral network picture: county institutions above, townships below, arrows between.

The picture draws a :class:`~countycare.report.flows_view.NetworkView`: county institutions in
the top row (outside the county at its right end), townships in the bottom row, each node a
labelled circle. Each drawn flow is an arrow whose width grows with the square root of its
referrals and whose colour and line style say its direction. An arrow runs straight when that
clears every other node, else it bends — further until it clears — so that no arrow is drawn
through a node. Only the largest flows are drawn; the table beside lists them all.

Examples
--------
>>> clears((0.0, 0.0), (4.0, 0.0), 0.0, [(2.0, 0.0)], 0.3)
False
>>> clears((0.0, 0.0), (4.0, 0.0), 0.4, [(2.0, 0.0)], 0.3)
True
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

from countycare.labels import ReferralDirection, Tier
from countycare.report.charts import wrap
from countycare.report.flows_view import NetworkView, PlaceFlow
from countycare.report.svg import GREY, OKABE_ITO, figure, to_svg

__all__ = ["DIRECTION_STYLE", "clears", "network_chart"]

#: Colour and line style of each direction (colour is never the only cue).
DIRECTION_STYLE: dict[ReferralDirection, tuple[str, str]] = {
    ReferralDirection.UP: (OKABE_ITO["vermillion"], "-"),
    ReferralDirection.DOWN: (OKABE_ITO["bluish_green"], "-"),
    ReferralDirection.LATERAL: (GREY, (0, (1, 1))),  # type: ignore[dict-item]
    ReferralDirection.OUT: (OKABE_ITO["reddish_purple"], "--"),
    ReferralDirection.IN: (OKABE_ITO["blue"], "--"),
}
_RADIUS = 0.3
_WIDTH = 14.0
_TOP = 6.0
_ROW = {Tier.COUNTY: _TOP, Tier.OUTSIDE: _TOP / 2, Tier.TOWNSHIP: 0.0}
_BENDS = (0.0, 0.12, -0.12, 0.25, -0.25, 0.4, -0.4, 0.6, -0.6)
_FILL = {Tier.COUNTY: OKABE_ITO["blue"], Tier.TOWNSHIP: OKABE_ITO["orange"], Tier.OUTSIDE: GREY}


def _bezier(
    a: tuple[float, float], b: tuple[float, float], rad: float, t: float
) -> tuple[float, float]:
    """A point of matplotlib's ``arc3`` curve from ``a`` to ``b`` (equal-aspect axes)."""
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    dx, dy = b[0] - a[0], b[1] - a[1]
    cx, cy = mx + rad * dy, my - rad * dx
    u = 1 - t
    return (
        u * u * a[0] + 2 * u * t * cx + t * t * b[0],
        u * u * a[1] + 2 * u * t * cy + t * t * b[1],
    )


def clears(
    a: tuple[float, float],
    b: tuple[float, float],
    rad: float,
    others: Sequence[tuple[float, float]],
    radius: float,
) -> bool:
    """Whether the ``arc3`` curve (bend ``rad``) from ``a`` to ``b`` keeps ``radius`` away from
    every point of ``others``."""
    points = [_bezier(a, b, rad, k / 60) for k in range(61)]
    return all((x - ox) ** 2 + (y - oy) ** 2 > radius**2 for ox, oy in others for x, y in points)


def _positions(view: NetworkView) -> dict[str, tuple[float, float]]:
    """County places on top, the busiest in the middle; townships below in their order;
    outside the county at the right, half-way up."""
    busy: dict[str, int] = {}
    for e in view.edges:
        for pid in (e.sender, e.receiver):
            busy[pid] = busy.get(pid, 0) + e.referrals
    ranked = sorted(
        (p for p in view.places if p.tier is Tier.COUNTY), key=lambda p: -busy.get(p.id, 0)
    )
    top: deque[str] = deque()
    for n, place in enumerate(ranked):  # alternate sides, the busiest in the centre
        if n % 2:
            top.appendleft(place.id)
        else:
            top.append(place.id)
    bottom = [p.id for p in view.places if p.tier is Tier.TOWNSHIP]
    where: dict[str, tuple[float, float]] = {}
    for row, y, width in ((top, _TOP, _WIDTH * 0.8), (bottom, 0.0, _WIDTH)):
        step = width / max(len(row), 1)
        left = (_WIDTH - width) / 2
        for n, pid in enumerate(row):
            where[pid] = (left + step * (n + 0.5), y)
    for place in view.places:
        if place.tier is Tier.OUTSIDE:
            where[place.id] = (_WIDTH + 0.8, _ROW[Tier.OUTSIDE])
    return where


def _bend(
    edge: PlaceFlow, where: dict[str, tuple[float, float]], taken: set[tuple[str, str]]
) -> float:
    a, b = where[edge.sender], where[edge.receiver]
    others = [xy for pid, xy in where.items() if pid not in (edge.sender, edge.receiver)]
    both_ways = (edge.receiver, edge.sender) in taken
    for rad in _BENDS:
        if both_ways and rad == 0.0:
            continue  # the opposite arrow is there: bend so the two stay apart
        if clears(a, b, rad, others, _RADIUS * 1.35):
            return rad
    return _BENDS[-1]


def network_chart(
    view: NetworkView,
    edges: Sequence[PlaceFlow],
    labels: dict[str, str],
    direction_labels: dict[ReferralDirection, str],
    prefix: str,
    title: str,
) -> str:
    """The picture of ``edges`` (flows of ``view``), nodes labelled with ``labels``."""
    from matplotlib.patches import Circle, FancyArrowPatch

    x_range, y_range = (-0.8, _WIDTH + 1.6), (-1.8, _TOP + 1.0)
    width = 9.0
    fig = figure(width, width * (y_range[1] - y_range[0]) / (x_range[1] - x_range[0]) + 0.5)
    ax = fig.subplots()
    ax.set_aspect("equal")
    ax.axis("off")
    where = _positions(view)
    circles = {}
    for place in view.places:
        x, y = where[place.id]
        circle = Circle((x, y), _RADIUS, facecolor=_FILL[place.tier], edgecolor="white", lw=1.0)
        ax.add_patch(circle)
        circles[place.id] = circle
        above = place.tier is not Tier.TOWNSHIP
        ax.text(
            x,
            y + (_RADIUS + 0.12) * (1 if above else -1),
            labels[place.id] if not above else wrap(labels[place.id], 10),
            ha="center" if above else "right",
            va="bottom" if above else "top",
            rotation=0 if above else 40,
            rotation_mode="anchor",
            fontsize=7,
        )
    biggest = max((e.referrals for e in edges), default=1)
    taken: set[tuple[str, str]] = set()
    for edge in edges:
        colour, style = DIRECTION_STYLE[edge.direction]
        width = 0.6 + 5.0 * (edge.referrals / biggest) ** 0.5
        rad = _bend(edge, where, taken)
        taken.add((edge.sender, edge.receiver))
        ax.add_patch(
            FancyArrowPatch(
                where[edge.sender],
                where[edge.receiver],
                patchA=circles[edge.sender],
                patchB=circles[edge.receiver],
                connectionstyle=f"arc3,rad={rad}",
                arrowstyle="-|>",
                mutation_scale=8 + 2.2 * width,
                lw=width,
                ls=style,
                color=colour,
                alpha=0.85,
                zorder=1,
            )
        )
    for direction, text in direction_labels.items():
        colour, style = DIRECTION_STYLE[direction]
        ax.plot([], [], color=colour, ls=style, lw=2.5, label=text)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.02), ncols=len(direction_labels))
    ax.set_xlim(*x_range)
    ax.set_ylim(*y_range)
    return to_svg(fig, prefix, title)
