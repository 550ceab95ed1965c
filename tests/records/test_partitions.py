"""A ``year=2024`` folder holding records of another year: refused, located by file, row and
column, whatever years are measured; the folder never overrides the record's own date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from countycare.cli import main
from countycare.community import County
from countycare.errors import DataError
from countycare.io import dump_county
from countycare.records.dataset import dataset_paths, write_dataset
from countycare.records.engine_duckdb import measure_records
from countycare.records.schemas import RecordKind

STRAYS = (3, 10, 11)  # 0-based rows of the 2024 file moved to 2023: rows 4, 11 and 12


def _in_2023(day: dt.date | None) -> dt.date | None:
    return None if day is None else day.replace(year=2023, day=min(day.day, 28))


def _shifted(table: pa.Table, rows: range | tuple[int, ...]) -> pa.Table:
    """``table`` with the dates (and discharge dates) of ``rows`` moved into 2023."""
    for column in ("date", "discharge_date"):
        values = table.column(column).to_pylist()
        for row in rows:
            values[row] = _in_2023(values[row])
        index = table.column_names.index(column)
        table = table.set_column(index, column, pa.array(values, pa.date32()))
    return table


def _dataset(
    root: Path, county: County, records: dict[RecordKind, pa.Table], *, statistics: bool = True
) -> Path:
    """Encounters of 2023 and 2024; in the 2024 file, rows :data:`STRAYS` dated in 2023."""
    encounters = records[RecordKind.ENCOUNTERS].slice(0, 200)
    stray = _shifted(encounters, STRAYS)
    earlier = _shifted(encounters, range(encounters.num_rows))
    earlier = earlier.set_column(
        earlier.column_names.index("encounter_id"),
        "encounter_id",
        pc.binary_join_element_wise("y23-", earlier.column("encounter_id"), ""),
    )
    write_dataset(root, county, {2023: {RecordKind.ENCOUNTERS: earlier}})
    write_dataset(root, county, {2024: {RecordKind.ENCOUNTERS: stray}})
    if not statistics:  # as some exporters write Parquet: no min/max in the footer
        (path,) = dataset_paths(root, RecordKind.ENCOUNTERS, county.id, [2024])
        pq.write_table(stray, path, write_statistics=False)
    return root


@pytest.mark.parametrize("statistics", [True, False], ids=["with statistics", "without"])
def test_records_of_another_year_in_a_year_folder_are_refused(
    county: County,
    records: dict[RecordKind, pa.Table],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    statistics: bool,
) -> None:
    """`measure` over both years (where a 2023 record would be a valid 2023 record) exits 1
    naming the 2024 file, the rows and the column; nothing is written."""
    root = _dataset(tmp_path / "d", county, records, statistics=statistics)
    dump_county(county, tmp_path / "sc.toml")
    out = tmp_path / "m.csv"
    argv = ["measure", str(root), "--county", str(tmp_path / "sc.toml"), "--measures", "visits"]
    assert main([*argv, "--out", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    (path,) = dataset_paths(root, RecordKind.ENCOUNTERS, county.id, [2024])
    for row in STRAYS:
        assert (
            f"{path}: row {row + 1}, column date: a record of 2023 in the folder year=2024" in err
        )
    assert "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize("years", [[2024], [2023, 2024]])
def test_lenient_mode_does_not_skip_a_misfiled_partition(
    county: County, records: dict[RecordKind, pa.Table], tmp_path: Path, years: list[int]
) -> None:
    """The partition is the dataset's structure, not a bad row: lenient=True refuses it too,
    and the year measured does not matter (the folder never relabels the record)."""
    root = _dataset(tmp_path / "d", county, records)
    sources = {"encounters": dataset_paths(root, RecordKind.ENCOUNTERS, county.id, years)}
    with pytest.raises(DataError) as caught:
        measure_records(county, sources, years, ["visits"], lenient=True)
    assert caught.value.source is not None and "year=2024" in caught.value.source
    assert [p.path for p in caught.value.problems] == [f"row {r + 1}, column date" for r in STRAYS]


def test_a_clean_dataset_reads_only_the_footers(
    county: County, records: dict[RecordKind, pa.Table], tmp_path: Path
) -> None:
    """Each year's own records pass, and each counts in its own year."""
    tables = {y: {RecordKind.ENCOUNTERS: records[RecordKind.ENCOUNTERS]} for y in (2024,)}
    write_dataset(tmp_path, county, tables)
    sources = {"encounters": dataset_paths(tmp_path, RecordKind.ENCOUNTERS, county.id, [2024])}
    result = measure_records(county, sources, [2024], ["visits"])
    assert result.rejected == 0
    visits = result.table.get(county.id, "2024", "visits")
    assert visits is not None and visits > 0
