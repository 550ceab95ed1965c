"""Set ``hierarchical-care-2015``: the pilot standards of 国办发〔2015〕70号.

The annex 分级诊疗试点工作考核评价标准 of the General Office of the State Council's guiding
opinions on hierarchical care lists the standards pilot areas were to reach by 2017 ("到2017年，
分级诊疗试点工作应当达到以下标准"). A public copy confirms its first items: 一、基层医疗卫生机构建设
达标率≥95%，基层医疗卫生机构诊疗量占总诊疗量比例≥65%; 二、…县域内就诊率提高到90%左右. Those three
ship with their item numbers (1a, 1b, 2) and their targets (in
:mod:`countycare.indicators.national_targets`).

The standard has further items — general practitioners per 10,000 residents, family-doctor
contract coverage, first contact at primary care in a two-week illness, downward transfers from
second- and third-level hospitals growing every year, standardised management of hypertension and
diabetes, TCM at primary institutions. Their wording, item numbers and thresholds could not be
confirmed against a public copy for this release: they ship as definitions numbered ``s1`` …
``s6`` (s for supplementary), flagged ``reconstructed``, without a target.

The annex gives no formula, so every formula is the conventional one, flagged ``reconstructed``.
"""

from __future__ import annotations

import datetime as dt

from countycare.indicators.catalogues._build import define
from countycare.indicators.definitions import Direction, IndicatorSet, Reference
from countycare.indicators.formulas import Count, Growth, Ratio
from countycare.labels import Name, SourceStatus

__all__ = ["HIERARCHICAL_CARE_2015", "REFERENCE_2015"]

#: The General Office of the State Council's guiding opinions on hierarchical care, 2015.
REFERENCE_2015 = Reference(
    document="国务院办公厅关于推进分级诊疗制度建设的指导意见 (Guiding Opinions on Promoting the "
    "Hierarchical Medical System)",
    number="国办发〔2015〕70号",
    year=2015,
    clause="附件: 分级诊疗试点工作考核评价标准 (pilot assessment standard)",
    url="https://www.gov.cn/zhengce/content/2015-09/11/content_10158.htm",
    issuer="国务院办公厅 (General Office of the State Council)",
    date=dt.date(2015, 9, 8),
)

_d = define("hierarchical-care-2015", REFERENCE_2015, dt.date(2015, 9, 8))
_R = SourceStatus.RECONSTRUCTED
_UP = Direction.INCREASE
_UNCONFIRMED = (
    "An item of the 2015 standard whose wording, number and threshold were not confirmed against "
    "a public copy for this release: no target ships."
)

HIERARCHICAL_CARE_2015 = IndicatorSet(
    code="hierarchical-care-2015",
    name=Name("Hierarchical care pilot assessment (2015)", "分级诊疗试点工作考核评价标准"),
    reference=REFERENCE_2015,
    status=SourceStatus.RECONSTRUCTED,
    description="Names and targets official; formulas reconstructed (the annex gives none), "
    "so the set as a whole is labelled reconstructed.",
    definitions=(
        _d(
            "1a",
            "primary_standard_rate",
            "Primary institutions meeting the construction standard",
            "基层医疗卫生机构建设达标率",
            Ratio("primary_institutions_up_to_standard", "primary_institutions"),
            "percent",
            _UP,
            _R,
            clause="附件 分级诊疗试点工作考核评价标准, 一",
        ),
        _d(
            "1b",
            "primary_visit_share",
            "Share of visits at primary institutions",
            "基层医疗卫生机构诊疗量占比",
            Ratio("visits_primary", "visits"),
            "percent",
            _UP,
            _R,
            clause="附件 分级诊疗试点工作考核评价标准, 一",
        ),
        _d(
            "2",
            "county_visit_rate",
            "In-county care rate",
            "县域内就诊率",
            Ratio("resident_episodes_in_county", "resident_episodes_total"),
            "percent",
            _UP,
            _R,
            clause="附件 分级诊疗试点工作考核评价标准, 二",
        ),
        _d(
            "s1",
            "general_practitioners_per_10k",
            "General practitioners per 10,000 residents",
            "每万名居民全科医生数",
            Ratio("general_practitioners", "resident_population"),
            "physician / ten_thousand_persons",
            _UP,
            _R,
            note=_UNCONFIRMED,
        ),
        _d(
            "s2",
            "family_doctor_contract_rate",
            "Family-doctor contract coverage",
            "家庭医生签约服务覆盖率",
            Ratio("family_doctor_contracts", "resident_population"),
            "percent",
            _UP,
            _R,
            note=_UNCONFIRMED,
        ),
        _d(
            "s3",
            "first_contact_primary_share",
            "Share of two-week illnesses first taken to primary care",
            "居民2周患病首选基层医疗卫生机构的比例",
            Ratio("survey_ill_first_primary", "survey_ill_two_weeks"),
            "percent",
            _UP,
            _R,
            note=_UNCONFIRMED + " A household survey figure.",
        ),
        _d(
            "s4",
            "downward_referral_growth",
            "Annual growth of downward transfers",
            "向基层转诊人数年增长率",
            Growth(Count("downward_referrals")),
            "percent",
            _UP,
            _R,
            note=_UNCONFIRMED + " The standard counts transfers from second- and third-level "
            "hospitals to primary and chronic-care institutions; `downward_referrals` counts every "
            "downward referral of the county.",
        ),
        _d(
            "s5",
            "chronic_standard_management_rate",
            "Hypertension and diabetes patients under standardised management",
            "高血压、糖尿病患者规范化诊疗和管理率",
            Ratio("standard_managed_chronic_patients", "chronic_patients"),
            "percent",
            _UP,
            _R,
            note=_UNCONFIRMED,
        ),
        _d(
            "s6",
            "primary_tcm_visit_share",
            "Share of primary institutions' visits that are TCM",
            "基层医疗卫生机构中医诊疗量占同类机构诊疗总量比例",
            Ratio("visits_tcm_primary", "visits_primary"),
            "percent",
            _UP,
            _R,
            note=_UNCONFIRMED,
        ),
    ),
)
