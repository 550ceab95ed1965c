"""Cases the full mutation run found, kept as plain regression tests of the quick run."""

from __future__ import annotations

from pathlib import Path

import pytest

from countycare.errors import CountyCareError, DataError
from countycare.io.county_files import dump_county, load_county
from countycare.records.record_ids import disjoint_groups

from .readers import build_readers, county


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


def test_a_township_with_the_county_id_is_a_located_error(tmp_path: Path) -> None:
    """A mutation that gave a township the county's own id once ended validation in an
    ``UnknownIdError`` naming no file ("no township with id 'sc'"): the village-to-township
    index kept the id and looked it up among areas, where the county had taken it. The index
    now keeps the township itself, and the file is refused with the duplicate id at its path;
    so is every other id of the county renamed to another."""
    seed = tmp_path / "seed.json"
    dump_county(county(), seed)
    text = seed.read_text(encoding="utf-8")
    c = county()
    ids = [c.id, *(t.id for t in c.townships), *(v.id for v in c.villages)]
    ids += [c.institutions[0].id, c.institutions[-1].id, c.communities[0].id]
    for old in ids:
        for new in ids:
            if old == new:
                continue
            path = tmp_path / "county.json"
            path.write_text(text.replace(f'"{old}"', f'"{new}"'), encoding="utf-8")
            with pytest.raises(DataError) as raised:
                load_county(path)
            assert raised.value.source == str(path), (old, new)
            assert any("duplicate id" in p.message for p in raised.value.problems), (old, new)
