"""Where records come from: Parquet or CSV files, Arrow tables, pandas or polars frames.

:func:`register` makes any of them a DuckDB view ``rec_<kind>`` in the canonical schema
(:mod:`countycare.records.schemas`) and a view ``rec_<kind>_rows`` that adds each row's file and
1-based row number for error reports. For a kind whose records carry an id
(:data:`~countycare.records.record_ids.UNIQUE_ID`) both views add the column ``__copies``: the
number of rows holding the row's id, so that a duplicate id rejects its rows.

Columns already of the canonical type are read as they are; others (every column of a CSV file)
are converted with ``TRY_CAST``, so a value of the wrong type becomes empty and is rejected by
the checks, never guessed. Whatever the input, the engine sees the same view, so the measures
are the same.

Examples
--------
>>> import duckdb, pyarrow as pa
>>> from countycare.records.schemas import RecordKind, schema
>>> con = duckdb.connect()
>>> info = register(con, RecordKind.POPULATION, schema(RecordKind.POPULATION).empty_table())
>>> info.description, con.execute("SELECT count(*) FROM rec_population").fetchall()[0][0]
('population table', 0)
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeAlias

import attrs
import pyarrow as pa

from countycare.coerce import refuse
from countycare.errors import ArgumentError, DataError, Problem
from countycare.io.text import check_csv_file, csv_delimiter
from countycare.records.column_facts import ColumnFacts, arrow_facts, merge_facts, parquet_facts
from countycare.records.id_check import IdChecks
from countycare.records.partitions import check_partition_years
from countycare.records.schemas import RecordKind, schema
from countycare.records.time_zone import dates_of_timestamps
from countycare.records.typed_views import typed_views
from countycare.records.verified_ids import VerifiedIds
from countycare.tabular import arrow_table

__all__ = [
    "RecordSource",
    "SourceInfo",
    "Sources",
    "as_arrow",
    "files_of",
    "no_files",
    "register",
    "register_counties",
]

#: Anything the engines read records from.
RecordSource: TypeAlias = (
    "str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | pa.Table | Any"
)
#: Records by kind, the kind given as a :class:`RecordKind` or its code.
Sources: TypeAlias = "Mapping[RecordKind, RecordSource] | Mapping[str, RecordSource]"


@attrs.frozen
class SourceInfo:
    """What was registered: a description for messages, the files when there are any, and what
    the statistics of the files or tables show of the columns of the view (the facts of
    :mod:`~countycare.records.column_facts`, for the columns read as they are)."""

    description: str
    files: tuple[str, ...] = ()
    facts: Mapping[str, ColumnFacts] = attrs.field(factory=dict, eq=False)


def files_of(source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]]) -> list[Path]:
    """The Parquet or CSV files of a path, a folder (searched recursively) or a list of paths."""
    items = [source] if isinstance(source, str | os.PathLike) else list(source)
    files: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.suffix in (".parquet", ".csv", ".tsv"))
            )
        elif path.exists():
            files.append(path)
        else:
            raise DataError([Problem(str(path), "no such file or folder")], source=str(path))
    return files


def as_arrow(source: Any, kind: RecordKind | None = None) -> pa.Table:
    """An Arrow table from an Arrow table or batch, a pandas or polars DataFrame: the one
    frame-to-Arrow path of the library, :func:`countycare.tabular.arrow_table`. A timestamp
    column becomes dates, a moment's in China
    (:func:`~countycare.records.time_zone.dates_of_timestamps`).

    Anything else is an :class:`~countycare.errors.ArgumentError` naming ``sources`` and what
    they may be.
    """
    try:
        columns = [f.name for f in schema(kind)] if kind is not None else ()
        return dates_of_timestamps(arrow_table(source, "sources", index_columns=columns))
    except ArgumentError:
        raise refuse(
            "sources",
            "records as a Parquet or CSV path, a folder, a list of paths, an Arrow table, "
            "or a pandas or polars DataFrame",
            source,
        ) from None


def _raw_view(con: Any, raw: str, kind: RecordKind, source: RecordSource) -> tuple[SourceInfo, str]:
    """Create the view ``raw`` over ``source`` as it is; return its description and the SQL of
    each row's file and row number."""
    if isinstance(source, str | os.PathLike) or (
        isinstance(source, Sequence) and not isinstance(source, str)
    ):
        files = files_of(source)
        info = SourceInfo(", ".join(str(f) for f in files[:3]) + (" …" if len(files) > 3 else ""),
                          tuple(str(f) for f in files))  # fmt: skip
        if not files:
            raise no_files(kind, source)
        if all(f.suffix == ".parquet" for f in files):
            _check_parquet_schemas(files)
            check_partition_years(con, kind, files)  # footers only, unless a year is wrong
            listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
            con.execute(
                f"CREATE OR REPLACE TEMP VIEW {raw} AS SELECT * FROM read_parquet([{listed}], "
                "filename = true, file_row_number = true)"
            )
            info = attrs.evolve(info, facts=parquet_facts(info.files, _names(kind)))
            return info, "filename AS __file, file_row_number + 1 AS __row"
        if all(f.suffix in (".csv", ".tsv") for f in files):
            for path in files:  # encoding, row length, header: as every CSV reader checks them
                check_csv_file(path)
            delimiters = {csv_delimiter(f) for f in files}
            if len(delimiters) > 1:
                raise DataError(
                    [Problem(info.description, "mix of .csv and .tsv files: give one kind")]
                )
            listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
            (delim,) = delimiters  # a tab is written as itself inside the quotes
            con.execute(
                f"CREATE OR REPLACE TEMP VIEW {raw} AS SELECT * FROM read_csv([{listed}], "
                f"header = true, all_varchar = true, filename = true, delim = '{delim}')"
            )
            return info, "filename AS __file, row_number() OVER (PARTITION BY filename) AS __row"
        raise DataError([Problem(info.description, "mix of file types: give Parquet or CSV files")])
    table = as_arrow(source, kind)
    con.register(raw, table)
    info = SourceInfo(f"{kind.value} table", facts=arrow_facts(table, _names(kind)))
    return info, "NULL AS __file, row_number() OVER () AS __row"


def _names(kind: RecordKind) -> list[str]:
    return [f.name for f in schema(kind)]


def _columns(con: Any, kind: RecordKind, raw: str, info: SourceInfo) -> dict[str, str]:
    """The columns of the view ``raw`` and their types; every column of the schema must be."""
    present = {row[0]: row[1] for row in con.execute(f"DESCRIBE SELECT * FROM {raw}").fetchall()}
    missing = [f.name for f in schema(kind) if f.name not in present]
    if missing:
        raise DataError(
            [Problem(f"column {name}", "missing from the records") for name in missing],
            source=info.description,
        )
    return present


def register(
    con: Any,
    kind: RecordKind,
    source: RecordSource,
    *,
    check_duplicate_ids: bool = True,
    verified: VerifiedIds | None = None,
    checks: IdChecks | None = None,
) -> SourceInfo:
    """Create the views ``rec_<kind>`` and ``rec_<kind>_rows`` over ``source`` in ``con``.

    With ``verified``, files found earlier to repeat no id (all of them in one set checked
    before, none changed) are not checked again, and files checked now are remembered
    (:mod:`countycare.records.verified_ids`). With ``checks``, the check of Parquet files is
    left to run beside the scan (:mod:`countycare.records.id_check`): the views count each row
    once until :meth:`~countycare.records.id_check.IdChecks.settle` finds a repeated id.
    """
    raw = f"raw_{kind.value}"
    info, rows = _raw_view(con, raw, kind, source)
    present = _columns(con, kind, raw, info)
    facts = typed_views(con, kind, raw, present, rows, (), check_duplicate_ids, info.files,
                         verified, info.facts, checks)  # fmt: skip
    return attrs.evolve(info, facts=facts)


def register_counties(
    con: Any,
    kind: RecordKind,
    sources: Mapping[str, RecordSource],
    *,
    check_duplicate_ids: bool = True,
    verified: VerifiedIds | None = None,
    checks: IdChecks | None = None,
) -> SourceInfo:
    """Like :func:`register`, for the records of many counties read as one: both views gain
    the column ``__county``, the county the rows were given for. Repeated ids are looked for
    across all the counties.

    When every county's records are Parquet files in partitions ``county=<its id>`` (the
    layout of a dataset), all the files are read by one reader that takes the county from the
    path (DuckDB's hive partitioning), checked here to be the county each file was given for:
    one reader streams any number of counties in bounded memory. Otherwise each county's
    source becomes one branch of a ``UNION ALL``.
    """
    if not sources:
        raise no_files(kind, [])
    partitioned = _county_partitions(kind, sources)
    if partitioned is not None:
        raw = f"raw_{kind.value}"
        listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in partitioned)
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {raw} AS SELECT *, county AS __county "
            f"FROM read_parquet([{listed}], filename = true, file_row_number = true, "
            "hive_partitioning = true, hive_types_autocast = false)"
        )
        files = [str(f) for f in partitioned]
        present = _columns(con, kind, raw, SourceInfo(str(partitioned[0].parent)))
        facts = typed_views(con, kind, raw, present,
                             "filename AS __file, file_row_number + 1 AS __row", ("__county",),
                             check_duplicate_ids, tuple(files), verified,
                             parquet_facts(files, _names(kind)), checks)  # fmt: skip
        shown = ", ".join(files[:2]) + f" … ({len(sources)} counties)"
        return SourceInfo(shown if len(files) > 2 else ", ".join(files), tuple(files), facts)
    branches: list[str] = []
    described: list[str] = []
    parts: list[Mapping[str, ColumnFacts]] = []
    files = []
    rows = ""
    tables = False  # an Arrow table or frame among the sources: never remembered
    for n, (county_id, source) in enumerate(sources.items()):
        raw = f"raw_{kind.value}_{n}"
        info, rows = _raw_view(con, raw, kind, source)
        tables = tables or not info.files
        _columns(con, kind, raw, info)
        described.append(info.description)
        parts.append(info.facts)
        files.extend(info.files)
        literal = "'" + county_id.replace("'", "''") + "'"
        branches.append(f"SELECT *, {literal} AS __county FROM {raw}")
    raw = f"raw_{kind.value}"
    con.execute(f"CREATE OR REPLACE TEMP VIEW {raw} AS {' UNION ALL BY NAME '.join(branches)}")
    present = {row[0]: row[1] for row in con.execute(f"DESCRIBE SELECT * FROM {raw}").fetchall()}
    remembered = () if tables else tuple(files)
    facts = typed_views(con, kind, raw, present, rows, ("__county",), check_duplicate_ids,
                         remembered, verified, merge_facts(parts), checks)  # fmt: skip
    shown = ", ".join(described[:2]) + (
        f" … ({len(described)} counties)" if len(described) > 2 else ""
    )
    return SourceInfo(shown, tuple(files), facts)


def _county_partitions(kind: RecordKind, sources: Mapping[str, RecordSource]) -> list[Path] | None:
    """Every county's Parquet files, when each lies in a folder ``county=<the county's id>``
    and all have the same partition keys (so one hive-partitioned reader names each file's
    county rightly); None otherwise."""
    found: list[Path] = []
    keys: set[tuple[str, ...]] = set()
    for county_id, source in sources.items():
        if not (
            isinstance(source, str | os.PathLike)
            or (isinstance(source, Sequence) and not isinstance(source, str))
        ):
            return None
        files = files_of(source)
        if not files:
            raise no_files(kind, source)
        for path in files:
            parts = [p.split("=", 1) for p in path.parent.parts if "=" in p]
            given = dict(parts)
            if path.suffix != ".parquet" or given.get("county") != county_id:
                return None
            if len(given) != len(parts):
                return None
            keys.add(tuple(k for k, _ in parts))
        found.extend(files)
    if len(keys) != 1:
        return None
    _check_parquet_schemas(found)
    return found


def _check_parquet_schemas(files: Sequence[Path]) -> None:
    """Refuse an unreadable Parquet footer or a repeated column name, naming the file.

    Reads only each file's metadata. DuckDB would rename a repeated column (``id_1``) and go on
    reading the first, silently.
    """
    import pyarrow.parquet as pq

    from countycare.io.text import arrow_message

    for path in files:
        try:
            names = pq.read_schema(path).names
        except (pa.ArrowException, OSError, ValueError) as exc:
            raise DataError(
                [Problem("$", f"not a readable Parquet file: {arrow_message(exc)}")],
                source=str(path),
            ) from None
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise DataError(
                [Problem(f"column {n[:60]}", "the column appears twice") for n in repeated],
                source=str(path),
            )


def no_files(kind: RecordKind, source: Any) -> DataError:
    """The error for paths that hold no record file: measuring them would give false zeros."""
    where = str(source) if isinstance(source, str | os.PathLike) else "the list of paths"
    return DataError(
        [Problem(where, f"no Parquet or CSV file of {kind.value} records (an empty list?)")],
        source=where,
    )
