"""Every reader survives hostile input: only CountyCareError, located, quick, never silent.

Each reader gets mutations of a valid seed file (see :mod:`.mutations`). Whatever the bytes, a
reader either reads the file or raises a :class:`~countycare.errors.CountyCareError` whose
problems each name the file and a place; it never takes more than a few seconds, never quotes a
patient id, and never accepts a mutation that is sure to be invalid without rejecting a row.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from countycare.errors import CountyCareError, DataError

from . import conftest
from .readers import PATIENT_PREFIX, Reader, build_readers

READERS = build_readers()
#: The most processor time one case may take, in seconds. Processor time, not wall-clock time:
#: on a shared machine the wall clock measures the neighbours; a hang shows in both.
LIMIT_S = 5.0
#: A wall-clock bound all the same, generous for a loaded machine.
WALL_LIMIT_S = 60.0


def _check_error(reader: Reader, exc: CountyCareError, path: Path) -> None:
    text = str(exc)
    assert PATIENT_PREFIX not in text, f"{reader.name}: a patient id in the message: {text[:300]}"
    assert "Traceback" not in text
    if isinstance(exc, DataError):
        assert exc.source, f"{reader.name}: the error names no file: {text[:300]}"
        assert exc.problems, f"{reader.name}: an error without a problem"
        for problem in exc.problems:
            assert problem.path.strip(), f"{reader.name}: a problem without a place: {problem}"
            assert len(problem.message) < 2_000, f"{reader.name}: a message echoes the input"
    else:
        assert str(path.name) in text or path.parent.name in text, (
            f"{reader.name}: {type(exc).__name__} without the file's name: {text[:300]}"
        )


@pytest.mark.parametrize("reader", READERS, ids=[r.name for r in READERS])
def test_seed_is_read_cleanly(reader: Reader, tmp_path: Path) -> None:
    """Each seed is a valid file its reader reads whole: mutations start from the real format.

    A seed in an outdated format would be refused as a whole, and every mutation of it would
    exercise only the first check instead of the reader.
    """
    path = tmp_path / reader.filename
    path.write_bytes(reader.seed)
    assert reader.read(path) == 0


@pytest.mark.parametrize("reader", READERS, ids=[r.name for r in READERS])
def test_reader_survives_mutations(reader: Reader, fuzz_report: dict[str, Any]) -> None:
    """No traceback, no hang, no silent acceptance: the promise of issue #12, reader by reader."""
    fuzz_report["reader"] = reader.name

    @settings(
        max_examples=conftest.EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def case(data: st.DataObject) -> None:
        mutant = data.draw(reader.mutate(reader.seed), label="mutant")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / reader.filename
            path.write_bytes(mutant.data)
            started, cpu = time.perf_counter(), time.process_time()
            outcome, rejected = "accepted", 0
            try:
                rejected = reader.read(path)
            except CountyCareError as exc:
                outcome = "refused"
                _check_error(reader, exc, path)
            except Exception:
                conftest.record(reader.name, "traceback", mutant.family, time.process_time() - cpu)
                raise
            else:
                if rejected:
                    outcome = "rows rejected"
                elif mutant.sure_invalid:
                    outcome = "silent"
            seconds, wall = time.process_time() - cpu, time.perf_counter() - started
            if seconds >= LIMIT_S or wall >= WALL_LIMIT_S:
                outcome = "slow"
            conftest.record(reader.name, outcome, mutant.family, seconds)
            assert outcome != "silent", (
                f"{reader.name}: a sure-invalid mutation ({mutant.family}) was accepted"
            )
            assert seconds < LIMIT_S, f"{reader.name}: {mutant.family} took {seconds:.1f} s"
            assert wall < WALL_LIMIT_S, f"{reader.name}: {mutant.family} took {wall:.0f} s"

    passed = False
    try:
        case()
        passed = True
    finally:
        fuzz_report["passed"] = passed
