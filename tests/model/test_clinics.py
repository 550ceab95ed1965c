"""Clinics and community health stations: the primary institutions NHC statistics count.

NHC statistics count as primary (基层医疗卫生机构) community health service centres and stations,
township health centres, village clinics, and clinics, infirmaries and outpatient departments
(诊所、医务室、门诊部, mostly private); the national 2024 primary visit share (63.4 %) includes
them. These tests protect that the library counts them so everywhere, and that the rules for
village clinics run by township centres never wrongly apply to a private clinic.
"""

from __future__ import annotations

import attrs
import pytest

from countycare.community import County
from countycare.errors import DataError, FieldError
from countycare.indicators.rollup import roll_up
from countycare.indicators.table import MeasureTable
from countycare.institutions import Institution
from countycare.labels import InstitutionKind, Name, Ownership, Tier
from countycare.records.county_index import CountyIndex
from countycare.testing.measures import small_county
from countycare.validation import validate_county


def _clinic(ident: str, area: str, tier: Tier) -> Institution:
    return Institution(
        ident,
        Name("Li's clinic", "李氏诊所"),
        InstitutionKind.CLINIC,
        Ownership.PRIVATE,
        area,
        sited_tier=tier,
    )


def _station() -> Institution:
    return Institution(
        "t2-chs",
        Name("Community health station", "社区卫生服务站"),
        InstitutionKind.COMMUNITY_HEALTH_STATION,
        Ownership.PUBLIC,
        "t2-v1",
    )


def _county_with_clinics() -> County:
    county = small_county()
    extra = (_clinic("t1-cl", "t1", Tier.TOWNSHIP), _clinic("t2-cl", "t2-v1", Tier.VILLAGE))
    return attrs.evolve(county, institutions=(*county.institutions, *extra, _station()))


def test_a_clinic_takes_the_tier_of_its_place_and_is_primary() -> None:
    """A clinic's tier is the one given for where it sits; it and a station are primary."""
    assert _clinic("a", "t1", Tier.TOWNSHIP).tier is Tier.TOWNSHIP
    assert _clinic("a", "t1-v1", Tier.VILLAGE).is_primary
    assert _station().tier is Tier.VILLAGE and _station().is_primary
    with pytest.raises(FieldError, match="give sited_tier"):
        Institution("a", Name("c", "诊所"), InstitutionKind.CLINIC, Ownership.PRIVATE, "t1")
    with pytest.raises(FieldError, match="not 'county'"):
        _clinic("a", "t1", Tier.COUNTY)
    with pytest.raises(FieldError, match="always township tier"):
        Institution(
            "a",
            Name("c", "卫生院"),
            InstitutionKind.TOWNSHIP_HEALTH_CENTRE,
            Ownership.PUBLIC,
            "t1",
            sited_tier=Tier.TOWNSHIP,
        )


def test_village_clinic_rules_do_not_apply_to_private_clinics() -> None:
    """A private clinic needs no parent and may sit in a township; only a mismatch between its
    tier and its place is an error. A village clinic may not be run by a private clinic."""
    county = _county_with_clinics()
    assert [p for p in validate_county(county) if p.severity.value == "error"] == []
    wrong = attrs.evolve(
        county,
        institutions=(*county.institutions[:-3], _clinic("t1-cl", "t1-v1", Tier.TOWNSHIP)),
    )
    messages = [p.message for p in validate_county(wrong)]
    assert any("sited_tier 'township' but sits in 't1-v1'" in m for m in messages)
    run_by_clinic = attrs.evolve(
        county,
        institutions=tuple(
            attrs.evolve(i, parent="t1-cl") if i.id == "t1-vc" else i for i in county.institutions
        ),
    )
    messages = [p.message for p in validate_county(run_by_clinic)]
    assert any("is run by 't1-cl', a clinic" in m for m in messages)


def test_clinics_count_in_primary_visits_but_not_in_township_outpatient_visits() -> None:
    """visits_primary (诊疗人次 at primary institutions) includes clinics and stations, as the
    national figures do; township_outpatient_visits is the health centres' own."""
    county = _county_with_clinics()
    rows = [
        ("c", "2024", "visits", "", 100.0),
        ("t1-thc", "2024", "visits", "", 40.0),
        ("t1-vc", "2024", "visits", "", 10.0),
        ("t2-thc", "2024", "visits", "", 30.0),
        ("t1-cl", "2024", "visits", "", 7.0),
        ("t2-cl", "2024", "visits", "", 5.0),
        ("t2-chs", "2024", "visits", "", 3.0),
    ]
    up = roll_up(MeasureTable.from_rows(rows), county)
    assert up.get("small", "2024", "visits") == 195.0
    assert up.get("small", "2024", "visits_primary") == 95.0
    with pytest.raises(DataError, match="clinic, township tier"):
        roll_up(
            MeasureTable.from_rows([("t1-cl", "2024", "township_outpatient_visits", "", 1.0)]),
            county,
        )


def test_the_records_engine_decides_primary_as_the_model_does() -> None:
    """The engine's institution lookup marks clinics and stations primary, not as centres."""
    table = CountyIndex(_county_with_clinics()).institutions_table().to_pylist()
    rows = {r["institution_id"]: r for r in table}
    assert rows["t1-cl"]["is_primary"] and rows["t2-chs"]["is_primary"]
    assert not rows["t1-cl"]["is_township_centre"]
    assert not rows["t2-cl"]["is_village_clinic"]
    assert not rows["c"]["is_primary"]


def test_a_clinic_survives_a_fhir_round_trip() -> None:
    """A clinic's tier is not its kind's: the FHIR reader takes it back from the tier coding."""
    from countycare.io.fhir import county_from_fhir, county_to_fhir

    county = _county_with_clinics()
    back = county_from_fhir(county_to_fhir(county))
    assert back == county
    assert back.institution("t1-cl").tier is Tier.TOWNSHIP
    assert back.institution("t2-cl").tier is Tier.VILLAGE
