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
import pytest
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
    table = pa.table({"encounter_id": pa.array(ids, pa.string())})
    pq.write_table(table, path, row_group_size=row_group_size)
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


def _key(text: str) -> tuple[int, bytes]:
    return len(text.encode()), text.encode()


@given(
    st.lists(
        st.lists(st.text(alphabet="ab9é-", max_size=4), max_size=6),
        min_size=1,
        max_size=3,
    ),
    st.integers(min_value=1, max_value=3),
)
def test_ids_in_order_never_vouches_for_a_repeat(files_ids: list[list[str]], size: int) -> None:
    """Soundness: whatever the files hold, ``ids_in_order`` says True only when no id repeats
    within or across them; and ids sorted by length then bytes, with no repeat, split over
    files in that order, are recognised (so the shortcut is taken where it should be)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        paths = [_ids(Path(folder) / f"{i}.parquet", ids, size) for i, ids in enumerate(files_ids)]
        every = [i for ids in files_ids for i in ids]
        if record_ids.ids_in_order(paths, "encounter_id"):
            assert len(set(every)) == len(every)
        ordered = sorted(set(every), key=_key)
        cut = len(ordered) // 2
        parts = [ordered[:cut], ordered[cut:]]
        sorted_paths = [
            _ids(Path(folder) / f"s{i}.parquet", part, size) for i, part in enumerate(parts)
        ]
        assert record_ids.ids_in_order(sorted_paths[::-1], "encounter_id")


@pytest.mark.parametrize("batch", [1, 2, 1 << 20])
def test_ids_in_order_follow_length_then_bytes(
    tmp_path: Path, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``e9`` before ``e10`` (a sequence number without zeros in front) is in order; a repeat
    across a row group's or a batch's edge, a step back, a missing id or ids that are not text
    are not."""
    monkeypatch.setattr(record_ids, "_BATCH", batch)
    assert record_ids.ids_in_order(
        [_ids(tmp_path / "a.parquet", ["e8", "e9", "e10"])], "encounter_id"
    )
    for name, ids in {
        "edge": ["e1", "e2", "e2", "e3"],  # row groups of two: the repeat is across the edge
        "back": ["e1", "e3", "e2"],
        "missing": ["e1", None, "e3"],
    }.items():
        path = _ids(tmp_path / f"{name}.parquet", ids)  # type: ignore[arg-type]
        assert not record_ids.ids_in_order([path], "encounter_id"), name
    numbers = tmp_path / "numbers.parquet"
    pq.write_table(pa.table({"encounter_id": [1, 2, 3]}), numbers)
    assert not record_ids.ids_in_order([str(numbers)], "encounter_id")
    assert not record_ids.ids_in_order([str(tmp_path / "absent.parquet")], "encounter_id")
    in_order = _ids(tmp_path / "stopped.parquet", ["e1", "e2"])
    assert not record_ids.ids_in_order([in_order], "encounter_id", stopped=lambda: True)


def test_files_in_order_that_overlap_are_hashed_and_the_repeat_found(tmp_path: Path) -> None:
    """Two files each in order whose ranges meet at a shared id: not vouched for, so the check
    by hashes runs and finds the id with its two copies."""
    a = _ids(tmp_path / "a.parquet", ["e1", "e2", "e5"])
    b = _ids(tmp_path / "b.parquet", ["e3", "e5", "e6"])
    assert not record_ids.ids_in_order([a, b], "encounter_id")
    con = duckdb.connect()
    source = f"read_parquet(['{a}', '{b}'])"
    found = record_ids.find_duplicates(con, RecordKind.ENCOUNTERS, source, "dup", files=[a, b])
    assert found == "dup"
    assert con.execute("SELECT __id, __copies FROM dup").fetchall() == [("e5", 2)]
