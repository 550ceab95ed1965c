"""A community's governance and assessment as plain data (for JSON) and as text.

Rendering only: everything here reads an :class:`~countycare.governance.assessment.Assessment`
and a :class:`~countycare.governance.record.CommunityGovernance` and computes nothing new.

Examples
--------
>>> import datetime as dt
>>> from countycare.governance.files import load_governance
>>> from countycare.governance.assessment import assess
>>> gov = load_governance("wanrong")
>>> data = assessment_summary(gov, assess(gov, dt.date(2022, 3, 28)))
>>> data["verdict"]["code"], data["verdict"]["rule"]["status"], len(data["items"])
('cannot_tell', 'reconstructed', 7)
>>> data["verdict"]["to_record"][0]
'pay_balance: record whether it is in place'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from countycare.errors import UndefinedError
from countycare.governance.assessment import (
    NHC_2020,
    NHC_2024,
    VERDICT_RULE,
    Assessment,
    ItemResult,
)
from countycare.governance.authority import separation_problems
from countycare.governance.record import CommunityGovernance
from countycare.labels import Autonomy, ItemStatus, UnifiedDimension

__all__ = ["assessment_summary", "assessment_to_dict", "render_assessment"]


def _item(result: ItemResult) -> dict[str, Any]:
    item = result.item
    return {
        "code": item.code,
        "set": item.item_set,
        "item": item.item,
        "name": {"en": item.name.en, "zh": item.name.zh},
        "answer": {"code": result.status.value, "en": result.status.en, "zh": result.status.zh},
        "missing": [
            {
                "practice": m.practice,
                "reason": m.reason.value,
                "state": None if m.state is None else m.state.value,
            }
            for m in result.missing
        ],
        "to_record": list(result.to_record),
        "evidence": list(result.evidence),
        "name_status": item.name_status.value,
        "mapping_status": item.status.value,
        "citation": item.citation,
    }


def _scores(assessment: Assessment) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item_set in (NHC_2024, NHC_2020):
        try:
            out[item_set] = assessment.score(item_set).to_dict()
        except UndefinedError:
            continue  # no item of the set was assessed
    return out


def assessment_to_dict(assessment: Assessment) -> dict[str, Any]:
    """The one JSON document of an assessment (see :meth:`Assessment.to_dict`)."""
    return {
        "community": assessment.community,
        "as_of": assessment.as_of.isoformat(),
        "verdict": {
            "code": assessment.verdict.value,
            "en": assessment.verdict.en,
            "zh": assessment.verdict.zh,
            "rule": {"text": VERDICT_RULE[0], "status": VERDICT_RULE[1].value},
            "to_record": list(assessment.to_record()),
        },
        "score": _scores(assessment),
        "items": [_item(r) for r in assessment.results],
        **_context(assessment.governance, assessment.as_of),
    }


def _context(governance: CommunityGovernance | None, day: dt.date) -> dict[str, Any]:
    """The community's authority and dimensions on ``day`` (None each when not known)."""
    keys = ("lead", "dimensions", "autonomies", "committee", "decision_rights")
    if governance is None:
        return {**dict.fromkeys(keys), "separation_problems": None}
    granted = governance.granted(day)
    dimensions = governance.dimensions_implemented(day)
    return {
        "lead": governance.lead,
        "dimensions": {d.value: list(dimensions[d]) for d in UnifiedDimension},
        "autonomies": {a.value: a in granted for a in Autonomy},
        "committee": None
        if governance.committee is None
        else {
            "body": governance.committee.body,
            "chair": governance.committee.chair,
            "members": [d.value for d in governance.committee.members],
            "office": governance.committee.office,
            "office_head": governance.committee.office_head,
        },
        "decision_rights": {r.area.value: r.decided_by for r in governance.decision_rights},
        "separation_problems": list(
            separation_problems(governance.bodies, governance.decision_rights)
        ),
    }


def assessment_summary(governance: CommunityGovernance, assessment: Assessment) -> dict[str, Any]:
    """The assessment of ``governance`` as JSON-ready data: ``assessment.to_dict()`` with the
    record that was assessed (kept for callers of 0.1; :meth:`Assessment.to_dict` is the one)."""
    return assessment_to_dict(attrs.evolve(assessment, governance=governance))


def render_assessment(governance: CommunityGovernance, assessment: Assessment) -> str:
    """The assessment as text: verdict, each item with what is missing, then the authority."""
    data = assessment_summary(governance, assessment)
    verdict = data["verdict"]
    lines = [
        f"Tightness assessment of {data['community']} (lead {data['lead']}) as of {data['as_of']}",
        f"Verdict: {verdict['en']} ({verdict['zh']})",
        f"  rule [{verdict['rule']['status']}]: {verdict['rule']['text']}",
    ]
    if assessment.verdict.value == "cannot_tell":
        lines.append("  to decide, record:")
        lines.extend(f"    - {what}" for what in verdict["to_record"])
    marks = {ItemStatus.MET: "met", ItemStatus.NOT_MET: "NOT MET", ItemStatus.UNKNOWN: "UNKNOWN"}
    for item_set, title in ((NHC_2024, "nhc-2024 items"), (NHC_2020, "nhc-2020 communities")):
        results = assessment.of_set(item_set)
        if not results:
            continue
        counts = {s: sum(r.status is s for r in results) for s in ItemStatus}
        lines.append("")
        lines.append(
            f"{title} (mapping of practices to items [reconstructed]): "
            f"{counts[ItemStatus.MET]} met, {counts[ItemStatus.NOT_MET]} not met, "
            f"{counts[ItemStatus.UNKNOWN]} unknown of {len(results)}; "
            f"score {assessment.score(item_set).describe()}"
        )
        for r in results:
            mark = marks[r.status]
            lines.append(f"  {r.item.item} {r.item.name.en} ({r.item.name.zh}): {mark}")
            if r.missing:
                lines.append(f"      missing: {', '.join(str(m) for m in r.missing)}")
            if r.to_record:
                lines.append(f"      to decide, record: {'; '.join(r.to_record)}")
            if r.evidence:
                lines.append(f"      evidence: {len(r.evidence)} item(s), e.g. {r.evidence[0]}")
    lines.append("")
    lines.append("Six unified dimensions (practices implemented):")
    for dimension in UnifiedDimension:
        codes = data["dimensions"][dimension.value]
        lines.append(f"  {dimension.en} ({dimension.zh}): {', '.join(codes) or 'none recorded'}")
    granted = [a for a in Autonomy if data["autonomies"][a.value]]
    lines.append(f"Autonomies granted: {len(granted)} of {len(Autonomy)}")
    for autonomy in Autonomy:
        lines.append(f"  [{'x' if autonomy in granted else ' '}] {autonomy.en} ({autonomy.zh})")
    if data["committee"]:
        c = data["committee"]
        lines.append(
            f"Management committee {c['body']}: chair {c['chair']}; members "
            f"{', '.join(c['members'])}; office {c['office']}"
        )
    for area, body in data["decision_rights"].items():
        lines.append(f"  decides {area}: {body}")
    problems = data["separation_problems"]
    lines.append(
        "Separation of oversight from operation: "
        + ("; ".join(problems) if problems else "no conflict found")
    )
    return "\n".join(lines)
