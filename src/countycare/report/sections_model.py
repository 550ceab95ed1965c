"""The report's first sections as HTML: basic facts, the medical community, the assessment.

Rendering only: each function reads a :class:`~countycare.report.content.CountyReport` and
formats what the library computed.

Examples
--------
>>> from countycare import load_county
>>> from countycare.report.facts import basic_facts
>>> text = paragraph_zh(basic_facts(load_county("wanrong")))
>>> text.startswith("万荣县县域面积1,081.5平方公里，辖4镇10乡、207个行政村和9个居委会，")
True
>>> "总人口36.2万人" in text
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from countycare.coerce.arguments import boundary
from countycare.governance.authority import DecisionArea, Department
from countycare.labels import Autonomy, MembershipRole, UnifiedDimension
from countycare.report.basic_fact import YUAN, BasicFact, BasicFacts
from countycare.report.content import CountyReport
from countycare.report.text import Words, esc, number, table
from countycare.units import Q_, money_number

__all__ = ["assessment_section", "community_section", "facts_section", "paragraph_zh"]


def _xx(fact: BasicFact, shown: str) -> str:
    if fact.value is None:
        return f'<mark class="missing" title="{esc(fact.reason)}">XX</mark>'
    return shown


def _wan(fact: BasicFact, digits: int = 1) -> str:
    """A count in 万 (ten thousands), as the template writes it."""
    value = fact.value
    return _xx(fact, f"{value / 10_000:.{digits}f}万" if isinstance(value, int | float) else "")


def _n(fact: BasicFact) -> str:
    value = fact.value
    return _xx(fact, number(value) if isinstance(value, int | float) else str(value))


def _date_zh(fact: BasicFact) -> str:
    if not isinstance(fact.value, str):
        return _xx(fact, "")
    day = dt.date.fromisoformat(fact.value)
    return f"{day.year}年{day.month}月{day.day}日"


def _lead(f: BasicFacts) -> str:
    n, lead = f["county_hospitals"], f["lead"]
    if not isinstance(lead.value, str):
        return f"{_n(n)}家县级医院"
    more = n.value - 1 if isinstance(n.value, int) and n.value > 1 else 0
    return esc(lead.value) + (f"等{more + 1}家县级医院" if more else "")


@boundary
def paragraph_zh(facts: BasicFacts) -> str:
    """The basic facts in the template's own form ("XX县域面积XX平方公里，辖XX镇XX乡…"), as
    HTML; a figure the model does not record is written ``XX`` (marked, with the reason)."""
    f = facts
    county = esc(facts.name.zh)
    text = (
        f"{county}县域面积{_n(f['area'])}平方公里，辖{_n(f['towns'])}镇{_n(f['townships'])}乡、"
        f"{_n(f['villages'])}个行政村和{_n(f['residents_committees'])}个居委会，"
        f"总人口{_wan(f['population'])}人。"
    )
    if "founded" not in f:
        return text
    chc = f["community_health_centres"]
    branches = f["township_branches"]
    members = f"{_n(f['township_health_centres'])}个乡镇卫生院"
    if branches.value:
        members += f"（另有{_n(branches)}个分院）"
    if chc.value:
        members += f"和{_n(chc)}个社区卫生服务中心"
    year = f["visits"].period or "XX"
    text += (
        f"{esc(f['community'].value)}（医共体）于{_date_zh(f['founded'])}正式挂牌运行，"
        f"由{_lead(f)}联合{members}及{_n(f['village_clinics'])}家"
        f"公办村卫生室组成，承担全县人民的基本医疗、基本公共卫生服务等任务。"
        f"现有在职职工{_n(f['staff'])}人，卫生技术人员共{_n(f['health_technicians'])}人，"
        f"其中高级职称{_n(f['senior_titles'])}人（主任医师{_n(f['chief_physicians'])}人、"
        f"副主任医师{_n(f['associate_chief_physicians'])}人）。"
        f"县级医院开放床位{_n(f['county_beds'])}张；乡镇卫生院开放床位{_n(f['township_beds'])}张。"
        f"{esc(year)}年，总医院门急诊量{_wan(f['visits'], 2)}人次"
        f"（县级{_wan(f['county_visits'], 2)}人次），"
        f"出院病人{_wan(f['discharges'], 2)}人次（牵头医院{_wan(f['lead_discharges'], 2)}人次），"
        f"医疗业务总收入{_yi(f['medical_revenue'])}亿元（县级{_yi(f['county_revenue'])}亿）。"
    )
    return text


def _yi(fact: BasicFact) -> str:
    """An amount in 亿 (hundred millions) of yuan, as the template writes revenue; exact to the
    fen (at least two decimals, more when the fen needs them)."""
    value = fact.value
    shown = money_number(Q_(value, "yuan"), "yi_yuan") if isinstance(value, int | float) else ""
    return _xx(fact, shown)


def _facts_rows(facts: BasicFacts, w: Words) -> list[list[str]]:
    rows = []
    for fact in facts.facts:
        if fact.code in ("community", "community_en", "lead", "lead_en"):
            continue
        value = fact.value
        shown = (
            money_number(Q_(value, "yuan"), "yuan")  # money to the fen
            if isinstance(value, int | float) and fact.unit == YUAN
            else number(value)
            if isinstance(value, int | float)
            else esc(value)
            if value is not None
            else f'<span class="undefined">{w("not_recorded")}</span> '
            f'<span class="reason">({esc(fact.reason)})</span>'
        )
        label = w.name(fact.label) + (f" ({esc(fact.period)})" if fact.period else "")
        rows.append([esc(label), shown, esc(fact.unit_in(w.language)), w.origin(fact.origin)])
    return rows


def facts_section(report: CountyReport, w: Words) -> str:
    """基本情况 / Basic facts: the template's paragraph and every figure with its origin."""
    facts = report.facts
    missing = [w.name(f.label) for f in facts.facts if f.value is None]
    parts = [
        f'<p class="lead-in">{w("paragraph_zh")}</p>',
        f'<blockquote class="paragraph" lang="zh-CN">{paragraph_zh(facts)}</blockquote>',
    ]
    if missing:
        parts.append(f'<p class="note">{w("paragraph_missing", esc(w.join(missing)))}</p>')
    parts.append(
        table(
            [w("figure"), w("value"), w("unit"), w("provenance")],
            _facts_rows(facts, w),
            css="facts",
        )
    )
    parts.append(f'<p class="note">{w("provenance_note")}</p>')
    return "".join(parts)


def community_section(report: CountyReport, w: Words) -> str:
    """The medical community: lead, members and branches on the report's day; the six unified
    dimensions and the autonomies as a matrix; the committee and its decision rights."""
    county = report.county
    if not county.communities:
        return f"<p>{esc(w('none_recorded'))}</p>"
    community = county.communities[0].as_of(report.as_of)
    lead = county.institution(community.lead) if county.has_institution(community.lead) else None
    roles = [m.role for m in community.memberships]
    branches = [
        w.name(county.institution(m.institution).name)
        for m in community.memberships
        if m.role is MembershipRole.BRANCH and county.has_institution(m.institution)
    ]
    founded = community.founded.isoformat() if community.founded else w("not_recorded")
    parts = [
        f"<p><strong>{esc(w.name(community.name))}</strong> — {w('lead')}: "
        f"{esc(w.name(lead.name) if lead else community.lead)}; {w('founded')}: {esc(founded)}; "
        f"{w('as_of', report.as_of.isoformat())}.</p>",
        table(
            [w("role"), w("count")],
            [[esc(w.label(r)), number(roles.count(r))] for r in MembershipRole if r in roles],
            caption=w("members_by_role"),
        ),
    ]
    if branches:
        parts.append(f"<p>{w('branches')}: {esc(w.join(branches))}</p>")
    summary = report.governance_summary
    if summary is None:
        parts.append(f'<p class="note">{w("no_governance")}</p>')
        return "".join(parts)
    parts.append(_matrix(summary, _practice_names(report, w), w))
    parts.append(_committee(summary, report, w))
    return "".join(parts)


def _tick(flag: bool, w: Words) -> str:
    mark = "✓" if flag else "✗"
    return f'<span class="{"yes" if flag else "no"}">{mark} {w("yes" if flag else "no")}</span>'


def _practice_names(report: CountyReport, w: Words) -> dict[str, str]:
    """Practice code -> its name in the report's language (codes of unknown practices kept)."""
    if report.governance is None:
        return {}
    return {p.code: w.name(p.name) for p in report.governance.catalogue.practices}


def _named(codes: list[str], names: dict[str, str]) -> str:
    return "; ".join(esc(names.get(c, c)) for c in codes)


def _matrix(summary: Any, names: dict[str, str], w: Words) -> str:
    dimensions = summary["dimensions"]
    autonomies = summary["autonomies"]
    rows = []
    dims = list(UnifiedDimension)
    auts = list(Autonomy)
    for n in range(max(len(dims), len(auts))):
        row = ["", "", "", "", ""]
        if n < len(dims):
            practices = dimensions.get(dims[n].value, [])
            row[0] = esc(w.label(dims[n]))
            row[1] = _tick(bool(practices), w)
            row[2] = _named(practices, names) if practices else w("none_recorded")
        if n < len(auts):
            row[3] = esc(w.label(auts[n]))
            row[4] = _tick(bool(autonomies.get(auts[n].value)), w)
        rows.append(row)
    head = [w("dimension"), w("in_force"), w("practices"), w("autonomy"), w("granted")]
    return table(head, rows, caption=w("dimensions"), css="matrix")


def _committee(summary: Any, report: CountyReport, w: Words) -> str:
    governance = report.governance
    names = {b.id: w.name(b.name) for b in governance.bodies} if governance else {}
    parts = []
    committee = summary.get("committee")
    if committee:
        members = w.join(w.label(Department(d)) for d in committee["members"])
        body = esc(names.get(committee["body"], committee["body"]))
        office = esc(names.get(committee["office"], committee["office"]))
        parts.append(
            f"<p><strong>{w('committee')}</strong>: {body} — {w('chair')}: "
            f"{esc(committee['chair'])}; {w('committee_members')}: {esc(members)}; "
            f"{w('office')}: {office}</p>"
        )
    rights = summary.get("decision_rights", {})
    if rights:
        rows = [
            [esc(w.label(DecisionArea(area))), esc(names.get(body, body))]
            for area, body in rights.items()
        ]
        parts.append(table([w("decision_area"), w("decided_by")], rows, w("decision_rights")))
    return "".join(parts)


def _practices(missing: Any, names: dict[str, str], w: Words) -> str:
    """Missing practices by name, each with why it is missing, in the report's language."""
    return "; ".join(
        f"{esc(names.get(m.practice, m.practice))} ({esc(w.label(m.reason))})" for m in missing
    )


def _score_text(summary: Mapping[str, Any], w: Words) -> str:
    shown = []
    for item_set, score in summary.get("score", {}).items():
        value = score.get("value") if isinstance(score, Mapping) else score
        shown.append(f"{esc(item_set)}: {w('undefined') if value is None else number(value, 0)}")
    return "; ".join(shown)


def assessment_section(report: CountyReport, w: Words) -> str:
    """The tightness assessment: the verdict, and each item met, not met or unknown — an unknown
    item with what must be recorded to decide it, a not-met one with what is absent."""
    assessment, summary = report.assessment, report.governance_summary
    if assessment is None or summary is None:
        return f'<p class="note">{w("no_governance")}</p>'
    scores = _score_text(summary, w)
    parts = [
        f'<p class="verdict"><strong>{w("verdict")}</strong>: '
        f"{esc(w.label(assessment.verdict))} ({w('as_of', assessment.as_of.isoformat())})"
        + (f"; {w('score')}: {scores}" if scores else "")
        + "</p>"
    ]
    names = _practice_names(report, w)
    rows = []
    for result in assessment.results:
        item, status = result.item, result.status
        undecided = [m for m in result.missing if not m.decided]
        absent = [m for m in result.missing if m.decided]
        rows.append(
            [
                esc(f"{item.item_set} {item.item}"),
                esc(w.name(item.name)),
                f'<span class="state state-{esc(status.value)}">{esc(w.label(status))}</span>',
                _practices(undecided, names, w) if status.value == "unknown" else "—",
                _practices(absent, names, w) or "—",
            ]
        )
    head = [w("item"), w("name"), w("status"), w("must_record"), w("missing")]
    parts.append(table(head, rows, css="items"))
    return "".join(parts)
