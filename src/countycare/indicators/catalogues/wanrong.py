"""Set ``wanrong-five-up-three-down``: Wanrong's 五升三降 reform goals.

From the Wanrong interview (健康县域传媒, 2022-03-28).

Five up, three down. The interview names the eight indicators and some changes; it gives no
formula, so the conventional formulas of Chinese health statistics are shipped flagged
``reconstructed``. The reported changes are claims, in :mod:`countycare.indicators.claims`.
"""

from __future__ import annotations

import datetime as dt

from countycare.indicators.catalogues._build import define
from countycare.indicators.definitions import Direction, IndicatorSet, Reference
from countycare.indicators.formulas import Count, Ratio
from countycare.labels import Name, SourceStatus

__all__ = ["REFERENCE_WANRONG", "WANRONG_FIVE_UP_THREE_DOWN"]

#: The interview with the head of the Wanrong County Medical Group, March 2022.
REFERENCE_WANRONG = Reference(
    document="直播回顾丨一体化改革,助力县域医疗资源实现“活、紧、快” "
    "(interview with 董永凯, head of the Wanrong County Medical Group)",
    year=2022,
    clause="“五升三降”",
    note="Reporter 裴燕. A press report: secondary.",
    issuer="健康县域传媒",
    date=dt.date(2022, 3, 28),
)

_d = define("wanrong-five-up-three-down", REFERENCE_WANRONG, dt.date(2017, 4, 1))
_R = SourceStatus.RECONSTRUCTED
_UP, _DOWN = Direction.INCREASE, Direction.DECREASE

WANRONG_FIVE_UP_THREE_DOWN = IndicatorSet(
    code="wanrong-five-up-three-down",
    name=Name("Wanrong: five up, three down", "万荣县“五升三降”"),
    reference=REFERENCE_WANRONG,
    status=SourceStatus.RECONSTRUCTED,
    description="The reform goals of the Wanrong County Medical Group (founded April 2017). The "
    "names come from a press interview (secondary); every formula is reconstructed, so the set "
    "as a whole is labelled reconstructed.",
    definitions=(
        _d(
            "up.1",
            "downward_referral_rate",
            "Downward referral rate",
            "县域患者下转率",
            Ratio("lead_downward_referrals", "lead_discharges"),
            "percent * referral / admission",
            _UP,
            _R,
            note=(
                "The lead hospital's completed downward referrals per its discharges, in % (units:"
                " referral / admission): numerator and denominator of the same scope. Earlier"
                " releases divided every institution's downward referrals, issued or not."
            ),
        ),
        _d(
            "up.2",
            "township_outpatient_visits",
            "Township ordinary outpatient visits",
            "卫生院普通门诊人次",
            Count("township_outpatient_visits"),
            "visit",
            _UP,
            _R,
        ),
        _d(
            "up.3",
            "actual_compensation_ratio",
            "Actual compensation ratio of insurance",
            "医保实际补偿比",
            Ratio("fund_paid_residents", "total_cost_residents"),
            "percent",
            _UP,
            _R,
        ),
        _d(
            "up.4",
            "family_doctor_contract_rate",
            "Family-doctor contract rate",
            "家庭医生签约率",
            Ratio("family_doctor_contracts", "resident_population"),
            "percent",
            _UP,
            _R,
        ),
        _d(
            "up.5",
            "health_literacy",
            "Health literacy of residents",
            "居民健康素养水平",
            Ratio("health_literate_respondents", "survey_respondents"),
            "percent",
            _UP,
            _R,
        ),
        _d(
            "down.1",
            "out_of_pocket_cost",
            "Residents' out-of-pocket cost per capita",
            "居民自付费用(人均)",
            Ratio("out_of_pocket_residents", "resident_population"),
            "yuan / person",
            _DOWN,
            _R,
        ),
        _d(
            "down.2",
            "disease_prevalence",
            "Prevalence of acute and chronic disease",
            "急慢性疾病患病率",
            Ratio("survey_cases", "survey_population"),
            "percent",
            _DOWN,
            _R,
        ),
        _d(
            "down.3",
            "out_of_county_referral_rate",
            "Out-of-county referral rate",
            "县域患者外转率",
            Ratio("out_of_county_referrals", "admissions_insured_total"),
            "percent * referral / admission",
            _DOWN,
            _R,
        ),
    ),
)
