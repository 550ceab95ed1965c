"""Records → measures at 10 million encounters: countycare, hand-written DuckDB, pandas.

All compute the same encounter measures (visits, primary and TCM visits, township outpatient
visits, insured admissions and their cost, lead discharges, residents' cost, fund payments and
out-of-pocket spending, residents' episodes) per institution, township and county, per month and
year, from the same Parquet file. countycare also validates every row (the repeated-id check
included) and counts rows used and rejected; the bare hand-written query and pandas do not; the
hand-written query "with the same checks" makes countycare's checks by hand (every row check,
ids and period, and the repeated ids by one hash grouping). Prints the median of ``--runs``
interleaved runs and the ratios, and what the repeated-id check costs by itself.

countycare runs three ways: "first run" checks repeated ids every time (no cache of verified
files, as on data never read before); "re-run" remembers the file as verified by its
fingerprint, so repeated runs skip the id check; "unique ids" waives the check.

    python benchmarks/records_measure.py [--rows 10000000] [--runs 3]

Goals (issue 15): the default run with every check ≤ 1.5× the bare hand-written query; with the
same checks hand-written in both ≤ 1.15×; ≥ 4× faster than pandas.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _records_data import (
    ENCOUNTER_MEASURES,
    ROOT,
    Figures,
    encounter_file,
    side_by_side,
    wanrong,
)
from countycare.records.county_index import CountyIndex
from countycare.records.engine_duckdb import connect, measure_records
from countycare.records.record_ids import ids_in_order

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


#: The same measures with countycare's checks written by hand: a row is used when no check
#: fails (the same conditions as countycare.records.checks), its institution is the county's and
#: its date in the year; a repeated id is found by one grouping of 64-bit hashes (then exactly,
#: for the hashes that repeat) and its rows are rejected.
HAND_CHECKED = """
WITH dup AS (SELECT hash(encounter_id) AS h FROM read_parquet('{path}')
             WHERE encounter_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1),
e AS (
  SELECT *, year(date) * 100 + month(date) AS ym,
         CASE WHEN setting = 'inpatient' THEN year(discharge_date) * 100 + month(discharge_date)
         END AS dym,
         NOT coalesce(encounter_id IS NULL OR hash(encounter_id) IN (SELECT h FROM dup)
           OR patient_id IS NULL OR institution_id IS NULL OR date IS NULL
           OR setting IS NULL OR setting NOT IN ('outpatient', 'emergency', 'inpatient')
           OR tcm IS NULL OR insured IS NULL OR resident IS NULL
           OR total_cost IS NULL OR total_cost < 0 OR isnan(total_cost)
           OR total_cost > 1000000000 OR fund_paid IS NULL OR fund_paid < 0 OR isnan(fund_paid)
           OR fund_paid > 1000000000 OR fund_paid > total_cost
           OR coalesce(discharge_date < date, false), true)
         AS ok
  FROM read_parquet('{path}')
),
g AS (
  SELECT institution_id, ym, dym, count(*) AS n_read, count(*) FILTER (NOT ok) AS n_bad,
         count(*) FILTER (ok AND setting <> 'inpatient') AS visits,
         count(*) FILTER (ok AND setting <> 'inpatient' AND tcm) AS visits_tcm,
         count(*) FILTER (ok AND setting = 'outpatient') AS outpatient,
         count(*) FILTER (ok AND setting = 'inpatient' AND insured) AS adm_insured,
         sum(total_cost) FILTER (ok AND setting = 'inpatient' AND insured) AS cost_adm_insured,
         sum(total_cost) FILTER (ok AND resident) AS cost_resident,
         sum(fund_paid) FILTER (ok AND resident) AS fund_resident,
         count(*) FILTER (ok AND setting = 'inpatient' AND discharge_date IS NOT NULL)
           AS discharges,
         count(*) FILTER (ok AND resident) AS episodes
  FROM e GROUP BY ALL
),
k AS (SELECT g.*, (d.institution_id IS NOT NULL AND ym BETWEEN 202401 AND 202412) AS key_ok
      FROM g LEFT JOIN dim d USING (institution_id)),
counts AS (SELECT sum(n_read) AS n_read, sum(CASE WHEN key_ok THEN n_read - n_bad END) AS used
           FROM k),
j AS (SELECT k.*, d.township_id, d.is_primary, d.is_township_centre, d.is_lead,
             CAST(ym // 100 AS INT) AS y
      FROM k JOIN dim d USING (institution_id) WHERE key_ok),
long AS (""" + HAND_WRITTEN.split("long AS (", 1)[1].replace(
    "FROM long\n", "FROM long, counts\n"
).replace("sum(value) AS value\n", "sum(value) AS value, any_value(counts.used) AS used\n")


#: The county model is an input of every implementation: loaded once, outside the timings.
COUNTY = wanrong()


def countycare_run(path: Path) -> int:
    """The library call behind ``countycare measure`` on files never read before: every check,
    the repeated ids included (no cache of verified files)."""
    result = measure_records(
        COUNTY,
        {"encounters": path},
        [2024],
        ENCOUNTER_MEASURES,
        connection=connect(),
        id_cache=False,
    )
    return len(result.table)


def countycare_rerun(path: Path) -> int:
    """The default call again on files it verified before: every row check runs; the repeated
    ids are known absent from the file's fingerprint (``countycare.records.verified_ids``)."""
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


def id_check_alone(path: Path) -> int:
    """The repeated-id check of a first run by itself, on one thread with nothing beside it:
    the id column read and each id compared with the next (the ids are in order). Its cost
    is the floor of what a first run adds to a re-run."""
    if not ids_in_order([str(path)], "encounter_id"):
        raise SystemExit("the benchmark's ids are not in order: the check would hash them")
    return 1


def hand_written_run(path: Path) -> int:
    """One hand-written DuckDB query computing the same measures (no validation)."""
    con = duckdb.connect()
    con.execute("SET memory_limit = '500MB'")
    con.register("dim", CountyIndex(COUNTY).institutions_table())
    return len(con.execute(HAND_WRITTEN.format(path=path)).fetchall())


def hand_checked_run(path: Path) -> int:
    """The hand-written query with countycare's checks written by hand."""
    con = duckdb.connect()
    con.execute("SET memory_limit = '500MB'")
    con.register("dim", CountyIndex(COUNTY).institutions_table())
    return len(con.execute(HAND_CHECKED.format(path=path)).fetchall())


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


def main() -> None:
    """Time the three implementations and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = encounter_file(args.rows)
    rows = duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchall()[0][0]
    out = Figures("records_measure")
    out.print(f"{rows:,} encounter rows, {path.stat().st_size / 2**20:.0f} MiB of Parquet")
    countycare_rerun(path)  # warm the file cache and imports once; the file is now verified
    medians, cpu = side_by_side(
        {
            "countycare first run": countycare_run,
            "countycare re-run": countycare_rerun,
            "countycare unique ids": countycare_unique_ids_run,
            "hand-written bare": hand_written_run,
            "hand-written checked": hand_checked_run,
            "pandas": pandas_run,
            "id check alone": id_check_alone,
        },
        path,
        args.runs,
    )
    for name, seconds in medians.items():
        out.print(
            f"{name:<22} median {seconds:6.2f} s over {args.runs} runs ({cpu[name]:5.2f} CPU-s)"
        )
    bare, checked = medians["hand-written bare"], medians["hand-written checked"]
    first, again = medians["countycare first run"], medians["countycare re-run"]
    waived = medians["countycare unique ids"]
    pandas = medians["pandas"]
    for label, ratio, goal in (
        ("every check, first run / hand-written bare", first / bare, "(goal ≤ 1.5×)"),
        ("every check, re-run / hand-written bare", again / bare, "(goal ≤ 1.5×)"),
        ("every check, first run / hand-written checked", first / checked, "(goal ≤ 1.15×)"),
        ("unique ids waived / hand-written bare", waived / bare, ""),
        ("pandas / countycare first run", pandas / first, "(goal ≥ 4×)"),
        ("pandas / countycare re-run", pandas / again, "(goal ≥ 4×)"),
    ):
        out.print(f"{label:<45} = {ratio:.2f}× {goal}".rstrip())
    out.print(
        f"{'the same in CPU-s: first run / bare':<45} = "
        f"{cpu['countycare first run'] / cpu['hand-written bare']:.2f}×, re-run / bare = "
        f"{cpu['countycare re-run'] / cpu['hand-written bare']:.2f}×"
    )
    out.print(
        f"{'the id check alone / bare, in CPU-s':<45} = "
        f"{cpu['id check alone'] / cpu['hand-written bare']:.2f}×; a first run adds "
        f"{cpu['countycare first run'] - cpu['countycare re-run']:.2f} CPU-s to a re-run"
    )
    csv = ROOT / "cli-measures.csv"
    folder = ROOT / "cli" / "encounters" / "county=wanrong" / "year=2024"
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "part-0.parquet"
    if not link.exists():
        link.symlink_to(path)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "countycare", "measure", str(ROOT / "cli"), "--county", "wanrong",
         "--measures", *ENCOUNTER_MEASURES, "--out", str(csv), "--quiet"],
        check=False, capture_output=True,
    )  # fmt: skip
    cli = time.perf_counter() - started
    out.print(f"countycare measure (CLI, whole process, once) {cli:.2f} s")
    out.save()


if __name__ == "__main__":
    main()
