"""Record ids that must be unique, and the SQL that finds the ones that are not.

A per-row check cannot see a repeated id: it takes the whole id column. The engines therefore
first find the repeated ids (:func:`duplicates_sql`), then give every row the number of rows that
hold its id (:func:`with_copies_sql`, column :data:`COPIES`), and the row checks of
:mod:`countycare.records.checks` reject a row whose count is above 1. Both DuckDB and Spark run
this SQL.

Examples
--------
>>> UNIQUE_ID[RecordKind.CLAIMS]
'claim_id'
>>> with_copies_sql(RecordKind.CLAIMS, "claims", None)
'SELECT t.*, CAST(1 AS BIGINT) AS __copies FROM claims t'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from countycare.records.schemas import RecordKind

__all__ = [
    "COPIES",
    "UNIQUE_ID",
    "duplicates_sql",
    "find_duplicates",
    "repeated_hashes_sql",
    "with_copies_sql",
]

#: The column that identifies a record, for the kinds that have one. An id found on several rows
#: rejects every one of them: which copy is right cannot be known, and keeping "the first" would
#: make the numbers depend on the order files and rows are read in.
UNIQUE_ID: Mapping[RecordKind, str] = {
    RecordKind.ENCOUNTERS: "encounter_id",
    RecordKind.CLAIMS: "claim_id",
    RecordKind.REFERRALS: "referral_id",
    RecordKind.REMOTE_READS: "read_id",
    RecordKind.POSTINGS: "posting_id",
    RecordKind.DEATHS: "death_id",
}

#: The column the engines add to records of a kind in :data:`UNIQUE_ID`: rows holding its id.
COPIES = "__copies"


def duplicates_sql(kind: RecordKind, source: str, hash_function: str) -> str:
    """The ids of ``kind`` found on more than one row of ``source``, and on how many rows.

    Grouping millions of string ids is slow, so the ids are first grouped by a 64-bit hash
    (``hash`` in DuckDB, ``xxhash64`` in Spark); only the ids whose hash repeats, usually none,
    are then grouped exactly, so a collision of hashes never rejects a row.
    """
    column = UNIQUE_ID[kind]
    repeated = (
        f"SELECT {hash_function}({column}) AS __h FROM {source} s1 "
        f"WHERE {column} IS NOT NULL GROUP BY {hash_function}({column}) HAVING count(*) > 1"
    )
    return (
        f"SELECT {column} AS __id, count(*) AS {COPIES} FROM {source} s "
        f"WHERE {column} IS NOT NULL AND {hash_function}({column}) IN ({repeated}) "
        f"GROUP BY {column} HAVING count(*) > 1"
    )


def repeated_hashes_sql(kind: RecordKind, source: str, hash_function: str) -> str:
    """The 64-bit hashes of ``kind``'s ids found on more than one row of ``source``: one pass
    over the id column (the first half of :func:`duplicates_sql`)."""
    column = UNIQUE_ID[kind]
    return (
        f"SELECT {hash_function}({column}) AS __h FROM {source} "
        f"WHERE {column} IS NOT NULL GROUP BY 1 HAVING count(*) > 1"
    )


#: Ids grouped in one pass at most: beyond, the hashes are split into passes by their remainder,
#: so that the grouping's memory stays bounded (250 million ids in one grouping ran out of a
#: 1 GB DuckDB memory limit).
IDS_PER_PASS = 40_000_000


def find_duplicates(
    con: Any, kind: RecordKind, source: str, table: str, ids_per_pass: int = IDS_PER_PASS
) -> str | None:
    """Find the repeated ids of ``source`` with DuckDB; return the name of the table holding
    them (``__id, __copies``), or None when there are none.

    One pass over the id column groups the ids by hash; only when a hash repeats (a repeated
    id, or a rare collision of two ids) does a second pass group exactly the ids of those
    hashes. Where :func:`duplicates_sql` reads the column twice whatever it finds, the usual
    case (no duplicate) reads it once. Beyond ``ids_per_pass`` ids the hashes are grouped in
    several passes, each taking the hashes of one remainder, so that memory stays bounded.
    """
    hashes = f"{table}_h"
    rows = con.execute(f"SELECT count(*) FROM {source}").fetchall()[0][0]
    passes = max(1, -(-int(rows) // max(1, ids_per_pass)))
    column = UNIQUE_ID[kind]
    con.execute(f"CREATE OR REPLACE TEMP TABLE {hashes} (__h UBIGINT)")
    for part in range(passes):
        share = f" AND hash({column}) % {passes} = {part}" if passes > 1 else ""
        con.execute(
            f"INSERT INTO {hashes} SELECT hash({column}) FROM {source} "
            f"WHERE {column} IS NOT NULL{share} GROUP BY 1 HAVING count(*) > 1"
        )
    if con.execute(f"SELECT count(*) FROM {hashes}").fetchall()[0][0] == 0:
        return None
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT {column} AS __id, count(*) AS {COPIES} "
        f"FROM {source} s WHERE {column} IS NOT NULL AND hash({column}) IN "
        f"(SELECT __h FROM {hashes}) GROUP BY {column} HAVING count(*) > 1"
    )
    if con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] == 0:
        return None
    return table


def with_copies_sql(kind: RecordKind, source: str, duplicates: str | None) -> str:
    """``source`` with the column :data:`COPIES`: 1 unless its id is in ``duplicates`` (a table
    made by :func:`duplicates_sql`; None when it is known to be empty)."""
    if duplicates is None:
        return f"SELECT t.*, CAST(1 AS BIGINT) AS {COPIES} FROM {source} t"
    column = UNIQUE_ID[kind]
    return (
        f"SELECT t.*, coalesce(d.{COPIES}, 1) AS {COPIES} FROM {source} t "
        f"LEFT JOIN {duplicates} d ON d.__id = t.{column}"
    )
