"""A synthetic province: N counties with a realistic spread, seeded and reproducible.

:func:`synthetic_province` draws a province of ``n`` counties in prefectures of three to twelve
counties. Every county has the structure of the embedded Wanrong model (townships, villages,
institutions, one medical community) under ids of its own, and differs from the others where
counties of one province differ:

* resident population: log-normal around 250,000 (Shanxi: 117 county-level units, 34.66 million
  residents, about 296,000 each), between 40,000 and 1.2 million, times ``scale``;
* where care happens (:class:`~countycare.records.scenario.Scenario`): the shares of first
  contact at village, township and county level (hence the primary visit share), visits per
  resident, admissions of the insured outside the county, the fund's payment ratios;
* the medical community's founding date, staggered from 2017 to 2023.

These are illustrative draws, not figures of any province. :func:`write_synthetic_province`
writes the province file, the county files (JSON, which reads ten times faster than TOML) and the
records (partitioned by kind, county and
year, as :func:`~countycare.records.dataset.write_dataset` does for one county).

Examples
--------
>>> province, scenarios = synthetic_province(4, seed=1, scale=0.01)
>>> len(province.counties), len(province.prefectures) >= 1
(4, True)
>>> synthetic_province(4, seed=1, scale=0.01)[0] == province
True
>>> shares = sorted(round(sum(s.first_contact_shares[:2]), 2) for s in scenarios.values())
>>> shares[0] < shares[-1]
True
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs
import numpy as np

from countycare.community import County
from countycare.errors import DataError, Problem
from countycare.io.county_files import load_county
from countycare.labels import Name
from countycare.provenance import Fact, Origin, Provenance
from countycare.province.files import dump_province
from countycare.province.model import Prefecture, Province
from countycare.records.dataset import clone_county, write_dataset
from countycare.records.scenario import Scenario
from countycare.records.schemas import RecordKind
from countycare.records.synthetic import generate

__all__ = ["PROVINCE_FILE", "synthetic_province", "write_synthetic_province"]

#: The name of the province file in a synthetic dataset folder.
PROVINCE_FILE = "province.toml"

_MEDIAN_POPULATION = 250_000
_SIGMA = 0.55
_LIMITS = (40_000, 1_200_000)


def _scaled(county: County, population: int) -> County:
    """``county`` with its villages' populations scaled to ``population`` residents in all."""
    factor = population / max(county.population, 1)
    townships = tuple(
        attrs.evolve(
            t,
            villages=tuple(
                attrs.evolve(v, population=max(1, round(v.population * factor))) for v in t.villages
            ),
        )
        for t in county.townships
    )
    return attrs.evolve(county, townships=townships, registered_population=None)


def _founded(county: County, day: dt.date) -> County:
    """``county`` with its medical communities founded on ``day`` (memberships from then on)."""
    communities = tuple(
        attrs.evolve(
            c,
            founded=day,
            memberships=tuple(attrs.evolve(m, valid_from=day) for m in c.memberships),
        )
        for c in county.communities
    )
    return attrs.evolve(county, communities=communities)


def _scenario(rng: np.random.Generator) -> Scenario:
    village = float(rng.uniform(0.20, 0.36))
    township = float(rng.uniform(0.24, 0.38))
    return Scenario(
        visits_per_resident=float(np.clip(rng.normal(6.8, 0.8), 4.5, 9.5)),
        first_contact_shares=(village, township, 1.0 - village - township),
        out_of_county_admission_share=float(rng.uniform(0.06, 0.25)),
        out_of_county_visit_share=float(rng.uniform(0.02, 0.08)),
        fund_ratio_admission=float(rng.uniform(0.55, 0.70)),
        fund_ratio_visit=float(rng.uniform(0.35, 0.55)),
        tcm_share=float(rng.uniform(0.08, 0.20)),
    )


def _prefecture_sizes(n: int, rng: np.random.Generator) -> list[int]:
    sizes: list[int] = []
    while sum(sizes) < n:
        sizes.append(min(int(rng.integers(3, 13)), n - sum(sizes)))
    return sizes


def synthetic_province(
    n: int,
    *,
    seed: int = 0,
    scale: float = 1.0,
    base: County | None = None,
    province_id: str = "sp",
) -> tuple[Province, dict[str, Scenario]]:
    """A province of ``n`` synthetic counties, and the scenario each county's records follow.

    Parameters
    ----------
    n
        Number of counties (at least 1).
    seed
        Seed: the same ``n``, ``seed``, ``scale`` and ``base`` give the same province.
    scale
        Multiplies every population (``0.01`` for a quick test: a few thousand residents a
        county, some ten thousand encounters a year).
    base
        The county whose structure every county copies (default the embedded Wanrong model).
    province_id
        Id of the province; prefectures are ``<id>-p01``…, counties ``<base id>-c001``….
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise DataError(
            [Problem("--province", f"the number of counties must be at least 1, got {n!r}")]
        )
    if not 0 < scale <= 10:
        raise DataError([Problem("--scale", f"must be above 0 and at most 10, got {scale!r}")])
    rng = np.random.default_rng([seed, 15])
    template = base if base is not None else load_county("wanrong")
    sizes = _prefecture_sizes(n, rng)
    prefectures: list[Prefecture] = []
    scenarios: dict[str, Scenario] = {}
    number = 0
    for p, size in enumerate(sizes, start=1):
        counties = []
        for _ in range(size):
            number += 1
            people = float(np.clip(rng.lognormal(np.log(_MEDIAN_POPULATION), _SIGMA), *_LIMITS))
            founded = dt.date(int(rng.integers(2017, 2024)), int(rng.integers(1, 13)), 1)
            clone = clone_county(template, number)
            county = attrs.evolve(
                _founded(_scaled(clone, max(1, round(people * scale))), founded),
                id=f"{template.id}-c{number:03d}",
                name=Name(f"County {number}", f"第{number}县"),
                prefecture=Name(f"Prefecture {p}", f"第{p}市"),
                province=Name("Synthetic Province", "示例省"),
            )
            counties.append(county)
            scenarios[county.id] = _scenario(rng)
        prefectures.append(
            Prefecture(f"{province_id}-p{p:02d}", Name(f"Prefecture {p}", f"第{p}市"), counties)
        )
    provenance = Provenance(
        facts=(
            Fact(
                "$",
                f"synthetic province of {n} counties drawn with seed {seed} at scale {scale}: "
                "structure copied from one county model, populations, care patterns and "
                "founding dates drawn at random",
                Origin.ILLUSTRATIVE,
            ),
        )
    )
    province = Province(province_id, Name("Synthetic Province", "示例省"), prefectures, provenance)
    return province, scenarios


def write_synthetic_province(
    out: str | Path,
    n: int,
    years: Sequence[int],
    *,
    seed: int = 0,
    scale: float = 1.0,
    base: County | None = None,
    report: Callable[[str], None] | None = None,
) -> Province:
    """Write a synthetic province to ``out``: ``province.toml``, ``counties/*.json`` and the
    records of every county and year (``out/<kind>/county=<id>/year=<year>/``)."""
    province, scenarios = synthetic_province(n, seed=seed, scale=scale, base=base)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    # county files as JSON: a province of a hundred counties reads ten times faster than TOML
    dump_province(province, folder / PROVINCE_FILE, county_suffix=".json")
    for county in province.counties:
        started = time.perf_counter()
        tables = {y: generate(county, y, scenarios[county.id], seed=seed) for y in years}
        write_dataset(folder, county, tables)
        if report is not None:
            rows = sum(t[RecordKind.ENCOUNTERS].num_rows for t in tables.values())
            report(
                f"{county.id}: {rows:,} encounters in {len(years)} year(s), "
                f"{time.perf_counter() - started:.1f} s"
            )
    return province
