"""The mutation suite's settings: a quick profile in the normal run, ``make fuzz`` for the full.

``COUNTYCARE_FUZZ_EXAMPLES`` sets the cases per reader (default 8: the quick profile of the
normal test run); ``COUNTYCARE_FUZZ_REPORT`` names a JSON file that receives, reader by reader,
the cases run, how they ended (refused, accepted, rows rejected, tracebacks, silent acceptances,
slow cases), the slowest case and the mutation families, for the reliability page of the docs.
The file is rewritten as each reader finishes, so a run cut short still leaves its figures.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

#: Cases per reader: 8 in the normal run, 10,000 or more under ``make fuzz``.
EXAMPLES = int(os.environ.get("COUNTYCARE_FUZZ_EXAMPLES", "8"))
#: Where the full run writes its figures (none in the normal run).
REPORT = os.environ.get("COUNTYCARE_FUZZ_REPORT")

#: The outcomes a case may have; the last three are failures of the suite.
OUTCOMES = ("refused", "accepted", "rows rejected", "traceback", "silent", "slow")

STATS: dict[str, Counter[str]] = defaultdict(Counter)
SLOWEST: dict[str, tuple[float, str]] = defaultdict(lambda: (0.0, ""))
FAMILIES: dict[str, Counter[str]] = defaultdict(Counter)
FINISHED: dict[str, dict[str, Any]] = {}
STARTED = dt.datetime.now(dt.UTC)


def record(reader: str, outcome: str, family: str, seconds: float) -> None:
    """Count one case of ``reader``: its outcome, its mutation family and its time."""
    STATS[reader][outcome] += 1
    STATS[reader]["cases"] += 1
    FAMILIES[reader][family] += 1
    if seconds > SLOWEST[reader][0]:
        SLOWEST[reader] = (seconds, family)


def _figures(reader: str) -> dict[str, Any]:
    counts = STATS[reader]
    seconds, family = SLOWEST[reader]
    return {
        "cases": counts["cases"],
        **{outcome: counts[outcome] for outcome in OUTCOMES},
        "slowest_s": round(seconds, 3),
        "slowest_family": family,
        "families": dict(sorted(FAMILIES[reader].items())),
        **FINISHED.get(reader, {}),
    }


def write_report() -> None:
    """Write the figures of every reader run so far to ``REPORT`` (nothing without one)."""
    if not REPORT:
        return
    payload = {
        "started": STARTED.isoformat(timespec="seconds"),
        "written": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "examples_per_reader": EXAMPLES,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.system()}",
        "readers": {reader: _figures(reader) for reader in sorted(STATS)},
    }
    path = Path(REPORT)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n")
    partial.replace(path)  # a reader of the file never sees half of it


@pytest.fixture
def fuzz_report() -> Iterator[dict[str, Any]]:
    """Yield a dict the test fills with its reader's name; write the report when it ends."""
    about: dict[str, Any] = {}
    started = time.perf_counter()
    yield about
    reader = about.get("reader")
    if reader is not None:
        FINISHED[reader] = {
            "passed": bool(about.get("passed")),
            "elapsed_s": round(time.perf_counter() - started, 1),
        }
        write_report()


@pytest.fixture(scope="session", autouse=True)
def _report() -> Iterator[None]:
    yield
    write_report()
