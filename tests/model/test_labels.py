"""Every vocabulary is a bilingual enumeration with unique, stable codes."""

from __future__ import annotations

import inspect

import pytest

from countycare import labels
from countycare.labels import BilingualEnum, InstitutionKind, Tier

VOCABULARIES = [
    obj
    for _, obj in inspect.getmembers(labels, inspect.isclass)
    if issubclass(obj, BilingualEnum) and obj is not BilingualEnum
]


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_every_member_has_both_labels(vocabulary: type[BilingualEnum]) -> None:
    """Each member has a non-empty English and Chinese label and a snake_case code."""
    for member in vocabulary:
        assert member.en.strip() and member.zh.strip()
        assert member.value == member.value.strip().lower()
        assert any("\u4e00" <= ch <= "\u9fff" for ch in member.zh) or member.zh.isascii()
    assert len(set(vocabulary.codes())) == len(vocabulary)


def test_domain_codes_are_used_exactly() -> None:
    """The codes are those of shared/domain.md (a contract with users' files)."""
    assert set(InstitutionKind.codes()) == {
        "county_general_hospital",
        "county_tcm_hospital",
        "maternal_child_health",
        "cdc",
        "township_health_centre",
        "township_branch",
        "community_health_centre",
        "village_clinic",
        "private_hospital",
        "outside",
    }
    assert Tier.codes() == ("county", "township", "village", "outside")
    assert labels.UnifiedDimension.codes() == (
        "administration",
        "personnel",
        "finance",
        "operations",
        "performance",
        "medicines_devices",
    )
    assert labels.Autonomy.codes() == (
        "management",
        "personnel",
        "pay_distribution",
        "financial_execution",
        "primary_care_leadership",
        "fund_allocation",
    )


def test_tier_is_derived_for_every_kind() -> None:
    """Every institution kind has a tier; primary means township or village."""
    assert InstitutionKind.PRIVATE_HOSPITAL.tier is Tier.COUNTY
    assert InstitutionKind.COMMUNITY_HEALTH_CENTRE.tier.is_primary
    assert not InstitutionKind.CDC.tier.is_primary
    assert {k.tier for k in InstitutionKind} == set(Tier)


def test_label_language() -> None:
    """label() picks a language and refuses others."""
    assert Tier.VILLAGE.label("zh") == "村级"
    with pytest.raises(ValueError, match="'fr'"):
        Tier.VILLAGE.label("fr")
