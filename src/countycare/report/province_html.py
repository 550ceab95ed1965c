"""The province comparison as one self-contained HTML page, in Chinese (default) or English.

The page of ``countycare compare … --html``: an overview of the indicators, the figures in
doubt, then per indicator the prefectures and the province (ratios of sums), the national
reference, a chart of the counties ranked and their table — value, rank, quartile, target and
verdict, baseline and change, counties off target flagged — the counties judged but not ranked,
and those whose value is undefined with the reason. Every number is the
:class:`~countycare.province.compare.Comparison`'s (rows carry it in ``data-value``, exactly as
``to_dict()`` gives it); a value computed from a figure in doubt is marked ⚠ and drawn grey,
never shown as if it were normal. Like the county report, the page has its CSS inline and its
charts as inline SVG: no network request, no JavaScript.

Examples
--------
>>> from countycare.indicators.table import MeasureTable
>>> from countycare.testing.records import small_record_county
>>> from countycare.labels import Name
>>> from countycare.province.model import Prefecture, Province
>>> p = Province("sp", Name("P", "省"), (Prefecture("pa", Name("A", "甲市"),
...     (small_record_county("a1"), small_record_county("a2"))),))
>>> t = MeasureTable.from_rows([
...     ("a1", "2024", "visits", "", 100.0), ("a1", "2024", "visits_primary", "", 70.0),
...     ("a2", "2024", "visits", "", 0.0), ("a2", "2024", "visits_primary", "", 0.0)])
>>> page = province_html(t, p, "nhc-2024", "2024", indicators=["primary_visit_share"],
...                      lang="en", charts=False)
>>> '<tr data-county="a1" data-rank="1" data-value="70.0"' in page
True
>>> "zero_denominator" in page or "denominator is zero" in page.lower()
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.indicators.catalogues import SETS
from countycare.indicators.definitions import IndicatorSet
from countycare.indicators.display import display_unit
from countycare.indicators.evaluation import IndicatorValue
from countycare.province.compare import CountyLine, IndicatorComparison, compare_province
from countycare.province.doubts import Doubt
from countycare.report.charts import Band, Bar, ranking_chart
from countycare.report.html import CSS
from countycare.report.province_content import ProvinceReport, build_province_report
from countycare.report.sections_results import change_text
from countycare.report.text import Language, Words, esc, number, table

if TYPE_CHECKING:
    from countycare.forms import MeasuresLike, PeriodLike, ProvinceLike

__all__ = ["FOLD_AFTER", "PROVINCE_CSS", "province_html", "render_province_html"]

#: How many undefined counties of one reason are listed open; more are folded (``<details>``).
FOLD_AFTER = 12

#: The county report's style, and the marks of the comparison.
PROVINCE_CSS = (
    CSS
    + """
tr.off-target td { background: #fdf0e6; }
.flag { color: #b34700; font-weight: bold; white-space: nowrap; }
.undefined-list h4 { font-size: .9rem; margin: .8rem 0 .2rem; }
.undefined-list summary { cursor: pointer; color: var(--muted); font-size: .88rem; }
.doubt { background: #eeeeee; border: 1px dashed #6e6e6e; padding: 0 .2rem; }
table.counties td:nth-child(4), table.regions td:nth-child(2) {
  font-variant-numeric: tabular-nums; white-space: nowrap; }
"""
)


def _shown(value: IndicatorValue, w: Words) -> str:
    """A value as text: a number, ``met`` / ``not met``, or ``undefined (detail)``."""
    if value.met is not None:
        return esc(w("met") if value.met else w("not_met"))
    if value.value is None:
        reason = w.label(value.reason) if value.reason is not None else ""
        return (
            f'<span class="undefined">{w("undefined")}</span> '
            f'<span class="reason">({esc(reason)}: {esc(value.detail)})</span>'
        )
    return number(round(value.value, 2), 2)


def _brief(value: IndicatorValue | None, w: Words) -> str:
    """A baseline value: a number, or ``undefined`` with its reason (the detail on hover)."""
    if value is None:
        return "—"
    if value.value is None:
        reason = w.label(value.reason) if value.reason is not None else ""
        return (
            f'<span class="undefined" title="{esc(value.detail)}">{w("undefined")}</span> '
            f'<span class="reason">({esc(reason)})</span>'
        )
    return _shown(value, w)


def _doubted(shown: str, doubts: Iterable[str], w: Words) -> str:
    """``shown`` marked as in doubt, with the reasons beside it."""
    why = "; ".join(doubts)
    return (
        f'<span class="doubt" title="{esc(why)}">⚠ {shown}</span> '
        f'<span class="reason">({w("doubt_mark")}: {esc(why)})</span>'
    )


def _data_value(value: IndicatorValue) -> str:
    if value.value is None:
        return ""
    return repr(value.met if value.met is not None else value.value)


class _Page:
    """The page's parts, sharing the report, the words and the names of places."""

    def __init__(self, report: ProvinceReport, w: Words) -> None:
        self.report, self.w = report, w
        province = report.province
        self.names = {c.id: w.name(c.name) for c in province.counties}
        self.names.update({p.id: w.name(p.name) for p in province.prefectures})
        self.names[province.id] = w.name(province.name)

    def place(self, scope: str) -> str:
        name = self.names.get(scope, scope)
        return esc(name) + (f' <span class="reason">{esc(scope)}</span>' if name != scope else "")

    def county_value(self, line: CountyLine) -> str:
        shown = _shown(line.value, self.w)
        if line.value_doubts and line.value.value is not None:
            return _doubted(shown, (d.reason for d in line.value_doubts), self.w)
        return shown

    def baseline_value(self, line: CountyLine) -> str:
        shown = _brief(line.baseline, self.w)
        if line.baseline_doubts and line.baseline is not None and line.baseline.value is not None:
            return _doubted(shown, (d.reason for d in line.baseline_doubts), self.w)
        return shown

    def region_value(self, item: IndicatorComparison, value: IndicatorValue) -> str:
        shown = _shown(value, self.w)
        counties = item.doubtful_counties(value.scope) if value.value is not None else ()
        if counties:
            names = self.w.join(self.names.get(c, c) for c in counties)
            return _doubted(shown, [self.w("includes_doubtful", names)], self.w)
        return shown

    def overview(self) -> str:
        w = self.w
        head = [w("item"), w("indicator"), w("unit"), w("province"), w("national_reference"),
                w("ranked_n"), w("off_target_n"), w("undefined_n")]  # fmt: skip
        rows = []
        for item in self.report.comparison.indicators:
            d = item.definition
            ref = item.reference
            rows.append([
                esc(d.item),
                f'<a href="#ind-{esc(d.code)}">{esc(w.name(d.name))}</a>',
                esc(display_unit(d.unit, w.language)),
                "—" if d.is_checklist else self.region_value(item, item.province),
                esc(ref.describe(w.language)) if ref is not None else "—",
                number(len(item.ranked)),
                number(len(item.off_target)),
                number(len(item.undefined)),
            ])  # fmt: skip
        return table(head, rows, css="overview")

    def doubts(self) -> str:
        w = self.w
        found = self.report.comparison.doubts
        if not found:
            return f'<p class="note">{w("doubts_none")}</p>'
        rows = [
            [self.place(d.scope), esc(d.period), esc(d.measure), esc(_doubt_text(d, w))]
            for d in found
        ]
        head = [w("scope"), w("period", "").strip(), w("measure"), w("problem")]
        return f'<p class="note">{w("doubts_note")}</p>' + table(head, rows, css="doubts")

    def regions(self, item: IndicatorComparison) -> str:
        w = self.w
        rows = []
        for level, value in [("province", item.province)] + [
            ("prefecture", p) for p in item.prefectures
        ]:
            rows.append(
                f'<tr data-scope="{esc(value.scope)}" data-value="{_data_value(value)}">'
                f"<td>{w(level)} {self.place(value.scope)}</td>"
                f"<td>{self.region_value(item, value)}</td></tr>"
            )
        head = f'<th scope="col">{w("scope")}</th><th scope="col">{w("value")}</th>'
        return (
            f'<table class="regions"><caption>{w("regions")}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    def chart(self, n: int, item: IndicatorComparison) -> str:
        d, w = item.definition, self.w
        shown = tuple(c for c in item.counties if c.value.value is not None and c.value.met is None)
        # the counties ranked, best first, then the values in doubt (not ranked), drawn grey
        lines = (*item.ranked, *(c for c in shown if c.rank is None)) if item.ranked else shown
        if d.is_checklist or not lines:
            return ""
        bars = []
        for c in lines:
            assert c.value.value is not None
            doubtful = bool(c.value_doubts)
            role = "doubt" if doubtful else "off" if c in item.off_target else "value"
            bars.append(Bar(self.names.get(c.county, c.county), c.value.value, role))
        marks = []
        if item.province.value is not None:
            whole = number(round(item.province.value, 2), 2)
            marks.append(Band(item.province.value, None, w("province_line", whole)))
        ref = item.reference
        if ref is not None and ref.unit == d.unit:
            marks.append(Band(ref.value, None, ref.describe(w.language), reference=True))
        title = w("chart_of", f"{d.item} {w.name(d.name)}")
        svg = ranking_chart(bars, display_unit(d.unit, w.language), marks, f"rk{n}", title)
        return f'<figure class="chart">{svg}<figcaption>{esc(title)}</figcaption></figure>'

    def counties(self, item: IndicatorComparison) -> str:
        w = self.w
        baseline = self.report.comparison.baseline_period
        head = [w("rank"), w("county"), w("prefecture"), w("value"), w("quartile"),
                w("target"), w("status")]  # fmt: skip
        if baseline is not None:
            head += [w("baseline", baseline), w("change")]
        rows = []
        for line in (*item.ranked, *(c for c in item.counties if c.rank is None)):
            if line.value.value is None:
                continue  # listed with their reason below
            off = line in item.off_target
            cells = [
                str(line.rank) if line.rank is not None else "—",
                self.place(line.county),
                self.place(line.prefecture),
                self.county_value(line),
                f"Q{line.quartile}" if line.quartile is not None else "—",
                esc(line.target.describe(w.language)) if line.target is not None else "—",
                f'<span class="state state-{line.status.value}">{esc(w.label(line.status))}'
                "</span>" + (f' <span class="flag">⚑ {w("off_target")}</span>' if off else ""),
            ]
            if baseline is not None:
                cells.append(self.baseline_value(line))
                shown = [esc(change_text(c, w)) for c in line.changes if c.value is not None]
                cells.append("<br>".join(shown) or "—")
            rank = "" if line.rank is None else str(line.rank)
            rows.append(
                f'<tr data-county="{esc(line.county)}" data-rank="{rank}" '
                f'data-value="{_data_value(line.value)}"'
                + (' class="off-target"' if off else "")
                + ">"
                + "".join(f"<td>{c}</td>" for c in cells)
                + "</tr>"
            )
        if not rows:
            return ""
        th = "".join(f'<th scope="col">{h}</th>' for h in head)
        caption = w("ranking") if item.ranked else w("not_ranked")
        return (
            f'<table class="counties"><caption>{caption}</caption><thead><tr>{th}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )

    def undefined(self, item: IndicatorComparison) -> str:
        """The undefined counties, a table per reason; a long one folded (``<details>``)."""
        w = self.w
        if not item.undefined:
            return ""
        groups: dict[str, list[CountyLine]] = {}
        for c in item.undefined:
            groups.setdefault(c.value.reason.value if c.value.reason else "", []).append(c)
        head = "".join(f'<th scope="col">{w(k)}</th>' for k in ("county", "detail"))
        parts = [f'<div class="undefined-list"><h4>{w("undefined_list")}</h4>']
        for reason, lines in groups.items():
            label = w.label(lines[0].value.reason) if lines[0].value.reason else reason
            rows = "".join(
                f'<tr data-undefined="{esc(c.county)}" data-reason="{esc(reason)}">'
                f"<td>{self.place(c.county)}</td><td>{esc(c.value.detail)}</td></tr>"
                for c in lines
            )
            summary = f"{esc(label)} — {w('n_counties', number(len(lines)))}"
            opened = " open" if len(lines) <= FOLD_AFTER else ""
            parts.append(
                f"<details{opened}><summary>{summary}</summary>"
                f'<table class="undefined-counties"><thead><tr>{head}</tr></thead>'
                f"<tbody>{rows}</tbody></table></details>"
            )
        return "".join(parts) + "</div>"

    def indicator(self, n: int, item: IndicatorComparison, charts: bool) -> str:
        d, w = item.definition, self.w
        about = [esc(display_unit(d.unit, w.language)) if d.unit else "", esc(w.label(d.status))]
        if d.direction is not None:
            about.append(esc(w("direction_of", w.label(d.direction))))
        if d.is_checklist:
            about.append(esc(w("checklist")))
        ref = item.reference
        parts = [
            f'<section class="indicator" id="ind-{esc(d.code)}">',
            f"<h3>{esc(d.item)} {esc(w.name(d.name))} <code>{esc(d.code)}</code></h3>",
            f'<p class="meta">{" · ".join(a for a in about if a)}</p>',
        ]
        if not d.is_checklist:
            parts.append(self.regions(item))
        if ref is not None:
            parts.append(f"<p>{w('national_reference')}: {esc(ref.describe(w.language))}</p>")
        if charts:
            parts.append(self.chart(n, item))
        parts += [self.counties(item), self.undefined(item), "</section>"]
        return "".join(parts)


def _doubt_text(doubt: Doubt, w: Words) -> str:
    return doubt.message if doubt.error else f"{w('warning')}: {doubt.message}"


@boundary
def render_province_html(
    report: ProvinceReport, lang: Language = "zh", *, charts: bool = True
) -> str:
    """The comparison as a self-contained HTML page in ``lang`` (``"zh"`` or ``"en"``);
    ``charts=False`` leaves out the charts (they need matplotlib and a CJK font)."""
    from countycare import __version__

    w = Words(lang)
    page = _Page(report, w)
    comparison, province = report.comparison, report.province
    chosen = SETS.get(comparison.set_code)
    set_name = w.name(chosen.name) if chosen is not None else comparison.set_code
    title = f"{w.name(province.name)} — {w('province_title')}"
    meta = (
        f"{esc(set_name)} ({esc(comparison.set_code)}) — {w('period', esc(comparison.period))}"
        + (f"; {w('baseline', esc(comparison.baseline_period))}" if comparison.baseline_period
           else "")
        + f" — {w('sizes', number(len(province.prefectures)), number(len(province.counties)))}"
    )  # fmt: skip
    body = "".join(page.indicator(n, item, charts)
                   for n, item in enumerate(comparison.indicators, start=1))  # fmt: skip
    sections = (
        f'<section id="overview"><h2 class=first>{w("overview")}</h2>'
        f'<p class="note">{w("ratio_note")}</p>{page.overview()}</section>'
        f'<section id="doubts"><h2>{w("doubts")}</h2>{page.doubts()}</section>'
        f'<section id="indicators"><h2>{w("indicators")}</h2>{body}</section>'
    )
    nav = "".join(
        f'<li><a href="#{key}">{w(word)}</a></li>'
        for key, word in (("overview", "overview"), ("doubts", "doubts"),
                          ("indicators", "indicators"))
    )  # fmt: skip
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">'
        '<head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{PROVINCE_CSS}</style></head><body>"
        f'<header><h1>{esc(title)}</h1><p class="meta">{meta}</p></header>'
        f'<nav aria-label="{w("contents")}"><ol>{nav}</ol></nav>'
        f"<main>{sections}</main>"
        f'<footer><p class="meta">{w("generated", __version__, dt.date.today().isoformat())}'
        "</p></footer></body></html>\n"
    )


@boundary
def province_html(
    table: MeasuresLike,
    province: ProvinceLike,
    indicators_of: str | IndicatorSet,
    period: PeriodLike,
    *,
    lang: Language = "zh",
    charts: bool = True,
    **options: Any,
) -> str:
    """Compare the counties of ``province`` and render the page; ``options`` are the keywords
    of :func:`~countycare.province.compare.compare_province` (``baseline_period``, ``targets``,
    ``indicators``)."""
    province = coerce.province(province, "province")  # the page needs it; the rest is compare's
    comparison = compare_province(table, province, indicators_of, period, **options)
    return render_province_html(build_province_report(comparison, province), lang, charts=charts)
