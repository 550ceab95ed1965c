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
    """The codes are a contract with users' files: they never change once shipped."""
    assert set(InstitutionKind.codes()) == {
        "county_general_hospital",
        "county_tcm_hospital",
        "maternal_child_health",
        "cdc",
        "township_health_centre",
        "township_branch",
        "community_health_centre",
        "community_health_station",
        "village_clinic",
        "clinic",
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
    """Every institution kind has its tiers (one, or village or township for a clinic); a kind
    is primary (基层, as NHC statistics count) exactly when its tiers are township or village, so
    that deciding primary by kind and by tier never disagree."""
    assert InstitutionKind.PRIVATE_HOSPITAL.tier is Tier.COUNTY
    assert InstitutionKind.COMMUNITY_HEALTH_STATION.tier is Tier.VILLAGE
    assert InstitutionKind.CLINIC.tier is None
    assert InstitutionKind.CLINIC.tiers == {Tier.TOWNSHIP, Tier.VILLAGE}
    assert {t for k in InstitutionKind for t in k.tiers} == set(Tier)
    for kind in InstitutionKind:
        assert kind.is_primary == all(t.is_primary for t in kind.tiers), kind
    assert not InstitutionKind.CDC.is_primary and not InstitutionKind.PRIVATE_HOSPITAL.is_primary


def test_label_language() -> None:
    """label() picks a language and refuses others."""
    assert Tier.VILLAGE.label("zh") == "村级"
    with pytest.raises(ValueError, match="'fr'"):
        Tier.VILLAGE.label("fr")
