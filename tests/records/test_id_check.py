"""The repeated-id check run beside the scan keeps the guarantee of the check run before it."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from countycare.community import County
from countycare.errors import DataError
from countycare.records import engine_duckdb, id_check, record_ids
from countycare.records.engine_duckdb import measure_records
from countycare.records.schemas import RecordKind
from countycare.records.verified_ids import VerifiedIds

MEASURES = ["visits", "visits_primary", "inpatient_cost_insured_in_county"]


def _with_twin(encounters: pa.Table) -> pa.Table:
    """3000 encounters and a copy of the 11th, its id repeated."""
    part = encounters.slice(0, 3000)
    return pa.concat_tables([part, part.slice(10, 1)])


def _out_of_order(table: pa.Table) -> pa.Table:
    """The rows last to first: ids out of order are hashed (in order they prove themselves
    unique without it, :func:`~countycare.records.record_ids.ids_in_order`)."""
    return table.take(pa.array(range(table.num_rows - 1, -1, -1)))


def _checks_running() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("countycare-ids")]


def test_a_repeated_id_in_parquet_rejects_every_copy_as_the_check_first_does(
    county: County, records: dict[RecordKind, pa.Table], tmp_path: Path
) -> None:
    """Scanned before the check ends, a Parquet file whose id repeats is scanned again: both
    copies are rejected, and table and report equal those of the same rows as an Arrow table
    (checked before the scan); the file is not remembered as verified."""
    table = _with_twin(records[RecordKind.ENCOUNTERS])
    path = tmp_path / "enc.parquet"
    pq.write_table(table, path)
    cache = VerifiedIds(tmp_path / "cache.json")
    beside = measure_records(
        county, {"encounters": path}, [2024], MEASURES, lenient=True, id_cache=cache
    )
    before = measure_records(county, {"encounters": table}, [2024], MEASURES, lenient=True)
    report = beside.reports[RecordKind.ENCOUNTERS]
    assert (report.read, report.rejected) == (3001, 2)
    assert all("repeated" in p.message for p in report.problems)
    assert beside.table == before.table
    assert report.by_reason == before.reports[RecordKind.ENCOUNTERS].by_reason
    assert not cache.verified(RecordKind.ENCOUNTERS, [str(path)])
    with pytest.raises(DataError, match="repeated"):
        measure_records(county, {"encounters": path}, [2024], MEASURES, id_cache=False)
    assert not _checks_running()


def test_a_collision_of_hashes_rejects_nothing_and_the_file_is_remembered(
    county: County,
    records: dict[RecordKind, pa.Table],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When the first pass reports a hash that only a collision explains (two distinct ids),
    the exact second pass finds no repeated id: no row is rejected, no scan is run again, and
    the file is remembered as verified."""
    table = _out_of_order(records[RecordKind.ENCOUNTERS].slice(0, 3000))
    path = tmp_path / "enc.parquet"
    pq.write_table(table, path)
    first = table.column("encounter_id")[0].as_py()
    one = duckdb.connect().execute("SELECT hash(?)", [first]).fetchall()[0][0]

    def colliding(con: object, kind: RecordKind, reads: Sequence[tuple[str, int]]) -> list[int]:
        return [int(one)]

    monkeypatch.setattr(id_check, "repeated_id_hashes", colliding)
    cache = VerifiedIds(tmp_path / "cache.json")
    result = measure_records(county, {"encounters": path}, [2024], MEASURES, id_cache=cache)
    plain = measure_records(county, {"encounters": table}, [2024], MEASURES)
    assert result.reports[RecordKind.ENCOUNTERS].rejected == 0
    assert result.table == plain.table
    assert cache.verified(RecordKind.ENCOUNTERS, [str(path)])


def test_a_failed_scan_stops_the_check_and_leaves_no_thread(
    county: County,
    records: dict[RecordKind, pa.Table],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A scan that fails while the check is still running interrupts the check: the error is
    the library's, naming the records, and no thread of the check outlives the call."""
    path = tmp_path / "enc.parquet"
    pq.write_table(_out_of_order(records[RecordKind.ENCOUNTERS].slice(0, 3000)), path)
    started = threading.Event()

    def endless(con: duckdb.DuckDBPyConnection, kind: RecordKind, reads: object) -> list[int]:
        started.set()
        con.execute("SELECT count(*) FROM range(1000000000000) a")  # only an interrupt ends it
        return []

    def failing(*args: object) -> None:
        assert started.wait(10)
        raise duckdb.IOException(f"Could not read file '{path}': broken page")

    monkeypatch.setattr(id_check, "repeated_id_hashes", endless)
    monkeypatch.setattr("countycare.records.engine_duckdb._run", failing)
    with pytest.raises(DataError) as caught:
        measure_records(county, {"encounters": path}, [2024], MEASURES, id_cache=False)
    assert caught.value.source == str(path)
    assert not _checks_running()


def test_a_failed_check_is_a_library_error_naming_the_file(
    county: County,
    records: dict[RecordKind, pa.Table],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file the check cannot read (while the scan could) fails the call with a
    :class:`DataError` naming that file, never a raw DuckDB error from the thread."""
    path = tmp_path / "enc.parquet"
    pq.write_table(_out_of_order(records[RecordKind.ENCOUNTERS].slice(0, 3000)), path)

    def unreadable(con: object, kind: RecordKind, reads: object) -> list[int]:
        raise duckdb.IOException(f"Could not read file '{path}': bad page header")

    monkeypatch.setattr(id_check, "repeated_id_hashes", unreadable)
    with pytest.raises(DataError, match="cannot be read") as caught:
        measure_records(county, {"encounters": path}, [2024], MEASURES, id_cache=False)
    assert caught.value.source == str(path)
    assert not _checks_running()


def test_a_file_written_while_it_is_checked_is_checked_again(
    county: County,
    records: dict[RecordKind, pa.Table],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The cache remembers a file by the fingerprint taken before the check, not after: a file
    rewritten with a repeated id while the clean copy was being checked is not vouched for, so
    the next run checks it and rejects both copies."""
    clean = _out_of_order(records[RecordKind.ENCOUNTERS].slice(0, 3000))
    path = tmp_path / "enc.parquet"
    pq.write_table(clean, path)
    real = record_ids.repeated_id_hashes  # the function id_check calls
    real_run = engine_duckdb._run
    scanned = threading.Event()

    def scan(*args: Any) -> None:
        real_run(*args)
        scanned.set()

    def rewritten_meanwhile(
        con: object, kind: RecordKind, reads: Sequence[tuple[str, int]]
    ) -> list[int]:
        found = real(con, kind, reads)
        assert scanned.wait(10)  # written once read by the check and the scan, before settling
        pq.write_table(_with_twin(records[RecordKind.ENCOUNTERS]), path)
        return found

    cache = VerifiedIds(tmp_path / "cache.json")
    with monkeypatch.context() as patch:
        patch.setattr(id_check, "repeated_id_hashes", rewritten_meanwhile)
        patch.setattr(engine_duckdb, "_run", scan)
        first = measure_records(county, {"encounters": path}, [2024], MEASURES, id_cache=cache)
    assert first.reports[RecordKind.ENCOUNTERS].rejected == 0
    assert not cache.verified(RecordKind.ENCOUNTERS, [str(path)])
    again = measure_records(
        county, {"encounters": path}, [2024], MEASURES, id_cache=cache, lenient=True
    )
    assert again.reports[RecordKind.ENCOUNTERS].rejected == 2


def test_ids_in_order_are_not_hashed_and_a_repeat_among_them_still_is(
    county: County,
    records: dict[RecordKind, pa.Table],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file whose ids strictly increase (as exported from a sequence) proves itself unique:
    no hash is taken and the figures are those of the check by hashes. The same file with one
    id written twice side by side is not in order strictly, so it is hashed and both copies are
    rejected."""
    table = records[RecordKind.ENCOUNTERS].slice(0, 3000)
    path = tmp_path / "enc.parquet"
    pq.write_table(table, path, row_group_size=1000)
    hashed: list[RecordKind] = []
    real = record_ids.repeated_id_hashes  # the function id_check calls

    def counted(con: Any, kind: RecordKind, reads: Sequence[tuple[str, int]]) -> list[int]:
        hashed.append(kind)
        return real(con, kind, reads)

    monkeypatch.setattr(id_check, "repeated_id_hashes", counted)
    ordered = measure_records(county, {"encounters": path}, [2024], MEASURES, id_cache=False)
    assert hashed == []
    by_hashes = measure_records(
        county, {"encounters": _out_of_order(table)}, [2024], MEASURES, id_cache=False
    )
    assert ordered.table == by_hashes.table
    twin = pa.concat_tables([table.slice(0, 11), table.slice(10, 3000)])
    pq.write_table(twin, path, row_group_size=1000)
    faulty = measure_records(
        county, {"encounters": path}, [2024], MEASURES, id_cache=False, lenient=True
    )
    assert hashed == [RecordKind.ENCOUNTERS]
    assert faulty.reports[RecordKind.ENCOUNTERS].rejected == 2


def test_a_failed_scan_stops_an_order_check_at_its_next_batch(
    county: County,
    records: dict[RecordKind, pa.Table],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An order check cannot be interrupted by DuckDB: closing the checks tells it to stop
    between two batches, and it neither runs on nor falls back to hashing afterwards."""
    path = tmp_path / "enc.parquet"
    pq.write_table(records[RecordKind.ENCOUNTERS].slice(0, 3000), path)
    started, ended = threading.Event(), threading.Event()
    hashed: list[RecordKind] = []

    def long_order_check(files: object, column: str, stopped: Any = None) -> bool:
        started.set()
        while not stopped():  # one batch after another, until the checks are closed
            threading.Event().wait(0.01)
        ended.set()
        return False

    def failing(*args: object) -> None:
        assert started.wait(10)
        raise duckdb.IOException(f"Could not read file '{path}': broken page")

    monkeypatch.setattr(id_check, "ids_in_order", long_order_check)

    def hashing(cursor: Any, kind: RecordKind, reads: object) -> list[int]:
        hashed.append(kind)
        return []

    monkeypatch.setattr(id_check, "repeated_id_hashes", hashing)
    monkeypatch.setattr("countycare.records.engine_duckdb._run", failing)
    with pytest.raises(DataError):
        measure_records(county, {"encounters": path}, [2024], MEASURES, id_cache=False)
    assert ended.is_set() and hashed == []
    assert not _checks_running()
