"""The views the engines read: every column of the canonical type, and the copies of each id.

:func:`typed_views` turns a raw view of records (a file or table as it is) into the views
``rec_<kind>`` and ``rec_<kind>_rows`` of :mod:`countycare.records.sources`: columns already of
the canonical type are read as they are, others converted with ``TRY_CAST`` (a value of the
wrong type becomes empty and is rejected by the checks, never guessed); for a kind whose
records carry an id, the column ``__copies`` counts the rows holding each row's id
(:mod:`countycare.records.record_ids`), found before the views are made or, given
:class:`~countycare.records.id_check.IdChecks`, beside the scan.

Examples
--------
>>> import duckdb
>>> from countycare.records.schemas import schema
>>> con = duckdb.connect()
>>> _ = con.register("raw", schema(RecordKind.POPULATION).empty_table())
>>> present = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE raw)").fetchall())
>>> facts = typed_views(con, RecordKind.POPULATION, "raw", present, "NULL AS __file", (), True)
>>> con.execute("SELECT count(*) FROM rec_population_rows").fetchall()
[(0,)]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyarrow as pa

from countycare.records.column_facts import ColumnFacts
from countycare.records.id_check import IdChecks, record_views
from countycare.records.record_ids import (
    COPIES,
    UNIQUE_ID,
    disjoint_groups,
    find_duplicates,
    parquet_reads,
    with_copies_sql,
)
from countycare.records.schemas import RecordKind, schema
from countycare.records.time_zone import duckdb_date
from countycare.records.verified_ids import VerifiedIds

__all__ = ["typed_views"]

_DUCK_TYPES = {
    pa.string(): "VARCHAR",
    pa.date32(): "DATE",
    pa.bool_(): "BOOLEAN",
    pa.float64(): "DOUBLE",
    pa.int16(): "SMALLINT",
    pa.int64(): "BIGINT",
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def typed_views(
    con: Any,
    kind: RecordKind,
    raw: str,
    present: Mapping[str, str],
    rows: str,
    extra: tuple[str, ...],
    check_duplicate_ids: bool,
    files: tuple[str, ...] = (),
    verified: VerifiedIds | None = None,
    facts: Mapping[str, ColumnFacts] | None = None,
    checks: IdChecks | None = None,
) -> dict[str, ColumnFacts]:
    """Create the views ``rec_<kind>`` and ``rec_<kind>_rows`` over the view ``raw``.

    Parameters
    ----------
    present
        The columns of ``raw`` and their DuckDB types; every column of the schema must be.
    rows
        The SQL of each row's file and row number (``__file``, ``__row``), for the ``_rows`` view.
    extra
        Columns of ``raw`` kept as they are after the schema's (``__county``).
    check_duplicate_ids
        Whether to look for repeated ids; False vouches that none repeats.
    files
        The files ``raw`` reads, when it reads files: Parquet files are checked a group at a
        time (:func:`~countycare.records.record_ids.disjoint_groups`), and remembered in
        ``verified`` when free of repeats (or skipped when remembered before).
    facts
        What the statistics show of the raw columns (:mod:`~countycare.records.column_facts`).
    checks
        Where to leave the check of Parquet files to run beside the scan.

    Returns
    -------
    dict
        The ``facts`` that hold for the typed view: those of the columns read as they are (a
        converted value may become empty), and that no id repeats
        (:data:`~countycare.records.record_ids.COPIES` is 1) when none was found, the check is
        waived or left to ``checks``.
    """
    columns = []
    kept: dict[str, ColumnFacts] = {}
    for field in schema(kind):
        wanted = _DUCK_TYPES[field.type]
        name = _quote(field.name)
        if present[field.name] == wanted:
            columns.append(name)
            if facts and field.name in facts:
                kept[field.name] = facts[field.name]
        else:
            # trim() also keeps DuckDB from pushing the cast into the CSV reader, where a bad
            # value would fail the whole read instead of becoming empty and being rejected.
            value = f"trim({name})" if present[field.name] == "VARCHAR" else name
            if wanted == "DATE":  # a moment is dated in China, whatever the session's zone
                value = duckdb_date(value, present[field.name])
            columns.append(f"TRY_CAST({value} AS {wanted}) AS {name}")
    select = ", ".join([*columns, *extra])
    typed = f"SELECT {select} FROM {raw}"
    typed_rows = f"SELECT {select}, {rows} FROM {raw}"
    known = verified is not None and bool(files) and verified.verified(kind, files)
    if kind in UNIQUE_ID and (not check_duplicate_ids or known):
        # ids vouched unique, or these files were checked before: each row counts once
        typed = with_copies_sql(kind, f"({typed})", None)
        typed_rows = with_copies_sql(kind, f"({typed_rows})", None)
        kept[COPIES] = ColumnFacts(0, 1, 1)
    elif kind in UNIQUE_ID:  # a pass over the id column; the duplicates are few, if any
        parquet = (
            bool(files)
            and present.get(UNIQUE_ID[kind]) == "VARCHAR"
            and all(f.endswith(".parquet") for f in files)
        )  # only then can the files be read one group at a time, the ids as they are
        groups = disjoint_groups(files, UNIQUE_ID[kind]) if parquet else None
        # fingerprints taken before the check: a file written meanwhile is checked next time
        taken = verified.fingerprints(files) if verified is not None and files else ()
        remember = (
            (lambda: verified.remember(kind, files, taken))
            if verified is not None and taken
            else None
        )
        if checks is not None and groups is not None:  # checked beside the scan
            checks.defer(kind, parquet_reads(groups), typed, typed_rows, remember,
                         files=[group for group, _ in groups])  # fmt: skip
            kept[COPIES] = ColumnFacts(0, 1, 1)
            return kept
        duplicates = find_duplicates(con, kind, f"({typed})", f"dup_{kind.value}",
                                     files=files if groups is not None else ())  # fmt: skip
        if duplicates is None and remember is not None:
            remember()
        if duplicates is None:
            kept[COPIES] = ColumnFacts(0, 1, 1)
        typed = with_copies_sql(kind, f"({typed})", duplicates)
        typed_rows = with_copies_sql(kind, f"({typed_rows})", duplicates)
    record_views(con, kind, typed, typed_rows)
    return kept
