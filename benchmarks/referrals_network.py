"""Benchmark: build the Wanrong referral network from a million synthetic records.

Prints the median time of :func:`countycare.referrals.build_network` against the same
aggregation written by hand in DuckDB and in pandas (keep the rows of known institutions, not
self-referrals, dated in the period; count by sender, receiver, setting and status; attach the
direction from the tiers), and the ratios. The library does more than the hand-written
versions: it also finds duplicate ids, records every rejected row with its reason, counts the
referrals that stay inside one community, and builds the typed networkx graph.

Run: ``python benchmarks/referrals_network.py [--rows N] [--repeat K]``. Not a test: nothing here
asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from countycare import load_county
from countycare.community import County
from countycare.institutions import OUTSIDE
from countycare.labels import Tier
from countycare.periods import Period
from countycare.referrals import build_network, synthetic_referrals

_HAND_SQL = """
WITH r AS (
    SELECT from_id, to_id, setting, status FROM records
    WHERE from_id IN (SELECT id FROM tiers) AND to_id IN (SELECT id FROM tiers)
      AND from_id <> to_id AND "date" BETWEEN $start AND $end
)
SELECT r.from_id, r.to_id, r.setting, r.status, count(*) AS referrals,
    CASE WHEN b.rank = 3 THEN 'out' WHEN a.rank = 3 THEN 'in'
         WHEN b.rank > a.rank THEN 'up' WHEN b.rank < a.rank THEN 'down'
         ELSE 'lateral' END AS direction
FROM r JOIN tiers a ON r.from_id = a.id JOIN tiers b ON r.to_id = b.id
GROUP BY ALL
"""


def _tiers(county: County) -> dict[str, int]:
    return {i.id: i.tier.rank for i in county.institutions} | {OUTSIDE: Tier.OUTSIDE.rank}


def _hand_duckdb(records: pa.Table, county: County, period: Period) -> pa.Table:
    tiers = _tiers(county)
    con = duckdb.connect()
    con.register("records", records)
    con.register("tiers", pa.table({"id": list(tiers), "rank": list(tiers.values())}))
    query = con.sql(_HAND_SQL, params={"start": period.start, "end": period.end})
    table: pa.Table = query.to_arrow_table()
    con.close()
    return table


def _hand_pandas(frame: pd.DataFrame, county: County, period: Period) -> pd.DataFrame:
    tiers = pd.Series(_tiers(county))
    ok = (
        frame["from_id"].isin(tiers.index)
        & frame["to_id"].isin(tiers.index)
        & (frame["from_id"] != frame["to_id"])
        & frame["date"].between(pd.Timestamp(period.start), pd.Timestamp(period.end))
    )
    edges = (
        frame.loc[ok]
        .groupby(["from_id", "to_id", "setting", "status"], observed=True)
        .size()
        .rename("referrals")
        .reset_index()
    )
    a = edges["from_id"].map(tiers)
    b = edges["to_id"].map(tiers)
    edges["direction"] = "lateral"
    edges.loc[b > a, "direction"] = "up"
    edges.loc[b < a, "direction"] = "down"
    edges.loc[a == Tier.OUTSIDE.rank, "direction"] = "in"
    edges.loc[b == Tier.OUTSIDE.rank, "direction"] = "out"
    return edges


def _medians(runs: dict[str, Callable[[], Any]], repeat: int) -> dict[str, tuple[float, Any]]:
    """Median time and last result of each run; the runs take turns within every repeat, so
    that a burst of load on a shared machine falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    results: dict[str, Any] = {}
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            results[name] = run()
            times[name].append(time.perf_counter() - start)
    return {name: (statistics.median(times[name]), results[name]) for name in runs}


def main() -> None:
    """Generate the records, time the three ways, print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    county = load_county("wanrong")
    period = Period.parse("2024")
    records = synthetic_referrals(county, period, args.rows, seed=args.seed, defects=0.01)
    frame = records.to_pandas()
    frame["date"] = pd.to_datetime(frame["date"])

    timed = _medians(
        {
            "library": lambda: build_network(records, county, period, lenient=True),
            "sql": lambda: _hand_duckdb(records, county, period),
            "pandas": lambda: _hand_pandas(frame, county, period),
        },
        args.repeat,
    )
    library, network = timed["library"]
    by_sql, sql_edges = timed["sql"]
    by_pandas, pandas_edges = timed["pandas"]

    summary = network.summaries[0]
    counted = (
        int(pc.sum(sql_edges.column("referrals")).as_py()),
        int(pandas_edges["referrals"].sum()),
    )
    print(f"{args.rows:,} synthetic Wanrong referral records, median of {args.repeat} runs")
    print(
        f"  accepted {summary.rows_accepted:,}, rejected {summary.rows_rejected:,} "
        f"(hand-written DuckDB kept {counted[0]:,}, pandas {counted[1]:,}; they do not look "
        f"for duplicate ids), {network.graph.number_of_edges():,} edges"
    )
    print(f"  countycare build_network : {library:8.3f} s")
    print(
        f"  hand-written DuckDB      : {by_sql:8.3f} s   countycare / DuckDB = "
        f"{library / by_sql:5.2f}"
    )
    print(
        f"  hand-written pandas      : {by_pandas:8.3f} s   countycare / pandas = "
        f"{library / by_pandas:5.2f}"
    )


if __name__ == "__main__":
    main()
