"""Set ``nhc-2020``: indicators attributed to the 2020 monitoring system (国卫办基层发〔2020〕12号).

The 2020 system has four aspects and 26 indicators, but its list was not retrieved: every
definition here is flagged ``reconstructed`` and its item number is the aspect only. Shipped so
that provinces still assessing against 2020 can use them.
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
    note="The list of 26 indicators was not retrieved; these are the ones commonly attributed.",
)

_d = define("nhc-2020", REFERENCE_2020, dt.date(2020, 1, 1))
_R = SourceStatus.RECONSTRUCTED
_UP, _DOWN = Direction.INCREASE, Direction.DECREASE
_ORDERLY, _CAPACITY, _RESOURCES, _FUND = (
    "orderly care-seeking",
    "county service capacity",
    "resource use",
    "insurance fund efficiency",
)

NHC_2020 = IndicatorSet(
    code="nhc-2020",
    name=Name(
        "Tight county medical community monitoring indicators (2020, reconstructed)",
        "紧密型县域医疗卫生共同体监测指标体系(试行, 2020)",
    ),
    reference=REFERENCE_2020,
    status=SourceStatus.RECONSTRUCTED,
    description="Four aspects, 26 indicators; the eleven commonly attributed, all reconstructed.",
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
