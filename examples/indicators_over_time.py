"""How measures behave over time: flows, stocks and distinct counts; year-on-year growth; baselines.

Four quarterly rows of 100 stationed physicians are not 400 physicians in the year: a distinct
count is never summed over periods, so the year is refused (naming the measure) until the file
gives the year's own row. A growth compares a quarter with the same quarter a year earlier. A
2023 baseline of the 2024 system is computed with the 2024 definition, and says so. All figures
are illustrative.
"""

from __future__ import annotations

from countycare.indicators import (
    MeasureTable,
    evaluate,
    evaluate_baseline,
    measure,
    roll_up_periods,
)
from countycare.indicators.catalogues import indicator_set

nhc = indicator_set("nhc-2024")
for code in ("remote_reads", "resident_population", "stationed_physicians"):
    m = measure(code)
    print(f"{code:<22} {m.kind.value:<15} over periods: {m.kind.rule_text}")

quarters = [f"2024Q{q}" for q in range(1, 5)]
rows = [("wanrong", q, "stationed_physicians", "", 100.0) for q in quarters]
rows += [("wanrong", q, "remote_reads", "", 11_250.0) for q in quarters]
rows.append(("wanrong", "2024", "resident_population", "", 360_000.0))
table = roll_up_periods(MeasureTable.from_rows(rows))
print(
    "\nremote reads in 2024 (a flow: the sum of its quarters):",
    table.get("wanrong", "2024", "remote_reads"),
)

physicians = nhc.get("stationed_physicians_per_10k")
refused = evaluate(physicians, table, "wanrong", "2024")
print("stationed physicians per 10,000, from quarters only:", refused.value)
print("  why:", refused.detail)
with_year = roll_up_periods(
    MeasureTable.from_rows([*rows, ("wanrong", "2024", "stationed_physicians", "", 100.0)])
)
print(f"  with the year's row: {evaluate(physicians, with_year, 'wanrong', '2024').require():.2f}")

growth = nhc.get("inpatient_cost_growth")
costs = MeasureTable.from_rows(
    [
        ("wanrong", "2024Q1", "inpatient_cost_insured_in_county", "", 90_000_000.0),
        ("wanrong", "2024Q1", "admissions_insured_in_county", "", 11_250.0),
        ("wanrong", "2023Q4", "inpatient_cost_insured_in_county", "", 96_000_000.0),
        ("wanrong", "2023Q4", "admissions_insured_in_county", "", 12_000.0),
        ("wanrong", "2023Q1", "inpatient_cost_insured_in_county", "", 85_250_000.0),
        ("wanrong", "2023Q1", "admissions_insured_in_county", "", 11_000.0),
    ]
)
g = evaluate(growth, costs, "wanrong", "2024Q1")
print(f"\ninpatient cost growth, 2024Q1: {g.require():.2f} % (compared with {g.compared_with})")

share = nhc.get("primary_visit_share")
visits = MeasureTable.from_rows(
    [
        ("wanrong", "2023", "visits", "", 2_400_000.0),
        ("wanrong", "2023", "visits_primary", "", 1_488_000.0),
    ]
)
b = evaluate_baseline(share, visits, "wanrong", "2023", "2024")
print(f"\n2023 baseline of the 2024 primary visit share: {b.require():.1f} %")
print("  ", b.provenance_json()["definition_note"])
