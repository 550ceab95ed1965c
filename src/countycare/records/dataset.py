"""The on-disk layout of record datasets: Parquet partitioned by kind, county and year.

``DIR/<kind>/county=<county id>/year=<year>/part-0.parquet`` — one folder per kind of record
(:class:`~countycare.records.schemas.RecordKind` codes), then Hive-style partitions, so that an
engine reading one county-year touches only its files. :func:`clone_county` gives a county new
ids, for province-scale data made of many synthetic counties.

Examples
--------
>>> import tempfile
>>> from countycare.testing.records import small_record_county
>>> from countycare.records.synthetic import generate
>>> out = Path(tempfile.mkdtemp())
>>> county = small_record_county()
>>> written = write_dataset(out, county, {2024: generate(county, 2024)})
>>> sorted(p.relative_to(out).as_posix() for p in written)[0]
'chronic_register/county=sc/year=2024/part-0.parquet'
>>> dataset_years(out, "sc")
(2024,)
>>> clone_county(county, 2).id
'sc-c02'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pyarrow as pa
import pyarrow.parquet as pq

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.errors import DataError, Problem
from countycare.records.schemas import RecordKind

if TYPE_CHECKING:
    from countycare.forms import Coded, CountyLike, IntLike

__all__ = ["clone_county", "dataset_counties", "dataset_paths", "dataset_years", "write_dataset"]

_PART = "part-0.parquet"


def partition_dir(root: Path, kind: RecordKind, county_id: str, year: int) -> Path:
    """The folder of one kind, county and year."""
    return Path(root) / kind.value / f"county={county_id}" / f"year={year}"


@boundary
def write_dataset(
    root: str | Path,
    county: CountyLike,
    tables_by_year: Mapping[int, Mapping[RecordKind, pa.Table]],
) -> list[Path]:
    """Write each year's tables as Parquet partitions; return the files written."""
    county = coerce.county(county, "county")
    written = []
    for year, tables in tables_by_year.items():
        for kind, table in tables.items():
            folder = partition_dir(Path(root), kind, county.id, year)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / _PART
            pq.write_table(table, path, compression="zstd", row_group_size=1_000_000)
            written.append(path)
    return written


@boundary
def dataset_paths(
    root: str | Path, kind: Coded[RecordKind], county_id: str, years: Iterable[int]
) -> list[Path]:
    """The Parquet files of one kind for a county and years (missing partitions are skipped)."""
    kind = coerce.vocabulary(RecordKind, kind, "kind")
    paths: list[Path] = []
    for year in years:
        folder = partition_dir(Path(root), kind, county_id, year)
        paths.extend(sorted(folder.glob("*.parquet")))
    return paths


def dataset_counties(root: str | Path) -> tuple[str, ...]:
    """County ids that have encounter partitions under ``root``."""
    folder = Path(root) / RecordKind.ENCOUNTERS.value
    return tuple(sorted(p.name.split("=", 1)[1] for p in folder.glob("county=*")))


@boundary
def dataset_years(root: str | Path, county_id: str) -> tuple[int, ...]:
    """The years present for a county (from any kind's partitions); raise if there are none."""
    years = {
        int(match.group(1))
        for p in Path(root).glob(f"*/county={county_id}/year=*")
        if (match := re.fullmatch(r"year=(\d{4})", p.name))
    }
    if not years:
        raise DataError(
            [
                Problem(
                    f"*/county={county_id}/year=*",
                    f"no records for county {county_id!r}: no such partition in the dataset",
                )
            ],
            source=str(root),
        )
    return tuple(sorted(years))


@boundary
def clone_county(county: CountyLike, number: IntLike) -> County:
    """A copy of ``county`` in which every id (county, areas, institutions) gains ``-cNN``."""
    county = coerce.county(county, "county")
    number = coerce.count(number, "number")
    suffix = f"-c{number:02d}"
    ids = {county.id} | {t.id for t in county.townships} | {v.id for v in county.villages}
    ids |= {i.id for i in county.institutions} | {c.id for c in county.communities}

    def new(old: str) -> str:
        return old + suffix if old in ids else old

    townships = tuple(
        attrs.evolve(
            t, id=new(t.id), villages=tuple(attrs.evolve(v, id=new(v.id)) for v in t.villages)
        )
        for t in county.townships
    )
    institutions = tuple(
        attrs.evolve(i, id=new(i.id), area=new(i.area), parent=new(i.parent) if i.parent else None)
        for i in county.institutions
    )
    communities = tuple(
        attrs.evolve(
            c,
            id=new(c.id),
            lead=new(c.lead),
            memberships=tuple(
                attrs.evolve(m, institution=new(m.institution)) for m in c.memberships
            ),
        )
        for c in county.communities
    )
    return attrs.evolve(
        county,
        id=new(county.id),
        townships=townships,
        institutions=institutions,
        communities=communities,
    )
