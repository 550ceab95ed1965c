"""Cases the full mutation run found, kept as plain regression tests of the quick run."""

from __future__ import annotations

from pathlib import Path

import pytest

from countycare.errors import CountyCareError
from countycare.records.record_ids import disjoint_groups

from .readers import build_readers


def _records_seed() -> bytes:
    (reader,) = [r for r in build_readers() if r.name == "record dataset"]
    return reader.seed


def test_an_id_statistic_that_is_not_utf8_is_a_located_error(tmp_path: Path) -> None:
    """A bit flip that makes a record id (and so the footer's min/max statistics) invalid
    UTF-8 once ended in a ``UnicodeDecodeError`` from reading the footer to group files for
    the repeated-id check; an unreadable footer now bounds nothing, and the file is refused
    with a library error."""
    seed = _records_seed()
    first_id = b"sc-2024-e0"
    assert first_id in seed
    mutant = seed.replace(first_id, b"\xf3" + first_id[1:])
    path = tmp_path / "part-0.parquet"
    path.write_bytes(mutant)
    assert disjoint_groups([str(path)], "encounter_id") is None
    (reader,) = [r for r in build_readers() if r.name == "record dataset"]
    with pytest.raises(CountyCareError):
        reader.read(path)
