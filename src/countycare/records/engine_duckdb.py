"""Records to measures in DuckDB: one scan of each kind of record, then a small roll-up.

:func:`measure_records` reads records from Parquet or CSV paths, Arrow tables or pandas / polars
frames (:mod:`countycare.records.sources`), validates them in the same scan that sums them, and
returns a :class:`~countycare.records.pipeline.MeasureResult`: the
:class:`~countycare.indicators.table.MeasureTable` of every requested measure per institution,
township and county, per month and year, with a validation report per kind. DuckDB streams
Parquet, so memory stays within ``memory_limit`` whatever the number of rows.

Examples
--------
>>> from countycare.testing.records import small_record_county
>>> from countycare.records.synthetic import generate
>>> county = small_record_county()
>>> records = generate(county, 2024, seed=3)
>>> result = measure_records(county, records, [2024], ["visits", "visits_primary"])
>>> result.reports[RecordKind.ENCOUNTERS].rejected
0
>>> visits = result.table.get("sc", "2024", "visits")
>>> visits == sum(result.table.get(i.id, "2024", "visits") for i in county.institutions)
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import duckdb

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.errors import DataError, Problem
from countycare.io.text import arrow_message
from countycare.records.county_index import CountyIndex
from countycare.records.derivable import kinds_for
from countycare.records.id_check import IdChecks
from countycare.records.pipeline import (
    MeasureResult,
    Progress,
    Scan,
    check_sources,
    finish,
    lookup_tables,
    resolve_measures,
    scan_context,
    scans,
)
from countycare.records.record_ids import COPIES
from countycare.records.region_index import Region, RegionIndex, region_context
from countycare.records.scan_context import ScanContext
from countycare.records.schemas import RecordKind
from countycare.records.sources import SourceInfo, Sources, register, register_counties
from countycare.records.stage1 import DUCKDB
from countycare.records.verified_ids import VerifiedIds, default_cache

if TYPE_CHECKING:
    from countycare.forms import CountyLike, IntLike

__all__ = ["connect", "measure_records", "measure_region"]


def _cache(choice: bool | VerifiedIds) -> VerifiedIds | None:
    if isinstance(choice, VerifiedIds):
        return choice
    return default_cache() if choice else None


def connect(memory_limit: str | None = "500MB", threads: int | None = None) -> Any:
    """A DuckDB connection with a memory limit (spilling to disk beyond it) and thread count."""
    con = duckdb.connect()
    if memory_limit:
        con.execute(f"SET memory_limit = '{memory_limit}'")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    return con


def unreadable(
    exc: BaseException, kinds: Iterable[RecordKind], given: Mapping[Any, Any]
) -> DataError:
    """A DuckDB failure to read the records as a :class:`DataError` naming the file.

    DuckDB names the file it failed on in its message; the message is cut before any data.
    """
    text = str(exc)
    match = re.search(r"[Ff]ile '?\"?([^'\"\n]+\.(?:parquet|csv|tsv))", text)
    source = match.group(1) if match else ", ".join(k.value for k in kinds) + " records"
    return DataError(
        [Problem("$", f"cannot be read as records: {arrow_message(exc)}")], source=source
    )


@boundary
def measure_records(
    county: CountyLike,
    sources: Sources,
    years: Collection[int],
    measures: Iterable[str] | None = None,
    *,
    lenient: bool = False,
    connection: Any = None,
    progress: Progress | None = None,
    max_problems: IntLike = 20,
    check_duplicate_ids: bool = True,
    id_cache: bool | VerifiedIds = True,
) -> MeasureResult:
    """Compute measures from records with DuckDB.

    Parameters
    ----------
    county
        The county model the records belong to; ids are checked against it.
    sources
        Records by kind (:class:`RecordKind` or its code): a Parquet or CSV path, a folder, a
        list of paths, an Arrow table, or a pandas or polars DataFrame. Kinds the measures do
        not need are not read.
    years
        The consecutive calendar years of the period; records dated outside are rejected.
    measures
        Measure codes to compute; default every measure derivable from records
        (:data:`countycare.records.derivable.DERIVABLE`).
    lenient
        Skip rejected rows and report them (rows read = used + rejected, by reason, in
        ``reports``). By default a rejected row is an error: a
        :class:`~countycare.errors.DataError` naming the file, the first rejected rows (row
        and column) and how many more, by reason.
    connection
        A DuckDB connection to use (default :func:`connect`: 500 MB memory limit).
    progress
        Called as ``progress(step, done, total)`` after each step.
    max_problems
        How many rejected rows each report names (all are counted).
    check_duplicate_ids
        Reject every row whose record id is on more than one row (the default). Finding them
        reads the whole id column once and sorts its 64-bit hashes
        (:func:`~countycare.records.record_ids.find_duplicates`). For Parquet files it runs
        beside the scan, which counts each row once; when an id does repeat, that kind is
        scanned again with every copy rejected (:mod:`~countycare.records.id_check`). Pass
        False only for records whose ids are unique by construction (a primary key exported
        from a database): a duplicate then counts twice.
    id_cache
        Remember files found to repeat no id, by fingerprint, and skip the check when every
        file read lies in one set checked before (:mod:`countycare.records.verified_ids`):
        True (the default) uses ``$COUNTYCARE_CACHE_DIR``, a
        :class:`~countycare.records.verified_ids.VerifiedIds` another file, False none.
    """
    max_problems = coerce.count(max_problems, "max_problems")
    county = coerce.county(county, "county")
    codes = resolve_measures(measures)
    index = CountyIndex(county)
    ctx = scan_context(index, years)
    given = {RecordKind(k): v for k, v in dict(sources).items()}
    con = connection if connection is not None else connect()
    cache = _cache(id_cache)

    def read(kind: RecordKind, checks: IdChecks) -> SourceInfo:
        return register(con, kind, given[kind], check_duplicate_ids=check_duplicate_ids,
                        verified=cache, checks=checks)  # fmt: skip

    return _measure(con, codes, given, read, county.id, ctx, lookup_tables(index, ctx),
                    strict=not lenient, progress=progress, max_problems=max_problems)  # fmt: skip


@boundary
def measure_region(
    region: Region,
    sources: Mapping[str, Sources],
    years: Collection[int],
    measures: Iterable[str] | None = None,
    *,
    lenient: bool = False,
    connection: Any = None,
    progress: Progress | None = None,
    max_problems: IntLike = 20,
    check_duplicate_ids: bool = True,
    id_cache: bool | VerifiedIds = True,
) -> MeasureResult:
    """Compute measures for many counties in one scan of each kind of record.

    The arguments are those of :func:`measure_records`, but ``sources`` gives each county's
    records (county id → records by kind). Each kind is read once for all counties; a row
    counts for the county it was given for, and an id it names must belong to that county.
    The table holds each county, each prefecture and the province (``region.id``), every one
    a sum of the counties' partial sums (so an indicator over a prefecture is a ratio of
    sums). A repeated record id is looked for across all counties.
    """
    max_problems = coerce.count(max_problems, "max_problems")
    codes = resolve_measures(measures)
    index = RegionIndex(region)
    ctx = region_context(index, years)
    given: dict[RecordKind, dict[str, Any]] = {}
    for county_id, by_kind in sources.items():
        for k, v in dict(by_kind).items():
            given.setdefault(RecordKind(k), {})[county_id] = v
    con = connection if connection is not None else connect()
    cache = _cache(id_cache)

    def read(kind: RecordKind, checks: IdChecks) -> SourceInfo:
        return register_counties(con, kind, given[kind], check_duplicate_ids=check_duplicate_ids,
                                 verified=cache, checks=checks)  # fmt: skip

    tables = {**lookup_tables(index.indexes[0], ctx), **index.tables()}
    return _measure(con, codes, given, read, region.id, ctx, tables,
                    strict=not lenient, progress=progress, max_problems=max_problems)  # fmt: skip


def _measure(
    con: Any,
    codes: frozenset[str],
    given: Mapping[RecordKind, Any],
    read: Callable[[RecordKind, IdChecks], SourceInfo],
    scope_id: str,
    ctx: ScanContext,
    tables: Mapping[str, Any],
    *,
    strict: bool,
    progress: Progress | None,
    max_problems: int,
) -> MeasureResult:
    """What a county and a region share: register each kind with ``read`` (its description
    names it in reports; its facts leave out the checks they rule out), run the one scan of
    each kind while the repeated-id checks run beside it (:mod:`~countycare.records.id_check`),
    scan again the kinds where an id repeats, and finish (reports and roll-up to
    ``scope_id``)."""
    kinds = kinds_for(codes)
    check_sources(kinds, given)
    # Parquet statistics leave NaN out of a column's min and max: with them DuckDB would fold
    # isnan(total_cost) to false and sum a NaN into the measures. The checks must see each row.
    con.execute("SET disabled_optimizers = 'statistics_propagation'")
    for name, table in tables.items():
        con.register(name, table)
    try:
        with IdChecks(con) as checks:
            infos = {kind: read(kind, checks) for kind in kinds}
            described = {kind: info.description for kind, info in infos.items()}
            facts = {kind: info.facts for kind, info in infos.items()}
            ctx = attrs.evolve(ctx, facts=facts)
            todo = scans(codes, DUCKDB, ctx)
            total = len(todo) + 1
            _run(con, todo, progress, total)
            repeated = checks.settle()
        if repeated:  # the views now count each id's copies: no longer one row per id
            ctx = attrs.evolve(ctx, facts={
                kind: {n: f for n, f in kept.items() if n != COPIES or kind not in repeated}
                for kind, kept in facts.items()
            })  # fmt: skip
            todo = scans(codes, DUCKDB, ctx)
            _run(con, [scan for scan in todo if scan.kind in repeated], progress, total)
        result = finish(
            con, codes, scope_id, ctx, todo, described, strict=strict, max_problems=max_problems
        )
    except duckdb.Error as exc:  # a corrupt or unreadable file: named, never quoted
        raise unreadable(exc, kinds, given) from None
    if progress is not None:
        progress("rolled up", total, total)
    return result


def _run(con: Any, todo: Iterable[Scan], progress: Progress | None, total: int) -> None:
    """Run each scan into its table of partial sums."""
    for step, scan in enumerate(todo, start=1):
        # the partial sums are few (per county, institution and month): the scan streams
        con.execute(f"CREATE OR REPLACE TEMP TABLE {scan.table} AS {scan.sql}")
        if progress is not None:
            progress(f"read {scan.kind.value}", step, total)
