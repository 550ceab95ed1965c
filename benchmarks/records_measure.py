"""Records → measures at 10 million encounters: countycare, hand-written DuckDB, pandas.

All three compute the same encounter measures (visits, primary and TCM visits, township
outpatient visits, insured admissions and their cost, lead discharges, residents' cost, fund
payments and out-of-pocket spending, residents' episodes) per institution, township and county,
per month and year, from the same Parquet file. countycare also validates every row and counts
rows used and rejected; the others do not. Prints the median of ``--runs`` interleaved runs
and the ratios.

    python benchmarks/records_measure.py [--rows 10000000] [--runs 5]

Goals (issue 6): within 1.25× of the hand-written query; at least 3× faster than pandas.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _records_data import ENCOUNTER_MEASURES, ROOT, encounter_file, wanrong
from countycare.records.county_index import CountyIndex
from countycare.records.engine_duckdb import connect, measure_records

HAND_WRITTEN = """
WITH e AS (
  SELECT institution_id, year(date) * 100 + month(date) AS ym,
         CASE WHEN setting = 'inpatient' THEN year(discharge_date) * 100 + month(discharge_date)
         END AS dym, setting, tcm, insured, resident, total_cost, fund_paid, discharge_date
  FROM read_parquet('{path}')
),
g AS (
  SELECT institution_id, ym, dym,
         count(*) FILTER (setting <> 'inpatient') AS visits,
         count(*) FILTER (setting <> 'inpatient' AND tcm) AS visits_tcm,
         count(*) FILTER (setting = 'outpatient') AS outpatient,
         count(*) FILTER (setting = 'inpatient' AND insured) AS adm_insured,
         sum(total_cost) FILTER (setting = 'inpatient' AND insured) AS cost_adm_insured,
         sum(total_cost) FILTER (resident) AS cost_resident,
         sum(fund_paid) FILTER (resident) AS fund_resident,
         count(*) FILTER (setting = 'inpatient' AND discharge_date IS NOT NULL) AS discharges,
         count(*) FILTER (resident) AS episodes
  FROM e GROUP BY ALL
),
j AS (SELECT g.*, d.township_id, d.is_primary, d.is_township_centre, d.is_lead,
             CAST(ym // 100 AS INT) AS y
      FROM g JOIN dim d USING (institution_id)),
long AS (
  SELECT institution_id, township_id, y, ym, 'visits' AS measure, visits AS value FROM j
  UNION ALL SELECT institution_id, township_id, y, ym, 'visits_primary', visits FROM j
    WHERE is_primary
  UNION ALL SELECT institution_id, township_id, y, ym, 'visits_tcm', visits_tcm FROM j
  UNION ALL SELECT institution_id, township_id, y, ym, 'township_outpatient_visits', outpatient
    FROM j WHERE is_township_centre
  UNION ALL SELECT institution_id, township_id, y, ym, 'admissions_insured_in_county',
    adm_insured FROM j
  UNION ALL SELECT institution_id, township_id, y, ym, 'inpatient_cost_insured_in_county',
    cost_adm_insured FROM j
  UNION ALL SELECT institution_id, township_id, CAST(dym // 100 AS INT), dym, 'lead_discharges',
    discharges FROM j WHERE is_lead AND dym // 100 = 2024
  UNION ALL SELECT NULL, NULL, y, ym, 'total_cost_residents', cost_resident FROM j
  UNION ALL SELECT NULL, NULL, y, ym, 'fund_paid_residents', fund_resident FROM j
  UNION ALL SELECT NULL, NULL, y, ym, 'out_of_pocket_residents',
    coalesce(cost_resident, 0) - coalesce(fund_resident, 0) FROM j
  UNION ALL SELECT NULL, NULL, y, ym, 'resident_episodes_in_county', episodes FROM j
)
SELECT coalesce(institution_id, township_id, 'wanrong') AS scope,
       coalesce(CAST(ym AS VARCHAR), CAST(y AS VARCHAR)) AS period, measure,
       sum(value) AS value
FROM long
GROUP BY GROUPING SETS ((measure, institution_id, ym), (measure, institution_id, y),
                        (measure, township_id, ym), (measure, township_id, y),
                        (measure, ym), (measure, y))
"""


#: The county model is an input of all three implementations: loaded once, outside the timings.
COUNTY = wanrong()


def countycare_run(path: Path) -> int:
    """The library call behind ``countycare measure`` (all validation, duplicate ids included)."""
    result = measure_records(
        COUNTY, {"encounters": path}, [2024], ENCOUNTER_MEASURES, connection=connect()
    )
    return len(result.table)


def countycare_unique_ids_run(path: Path) -> int:
    """The same with the duplicate-id check waived (``--assume-unique-ids``): every other check
    still runs; this is the like-for-like comparison with the hand-written query."""
    result = measure_records(
        COUNTY,
        {"encounters": path},
        [2024],
        ENCOUNTER_MEASURES,
        connection=connect(),
        check_duplicate_ids=False,
    )
    return len(result.table)


def hand_written_run(path: Path) -> int:
    """One hand-written DuckDB query computing the same measures (no validation)."""
    con = duckdb.connect()
    con.execute("SET memory_limit = '500MB'")
    con.register("dim", CountyIndex(COUNTY).institutions_table())
    return len(con.execute(HAND_WRITTEN.format(path=path)).fetchall())


def pandas_run(path: Path) -> int:
    """The same measures with pandas group-bys (no validation)."""
    columns = ["institution_id", "date", "setting", "tcm", "insured", "resident",
               "total_cost", "fund_paid", "discharge_date"]  # fmt: skip
    df = pd.read_parquet(path, columns=columns)
    dim = CountyIndex(COUNTY).institutions_table().to_pandas().set_index("institution_id")
    date = pd.to_datetime(df["date"])
    df["ym"] = date.dt.year * 100 + date.dt.month
    inpatient = df["setting"] == "inpatient"
    discharge = pd.to_datetime(df["discharge_date"])
    df["dym"] = (discharge.dt.year * 100 + discharge.dt.month).where(inpatient)
    df["visit"] = ~inpatient
    df["visit_tcm"] = ~inpatient & df["tcm"]
    df["outpatient"] = df["setting"] == "outpatient"
    df["adm_insured"] = inpatient & df["insured"]
    df["cost_adm_insured"] = df["total_cost"].where(df["adm_insured"], 0.0)
    df["cost_resident"] = df["total_cost"].where(df["resident"], 0.0)
    df["fund_resident"] = df["fund_paid"].where(df["resident"], 0.0)
    df["episode"] = df["resident"]
    g = df.groupby(["institution_id", "ym"], observed=True)[
        ["visit", "visit_tcm", "outpatient", "adm_insured", "cost_adm_insured",
         "cost_resident", "fund_resident", "episode"]
    ].sum().reset_index()  # fmt: skip
    discharges = (
        df[inpatient & df["dym"].notna()]
        .groupby(["institution_id", "dym"], observed=True)
        .size()
        .rename("discharges")
        .reset_index()
    )
    g = g.join(dim, on="institution_id")
    g["y"] = g["ym"] // 100
    g["out_of_pocket"] = g["cost_resident"] - g["fund_resident"]
    parts = []
    for _measure, column, mask in [
        ("visits", "visit", None), ("visits_primary", "visit", "is_primary"),
        ("visits_tcm", "visit_tcm", None),
        ("township_outpatient_visits", "outpatient", "is_township_centre"),
        ("admissions_insured_in_county", "adm_insured", None),
        ("inpatient_cost_insured_in_county", "cost_adm_insured", None),
    ]:  # fmt: skip
        rows = g if mask is None else g[g[mask]]
        for keys in (["institution_id", "ym"], ["institution_id", "y"], ["township_id", "ym"],
                     ["township_id", "y"], ["ym"], ["y"]):  # fmt: skip
            parts.append(rows.groupby(keys, observed=True)[column].sum())
    for column in ("cost_resident", "fund_resident", "out_of_pocket", "episode"):
        for keys in (["ym"], ["y"]):
            parts.append(g.groupby(keys)[column].sum())
    discharges = discharges.join(dim, on="institution_id")
    lead = discharges[discharges["is_lead"] & (discharges["dym"] // 100 == 2024)]
    parts.append(lead.groupby(["institution_id", "dym"])["discharges"].sum())
    parts.append(lead.groupby(lead["dym"] // 100)["discharges"].sum())
    return sum(len(p) for p in parts)


def _medians(fns: dict[str, Callable[[Path], Any]], path: Path, runs: int) -> dict[str, float]:
    """Median time of each function; rounds interleave them, so a shared machine's changing load
    weighs on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            started = time.perf_counter()
            fn(path)
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(t) for name, t in times.items()}


def main() -> None:
    """Time the three implementations and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = encounter_file(args.rows)
    rows = duckdb.sql(f"SELECT count(*) FROM read_parquet('{path}')").fetchall()[0][0]
    print(f"{rows:,} encounter rows, {path.stat().st_size / 2**20:.0f} MiB of Parquet")
    countycare_run(path)  # warm the file cache and imports once
    medians = _medians(
        {
            "countycare": countycare_run,
            "countycare unique ids": countycare_unique_ids_run,
            "hand-written DuckDB": hand_written_run,
            "pandas": pandas_run,
        },
        path,
        args.runs,
    )
    for name, seconds in medians.items():
        print(f"{name:<22} median {seconds:6.2f} s over {args.runs} runs")
    ours = medians["countycare"]
    print(f"countycare / hand-written DuckDB = {ours / medians['hand-written DuckDB']:.2f}×"
          " (goal ≤ 1.25×)")  # fmt: skip
    print(f"pandas / countycare             = {medians['pandas'] / ours:.2f}× (goal ≥ 3×)")
    waived = medians["countycare unique ids"]
    print(f"with --assume-unique-ids: countycare / hand-written DuckDB = "
          f"{waived / medians['hand-written DuckDB']:.2f}× (goal ≤ 1.25×), "
          f"pandas / countycare = {medians['pandas'] / waived:.2f}× (goal ≥ 3×)")  # fmt: skip
    out = ROOT / "cli-measures.csv"
    folder = ROOT / "cli" / "encounters" / "county=wanrong" / "year=2024"
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "part-0.parquet"
    if not link.exists():
        link.symlink_to(path)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "countycare", "measure", str(ROOT / "cli"), "--county", "wanrong",
         "--measures", *ENCOUNTER_MEASURES, "--out", str(out), "--quiet"],
        check=False, capture_output=True,
    )  # fmt: skip
    print(f"countycare measure (CLI, whole process, once) {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
