"""The county report as one self-contained HTML page, in Chinese (default) or English.

:func:`html_report` computes the report's results (:func:`~countycare.report.content.build_report`)
and renders them; :func:`render_html` renders a :class:`~countycare.report.content.CountyReport`
already computed. The page has its CSS inline and its charts as inline SVG whose text is drawn
as paths: it makes no network request, needs no JavaScript and no font to show its charts, and
prints on A4.

Examples
--------
>>> from countycare import load_county
>>> page = html_report(load_county("wanrong"), lang="en")
>>> page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
True
>>> "http://" in page or "https://" in page or "<script" in page
False
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from countycare.coerce.arguments import boundary
from countycare.report.content import CountyReport, build_report
from countycare.report.sections_model import (
    assessment_section,
    community_section,
    facts_section,
)
from countycare.report.sections_results import (
    money_section,
    referrals_section,
    scorecards_section,
)
from countycare.report.text import Language, Words, esc

if TYPE_CHECKING:
    from countycare.forms import CountyLike

__all__ = ["CSS", "html_report", "render_html", "write_html"]

#: The page's style: screen, and an A4 print layout.
CSS = """
:root { --ink: #1a1a1a; --muted: #5f5f5f; --rule: #d0d0d0; --accent: #0072B2; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink);
  line-height: 1.55; font-size: 15px; }
body { margin: 0 auto; max-width: 1100px; padding: 1.5rem 2rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
  margin-top: 2.2rem; }
h3 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; }
p.meta, p.note, figcaption, .reason { color: var(--muted); font-size: .85rem; }
nav ol { columns: 2; font-size: .95rem; }
a { color: var(--accent); }
table { border-collapse: collapse; margin: .6rem 0 1.2rem; font-size: .88rem; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border-bottom: 1px solid var(--rule); padding: .25rem .6rem; text-align: left;
  vertical-align: top; }
th { background: #f3f3f3; }
td:nth-child(2) { font-variant-numeric: tabular-nums; }
blockquote.paragraph { margin: .5rem 0 1rem; padding: .8rem 1rem; background: #f7f7f4;
  border-left: 4px solid var(--accent); line-height: 1.9; }
mark.missing { background: #fde9c8; padding: 0 .15rem; }
.origin { font-size: .72rem; color: var(--muted); border: 1px solid var(--rule);
  border-radius: .6rem; padding: 0 .4rem; white-space: nowrap; }
.origin-illustrative { border-style: dashed; }
.state-met, .yes { color: #00734f; }
.state-not_met, .no { color: #b34700; }
.state-unknown, .state-undefined, .state-no_target, .undefined { color: var(--muted); }
figure.chart { margin: .8rem 0; }
figure.chart svg { width: 100%; height: auto; max-width: 100%; }
.inputs td:first-child { white-space: nowrap; }
table.matrix td:first-child, table.matrix td:nth-child(4), table.items td:nth-child(2),
table.scorecard td:nth-child(2) { min-width: 7em; }
table.items td:first-child, table.scorecard td:first-child,
table.items td:nth-child(3), table.scorecard td:nth-child(5),
table.scorecard td:nth-child(7) { white-space: nowrap; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-before: page; }
  h2.first { break-before: avoid; }
  figure, table, blockquote { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

_SECTIONS: tuple[tuple[str, str, Callable[[CountyReport, Words], str]], ...] = (
    ("facts", "basic_facts", facts_section),
    ("community", "community", community_section),
    ("assessment", "assessment", assessment_section),
    ("scorecards", "scorecards", scorecards_section),
    ("referrals", "referrals", referrals_section),
    ("money", "money", money_section),
)


def _inputs(report: CountyReport, w: Words) -> str:
    if not report.inputs:
        return ""
    rows = "".join(
        f"<tr><td>{esc(w.get(f'input_{i.what}', i.what))}</td>"
        f"<td>{esc(i.where)}</td>"
        f"<td>{esc(i.note_zh if w.language == 'zh' and i.note_zh else i.note)}</td></tr>"
        for i in report.inputs
    )
    return f'<table class="inputs"><caption>{w("inputs")}</caption><tbody>{rows}</tbody></table>'


@boundary
def render_html(report: CountyReport, lang: Language = "zh") -> str:
    """The report as a self-contained HTML page in ``lang`` (``"zh"`` or ``"en"``)."""
    from countycare import __version__

    w = Words(lang)
    county = report.county
    place = " · ".join(w.name(n) for n in (county.province, county.prefecture) if n is not None)
    nav = "".join(f'<li><a href="#{key}">{w(word)}</a></li>' for key, word, _ in _SECTIONS)
    body = "".join(
        f'<section id="{key}"><h2{" class=first" if n == 0 else ""}>{w(word)}</h2>'
        f"{render(report, w)}</section>"
        for n, (key, word, render) in enumerate(_SECTIONS)
    )
    title = f"{w.name(county.name)} — {w('title')}"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">'
        '<head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{esc(title)}</h1>"
        f'<p class="meta">{esc(place)} — {w("as_of", report.as_of.isoformat())}</p>'
        f"{_inputs(report, w)}</header>"
        f'<nav aria-label="{w("contents")}"><ol>{nav}</ol></nav>'
        f"<main>{body}</main>"
        f'<footer><p class="meta">{w("generated", __version__, dt.date.today().isoformat())}'
        "</p></footer></body></html>\n"
    )


@boundary
def html_report(county: CountyLike, *, lang: Language = "zh", **inputs: Any) -> str:
    """Compute and render the county report of ``county``; ``inputs`` are the keywords of
    :func:`~countycare.report.content.build_report` (measures, governance, network, …)."""
    return render_html(build_report(county, **inputs), lang)


@boundary
def write_html(page: str, path: str | Path) -> Path:
    """Write ``page`` to ``path`` (folders made as needed) and return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target
