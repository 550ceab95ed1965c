"""The embedded Wanrong county carries the seed's counts and says what is illustrative."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

from countycare import InstitutionKind, MembershipRole, Origin, Ownership, load_county

ROOT = Path(__file__).resolve().parents[2]


def test_counts_from_the_seed() -> None:
    """14 townships, 207 villages, 362,000 residents, 68.8 % agricultural (seed 000)."""
    county = load_county("wanrong")
    assert len(county.townships) == 14
    assert len(county.villages) == 207
    assert county.population == 362_000
    assert county.agricultural_share == 0.688


def test_institutions_from_the_seed() -> None:
    """3 county public hospitals, 17 township centres (3 branches), 274 clinics, 6 private."""
    kinds = Counter(i.kind for i in load_county("wanrong").institutions)
    hospitals = (
        InstitutionKind.COUNTY_GENERAL_HOSPITAL,
        InstitutionKind.COUNTY_TCM_HOSPITAL,
        InstitutionKind.MATERNAL_CHILD_HEALTH,
    )
    assert sum(kinds[k] for k in hospitals) == 3
    assert (
        kinds[InstitutionKind.TOWNSHIP_HEALTH_CENTRE] + kinds[InstitutionKind.TOWNSHIP_BRANCH] == 17
    )
    assert kinds[InstitutionKind.TOWNSHIP_BRANCH] == 3
    assert kinds[InstitutionKind.VILLAGE_CLINIC] == 274
    assert kinds[InstitutionKind.PRIVATE_HOSPITAL] == 6
    county = load_county("wanrong")
    assert all(
        i.ownership is Ownership.PRIVATE
        for i in county.institutions
        if i.kind is InstitutionKind.PRIVATE_HOSPITAL
    )


def test_the_group_led_by_the_peoples_hospital() -> None:
    """The group, founded April 2017, is led by the People's Hospital and has 14 member centres."""
    county = load_county("wanrong")
    group = county.community("wr-group")
    assert group.lead == "wr-cgh"
    assert county.institution("wr-cgh").kind is InstitutionKind.COUNTY_GENERAL_HOSPITAL
    roles = Counter(m.role for m in group.memberships)
    assert roles[MembershipRole.MEMBER] == 14
    assert roles[MembershipRole.VILLAGE_AFFILIATE] == 274
    assert group.founded is not None and (group.founded.year, group.founded.month) == (2017, 4)


def test_provenance_separates_source_from_illustration() -> None:
    """The metadata names facts from the seed and illustrative ones, each citing a known source."""
    provenance = load_county("wanrong").provenance
    assert provenance.from_source() and provenance.illustrative()
    assert any("362,000" in f.statement for f in provenance.from_source())
    assert any("beds" in f.subject for f in provenance.facts if f.origin is Origin.ILLUSTRATIVE)


def test_packaged_file_is_what_the_builder_builds() -> None:
    """The packaged TOML has not drifted from tools/build_wanrong.py."""
    spec = importlib.util.spec_from_file_location(
        "build_wanrong", ROOT / "tools" / "build_wanrong.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == load_county("wanrong")
