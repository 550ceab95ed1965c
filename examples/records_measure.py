"""From records to measures: a synthetic Wanrong county-year, validated and summed in DuckDB.

Generates one year of every kind of record for the embedded Wanrong county (about 2.5 million
encounters), writes them as partitioned Parquet in ./records, computes the measures the
``nhc-2024`` indicator set needs, and prints a few of them with the validation reports.
"""

from __future__ import annotations

import time
from pathlib import Path

from countycare.indicators import required_measures
from countycare.io import load_county
from countycare.records import (
    DERIVABLE,
    RecordKind,
    dataset_paths,
    generate,
    measure_records,
    suppress_small_cells,
    write_dataset,
)

county = load_county("wanrong")
started = time.perf_counter()
write_dataset("records", county, {2024: generate(county, 2024, seed=1)})
print(f"synthetic county-year written in {time.perf_counter() - started:.1f} s")

sources = {kind: dataset_paths(Path("records"), kind, county.id, [2024]) for kind in RecordKind}
wanted = required_measures("nhc-2024")
started = time.perf_counter()
result = measure_records(county, sources, [2024], wanted & DERIVABLE)
print(f"{len(result.table):,} measure values in {time.perf_counter() - started:.1f} s")
for report in result.reports.values():
    print(" ", report.summary())
print("not derivable from records:", ", ".join(sorted(wanted - DERIVABLE)))

table = result.table
visits = table.get("wanrong", "2024", "visits") or 0.0
primary = table.get("wanrong", "2024", "visits_primary") or 0.0
print(f"visits {visits:,.0f}, of which primary {primary:,.0f} ({primary / visits:.1%})")
print(f"managed chronic patients (mean of months): "
      f"{table.get('wanrong', '2024', 'managed_chronic_patients'):,.0f}")  # fmt: skip
published = suppress_small_cells(table, threshold=10)
print(f"publishing: {published.suppressed_count} small cells of {len(published)} suppressed")
