"""The basic facts a county model states: area, towns and townships, villages and residents'
committees, population, the medical community and its members, staff and senior titles, and
beds by tier (see :mod:`countycare.report.facts`).
"""

from __future__ import annotations

import datetime as dt

from countycare.community import County, MedicalCommunity
from countycare.geography import TownshipKind
from countycare.labels import InstitutionKind, MembershipRole, Name, Ownership, Tier
from countycare.provenance import Origin
from countycare.report.basic_fact import BEDS, COUNT, PERSONS, BasicFact, origin_of

__all__ = ["model_facts"]


def _community(county: County) -> MedicalCommunity | None:
    return county.communities[0] if county.communities else None


def _kind_count(county: County, kind: TownshipKind) -> tuple[int | None, str]:
    unknown = [t.id for t in county.townships if t.kind is None]
    if unknown:
        return None, f"the kind (town or township) of {len(unknown)} townships is not recorded"
    return sum(1 for t in county.townships if t.kind is kind), ""


def _committees(county: County) -> tuple[int | None, str]:
    unknown = [t.id for t in county.townships if t.residents_committees is None]
    if unknown or not county.townships:
        return None, f"residents' committees are not recorded for {len(unknown)} townships"
    return sum(t.residents_committees or 0 for t in county.townships), ""


def model_facts(county: County, as_of: dt.date | None) -> list[BasicFact]:
    """The model's figures of ``county``, the community's membership dated ``as_of``."""
    p = county.provenance
    facts: list[BasicFact] = []
    area = county.area_km2
    facts.append(
        BasicFact(
            "area",
            Name("Area", "县域面积"),
            area,
            ("km²", "平方公里"),
            origin_of(p, "$.area_km2") if area is not None else None,
            "" if area is not None else "the county file gives no area_km2",
        )
    )
    kind_origin = origin_of(p, "$.townships[*].kind")
    for code, label, kind in (
        ("towns", Name("Towns", "镇"), TownshipKind.TOWN),
        ("townships", Name("Townships", "乡"), TownshipKind.TOWNSHIP),
    ):
        n, why = _kind_count(county, kind)
        facts.append(BasicFact(code, label, n, COUNT, kind_origin if n is not None else None, why))
    facts.append(
        BasicFact(
            "township_level",
            Name("Towns and townships", "乡镇"),
            len(county.townships),
            COUNT,
            origin_of(p, "$.townships"),
        )
    )
    facts.append(
        BasicFact(
            "villages",
            Name("Administrative villages", "行政村"),
            len(county.villages),
            COUNT,
            origin_of(p, "$.townships[*].villages"),
        )
    )
    n, why = _committees(county)
    facts.append(
        BasicFact(
            "residents_committees",
            Name("Residents' committees", "居委会"),
            n,
            COUNT,
            origin_of(p, "$.townships[*].residents_committees") if n is not None else None,
            why,
        )
    )
    facts.append(
        BasicFact(
            "population",
            Name("Resident population", "常住人口"),
            county.population,
            PERSONS,
            origin_of(p, "$.townships[*].villages[*].population"),
        )
    )
    facts += _community_facts(county, as_of)
    return facts


def _community_facts(county: County, as_of: dt.date | None) -> list[BasicFact]:
    p = county.provenance
    community = _community(county)
    if community is None:
        why = "the county has no medical community"
        return [BasicFact("community", Name("Medical community", "医共体"), None, reason=why)]
    day = as_of or dt.date.today()
    members = {m.institution: m.role for m in community.memberships_on(day)}
    if community.lead not in members:
        members[community.lead] = MembershipRole.LEAD
    inside = [county.institution(i) for i in members if county.has_institution(i)]

    def count(*kinds: InstitutionKind, public: bool = False) -> int:
        return sum(
            1 for i in inside if i.kind in kinds and (not public or i.ownership is Ownership.PUBLIC)
        )

    county_hospitals = [i for i in inside if i.tier is Tier.COUNTY and i.beds > 0]
    township_centres = [
        i
        for i in inside
        if i.kind in (InstitutionKind.TOWNSHIP_HEALTH_CENTRE, InstitutionKind.TOWNSHIP_BRANCH)
    ]
    members_origin = origin_of(p, "$.communities[0]")
    staff_origin = origin_of(p, "$.institutions[*].beds, $.institutions[*].staff")
    derived = Origin.DERIVED
    founded = community.founded.isoformat() if community.founded else None
    lead = county.institution(community.lead) if county.has_institution(community.lead) else None
    return [
        BasicFact("community", Name("Medical community", "医共体"), str(community.name.zh)),
        BasicFact("community_en", Name("Medical community", "医共体"), str(community.name.en)),
        BasicFact("lead", Name("Lead institution", "牵头医院"), lead.name.zh if lead else None),
        BasicFact("lead_en", Name("Lead institution", "牵头医院"), lead.name.en if lead else None),
        BasicFact(
            "founded",
            Name("Founded", "挂牌运行"),
            founded,
            origin=members_origin if founded else None,
            reason="" if founded else "the founding date is not recorded",
        ),
        BasicFact(
            "county_hospitals",
            Name("County hospitals in the group", "县级医院"),
            len(county_hospitals),
            COUNT,
            members_origin,
        ),
        BasicFact(
            "township_health_centres",
            Name("Township health centres", "乡镇卫生院"),
            count(InstitutionKind.TOWNSHIP_HEALTH_CENTRE),
            COUNT,
            origin_of(p, "$.institutions"),
        ),
        BasicFact(
            "township_branches",
            Name("of which branches", "分院"),
            count(InstitutionKind.TOWNSHIP_BRANCH),
            COUNT,
            origin_of(p, "$.institutions"),
        ),
        BasicFact(
            "community_health_centres",
            Name("Community health service centres", "社区卫生服务中心"),
            count(InstitutionKind.COMMUNITY_HEALTH_CENTRE),
            COUNT,
            origin_of(p, "$.institutions"),
        ),
        BasicFact(
            "village_clinics",
            Name("Public village clinics", "公办村卫生室"),
            count(InstitutionKind.VILLAGE_CLINIC, public=True),
            COUNT,
            origin_of(p, "$.institutions"),
        ),
        BasicFact(
            "staff",
            Name("Employees", "在职职工"),
            None,
            PERSONS,
            reason="the model records health technicians, not all employees",
        ),
        BasicFact(
            "health_technicians",
            Name("Health technicians", "卫生技术人员"),
            sum(i.staff.health_technicians for i in inside),
            PERSONS,
            staff_origin or derived,
        ),
        BasicFact(
            "senior_titles",
            Name("Senior titles", "高级职称"),
            sum(i.staff.senior_titles for i in inside),
            PERSONS,
            staff_origin or derived,
        ),
        BasicFact(
            "chief_physicians",
            Name("Chief physicians", "主任医师"),
            None,
            PERSONS,
            reason="the model counts senior titles, not their grades",
        ),
        BasicFact(
            "associate_chief_physicians",
            Name("Associate chief physicians", "副主任医师"),
            None,
            PERSONS,
            reason="the model counts senior titles, not their grades",
        ),
        BasicFact(
            "county_beds",
            Name("Open beds, county hospitals", "县级医院开放床位"),
            sum(i.beds for i in county_hospitals),
            BEDS,
            staff_origin or derived,
        ),
        BasicFact(
            "township_beds",
            Name("Open beds, township health centres", "乡镇卫生院开放床位"),
            sum(i.beds for i in township_centres),
            BEDS,
            staff_origin or derived,
        ),
    ]
