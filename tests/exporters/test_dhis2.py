"""DHIS2 both ways: the metadata passes DHIS2's documented structure (UIDs, required fields,
references, expression grammar), data values round-trip a measures table by UID or code, in
JSON and in DHIS2's CSV, and bad rows are reported where they are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from countycare import County, load_county
from countycare.cli import main
from countycare.datasets import resource
from countycare.errors import ArgumentError, DataError
from countycare.indicators import writing_problems
from countycare.indicators.measures import MEASURES, Measure
from countycare.indicators.table import MeasureTable
from countycare.io.dhis2 import (
    UID_PATTERN,
    Ids,
    IdScheme,
    aggregation_type,
    derive_uid,
    from_data_value_set,
    from_dhis2_csv,
    mapping_from_metadata,
    metadata_package,
    read_mapping,
    to_data_value_set,
    value_type,
)
from countycare.testing import counties, measure_tables

from .dhis2_schema import data_value_set_problems, expression_problems, metadata_problems

WANRONG_MEASURES = resource("wanrong.measures.csv")


@pytest.fixture(scope="module")
def wanrong() -> County:
    return load_county("wanrong")


def test_cli_export_dhis2_wanrong_all(tmp_path: Path, wanrong: County) -> None:
    """The issue's demand: `export dhis2 wanrong --what all` writes metadata with one org unit
    per area and institution, indicators whose expressions name existing data elements, UIDs
    of DHIS2's pattern, and data values that import back into the same measures table."""
    out = tmp_path / "wanrong.dhis2.json"
    assert main(["export", "dhis2", "wanrong", "--what", "all", "--out", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    metadata, data = document["metadata"], document["dataValueSet"]
    assert metadata_problems(metadata) == []
    assert data_value_set_problems(data, metadata) == []
    codes = {u["code"] for u in metadata["organisationUnits"]}
    areas = {wanrong.id} | {t.id for t in wanrong.townships} | {v.id for v in wanrong.villages}
    assert codes == areas | {i.id for i in wanrong.institutions}
    assert len(metadata["organisationUnits"]) == len(codes)
    elements = {e["id"] for e in metadata["dataElements"]}
    for indicator in metadata["indicators"]:
        assert expression_problems(indicator["numerator"], elements, set()) == []
        assert "#{" in indicator["numerator"] + indicator["denominator"]
    back = tmp_path / "back.csv"
    assert main(["import", "dhis2", str(out), "--out", str(back)]) == 0
    assert MeasureTable.read(back) == MeasureTable.read(WANRONG_MEASURES)


def test_ids_refuse_a_mapping_that_is_no_mapping_of_uids() -> None:
    """``Ids("x")``, ``Ids(None)`` or an entry that is no UID raised a raw ``TypeError`` or
    ``ValueError`` (or wrote the bad UID into the document); each is an ``ArgumentError``
    naming the entry, as ``read_mapping`` names a bad row of a file."""
    with pytest.raises(ArgumentError, match=r"^mapping: expected a mapping of codes"):
        Ids("x")  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=r"^mapping\['visits'\]: expected a DHIS2 UID"):
        Ids({"visits": "not-a-uid"})
    assert Ids({"visits": "Abcdefghijk"}).uid("dataElement", "visits") == "Abcdefghijk"


def test_uids_are_stable_and_of_dhis2_form(wanrong: County) -> None:
    """Two runs give identical metadata; every id matches DHIS2's UID pattern."""
    first = metadata_package(wanrong).document
    assert first == metadata_package(wanrong).document
    for objects in first.values():
        for obj in objects:
            assert UID_PATTERN.match(obj["id"])


@given(st.text(min_size=1, max_size=40), st.sampled_from(["dataElement", "organisationUnit"]))
def test_derived_uids_match_the_pattern(code: str, kind: str) -> None:
    """Any code gives an 11-character UID: a letter, then letters and digits."""
    assert UID_PATTERN.match(derive_uid(kind, code))


@settings(max_examples=20)
@given(counties())
def test_metadata_of_any_county_is_valid(county: County) -> None:
    """Every valid county's metadata passes the checker; levels follow the tree."""
    doc = metadata_package(county).document
    assert metadata_problems(doc) == []
    by_id = {u["id"]: u for u in doc["organisationUnits"]}
    for unit in doc["organisationUnits"]:
        if "parent" in unit:
            assert unit["level"] == by_id[unit["parent"]["id"]]["level"] + 1
        else:
            assert unit["level"] == 1


def test_measure_semantics_choose_aggregation_and_value_type() -> None:
    """Flows sum; stocks average or take the last value per their period rule; money and
    averaged stocks are NUMBER, whole counted things INTEGER_ZERO_OR_POSITIVE."""
    visits, population, clinics = MEASURES["visits"], MEASURES["resident_population"], None
    clinics = next(m for m in MEASURES.values() if m.period_rule.value == "last")
    assert (aggregation_type(visits), value_type(visits)) == ("SUM", "INTEGER_ZERO_OR_POSITIVE")
    assert aggregation_type(population) == "AVERAGE_SUM_ORG_UNIT"
    assert value_type(population) == "NUMBER"
    assert aggregation_type(clinics) == "LAST"
    money = next(m for m in MEASURES.values() if m.unit == "yuan")
    assert value_type(money) == "NUMBER"


def test_factors_and_expressions(wanrong: County) -> None:
    """Percentages use the factor-100 type, per-10,000 rates 10,000; growth uses periodOffset;
    the banded premature mortality is listed as skipped, not silently dropped."""
    package = metadata_package(wanrong)
    doc = package.document
    factors = {t["id"]: t["factor"] for t in doc["indicatorTypes"]}
    assert set(factors.values()) == {1, 100, 10000}
    by_code = {i["code"]: i for i in doc["indicators"]}
    assert factors[by_code["primary_visit_share"]["indicatorType"]["id"]] == 100
    growth = [i for i in doc["indicators"] if "periodOffset" in i["numerator"]]
    assert growth
    assert any("premature_ncd_mortality" in w.path for w in package.skipped)
    assert "premature_ncd_mortality" not in by_code


def _integral(table: MeasureTable) -> MeasureTable:
    """Whole values for whole-number data elements (DHIS2 would reject fractions there)."""
    rows = []
    for row in table.rows():
        m: Measure = MEASURES[row.measure]
        value = float(round(row.value)) if value_type(m) != "NUMBER" else row.value
        rows.append((row.scope, row.period, row.measure, row.category, value))
    return MeasureTable.from_rows(rows)


_MEASURES = ["visits", "visits_primary", "ncd4_deaths", "population_by_age", "resident_population"]
_tables = measure_tables(
    _MEASURES, scopes=("small", "small-t1"), periods=("2023", "2024Q2", "2024-03")
).map(_integral)


@settings(max_examples=40)
@given(_tables, st.sampled_from(list(IdScheme)))
def test_data_values_round_trip(table: MeasureTable, scheme: IdScheme) -> None:
    """Table → dataValueSet → table is the identity, by UID (resolved with the metadata's
    codes) or by code; the document passes the checker."""
    ids = Ids(
        {
            "organisationUnit:small": derive_uid("organisationUnit", "small"),
            "organisationUnit:small-t1": derive_uid("organisationUnit", "small-t1"),
        }
    )
    doc = to_data_value_set(table, ids=ids, scheme=scheme)
    assert data_value_set_problems(doc) == []
    assert from_data_value_set(doc, ids=ids) == table


@settings(max_examples=40)
@given(_tables)
def test_csv_form_round_trips(table: MeasureTable) -> None:
    """DHIS2's CSV (header, default attribute combo column) reads back to the same table."""
    ids = Ids({"small": "Sm000000001", "small-t1": "Sm000000002"})
    doc = to_data_value_set(table, ids=ids)
    default = "HllvX50cXC0"  # an instance's default category option combo
    lines = ["dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated"]
    for v in doc["dataValues"]:
        combo = v.get("categoryOptionCombo", default)
        cells = [v["dataElement"], v["period"], v["orgUnit"], combo, default, v["value"]]
        lines.append(",".join([*cells, "admin", "2024-05-01"]))
    assert from_dhis2_csv("\n".join(lines), ids=ids) == table


def test_bad_values_are_located() -> None:
    """A non-number, an unknown UID, a period DHIS2 has but countycare does not, and a
    missing field: each reported at its place, together."""
    doc = {
        "dataValues": [
            {"dataElement": "visits", "period": "2024", "orgUnit": "wanrong", "value": "many"},
            {"dataElement": "Abcdefghijk", "period": "2024", "orgUnit": "wanrong", "value": "1"},
            {"dataElement": "visits", "period": "2024W3", "orgUnit": "wanrong", "value": "1"},
            {"dataElement": "visits", "orgUnit": "wanrong", "value": "1"},
        ],
        "orgUnitIdScheme": "CODE",
    }
    with pytest.raises(DataError) as caught:
        from_data_value_set(doc, source="d.json")
    text = str(caught.value)
    assert "d.json: $.dataValues[0].value: not a number: 'many'" in text
    assert "$.dataValues[1].dataElement: unknown dataElement 'Abcdefghijk'" in text
    assert "$.dataValues[2].period: period '2024W3' is not a year, quarter or month" in text
    assert "$.dataValues[3]: missing period" in text


def test_a_value_no_measures_file_would_take_is_refused_at_its_place() -> None:
    """A negative count and 1e300 visits were read from a data value set as they came: the
    measures file refuses both. Each data value now gets the checks of a measures file's row,
    located at its field."""
    doc = {
        "dataValues": [
            {"dataElement": "visits", "period": "2024", "orgUnit": "wanrong", "value": "-5"},
            {"dataElement": "visits", "period": "2023", "orgUnit": "wanrong", "value": "1e300"},
            {"dataElement": "visits", "period": "2022", "orgUnit": "wanrong", "value": "7"},
        ],
        "idScheme": "CODE",
    }
    with pytest.raises(DataError) as caught:
        from_data_value_set(doc, source="d.json")
    assert [str(p) for p in caught.value.problems] == [
        "$.dataValues[0].value: a count cannot be negative: '-5'",
        "$.dataValues[1].value: '1e300' is larger than any real figure (at most 1e15)",
    ]
    doc["dataValues"] = doc["dataValues"][2:]
    assert from_data_value_set(doc).get("wanrong", "2022", "visits") == 7.0


def test_bad_csv_rows_are_located() -> None:
    """CSV problems name the row and column."""
    header = "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value"
    text = f"{header}\nvisits,2024,wanrong,,,x\n"
    with pytest.raises(DataError) as caught:
        from_dhis2_csv(text, county=load_county("wanrong"), source="d.csv")
    assert str(caught.value) == "d.csv: row 2, column value: not a number: 'x'"


def test_export_refuses_fractional_counts() -> None:
    """A fraction of a visit cannot go into an INTEGER_ZERO_OR_POSITIVE data element."""
    table = MeasureTable.from_rows([("wanrong", "2024", "visits", "", 2.5)])
    with pytest.raises(
        DataError, match=r"row 1 \(wanrong, 2024, visits\): 2.5 is not a whole number"
    ):
        to_data_value_set(table)


def test_export_refuses_a_part_above_its_whole() -> None:
    """150 primary visits of 100 visits were written into a data value set that
    ``read_dhis2_data`` then refused: the exporter now makes the reader's checks and names
    the value by its key."""
    table = MeasureTable.from_rows(
        [("wanrong", "2024", "visits", "", 100.0), ("wanrong", "2024", "visits_primary", "", 150.0)]
    )
    with pytest.raises(DataError) as caught:
        to_data_value_set(table, scheme=IdScheme.CODE, source="d.json")
    assert str(caught.value) == (
        "d.json: wanrong 2024 visits_primary: 150 is more than its whole visits (100)"
    )


@settings(max_examples=40)
@given(
    measure_tables(
        _MEASURES, scopes=("small", "small-t1"), periods=("2023", "2024Q2"), plausible=False
    )
)
def test_what_is_exported_reads_back_or_is_refused(table: MeasureTable) -> None:
    """Any drawn table, parts above their wholes and fractional counts included: a table
    ``write_measures`` refuses is refused by the exporter too, and what the exporter writes
    reads back equal — it never writes a document its own reader refuses."""
    try:
        doc = to_data_value_set(table, scheme=IdScheme.CODE)
    except DataError:
        return
    assert writing_problems(table) == []
    assert from_data_value_set(doc) == table


def test_mapping_file_targets_existing_uids(tmp_path: Path, wanrong: County) -> None:
    """A CSV mapping puts an instance's UIDs on the objects it names, in metadata and data."""
    mapping = tmp_path / "m.csv"
    mapping.write_text(
        "type,code,uid\norganisationUnit,wanrong,ImspTQPwCqd\n,visits,fbfJHSPpUQD\n",
        encoding="utf-8",
    )
    ids = Ids(read_mapping(mapping))
    doc = metadata_package(wanrong, ids=ids).document
    assert doc["organisationUnits"][0]["id"] == "ImspTQPwCqd"
    assert {e["code"]: e["id"] for e in doc["dataElements"]}["visits"] == "fbfJHSPpUQD"
    assert metadata_problems(doc) == []
    assert mapping_from_metadata(doc)["organisationUnit:wanrong"] == "ImspTQPwCqd"


def test_bad_mapping_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A mapping with a malformed UID is a located problem and exit 1."""
    mapping = tmp_path / "m.csv"
    mapping.write_text("code,uid\nwanrong,not-a-uid\n", encoding="utf-8")
    assert main(["export", "dhis2", "wanrong", "--mapping", str(mapping)]) == 1
    err = capsys.readouterr().err
    assert f"{mapping}: row 2, column uid: 'not-a-uid' is not a DHIS2 UID" in err


def test_cli_code_scheme_and_csv_import(tmp_path: Path) -> None:
    """`--what data --id-scheme code` declares CODE in the payload and imports back."""
    out = tmp_path / "d.json"
    assert (
        main(
            [
                "export",
                "dhis2",
                "wanrong",
                "--what",
                "data",
                "--id-scheme",
                "code",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["idScheme"] == "CODE" and doc["orgUnitIdScheme"] == "CODE"
    back = tmp_path / "back.json"
    assert main(["import", "dhis2", str(out), "--out", str(back)]) == 0
    assert MeasureTable.read(back) == MeasureTable.read(WANRONG_MEASURES)


def test_the_checker_rejects_what_dhis2_rejects(wanrong: County) -> None:
    """The checker is no rubber stamp: a bad UID, a dangling parent, an unknown data element in
    an expression and a broken expression are each caught."""
    doc = json.loads(json.dumps(metadata_package(wanrong).document))
    doc["organisationUnits"][1]["id"] = "1notAUid"
    doc["organisationUnits"][2]["parent"] = {"id": "Abcdefghijk"}
    doc["indicators"][0]["numerator"] = "#{Zzzzzzzzzzz}"
    doc["indicators"][1]["denominator"] = "#{" + doc["dataElements"][0]["id"] + "} +"
    problems = "\n".join(metadata_problems(doc))
    assert "organisationUnits[1]: id '1notAUid' is not a DHIS2 UID" in problems
    assert "organisationUnits[2].parent: 'Abcdefghijk' names no organisationUnits" in problems
    assert "data element Zzzzzzzzzzz is not in the package" in problems
    assert "indicators[1].denominator" in problems


@settings(max_examples=15)
@given(st.data())
def test_any_county_and_its_measures_round_trip(data: st.DataObject) -> None:
    """For a drawn county and a table over its areas and institutions: the data values name
    organisation units of the metadata, and come back through the metadata's codes."""
    county = data.draw(counties(max_townships=2))
    scopes = [county.id, *(t.id for t in county.townships), *(i.id for i in county.institutions)]
    table = data.draw(
        measure_tables(_MEASURES, scopes=scopes[:6], periods=("2024",)).map(_integral)
    )
    metadata = metadata_package(county).document
    doc = to_data_value_set(table, county=county)
    assert data_value_set_problems(doc, metadata) == []
    assert from_data_value_set(doc, ids=Ids(mapping_from_metadata(metadata))) == table
