"""One style for every chart of the report, and matplotlib figures as inline SVG.

Charts are drawn with matplotlib (the optional ``plot`` extra) in a colour-blind-safe palette
(Okabe & Ito, *Color Universal Design*, 2008) and written as SVG with every glyph as a path
(``svg.fonttype = "path"``), so the report needs no font to show them. Chinese labels need a CJK
font at drawing time: :func:`cjk_font` finds Noto Sans CJK (Debian ``fonts-noto-cjk``) or
raises :class:`ReportUnavailableError` saying what to install. Ids inside each SVG are prefixed
so that several charts can live in one HTML page.

Examples
--------
>>> OKABE_ITO["vermillion"]
'#D55E00'
>>> prefix_ids('<g id="a"><use xlink:href="#a"/><path clip-path="url(#a)"/></g>', "c1")
'<g id="c1-a"><use xlink:href="#c1-a"/><path clip-path="url(#c1-a)"/></g>'
"""

from __future__ import annotations

import functools
import io
import re
import subprocess
from pathlib import Path
from typing import Any

from countycare.errors import CountyCareError

__all__ = [
    "OKABE_ITO",
    "ReportUnavailableError",
    "cjk_font",
    "figure",
    "prefix_ids",
    "to_svg",
]

#: The Okabe–Ito palette: distinguishable under the common colour-vision deficiencies.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
GREY = "#6E6E6E"

#: Where Debian (``fonts-noto-cjk``) and other systems put a CJK sans-serif font.
_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
)


class ReportUnavailableError(CountyCareError):
    """The HTML report needs something not installed: matplotlib, a CJK font or a browser."""


def _fc_match() -> str | None:
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}", ":lang=zh:style=Regular"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out if out and "CJK" in out.upper() else None


@functools.cache
def cjk_font() -> Path:
    """The file of an installed CJK sans-serif font (Noto Sans CJK)."""
    for candidate in (*_CANDIDATES, _fc_match()):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise ReportUnavailableError(
        "the report's charts need a CJK font: install Debian's fonts-noto-cjk "
        "(apt-get install fonts-noto-cjk) or Noto Sans CJK"
    )


@functools.cache
def _matplotlib() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        from cycler import cycler
        from matplotlib import font_manager
        from matplotlib.figure import Figure
    except ImportError:
        raise ReportUnavailableError(
            "the HTML report draws its charts with matplotlib: pip install 'countycare[plot]'"
        ) from None
    font = cjk_font()
    font_manager.fontManager.addfont(str(font))
    family = font_manager.FontProperties(fname=str(font)).get_name()
    matplotlib.rcParams.update(
        {
            "svg.fonttype": "path",
            "svg.hashsalt": "countycare",
            "font.family": "sans-serif",
            "font.sans-serif": [family, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "font.size": 9,
            "axes.titlesize": 9,
            "axes.labelsize": 8,
            "xtick.labelsize": 8,
            "ytick.labelsize": 8,
            "legend.fontsize": 8,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": cycler(color=list(OKABE_ITO.values())[1:]),
        }
    )
    return Figure


def figure(width: float, height: float) -> Any:
    """A new matplotlib Figure (inches) in the report's style."""
    return _matplotlib()(figsize=(width, height), layout="constrained")


def prefix_ids(svg: str, prefix: str) -> str:
    """Prefix every ``id`` of ``svg`` and every reference to it with ``prefix-``."""
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    if not ids:
        return svg

    def rename(match: re.Match[str]) -> str:
        name = match.group(2)
        return f"{match.group(1)}{prefix}-{name}" if name in ids else match.group(0)

    svg = re.sub(r'(\bid=")([^"]+)', rename, svg)
    svg = re.sub(r'(href="#)([^"]+)', rename, svg)
    return re.sub(r"(url\(#)([^)]+)", rename, svg)


def to_svg(fig: Any, prefix: str, title: str) -> str:
    """The figure as an inline ``<svg>`` element: no XML prolog, scalable, titled for screen
    readers (the table beside it carries the figures)."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", text, count=1)
    text = text.replace("<svg", f'<svg role="img" aria-label="{_escape(title)}"', 1)
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)
    return prefix_ids(text, prefix)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
