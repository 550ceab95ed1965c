"""Bilingual vocabularies: every enumeration in the model carries English and Chinese labels.

Each member's value is its stable code (the string used in files, on the command line and in
JSON); ``.en`` and ``.zh`` are its labels. Codes are stable between versions.

Examples
--------
>>> from countycare.labels import Tier
>>> Tier.TOWNSHIP.value, Tier.TOWNSHIP.en, Tier.TOWNSHIP.zh
('township', 'Township', '乡级')
>>> Tier("village") is Tier.VILLAGE
True
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

import attrs

from countycare.calls import calls_checked

__all__ = [
    "Autonomy",
    "BilingualEnum",
    "CapabilityGrade",
    "CareSetting",
    "InstitutionKind",
    "ItemStatus",
    "MembershipRole",
    "Name",
    "Ownership",
    "ReferralDirection",
    "ReferralStatus",
    "Service",
    "SourceStatus",
    "Tier",
    "UnifiedDimension",
]


class BilingualEnum(StrEnum):
    """An enumeration whose members are codes with an English and a Chinese label.

    Members are declared as ``NAME = ("code", "English label", "中文标签")``; the member's value
    (and its string form) is the code.
    """

    _value_: str
    en: str
    zh: str

    def __new__(cls, code: str, en: str = "", zh: str = "") -> Self:
        member = str.__new__(cls, code)
        member._value_ = code
        member.en = en or code
        member.zh = zh or code
        return member

    @classmethod
    def _missing_(cls, value: object) -> Self:
        """Codes in any case and unambiguous labels name members too; else a suggestion.

        >>> Tier("Township") is Tier("乡级") is Tier.TOWNSHIP
        True
        """
        from countycare.coerce import vocabulary  # coerce imports errors, which imports labels

        return vocabulary(cls, value)

    def label(self, language: str = "en") -> str:
        """Return the label in ``language`` (``"en"`` or ``"zh"``).

        >>> Tier.COUNTY.label("zh")
        '县级'
        """
        if language == "en":
            return self.en
        if language == "zh":
            return self.zh
        from countycare.errors import ArgumentError  # errors builds on this module

        raise ArgumentError("language", f"expected 'en' or 'zh', got {language!r}")

    @classmethod
    def codes(cls) -> tuple[str, ...]:
        """All codes of this vocabulary, in declaration order."""
        return tuple(member.value for member in cls)


class Tier(BilingualEnum):
    """The tier of the three-level county network (县乡村三级), plus providers outside it."""

    COUNTY = ("county", "County", "县级")
    TOWNSHIP = ("township", "Township", "乡级")
    VILLAGE = ("village", "Village", "村级")
    OUTSIDE = ("outside", "Outside the county", "县外")

    @property
    def is_primary(self) -> bool:
        """Whether the tier is primary care (基层): the township and village tiers."""
        return self in (Tier.TOWNSHIP, Tier.VILLAGE)

    @property
    def rank(self) -> int:
        """Height in the referral hierarchy: village 0, township 1, county 2, outside 3."""
        return _TIER_RANK[self]


_TIER_RANK = {Tier.VILLAGE: 0, Tier.TOWNSHIP: 1, Tier.COUNTY: 2, Tier.OUTSIDE: 3}


class InstitutionKind(BilingualEnum):
    """Kinds of institution in a county health system.

    Each kind has one tier (``tier``), except clinics (诊所、医务室、门诊部), whose tier is that of
    the place they sit in — village or township — and is given on the institution
    (``Institution.sited_tier``). ``is_primary`` follows the NHC statistical category of primary
    institutions (基层医疗卫生机构): community health service centres and stations, township
    health centres (and branches), village clinics, and clinics, infirmaries and outpatient
    departments, mostly private — so that county figures compare with national ones, such as the
    2024 primary visit share, which include them.

    >>> InstitutionKind.CLINIC.tier is None, sorted(t.value for t in InstitutionKind.CLINIC.tiers)
    (True, ['township', 'village'])
    >>> InstitutionKind.COMMUNITY_HEALTH_STATION.tier.value, InstitutionKind.CLINIC.is_primary
    ('village', True)
    >>> InstitutionKind.PRIVATE_HOSPITAL.is_primary
    False
    """

    COUNTY_GENERAL_HOSPITAL = ("county_general_hospital", "County general hospital", "县人民医院")
    COUNTY_TCM_HOSPITAL = ("county_tcm_hospital", "County TCM hospital", "县中医医院")
    MATERNAL_CHILD_HEALTH = (
        "maternal_child_health",
        "County maternal and child health hospital",
        "县妇幼保健院",
    )
    CDC = ("cdc", "County centre for disease control", "县疾病预防控制中心")
    TOWNSHIP_HEALTH_CENTRE = ("township_health_centre", "Township health centre", "乡镇卫生院")
    TOWNSHIP_BRANCH = ("township_branch", "Township health centre branch", "乡镇卫生院分院")
    COMMUNITY_HEALTH_CENTRE = (
        "community_health_centre",
        "Community health centre",
        "社区卫生服务中心",
    )
    COMMUNITY_HEALTH_STATION = (
        "community_health_station",
        "Community health station",
        "社区卫生服务站",
    )
    VILLAGE_CLINIC = ("village_clinic", "Village clinic", "村卫生室")
    CLINIC = (
        "clinic",
        "Clinic, infirmary or outpatient department",
        "诊所、医务室、门诊部",
    )
    PRIVATE_HOSPITAL = ("private_hospital", "Private hospital", "民营医院")
    OUTSIDE = ("outside", "Provider outside the county", "县外医疗机构")

    @property
    def tier(self) -> Tier | None:
        """The tier this kind of institution belongs to; None where it depends on location."""
        tiers = _KIND_TIERS[self]
        return next(iter(tiers)) if len(tiers) == 1 else None

    @property
    def tiers(self) -> frozenset[Tier]:
        """The tiers an institution of this kind may have (one, except for clinics)."""
        return _KIND_TIERS[self]

    @property
    def is_primary(self) -> bool:
        """Whether this kind is a primary institution (基层医疗卫生机构) in NHC statistics."""
        return self in _PRIMARY_KINDS


_KIND_TIERS: dict[InstitutionKind, frozenset[Tier]] = {
    InstitutionKind.COUNTY_GENERAL_HOSPITAL: frozenset({Tier.COUNTY}),
    InstitutionKind.COUNTY_TCM_HOSPITAL: frozenset({Tier.COUNTY}),
    InstitutionKind.MATERNAL_CHILD_HEALTH: frozenset({Tier.COUNTY}),
    InstitutionKind.CDC: frozenset({Tier.COUNTY}),
    InstitutionKind.TOWNSHIP_HEALTH_CENTRE: frozenset({Tier.TOWNSHIP}),
    InstitutionKind.TOWNSHIP_BRANCH: frozenset({Tier.TOWNSHIP}),
    InstitutionKind.COMMUNITY_HEALTH_CENTRE: frozenset({Tier.TOWNSHIP}),
    InstitutionKind.COMMUNITY_HEALTH_STATION: frozenset({Tier.VILLAGE}),
    InstitutionKind.VILLAGE_CLINIC: frozenset({Tier.VILLAGE}),
    InstitutionKind.CLINIC: frozenset({Tier.TOWNSHIP, Tier.VILLAGE}),
    InstitutionKind.PRIVATE_HOSPITAL: frozenset({Tier.COUNTY}),
    InstitutionKind.OUTSIDE: frozenset({Tier.OUTSIDE}),
}

#: The NHC statistical category of primary institutions (基层医疗卫生机构).
_PRIMARY_KINDS = frozenset(
    {
        InstitutionKind.TOWNSHIP_HEALTH_CENTRE,
        InstitutionKind.TOWNSHIP_BRANCH,
        InstitutionKind.COMMUNITY_HEALTH_CENTRE,
        InstitutionKind.COMMUNITY_HEALTH_STATION,
        InstitutionKind.VILLAGE_CLINIC,
        InstitutionKind.CLINIC,
    }
)


class Ownership(BilingualEnum):
    """Who owns an institution."""

    PUBLIC = ("public", "Public", "公立")
    PRIVATE = ("private", "Private", "民营")


class MembershipRole(BilingualEnum):
    """The role an institution plays in a medical community (医共体)."""

    LEAD = ("lead", "Lead institution", "牵头单位")
    MEMBER = ("member", "Member", "成员单位")
    BRANCH = ("branch", "Branch", "分院")
    VILLAGE_AFFILIATE = ("village_affiliate", "Village affiliate", "乡村一体化村卫生室")


class UnifiedDimension(BilingualEnum):
    """The six dimensions of unified management (六统一), Shanxi."""

    ADMINISTRATION = ("administration", "Administration", "行政")
    PERSONNEL = ("personnel", "Personnel", "人员")
    FINANCE = ("finance", "Finance", "资金")
    OPERATIONS = ("operations", "Operations", "业务")
    PERFORMANCE = ("performance", "Performance", "绩效")
    MEDICINES_DEVICES = ("medicines_devices", "Medicines and devices", "药械")


class Autonomy(BilingualEnum):
    """The six autonomies granted to a medical group (the Wanrong interview, 2022-03-28)."""

    MANAGEMENT = ("management", "Management autonomy", "管理自主权")
    PERSONNEL = ("personnel", "Personnel management autonomy", "人事管理自主权")
    PAY_DISTRIBUTION = ("pay_distribution", "Pay distribution autonomy", "薪酬分配自主权")
    FINANCIAL_EXECUTION = ("financial_execution", "Financial execution authority", "财务管理执行权")
    PRIMARY_CARE_LEADERSHIP = (
        "primary_care_leadership",
        "Leadership over primary care management",
        "基层管理主导权",
    )
    FUND_ALLOCATION = (
        "fund_allocation",
        "Control of insurance and public-health funds",
        "医保和公卫资金支配权",
    )


class Service(BilingualEnum):
    """Services an institution offers (the ones the sources and standards name)."""

    TCM_HALL = ("tcm_hall", "TCM hall", "中医馆")
    IMAGING = ("imaging", "Imaging", "影像")
    CT = ("ct", "CT", "CT")
    MRI = ("mri", "MRI", "磁共振")
    ULTRASOUND = ("ultrasound", "Ultrasound", "超声")
    ECG = ("ecg", "ECG", "心电图")
    LABORATORY = ("laboratory", "Laboratory", "检验")
    OPHTHALMOLOGY = ("ophthalmology", "Ophthalmology", "眼科")
    GYNAECOLOGY = ("gynaecology", "Gynaecology", "妇科")
    PAEDIATRICS = ("paediatrics", "Paediatrics", "儿科")
    EMERGENCY = ("emergency", "Emergency care", "急诊")
    INPATIENT = ("inpatient", "Inpatient care", "住院")
    CHRONIC_DISEASE_MANAGEMENT = (
        "chronic_disease_management",
        "Chronic disease management",
        "慢病管理",
    )
    REHABILITATION = ("rehabilitation", "Rehabilitation", "康复")
    ELDERLY_CARE = ("elderly_care", "Integrated elderly care", "医养结合")
    PUBLIC_HEALTH = ("public_health", "Basic public health services", "基本公共卫生服务")


class CapabilityGrade(BilingualEnum):
    """Grade against the national service-capability standards (服务能力标准)."""

    RECOMMENDED = ("recommended", "Meets the recommended standard", "达到推荐标准")
    BASIC = ("basic", "Meets the basic standard", "达到基本标准")
    QUALIFIED = ("qualified", "Qualified", "合格")
    BELOW = ("below", "Below standard", "未达标")


class SourceStatus(BilingualEnum):
    """How far a definition or figure can be trusted."""

    OFFICIAL = ("official", "Official", "官方")
    SECONDARY = ("secondary", "Secondary source", "二手来源")
    RECONSTRUCTED = ("reconstructed", "Reconstructed", "重构")


class ItemStatus(BilingualEnum):
    """The answer to a qualitative item: met, not met, or unknown (not enough recorded to tell).

    Unknown is not "not met": an item whose missing practices are only unrecorded (or recorded
    without the evidence the rule requires) cannot be judged until they are recorded.
    """

    MET = ("met", "Met", "达到")
    NOT_MET = ("not_met", "Not met", "未达到")
    UNKNOWN = ("unknown", "Unknown: cannot tell from what is recorded", "无法判断")


class ReferralDirection(BilingualEnum):
    """Direction of a referral, from the tiers of its two ends."""

    UP = ("up", "Upward", "上转")
    DOWN = ("down", "Downward", "下转")
    LATERAL = ("lateral", "Lateral", "平转")
    OUT = ("out", "Out of county", "外转")
    IN = ("in", "Into the county", "转入")


class CareSetting(BilingualEnum):
    """The setting of an encounter or a referral."""

    OUTPATIENT = ("outpatient", "Outpatient", "门诊")
    EMERGENCY = ("emergency", "Emergency", "急诊")
    INPATIENT = ("inpatient", "Inpatient", "住院")


class ReferralStatus(BilingualEnum):
    """Whether a referral was completed."""

    COMPLETED = ("completed", "Completed", "已完成")
    CANCELLED = ("cancelled", "Cancelled", "已取消")
    PENDING = ("pending", "Pending", "待处理")


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        from countycare.errors import FieldError  # errors imports labels: import here

        raise FieldError(attribute.name, f"{attribute.name} must not be empty, got {value!r}")


def _english(value: object) -> str:
    from countycare.coerce import text  # coerce imports errors, which imports labels

    return text(value, "en")


def _chinese(value: object) -> str:
    from countycare.coerce import text

    return text(value, "zh")


@calls_checked
@attrs.frozen
class Name:
    """The bilingual name of an area, institution or body.

    >>> Name(en="Wanrong County", zh="万荣县")
    Name(en='Wanrong County', zh='万荣县')
    """

    en: str = attrs.field(converter=_english, validator=_non_empty)
    zh: str = attrs.field(converter=_chinese, validator=_non_empty)

    def __str__(self) -> str:
        return f"{self.en} ({self.zh})"
