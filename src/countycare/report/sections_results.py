"""The report's result sections as HTML: scorecards, referrals, money — each chart with its table.

Rendering only: the values, targets, changes, flows and amounts are the library's results; the
functions here pick them out for a chart and a table and format them.

Examples
--------
>>> from countycare.report.text import Words
>>> change_text(Change(ChangeKind.PERCENTAGE_POINTS, 4.0), Words("zh"))
'+4.0 个百分点'
>>> change_text(Change(ChangeKind.RELATIVE, 20.0), Words("en"))
'+20.0 % (relative)'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from countycare.indicators.catalogues import SETS
from countycare.indicators.change import Change, ChangeKind
from countycare.indicators.display import display_unit, is_money, value_text
from countycare.indicators.scorecard import ScorecardRow
from countycare.indicators.targets import Comparator
from countycare.io.limits import MAX_MAGNITUDE
from countycare.labels import ReferralDirection
from countycare.report.charts import Band, Panel, Step, scorecard_chart, waterfall_chart
from countycare.report.content import CountyReport, SetCard
from countycare.report.network_chart import network_chart
from countycare.report.text import Words, esc, number, table
from countycare.units import money_number

__all__ = [
    "DRAWN_FLOWS",
    "change_text",
    "money_section",
    "referrals_section",
    "scorecards_section",
]

#: How many flows between places the network picture draws (the table lists them all).
DRAWN_FLOWS = 40


def change_text(change: Change, w: Words) -> str:
    """A baseline change labelled as relative (%) or in percentage points."""
    if change.value is None:
        return f"{w('undefined')} ({change.reason})"
    if change.kind is ChangeKind.PERCENTAGE_POINTS:
        return f"{change.value:+.1f} {w('pp')}"
    return f"{change.value:+.1f} % ({w('relative')})"


def _band(row: ScorecardRow, unit: str, w: Words) -> Band | None:
    """The line's target (dashed) or, without one, its reported reference value (dotted)."""
    target, reference = row.target, row.reference
    if target is not None and target.unit == unit:
        label = target.describe(w.language)
        if target.comparator is Comparator.RANGE:
            return Band(target.threshold, target.upper, label)
        if target.comparator is Comparator.ABOUT and target.tolerance is not None:
            return Band(
                target.threshold - target.tolerance, target.threshold + target.tolerance, label
            )
        return Band(target.threshold, None, label)
    if reference is not None and reference.unit == unit:
        return Band(reference.value, None, reference.describe(w.language), reference=True)
    return None


def _panels(set_card: SetCard, w: Words) -> list[Panel]:
    panels = []
    for row in set_card.card.rows:
        d = row.definition
        if d.is_checklist:
            continue
        points = []
        for card in set_card.history:
            for other in card.rows:
                if other.definition.code == d.code and other.value.value is not None:
                    points.append((card.period, other.value.value))
        if points:
            title = f"{d.item} {w.name(d.name)}"
            panels.append(
                Panel(title, display_unit(d.unit, w.language), tuple(points), _band(row, d.unit, w))
            )
    return panels


def _value_text(row: ScorecardRow, w: Words) -> str:
    value = row.value
    if value.met is not None:
        return w("met") if value.met else w("not_met")
    if value.value is None:
        reason = f'<span class="reason">({esc(value.detail)})</span>'
        return f'<span class="undefined">{w("undefined")}</span> {reason}'
    shown = _figure(value.value, row.definition.unit)
    if row.doubt is not None:
        mark = f'<span class="doubt" title="{esc(row.doubt)}">⚠ {w("doubt_mark")}</span>'
        return f"{shown} {mark}"
    return shown


def _figure(value: float, unit: str) -> str:
    """Money to the fen (as the JSON gives it); other values to two decimals; a value past
    any real figure (10^15) in scientific notation, as the scorecard's text gives it."""
    if is_money(unit) or abs(value) >= MAX_MAGNITUDE:
        return value_text(value, unit)
    return number(round(value, 2), 2)


def _target_text(row: ScorecardRow, w: Words) -> str:
    """The target (or ``met`` for a qualitative item) and the reference value, in ``w``'s
    language."""
    first = ""
    if row.target is not None:
        first = row.target.describe(w.language)
    elif row.target_text is not None:
        first = w("met")
    parts = [first]
    if row.reference is not None:
        parts.append(f'<span class="reference">{esc(row.reference.describe(w.language))}</span>')
    return "<br>".join(esc(p) if n == 0 else p for n, p in enumerate(parts) if p) or "—"


def _row(row: ScorecardRow, w: Words, with_baseline: bool) -> list[str]:
    d = row.definition
    cells = [
        esc(d.item),
        esc(w.name(d.name)),
        _value_text(row, w),
        esc(display_unit(d.unit, w.language)) if d.unit else "",
        esc(w.label(row.definition_status)),
        _target_text(row, w),
        f'<span class="state state-{row.verdict.value}">{esc(w.label(row.verdict))}</span>',
    ]
    if with_baseline:
        before = row.baseline.value if row.baseline and row.baseline.value is not None else None
        cells.append(_figure(before, d.unit) if before is not None else "—")
        shown = [esc(change_text(c, w)) for c in row.changes if c.value is not None]
        cells.append("<br>".join(shown) or "—")
    return cells


def _one_set(n: int, set_card: SetCard, w: Words) -> str:
    card = set_card.card
    indicator_set = SETS[card.set_code]
    with_baseline = card.baseline_period is not None
    head = [
        w("item"),
        w("indicator"),
        w("value"),
        w("unit"),
        w("definition_status"),
        w("target"),
        w("status"),
    ]
    if with_baseline:
        head += [w("baseline", card.baseline_period), w("change")]
    title = f"{w.name(indicator_set.name)} ({card.set_code})"
    parts = [
        f'<section class="set" id="set-{esc(card.set_code)}"><h3>{esc(title)}</h3>',
        f"<p>{w('period', esc(card.period))}"
        + (f"; {w('baseline', esc(card.baseline_period))}" if with_baseline else "")
        + f" — {esc(indicator_set.reference)}</p>",
    ]
    panels = _panels(set_card, w)
    if panels:
        chart = scorecard_chart(panels, f"sc{n}", w("chart_of", title))
        parts.append(
            f'<figure class="chart">{chart}'
            f"<figcaption>{esc(w('chart_of', title))}</figcaption></figure>"
        )
    parts.append(table(head, [_row(r, w, with_baseline) for r in card.rows], css="scorecard"))
    parts.append("</section>")
    return "".join(parts)


def scorecards_section(report: CountyReport, w: Words) -> str:
    """One scorecard per indicator set: a chart of its indicators beside its table."""
    if not report.scorecards:
        return f'<p class="note">{w("no_measures")}</p>'
    return "".join(_one_set(n, s, w) for n, s in enumerate(report.scorecards, start=1))


def _place_label(report: CountyReport, place_id: str, w: Words) -> str:
    view = report.network_view
    assert view is not None
    return w.name(view.place(place_id).name)


def referrals_section(report: CountyReport, w: Words) -> str:
    """The network picture, direction totals, flows by tier pair, bypass and isolation."""
    view, summary = report.network_view, report.referral_summary
    if view is None or summary is None:
        return f'<p class="note">{w("no_referrals")}</p>'
    drawn = view.largest(DRAWN_FLOWS)
    labels = {p.id: w.name(p.name) for p in view.places}
    directions = {d: w.label(d) for d in ReferralDirection}
    title = w("network")
    chart = network_chart(view, drawn, labels, directions, "net", title)
    note = w("network_note", len(drawn), len(view.edges), number(sum(view.within.values())))
    flows = [
        [
            esc(labels[e.sender]),
            esc(labels[e.receiver]),
            esc(w.label(e.direction)),
            number(e.referrals),
        ]
        for e in drawn
    ]
    parts = [
        f'<figure class="chart network">{chart}'
        f"<figcaption>{esc(title)} — {esc(note)}</figcaption></figure>",
        table([w("from"), w("to"), w("direction"), w("referrals_n")], flows, esc(title), "flows"),
        table(
            [w("direction"), w("referrals_n")],
            [[esc(w.label(ReferralDirection(d))), number(n)] for d, n in summary["totals"].items()],
            w("totals"),
        ),
        table(
            [w("from"), w("to"), w("referrals_n")],
            [
                [esc(w.label(a)), esc(w.label(b)), number(n)]
                for (a, b), n in sorted(view.tier_pairs.items(), key=lambda kv: -kv[1])
            ],
            w("tier_pairs"),
        ),
        table(
            [w("name"), w("value")],
            [
                [
                    esc(_ratio_name(r, w)),
                    number(round(r["value"], 3), 3)
                    if r["value"] is not None
                    else esc(r["undefined_reason"]),
                ]
                for r in summary["ratios"]
            ],
            w("ratios"),
        ),
    ]
    parts.append(_bypass(report, summary, w))
    unreachable = summary["unreachable_members"]
    parts.append(
        f"<p><strong>{w('isolated')}</strong>: "
        + (w("isolated_some", esc(w.join(unreachable))) if unreachable else w("isolated_none"))
        + "</p>"
    )
    return "".join(parts)


def _ratio_name(ratio: Mapping[str, Any], w: Words) -> str:
    """A referral ratio's name in ``w``'s language, by its code (its English name otherwise)."""
    return w.get(f"ratio_{ratio.get('code')}", str(ratio["name"]))


def _bypass(report: CountyReport, summary: Mapping[str, Any], w: Words) -> str:
    rows = []
    for b in summary["bypass"]:
        share = b["bypass_share"]["value"]
        rows.append(
            [
                esc(w.name(report.county.township(b["township"]).name)),
                number(b["via_centre"]),
                number(b["bypass"]) + (f" ({share:.1%})" if share is not None else ""),
                number(b["elsewhere"]),
            ]
        )
    head = [w("township"), w("via_centre"), w("bypassing"), w("elsewhere")]
    return table(head, rows, w("bypass"), "bypass")


def _wan(quantity: object) -> float:
    return float(quantity.to("wan_yuan").magnitude)  # type: ignore[attr-defined]


def _steps(report: CountyReport, w: Words) -> list[Step]:
    s = report.settlement
    budget, actual, payment = _wan(s.budget), _wan(s.actual), _wan(s.fund_payment)
    if _wan(s.surplus) > 0:
        retained, returned = _wan(s.retained_surplus), _wan(s.returned_surplus)
        return [
            Step(w("budget"), 0.0, budget, "total"),
            Step(w("actual"), 0.0, actual, "total"),
            Step(w("retained"), actual, actual + retained, "kept"),
            Step(w("returned"), actual + retained, actual + retained + returned, "down"),
            Step(w("fund_payment"), 0.0, payment, "total"),
        ]
    fund = _wan(s.fund_overspend)
    return [
        Step(w("budget"), 0.0, budget, "total"),
        Step(w("fund_overspend"), budget, budget + fund, "up"),
        Step(w("community_burden"), budget + fund, actual, "kept"),
        Step(w("actual"), 0.0, actual, "total"),
        Step(w("fund_payment"), 0.0, payment, "total"),
    ]


def money_section(report: CountyReport, w: Words) -> str:
    """The settlement as a waterfall: budget, actual, surplus retained and returned (or the
    overspend shared), and what the fund pays; the table beside gives every amount."""
    s = report.settlement
    if s is None:
        return f'<p class="note">{w("no_settlement")}</p>'
    steps = _steps(report, w)
    title = w("money")
    chart = waterfall_chart(steps, w("wan_yuan"), "money", title, w("axis_note", "{}"))
    rows = [
        [esc(w(key)), money_number(getattr(s, attr), "wan_yuan")]
        for key, attr in (
            ("budget", "budget"),
            ("actual", "actual"),
            ("retained", "retained_surplus"),
            ("returned", "returned_surplus"),
            ("fund_overspend", "fund_overspend"),
            ("fund_payment", "fund_payment"),
        )
    ]
    note = w("surplus_share", s.surplus_share)
    if s.score is not None:
        note += f" ({w('score_used', number(s.score))})"
    return (
        f'<figure class="chart">{chart}<figcaption>{esc(title)}</figcaption></figure>'
        + table([w("figure"), f"{w('amount')} ({w('wan_yuan')})"], rows, esc(title), "money")
        + f'<p class="note">{esc(note)}; {esc(s.formula.code)} ({esc(s.formula.status.value)})</p>'
    )
