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

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

from countycare.records.schemas import RecordKind

__all__ = [
    "COPIES",
    "UNIQUE_ID",
    "disjoint_groups",
    "duplicates_sql",
    "exact_duplicates",
    "find_duplicates",
    "ids_in_order",
    "parquet_reads",
    "repeated_hashes",
    "repeated_hashes_sql",
    "repeated_id_hashes",
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


#: Ids hashed in one pass at most (8 bytes each, sorted in memory): beyond, the hashes are split
#: into passes by their remainder, so that memory stays bounded whatever the number of rows.
IDS_PER_PASS = 20_000_000


def repeated_hashes(hashes: Any) -> list[int]:
    """The values found more than once in ``hashes`` (a NumPy array of 64-bit hashes): once
    sorted (in place), equal values are neighbours, so one comparison of each with the next
    finds them all.

    >>> import numpy as np
    >>> repeated_hashes(np.array([5, 3, 5, 9, 3, 5], dtype=np.uint64))
    [3, 5]
    """
    import numpy as np

    hashes.sort()
    same = hashes[1:] == hashes[:-1]
    return [int(h) for h in np.unique(hashes[1:][same])]


def disjoint_groups(files: Sequence[str], column: str) -> list[tuple[list[str], int]] | None:
    """Parquet ``files`` in groups no two of which can share a value of ``column``, with each
    group's number of rows; None when a file's statistics do not bound the column.

    Each file's smallest and largest value of ``column`` are read from its footer (the
    statistics of every row group). Two files whose ranges do not overlap share no value, so
    files are grouped only where their ranges overlap (a sweep over the ranges sorted by their
    start): counties or months written as separate files with ids that carry the county or
    date each form a group of one file, and each group is checked on its own.
    """
    import pyarrow as pa

    try:
        ranges = _id_ranges(files, column)
    except (UnicodeDecodeError, OverflowError, OSError, ValueError, pa.ArrowException):
        return None  # a footer that cannot be read bounds nothing: one group, checked whole
    if ranges is None:
        return None
    groups: list[tuple[list[str], int]] = []
    reach: Any = None
    for low, high, name, rows in sorted(ranges):
        if groups and low <= reach:
            groups[-1][0].append(name)
            groups[-1] = (groups[-1][0], groups[-1][1] + rows)
            reach = max(reach, high)
        else:
            groups.append(([name], rows))
            reach = high
    return groups


def _id_ranges(files: Sequence[str], column: str) -> list[tuple[Any, Any, str, int]] | None:
    """Each file's smallest and largest ``column`` value from its footer, with its rows."""
    import pyarrow.parquet as pq

    ranges: list[tuple[Any, Any, str, int]] = []
    for name in files:
        meta = pq.read_metadata(name)
        names = [meta.schema.column(i).name for i in range(meta.num_columns)]
        if names.count(column) != 1:
            return None
        at = names.index(column)
        low: Any = None
        high: Any = None
        for g in range(meta.num_row_groups):
            stats = meta.row_group(g).column(at).statistics
            if meta.row_group(g).num_rows == 0:
                continue
            if stats is None or not stats.has_min_max or not isinstance(stats.min, str):
                return None
            low = stats.min if low is None else min(low, stats.min)
            high = stats.max if high is None else max(high, stats.max)
        if low is not None:
            ranges.append((low, high, name, meta.num_rows))
    return ranges


def ids_in_order(
    files: Sequence[str], column: str, stopped: Callable[[], bool] | None = None
) -> bool:
    """Whether the Parquet ``files`` are proven to repeat no value of ``column`` by its order
    alone: within each file the ids strictly increase, shorter before longer and equal lengths
    byte by byte, and no two files' ranges overlap in that order.

    A strictly increasing sequence holds no value twice, so ids exported in order — a database
    key, or a prefix and a sequence number (``wanrong-2024-e9`` before ``…-e10``) — need
    neither hashing nor sorting: one pass reads the column 65,536 ids at a time and compares
    each id with the next. False (check by hashes, :func:`repeated_id_hashes`) at the first id
    out of order, at a missing id, for a column that is not text, or for a file that cannot be
    read; the check by hashes then judges the file, and names it if it is unreadable. False
    too as soon as ``stopped()`` is true (checked before each batch): a check being closed.

    >>> import pyarrow as pa, pyarrow.parquet as pq, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> pq.write_table(pa.table({"claim_id": ["c8", "c9", "c10"]}), folder / "a.parquet")
    >>> pq.write_table(pa.table({"claim_id": ["c11", "c12"]}), folder / "b.parquet")
    >>> pq.write_table(pa.table({"claim_id": ["c2", "c1"]}), folder / "c.parquet")
    >>> ids_in_order([str(folder / "a.parquet"), str(folder / "b.parquet")], "claim_id")
    True
    >>> ids_in_order([str(folder / "a.parquet"), str(folder / "c.parquet")], "claim_id")
    False
    """
    import pyarrow as pa

    spans: list[tuple[_Key, _Key]] = []
    try:
        for name in files:
            span = _ascending_span(name, column, stopped or (lambda: False))
            if span is False:
                return False
            if span is not None:
                spans.append(span)
    except (OSError, ValueError, KeyError, pa.ArrowException):
        return False
    spans.sort()
    return all(before[1] < after[0] for before, after in itertools.pairwise(spans))


#: Ids compared at a time by :func:`ids_in_order`. A batch this small (about 1.5 MiB of ids)
#: stays in the processor's cache from decoding to comparing, and leaves the cache to the scan
#: that runs beside the check: measured on 10 M ids, the check costs 12 % less than with a
#: million ids a batch, and a first run adds a quarter less to a re-run.
_BATCH = 1 << 16

#: An id as the order of :func:`ids_in_order` sees it: its length in bytes, then its text
#: (UTF-8 orders text byte by byte as Python orders it by code point).
_Key = tuple[int, str]


def _ascending_span(
    name: str, column: str, stopped: Callable[[], bool]
) -> tuple[_Key, _Key] | Literal[False] | None:
    """The first and last id of file ``name`` when its ids strictly increase; None for a file
    without rows; False when they do not (or are missing, or not text)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(name)
    first: _Key | None = None
    last: _Key | None = None
    # a batch at a time, whatever the row groups: memory stays bounded
    for batch in parquet.iter_batches(_BATCH, columns=[column], use_threads=False):
        if stopped():
            return False
        ids = batch.column(0)
        text = pa.types.is_string(ids.type) or pa.types.is_large_string(ids.type)
        if not text or ids.null_count:
            return False
        if len(ids) == 0:
            continue
        lengths = pc.binary_length(ids).to_numpy(zero_copy_only=False)
        step = np.diff(lengths)
        if (step < 0).any():
            return False
        # equal lengths must increase byte by byte; a longer id follows whatever its bytes
        greater = pc.less(ids[:-1], ids[1:]).to_numpy(zero_copy_only=False)
        if not ((step > 0) | greater).all():
            return False
        head = (int(lengths[0]), str(ids[0].as_py()))
        if last is not None and not last < head:
            return False
        first = head if first is None else first
        last = (int(lengths[-1]), str(ids[-1].as_py()))
    return None if first is None or last is None else (first, last)


def find_duplicates(
    con: Any,
    kind: RecordKind,
    source: str,
    table: str,
    ids_per_pass: int = IDS_PER_PASS,
    files: Sequence[str] = (),
) -> str | None:
    """Find the repeated ids of ``source`` with DuckDB; return the name of the table holding
    them (``__id, __copies``), or None when there are none.

    One pass reads the id column and hashes it (64 bits) in DuckDB; NumPy sorts the hashes
    (a vectorised sort of 64-bit integers: several times faster than DuckDB's ORDER BY or a
    grouping in a hash table) and compares each with its neighbour (:func:`repeated_hashes`).
    Only when a hash repeats (a repeated id, or a rare collision of two ids) does a second pass
    group exactly the ids of those hashes, so a collision never rejects a row and a repeated id
    is always found.
    Given the Parquet ``files`` that ``source`` reads (their id column already text), the files
    are checked in groups that cannot share an id (:func:`disjoint_groups`), each on its own,
    and a group whose ids are in order (:func:`ids_in_order`) is not hashed at all.
    Beyond ``ids_per_pass`` ids a group is hashed in several passes, each keeping the hashes of
    one remainder, so that memory stays bounded.
    """
    column = UNIQUE_ID[kind]
    groups = disjoint_groups(files, column) if files else None
    if groups is None:
        rows = con.execute(f"SELECT count(*) FROM {source}").fetchall()[0][0]
        reads = [(source, int(rows))]
    else:  # a group whose ids are in order repeats none: no need to hash it
        reads = parquet_reads([g for g in groups if not ids_in_order(g[0], column)])
    repeated = repeated_id_hashes(con, kind, reads, ids_per_pass)
    return exact_duplicates(con, kind, source, table, repeated) if repeated else None


def parquet_reads(groups: Sequence[tuple[Sequence[str], int]]) -> list[tuple[str, int]]:
    """A ``read_parquet`` of each group of files (:func:`disjoint_groups`), with its rows."""
    return [(_parquet(files), rows) for files, rows in groups]


def repeated_id_hashes(
    con: Any,
    kind: RecordKind,
    reads: Sequence[tuple[str, int]],
    ids_per_pass: int = IDS_PER_PASS,
) -> list[int]:
    """The 64-bit hashes of ``kind``'s ids that repeat within one of ``reads`` (each a source
    and its number of rows, checked on its own): the first pass of :func:`find_duplicates`."""
    import numpy as np

    column = UNIQUE_ID[kind]
    repeated: list[int] = []
    for read, rows in reads:
        passes = max(1, -(-rows // max(1, ids_per_pass)))
        for part in range(passes):
            share = f" AND hash({column}) % {passes} = {part}" if passes > 1 else ""
            batches = con.sql(
                f"SELECT hash({column}) AS h FROM {read} WHERE {column} IS NOT NULL{share}"
            ).to_arrow_reader(1 << 20)  # streamed: DuckDB keeps no copy of the result
            hashes = np.concatenate(
                [np.empty(0, np.uint64), *(b.column(0).to_numpy() for b in batches)]
            )
            repeated.extend(repeated_hashes(hashes))
            del hashes
    return sorted(set(repeated))


def exact_duplicates(
    con: Any, kind: RecordKind, source: str, table: str, repeated: Sequence[int]
) -> str | None:
    """Group exactly the ids of ``source`` whose hash is in ``repeated`` into the table
    ``table`` (``__id, __copies``), the second pass of :func:`find_duplicates`; return its
    name, or None when those hashes were only collisions of distinct ids."""
    import pyarrow as pa

    column = UNIQUE_ID[kind]
    con.register(f"{table}_h", pa.table({"__h": pa.array(list(repeated), pa.uint64())}))
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT {column} AS __id, count(*) AS {COPIES} "
        f"FROM {source} s WHERE {column} IS NOT NULL AND hash({column}) IN "
        f"(SELECT __h FROM {table}_h) GROUP BY {column} HAVING count(*) > 1"
    )
    if con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] == 0:
        return None
    return table


def _parquet(files: Sequence[str]) -> str:
    listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
    return f"read_parquet([{listed}])"


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
