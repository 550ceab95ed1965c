"""The Spark engine measures a province as DuckDB does: the same table, the same reports."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from countycare.province.measure import measure_province
from countycare.province.model import Province

pytest.importorskip("pyspark")
pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java"),
]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One local Spark session for the module."""
    from countycare.records.engine_spark import local_session

    session = local_session("countycare-province-tests")
    yield session
    session.stop()


def test_spark_equals_duckdb_for_a_province(
    spark: Any, province: Province, province_dir: Path
) -> None:
    """Every derivable measure of every county, prefecture and the province: Spark's table is
    DuckDB's exactly, and so are the rows read and used of each kind."""
    on_spark = measure_province(province, province_dir, engine="spark", spark=spark)
    on_duckdb = measure_province(province, province_dir)
    assert len(on_duckdb.table) > 1000
    assert on_spark.table == on_duckdb.table
    assert {k: (r.read, r.used) for k, r in on_spark.reports.items()} == {
        k: (r.read, r.used) for k, r in on_duckdb.reports.items()
    }
