"""Shared by the record benchmarks: a large encounter file for Wanrong, made once and reused."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from countycare.community import County
from countycare.io import load_county
from countycare.records.county_index import CountyIndex
from countycare.records.scenario import Scenario
from countycare.records.synthetic_care import encounters

#: The measures derivable from encounters alone: what the three implementations compute.
ENCOUNTER_MEASURES = [
    "visits", "visits_primary", "visits_tcm", "township_outpatient_visits",
    "admissions_insured_in_county", "inpatient_cost_insured_in_county", "lead_discharges",
    "total_cost_residents", "fund_paid_residents", "out_of_pocket_residents",
    "resident_episodes_in_county",
]  # fmt: skip

#: Where generated data lives: ``$COUNTYCARE_BENCH_DATA``, default ``bench-data/`` in the repo
#: (git-ignored). Point it outside the repository for the province-sized data (several GiB).
ROOT = Path(
    os.environ.get("COUNTYCARE_BENCH_DATA") or Path(__file__).resolve().parent.parent / "bench-data"
)


def wanrong() -> County:
    """The embedded Wanrong county."""
    return load_county("wanrong")


def encounter_file(rows: int, year: int = 2024, seed: int = 0) -> Path:
    """A Parquet file of about ``rows`` Wanrong encounters in ``year`` (made once, then reused).

    Visits and admissions per resident are scaled up so that one county-year has ``rows``
    records; the mix of tiers, settings and costs is the default scenario's.
    """
    path = ROOT / f"encounters-{rows}.parquet"
    if path.exists():
        return path
    ROOT.mkdir(parents=True, exist_ok=True)
    county = wanrong()
    base = Scenario()
    per_resident = base.visits_per_resident + base.admissions_per_resident
    scale = rows / (per_resident * county.population)
    scenario = Scenario(
        visits_per_resident=base.visits_per_resident * scale,
        admissions_per_resident=base.admissions_per_resident * scale,
    )
    started = time.perf_counter()
    rng = np.random.default_rng([seed, year])
    table, _ = encounters(CountyIndex(county), year, scenario, rng, county.population)
    pq.write_table(table, path, compression="zstd", row_group_size=1_000_000)
    print(f"made {table.num_rows:,} encounters in {time.perf_counter() - started:.1f} s: {path}")
    return path
