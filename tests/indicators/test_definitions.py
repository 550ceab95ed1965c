"""Definitions: units checked when made, catalogues complete and honest about their status."""

from __future__ import annotations

import datetime as dt

import pytest

from countycare.errors import DefinitionError, UnitError
from countycare.indicators import required_measures
from countycare.indicators.answers import ChecklistAnswer
from countycare.indicators.catalogues import SETS, all_definitions, definitions_of, indicator_set
from countycare.indicators.definitions import Direction, IndicatorDefinition, Reference
from countycare.indicators.dependencies import dependency_graph, indicators_using
from countycare.indicators.formulas import Growth, PrematureMortality, Ratio, RatioOfRatios
from countycare.indicators.measures import MEASURES
from countycare.labels import Name, SourceStatus


def _define(formula: object, unit: str, **extra: object) -> IndicatorDefinition:
    fields: dict[str, object] = {
        "code": "x",
        "name": Name("X", "X"),
        "set_code": "test",
        "item": "1",
        "formula": formula,
        "unit": unit,
        "direction": Direction.INCREASE,
        "valid_from": dt.date(2024, 1, 1),
        "reference": Reference("test"),
        "status": SourceStatus.RECONSTRUCTED,
    }
    fields.update(extra)
    return IndicatorDefinition(**fields)  # type: ignore[arg-type]


def test_inconsistent_units_fail_at_definition_naming_both_units() -> None:
    """Visits over admissions cannot be declared a percentage; the message names both units."""
    with pytest.raises(UnitError) as info:
        _define(Ratio("visits", "admissions_insured_total"), "percent")
    message = str(info.value)
    assert "visit / admission" in message
    assert "'percent'" in message


def test_a_per_capita_formula_cannot_be_declared_per_admission() -> None:
    """Money per person is not money per admission, although both are yuan over a count."""
    with pytest.raises(UnitError, match="yuan / person"):
        _define(Ratio("out_of_pocket_residents", "resident_population"), "yuan / admission")


def test_a_ratio_of_ratios_reduces_to_a_pure_number() -> None:
    """(yuan/person) / (yuan/person) is dimensionless, so 'ratio' is accepted and 'yuan' is not."""
    formula = RatioOfRatios(
        Ratio("staff_income_primary", "staff_primary"), Ratio("staff_income_lead", "staff_lead")
    )
    assert _define(formula, "ratio", direction=Direction.TOWARD, toward=1.0).unit == "ratio"
    with pytest.raises(UnitError):
        _define(formula, "yuan", direction=Direction.TOWARD, toward=1.0)


def test_growth_and_mortality_are_dimensionless() -> None:
    """Growth and the probability of premature death can be percentages, never counts."""
    assert _define(Growth(Ratio("visits_primary", "visits")), "percent").unit == "percent"
    assert _define(PrematureMortality(), "percent").unit == "percent"
    with pytest.raises(UnitError):
        _define(PrematureMortality(), "death")


def test_unknown_measures_and_bands_are_refused() -> None:
    """A formula over a measure or age band the dictionary lacks cannot be written."""
    with pytest.raises(DefinitionError, match="unknown measure 'vists'"):
        Ratio("vists", "visits")
    with pytest.raises(DefinitionError, match="age band '70-74'"):
        PrematureMortality(bands=("70-74",))


def test_toward_needs_a_value_and_dates_run_forward() -> None:
    """'toward' without a value, or a validity that ends before it starts, is refused."""
    with pytest.raises(DefinitionError, match="toward"):
        _define(Ratio("visits_primary", "visits"), "percent", direction=Direction.TOWARD)
    with pytest.raises(DefinitionError, match="before valid_from"):
        _define(Ratio("visits_primary", "visits"), "percent", valid_to=dt.date(2023, 1, 1))


def test_checklist_answers_are_consistent() -> None:
    """An answer cannot be 'met' while listing missing practices."""
    with pytest.raises(DefinitionError, match="missing"):
        ChecklistAnswer("service_coordination", "met", missing=("telemedicine",))


def test_nhc_2024_has_fourteen_items_and_sixteen_codes() -> None:
    """All 14 items of the 2024 system; 2.2 and 4.1 are two codes each (domain.md §5.2)."""
    s = indicator_set("nhc-2024")
    items = {d.item.rstrip("ab") for d in s}
    assert len(items) == 14
    assert len(s) == 16
    assert {d.item for d in s if d.item.startswith(("2.2", "4.1"))} == {
        "2.2a",
        "2.2b",
        "4.1a",
        "4.1b",
    }
    assert s.codes()[:3] == (
        "unified_resource_management",
        "democratic_decision_making",
        "service_coordination",
    )


def test_status_follows_the_domain_reference() -> None:
    """2.1 and 2.2(1) are official; the 2020 set is reconstructed throughout; nothing is blank."""
    s = indicator_set("nhc-2024")
    official = {d.code for d in s if d.status is SourceStatus.OFFICIAL}
    assert official == {"stationed_physicians_per_10k", "remote_reads_per_10k"}
    assert all(d.status is SourceStatus.RECONSTRUCTED for d in indicator_set("nhc-2020"))
    for d in all_definitions():
        assert d.reference.document
        assert d.reference.year


def test_codes_follow_domain_md() -> None:
    """The codes are a contract with users' files and other tools (domain.md §5)."""
    assert indicator_set("hierarchical-care-2015").codes() == (
        "primary_standard_rate",
        "primary_visit_share",
        "county_visit_rate",
        "general_practitioners_per_10k",
        "family_doctor_contract_rate",
        "first_contact_primary_share",
        "downward_referral_growth",
        "chronic_standard_management_rate",
        "primary_tcm_visit_share",
    )
    assert set(indicator_set("wanrong-five-up-three-down").codes()) == {
        "downward_referral_rate",
        "township_outpatient_visits",
        "actual_compensation_ratio",
        "family_doctor_contract_rate",
        "health_literacy",
        "out_of_pocket_cost",
        "disease_prevalence",
        "out_of_county_referral_rate",
    }
    assert len(indicator_set("nhc-2020")) == 11
    assert [d.set_code for d in definitions_of("health_literacy")] == [
        "nhc-2020",
        "wanrong-five-up-three-down",
    ]


def test_required_measures_lists_exactly_what_the_formulas_read() -> None:
    """required_measures(set) is the union of the measures of the set's formulas."""
    for code, s in SETS.items():
        expected = {c.measure for d in s for c in d.formula.components()}
        assert required_measures(code) == frozenset(expected)
        assert required_measures(code) <= set(MEASURES)
    assert "ncd4_deaths" in required_measures("nhc-2024")
    with pytest.raises(DefinitionError, match="unknown indicator set"):
        required_measures("nhc-2099")


def test_dependency_edges_carry_typed_records() -> None:
    """Each edge holds Requires records with the role; growth reads its inputs a year back."""
    graph = dependency_graph(["nhc-2024"])
    assert not graph.has_edge(
        ("indicator", "nhc-2024", "inpatient_cost_growth"), ("measure", "visits")
    )
    records = graph.edges[
        ("indicator", "nhc-2024", "inpatient_cost_growth"),
        ("measure", "admissions_insured_in_county"),
    ]["requires"]
    assert {r.years_back for r in records} == {0, 1}
    assert ("nhc-2024", "tcm_visit_share") in indicators_using(graph, "visits_tcm")


def test_a_set_code_in_any_case_is_the_set() -> None:
    """``indicator_set("NHC-2024")`` raised "unknown indicator set" though every argument that
    takes a set (``build_scorecard``) reads its code in any case: the two agree now."""
    from countycare.indicators.catalogues import indicator_set

    for code, shipped in SETS.items():
        assert indicator_set(code.upper()) is shipped
        assert indicator_set(f" {code.title()} ") is shipped
    with pytest.raises(DefinitionError, match="unknown indicator set 'NHC-2099'"):
        indicator_set("NHC-2099")
