"""The Spark engine gives the DuckDB engine's numbers (a local Spark, one session per run)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from countycare.community import County
from countycare.records.dataset import dataset_paths, write_dataset
from countycare.records.engine_duckdb import measure_records
from countycare.records.schemas import RecordKind, schema

pytest.importorskip("pyspark")
pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java"),
]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One local Spark session (local[1], two shuffle partitions, quiet) for the module."""
    from countycare.records.engine_spark import local_session

    session = local_session("countycare-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def sample(
    county: County, records: dict[RecordKind, pa.Table], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A small Parquet dataset: the first 20,000 encounters and claims, every other kind whole,
    and the first encounter and claim once more (a duplicate id: both copies are rejected)."""
    root = tmp_path_factory.mktemp("spark-sample")
    small = {k: (t.slice(0, 20_000)) for k, t in records.items()}
    for kind in (RecordKind.ENCOUNTERS, RecordKind.CLAIMS):
        small[kind] = pa.concat_tables([small[kind], small[kind].slice(0, 1)])
    write_dataset(root, county, {2024: small})
    return root


def test_spark_equals_duckdb(spark: Any, county: County, sample: Path) -> None:
    """Every derivable measure, every scope and period: Spark's table is DuckDB's, exactly."""
    from countycare.records.engine_spark import measure_records_spark

    sources = {k: dataset_paths(sample, k, county.id, [2024]) for k in RecordKind}
    on_spark = measure_records_spark(spark, county, sources, [2024], lenient=True)
    on_duckdb = measure_records(county, sources, [2024], lenient=True)
    assert len(on_spark.table) == len(on_duckdb.table) > 1000
    assert on_spark.table == on_duckdb.table
    assert {k: (r.read, r.used) for k, r in on_spark.reports.items()} == {
        k: (r.read, r.used) for k, r in on_duckdb.reports.items()
    }
    for kind in (RecordKind.ENCOUNTERS, RecordKind.CLAIMS):
        assert on_spark.reports[kind].rejected == on_duckdb.reports[kind].rejected == 2
        assert on_spark.reports[kind].problems == on_duckdb.reports[kind].problems


def test_spark_reports_rejected_rows(spark: Any, county: County) -> None:
    """Rejected rows are counted and named on Spark too, without patient ids."""
    from countycare.records.engine_spark import measure_records_spark

    rows = [
        {"encounter_id": f"e{i}", "patient_id": "SECRET", "institution_id": "sc-thc-1",
         "date": __import__("datetime").date(2024, 5, 1), "setting": "outpatient", "tcm": False,
         "insured": True, "resident": True, "total_cost": 10.0, "fund_paid": 5.0,
         "discharge_date": None}
        for i in range(3)
    ]  # fmt: skip
    rows[1]["total_cost"] = -1.0
    table = pa.Table.from_pylist(rows, schema=schema(RecordKind.ENCOUNTERS))
    result = measure_records_spark(
        spark, county, {"encounters": table}, [2024], ["visits"], lenient=True
    )
    report = result.reports[RecordKind.ENCOUNTERS]
    assert (report.read, report.used, report.rejected) == (3, 2, 1)
    assert report.problems[0].path == "row 2, column total_cost"
    assert "SECRET" not in str(report.problems)
    assert result.table.get("sc", "2024", "visits") == 2.0


def test_spark_waives_the_duplicate_check_as_duckdb_does(spark: Any, county: County) -> None:
    """With check_duplicate_ids=False both engines count a repeated id twice and reject nothing."""
    from countycare.records.engine_spark import measure_records_spark

    row = {"encounter_id": "same", "patient_id": "SECRET", "institution_id": "sc-thc-1",
           "date": __import__("datetime").date(2024, 5, 1), "setting": "outpatient",
           "tcm": False, "insured": True, "resident": True, "total_cost": 10.0,
           "fund_paid": 5.0, "discharge_date": None}  # fmt: skip
    table = pa.Table.from_pylist([row, row], schema=schema(RecordKind.ENCOUNTERS))
    sources = {"encounters": table}
    on_spark = measure_records_spark(
        spark, county, sources, [2024], ["visits"], check_duplicate_ids=False, lenient=True
    )
    on_duckdb = measure_records(
        county, sources, [2024], ["visits"], check_duplicate_ids=False, lenient=True
    )
    assert on_spark.table == on_duckdb.table
    assert on_spark.table.get("sc", "2024", "visits") == 2.0
    assert on_spark.reports[RecordKind.ENCOUNTERS].rejected == 0


def test_spark_dates_moments_in_china(
    spark: Any, county: County, records: dict[RecordKind, pa.Table], tmp_path: Path
) -> None:
    """Encounters given as moments (a Parquet file and an Arrow table, written in New York's
    zone, at 01:00 in China) count on their day in China on Spark, as on DuckDB with plain
    dates: Spark's session zone (UTC) gave the day before."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from countycare.records.engine_spark import measure_records_spark
    from countycare.records.time_zone import RECORDS_TIME_ZONE

    measures = ["visits", "visits_primary", "lead_discharges"]
    encounters = records[RecordKind.ENCOUNTERS].slice(0, 20_000)
    at = encounters.schema.get_field_index("date")
    early = pc.add(
        encounters.column("date").cast(pa.timestamp("s")), pa.scalar(3600, pa.duration("s"))
    )
    moments = pc.assume_timezone(early, RECORDS_TIME_ZONE).cast(
        pa.timestamp("us", "America/New_York")
    )
    table = encounters.set_column(at, "date", moments)
    path = tmp_path / "encounters.parquet"
    pq.write_table(table, path)
    expected = measure_records(county, {"encounters": encounters}, [2024], measures).table
    for source in (str(path), table):
        on_spark = measure_records_spark(spark, county, {"encounters": source}, [2024], measures)
        assert on_spark.table == expected
