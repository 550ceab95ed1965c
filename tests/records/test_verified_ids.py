"""Files checked once for repeated ids are not checked again, unless they changed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from countycare.community import County
from countycare.records import record_ids
from countycare.records.engine_duckdb import measure_records
from countycare.records.schemas import RecordKind
from countycare.records.verified_ids import VerifiedIds


def _out_of_order(table: pa.Table) -> pa.Table:
    """The rows last to first, so that the ids are hashed: ids in order need no hashes."""
    return table.take(pa.array(range(table.num_rows - 1, -1, -1)))


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts the checks for repeated ids that really read the id column (the first pass,
    whether run before the scan or beside it)."""
    made: list[str] = []
    real = record_ids.repeated_id_hashes

    def counting(
        con: object, kind: RecordKind, reads: Sequence[tuple[str, int]], ids_per_pass: int = 0
    ) -> list[int]:
        made.append(kind.value)
        return real(con, kind, reads, ids_per_pass or record_ids.IDS_PER_PASS)

    monkeypatch.setattr("countycare.records.record_ids.repeated_id_hashes", counting)
    monkeypatch.setattr("countycare.records.id_check.repeated_id_hashes", counting)
    return made


def test_a_rerun_skips_the_check_and_a_change_brings_it_back(
    county: County, records: dict[RecordKind, pa.Table], tmp_path: Path, calls: list[str]
) -> None:
    """Run 1 checks and remembers; run 2 on the same file (or a subset) skips the check and
    gives the same numbers; a duplicate appended to the file changes its fingerprint, so run 3
    checks again and rejects both copies."""
    cache = VerifiedIds(tmp_path / "cache.json")
    a, b = tmp_path / "a.parquet", tmp_path / "b.parquet"
    encounters = records[RecordKind.ENCOUNTERS]
    pq.write_table(_out_of_order(encounters.slice(0, 3000)), a)
    pq.write_table(_out_of_order(encounters.slice(3000, 3000)), b)
    first = measure_records(
        county, {"encounters": [a, b]}, [2024], ["visits"], id_cache=cache, lenient=True
    )
    assert calls == ["encounters"]
    again = measure_records(
        county, {"encounters": [b]}, [2024], ["visits"], id_cache=cache, lenient=True
    )
    assert calls == ["encounters"]  # a subset of files checked together: no second check
    assert first.reports[RecordKind.ENCOUNTERS].rejected == 0
    assert again.table.get("sc", "2024", "visits") is not None
    twin = pa.concat_tables([encounters.slice(3000, 3000), encounters.slice(0, 1)])
    pq.write_table(_out_of_order(twin), b)
    third = measure_records(
        county, {"encounters": [a, b]}, [2024], ["visits"], id_cache=cache, lenient=True
    )
    assert calls == ["encounters", "encounters"]
    assert third.reports[RecordKind.ENCOUNTERS].rejected == 2


def test_a_file_with_a_repeated_id_is_never_remembered(
    county: County, records: dict[RecordKind, pa.Table], tmp_path: Path, calls: list[str]
) -> None:
    """A check that finds a repeated id remembers nothing: every run checks (and rejects)
    again."""
    cache = VerifiedIds(tmp_path / "cache.json")
    path = tmp_path / "dup.parquet"
    encounters = records[RecordKind.ENCOUNTERS].slice(0, 2000)
    pq.write_table(pa.concat_tables([encounters, encounters.slice(0, 1)]), path)
    for run in (1, 2):
        result = measure_records(
            county, {"encounters": path}, [2024], ["visits"], id_cache=cache, lenient=True
        )
        assert result.reports[RecordKind.ENCOUNTERS].rejected == 2
        assert len(calls) == run


def test_tables_are_always_checked(
    county: County, records: dict[RecordKind, pa.Table], tmp_path: Path, calls: list[str]
) -> None:
    """An Arrow table has no fingerprint: it is checked on every run."""
    cache = VerifiedIds(tmp_path / "cache.json")
    table = records[RecordKind.ENCOUNTERS].slice(0, 1000)
    for _ in range(2):
        measure_records(
            county, {"encounters": table}, [2024], ["visits"], id_cache=cache, lenient=True
        )
    assert calls == ["encounters", "encounters"]


def test_repeated_ids_are_found_in_several_passes(
    records: dict[RecordKind, pa.Table],
) -> None:
    """With a small number of ids per pass the hashes are grouped in several passes (each a
    remainder): a repeated id is still found, once, with its number of copies."""
    import duckdb

    con = duckdb.connect()
    ids = records[RecordKind.ENCOUNTERS].select(["encounter_id"]).slice(0, 5000)
    con.register("ids", pa.concat_tables([ids, ids.slice(10, 1), ids.slice(10, 1)]))
    found = record_ids.find_duplicates(con, RecordKind.ENCOUNTERS, "ids", "dup", ids_per_pass=700)
    assert found == "dup"
    rows = con.execute("SELECT __id, __copies FROM dup").fetchall()
    assert rows == [(ids.column(0)[10].as_py(), 3)]
    clean = duckdb.connect()
    clean.register("ids", ids)
    assert record_ids.find_duplicates(clean, RecordKind.ENCOUNTERS, "ids", "d", 700) is None
