"""Print the reliability page's table from the report of a full ``make fuzz`` run.

Usage: ``python tools/fuzz_table.py out/fuzz.json`` — paste the table into
``docs/explanation/reliability.md`` under "Figures of the last full run".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HEADER = (
    "| reader | cases | refused (located error) | read | read, rows rejected | tracebacks "
    "| hangs (> 5 s) | silent acceptances | slowest case |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def table(report: dict[str, object]) -> str:
    """The markdown table of ``report`` (the JSON ``make fuzz`` writes), a row per reader."""
    readers = report["readers"]
    assert isinstance(readers, dict)
    rows = [HEADER]
    for name, r in readers.items():
        rows.append(
            f"| {name} | {r['cases']:,} | {r.get('refused', 0):,} | {r.get('accepted', 0):,} "
            f"| {r.get('rows rejected', 0):,} | {r.get('traceback', 0)} | {r.get('slow', 0)} "
            f"| {r.get('silent', 0)} | {r['slowest_s']:.2f} s |"
        )
    return "\n".join(rows)


if __name__ == "__main__":
    print(table(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))))
