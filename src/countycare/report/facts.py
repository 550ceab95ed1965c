"""The basic facts of a county (基本情况): the figures a county reform report opens with.

A county reform report opens with one paragraph of figures: area, towns and townships,
administrative villages and residents' committees, population, the medical group and its
members, staff and senior titles, beds by tier, and a year's visits, discharges and revenue.
:func:`basic_facts` computes each from the county model and, for the year's figures, a measures
table; each figure carries where it comes from (:class:`~countycare.provenance.Origin`: read in a
source, illustrative, or derived from other figures) and, when it cannot be stated, why. The
figures and their order follow a county health reform report's template (register id
``county-reform-report-template`` in :mod:`countycare.sources`).

Examples
--------
>>> from countycare import load_county
>>> facts = basic_facts(load_county("wanrong"))
>>> facts["population"].value, facts["villages"].value, facts["village_clinics"].value
(362000, 207, 274)
>>> facts["towns"].value, facts["townships"].value, facts["area"].origin.value
(4, 10, 'source')
>>> facts["visits"].reason
'no measures were given'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

import attrs

from countycare.community import County, MedicalCommunity
from countycare.geography import TownshipKind, to_tuple
from countycare.labels import InstitutionKind, MembershipRole, Name, Ownership, Tier
from countycare.provenance import Origin, Provenance

if TYPE_CHECKING:
    from countycare.indicators.samples import MeasuresFileInfo
    from countycare.indicators.table import MeasureTable

__all__ = ["BasicFact", "BasicFacts", "basic_facts"]


@attrs.frozen
class BasicFact:
    """One figure of the basic facts: its value (``None`` with a reason when it cannot be
    stated), its unit as ``(English, Chinese)`` text, and its origin."""

    code: str
    label: Name
    value: int | float | str | None
    unit: tuple[str, str] = ("", "")
    origin: Origin | None = None
    reason: str = ""
    period: str | None = None

    def unit_in(self, language: str) -> str:
        """The unit's text in ``language`` (``"en"`` or ``"zh"``)."""
        return self.unit[1] if language == "zh" else self.unit[0]

    @property
    def known(self) -> bool:
        """Whether the figure can be stated."""
        return self.value is not None


@attrs.frozen
class BasicFacts(Mapping[str, BasicFact]):
    """The basic facts in the order a report states them, looked up by code."""

    county: str
    name: Name
    facts: tuple[BasicFact, ...] = attrs.field(converter=to_tuple)
    as_of: dt.date | None = None
    period: str | None = None

    def __getitem__(self, code: str) -> BasicFact:
        for fact in self.facts:
            if fact.code == code:
                return fact
        raise KeyError(code)

    def __iter__(self) -> Iterator[str]:
        return (f.code for f in self.facts)

    def __len__(self) -> int:
        return len(self.facts)


_PERSONS = ("persons", "人")
_COUNT = ("", "个")
_BEDS = ("beds", "张")
_VISITS = ("visits", "人次")
_YUAN = ("yuan", "元")


def _origin(provenance: Provenance, *subjects: str) -> Origin | None:
    """The origin of the figures at ``subjects`` (a fact's subject, exactly): illustrative if
    any fact about them is, else from the source if one is, else None (nothing is said)."""
    found = {f.origin for f in provenance.facts if f.subject in subjects}
    for origin in (Origin.ILLUSTRATIVE, Origin.SOURCE, Origin.DERIVED):
        if origin in found:
            return origin
    return None


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


def _model_facts(county: County, as_of: dt.date | None) -> list[BasicFact]:
    p = county.provenance
    facts: list[BasicFact] = []
    area = county.area_km2
    facts.append(
        BasicFact(
            "area",
            Name("Area", "县域面积"),
            area,
            ("km²", "平方公里"),
            _origin(p, "$.area_km2") if area is not None else None,
            "" if area is not None else "the county file gives no area_km2",
        )
    )
    kind_origin = _origin(p, "$.townships[*].kind")
    for code, label, kind in (
        ("towns", Name("Towns", "镇"), TownshipKind.TOWN),
        ("townships", Name("Townships", "乡"), TownshipKind.TOWNSHIP),
    ):
        n, why = _kind_count(county, kind)
        facts.append(BasicFact(code, label, n, _COUNT, kind_origin if n is not None else None, why))
    facts.append(
        BasicFact(
            "township_level",
            Name("Towns and townships", "乡镇"),
            len(county.townships),
            _COUNT,
            _origin(p, "$.townships"),
        )
    )
    facts.append(
        BasicFact(
            "villages",
            Name("Administrative villages", "行政村"),
            len(county.villages),
            _COUNT,
            _origin(p, "$.townships[*].villages"),
        )
    )
    n, why = _committees(county)
    facts.append(
        BasicFact(
            "residents_committees",
            Name("Residents' committees", "居委会"),
            n,
            _COUNT,
            _origin(p, "$.townships[*].residents_committees") if n is not None else None,
            why,
        )
    )
    facts.append(
        BasicFact(
            "population",
            Name("Resident population", "常住人口"),
            county.population,
            _PERSONS,
            _origin(p, "$.townships[*].villages[*].population"),
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
    members_origin = _origin(p, "$.communities[0]")
    staff_origin = _origin(p, "$.institutions[*].beds, $.institutions[*].staff")
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
            _COUNT,
            members_origin,
        ),
        BasicFact(
            "township_health_centres",
            Name("Township health centres", "乡镇卫生院"),
            count(InstitutionKind.TOWNSHIP_HEALTH_CENTRE),
            _COUNT,
            _origin(p, "$.institutions"),
        ),
        BasicFact(
            "township_branches",
            Name("of which branches", "分院"),
            count(InstitutionKind.TOWNSHIP_BRANCH),
            _COUNT,
            _origin(p, "$.institutions"),
        ),
        BasicFact(
            "community_health_centres",
            Name("Community health service centres", "社区卫生服务中心"),
            count(InstitutionKind.COMMUNITY_HEALTH_CENTRE),
            _COUNT,
            _origin(p, "$.institutions"),
        ),
        BasicFact(
            "village_clinics",
            Name("Public village clinics", "公办村卫生室"),
            count(InstitutionKind.VILLAGE_CLINIC, public=True),
            _COUNT,
            _origin(p, "$.institutions"),
        ),
        BasicFact(
            "staff",
            Name("Employees", "在职职工"),
            None,
            _PERSONS,
            reason="the model records health technicians, not all employees",
        ),
        BasicFact(
            "health_technicians",
            Name("Health technicians", "卫生技术人员"),
            sum(i.staff.health_technicians for i in inside),
            _PERSONS,
            staff_origin or derived,
        ),
        BasicFact(
            "senior_titles",
            Name("Senior titles", "高级职称"),
            sum(i.staff.senior_titles for i in inside),
            _PERSONS,
            staff_origin or derived,
        ),
        BasicFact(
            "chief_physicians",
            Name("Chief physicians", "主任医师"),
            None,
            _PERSONS,
            reason="the model counts senior titles, not their grades",
        ),
        BasicFact(
            "associate_chief_physicians",
            Name("Associate chief physicians", "副主任医师"),
            None,
            _PERSONS,
            reason="the model counts senior titles, not their grades",
        ),
        BasicFact(
            "county_beds",
            Name("Open beds, county hospitals", "县级医院开放床位"),
            sum(i.beds for i in county_hospitals),
            _BEDS,
            staff_origin or derived,
        ),
        BasicFact(
            "township_beds",
            Name("Open beds, township health centres", "乡镇卫生院开放床位"),
            sum(i.beds for i in township_centres),
            _BEDS,
            staff_origin or derived,
        ),
    ]


#: The year's figures: (code, label, measure, unit).
_YEAR = (
    ("visits", Name("Outpatient and emergency visits", "门急诊量"), "visits", _VISITS),
    (
        "lead_discharges",
        Name("Discharges, lead hospital", "牵头医院出院人次"),
        "lead_discharges",
        _VISITS,
    ),
    ("medical_revenue", Name("Medical revenue", "医疗业务总收入"), "medical_revenue", _YUAN),
)


def _measure_origin(
    info: MeasuresFileInfo | None, scope: str, period: str, measure: str
) -> Origin | None:
    if info is None:
        return None
    for fact in info.provenance.facts:
        if fact.subject == f"{scope} {period} {measure}":
            return fact.origin
    return Origin.ILLUSTRATIVE if info.illustrative else Origin.SOURCE


#: Year figures the template states that no measure of the catalogue gives: (code, label, why).
_UNMEASURED = (
    (
        "county_visits",
        Name("Outpatient and emergency visits, county hospitals", "县级门急诊量"),
        "no measure counts the county hospitals' visits apart",
    ),
    (
        "discharges",
        Name("Discharges, whole group", "出院人次"),
        "no measure counts the whole group's discharges (only the lead hospital's)",
    ),
    (
        "county_revenue",
        Name("Medical revenue, county hospitals", "县级医疗业务收入"),
        "no measure counts the county hospitals' revenue apart",
    ),
)


def _year_facts(
    county: County,
    measures: MeasureTable | None,
    period: str | None,
    info: MeasuresFileInfo | None,
) -> list[BasicFact]:
    facts = [
        BasicFact(code, label, None, _YUAN if "revenue" in code else _VISITS, reason=why)
        for code, label, why in _UNMEASURED
    ]
    for code, label, measure, unit in _YEAR:
        if measures is None or period is None:
            facts.append(BasicFact(code, label, None, unit, reason="no measures were given"))
            continue
        value = measures.get(county.id, period, measure)
        if value is None:
            facts.append(
                BasicFact(
                    code,
                    label,
                    None,
                    unit,
                    reason=f"no value of measure {measure!r} for {county.id} {period}",
                    period=period,
                )
            )
        else:
            origin = _measure_origin(info, county.id, period, measure)
            facts.append(BasicFact(code, label, value, unit, origin, period=period))
    return facts


def basic_facts(
    county: County,
    measures: MeasureTable | None = None,
    period: str | None = None,
    *,
    as_of: dt.date | None = None,
    measures_info: MeasuresFileInfo | None = None,
) -> BasicFacts:
    """The basic facts of ``county``: the model's figures and, from ``measures`` at ``period``
    (the county's own scope), the year's visits, discharges and revenue.

    ``as_of`` dates the medical community's membership (default: today); ``measures_info``
    (a measures file's provenance companion) says which measured figures are illustrative.
    """
    facts = _model_facts(county, as_of) + _year_facts(county, measures, period, measures_info)
    return BasicFacts(county.id, county.name, facts, as_of=as_of, period=period)
