"""FHIR R4B both ways: every resource validates with fhir.resources, the county and the measures
come back equal, every code resolves in a CodeSystem, bad bundles are reported by path."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from hypothesis import given, settings
from hypothesis import strategies as st

from countycare import County, load_county
from countycare.cli import main
from countycare.datasets import resource
from countycare.errors import DataError
from countycare.indicators import writing_problems
from countycare.indicators.catalogues import SETS, indicator_set
from countycare.indicators.table import MeasureTable
from countycare.io.fhir import (
    BASE,
    code_systems,
    county_from_fhir,
    county_to_fhir,
    measure_reports,
    measure_resource,
    measures_from_fhir,
    to_fhir_bundle,
)
from countycare.testing import counties, measure_tables

WANRONG_MEASURES = resource("wanrong.measures.csv")


@pytest.fixture(scope="module")
def wanrong() -> County:
    return load_county("wanrong")


@pytest.fixture(scope="module")
def wanrong_table(wanrong: County) -> MeasureTable:
    return MeasureTable.read(WANRONG_MEASURES, county=wanrong)


def _validate(resources: list[dict[str, Any]]) -> None:
    for r in resources:
        get_fhir_model_class(r["resourceType"]).model_validate(r)


def _codings(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if "system" in value and "code" in value:
            yield value
        for item in value.values():
            yield from _codings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _codings(item)


def test_the_bundle_of_wanrong_is_valid_r4b_and_gives_the_county_back(
    wanrong: County, wanrong_table: MeasureTable
) -> None:
    """The issue's demand: `export fhir wanrong --measures … --what all` writes an R4B bundle with
    Location, Organization, OrganizationAffiliation, Measure and MeasureReport; importing it
    gives back a county equal to wanrong (and the measures the reports read)."""
    bundle = to_fhir_bundle(wanrong, table=wanrong_table, what="all")
    Bundle.model_validate(bundle)
    _validate([e["resource"] for e in bundle["entry"]])
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert {
        "Location",
        "Organization",
        "OrganizationAffiliation",
        "Measure",
        "MeasureReport",
    } <= kinds
    assert county_from_fhir(bundle) == wanrong
    assert measures_from_fhir(bundle) == wanrong_table


def test_cli_export_and_import_fhir(tmp_path: Path, wanrong: County) -> None:
    """The command line does the same: export, validate with fhir.resources, import back."""
    out = tmp_path / "wanrong.fhir.json"
    assert (
        main(
            [
                "export",
                "fhir",
                "wanrong",
                "--measures",
                str(WANRONG_MEASURES),
                "--what",
                "all",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    bundle = json.loads(out.read_text(encoding="utf-8"))
    Bundle.model_validate(bundle)
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert {
        "Location",
        "Organization",
        "OrganizationAffiliation",
        "Measure",
        "MeasureReport",
    } <= kinds
    county_file, measures_file = tmp_path / "back.toml", tmp_path / "back.csv"
    assert (
        main(
            [
                "import",
                "fhir",
                str(out),
                "--out",
                str(county_file),
                "--measures-out",
                str(measures_file),
            ]
        )
        == 0
    )
    assert load_county(county_file) == wanrong
    assert MeasureTable.read(measures_file) == MeasureTable.read(WANRONG_MEASURES)


@settings(max_examples=25)
@given(counties())
def test_any_county_round_trips_and_validates(county: County) -> None:
    """For every valid county: each resource is valid R4B and the bundle reads back equal."""
    bundle = county_to_fhir(county)
    _validate([e["resource"] for e in bundle["entry"]])
    assert county_from_fhir(bundle) == county


_RATIO_SET = indicator_set("hierarchical-care-2015")
_RATIO_MEASURES = sorted({m for d in _RATIO_SET for m in d.measures})


@settings(max_examples=25)
@given(measure_tables(_RATIO_MEASURES, scopes=("small", "small-t1"), periods=("2023", "2024")))
def test_measure_reports_give_the_table_back(table: MeasureTable) -> None:
    """Every value a set reads travels in its reports' populations and comes back exactly;
    every report is valid R4B; an undefined score is absent with its reason, never 0."""
    reports = measure_reports(_RATIO_SET, table)
    _validate(reports)
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": r} for r in reports],
    }
    assert measures_from_fhir(bundle) == table
    for report in reports:
        group = report["group"][0]
        if "measureScore" not in group:
            urls = {e["url"] for e in group["extension"]}
            assert "http://hl7.org/fhir/StructureDefinition/data-absent-reason" in urls


@settings(max_examples=25)
@given(
    measure_tables(
        _RATIO_MEASURES, scopes=("small", "small-t1"), periods=("2023", "2024"), plausible=False
    )
)
def test_what_is_exported_reads_back_or_is_refused(table: MeasureTable) -> None:
    """Any drawn table, parts above their wholes and fractional counts included: the reports
    of a table no measures file may hold are refused (their values get the reader's checks),
    and what is written reads back equal — never a bundle its own reader refuses."""
    try:
        reports = measure_reports(_RATIO_SET, table)
    except DataError:
        assert writing_problems(table) != []
        return
    entries = [{"resource": r} for r in reports]
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": entries}
    assert measures_from_fhir(bundle) == table


def test_reports_refuse_a_part_above_its_whole(wanrong: County) -> None:
    """150 primary visits of 100 visits were written into reports that
    ``measures_from_fhir`` then refused; the exporter now refuses them, naming the value by
    its key, for a set's reports, a scorecard's and a bundle's alike."""
    table = MeasureTable.from_rows(
        [("wanrong", "2024", "visits", "", 100.0), ("wanrong", "2024", "visits_primary", "", 150.0)]
    )
    message = "wanrong 2024 visits_primary: 150 is more than its whole visits (100)"
    with pytest.raises(DataError, match=re.escape(message)):
        measure_reports(indicator_set("nhc-2024"), table)
    with pytest.raises(DataError, match=re.escape(message)):
        to_fhir_bundle(wanrong, table=table, what="data")
    from countycare.indicators.scorecard import build_scorecard
    from countycare.io.fhir import scorecard_reports

    card = build_scorecard(indicator_set("nhc-2024"), table, "wanrong", "2024")
    with pytest.raises(DataError, match=re.escape(message)):
        scorecard_reports(card, table, county=wanrong)


def test_measure_values_in_reports_are_checked_as_a_measures_file_is() -> None:
    """``measures_from_fhir`` read a negative value, 1e300, an unknown measure and a period
    "2024-13" as they came. Each measure value now gets the checks of a measures file's row,
    named at its extension with the part at fault."""
    table = MeasureTable.from_rows([("small", "2024", "visits", "", 5.0)])
    reports = measure_reports(_RATIO_SET, table, points=[("small", "2024")])

    def bundle_with(part: str, new: object) -> dict[str, Any]:
        bundle = {
            "resourceType": "Bundle",
            "type": "collection",
            "entry": [{"resource": copy.deepcopy(r)} for r in reports],
        }
        for extension in _measure_values(bundle):
            for x in extension["extension"]:
                if x["url"] == part:
                    x[next(k for k in x if k.startswith("value"))] = new
        return bundle

    for part, new, message in [
        ("value", -5.0, "(value): a count cannot be negative: '-5.0'"),
        ("value", 1e300, "(value): '1e+300' is larger than any real figure (at most 1e15)"),
        ("period", "2024-13", "(period): period '2024-13' is not a year"),
    ]:
        with pytest.raises(DataError, match=re.escape(message)):
            measures_from_fhir(bundle_with(part, new))
    unknown = bundle_with("measure", {"system": BASE, "code": "no_such_measure"})
    with pytest.raises(DataError, match=re.escape("(measure): unknown measure 'no_such_measure'")):
        measures_from_fhir(unknown)


def _measure_values(node: Any) -> list[dict[str, Any]]:
    """Every ``measure-value`` extension under ``node``."""
    if isinstance(node, dict):
        own = [node] if str(node.get("url", "")).endswith("/measure-value") else []
        return own + [e for v in node.values() for e in _measure_values(v)]
    if isinstance(node, list):
        return [e for v in node for e in _measure_values(v)]
    return []


@pytest.mark.parametrize(
    "definition", [d for s in SETS.values() for d in s], ids=lambda d: f"{d.set_code}/{d.code}"
)
def test_each_definition_is_a_valid_measure(definition: Any) -> None:
    """Scoring, improvement notation, populations with measure codes, validity, citation and
    status come from the definition; the Measure validates as R4B."""
    m = measure_resource(definition)
    get_fhir_model_class("Measure").model_validate(m)
    assert m["effectivePeriod"]["start"] == definition.valid_from.isoformat()
    assert m["relatedArtifact"][0]["citation"] == str(definition.reference)
    assert m["status"] == ("active" if definition.status.value == "official" else "draft")
    populations = m["group"][0].get("population", [])
    codes = [p["code"]["coding"][1]["code"] for p in populations]
    assert codes == [c.measure for c in definition.formula.components()]
    if definition.direction is not None and definition.direction.value in ("increase", "decrease"):
        assert m["improvementNotation"]["coding"][0]["code"] == definition.direction.value


def test_every_countycare_code_resolves_in_a_code_system(
    wanrong: County, wanrong_table: MeasureTable
) -> None:
    """Each Coding in a countycare system names a concept of that system's CodeSystem, which
    the bundle carries and which validates as R4B."""
    systems = {cs["url"]: {c["code"] for c in cs["concept"]} for cs in code_systems()}
    _validate(code_systems())
    bundle = to_fhir_bundle(wanrong, table=wanrong_table, what="all")
    carried = {
        e["resource"]["url"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "CodeSystem"
    }
    seen = 0
    for coding in _codings(bundle["entry"]):
        if str(coding["system"]).startswith(BASE) and "/CodeSystem/" in coding["system"]:
            assert coding["system"] in carried
            assert coding["code"] in systems[coding["system"]], coding
            seen += 1
    assert seen > 1000


def test_a_damaged_bundle_is_reported_by_path(wanrong: County) -> None:
    """A reference to nothing and an unknown kind code are named at their JSON paths."""
    bundle = copy.deepcopy(county_to_fhir(wanrong))
    entries = bundle["entry"]
    first_org = next(
        i for i, e in enumerate(entries) if e["resource"]["resourceType"] == "Organization"
    )
    entries[first_org]["resource"]["type"][0]["coding"][0]["code"] = "spaceport"
    clinic = next(
        i
        for i, e in enumerate(entries)
        if "partOf" in e["resource"] and e["resource"]["resourceType"] == "Organization"
    )
    entries[clinic]["resource"]["partOf"] = {"reference": "Organization/nowhere"}
    with pytest.raises(DataError) as caught:
        county_from_fhir(bundle, source="b.json")
    text = str(caught.value)
    assert (
        f"b.json: $.entry[{first_org}].resource.type[0]: unknown institution-kind code 'spaceport'"
        in text
    )
    assert f"$.entry[{clinic}].resource.partOf: reference 'Organization/nowhere'" in text


def test_not_a_bundle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file that is no Bundle is one located line and exit 1, no traceback."""
    path = tmp_path / "x.json"
    path.write_text('{"resourceType": "Patient"}', encoding="utf-8")
    assert main(["import", "fhir", str(path), "--out", str(tmp_path / "c.toml")]) == 1
    assert capsys.readouterr().err.strip() == f"{path}: $.resourceType: expected a FHIR Bundle"


def test_export_data_without_measures_is_a_usage_error(tmp_path: Path) -> None:
    """`--what data` on a county file with no --measures is wrong usage (exit 2)."""
    county = tmp_path / "w.toml"
    from countycare.io import dump_county

    dump_county(load_county("wanrong"), county)
    assert main(["export", "fhir", str(county), "--what", "data"]) == 2


@given(st.sampled_from(sorted(SETS)))
def test_set_option_limits_the_measures(code: str) -> None:
    """`sets=` exports the Measures of those sets only."""
    bundle = to_fhir_bundle(load_county("wanrong"), sets=[SETS[code]])
    urls = [
        e["resource"]["url"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Measure"
    ]
    assert len(urls) == len(SETS[code]) and all(f"/Measure/{code}/" in u for u in urls)


def test_a_scorecard_as_measure_reports(wanrong: County, wanrong_table: MeasureTable) -> None:
    """Each quantitative row of a scorecard is one valid MeasureReport whose score is the row's
    value in the row's unit, for the scorecard's scope and period."""
    from countycare.indicators.scorecard import build_scorecard
    from countycare.io.fhir import scorecard_reports

    card = build_scorecard(indicator_set("nhc-2024"), wanrong_table, "wanrong", "2024")
    reports = scorecard_reports(card, wanrong_table, county=wanrong)
    _validate(reports)
    rows = [r for r in card.rows if not r.definition.is_checklist]
    assert len(reports) == len(rows)
    for report, row in zip(reports, rows, strict=True):
        assert report["subject"]["identifier"]["value"] == "wanrong"
        assert report["period"] == {"start": "2024-01-01", "end": "2024-12-31"}
        score = report["group"][0].get("measureScore")
        assert (score["value"] if score else None) == row.value.value
