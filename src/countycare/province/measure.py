"""Measure every county of a province from a record dataset, in one scan of each kind.

:func:`measure_province` reads a dataset folder in the layout of
:func:`~countycare.records.dataset.write_dataset` (``DIR/<kind>/county=<id>/year=<year>/``):
only the partitions of the counties and years asked for are listed (partition pruning), every
kind of record is read once for all of them, and the result holds each county, each prefecture
and the province, the two above the county as sums of their counties' values. A prefecture
(or the province) is given only when every one of its counties was measured: a partial sum
would read as a whole.

Examples
--------
>>> import tempfile
>>> from countycare.province.synth import write_synthetic_province
>>> folder = tempfile.mkdtemp()
>>> province = write_synthetic_province(folder, 3, [2024], seed=2, scale=0.005)
>>> result = measure_province(province, folder, measures=["visits", "visits_primary"])
>>> total = result.table.get(province.id, "2024", "visits")
>>> total == sum(result.table.get(c.id, "2024", "visits") for c in province.counties)
True
>>> result.to_dict()["counties"] == [c.id for c in province.counties]
True
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import pyarrow as pa

from countycare import coerce
from countycare.calls import calls_checked
from countycare.coerce.arguments import boundary
from countycare.coerce.fields import checked_fields
from countycare.errors import ArgumentError, DataError, Problem
from countycare.indicators.table import MeasureTable
from countycare.province.model import Province
from countycare.records.dataset import dataset_paths
from countycare.records.derivable import kinds_for
from countycare.records.pipeline import MeasureResult, Progress, resolve_measures
from countycare.records.region_index import Region
from countycare.records.schemas import RecordKind
from countycare.records.validation import ValidationReport

if TYPE_CHECKING:
    from countycare.forms import ProvinceLike

__all__ = ["ProvinceMeasures", "dataset_years_of", "measure_province"]


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class ProvinceMeasures:
    """Measures of a province's counties, prefectures and the province, with the validation
    report of each kind read and the measures that could not be computed (and why)."""

    province_id: str
    table: MeasureTable
    reports: Mapping[RecordKind, ValidationReport]
    counties: tuple[str, ...]
    years: tuple[int, ...]
    not_computed: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def rejected(self) -> int:
        """Rows rejected over all kinds."""
        return sum(r.rejected for r in self.reports.values())

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready): the measures as records, the reports, what was not computed."""
        return {
            "province": self.province_id,
            "counties": list(self.counties),
            "years": list(self.years),
            "measures": self.table.sorted().to_dict()["rows"],  # in key order, run to run
            "reports": {
                k.value: {"read": r.read, "used": r.used, "rejected": r.rejected}
                for k, r in sorted(self.reports.items(), key=lambda kv: kv[0].value)
            },
            "not_computed": dict(sorted(self.not_computed.items())),
        }

    def to_arrow(self) -> pa.Table:
        """The measures as an Arrow table ``scope, period, measure, category, value``."""
        rows = self.table.sorted()
        return pa.table(
            {
                "scope": pa.array([str(s) for s in rows.scope], pa.string()),
                "period": pa.array([str(p) for p in rows.period], pa.string()),
                "measure": pa.array([str(m) for m in rows.measure], pa.string()),
                "category": pa.array([str(c) for c in rows.category], pa.string()),
                "value": pa.array(np.asarray(rows.value, dtype=np.float64), pa.float64()),
            }
        )


def dataset_years_of(root: str | Path, county_ids: Iterable[str]) -> tuple[int, ...]:
    """The years with a partition of any kind for any of the counties under ``root``."""
    years: set[int] = set()
    for county_id in county_ids:
        for folder in Path(root).glob(f"*/county={county_id}/year=*"):
            suffix = folder.name.removeprefix("year=")
            if suffix.isdigit():
                years.add(int(suffix))
    return tuple(sorted(years))


def _complete(table: MeasureTable, province: Province, chosen: set[str]) -> MeasureTable:
    """Drop the rows of prefectures (and the province) not every county of which was read."""
    partial = {p.id for p in province.prefectures if not {c.id for c in p.counties} <= chosen}
    if len(chosen) < len(province.counties):
        partial.add(province.id)
    if not partial:
        return table
    return table.select(scope=sorted(set(table.scope.tolist()) - partial))


@boundary
def measure_province(
    province: ProvinceLike,
    dataset: str | Path,
    *,
    years: Collection[int] | None = None,
    measures: Iterable[str] | None = None,
    counties: Collection[str] | None = None,
    engine: str = "duckdb",
    lenient: bool = False,
    check_duplicate_ids: bool = True,
    id_cache: bool = True,
    memory_limit: str | None = "500MB",
    progress: Progress | None = None,
    spark: Any = None,
) -> ProvinceMeasures:
    """Measure the counties of ``province`` (all, or ``counties``) from the dataset ``dataset``.

    Parameters
    ----------
    province
        The province; its counties' ids name the dataset's partitions.
    dataset
        A dataset folder (``DIR/<kind>/county=<id>/year=<year>/*.parquet``).
    years
        Consecutive years (default: every year with records of the chosen counties).
    measures
        Measure codes (default every derivable one). A measure whose records lack a partition
        for some county and year is not computed (it would read as a false 0): it is listed in
        :attr:`ProvinceMeasures.not_computed` with the partitions missing.
    counties
        County ids to measure (default all): only their partitions are read. Prefectures and
        the province are given only when all their counties are chosen.
    engine
        ``duckdb`` (default) or ``spark`` (``spark``: a session; default a local one).
    lenient, check_duplicate_ids, id_cache
        As for :func:`countycare.records.measure_records` (the Spark engine keeps no cache).
    memory_limit
        DuckDB's memory limit (it spills to disk beyond it).
    """
    province = coerce.province(province, "province")
    chosen = [c.id for c in province.counties] if counties is None else list(counties)
    for county_id in chosen:
        province.county(county_id)  # an unknown id raises, naming it
    if not chosen:
        raise ArgumentError("counties", "no county chosen")
    root = Path(dataset)
    wanted = sorted(years) if years is not None else list(dataset_years_of(root, chosen))
    if not wanted:
        raise DataError(
            [Problem("<kind>/county=<id>/", "no partition of any chosen county")],
            source=str(root),
        )
    codes = set(resolve_measures(measures))
    paths = {
        c: {k: {y: dataset_paths(root, k, c, [y]) for y in wanted} for k in kinds_for(codes)}
        for c in chosen
    }
    not_computed: dict[str, str] = {}
    for code in sorted(codes):
        gaps = [
            f"{k.value}/county={c}/year={y}"
            for k in sorted(kinds_for({code}), key=lambda k: k.value)
            for c in chosen
            for y in wanted
            if not paths[c][k][y]
        ]
        if gaps:
            shown = ", ".join(gaps[:3]) + (f" and {len(gaps) - 3} more" if len(gaps) > 3 else "")
            not_computed[code] = f"no records in {shown}"
    codes -= set(not_computed)
    if not codes:
        raise DataError(
            [Problem(str(root), f"no measure can be computed: {m}: {why}")
             for m, why in sorted(not_computed.items())],
            source=str(root),
        )  # fmt: skip
    needed = kinds_for(codes)
    sources = {c: {k: [p for y in wanted for p in paths[c][k][y]] for k in needed} for c in chosen}
    region = Region(
        province.id,
        tuple(province.county(c) for c in chosen),
        {c: province.prefecture_of(c).id for c in chosen},
    )
    result = _run(engine, region, sources, wanted, codes, lenient, check_duplicate_ids,
                  id_cache, memory_limit, progress, spark)  # fmt: skip
    return ProvinceMeasures(
        province.id,
        _complete(result.table, province, set(chosen)),
        result.reports,
        tuple(chosen),
        tuple(wanted),
        not_computed,
    )


def _run(
    engine: str,
    region: Region,
    sources: Mapping[str, Any],
    years: list[int],
    codes: set[str],
    lenient: bool,
    check_duplicate_ids: bool,
    id_cache: bool,
    memory_limit: str | None,
    progress: Progress | None,
    spark: Any,
) -> MeasureResult:
    if engine == "spark":
        from countycare.records.engine_spark import local_session, measure_region_spark

        return measure_region_spark(
            spark if spark is not None else local_session(),
            region,
            sources,
            years,
            codes,
            lenient=lenient,
            progress=progress,
            check_duplicate_ids=check_duplicate_ids,
        )
    if engine != "duckdb":
        raise DataError([Problem("--engine", f"unknown engine {engine!r}: duckdb or spark")])
    from countycare.records.engine_duckdb import connect, measure_region

    return measure_region(
        region,
        sources,
        years,
        codes,
        lenient=lenient,
        connection=connect(memory_limit),
        progress=progress,
        check_duplicate_ids=check_duplicate_ids,
        id_cache=id_cache,
    )
