"""A province's measures file read and rolled up: countycare, a hand-written DuckDB query, pandas.

What ``countycare compare`` does before it ranks anything: read a measures file of every county
and month (about the size of a 117-county province: 300 scopes, 12 months, 10 measures, 36
thousand rows) and add each quarter and year as sums of its months. countycare also checks every
row (scope, period, measure, category, a finite whole count, no part above its whole, the unit
converted to the measure's own) and refuses a file with a problem; the hand-written query and
pandas check nothing. Each way gives the same rows (checked once before timing).

What it prints is also written to ``docs/explanation/_figures/measures_file.txt``, which the
"Performance" page includes as it is.

    python benchmarks/measures_file.py [--scopes 300] [--runs 7]
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _records_data import Figures, side_by_side
from countycare.indicators import read_measures, roll_up_periods
from countycare.indicators.measures import MEASURES

#: The measures of the file: each whole with its parts (drawn as a share of it), as a county
#: platform exports them.
WHOLES = {
    "visits": ("visits_primary", "visits_tcm"),
    "admissions_insured_total": ("admissions_insured_in_county",),
    "total_cost_residents": ("fund_paid_residents",),
    "remote_reads": (),
    "upward_referrals": (),
    "downward_referrals": (),
}


def measures_file(folder: Path, scopes: int, seed: int = 3) -> Path:
    """A monthly measures file of ``scopes`` scopes for 2024, each row with its measure's unit."""
    rng = np.random.default_rng(seed)
    months = [f"2024-{m:02d}" for m in range(1, 13)]
    columns: dict[str, list[object]] = {c: [] for c in ("scope", "period", "measure", "value")}
    for s in range(scopes):
        for month in months:
            for whole, parts in WHOLES.items():
                size = float(rng.integers(100, 50_000))
                if MEASURES[whole].unit == "yuan":  # money to the fen
                    size = round(size * 317.29, 2)
                rows = [(whole, size)]
                for part in parts:
                    share = size * rng.uniform(0.05, 0.9)
                    rows.append((part, round(share, 2) if MEASURES[part].unit == "yuan" else
                                 float(math.floor(share))))  # fmt: skip
                for measure, value in rows:
                    columns["scope"].append(f"c{s:04d}")
                    columns["period"].append(month)
                    columns["measure"].append(measure)
                    columns["value"].append(value)
    n = len(columns["value"])
    table = pa.table({
        **{c: columns[c] for c in ("scope", "period", "measure")},
        "category": [""] * n,
        "value": pa.array(columns["value"], pa.float64()),
        "unit": [MEASURES[str(m)].unit for m in columns["measure"]],
    })  # fmt: skip
    path = folder / "measures.parquet"
    pq.write_table(table, path)
    return path


def countycare_run(path: Path) -> pd.DataFrame:
    """What ``countycare compare`` does first: read the file with every check, then roll up."""
    return roll_up_periods(read_measures(path)).to_pandas()


def countycare_read(path: Path) -> pd.DataFrame:
    """The reading alone: every row checked, units converted, parts held to their wholes."""
    return read_measures(path).to_pandas()


HAND_WRITTEN = """
WITH m AS (SELECT scope, period, measure, category, value,
                  substr(period, 1, 4) AS y,
                  substr(period, 1, 4) || 'Q' || CAST((CAST(substr(period, 6, 2) AS INT) + 2) // 3
                                                      AS VARCHAR) AS q
           FROM read_parquet('{path}'))
SELECT scope, period, measure, category, value FROM m
UNION ALL SELECT scope, q, measure, category, sum(value) FROM m GROUP BY scope, q, measure, category
UNION ALL SELECT scope, y, measure, category, sum(value) FROM m GROUP BY scope, y, measure, category
"""


def hand_written_run(path: Path) -> pd.DataFrame:
    """One hand-written DuckDB query: the months as read, their quarters and years summed."""
    return duckdb.connect().execute(HAND_WRITTEN.format(path=path)).df()


def pandas_run(path: Path) -> pd.DataFrame:
    """The same with pandas group-bys (no check)."""
    df = pd.read_parquet(path, columns=["scope", "period", "measure", "category", "value"])
    year = df["period"].str.slice(0, 4)
    quarter = year + "Q" + ((df["period"].str.slice(5, 7).astype(int) + 2) // 3).astype(str)
    keys = ["scope", "period", "measure", "category"]
    sums = [
        df.assign(period=p).groupby(keys, sort=False)["value"].sum().reset_index()
        for p in (quarter, year)
    ]
    return pd.concat([df, *sums], ignore_index=True)


def _same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    keys = ["scope", "period", "measure", "category"]
    left = a[[*keys, "value"]].sort_values(keys).reset_index(drop=True)
    right = b[[*keys, "value"]].sort_values(keys).reset_index(drop=True)
    return bool(
        (left[keys].to_numpy() == right[keys].to_numpy()).all()
        and np.allclose(left["value"], right["value"], rtol=1e-12)
    )


def main() -> int:
    """Build the file, check that the three ways agree, time them and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scopes", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = measures_file(Path(folder), args.scopes)
        rows = pq.read_metadata(path).num_rows
        ways: dict[str, Callable[[Path], pd.DataFrame]] = {
            "countycare read + roll-up": countycare_run,
            "  of which the reading": countycare_read,
            "hand-written DuckDB": hand_written_run,
            "pandas": pandas_run,
        }
        ours = countycare_run(path)
        for name in ("hand-written DuckDB", "pandas"):
            if not _same(ours, ways[name](path)):
                raise SystemExit(f"{name} does not give countycare's rows: the benchmark is wrong")
        figures = Figures("measures_file")
        figures.print(
            f"a measures file of {args.scopes} scopes × 12 months × 10 measures: {rows:,} rows "
            f"read, {len(ours):,} with the quarters and year"
        )
        walls, cpus = side_by_side(ways, path, args.runs)  # rounds interleave the four ways
    for name, wall in walls.items():
        figures.print(
            f"{name:<28} median {wall:6.3f} s over {args.runs} runs ({cpus[name]:6.3f} CPU-s)"
        )
    ours_wall = walls["countycare read + roll-up"]
    figures.print(
        f"countycare / hand-written DuckDB = {ours_wall / walls['hand-written DuckDB']:.1f}×"
    )
    figures.print(f"countycare / pandas              = {ours_wall / walls['pandas']:.1f}×")
    figures.print(f"countycare per thousand rows     = {ours_wall / rows * 1000 * 1000:.1f} ms")
    figures.save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
