"""The tightness checklist: items, the practices each needs, and the shipped mapping.

Each :class:`ChecklistItem` declares the practices it needs as :class:`Requirement` groups (a
group is met when any one of its practices is satisfied, e.g. centralised accounting *or* one
account).

:data:`TIGHTNESS_ITEMS` ships the ``nhc-2024`` items 1.1–1.3 and the ``nhc-2020`` four
communities. The 2024 item names are [official] (紧密型县域医疗卫生共同体监测指标体系, 2024); which
practices answer each item is the library's reading of the official Q&A ("clear institutional
arrangements exist and have actually been implemented"), so every item's mapping is
[reconstructed] — the same status the indicator catalogue gives items 1.1–1.3. The 2020 item
texts were not retrieved: their names are [secondary] and their mapping [reconstructed].

Examples
--------
>>> item = TIGHTNESS_ITEMS[0]
>>> item.item, item.name_status.value, item.status.value
('1.1', 'official', 'reconstructed')
>>> str(item.requirements[0])
'unified_staffing_pool | county_recruited_township_used'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from countycare.calls import calls_checked
from countycare.coerce import bilingual_name, iterable_items, name_arguments, refuse, text
from countycare.errors import FieldError
from countycare.geography import valid_id
from countycare.labels import Name, SourceStatus

__all__ = ["NHC_2020", "NHC_2024", "TIGHTNESS_ITEMS", "ChecklistItem", "Requirement"]

NHC_2024 = "nhc-2024"
NHC_2020 = "nhc-2020"


def _codes(values: object) -> tuple[str, ...]:
    items = iterable_items(values, None, "a list of practice codes")
    return tuple(text(item, f"[{i}]") for i, item in enumerate(items))


def _at_least_one(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not value:
        raise FieldError(attribute.name, f"{attribute.name} must name at least one, got none")


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Requirement:
    """A group of practices of which any one suffices."""

    any_of: tuple[str, ...] = attrs.field(converter=_codes, validator=_at_least_one)

    def __str__(self) -> str:
        return " | ".join(self.any_of)


def _requirements(values: Iterable[Requirement | str | Iterable[str]]) -> tuple[Requirement, ...]:
    out = []
    for index, value in enumerate(iterable_items(values, None, "a list of requirements")):
        if isinstance(value, Requirement):
            out.append(value)
        elif isinstance(value, str):
            out.append(Requirement((value,)))
        elif isinstance(value, Iterable):
            out.append(Requirement(tuple(value)))
        else:
            raise refuse(f"[{index}]", "a requirement: a practice code or a list of them", value)
    return tuple(out)


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class ChecklistItem:
    """A qualitative checklist item and the practices it needs (the declared mapping).

    ``status`` is the status of the mapping (which practices answer the item); ``name_status``
    that of the item's name and number.
    """

    code: str = attrs.field(validator=valid_id)
    item_set: str = attrs.field(validator=valid_id)
    item: str = attrs.field(converter=text)
    name: Name = attrs.field(converter=bilingual_name)
    requirements: tuple[Requirement, ...] = attrs.field(
        converter=_requirements, validator=_at_least_one
    )
    status: SourceStatus = attrs.field(converter=SourceStatus)
    citation: str = attrs.field(converter=text)
    name_status: SourceStatus = attrs.field(
        default=SourceStatus.RECONSTRUCTED, converter=SourceStatus
    )

    def practices(self) -> tuple[str, ...]:
        """Every practice code the item mentions."""
        return tuple(code for r in self.requirements for code in r.any_of)


_Q_AND_A = (
    "国家卫生健康委, 紧密型县域医疗卫生共同体监测指标体系(2024版) and its official Q&A, items "
    "1.1-1.3 (names official; the mapping of practices to items is the library's reading)"
)
_CRITERIA_2020 = (
    "国家卫生健康委办公厅, 紧密型县域医疗卫生共同体建设评判标准, 国卫办基层发〔2020〕12号 "
    "(item text not retrieved: the mapping is the library's reading)"
)

#: The shipped checklist: nhc-2024 items 1.1–1.3 and the nhc-2020 four communities.
TIGHTNESS_ITEMS: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "unified_resource_management",
        NHC_2024,
        "1.1",
        Name("Unified resource management", "资源统一管理"),
        (
            ("unified_staffing_pool", "county_recruited_township_used"),
            "pay_balance",
            ("centralised_accounting", "single_account"),
            ("unified_formulary", "unified_procurement_distribution"),
            "shared_diagnostic_centres",
        ),
        SourceStatus.RECONSTRUCTED,
        _Q_AND_A,
        SourceStatus.OFFICIAL,
    ),
    ChecklistItem(
        "democratic_decision_making",
        NHC_2024,
        "1.2",
        Name("Internal democratic decision-making", "医共体内部民主决策"),
        (
            "group_charter",
            "members_in_decisions",
            "primary_care_representative_in_leadership",
            "lead_signs_insurance_agreement",
        ),
        SourceStatus.RECONSTRUCTED,
        _Q_AND_A,
        SourceStatus.OFFICIAL,
    ),
    ChecklistItem(
        "service_coordination",
        NHC_2024,
        "1.3",
        Name("Service coordination", "服务协同联动"),
        (
            "unified_clinical_protocols",
            "standard_referral",
            "shared_information_system",
            "telemedicine",
            "infectious_disease_early_warning",
        ),
        SourceStatus.RECONSTRUCTED,
        _Q_AND_A,
        SourceStatus.OFFICIAL,
    ),
    ChecklistItem(
        "responsibility_community",
        NHC_2020,
        "responsibility",
        Name("Community of responsibility", "责任共同体"),
        ("management_committee", "public_health_heads_in_leadership"),
        SourceStatus.RECONSTRUCTED,
        _CRITERIA_2020,
        SourceStatus.SECONDARY,
    ),
    ChecklistItem(
        "management_community",
        NHC_2020,
        "management",
        Name("Community of management", "管理共同体"),
        (
            "single_legal_representative",
            "functional_departments_manage_townships",
            ("unified_staffing_pool", "county_recruited_township_used"),
        ),
        SourceStatus.RECONSTRUCTED,
        _CRITERIA_2020,
        SourceStatus.SECONDARY,
    ),
    ChecklistItem(
        "service_community",
        NHC_2020,
        "service",
        Name("Community of service", "服务共同体"),
        ("standard_referral", "physician_stationing", "shared_diagnostic_centres"),
        SourceStatus.RECONSTRUCTED,
        _CRITERIA_2020,
        SourceStatus.SECONDARY,
    ),
    ChecklistItem(
        "interest_community",
        NHC_2020,
        "interest",
        Name("Community of interest", "利益共同体"),
        ("group_receives_funds", "global_budget_surplus_retained", "unified_appraisal_pay"),
        SourceStatus.RECONSTRUCTED,
        _CRITERIA_2020,
        SourceStatus.SECONDARY,
    ),
)
