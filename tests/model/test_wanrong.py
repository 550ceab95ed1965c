"""The embedded Wanrong county carries the interview's counts and says what is illustrative."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from countycare import InstitutionKind, MembershipRole, Origin, Ownership, load_county

ROOT = Path(__file__).resolve().parents[2]


def test_counts_from_the_seed() -> None:
    """14 townships, 207 villages, 362,000 residents, 68.8 % agricultural (the interview)."""
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
    """The metadata names facts from the interview and illustrative ones, each citing a source."""
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


def test_packaged_measures_agree_with_the_library_formulas() -> None:
    """Out-of-pocket = total − fund-paid in every year of the packaged measures file.

    The file once said −4 % while its own totals gave +7 %: the figures must agree with the
    formula the library states, or the scorecard reproduces a claim by accident.
    """
    from countycare.indicators.samples import packaged_measures

    table, _ = packaged_measures("wanrong")
    for year in ("2017", "2021"):
        total = table.get("wanrong", year, "total_cost_residents")
        fund = table.get("wanrong", year, "fund_paid_residents")
        oop = table.get("wanrong", year, "out_of_pocket_residents")
        assert total is not None and fund is not None
        assert oop == pytest.approx(total - fund)


def test_packaged_measures_agree_with_the_county_model() -> None:
    """The measures file's village clinics (with an ECG) are the model's."""
    from countycare.indicators.samples import packaged_measures
    from countycare.labels import Service

    table, _ = packaged_measures("wanrong")
    clinics = [
        i for i in load_county("wanrong").institutions if i.kind is InstitutionKind.VILLAGE_CLINIC
    ]
    assert table.get("wanrong", "2024", "village_clinics") == len(clinics)
    assert table.get("wanrong", "2024", "village_clinics_with_ecg") == sum(
        Service.ECG in i.services for i in clinics
    )


def test_five_up_three_down_reproduced_from_the_packaged_figures() -> None:
    """The interview's reported changes come out of the library's formulas on the file."""
    from countycare import evaluate, indicator_set
    from countycare.indicators.samples import packaged_measures

    table, _ = packaged_measures("wanrong")
    five = indicator_set("wanrong-five-up-three-down")

    def value(code: str, year: str) -> float:
        result = evaluate(five.get(code), table, "wanrong", year).value
        assert result is not None, code
        return result

    assert value("out_of_pocket_cost", "2021") / value("out_of_pocket_cost", "2017") - 1 == (
        pytest.approx(-0.04, abs=5e-4)
    )
    assert value("actual_compensation_ratio", "2021") - value(
        "actual_compensation_ratio", "2017"
    ) == pytest.approx(4.0, abs=1e-6)
    assert value("township_outpatient_visits", "2021") / value(
        "township_outpatient_visits", "2017"
    ) - 1 == pytest.approx(0.378, abs=5e-4)


def test_committee_departments_are_not_claimed_from_the_interview() -> None:
    """人社、财政、编办、卫健 are named for Shanxi as a whole: Wanrong's list is derived."""
    from countycare.governance.files import load_governance

    gov = load_governance("wanrong")
    assert gov.committee is not None
    assert gov.committee.origin is Origin.DERIVED
