"""A Shanxi-sized province year in one run: 117 counties, about 250 million encounters.

Measures the encounter measures of every county (and its prefecture and the province) from a
synthetic province written once by ``countycare synth --province 117 --years 2024`` (several GiB:
put it outside the repository with ``--data`` or ``$COUNTYCARE_BENCH_DATA``). Each way runs in a
child process that prints its own peak resident set size:

* countycare, every check, first run (repeated ids checked across the whole province; the
  files are then remembered as verified, in a cache folder of this run's own);
* countycare, every check, re-run (the files known verified by fingerprint);
* a bare hand-written DuckDB query computing the same measures per county, without any check.

What it prints is also written to ``docs/explanation/_figures/province_year.txt``, which the
"Performance" page includes as it is.

    python benchmarks/province_year.py [--data DIR] [--counties 117] [--memory-limit 1GB]

Goals (issue 15): under 60 s on 2 cores with every check; peak memory under 1.5 GiB; and the
ratio to the hand-written query.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _records_data import ENCOUNTER_MEASURES, ROOT, Figures

CHILD = """
import resource, sys, time
from countycare.province import load_province, measure_province
data, limit = sys.argv[1], sys.argv[2]
province = load_province(data + "/province.toml")
started = time.perf_counter()
result = measure_province(province, data, measures={measures!r}, memory_limit=limit)
report = result.reports[next(iter(result.reports))]
print(report.summary(), f"in {{time.perf_counter() - started:.1f}} s")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

MAKE = """
import sys
from countycare.province.synth import write_synthetic_province
write_synthetic_province(sys.argv[1], int(sys.argv[2]), [2024], seed=1)
"""

HAND = """
import resource, sys, time, duckdb
data, limit = sys.argv[1], sys.argv[2]
started = time.perf_counter()
con = duckdb.connect()
con.execute(f"SET memory_limit = '{limit}'")
con.execute("SET preserve_insertion_order = false")
con.execute("SET enable_progress_bar = false")
sql = '''
WITH g AS (
  SELECT county, year(date) * 100 + month(date) AS ym,
         count(*) FILTER (setting <> 'inpatient') AS visits,
         count(*) FILTER (setting <> 'inpatient' AND tcm) AS visits_tcm,
         count(*) FILTER (setting = 'inpatient' AND insured) AS adm_insured,
         sum(total_cost) FILTER (setting = 'inpatient' AND insured) AS cost_adm_insured,
         sum(total_cost) FILTER (resident) AS cost_resident,
         sum(fund_paid) FILTER (resident) AS fund_resident,
         count(*) FILTER (resident) AS episodes, institution_id
  FROM read_parquet('DATA/encounters/*/*/*.parquet', hive_partitioning = true,
                    hive_types_autocast = false)
  GROUP BY county, institution_id, ym
)
SELECT county, ym // 100 AS y, sum(visits), sum(visits_tcm), sum(adm_insured),
       sum(cost_adm_insured), sum(cost_resident), sum(fund_resident), sum(episodes)
FROM g GROUP BY GROUPING SETS ((county, ym), (county, y), (ym), (y))
'''.replace("DATA", data)
rows = con.execute(sql).fetchall()
print(f"{len(rows)} rows in {time.perf_counter() - started:.1f} s")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


FILL = """
import sys, duckdb
source, target, old, new, old_suffix, new_suffix = sys.argv[1:]
con = duckdb.connect()
con.execute("SET threads = 2")
con.execute("SET enable_progress_bar = false")
con.execute(
    f"COPY (SELECT * REPLACE (replace(encounter_id, '{old}-', '{new}-') AS encounter_id, "
    f"replace(patient_id, '{old}-', '{new}-') AS patient_id, "
    f"regexp_replace(institution_id, '{old_suffix}$', '{new_suffix}') AS institution_id) "
    f"FROM read_parquet('{source}')) TO '{target}' (FORMAT parquet, COMPRESSION zstd, "
    "ROW_GROUP_SIZE 1000000)"
)
"""


def _fill(data: Path, suffixes: dict[str, str]) -> int:
    """Give every county without encounters those of a county that has them, under its own ids
    (the counties share one structure; ``suffixes`` maps each county to the suffix of its
    institution ids, ``-c07``): generating 250 million records takes an hour on a loaded
    machine, copying them minutes. Returns the number of counties filled."""
    root = data / "encounters"
    have = [c for c in suffixes if (root / f"county={c}").exists()]
    missing = [c for c in suffixes if c not in have]
    for n, county in enumerate(missing):
        donor = have[n % len(have)]
        folder = root / f"county={county}" / "year=2024"
        folder.mkdir(parents=True, exist_ok=True)
        source = root / f"county={donor}" / "year=2024" / "part-0.parquet"
        target = folder / "part-0.parquet"
        ids = [donor, county, suffixes[donor], suffixes[county]]
        subprocess.run([sys.executable, "-c", FILL, str(source), str(target), *ids], check=True)
    return len(missing)


def _child(code: str, *args: str, cache: str = "") -> tuple[float, float, str]:
    started = time.perf_counter()
    env = {**os.environ, "COUNTYCARE_CACHE_DIR": cache} if cache else None
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False, env=env
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    lines = done.stdout.strip().splitlines()
    return wall, int(lines[-1]) / 1024, lines[0]


def main() -> None:
    """Generate (once) and measure the province; print times, peak memory and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT / "province117"))
    parser.add_argument("--counties", type=int, default=117)
    parser.add_argument("--memory-limit", default="1GB")
    parser.add_argument(
        "--fill",
        action="store_true",
        help="counties without encounters get another county's, under their own ids",
    )
    args = parser.parse_args()
    data = Path(args.data)
    if not (data / "province.toml").exists():
        # in a child of its own: this process, grown by the drawing, would pass its peak on to
        # the measured children (Linux keeps the peak of the forked image across exec)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", MAKE, str(data), str(args.counties)], check=True)
        print(f"made the province in {time.perf_counter() - started:.0f} s: {data}")
    if args.fill:
        from countycare.province import load_province

        counties = load_province(data / "province.toml").counties
        suffixes = {c.id: "-" + c.institutions[0].id.rsplit("-", 1)[1] for c in counties}
        print(f"filled {_fill(data, suffixes)} counties' encounters from others")
    files = sorted((data / "encounters").rglob("*.parquet"))
    size = sum(f.stat().st_size for f in files)
    out = Figures("province_year")
    out.print(f"{len(files)} county encounter files, {size / 2**30:.1f} GiB of Parquet")
    code = CHILD.format(measures=ENCOUNTER_MEASURES)
    with tempfile.TemporaryDirectory() as cache:  # a cache of this run's own: a first run
        cold = _child(code, str(data), args.memory_limit, cache=cache)
        warm = _child(code, str(data), args.memory_limit, cache=cache)
    bare = _child(HAND, str(data), args.memory_limit)
    rows = int(cold[2].split()[1])
    for name, (wall, peak, line) in (
        ("countycare, every check, first run", cold),
        ("countycare, every check, re-run", warm),
        ("hand-written DuckDB, no check", bare),
    ):
        out.print(f"{name:<36} {wall:6.1f} s wall, peak {peak:5.0f} MiB  ({line})")
    out.print(f"{rows:,} encounters: {rows / cold[0] / 1e6:.1f} million rows/s with every check")
    out.print(
        f"first run / hand-written = {cold[0] / bare[0]:.2f}×, "
        f"re-run / hand-written = {warm[0] / bare[0]:.2f}×"
    )
    out.print(
        f"goals: < 60 s with every check ({cold[0]:.1f} s first run, {warm[0]:.1f} s re-run); "
        f"peak < 1536 MiB ({max(cold[1], warm[1]):.0f} MiB), DuckDB memory_limit "
        f"{args.memory_limit}"
    )
    out.save()


if __name__ == "__main__":
    main()
