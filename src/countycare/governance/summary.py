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
>>> data["verdict"]["code"], len(data["items"])
('not_tight', 7)
"""

from __future__ import annotations

from typing import Any

from countycare.governance.assessment import NHC_2020, NHC_2024, Assessment, ItemResult
from countycare.governance.authority import separation_problems
from countycare.governance.record import CommunityGovernance
from countycare.labels import Autonomy, UnifiedDimension

__all__ = ["assessment_summary", "assessment_to_dict", "render_assessment"]


def _item(result: ItemResult) -> dict[str, Any]:
    item = result.item
    return {
        "code": item.code,
        "set": item.item_set,
        "item": item.item,
        "name": {"en": item.name.en, "zh": item.name.zh},
        "met": result.met,
        "missing": list(result.missing),
        "unrecorded": list(result.unrecorded),
        "evidence": list(result.evidence),
        "status": item.status.value,
        "citation": item.citation,
    }


def assessment_to_dict(assessment: Assessment) -> dict[str, Any]:
    """The assessment alone as JSON-ready data (see :meth:`Assessment.to_dict`)."""
    return {
        "community": assessment.community,
        "as_of": assessment.as_of.isoformat(),
        "verdict": {
            "code": assessment.verdict.value,
            "en": assessment.verdict.en,
            "zh": assessment.verdict.zh,
        },
        "score": {s: assessment.score(s) for s in (NHC_2024, NHC_2020) if assessment.of_set(s)},
        "items": [_item(r) for r in assessment.results],
    }


def assessment_summary(governance: CommunityGovernance, assessment: Assessment) -> dict[str, Any]:
    """The assessment with the community's authority and dimensions, as JSON-ready data."""
    day = assessment.as_of
    granted = governance.granted(day)
    dimensions = governance.dimensions_implemented(day)
    return {
        **assessment_to_dict(assessment),
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


def render_assessment(governance: CommunityGovernance, assessment: Assessment) -> str:
    """The assessment as text: verdict, each item with what is missing, then the authority."""
    data = assessment_summary(governance, assessment)
    lines = [
        f"Tightness assessment of {data['community']} (lead {data['lead']}) as of {data['as_of']}",
        f"Verdict: {data['verdict']['en']} ({data['verdict']['zh']})",
    ]
    for item_set, title in ((NHC_2024, "nhc-2024 items"), (NHC_2020, "nhc-2020 communities")):
        results = assessment.of_set(item_set)
        if not results:
            continue
        met = sum(r.met for r in results)
        lines.append("")
        lines.append(f"{title}: {met} of {len(results)} met")
        for r in results:
            mark = "met" if r.met else "NOT MET"
            lines.append(f"  {r.item.item} {r.item.name.en} ({r.item.name.zh}): {mark}")
            if r.missing:
                shown = [c + (" (unrecorded)" if c in r.unrecorded else "") for c in r.missing]
                lines.append(f"      missing: {', '.join(shown)}")
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
