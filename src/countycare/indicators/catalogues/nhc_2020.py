"""Set ``nhc-2020``: the 2020 monitoring indicators of tight county medical communities.

国卫办基层发〔2020〕12号 (August 2020) set out the judging criteria (four communities, eleven
criteria) and a monitoring system of 26 indicators in four aspects: 有序就医格局基本形成
(orderly care-seeking), 县域医疗卫生服务能力提升 (county service capacity), 医疗卫生资源有效利用
(efficient use of resources) and 医保基金使用效能提升 (efficient use of the insurance fund). The
aspects are confirmed by a public summary; the list of the 26 indicators was not retrieved, so
the set ships the eleven indicators commonly attributed to it, each flagged ``reconstructed``
and numbered by its aspect only. The 2024 system superseded it: the set is in force for
2020–2023, for provinces that still report against it.
"""

from __future__ import annotations

import datetime as dt

from countycare.indicators.catalogues._build import define
from countycare.indicators.definitions import Direction, IndicatorSet, Reference
from countycare.indicators.formulas import Count, Ratio
from countycare.labels import Name, SourceStatus

__all__ = ["NHC_2020", "REFERENCE_2020"]

#: The 2020 judging criteria and monitoring indicators (trial).
REFERENCE_2020 = Reference(
    document="紧密型县域医疗卫生共同体建设评判标准和监测指标体系(试行) (Judging criteria and "
    "monitoring indicators of tight county medical communities, trial)",
    number="国卫办基层发〔2020〕12号",
    year=2020,
    issuer="国家卫生健康委办公厅、国家医保局办公室、国家中医药局办公室 "
    "(General Offices of the NHC, the NHSA and the NATCM)",
    note="Issued in August 2020; four aspects and 26 indicators. The list of the 26 was not "
    "retrieved; these are the ones commonly attributed. Superseded by the 2024 system.",
)

_d = define("nhc-2020", REFERENCE_2020, dt.date(2020, 1, 1), dt.date(2023, 12, 31))
_R = SourceStatus.RECONSTRUCTED
_UP, _DOWN = Direction.INCREASE, Direction.DECREASE
_ORDERLY, _CAPACITY, _RESOURCES, _FUND = (
    "有序就医格局基本形成 (orderly care-seeking)",
    "县域医疗卫生服务能力提升 (county service capacity)",
    "医疗卫生资源有效利用 (efficient use of resources)",
    "医保基金使用效能提升 (efficient use of the insurance fund)",
)

NHC_2020 = IndicatorSet(
    code="nhc-2020",
    name=Name(
        "Tight county medical community monitoring indicators (2020, reconstructed)",
        "紧密型县域医疗卫生共同体监测指标体系(试行, 2020)",
    ),
    reference=REFERENCE_2020,
    status=SourceStatus.RECONSTRUCTED,
    description="Four aspects, 26 indicators; the eleven commonly attributed, all reconstructed. "
    "In force 2020–2023: superseded by the 2024 system.",
    definitions=(
        _d(
            "1",
            "county_visit_rate",
            "In-county care rate",
            "县域内就诊率",
            Ratio("resident_episodes_in_county", "resident_episodes_total"),
            "percent",
            _UP,
            _R,
            clause=_ORDERLY,
        ),
        _d(
            "1",
            "primary_visit_share",
            "Share of county visits at primary institutions",
            "县域内基层医疗卫生机构诊疗量占比",
            Ratio("visits_primary", "visits"),
            "percent",
            _UP,
            _R,
            clause=_ORDERLY,
        ),
        _d(
            "1",
            "managed_chronic_rate",
            "Share of chronic patients managed at primary institutions",
            "慢病患者基层管理率",
            Ratio("managed_chronic_patients", "chronic_patients"),
            "percent",
            _UP,
            _R,
            clause=_ORDERLY,
        ),
        _d(
            "1",
            "downward_referrals",
            "Downward referrals",
            "下转患者人次",
            Count("downward_referrals"),
            "referral",
            _UP,
            _R,
            clause=_ORDERLY,
        ),
        _d(
            "2",
            "lead_grade34_surgery_share",
            "Share of the lead hospital's surgical discharges with grade 3–4 operations",
            "牵头医院出院患者三、四级手术比例",
            Ratio("lead_grade34_surgical_discharges", "lead_surgical_discharges"),
            "percent",
            _UP,
            _R,
            clause=_CAPACITY,
        ),
        _d(
            "2",
            "health_literacy",
            "Health literacy of residents",
            "居民健康素养水平",
            Ratio("health_literate_respondents", "survey_respondents"),
            "percent",
            _UP,
            _R,
            clause=_CAPACITY,
        ),
        _d(
            "3",
            "medical_service_revenue_share",
            "Share of medical service revenue",
            "医疗服务收入占比",
            Ratio("medical_service_revenue", "medical_revenue"),
            "percent",
            _UP,
            _R,
            clause=_RESOURCES,
        ),
        _d(
            "3",
            "staff_expenditure_share",
            "Staff expenditure as a share of operating expenditure",
            "人员支出占业务支出比例",
            Ratio("staff_expenditure", "operating_expenditure"),
            "percent",
            _UP,
            _R,
            clause=_RESOURCES,
        ),
        _d(
            "3",
            "consumables_per_100_yuan",
            "Health materials consumed per 100 yuan of medical revenue (drugs excluded)",
            "百元医疗收入(不含药品收入)消耗的卫生材料",
            Ratio("consumables_cost", "medical_revenue_ex_drugs"),
            "yuan / hundred_yuan",
            _DOWN,
            _R,
            clause=_RESOURCES,
        ),
        _d(
            "4",
            "fund_in_county_share",
            "Share of fund spending in the county",
            "医保基金县域内支出占比",
            Ratio("fund_spending_in_county_ex_pharmacy", "fund_spending_insured_ex_pharmacy"),
            "percent",
            _UP,
            _R,
            clause=_FUND,
        ),
        _d(
            "4",
            "primary_fund_share",
            "Share of in-county fund spending at primary institutions",
            "县域内基层医疗卫生机构医保基金支出占比",
            Ratio("fund_spending_primary", "fund_spending_in_county_ex_pharmacy"),
            "percent",
            _UP,
            _R,
            clause=_FUND,
        ),
    ),
)
