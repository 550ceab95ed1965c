"""Checks left out of the scan where the statistics of a column rule them out.

What these tests protect: a check is left out only when the footers (or the Arrow arrays) prove
that no row can fail it — never for NaN, never for a column converted on reading (a value that
does not convert becomes empty), never for repeated ids once one is found — and leaving it out
changes no count and no measure.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pyarrow as pa
import pyarrow.parquet as pq

from countycare.community import County
from countycare.records.checks import live_checks
from countycare.records.column_facts import ColumnFacts, merge_facts, parquet_facts
from countycare.records.county_index import CountyIndex
from countycare.records.engine_duckdb import connect, measure_records
from countycare.records.pipeline import scan_context
from countycare.records.schemas import RecordKind, schema
from countycare.records.sources import register
from countycare.records.stage1 import scan_sql


def _rows(n: int, **changes: object) -> list[dict[str, object]]:
    base: dict[str, object] = {
        "patient_id": "p", "institution_id": "sc-thc-1", "date": dt.date(2024, 3, 5),
        "setting": "outpatient", "tcm": False, "insured": True, "resident": True,
        "total_cost": 100.0, "fund_paid": 40.0, "discharge_date": None,
    }  # fmt: skip
    return [{"encounter_id": f"e{i}", **base, **changes} for i in range(n)]


def _write(path: Path, rows: list[dict[str, object]], **options: object) -> Path:
    nullable = pa.schema([f.with_nullable(True) for f in schema(RecordKind.ENCOUNTERS)])
    pq.write_table(pa.Table.from_pylist(rows, schema=nullable), path, **options)
    return path


def test_footers_give_nulls_and_bounds_over_every_row_group(tmp_path: Path) -> None:
    """Nulls add up and bounds widen over row groups and files; a column a file does not bound
    (statistics not written) is unknown."""
    a = _write(tmp_path / "a.parquet", _rows(4, total_cost=5.0), row_group_size=2)
    b = _write(tmp_path / "b.parquet", _rows(2, total_cost=250.0, patient_id=None))
    facts = parquet_facts([str(a), str(b)], ["total_cost", "patient_id"])
    assert facts["total_cost"] == ColumnFacts(0, 5.0, 250.0)
    assert facts["patient_id"].nulls == 2
    bare = _write(tmp_path / "c.parquet", _rows(2), write_statistics=False)
    assert parquet_facts([str(a), str(bare)], ["total_cost"]) == {"total_cost": ColumnFacts()}


def test_a_required_column_has_no_null_without_statistics(tmp_path: Path) -> None:
    """A column the file declares required holds no null, statistics or not."""
    path = tmp_path / "r.parquet"
    table = pa.table({"total_cost": pa.array([1.0, 2.0])})
    required = pa.schema([pa.field("total_cost", pa.float64(), nullable=False)])
    pq.write_table(table.cast(required), path, write_statistics=False)
    assert parquet_facts([str(path)], ["total_cost"])["total_cost"].nulls == 0


def test_merging_keeps_what_every_part_knows() -> None:
    """A column is known only where every part knows it, and only as wide as all of them."""
    merged = merge_facts([{"x": ColumnFacts(1, 0.0, 2.0), "y": ColumnFacts(0)},
                          {"x": ColumnFacts(2, -1.0, 1.0)}])  # fmt: skip
    assert merged == {"x": ColumnFacts(3, -1.0, 2.0)}
    assert merge_facts([{"x": ColumnFacts(0, 1.0, 2.0)}, {"x": ColumnFacts(0)}]) == {
        "x": ColumnFacts(0)
    }


def test_only_ruled_out_checks_are_left_out() -> None:
    """No null and amounts within bounds leave out those checks; NaN, the unknown setting, and
    fund_paid above total_cost always run; unknown facts leave every check in."""
    facts = {
        c: ColumnFacts(0) for c in ("encounter_id", "patient_id", "institution_id", "date", "tcm",
                                   "insured", "resident", "setting")
    }  # fmt: skip
    facts |= {"total_cost": ColumnFacts(0, 0.0, 9.0), "fund_paid": ColumnFacts(0, -0.0, 9.0),
              "__copies": ColumnFacts(0, 1, 1)}  # fmt: skip
    left = [c.bad for c in live_checks(RecordKind.ENCOUNTERS, facts)]
    assert left == [
        "setting IS NULL OR setting NOT IN ('outpatient', 'emergency', 'inpatient')",
        "isnan(total_cost)",
        "isnan(fund_paid)",
        "fund_paid > total_cost",
        "discharge_date < date",
    ]
    wider = facts | {"total_cost": ColumnFacts(0, -1.0, 2e9), "__copies": ColumnFacts(0, 1, 2)}
    left = [c.bad for c in live_checks(RecordKind.ENCOUNTERS, wider)]
    assert {"total_cost < 0", "total_cost > 1000000000", "__copies > 1"} <= set(left)
    assert len(live_checks(RecordKind.ENCOUNTERS, {})) == 19


def test_a_column_the_footer_vouches_for_is_not_read(county: County, tmp_path: Path) -> None:
    """With no null in the footer and the ids found unique, the scan does not name the id
    columns at all (the costliest to read); their checks are left out, not the others."""
    path = _write(tmp_path / "e.parquet", _rows(3))
    con = connect()
    info = register(con, RecordKind.ENCOUNTERS, path)
    ctx = attrs.evolve(
        scan_context(CountyIndex(county), [2024]), facts={RecordKind.ENCOUNTERS: info.facts}
    )
    sql = scan_sql(RecordKind.ENCOUNTERS, ctx)
    assert "patient_id" not in sql and "encounter_id" not in sql and "__copies" not in sql
    assert "isnan(total_cost)" in sql


def test_a_value_that_does_not_convert_is_rejected_though_the_footer_has_no_null(
    county: County, tmp_path: Path
) -> None:
    """Dates written as text: the footer counts no null, but a text that is not a date becomes
    empty on reading and must be rejected; the converted column keeps no facts."""
    path = tmp_path / "text-dates.parquet"
    rows = _rows(3)
    table = pa.Table.from_pylist(rows, schema=schema(RecordKind.ENCOUNTERS)).set_column(
        3, "date", pa.array(["2024-03-05", "not a date", "2024-03-06"])
    )
    pq.write_table(table, path)
    con = connect()
    assert "date" not in register(con, RecordKind.ENCOUNTERS, path).facts
    result = measure_records(county, {"encounters": path}, [2024], ["visits"], lenient=True,
                             id_cache=False)  # fmt: skip
    report = result.reports[RecordKind.ENCOUNTERS]
    assert (report.read, report.used) == (3, 2)
    assert dict(report.by_reason) == {"date is empty or not a date": 1}


def test_a_repeated_id_keeps_its_check(county: County, tmp_path: Path) -> None:
    """Ids found repeated: the view does not vouch for them, and both copies are rejected."""
    rows = _rows(3)
    rows[2]["encounter_id"] = "e0"
    path = _write(tmp_path / "dup.parquet", rows)
    con = connect()
    assert "__copies" not in register(con, RecordKind.ENCOUNTERS, path).facts
    result = measure_records(county, {"encounters": path}, [2024], ["visits"], lenient=True,
                             id_cache=False)  # fmt: skip
    report = result.reports[RecordKind.ENCOUNTERS]
    assert (report.read, report.used) == (3, 1)
    assert dict(report.by_reason) == {"encounter_id repeated": 2}
