"""Validation: every row is used or rejected, rejected rows are named, patient ids never are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings

from countycare.community import County
from countycare.errors import DataError
from countycare.records.engine_duckdb import measure_records
from countycare.records.record_ids import duplicates_sql
from countycare.records.schemas import RecordKind, schema
from countycare.testing.records import encounter_tables, small_record_county

SECRET = "PATIENT-SECRET-42"


def _row(**changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "encounter_id": "e1", "patient_id": SECRET, "institution_id": "sc-thc-1",
        "date": dt.date(2024, 3, 5), "setting": "outpatient", "tcm": False, "insured": True,
        "resident": True, "total_cost": 100.0, "fund_paid": 40.0, "discharge_date": None,
    }  # fmt: skip
    row.update(changes)
    return row


def _table(rows: list[dict[str, object]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema(RecordKind.ENCOUNTERS))


BAD_ROWS = [
    (_row(total_cost=-1.0, fund_paid=0.0), "total_cost", "total_cost is negative"),
    (_row(fund_paid=150.0), "fund_paid", "fund_paid 150.0 exceeds total_cost 100.0"),
    (_row(institution_id="nowhere"), "institution_id", "unknown institution 'nowhere'"),
    (_row(date=dt.date(2023, 12, 31)), "date", "outside the period 2024"),
    (_row(setting="ward"), "setting", "unknown setting 'ward'"),
    (_row(patient_id=None), "patient_id", "patient_id is empty"),
    (
        _row(setting="inpatient", discharge_date=dt.date(2024, 3, 1)),
        "discharge_date",
        "is before date",
    ),
    (_row(total_cost=float("nan")), "total_cost", "total_cost is not a number"),
    (_row(fund_paid=float("nan")), "fund_paid", "fund_paid is not a number"),
    (_row(total_cost=float("inf"), fund_paid=1.0), "total_cost", "above 1000000000 yuan"),
    (_row(total_cost=1e40, fund_paid=1.0), "total_cost", "above 1000000000 yuan"),
]


@pytest.mark.parametrize(("row", "column", "reason"), BAD_ROWS, ids=[c for _, c, _ in BAD_ROWS])
def test_a_bad_row_is_rejected_with_row_column_and_reason(
    county: County, row: dict[str, object], column: str, reason: str
) -> None:
    """The second of three rows is bad: it alone is rejected, named by row 2 and its column."""
    table = _table([_row(encounter_id="a"), row, _row(encounter_id="c")])
    result = measure_records(county, {"encounters": table}, [2024], ["visits"], lenient=True)
    report = result.reports[RecordKind.ENCOUNTERS]
    assert (report.read, report.used, report.rejected) == (3, 2, 1)
    (problem,) = report.problems
    assert problem.path == f"row 2, column {column}"
    assert reason in problem.message
    assert result.table.get("sc", "2024", "visits") == 2.0


@pytest.mark.parametrize(("row", "column", "reason"), BAD_ROWS, ids=[c for _, c, _ in BAD_ROWS])
def test_a_bad_row_in_parquet_is_rejected_whatever_its_footer_says(
    county: County, tmp_path: Path, row: dict[str, object], column: str, reason: str
) -> None:
    """The same rows written to Parquet, whose footer bounds every column (the scan leaves out
    the checks the footer rules out): the bad row is still rejected, NaN included (Parquet
    leaves NaN out of a column's smallest and largest value)."""
    path = tmp_path / "encounters.parquet"
    table = _table([_row(encounter_id="a"), row, _row(encounter_id="c")])
    pq.write_table(table.cast(pa.schema([f.with_nullable(True) for f in table.schema])), path)
    result = measure_records(
        county, {"encounters": path}, [2024], ["visits"], lenient=True, id_cache=False
    )
    report = result.reports[RecordKind.ENCOUNTERS]
    assert (report.read, report.used, report.rejected) == (3, 2, 1)
    assert reason in report.problems[0].message
    assert result.table.get("sc", "2024", "visits") == 2.0


def test_rejected_rows_raise_by_default(county: County) -> None:
    """By default a rejected row is an error naming the row and column (never the patient id);
    lenient=True skips it and counts it by reason instead."""
    table = _table(
        [
            _row(encounter_id="e1"),
            _row(encounter_id="e2", total_cost=-5.0, fund_paid=0.0),
            _row(encounter_id="e3", setting="ward"),
        ]
    )
    with pytest.raises(DataError) as caught:
        measure_records(county, {"encounters": table}, [2024], ["visits"])
    paths = [p.path for p in caught.value.problems]
    assert paths[:2] == ["row 2, column total_cost", "row 3, column setting"]
    assert "--lenient" in caught.value.problems[-1].message
    assert SECRET not in str(caught.value)
    report = measure_records(
        county, {"encounters": table}, [2024], ["visits"], lenient=True
    ).reports[RecordKind.ENCOUNTERS]
    assert (report.read, report.used, report.rejected) == (3, 1, 2)
    assert dict(report.by_reason) == {"total_cost is negative": 1, "unknown setting": 1}
    assert report.summary().endswith("2 rejected (total_cost is negative: 1; unknown setting: 1)")


def test_the_error_names_five_rows_then_counts_the_rest_by_reason(county: County) -> None:
    """Many bad rows: the first five are located, then '… and N more' with every reason's count
    (the counts add up to the rows rejected)."""
    rows = [_row(encounter_id=f"e{n}", total_cost=-1.0, fund_paid=0.0) for n in range(8)]
    rows += [_row(encounter_id=f"s{n}", setting="ward") for n in range(4)]
    with pytest.raises(DataError) as caught:
        measure_records(county, {"encounters": _table(rows)}, [2024], ["visits"])
    problems = caught.value.problems
    assert len(problems) == 6
    assert [p.path for p in problems[:5]] == [f"row {n}, column total_cost" for n in range(1, 6)]
    assert problems[5].message == (
        "… and 7 more: 12 rows rejected of 12 read "
        "(total_cost is negative: 8; unknown setting: 4); "
        "fix them, or skip them with --lenient (lenient=True)"
    )


def test_patient_ids_never_appear_in_problems(county: County) -> None:
    """Whatever is wrong with a row, its patient id is not quoted."""
    rows = [{**row, "encounter_id": f"e{n}"} for n, (row, _, _) in enumerate(BAD_ROWS)]
    rows.append(dict(rows[0]))  # and a duplicate id
    result = measure_records(county, {"encounters": _table(rows)}, [2024], ["visits"], lenient=True)
    text = "\n".join(str(p) for p in result.reports[RecordKind.ENCOUNTERS].problems)
    assert len(result.reports[RecordKind.ENCOUNTERS].problems) == len(rows)
    assert SECRET not in text


def test_a_csv_value_of_the_wrong_type_is_rejected_not_guessed(
    county: County, tmp_path: Path
) -> None:
    """In a CSV file, 'yesterday' in the date column rejects that row, reported in its file."""
    table = _table([_row(), _row(encounter_id="e2")]).cast(
        pa.schema([pa.field(n, pa.string()) for n in schema(RecordKind.ENCOUNTERS).names])
    )
    table = table.set_column(3, "date", pa.array(["2024-03-05", "yesterday"]))
    path = tmp_path / "enc.csv"
    pacsv.write_csv(table, path)
    result = measure_records(county, {"encounters": path}, [2024], ["visits"], lenient=True)
    report = result.reports[RecordKind.ENCOUNTERS]
    assert (report.read, report.rejected) == (2, 1)
    assert report.problems[0].path.endswith("row 2, column date")
    assert "enc.csv" in report.problems[0].path


def test_a_missing_column_is_named(county: County) -> None:
    """Records without a required column are refused before any row is read."""
    table = _table([_row()]).drop_columns(["fund_paid"])
    with pytest.raises(DataError, match="column fund_paid: missing"):
        measure_records(county, {"encounters": table}, [2024], ["visits"], lenient=True)


@settings(max_examples=25)
@given(encounter_tables(invalid=True))
def test_used_plus_rejected_is_read(table: pa.Table) -> None:
    """On random, partly invalid records, no row is dropped silently: used + rejected = read,
    and the rejected rows by reason add up to the rows rejected."""
    result = measure_records(
        small_record_county(), {"encounters": table}, [2024], ["visits"], lenient=True
    )
    report = result.reports[RecordKind.ENCOUNTERS]
    assert report.read == table.num_rows
    assert report.used + report.rejected == report.read
    assert len(report.problems) == min(report.rejected, 20)
    assert sum(n for _, n in report.by_reason) == report.rejected
    visits = result.table.get("sc", "2024", "visits")
    assert visits is not None and visits <= report.used


@pytest.mark.parametrize("form", ["arrow", "csv", "parquet"])
def test_a_duplicate_id_rejects_every_row_holding_it(
    county: County, tmp_path: Path, form: str
) -> None:
    """An encounter_id on two rows rejects both, each named with its row (not its id, which may
    be built from a patient id) and counted as rejected (which copy is right cannot be known);
    the same whatever the form of the input."""
    table = _table(
        [
            _row(encounter_id="a"),
            _row(encounter_id="b"),
            _row(encounter_id="a"),
            _row(encounter_id="c"),
        ]
    )
    source: object = table
    if form == "csv":
        pacsv.write_csv(table, tmp_path / "enc.csv")
        source = str(tmp_path / "enc.csv")
    elif form == "parquet":
        pq.write_table(table, tmp_path / "enc.parquet")
        source = str(tmp_path / "enc.parquet")
    result = measure_records(county, {"encounters": source}, [2024], ["visits"], lenient=True)
    report = result.reports[RecordKind.ENCOUNTERS]
    assert (report.read, report.used, report.rejected) == (4, 2, 2)
    assert [p.path.split(": ")[-1] for p in report.problems] == [
        "row 1, column encounter_id",
        "row 3, column encounter_id",
    ]
    assert report.problems[0].message == "encounter_id repeated: the same id is on 2 rows"
    assert SECRET not in str(report.problems)
    assert "'a'" not in str(report.problems)  # record ids may be built from patient ids
    assert result.table.get("sc", "2024", "visits") == 2.0


def test_a_duplicate_claim_id_is_rejected_too(county: County) -> None:
    """Every kind with a record id checks it: two claims with one claim_id are both rejected."""
    claim = {
        "claim_id": "k1", "patient_id": SECRET, "institution_id": "sc-cgh", "pharmacy": False,
        "date": dt.date(2024, 2, 1), "setting": "inpatient", "total_cost": 900.0,
        "fund_paid": 600.0,
    }  # fmt: skip
    rows = [claim, claim, {**claim, "claim_id": "k2"}]
    table = pa.Table.from_pylist(rows, schema=schema(RecordKind.CLAIMS))
    result = measure_records(
        county, {"claims": table}, [2024], ["admissions_insured_total"], lenient=True
    )
    report = result.reports[RecordKind.CLAIMS]
    assert (report.read, report.used) == (3, 1)
    assert result.table.get("sc", "2024", "admissions_insured_total") == 1.0


def test_the_duplicate_check_can_be_waived_for_ids_unique_by_construction(county: County) -> None:
    """check_duplicate_ids=False is the caller vouching for unique ids: no row is rejected for
    its id, so a repeated id counts twice (the documented cost of the waiver), and rows used +
    rejected still equal rows read."""
    table = _table([_row(encounter_id="a"), _row(encounter_id="a"), _row(encounter_id="b")])
    checked = measure_records(county, {"encounters": table}, [2024], ["visits"], lenient=True)
    waived = measure_records(
        county, {"encounters": table}, [2024], ["visits"], check_duplicate_ids=False, lenient=True
    )
    report = waived.reports[RecordKind.ENCOUNTERS]
    assert (report.read, report.used, report.rejected) == (3, 3, 0)
    assert checked.reports[RecordKind.ENCOUNTERS].used == 1
    assert waived.table.get("sc", "2024", "visits") == 3.0
    assert checked.table.get("sc", "2024", "visits") == 1.0


def test_a_collision_of_hashes_is_not_a_duplicate() -> None:
    """Ids are first grouped by a hash, then exactly: with a 'hash' under which every id of one
    length collides (``length``), only the id truly repeated is found."""
    con = duckdb.connect()
    ids = pa.table({"encounter_id": ["a", "b", "c", "b", "dd", None, None]})
    con.register("ids", ids)
    sql = duplicates_sql(RecordKind.ENCOUNTERS, "ids", "length")
    assert con.execute(sql).fetchall() == [("b", 2)]


def test_paths_without_record_files_are_refused(county: County, tmp_path: Path) -> None:
    """An empty list of paths, or a folder without Parquet or CSV files, is an error naming it:
    measured, it would give 0 for every institution and month, false zeros."""
    (tmp_path / "empty").mkdir()
    sources: list[list[str] | str] = [[], str(tmp_path / "empty")]
    for source in sources:
        with pytest.raises(DataError, match="no Parquet or CSV file of encounters records"):
            measure_records(county, {"encounters": source}, [2024], ["visits"], lenient=True)
