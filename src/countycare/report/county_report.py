"""The county report: a readable summary of a county model, as text or as plain data.

Examples
--------
>>> from countycare import load_county
>>> summary = county_summary(load_county("wanrong"))
>>> summary["population"], summary["townships"], summary["villages"]
(362000, 14, 207)
>>> print(render_county_report(load_county("wanrong")).splitlines()[0])
Wanrong County (万荣县) — Yuncheng (运城市), Shanxi (山西省)
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.errors import Problem, Severity
from countycare.labels import InstitutionKind, MembershipRole, Tier

if TYPE_CHECKING:
    from countycare.forms import CountyLike, DateLike

__all__ = ["county_summary", "render_county_report"]


@boundary
def county_summary(
    county: CountyLike, problems: tuple[Problem, ...] = (), as_of: DateLike | None = None
) -> dict[str, Any]:
    """The figures of the report as plain data (for JSON), computed from the model."""
    county = coerce.county(county, "county")
    as_of = coerce.optional_date(as_of, "as_of")
    shown = county.as_of(as_of) if as_of else county
    by_kind = Counter(i.kind for i in shown.institutions)
    communities = []
    for community in shown.communities:
        roles = Counter(m.role for m in community.memberships)
        communities.append(
            {
                "id": community.id,
                "name": {"en": community.name.en, "zh": community.name.zh},
                "lead": community.lead,
                "founded": community.founded.isoformat() if community.founded else None,
                "members_by_role": {r.value: roles.get(r, 0) for r in MembershipRole},
            }
        )
    return {
        "id": shown.id,
        "name": {"en": shown.name.en, "zh": shown.name.zh},
        "as_of": as_of.isoformat() if as_of else None,
        "population": shown.population,
        "agricultural_share": shown.agricultural_share,
        "townships": len(shown.townships),
        "villages": len(shown.villages),
        "institutions": len(shown.institutions),
        "institutions_by_kind": {k.value: by_kind[k] for k in InstitutionKind if by_kind.get(k)},
        "institutions_by_tier": {
            t.value: sum(1 for i in shown.institutions if i.tier is t)
            for t in Tier
            if t is not Tier.OUTSIDE
        },
        "communities": communities,
        "warnings": [str(p) for p in problems if p.severity is Severity.WARNING],
        "errors": [str(p) for p in problems if p.severity is Severity.ERROR],
    }


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _place(county: County) -> str:
    parts = [str(n) for n in (county.prefecture, county.province) if n is not None]
    return f" — {', '.join(parts)}" if parts else ""


@boundary
def render_county_report(
    county: CountyLike, problems: tuple[Problem, ...] = (), as_of: DateLike | None = None
) -> str:
    """The county report as text, in English with Chinese labels."""
    county = coerce.county(county, "county")
    as_of = coerce.optional_date(as_of, "as_of")
    summary = county_summary(county, problems, as_of)
    shown = county.as_of(as_of) if as_of else county
    lines = [f"{county.name}{_place(county)}"]
    if as_of:
        lines.append(f"Structure as of {as_of.isoformat()}")
    share = county.agricultural_share
    agricultural = f" ({share:.1%} agricultural)" if share is not None else ""
    lines += [
        f"Resident population (常住人口): {summary['population']:,}{agricultural}",
        f"Townships (乡镇): {summary['townships']}    Villages (行政村): {summary['villages']}",
        "",
        f"Institutions ({summary['institutions']}):",
    ]
    for tier in (Tier.COUNTY, Tier.TOWNSHIP, Tier.VILLAGE):
        lines.append(f"  {tier.en} tier ({tier.zh}): {summary['institutions_by_tier'][tier.value]}")
        for kind in InstitutionKind:
            n = sum(1 for i in shown.institutions if i.kind is kind and i.tier is tier)
            if n:
                lines.append(f"    {kind.en} ({kind.zh}): {n}")
    for community in shown.communities:
        lead = (
            shown.institution(community.lead).name
            if shown.has_institution(community.lead)
            else community.lead
        )
        founded = f", founded {community.founded.isoformat()}" if community.founded else ""
        lines += ["", f"Medical community: {community.name}{founded}", f"  Lead (牵头): {lead}"]
        roles = Counter(m.role for m in community.memberships)
        lines += [
            f"  {role.en} ({role.zh}): {roles[role]}" for role in MembershipRole if roles.get(role)
        ]
    lines.append("")
    if not problems:
        lines.append("Validation: no problems")
    else:
        errors, warnings = summary["errors"], summary["warnings"]
        lines.append(
            f"Validation: {_count(len(errors), 'error')}, {_count(len(warnings), 'warning')}"
        )
        lines += [f"  error: {e}" for e in errors] + [f"  {w}" for w in warnings]
    if county.provenance.facts:
        lines += [
            "",
            f"Provenance: {len(county.provenance.from_source())} facts from the source, "
            f"{len(county.provenance.illustrative())} illustrative "
            "(countycare show --format json lists them)",
        ]
    return "\n".join(lines)
