"""Set ``nhc-2024``: the 2024 monitoring indicators of tight county medical communities.

紧密型县域医疗卫生共同体监测指标体系(2024版): five aspects, 14 items; items 2.2 and 4.1 are two
codes each. Names are official; the formulas of 2.1 and 2.2(1) are official,
the rest reconstructed. Items 1.1–1.3 are qualitative and judged from explicit answers.
"""

from __future__ import annotations

import datetime as dt

from countycare.indicators.catalogues._build import define
from countycare.indicators.definitions import Direction, IndicatorSet, Reference
from countycare.indicators.formulas import (
    Checklist,
    Growth,
    PrematureMortality,
    Ratio,
    RatioOfRatios,
)
from countycare.labels import Name, SourceStatus

__all__ = ["NHC_2024", "REFERENCE_2024"]

#: The 2024 monitoring indicator system (document number not retrieved).
REFERENCE_2024 = Reference(
    document="紧密型县域医疗卫生共同体监测指标体系(2024版) (Monitoring indicators of tight county "
    "medical and health communities, 2024 edition)",
    year=2024,
    note="Issued by the National Health Commission with partner ministries; the document number "
    "and URL were not retrieved, and the qualitative tests follow the official Q&A.",
    issuer="国家卫生健康委员会等 (National Health Commission and partner departments)",
)

_d = define("nhc-2024", REFERENCE_2024, dt.date(2024, 1, 1))
_O, _R = SourceStatus.OFFICIAL, SourceStatus.RECONSTRUCTED
_UP, _DOWN = Direction.INCREASE, Direction.DECREASE

NHC_2024 = IndicatorSet(
    code="nhc-2024",
    name=Name(
        "Tight county medical community monitoring indicators (2024)",
        "紧密型县域医疗卫生共同体监测指标体系(2024版)",
    ),
    reference=REFERENCE_2024,
    status=SourceStatus.RECONSTRUCTED,
    description="Five aspects, 14 items; names official, the formulas of 2.1 and 2.2(1) "
    "official, the others reconstructed — so the set as a whole is labelled reconstructed.",
    definitions=(
        _d(
            "1.1",
            "unified_resource_management",
            "Unified resource management",
            "资源统一管理",
            Checklist(
                (
                    "unified_staffing_pool|county_recruited_township_used",
                    "pay_balance",
                    "centralised_accounting|single_account",
                    "unified_formulary|unified_procurement_distribution",
                    "shared_diagnostic_centres",
                )
            ),
            "",
            None,
            _R,
            clause="1.1",
            note="Met when clear arrangements exist and are implemented (official Q&A); "
            "requirements are practice codes of countycare.governance, 'a|b' meaning either.",
        ),
        _d(
            "1.2",
            "democratic_decision_making",
            "Internal democratic decision-making",
            "医共体内部民主决策",
            Checklist(
                (
                    "group_charter",
                    "members_in_decisions",
                    "primary_care_representative_in_leadership",
                    "lead_signs_insurance_agreement",
                )
            ),
            "",
            None,
            _R,
            clause="1.2",
        ),
        _d(
            "1.3",
            "service_coordination",
            "Service coordination",
            "服务协同联动",
            Checklist(
                (
                    "unified_clinical_protocols",
                    "standard_referral",
                    "shared_information_system",
                    "telemedicine",
                    "infectious_disease_early_warning",
                )
            ),
            "",
            None,
            _R,
            clause="1.3",
        ),
        _d(
            "2.1",
            "stationed_physicians_per_10k",
            "Physicians of second-level+ institutions stationed at primary institutions per "
            "10,000 residents",
            "二级及以上医疗卫生机构中级及以上医师到基层派驻人数/每万常住人口",
            Ratio("stationed_physicians", "resident_population"),
            "physician / ten_thousand_persons",
            _UP,
            _O,
            clause="2.1",
        ),
        _d(
            "2.2a",
            "remote_reads_per_10k",
            "Remote imaging and ECG reads per 10,000 residents",
            "影像心电中心服务开展",
            Ratio("remote_reads", "resident_population"),
            "read / ten_thousand_persons",
            _UP,
            _O,
            clause="2.2(1)",
        ),
        _d(
            "2.2b",
            "village_ecg_coverage",
            "Village clinics with an ECG device",
            "心电设备村级覆盖率",
            Ratio("village_clinics_with_ecg", "village_clinics"),
            "percent",
            _UP,
            _R,
            clause="2.2(2)",
        ),
        _d(
            "2.3",
            "primary_to_lead_income_ratio",
            "Per-capita staff income at primary institutions over the lead hospital's",
            "基层医疗卫生机构人均收入与牵头医院人均收入的比值",
            RatioOfRatios(
                Ratio("staff_income_primary", "staff_primary"),
                Ratio("staff_income_lead", "staff_lead"),
            ),
            "ratio",
            Direction.TOWARD,
            _R,
            toward=1.0,
            clause="2.3",
        ),
        _d(
            "3.1",
            "primary_visit_share",
            "Share of county visits at primary institutions",
            "县域内基层医疗卫生机构诊疗人次数占比",
            Ratio("visits_primary", "visits"),
            "percent",
            _UP,
            _R,
            clause="3.1",
        ),
        _d(
            "3.2",
            "fund_in_county_share",
            "Share of fund spending in the county (pharmacies excluded)",
            "医保基金县域内支出占比(不含药店)",
            Ratio("fund_spending_in_county_ex_pharmacy", "fund_spending_insured_ex_pharmacy"),
            "percent",
            _UP,
            _R,
            clause="3.2",
        ),
        _d(
            "3.3",
            "primary_fund_share",
            "Share of in-county fund spending at primary institutions",
            "县域内基层医疗卫生机构医保基金支出占比",
            Ratio("fund_spending_primary", "fund_spending_in_county_ex_pharmacy"),
            "percent",
            _UP,
            _R,
            clause="3.3",
        ),
        _d(
            "4.1a",
            "inpatient_cost_per_admission",
            "In-county inpatient cost per admission of the insured",
            "参保人在县域内住院人均费用",
            Ratio("inpatient_cost_insured_in_county", "admissions_insured_in_county"),
            "yuan / admission",
            _DOWN,
            _R,
            clause="4.1",
            note="The source's direction is 'contain' (控制): read as lower is better.",
        ),
        _d(
            "4.1b",
            "inpatient_cost_growth",
            "Growth of the in-county inpatient cost per admission",
            "参保人在县域内住院人均费用增长率",
            Growth(Ratio("inpatient_cost_insured_in_county", "admissions_insured_in_county")),
            "percent",
            _DOWN,
            _R,
            clause="4.1",
        ),
        _d(
            "4.2",
            "in_county_admission_share",
            "Share of the insured's admissions in the county",
            "参保人县域内住院人次占比",
            Ratio("admissions_insured_in_county", "admissions_insured_total"),
            "percent",
            _UP,
            _R,
            clause="4.2",
        ),
        _d(
            "4.3",
            "tcm_visit_share",
            "Share of county visits that are TCM",
            "县域内中医类诊疗量占比",
            Ratio("visits_tcm", "visits"),
            "percent",
            _UP,
            _R,
            clause="4.3",
        ),
        _d(
            "5.1",
            "managed_chronic_admission_rate",
            "Admission rate of managed chronic patients",
            "县域内慢性病健康管理人群住院率",
            Ratio("managed_chronic_admitted", "managed_chronic_patients"),
            "percent",
            _DOWN,
            _R,
            clause="5.1",
        ),
        _d(
            "5.2",
            "premature_ncd_mortality",
            "Premature mortality from the four NCD groups (30–70)",
            "县域内四类慢性病过早死亡率",
            PrematureMortality(),
            "percent",
            _DOWN,
            _R,
            clause="5.2",
            note="WHO SDG 3.4.1 life-table method; death rates must be annual.",
        ),
    ),
)
