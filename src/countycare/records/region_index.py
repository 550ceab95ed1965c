"""Many counties read in one scan: their lookup tables, joined, and the checks' context.

A province's records are read together (:func:`countycare.records.engine_duckdb.measure_region`):
every kind of record once for all its counties, not once a county. Each row carries the county
it was given for (the column ``__county``); an id is known when ``dim_ids`` lists it for that
county, so a record filed under the wrong county is rejected, not credited to another. The roll-up
sums counties into prefectures and the province (``dim_counties``).

Examples
--------
>>> from countycare.testing.records import small_record_county
>>> region = Region("sp", (small_record_county("a1"), small_record_county("b1")),
...                 {"a1": "sp-a", "b1": "sp-b"})
>>> idx = RegionIndex(region)
>>> idx.institutions_table().num_rows == 2 * 11 + 1
True
>>> sorted(set(idx.ids_table().column("lookup").to_pylist()))
['any_provider', 'area', 'in_county']
>>> region_context(idx, [2024]).counties
('a1', 'b1')
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import cached_property

import attrs
import pyarrow as pa
import pyarrow.compute as pc

from countycare.community import County
from countycare.errors import DataError, Problem
from countycare.geography import to_tuple
from countycare.institutions import OUTSIDE
from countycare.records.county_index import CountyIndex
from countycare.records.pipeline import scan_context
from countycare.records.scan_context import ScanContext

__all__ = ["Region", "RegionIndex", "region_context"]


def _prefectures(instance: Region, attribute: attrs.Attribute[object], value: object) -> None:
    missing = [c.id for c in instance.counties if c.id not in instance.prefecture_of]
    if missing:
        raise ValueError(f"counties without a prefecture: {', '.join(missing)}")


@attrs.frozen
class Region:
    """Counties measured together: ``id`` of the whole (the province), the counties, and the
    prefecture of each county (by county id)."""

    id: str
    counties: tuple[County, ...] = attrs.field(converter=to_tuple)
    prefecture_of: Mapping[str, str] = attrs.field(validator=_prefectures)


@attrs.frozen
class RegionIndex:
    """Lookup tables of many counties for the record engines (each county's
    :class:`~countycare.records.county_index.CountyIndex`, with its county id)."""

    region: Region

    @cached_property
    def indexes(self) -> tuple[CountyIndex, ...]:
        """One index per county."""
        return tuple(CountyIndex(c) for c in self.region.counties)

    def institutions_table(self) -> pa.Table:
        """Every county's institutions with a column ``county_id``; one row for ``outside``."""
        parts = []
        for index in self.indexes:
            table = index.institutions_table()
            table = table.filter(pc.not_equal(table.column("institution_id"), OUTSIDE))
            parts.append(
                table.append_column(
                    "county_id", pa.array([index.county.id] * table.num_rows, pa.string())
                )
            )
        outside = self.indexes[0].institutions_table()
        outside = outside.filter(pc.equal(outside.column("institution_id"), OUTSIDE))
        parts.append(outside.append_column("county_id", pa.array([None], pa.string())))
        return pa.concat_tables(parts)

    def areas_table(self) -> pa.Table:
        """Every county's areas (the county and its townships) with a column ``county_id``."""
        parts = []
        for index in self.indexes:
            table = index.areas_table()
            parts.append(
                table.append_column(
                    "county_id", pa.array([index.county.id] * table.num_rows, pa.string())
                )
            )
        return pa.concat_tables(parts)

    def ids_table(self) -> pa.Table:
        """``county_id, id, lookup``: the ids a county's records may name, one row each."""
        county, ident, lookup = [], [], []
        for index in self.indexes:
            c = index.county.id
            institutions = sorted(index.institution_ids)
            areas = sorted({c} | index.township_ids)
            for ids, name in (
                (institutions, "in_county"),
                ([*institutions, OUTSIDE], "any_provider"),
                (areas, "area"),
            ):
                county += [c] * len(ids)
                ident += ids
                lookup += [name] * len(ids)
        return pa.table(
            {
                "county_id": pa.array(county, pa.string()),
                "id": pa.array(ident, pa.string()),
                "lookup": pa.array(lookup, pa.string()),
            }
        )

    def counties_table(self) -> pa.Table:
        """``county_id, prefecture_id``: the roll-up from counties to prefectures."""
        ids = [c.id for c in self.region.counties]
        return pa.table(
            {
                "county_id": pa.array(ids, pa.string()),
                "prefecture_id": pa.array([self.region.prefecture_of[c] for c in ids], pa.string()),
            }
        )

    def tables(self) -> dict[str, pa.Table]:
        """The lookup tables the province scan joins to, by name."""
        return {
            "dim_institutions": self.institutions_table(),
            "dim_areas": self.areas_table(),
            "dim_ids": self.ids_table(),
            "dim_counties": self.counties_table(),
        }


def region_context(index: RegionIndex, years: Collection[int]) -> ScanContext:
    """The checks' context for a province: the period, and the counties read together."""
    if not index.region.counties:
        raise DataError([Problem("$.prefectures", "no county to measure")])
    first = scan_context(index.indexes[0], years)
    return attrs.evolve(
        first, in_county=(), areas=(), counties=tuple(c.id for c in index.region.counties)
    )
