"""The data dictionary: named measures that indicators are computed from.

A measure (DHIS2 calls it a data element) has a stable code, a unit of the countycare registry,
and declares how it aggregates: a **flow** (visits, money) sums over periods and scopes; a
**stock** (population, clinics) sums over scopes and, over periods, takes the average or the last
value as its :class:`PeriodRule` says; a **distinct count** (physicians stationed at least six
months in the year, managed patients admitted at least once) sums over scopes but is never
aggregated over periods — four quarters of 100 stationed physicians may be the same 100 people,
not 400. These codes are a contract with users' data files.

Examples
--------
>>> m = measure("visits_primary")
>>> m.unit, m.kind.value, m.period_rule.value
('visit', 'flow', 'sum')
>>> measure("population_by_age").categories[:2]
('30-34', '35-39')
>>> measure("stationed_physicians").kind.value, measure("stationed_physicians").period_rule.value
('distinct_count', 'none')
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from countycare.coerce.arguments import boundary
from countycare.errors import DefinitionError
from countycare.indicators.measure_types import (
    AGE_BANDS_30_69,
    ALL_IN_COUNTY,
    PRIMARY,
    Measure,
    MeasureKind,
    MeasureLevel,
    PeriodRule,
)
from countycare.labels import InstitutionKind, Name, Tier

__all__ = [
    "AGE_BANDS_30_69",
    "ALL_IN_COUNTY",
    "MEASURES",
    "PRIMARY",
    "Measure",
    "MeasureKind",
    "MeasureLevel",
    "PeriodRule",
    "measure",
]


def _flow(
    code: str, en: str, zh: str, unit: str, description: str, categories: tuple[str, ...] = ()
) -> Measure:
    return Measure(
        code, Name(en, zh), unit, MeasureKind.FLOW, PeriodRule.SUM, description, categories
    )


def _distinct(code: str, en: str, zh: str, unit: str, description: str) -> Measure:
    return Measure(code, Name(en, zh), unit, MeasureKind.DISTINCT, PeriodRule.NONE, description)


def _stock(
    code: str,
    en: str,
    zh: str,
    unit: str,
    description: str,
    rule: PeriodRule = PeriodRule.MEAN,
    categories: tuple[str, ...] = (),
) -> Measure:
    return Measure(code, Name(en, zh), unit, MeasureKind.STOCK, rule, description, categories)


_CATALOGUE: tuple[Measure, ...] = (
    _stock(
        "resident_population",
        "Resident population",
        "常住人口",
        "person",
        "Resident (常住) population of the area.",
    ),
    _flow(
        "visits",
        "Visits (all diagnosis and treatment visits)",
        "诊疗人次",
        "visit",
        "Visits as NHC statistics count them (诊疗人次): outpatient and emergency visits plus "
        "home visits, health checks and consultations, at in-county institutions. Not "
        "`outpatient_emergency_visits` (门急诊人次), a part of it.",
    ),
    _flow(
        "outpatient_emergency_visits",
        "Outpatient and emergency visits",
        "门急诊人次",
        "visit",
        "Outpatient and emergency visits (门急诊人次) at in-county institutions: the part of "
        "`visits` (诊疗人次) without home visits, health checks and consultations.",
    ),
    _flow(
        "visits_primary",
        "Visits at primary institutions",
        "基层医疗卫生机构诊疗人次",
        "visit",
        "The part of `visits` (诊疗人次) at primary institutions (基层医疗卫生机构: township "
        "and community health centres and their branches, community health stations, village "
        "clinics, and clinics, infirmaries and outpatient departments — the township and "
        "village tiers).",
    ),
    _flow(
        "visits_tcm",
        "TCM visits",
        "中医类诊疗人次",
        "visit",
        "TCM visits: TCM institutions, TCM halls and TCM services elsewhere.",
    ),
    _flow(
        "township_outpatient_visits",
        "Township ordinary outpatient visits",
        "卫生院普通门诊人次",
        "visit",
        "Ordinary outpatient visits at township health centres and branches.",
    ),
    _distinct(
        "stationed_physicians",
        "Stationed physicians",
        "派驻基层医师人数",
        "physician",
        "Intermediate-or-higher-title physicians of second-level+ institutions stationed at least "
        "six months in the year at primary institutions: distinct people, given for the year.",
    ),
    _flow(
        "remote_reads",
        "Remote diagnostic reads",
        "远程诊断服务量",
        "read",
        "Remote diagnostic reads (imaging, ECG, ultrasound, EEG…) for primary institutions.",
    ),
    _stock(
        "village_clinics",
        "Village clinics",
        "村卫生室数",
        "clinic",
        "Village clinics.",
        PeriodRule.LAST,
    ),
    _stock(
        "village_clinics_with_ecg",
        "Village clinics with ECG",
        "配备心电设备的村卫生室数",
        "clinic",
        "Village clinics with a working ECG device.",
        PeriodRule.LAST,
    ),
    _flow(
        "staff_income_primary",
        "Staff income at primary institutions",
        "基层医疗卫生机构人员收入",
        "yuan",
        "Total staff income at primary institutions.",
    ),
    _stock(
        "staff_primary",
        "Staff at primary institutions",
        "基层医疗卫生机构人员数",
        "person",
        "Headcount at primary institutions.",
    ),
    _flow(
        "staff_income_lead",
        "Staff income at the lead hospital",
        "牵头医院人员收入",
        "yuan",
        "Total staff income at the lead hospital.",
    ),
    _stock(
        "staff_lead",
        "Staff at the lead hospital",
        "牵头医院人员数",
        "person",
        "Headcount at the lead hospital.",
    ),
    _flow(
        "fund_spending_insured_ex_pharmacy",
        "Fund spending for the insured, pharmacies excluded",
        "参保人医保基金支出(不含药店)",
        "yuan",
        "Insurance fund spending for the county's insured at all providers, in and out of the "
        "county, pharmacies excluded.",
    ),
    _flow(
        "fund_spending_in_county_ex_pharmacy",
        "Fund spending in the county, pharmacies excluded",
        "县域内医保基金支出(不含药店)",
        "yuan",
        "The part of the above at in-county providers.",
    ),
    _flow(
        "fund_spending_primary",
        "Fund spending at primary institutions",
        "基层医疗卫生机构医保基金支出",
        "yuan",
        "Fund spending at in-county primary institutions.",
    ),
    _flow(
        "inpatient_cost_insured_in_county",
        "In-county inpatient cost of the insured",
        "参保人县域内住院总费用",
        "yuan",
        "Total inpatient cost of the insured at in-county providers.",
    ),
    _flow(
        "admissions_insured_in_county",
        "In-county admissions of the insured",
        "参保人县域内住院人次",
        "admission",
        "Admissions of the insured at in-county providers.",
    ),
    _flow(
        "admissions_insured_total",
        "All admissions of the insured",
        "参保人住院总人次",
        "admission",
        "All admissions of the insured, in and out of the county.",
    ),
    _stock(
        "managed_chronic_patients",
        "Managed chronic patients",
        "慢性病健康管理人数",
        "person",
        "Hypertension and type 2 diabetes patients under primary-care management.",
    ),
    _distinct(
        "managed_chronic_admitted",
        "Managed chronic patients admitted",
        "慢性病健康管理人群住院人数",
        "person",
        "Of the managed chronic patients, those admitted at least once in the period: distinct "
        "people, given for the period they describe.",
    ),
    _flow(
        "ncd4_deaths",
        "Deaths from the four NCD groups",
        "四类慢性病死亡人数",
        "death",
        "Deaths from cardiovascular disease, cancer, chronic respiratory disease or diabetes, by "
        "five-year age band.",
        AGE_BANDS_30_69,
    ),
    _stock(
        "population_by_age",
        "Population by age band",
        "分年龄组人口",
        "person",
        "Resident population by five-year age band.",
        PeriodRule.MEAN,
        AGE_BANDS_30_69,
    ),
    _flow(
        "upward_referrals",
        "Upward referrals (completed)",
        "上转人次(已完成)",
        "referral",
        "Completed referrals to a higher tier (patients actually transferred); pending and "
        "cancelled ones are `upward_referrals_pending` and `upward_referrals_cancelled`.",
    ),
    _flow(
        "downward_referrals",
        "Downward referrals (completed)",
        "下转人次(已完成)",
        "referral",
        "Completed referrals to a lower tier (patients actually transferred); pending and "
        "cancelled ones are `downward_referrals_pending` and `downward_referrals_cancelled`.",
    ),
    _flow(
        "out_of_county_referrals",
        "Out-of-county referrals (completed)",
        "县外转诊人次(已完成)",
        "referral",
        "Completed referrals to providers outside the county; pending and cancelled ones are "
        "`out_of_county_referrals_pending` and `out_of_county_referrals_cancelled`.",
    ),
    *(
        _flow(
            f"{code}_{status}",
            f"{en} referrals ({status})",
            f"{zh}人次({status_zh})",
            "referral",
            f"{en} referrals still {status} at the end of the period: issued but not completed, "
            f"never counted in `{code}`.",
        )
        for code, en, zh in (
            ("upward_referrals", "Upward", "上转"),
            ("downward_referrals", "Downward", "下转"),
            ("out_of_county_referrals", "Out-of-county", "县外转诊"),
        )
        for status, status_zh in (("pending", "待处理"), ("cancelled", "已取消"))
    ),
    _flow(
        "lead_downward_referrals",
        "Downward referrals of the lead hospital (completed)",
        "牵头医院下转人次(已完成)",
        "referral",
        "The part of `downward_referrals` sent by the lead hospital: the numerator that matches "
        "`lead_discharges` in the downward referral rate (same scope above and below).",
    ),
    _flow(
        "lead_discharges",
        "Discharges of the lead hospital",
        "牵头医院出院人次",
        "admission",
        "Discharges of the lead hospital (denominator of the downward referral rate).",
    ),
    _flow(
        "total_cost_residents",
        "Total medical cost of residents (within and outside the policy's scope)",
        "居民医疗总费用(含政策范围外)",
        "yuan",
        "All medical cost of residents' care, whether or not the policy covers it: the "
        "denominator of the actual compensation ratio (实际补偿比).",
    ),
    _flow(
        "fund_paid_residents",
        "Fund payments for residents",
        "医保基金支付额",
        "yuan",
        "What the insurance fund paid of residents' medical cost.",
    ),
    _flow(
        "out_of_pocket_residents",
        "Residents' out-of-pocket spending",
        "居民自付费用",
        "yuan",
        "Residents' out-of-pocket spending.",
    ),
    _stock(
        "family_doctor_contracts",
        "Family-doctor contracts",
        "家庭医生签约人数",
        "person",
        "Residents with a family-doctor contract.",
        PeriodRule.LAST,
    ),
    _flow(
        "survey_respondents",
        "Health-literacy survey respondents",
        "健康素养监测调查人数",
        "person",
        "Respondents of the health-literacy survey.",
    ),
    _flow(
        "health_literate_respondents",
        "Health-literate respondents",
        "具备健康素养人数",
        "person",
        "Respondents judged health-literate.",
    ),
    _flow(
        "survey_population",
        "Disease-prevalence survey population",
        "患病率调查人数",
        "person",
        "People covered by the disease-prevalence survey.",
    ),
    _flow(
        "survey_cases",
        "Disease-prevalence survey cases",
        "患病人数",
        "person",
        "People found with an acute or chronic disease in the survey.",
    ),
)

#: Measures added for the 2015 and 2020 sets (new indicators get new measures; existing codes
#: never change meaning).
_ADDED: tuple[Measure, ...] = (
    _flow(
        "resident_episodes_in_county",
        "Care episodes of residents in the county",
        "县域内居民就诊人次",
        "visit",
        "Care episodes (visits and admissions) of county residents at in-county providers.",
    ),
    _flow(
        "resident_episodes_total",
        "All care episodes of residents",
        "居民就诊总人次",
        "visit",
        "All care episodes of county residents, in and out of the county.",
    ),
    _stock(
        "primary_institutions",
        "Primary institutions",
        "基层医疗卫生机构数",
        "institution",
        "Primary institutions (基层医疗卫生机构) as NHC statistics count them: township and "
        "community health centres and branches, community health stations, village clinics, "
        "and clinics, infirmaries and outpatient departments (mostly private).",
        PeriodRule.LAST,
    ),
    _stock(
        "primary_institutions_up_to_standard",
        "Primary institutions meeting the construction standard",
        "建设达标的基层医疗卫生机构数",
        "institution",
        "Primary institutions meeting the national construction standard.",
        PeriodRule.LAST,
    ),
    _stock(
        "chronic_patients",
        "Hypertension and diabetes patients",
        "高血压糖尿病患者数",
        "person",
        "Hypertension and type 2 diabetes patients of the area (surveyed or estimated).",
    ),
    _flow(
        "lead_surgical_discharges",
        "Surgical discharges of the lead hospital",
        "牵头医院出院患者手术人次",
        "admission",
        "Discharges of the lead hospital that had an operation.",
    ),
    _flow(
        "lead_grade34_surgical_discharges",
        "Grade 3–4 surgical discharges of the lead hospital",
        "牵头医院出院患者三、四级手术人次",
        "admission",
        "Discharges of the lead hospital that had a grade 3 or 4 operation.",
    ),
    _flow(
        "medical_revenue",
        "Medical revenue",
        "医疗收入",
        "yuan",
        "Medical revenue of the community's public institutions.",
    ),
    _flow(
        "medical_service_revenue",
        "Medical service revenue",
        "医疗服务收入",
        "yuan",
        "Medical revenue excluding drugs, consumables and tests.",
    ),
    _flow(
        "medical_revenue_ex_drugs",
        "Medical revenue excluding drugs",
        "医疗收入(不含药品收入)",
        "yuan",
        "Medical revenue excluding drug revenue.",
    ),
    _flow(
        "consumables_cost",
        "Health materials consumed",
        "卫生材料消耗",
        "yuan",
        "Cost of health materials (consumables) consumed.",
    ),
    _flow(
        "staff_expenditure",
        "Staff expenditure",
        "人员支出",
        "yuan",
        "Staff expenditure of the community's public institutions.",
    ),
    _flow(
        "operating_expenditure",
        "Operating expenditure",
        "业务支出",
        "yuan",
        "Operating (business) expenditure of the community's public institutions.",
    ),
    _flow(
        "eligible_cost_residents",
        "Policy-eligible medical cost of residents (within the policy's scope only)",
        "居民政策范围内医疗费用",
        "yuan",
        "Residents' medical cost within the policy's scope (政策范围内费用): the denominator of "
        "the in-scope reimbursement rate (政策范围内报销比例), never of the actual compensation "
        "ratio.",
    ),
    # Measures of the 2015 pilot standard (hierarchical-care-2015), added at the end.
    _stock(
        "general_practitioners",
        "General practitioners",
        "全科医生数",
        "physician",
        "Registered general practitioners (注册全科医生) working in the area.",
        PeriodRule.LAST,
    ),
    _stock(
        "survey_ill_two_weeks",
        "Survey respondents ill in the last two weeks",
        "调查前两周患病人数",
        "person",
        "Respondents of a household health survey who were ill in the two weeks before it.",
        PeriodRule.LAST,
    ),
    _stock(
        "survey_ill_first_primary",
        "Two-week ill respondents who first chose primary care",
        "两周患病首选基层医疗卫生机构人数",
        "person",
        "Of `survey_ill_two_weeks`, those whose first contact was a primary institution.",
        PeriodRule.LAST,
    ),
    _stock(
        "standard_managed_chronic_patients",
        "Hypertension and diabetes patients under standardised management",
        "高血压糖尿病规范管理人数",
        "person",
        "Hypertension and type 2 diabetes patients managed to the national standard "
        "(规范化诊疗和管理).",
    ),
    _flow(
        "visits_tcm_primary",
        "TCM visits at primary institutions",
        "基层医疗卫生机构中医诊疗人次",
        "visit",
        "The part of `visits_primary` that is TCM (TCM services at primary institutions).",
    ),
)

#: Measures counted at institutions: the tiers that count and the measure they may derive from.
_AT_INSTITUTIONS: dict[str, tuple[frozenset[Tier], str | None]] = {
    "visits": (ALL_IN_COUNTY, None),
    "outpatient_emergency_visits": (ALL_IN_COUNTY, None),
    "visits_primary": (PRIMARY, "visits"),
    "visits_tcm": (ALL_IN_COUNTY, None),
    "township_outpatient_visits": (frozenset({Tier.TOWNSHIP}), None),
    "stationed_physicians": (PRIMARY, None),
    "remote_reads": (PRIMARY, None),
    "staff_income_primary": (PRIMARY, None),
    "staff_primary": (PRIMARY, None),
    "staff_income_lead": (frozenset({Tier.COUNTY}), None),
    "staff_lead": (frozenset({Tier.COUNTY}), None),
    "fund_spending_primary": (PRIMARY, None),
    "inpatient_cost_insured_in_county": (ALL_IN_COUNTY, None),
    "admissions_insured_in_county": (ALL_IN_COUNTY, None),
    "upward_referrals": (ALL_IN_COUNTY, None),
    "downward_referrals": (ALL_IN_COUNTY, None),
    "out_of_county_referrals": (ALL_IN_COUNTY, None),
    **{
        f"{code}_{status}": (ALL_IN_COUNTY, None)
        for code in ("upward_referrals", "downward_referrals", "out_of_county_referrals")
        for status in ("pending", "cancelled")
    },
    "lead_downward_referrals": (frozenset({Tier.COUNTY}), "downward_referrals"),
    "lead_discharges": (frozenset({Tier.COUNTY}), None),
    "lead_surgical_discharges": (frozenset({Tier.COUNTY}), None),
    "lead_grade34_surgical_discharges": (frozenset({Tier.COUNTY}), None),
    "medical_revenue": (ALL_IN_COUNTY, None),
    "medical_service_revenue": (ALL_IN_COUNTY, None),
    "medical_revenue_ex_drugs": (ALL_IN_COUNTY, None),
    "consumables_cost": (ALL_IN_COUNTY, None),
    "staff_expenditure": (ALL_IN_COUNTY, None),
    "operating_expenditure": (ALL_IN_COUNTY, None),
}


#: Measures of the lead hospital alone (牵头医院), counted at a community's lead.
_AT_LEAD = frozenset(
    {
        "staff_income_lead",
        "staff_lead",
        "lead_discharges",
        "lead_downward_referrals",
        "lead_surgical_discharges",
        "lead_grade34_surgical_discharges",
    }
)


#: Measures counted at some kinds of their tiers only (not, say, at a private clinic).
_OF_KINDS: dict[str, frozenset[InstitutionKind]] = {
    "township_outpatient_visits": frozenset(
        {InstitutionKind.TOWNSHIP_HEALTH_CENTRE, InstitutionKind.TOWNSHIP_BRANCH}
    ),
}


def _placed(m: Measure) -> Measure:
    if m.code not in _AT_INSTITUTIONS:
        return m
    tiers, derived_from = _AT_INSTITUTIONS[m.code]
    return attrs.evolve(
        m,
        level=MeasureLevel.INSTITUTION,
        tiers=tiers,
        derived_from=derived_from,
        lead_only=m.code in _AT_LEAD,
        kinds=_OF_KINDS.get(m.code),
    )


#: Every measure the library knows, by code.
MEASURES: Mapping[str, Measure] = {m.code: _placed(m) for m in (*_CATALOGUE, *_ADDED)}


@boundary
def measure(code: str) -> Measure:
    """The measure with ``code``; raise :class:`DefinitionError` naming it when unknown."""
    try:
        return MEASURES[code]
    except KeyError:
        raise DefinitionError(f"unknown measure {code!r}") from None
