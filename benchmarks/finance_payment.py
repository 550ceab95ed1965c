"""Benchmark: DRG and DIP payment of a county-year of inpatient cases on numpy arrays.

A county of 360,000 residents has about 77,000 admissions a year (domain.md §7); the default is
one county-year (80,000 cases) and ``--cases`` scales it. The reference is the same DRG rule as
a plain Python loop over the cases. Prints medians of ``--repeat`` runs; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np

from countycare.finance import DipOutlierRules, DipRules, DrgRules, dip_payments, drg_payments
from countycare.units import Q_


def _median(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _python_drg(weights: list[float], costs: list[float], base: float) -> list[float]:
    out = []
    for w, c in zip(weights, costs, strict=True):
        standard = w * base
        if c > 3.0 * standard:
            out.append(standard + 0.9 * (c - 3.0 * standard))
        elif c < 0.4 * standard:
            out.append(c)
        else:
            out.append(standard)
    return out


def main() -> None:
    """Run the benchmark and print medians."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=80_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    weights = rng.gamma(2.0, 0.5, size=args.cases)
    costs = weights * 9_000 * rng.lognormal(0.0, 0.35, size=args.cases)
    rules = DrgRules(Q_(9_000, "yuan"), 3.0, 0.9, 0.4, 1.0)
    cost_q = Q_(costs, "yuan")
    drg = _median(lambda: drg_payments(weights, cost_q, rules), args.repeat)
    dip_rules = DipRules(0.7, "net_of_patient_paid", DipOutlierRules(2.0, 0.5))
    group_costs = Q_(weights * 9_000, "yuan")
    patients = Q_(costs * 0.3, "yuan")
    dip = _median(
        lambda: dip_payments(
            weights * 100,
            Q_(7.2, "yi_yuan"),
            dip_rules,
            patient_paid=patients,
            costs=cost_q,
            group_costs=group_costs,
        ),
        args.repeat,
    )
    w_list, c_list = weights.tolist(), costs.tolist()
    loop = _median(lambda: _python_drg(w_list, c_list, 9_000.0), args.repeat)
    check = np.allclose(
        drg_payments(weights, cost_q, rules).magnitude, _python_drg(w_list, c_list, 9_000.0)
    )
    print(f"cases: {args.cases:,}  (median of {args.repeat})")
    print(f"DRG numpy:        {drg * 1e3:8.2f} ms")
    ratio = loop / drg
    print(f"DRG python loop:  {loop * 1e3:8.2f} ms  ({ratio:.1f}x slower; same payments: {check})")
    print(f"DIP numpy:        {dip * 1e3:8.2f} ms  (outliers re-pointed, net of patient paid)")


if __name__ == "__main__":
    main()
