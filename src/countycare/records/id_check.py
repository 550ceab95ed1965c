"""The repeated-id check run beside the scan instead of before it.

Finding repeated ids reads and hashes the whole id column (:mod:`countycare.records.record_ids`):
run first, it adds its time to the scan's. Repeated ids are rare, so :class:`IdChecks` lets the
engine scan as if none repeated while the check runs on a second DuckDB connection in a
background thread; before the measures are finished, :meth:`IdChecks.settle` waits for it. When
an id does repeat, the views of that kind are made again with the number of copies of each id
and the engine scans that kind again: the guarantee (a repeated id never counted) is the same as
the check run first, and it costs a second scan only when the records are faulty.

Ids exported in order (a database key, a prefix and a sequence number) prove themselves unique
in one pass that compares each id with the next
(:func:`~countycare.records.record_ids.ids_in_order`), cheaper than hashing and sorting them;
only files whose ids are not in order are hashed.

The checks run one at a time (at most one pass of hashes in memory) and are interrupted when
the scan fails, so no thread outlives the run (an order check stops at its next batch of ids).

Examples
--------
>>> import duckdb, pyarrow as pa, pyarrow.parquet as pq, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "claims.parquet"
>>> pq.write_table(pa.table({"claim_id": ["c1", "c2", "c1"]}), path)
>>> con = duckdb.connect()
>>> typed = f"SELECT claim_id FROM read_parquet('{path}')"
>>> with IdChecks(con) as checks:
...     checks.defer(RecordKind.CLAIMS, [(f"read_parquet('{path}')", 3)], typed, typed)
...     changed = checks.settle()
>>> changed
{<RecordKind.CLAIMS: 'claims'>}
>>> con.execute("SELECT claim_id, __copies FROM rec_claims ORDER BY 1").fetchall()
[('c1', 2), ('c1', 2), ('c2', 1)]
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor, wait
from types import TracebackType
from typing import Any

import attrs

from countycare.records.record_ids import (
    UNIQUE_ID,
    exact_duplicates,
    ids_in_order,
    repeated_id_hashes,
    with_copies_sql,
)
from countycare.records.schemas import RecordKind

__all__ = ["IdChecks", "record_views"]


def record_views(con: Any, kind: RecordKind, typed: str, typed_rows: str) -> None:
    """Create the views ``rec_<kind>`` and ``rec_<kind>_rows`` (the records, and the records with
    each row's file and row number) from their queries."""
    con.execute(f"CREATE OR REPLACE TEMP VIEW rec_{kind.value} AS {typed}")
    con.execute(f"CREATE OR REPLACE TEMP VIEW rec_{kind.value}_rows AS {typed_rows}")


@attrs.frozen
class _Pending:
    """One kind's check under way (one task per group of files, so that a stopped check
    starts no further group), and what settling it needs: the typed queries before the column
    of copies is added, and what to do when no id repeats (remember the files)."""

    kind: RecordKind
    hashes: tuple[Future[list[int]], ...]
    typed: str
    typed_rows: str
    when_unique: Callable[[], None] | None


def _repeated_hashes(
    cursor: Any,
    kind: RecordKind,
    read: tuple[str, int],
    files: Sequence[str],
    stop: threading.Event,
) -> list[int]:
    """One read's repeated hashes; none, without hashing, when its files' ids are in order.
    ``stop`` (set when the checks are closed) ends the order check between two batches."""
    if files and ids_in_order(files, UNIQUE_ID[kind], stopped=stop.is_set):
        return []
    if stop.is_set():
        raise CancelledError
    return repeated_id_hashes(cursor, kind, [read])


class IdChecks:
    """Repeated-id checks deferred while the engine scans; a context manager that closes them.

    Parameters
    ----------
    con
        The engine's DuckDB connection: the checks run on a cursor of it (a second connection to
        the same database), the views are made on it.
    """

    def __init__(self, con: Any) -> None:
        self._con = con
        self._cursor: Any = None
        self._pool: ThreadPoolExecutor | None = None
        self._stop = threading.Event()
        self._pending: list[_Pending] = []

    def defer(
        self,
        kind: RecordKind,
        reads: Sequence[tuple[str, int]],
        typed: str,
        typed_rows: str,
        when_unique: Callable[[], None] | None = None,
        files: Sequence[Sequence[str]] = (),
    ) -> None:
        """Start the check of ``reads`` (sources and their rows,
        :func:`~countycare.records.record_ids.repeated_id_hashes`) and make the views of
        ``kind`` as if no id repeated; ``when_unique`` is called on settling if none does.
        ``files`` gives the Parquet files of each read, when known: a read whose ids are in
        order (:func:`~countycare.records.record_ids.ids_in_order`) is then not hashed."""
        if self._pool is None:
            self._stop = threading.Event()
            self._cursor = self._con.cursor()
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="countycare-ids")
        pool, cursor = self._pool, self._cursor
        of_read = list(files) or [()] * len(reads)
        hashes = tuple(
            pool.submit(_repeated_hashes, cursor, kind, read, read_files, self._stop)
            for read, read_files in zip(reads, of_read, strict=True)
        )
        self._pending.append(_Pending(kind, hashes, typed, typed_rows, when_unique))
        record_views(self._con, kind, with_copies_sql(kind, f"({typed})", None),
                     with_copies_sql(kind, f"({typed_rows})", None))  # fmt: skip

    def settle(self) -> set[RecordKind]:
        """Wait for every check; return the kinds where an id repeats, whose views now count the
        copies of each id (their scans must be run again). A check that failed raises here."""
        changed: set[RecordKind] = set()
        while self._pending:
            check = self._pending.pop(0)
            repeated = sorted({h for task in check.hashes for h in task.result()})
            name = f"dup_{check.kind.value}"
            found = (
                exact_duplicates(self._con, check.kind, f"({check.typed})", name, repeated)
                if repeated
                else None
            )
            if found is None:
                if check.when_unique is not None:
                    check.when_unique()
                continue
            record_views(self._con, check.kind,
                         with_copies_sql(check.kind, f"({check.typed})", found),
                         with_copies_sql(check.kind, f"({check.typed_rows})", found))  # fmt: skip
            changed.add(check.kind)
        return changed

    def close(self) -> None:
        """Stop the checks not settled (interrupting the one running) and end the thread."""
        tasks = [task for check in self._pending for task in check.hashes]
        self._stop.set()  # an order check under way ends at its next batch
        for task in tasks:
            task.cancel()
        while self._cursor is not None and tasks:
            self._cursor.interrupt()  # again until it lands: it misses a task between queries
            tasks = list(wait(tasks, timeout=0.05).not_done)
        if self._pool is not None:
            self._pool.shutdown(wait=True)
        if self._cursor is not None:
            self._cursor.close()
        self._pending.clear()
        self._pool = None
        self._cursor = None

    def __enter__(self) -> IdChecks:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
