"""The practice catalogue the library ships: the six unified dimensions and the 2024 items.

Codes are stable: data files, the command line and the assessment's mapping use them. Extend the
catalogue with :meth:`~countycare.governance.practices.PracticeCatalogue.extended`.

Examples
--------
>>> len(PRACTICES.of_dimension(UnifiedDimension.FINANCE))
5
>>> PRACTICES.practice("pay_balance").name.en
'County and township pay kept in balance'
"""

from __future__ import annotations

from countycare.governance.practices import EvidenceKind, Practice, PracticeCatalogue
from countycare.labels import Name, UnifiedDimension

__all__ = ["PRACTICES"]


def _kinds(*codes: str) -> tuple[EvidenceKind, ...]:
    return tuple(EvidenceKind(c) for c in codes)


def _p(code: str, en: str, zh: str, dimension: UnifiedDimension, *kinds: str) -> Practice:
    return Practice(code, Name(en, zh), dimension, _kinds(*kinds))


_A = UnifiedDimension.ADMINISTRATION
_P = UnifiedDimension.PERSONNEL
_F = UnifiedDimension.FINANCE
_O = UnifiedDimension.OPERATIONS
_E = UnifiedDimension.PERFORMANCE
_M = UnifiedDimension.MEDICINES_DEVICES

#: The practices the library ships (Shanxi's six unified dimensions and the practices of
#: nhc-2024 items 1.1–1.3).
PRACTICES = PracticeCatalogue(
    (
        _p(
            "management_committee",
            "A management committee of county leaders and departments oversees the group",
            "成立医共体管理委员会",
            _A,
            "document",
            "interview",
        ),
        _p(
            "single_legal_representative",
            "One legal representative and one leadership team",
            "统一法人代表和领导班子",
            _A,
            "document",
        ),
        _p(
            "township_centres_as_branches",
            "Township health centres become branches of the group",
            "乡镇卫生院转为集团分院",
            _A,
            "document",
            "site",
        ),
        _p(
            "public_health_heads_in_leadership",
            "CDC, MCH and TCM hospital heads sit in the group's leadership",
            "疾控、妇幼、中医院领导进入集团领导班子",
            _A,
            "document",
            "interview",
        ),
        _p("group_charter", "A charter of the community", "医共体章程", _A, "document"),
        _p(
            "members_in_decisions",
            "Members take part in decisions on appraisal, income distribution and titles",
            "成员单位参与考核、分配、职称等决策",
            _A,
            "document",
            "interview",
        ),
        _p(
            "primary_care_representative_in_leadership",
            "A primary-care representative in the leadership",
            "领导班子中有基层代表",
            _A,
            "document",
        ),
        _p(
            "unified_staffing_pool",
            "One staffing pool across the group",
            "编制统筹使用",
            _P,
            "document",
            "data",
        ),
        _p(
            "county_recruited_township_used",
            "County-recruited staff working in townships, township-recruited in villages",
            "县聘乡用、乡聘村用",
            _P,
            "document",
            "data",
        ),
        _p(
            "physician_stationing",
            "County physicians rotate to and are stationed in townships",
            "县级医师下沉派驻乡镇",
            _P,
            "document",
            "data",
            "interview",
        ),
        _p(
            "village_doctor_insurance",
            "Village doctors' insurance paid (liability, medical, pension)",
            "为村医缴纳医责、医保、养老三险",
            _P,
            "document",
            "data",
        ),
        _p(
            "centralised_accounting",
            "Separate accounts with centralised accounting",
            "财务集中核算",
            _F,
            "document",
            "system",
        ),
        _p(
            "single_account",
            "One account for the whole group",
            "统一账户",
            _F,
            "document",
            "system",
        ),
        _p(
            "group_receives_funds",
            "The group receives and allocates insurance and public-health funds",
            "医保和公卫资金统一拨付集团统筹使用",
            _F,
            "document",
            "data",
        ),
        _p(
            "lead_signs_insurance_agreement",
            "The lead signs the insurance agreement for all members",
            "牵头医院代表全体成员签订医保协议",
            _F,
            "document",
        ),
        _p(
            "global_budget_surplus_retained",
            "Global insurance budget with surplus retained and reasonable overspend shared",
            "医保总额付费、结余留用、合理超支分担",
            _F,
            "document",
            "data",
        ),
        _p(
            "functional_departments_manage_townships",
            "The lead's functional departments also manage their township counterparts",
            "县医院职能科室管理乡镇卫生院对应科室",
            _O,
            "document",
            "interview",
        ),
        _p(
            "shared_diagnostic_centres",
            "Shared centres for imaging, ECG, laboratory, pathology and sterilisation",
            "影像、心电、检验、病理、消毒供应资源共享中心",
            _O,
            "system",
            "site",
        ),
        _p(
            "unified_clinical_protocols",
            "Unified clinical rules and norms",
            "统一诊疗规范和管理制度",
            _O,
            "document",
        ),
        _p(
            "standard_referral",
            "Standardised referral inside and outside the community, with follow-up",
            "规范双向转诊并随访",
            _O,
            "document",
            "system",
            "data",
        ),
        _p(
            "shared_information_system",
            "Shared information systems (HIS linked with health records)",
            "信息系统互联互通",
            _O,
            "system",
            "site",
        ),
        _p(
            "telemedicine",
            "Telemedicine to townships and villages: tested below, read above, results recognised",
            "基层检查、上级诊断、结果互认的远程医疗",
            _O,
            "system",
            "data",
        ),
        _p(
            "infectious_disease_early_warning",
            "Infectious-disease early warning across the group",
            "传染病监测预警",
            _O,
            "system",
            "document",
        ),
        _p(
            "unified_appraisal_pay",
            "One appraisal and pay system across the group",
            "统一绩效考核和薪酬分配",
            _E,
            "document",
            "data",
        ),
        _p(
            "pay_balance",
            "County and township pay kept in balance",
            "县乡薪酬水平统筹平衡",
            _E,
            "data",
            "document",
        ),
        _p(
            "unified_formulary",
            "One formulary: townships can dispense what the county hospital prescribes",
            "统一用药目录",
            _M,
            "document",
            "system",
        ),
        _p(
            "unified_procurement_distribution",
            "Unified procurement and distribution of medicines and devices",
            "药品耗材统一采购配送",
            _M,
            "document",
            "system",
        ),
    )
)
