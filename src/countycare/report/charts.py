"""The report's charts: scorecard small multiples, the settlement waterfall and the ranking of a
province's counties, as inline SVG.

Each function draws figures it is given — values already computed by the library — and returns
an ``<svg>`` element (see :mod:`countycare.report.svg`); nothing here computes a result. The
section beside each chart shows the same figures as a table, for screen readers and print.

Examples
--------
>>> svg = scorecard_chart(
...     [Panel("Primary visit share", "%", (("2021", 58.0), ("2024", 63.0)),
...            Band(65.0, None, "≥ 65"))],
...     "c1", "scorecard")
>>> svg.startswith("<svg") and "<text" not in svg
True
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import attrs

from countycare.report.svg import GREY, OKABE_ITO, figure, to_svg

__all__ = [
    "Band",
    "Bar",
    "Panel",
    "Step",
    "ranking_chart",
    "scorecard_chart",
    "waterfall_chart",
    "wrap",
]

_VALUE = OKABE_ITO["blue"]
_TARGET = OKABE_ITO["vermillion"]
_REFERENCE = OKABE_ITO["orange"]


@attrs.frozen
class Band:
    """A target or reference drawn on a panel: a line at ``low`` (``high`` None), a band from
    ``low`` to ``high``, labelled ``label``; ``reference`` draws it as a reference, not a target."""

    low: float | None
    high: float | None
    label: str
    reference: bool = False


@attrs.frozen
class Panel:
    """One indicator's small chart: its values by period (oldest first) and target or reference."""

    title: str
    unit: str
    points: tuple[tuple[str, float], ...]
    band: Band | None = None


@attrs.frozen
class Step:
    """One bar of a waterfall: ``start`` to ``end`` (a total starts at 0), and its colour role:
    ``total``, ``up``, ``down`` or ``kept``."""

    label: str
    start: float
    end: float
    role: str


def wrap(text: str, width: int) -> str:
    """``text`` on lines of about ``width`` characters (a CJK character counts two)."""
    if any(ord(c) > 0x2E80 for c in text):  # CJK: balanced lines of characters
        lines = math.ceil(len(text) / max(width // 2, 1))
        size = math.ceil(len(text) / max(lines, 1))
        return "\n".join(text[i : i + size] for i in range(0, len(text), size))
    return "\n".join(textwrap.wrap(text, width)) or text


def _short(value: float) -> str:
    """A value label: whole thousands with separators, small values to 3 significant digits."""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def _draw_band(ax: object, band: Band) -> None:
    colour = _REFERENCE if band.reference else _TARGET
    style = ":" if band.reference else "--"
    if band.low is not None and band.high is not None:
        ax.axhspan(band.low, band.high, color=colour, alpha=0.15, lw=0)  # type: ignore[attr-defined]
    for level in (band.low, band.high):
        if level is not None:
            ax.axhline(level, color=colour, ls=style, lw=1.2)  # type: ignore[attr-defined]
    ax.text(  # type: ignore[attr-defined]
        1.0,
        1.0,
        band.label,
        transform=ax.transAxes,  # type: ignore[attr-defined]
        ha="right",
        va="bottom",
        fontsize=7,
        color=colour,
    )


def scorecard_chart(panels: Sequence[Panel], prefix: str, title: str, columns: int = 3) -> str:
    """Small multiples, one per indicator: a bar for a single period, a trend line for several,
    each against its target (dashed) or reference (dotted)."""
    columns = max(1, min(columns, len(panels)))
    rows = math.ceil(len(panels) / columns)
    fig = figure(2.6 * columns, 2.1 * rows)
    axes = fig.subplots(rows, columns, squeeze=False)
    for n, ax in enumerate(axes.flat):
        if n >= len(panels):
            ax.set_visible(False)
            continue
        panel = panels[n]
        labels = [p for p, _ in panel.points]
        values = [v for _, v in panel.points]
        if len(values) == 1:
            ax.bar(labels, values, color=_VALUE, width=0.5)
        else:
            ax.plot(labels, values, color=_VALUE, marker="o", lw=1.8)
        for x, v in zip(labels, values, strict=True):
            ax.annotate(
                _short(v),
                (x, v),
                textcoords="offset points",
                xytext=(0, 3),
                ha="center",
                fontsize=7,
            )
        if panel.band is not None:
            _draw_band(ax, panel.band)
        ax.set_title(wrap(panel.title, 34), loc="left", pad=12)
        ax.set_ylabel(panel.unit)
        ax.margins(y=0.25)
        bounds = (panel.band.low, panel.band.high) if panel.band else ()
        ax.set_ylim(bottom=min([0.0, *values, *(b for b in bounds if b is not None)]))
    return to_svg(fig, prefix, title)


_ROLE_COLOURS = {
    "total": OKABE_ITO["blue"],
    "up": OKABE_ITO["vermillion"],
    "down": OKABE_ITO["bluish_green"],
    "kept": OKABE_ITO["orange"],
}


def waterfall_chart(
    steps: Sequence[Step], unit: str, prefix: str, title: str, axis_note: str = "axis from {}"
) -> str:
    """A waterfall: totals from zero, changes floating between their start and end.

    When the changes are small beside the totals the value axis starts above zero, and
    ``axis_note`` (formatted with the axis' start) says so on the chart.
    """
    fig = figure(6.4, 3.0)
    ax = fig.subplots()
    labels = [s.label for s in steps]
    for n, step in enumerate(steps):
        low, high = sorted((step.start, step.end))
        ax.bar(n, high - low, bottom=low, color=_ROLE_COLOURS[step.role], width=0.6)
        ax.annotate(
            f"{step.end - step.start:,.0f}" if step.role != "total" else f"{step.end:,.0f}",
            (n, high),
            textcoords="offset points",
            xytext=(0, 3),
            ha="center",
            fontsize=7,
        )
        if n + 1 < len(steps):
            ax.plot([n + 0.3, n + 0.7], [step.end, step.end], color=GREY, lw=0.8, ls=":")
    ax.set_xticks(range(len(steps)), [wrap(label, 16) for label in labels])
    ax.set_ylabel(unit)
    levels = [s.end for s in steps] + [s.start for s in steps if s.role != "total"]
    lowest, highest = min(levels), max(levels)
    ax.margins(y=0.15)
    bottom = lowest - 1.5 * (highest - lowest)
    if lowest > 0 and bottom > 0:  # the totals dwarf the changes: start the axis above zero
        ax.set_ylim(bottom=bottom, top=highest + 0.3 * (highest - lowest))
        ax.text(0.0, 1.02, axis_note.format(f"{bottom:,.0f}"), transform=ax.transAxes, fontsize=7)
    return to_svg(fig, prefix, title)


@attrs.frozen
class Bar:
    """One county on a ranking chart: its label and value, and how it is drawn: ``role`` is
    ``value``, ``off`` (off target) or ``doubt`` (computed from a figure in doubt)."""

    label: str
    value: float
    role: str = "value"


_BAR_COLOURS = {"value": _VALUE, "off": _TARGET, "doubt": GREY}


def ranking_chart(
    bars: Sequence[Bar], unit: str, lines: Sequence[Band], prefix: str, title: str
) -> str:
    """Horizontal bars, the first on top (the best rank), with reference lines (the province's
    value, the national figure: ``Band.low``; ``reference`` draws it dotted) across them. A bar
    in doubt is grey and hatched."""
    fig = figure(6.4, 0.9 + 0.22 * len(bars))
    ax = fig.subplots()
    positions = list(range(len(bars)))[::-1]
    for y, bar in zip(positions, bars, strict=True):
        ax.barh(
            y,
            bar.value,
            height=0.7,
            color=_BAR_COLOURS[bar.role],
            hatch="///" if bar.role == "doubt" else None,
            edgecolor="white" if bar.role == "doubt" else None,
        )
        ax.annotate(
            _short(bar.value),
            (bar.value, y),
            textcoords="offset points",
            xytext=(3, 0),
            va="center",
            fontsize=7,
        )
    ax.set_yticks(positions, [b.label for b in bars])
    for n, line in enumerate(lines):
        if line.low is None:
            continue
        colour = _REFERENCE if line.reference else OKABE_ITO["black"]
        ax.axvline(line.low, color=colour, ls=":" if line.reference else "--", lw=1.2)
        ax.text(
            line.low,
            1.0 + 0.04 * n,
            line.label,
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize=7,
            color=colour,
        )
    ax.set_xlabel(unit)
    ax.margins(x=0.12)
    ax.set_xlim(left=min([0.0, *(b.value for b in bars)]))
    ax.set_ylim(-0.6, len(bars) - 0.4)
    return to_svg(fig, prefix, title)
