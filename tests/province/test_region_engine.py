"""Many counties in one scan: the same numbers as one county at a time, and the same checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from countycare.province.measure import measure_province
from countycare.province.model import Province
from countycare.records.dataset import dataset_paths
from countycare.records.engine_duckdb import measure_records
from countycare.records.schemas import RecordKind


def test_each_county_as_if_measured_alone(province: Province, province_dir: Path) -> None:
    """Every county's rows of the province run equal that county's own run, to the last bit;
    each prefecture and the province are the sums of their counties."""
    result = measure_province(province, province_dir)
    assert result.rejected == 0
    for county in province.counties:
        sources = {k: dataset_paths(province_dir, k, county.id, [2024]) for k in RecordKind}
        alone = measure_records(county, sources, [2024], sorted(set(result.table.measure.tolist())))
        mine = alone.table.select(scope=county.id)
        assert len(mine) > 100
        assert mine == result.table.select(scope=county.id)
    for prefecture in province.prefectures:
        total = sum(result.table.get(c.id, "2024", "visits") or 0 for c in prefecture.counties)
        assert result.table.get(prefecture.id, "2024", "visits") == total
    assert result.table.get(province.id, "2024", "visits") == sum(
        result.table.get(c.id, "2024", "visits") or 0 for c in province.counties
    )


def test_a_subset_reads_only_its_partitions(province: Province, province_dir: Path) -> None:
    """Asking for some counties reads only their files; a prefecture whose counties were not
    all read, and the province, get no row (a partial sum would pass for the whole)."""
    first = province.counties[0]
    result = measure_province(province, province_dir, counties=[first.id], measures=["visits"])
    scopes = set(result.table.scope.tolist())
    prefecture = province.prefecture_of(first.id)
    assert first.id in scopes and province.id not in scopes
    assert (prefecture.id in scopes) == (len(prefecture.counties) == 1)
    read = result.reports[RecordKind.ENCOUNTERS].read
    expected = pq.read_metadata(
        dataset_paths(province_dir, RecordKind.ENCOUNTERS, first.id, [2024])[0]
    ).num_rows
    assert read == expected


def _copy_with(root: Path, tmp: Path, kind: RecordKind, county: str, extra: pa.Table) -> Path:
    target = tmp / "data"
    shutil.copytree(root, target)
    path = dataset_paths(target, kind, county, [2024])[0]
    pq.write_table(pa.concat_tables([pq.read_table(path), extra]), path)
    return target


def test_a_record_filed_under_another_county_is_rejected(
    province: Province, province_dir: Path, tmp_path: Path
) -> None:
    """An encounter at county B's institution found in county A's partition is rejected (and
    named), never credited to B nor to A."""
    a, b = province.counties[0], province.counties[1]
    stray = pq.read_table(dataset_paths(province_dir, RecordKind.ENCOUNTERS, b.id, [2024])[0])
    stray = stray.slice(0, 1).set_column(
        0, stray.schema.field("encounter_id"), pa.array(["stray-1"])
    )
    data = _copy_with(province_dir, tmp_path, RecordKind.ENCOUNTERS, a.id, stray)
    before = measure_province(province, province_dir, measures=["visits"])
    after = measure_province(province, data, measures=["visits"])
    report = after.reports[RecordKind.ENCOUNTERS]
    assert report.rejected == 1
    assert "unknown institution" in report.problems[0].message
    assert after.table == before.table


def test_a_repeated_id_across_counties_rejects_both(
    province: Province, province_dir: Path, tmp_path: Path
) -> None:
    """The same encounter id in two counties' files: both rows are rejected (which one is
    right cannot be known), so the id never counts twice."""
    a, b = province.counties[0], province.counties[1]
    b_rows = pq.read_table(dataset_paths(province_dir, RecordKind.ENCOUNTERS, b.id, [2024])[0])
    a_first = pq.read_table(dataset_paths(province_dir, RecordKind.ENCOUNTERS, a.id, [2024])[0])
    twin = a_first.slice(0, 1).set_column(
        2, a_first.schema.field("institution_id"), b_rows.column("institution_id").slice(0, 1)
    )
    data = _copy_with(province_dir, tmp_path, RecordKind.ENCOUNTERS, b.id, twin)
    result = measure_province(province, data, measures=["visits"])
    report = result.reports[RecordKind.ENCOUNTERS]
    assert report.rejected == 2
    assert all("repeated" in p.message for p in report.problems)


def test_an_unknown_county_is_named(province: Province, province_dir: Path) -> None:
    """A county id the province does not hold is an error naming it."""
    from countycare.community import UnknownIdError

    with pytest.raises(UnknownIdError, match="nowhere"):
        measure_province(province, province_dir, counties=["nowhere"])


def test_a_file_counts_for_the_county_it_is_given_for(
    province: Province, province_dir: Path
) -> None:
    """One reader takes each row's county from its path only when the path names the county
    the file is given for. Files swapped between two counties are read for the county they are
    given for (their institutions then unknown there, every row rejected), never credited to
    the county of their folder."""
    from countycare.records.engine_duckdb import measure_region
    from countycare.records.region_index import Region

    a, b = province.counties[0], province.counties[1]
    region = Region("two", (a, b), {a.id: "p", b.id: "p"})
    files = {c.id: dataset_paths(province_dir, RecordKind.ENCOUNTERS, c.id, [2024]) for c in (a, b)}
    rows = sum(pq.read_metadata(f).num_rows for fs in files.values() for f in fs)
    right = {a.id: {"encounters": files[a.id]}, b.id: {"encounters": files[b.id]}}
    swapped = {a.id: {"encounters": files[b.id]}, b.id: {"encounters": files[a.id]}}
    kept = measure_region(region, right, [2024], ["visits"], id_cache=False)
    assert kept.reports[RecordKind.ENCOUNTERS].rejected == 0
    lost = measure_region(region, swapped, [2024], ["visits"], id_cache=False)
    report = lost.reports[RecordKind.ENCOUNTERS]
    assert (report.read, report.rejected) == (rows, rows)
    assert "unknown institution" in report.problems[0].message
