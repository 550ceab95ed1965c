"""The repeated-id check: hashes sorted in memory, files grouped by the ranges of their ids.

What these tests protect: the guarantee that a repeated id is never counted twice holds
whichever shortcut the check takes (files checked one group at a time, hashes compared after a
sort, several passes), and a collision of hashes never rejects a row.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given
from hypothesis import strategies as st

from countycare.records import record_ids
from countycare.records.schemas import RecordKind


@given(st.lists(st.integers(min_value=0, max_value=2**64 - 1), max_size=200))
def test_repeated_hashes_are_the_values_seen_twice(values: list[int]) -> None:
    """Sorting and comparing neighbours finds exactly the values held more than once."""
    found = record_ids.repeated_hashes(np.array(values, dtype=np.uint64))
    assert found == sorted(v for v, n in Counter(values).items() if n > 1)


def _ids(path: Path, ids: list[str], row_group_size: int = 2) -> str:
    pq.write_table(pa.table({"encounter_id": ids}), path, row_group_size=row_group_size)
    return str(path)


def test_files_group_where_their_ranges_overlap(tmp_path: Path) -> None:
    """Files whose ids cannot meet form groups of their own; overlapping ranges (checked on
    every row group's statistics) join one group; rows are counted per group."""
    a = _ids(tmp_path / "a.parquet", ["a-1", "a-2", "a-3"])
    b = _ids(tmp_path / "b.parquet", ["b-1", "b-9"])
    c = _ids(tmp_path / "c.parquet", ["b-5", "c-1", "c-2"])  # b-5 lies inside b's range
    groups = record_ids.disjoint_groups([c, b, a], "encounter_id")
    assert groups == [([a], 3), ([b, c], 5)]


def test_files_without_statistics_are_one_group(tmp_path: Path) -> None:
    """A file whose footer does not bound the ids cannot be set apart: no grouping."""
    a = _ids(tmp_path / "a.parquet", ["a-1"])
    path = tmp_path / "b.parquet"
    pq.write_table(pa.table({"encounter_id": ["b-1"]}), path, write_statistics=False)
    assert record_ids.disjoint_groups([a, str(path)], "encounter_id") is None


def test_a_repeat_across_files_is_found_whatever_the_grouping(tmp_path: Path) -> None:
    """The same id in two files, and a repeat inside a file: each is found, with its copies,
    in one pass or in several, with the files grouped or read as one source."""
    a = _ids(tmp_path / "a.parquet", ["a-1", "a-2", "x-7"])
    b = _ids(tmp_path / "b.parquet", ["b-1", "b-2", "b-2"])
    c = _ids(tmp_path / "c.parquet", ["x-1", "x-7", "x-9"])
    files = [a, b, c]
    for grouped in (files, []):
        for per_pass in (1, 100):
            con = duckdb.connect()
            con.execute(f"CREATE VIEW ids AS SELECT * FROM read_parquet({files!r})")
            found = record_ids.find_duplicates(
                con, RecordKind.ENCOUNTERS, "ids", "dup", per_pass, files=grouped
            )
            assert found == "dup"
            rows = sorted(con.execute("SELECT __id, __copies FROM dup").fetchall())
            assert rows == [("b-2", 2), ("x-7", 2)]


def test_a_collision_of_hashes_rejects_nothing(tmp_path: Path) -> None:
    """Two distinct ids sharing a hash (forced here) are told apart by the exact pass."""
    con = duckdb.connect()
    con.register("ids", pa.table({"encounter_id": ["p", "q", "r"]}))
    con.create_function("hash", lambda s: 7, ["VARCHAR"], "UBIGINT")  # every id collides
    assert record_ids.find_duplicates(con, RecordKind.ENCOUNTERS, "ids", "dup") is None
