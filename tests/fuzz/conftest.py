"""The mutation suite's settings: a quick profile in the normal run, ``make fuzz`` for the full.

``COUNTYCARE_FUZZ_EXAMPLES`` sets the cases per reader (default 8: the quick profile of the
normal test run); ``COUNTYCARE_FUZZ_REPORT`` names a JSON file that receives, reader by reader,
the cases run, how they ended and the slowest case, for the reliability page of the docs.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

#: Cases per reader: 8 in the normal run, 10,000 or more under ``make fuzz``.
EXAMPLES = int(os.environ.get("COUNTYCARE_FUZZ_EXAMPLES", "8"))
#: Where the full run writes its figures (none in the normal run).
REPORT = os.environ.get("COUNTYCARE_FUZZ_REPORT")

STATS: dict[str, Counter[str]] = defaultdict(Counter)
SLOWEST: dict[str, float] = defaultdict(float)
FAMILIES: dict[str, Counter[str]] = defaultdict(Counter)


def record(reader: str, outcome: str, family: str, seconds: float) -> None:
    """Count one case of ``reader``: its outcome, its mutation family and its time."""
    STATS[reader][outcome] += 1
    STATS[reader]["cases"] += 1
    FAMILIES[reader][family] += 1
    SLOWEST[reader] = max(SLOWEST[reader], seconds)


@pytest.fixture(scope="session", autouse=True)
def _report() -> Iterator[None]:
    yield
    if not REPORT:
        return
    payload: dict[str, Any] = {
        reader: {
            **dict(counts),
            "slowest_s": round(SLOWEST[reader], 3),
            "families": dict(FAMILIES[reader]),
        }
        for reader, counts in sorted(STATS.items())
    }
    Path(REPORT).parent.mkdir(parents=True, exist_ok=True)
    Path(REPORT).write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n")
