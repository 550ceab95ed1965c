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


def test_a_date_statistic_out_of_range_vouches_for_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bit flip in the footer's date statistics once raised ``OverflowError: date value out
    of range`` (pyarrow making a date of the statistic) from the check that a ``year=`` folder
    holds its own year. Such a statistic now vouches for nothing: the date column itself is
    read, and a good file is read as before."""
    from countycare.records import partitions

    def overflowing(metadata: object, column: str, year: int) -> bool:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(partitions, "_within", overflowing)
    path = tmp_path / "part-0.parquet"
    path.write_bytes(_records_seed())
    (reader,) = [r for r in build_readers() if r.name == "record dataset"]
    assert reader.read(path) == 0


def test_a_money_value_beyond_any_real_figure_is_a_located_error(tmp_path: Path) -> None:
    """A measures file with 1e300 万元 once ended in ``decimal.InvalidOperation``: the value was
    refused as too large, yet still converted and rounded to the fen. It is now only refused,
    naming the row and the column."""
    from countycare.errors import DataError
    from countycare.indicators.files import read_measures
    from countycare.testing.records import small_record_county

    path = tmp_path / "m.csv"
    path.write_text(
        "scope,period,measure,category,value,unit\nsc,2024,fund_paid_residents,,1e300,wan_yuan\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="larger than any real figure") as caught:
        read_measures(path, county=small_record_county())
    assert "value" in str(caught.value)
