"""Vectorised indicator evaluation versus one point at a time (numpy under pint).

Builds a table of N scopes (think: every county of a province, or every institution of a
county) and evaluates the primary visit share and premature NCD mortality at all of them, once
with ``evaluate_many`` (one pint Quantity per array) and once point by point with ``evaluate``.
Prints medians and the ratio; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from functools import partial

import numpy as np

from countycare.indicators import (
    IndicatorDefinition,
    MeasureTable,
    evaluate,
    evaluate_many,
    indicator_set,
)
from countycare.indicators.measures import AGE_BANDS_30_69


def _table(n: int, seed: int = 7) -> MeasureTable:
    rng = np.random.default_rng(seed)
    scopes = [f"s{i:06d}" for i in range(n)]
    visits = rng.integers(1_000, 3_000_000, n).astype(float)
    texts: dict[str, list[str]] = {"scope": [], "measure": [], "category": []}
    numbers: list[float] = []

    def add(measure: str, category: str, values: np.ndarray) -> None:
        texts["scope"] += scopes
        texts["measure"] += [measure] * n
        texts["category"] += [category] * n
        numbers.extend(values.tolist())

    add("visits", "", visits)
    add("visits_primary", "", np.floor(visits * rng.uniform(0.3, 0.8, n)))
    for band in AGE_BANDS_30_69:
        population = rng.integers(1_000, 40_000, n).astype(float)
        add("population_by_age", band, population)
        add("ncd4_deaths", band, np.floor(population * rng.uniform(0.0005, 0.01, n)))
    size = len(texts["scope"])
    return MeasureTable.from_columns(
        texts["scope"], ["2024"] * size, texts["measure"], texts["category"], numbers
    )


def _one_by_one(d: IndicatorDefinition, table: MeasureTable, scopes: list[str]) -> list[object]:
    return [evaluate(d, table, s, "2024") for s in scopes]


def _median(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Time both ways and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scopes", type=int, default=20_000, help="number of scopes")
    parser.add_argument("--single", type=int, default=500, help="points for the one-by-one run")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    table = _table(args.scopes)
    table.lookup(["s000000"], ["2024"], "visits")  # build the index once, outside the timing
    scopes = [f"s{i:06d}" for i in range(args.scopes)]
    periods = ["2024"] * args.scopes
    nhc = indicator_set("nhc-2024")
    for code in ("primary_visit_share", "premature_ncd_mortality"):
        d = nhc.get(code)
        few = scopes[: args.single]
        vectorised = _median(partial(evaluate_many, d, table, scopes, periods), args.repeat)
        single = _median(partial(_one_by_one, d, table, few), 1)
        per_point_v = vectorised / args.scopes * 1e6
        per_point_s = single / len(few) * 1e6
        print(
            f"{code}: evaluate_many {args.scopes:,} points {vectorised * 1e3:.1f} ms "
            f"({per_point_v:.2f} µs/point); evaluate one by one {per_point_s:.1f} µs/point; "
            f"ratio {per_point_s / per_point_v:.0f}x"
        )


if __name__ == "__main__":
    main()
