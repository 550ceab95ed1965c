"""Records to measures on Spark, for data that outgrows one machine.

The heavy part, one scan of each kind of record, runs as Spark SQL on a ``SparkSession`` (the
SQL is the DuckDB engine's, :mod:`countycare.records.stage1`). Its small result, a few hundred
rows per institution and month, comes back as Arrow and is validated and rolled up locally by
the same code as the DuckDB engine, so both give the same
:class:`~countycare.indicators.table.MeasureTable`. Needs the optional ``spark`` extra
(``pip install countycare[spark]``) and Java 17.

Sources are Parquet paths (read by Spark, so they may be on HDFS or S3), Spark DataFrames, or
Arrow tables and pandas / polars frames (sent to Spark).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.errors import ArgumentError
from countycare.records.county_index import CountyIndex
from countycare.records.derivable import kinds_for
from countycare.records.engine_duckdb import connect
from countycare.records.pipeline import (
    MeasureResult,
    Progress,
    check_sources,
    finish,
    lookup_tables,
    resolve_measures,
    scan_context,
    scans,
)
from countycare.records.record_ids import UNIQUE_ID, duplicates_sql, with_copies_sql
from countycare.records.region_index import Region, RegionIndex, region_context
from countycare.records.scan_context import ScanContext
from countycare.records.schemas import RecordKind, schema
from countycare.records.sources import RecordSource, Sources, as_arrow, no_files
from countycare.records.stage1 import SPARK
from countycare.records.time_zone import spark_date
from countycare.records.validation import Rejections, detail_problems

if TYPE_CHECKING:
    from countycare.forms import CountyLike, IntLike

__all__ = ["local_session", "measure_records_spark", "measure_region_spark"]

_SPARK_TYPES = {
    pa.string(): "string",
    pa.date32(): "date",
    pa.bool_(): "boolean",
    pa.float64(): "double",
    pa.int16(): "smallint",
    pa.int64(): "bigint",
}


@boundary
def local_session(app_name: str = "countycare", cores: IntLike = 1) -> Any:
    """A small local SparkSession: ``local[cores]``, few shuffle partitions, quiet logs."""
    cores = coerce.count(cores, "cores")
    if cores < 1:
        raise ArgumentError("cores", f"expected at least 1 core, got {cores}")
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName(app_name)
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _frame(spark: Any, kind: RecordKind, source: RecordSource) -> Any:
    if hasattr(source, "sparkSession"):  # already a Spark DataFrame
        return source
    if isinstance(source, list | tuple) and not source:
        raise no_files(kind, source)
    if isinstance(source, str | os.PathLike) or (
        isinstance(source, list | tuple) and all(isinstance(s, str | os.PathLike) for s in source)
    ):
        paths = [str(source)] if isinstance(source, str | os.PathLike) else [str(s) for s in source]
        return spark.read.parquet(*paths)
    return spark.createDataFrame(as_arrow(source, kind))


def _county_frames(spark: Any, kind: RecordKind, sources: Mapping[str, RecordSource]) -> Any:
    """Every county's records of ``kind`` as one frame, with the column ``__county``."""
    from pyspark.sql import functions as F  # noqa: N812 (Spark's own convention)

    frames = [
        _frame(spark, kind, source).withColumn("__county", F.lit(county_id))
        for county_id, source in sources.items()
    ]
    union = frames[0]
    for frame in frames[1:]:
        union = union.unionByName(frame, allowMissingColumns=True)
    return union


def _register(
    spark: Any,
    kind: RecordKind,
    source: RecordSource,
    check_duplicates: bool,
    frame: Any = None,
) -> str:
    frame = _frame(spark, kind, source) if frame is None else frame
    present = dict(frame.dtypes)
    extra = ["__county"] if "__county" in present else []
    columns = []
    for field in schema(kind):
        wanted = _SPARK_TYPES[field.type]
        if present.get(field.name) == wanted:
            columns.append(f"`{field.name}`")
        else:
            value = f"`{field.name}`"
            if wanted == "date":  # a moment is dated in China, whatever the session's zone
                value = spark_date(value, present.get(field.name, ""))
            columns.append(f"try_cast({value} AS {wanted}) AS `{field.name}`")
    rec, rows = f"rec_{kind.value}", f"rec_{kind.value}_rows"
    if kind in UNIQUE_ID:  # typed views first, then the same with the copies of each id
        rec, rows = f"typed_{kind.value}", f"typed_{kind.value}_rows"
    frame.selectExpr(*columns, *extra).createOrReplaceTempView(rec)
    # The row number within its file (1-based), and local files named as DuckDB names them.
    frame.selectExpr(
        *columns,
        *extra,
        "nullif(regexp_replace(input_file_name(), '^file:(//)?', ''), '') AS __file",
        "monotonically_increasing_id() AS __order",
    ).selectExpr(
        *[f"`{field.name}`" for field in schema(kind)],
        *extra,
        "__file",
        "row_number() OVER (PARTITION BY __file ORDER BY __order) AS __row",
    ).createOrReplaceTempView(rows)
    if kind in UNIQUE_ID:
        # Without the check every row counts once (copies = 1), as in the DuckDB engine.
        duplicates = f"dup_{kind.value}" if check_duplicates else None
        if duplicates is not None:
            spark.sql(duplicates_sql(kind, rec, "xxhash64")).createOrReplaceTempView(duplicates)
        spark.sql(with_copies_sql(kind, rec, duplicates)).createOrReplaceTempView(
            f"rec_{kind.value}"
        )
        spark.sql(with_copies_sql(kind, rows, duplicates)).createOrReplaceTempView(
            f"rec_{kind.value}_rows"
        )
    return f"{kind.value} (Spark)"


class _SparkSql:
    """Lets :func:`detail_problems` run its query on Spark."""

    def __init__(self, spark: Any) -> None:
        self.spark = spark

    def execute(self, sql: str) -> _SparkSql:
        self._rows = [tuple(r) for r in self.spark.sql(sql).collect()]
        return self

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self._rows


@boundary
def measure_records_spark(
    spark: Any,
    county: CountyLike,
    sources: Sources,
    years: Collection[int],
    measures: Iterable[str] | None = None,
    *,
    lenient: bool = False,
    progress: Progress | None = None,
    max_problems: IntLike = 20,
    check_duplicate_ids: bool = True,
) -> MeasureResult:
    """Compute measures from records on Spark; the arguments are those of
    :func:`countycare.records.engine_duckdb.measure_records`, with the session first."""
    max_problems = coerce.count(max_problems, "max_problems")
    county = coerce.county(county, "county")
    codes = resolve_measures(measures)
    index = CountyIndex(county)
    ctx = scan_context(index, years)
    given = {RecordKind(k): v for k, v in dict(sources).items()}

    def read(kind: RecordKind) -> str:
        return _register(spark, kind, given[kind], check_duplicate_ids)

    return _measure(spark, codes, given, read, county.id, ctx, lookup_tables(index, ctx),
                    strict=not lenient, progress=progress, max_problems=max_problems)  # fmt: skip


@boundary
def measure_region_spark(
    spark: Any,
    region: Region,
    sources: Mapping[str, Sources],
    years: Collection[int],
    measures: Iterable[str] | None = None,
    *,
    lenient: bool = False,
    progress: Progress | None = None,
    max_problems: IntLike = 20,
    check_duplicate_ids: bool = True,
) -> MeasureResult:
    """Many counties in one scan of each kind on Spark; the arguments are those of
    :func:`countycare.records.engine_duckdb.measure_region`, with the session first."""
    max_problems = coerce.count(max_problems, "max_problems")
    codes = resolve_measures(measures)
    index = RegionIndex(region)
    ctx = region_context(index, years)
    given: dict[RecordKind, dict[str, Any]] = {}
    for county_id, by_kind in sources.items():
        for k, v in dict(by_kind).items():
            given.setdefault(RecordKind(k), {})[county_id] = v

    def read(kind: RecordKind) -> str:
        frame = _county_frames(spark, kind, given[kind])
        return _register(spark, kind, None, check_duplicate_ids, frame)

    tables = {**lookup_tables(index.indexes[0], ctx), **index.tables()}
    return _measure(spark, codes, given, read, region.id, ctx, tables,
                    strict=not lenient, progress=progress, max_problems=max_problems)  # fmt: skip


def _measure(
    spark: Any,
    codes: frozenset[str],
    given: Mapping[RecordKind, Any],
    read: Callable[[RecordKind], str],
    scope_id: str,
    ctx: ScanContext,
    tables: Mapping[str, Any],
    *,
    strict: bool,
    progress: Progress | None,
    max_problems: int,
) -> MeasureResult:
    """What a county and a region share (as in the DuckDB engine): the lookup tables on both
    sides, each kind registered with ``read`` (which returns its description), the one scan of
    each kind on Spark, its small result brought back as Arrow, and the local finish (reports
    and roll-up to ``scope_id``)."""
    kinds = kinds_for(codes)
    check_sources(kinds, given)
    local = connect()
    for name, table in tables.items():
        spark.createDataFrame(table).createOrReplaceTempView(name)
        local.register(name, table)
    described = {kind: read(kind) for kind in kinds}
    todo = scans(codes, SPARK, ctx)
    total = len(todo) + 1
    for step, scan in enumerate(todo, start=1):
        local.register(scan.table, spark.sql(scan.sql).toArrow())
        if progress is not None:
            progress(f"read {scan.kind.value} on Spark", step, total)

    def detail(kind: RecordKind) -> Rejections:
        return detail_problems(_SparkSql(spark), kind, ctx, max_problems)

    result = finish(local, codes, scope_id, ctx, todo, described,
                    strict=strict, detail=detail, max_problems=max_problems)  # fmt: skip
    if progress is not None:
        progress("rolled up", total, total)
    return result
