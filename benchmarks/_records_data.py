"""Shared by the record benchmarks: a large encounter file for Wanrong, made once and reused,
and the timing of several ways side by side."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


#: Where the figures of the records benchmarks are written, as printed: the "Performance" page
#: (docs/explanation/records-performance.md) includes these files verbatim.
FIGURES = Path(__file__).resolve().parent.parent / "docs" / "explanation" / "_figures"


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def parallel_cores(n: int = 5_000_000) -> float:
    """How many cores' worth of work the machine does at once: the same loop run once alone,
    then once in each of ``os.cpu_count()`` processes together. Two cores that are two
    hyperthreads of one, or shared with another tenant, give less than 2, and the ratios of a
    multi-threaded engine to a single-threaded one shift with it."""
    from concurrent.futures import ProcessPoolExecutor

    cores = os.cpu_count() or 1
    with ProcessPoolExecutor(cores) as pool:
        list(pool.map(_spin, [1000] * cores))  # processes started before timing
        started = time.perf_counter()
        list(pool.map(_spin, [n]))
        alone = time.perf_counter() - started
        started = time.perf_counter()
        list(pool.map(_spin, [n] * cores))
        together = time.perf_counter() - started
    return cores * alone / together


class Figures:
    """What a benchmark prints, kept to be written to ``FIGURES/<name>.txt`` when it is done.

    The first line says when, on how many cores and under what load the figures were taken, so
    that a page showing them says so too. A run that fails writes nothing: the page keeps the
    figures of the last complete run.
    """

    def __init__(self, name: str) -> None:
        import datetime as dt
        import platform

        import duckdb

        self.name = name
        self.lines: list[str] = []
        load = os.getloadavg()[0]
        self.print(
            f"{dt.date.today().isoformat()}, {os.cpu_count()} cores ({parallel_cores():.1f} "
            f"at once by a spin test), load average {load:.1f} at the start; "
            f"Python {platform.python_version()}, DuckDB {duckdb.__version__}"
        )

    def print(self, line: str = "") -> None:
        """Print ``line`` now and keep it for the file."""
        print(line, flush=True)
        self.lines.append(line)

    def save(self) -> Path:
        """Write the lines printed to ``FIGURES/<name>.txt``; return its path."""
        FIGURES.mkdir(parents=True, exist_ok=True)
        path = FIGURES / f"{self.name}.txt"
        path.write_text("\n".join(self.lines) + "\n", encoding="utf-8")
        print(f"(written to {path})", flush=True)
        return path


def side_by_side(
    fns: dict[str, Callable[[Path], Any]], path: Path, runs: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Median wall time and median CPU time (all threads of this process) of each function;
    rounds interleave them, so a shared machine's changing load weighs on all of them alike.
    The CPU time measures the work done, which another tenant's load changes far less than the
    wall time."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    cpu: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            started, used = time.perf_counter(), time.process_time()
            fn(path)
            times[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - used)
    return (
        {name: statistics.median(t) for name, t in times.items()},
        {name: statistics.median(t) for name, t in cpu.items()},
    )
