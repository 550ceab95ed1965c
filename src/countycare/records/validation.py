"""Validation reports: rows read, used and rejected, and where and why rows were rejected.

Every row read is either used or rejected (``used + rejected == read``). The engines count both
in their one scan (:mod:`countycare.records.stage1`); only when rows were rejected does a second,
detailed pass name them: ``row N, column C: reason`` (the row is 1-based within its file). Patient
ids are never quoted. In strict mode the first report is raised as a
:class:`~countycare.errors.DataError`.

Examples
--------
>>> r = ValidationReport(RecordKind.ENCOUNTERS, read=10, used=9)
>>> r.rejected, r.ok
(1, False)
>>> print(r.summary())
encounters: 10 rows read, 9 used, 1 rejected
"""

from __future__ import annotations

from typing import Any

import attrs

from countycare.errors import DataError, Problem
from countycare.records.checks import ScanContext, checked_rows, detail_checks
from countycare.records.schemas import RecordKind

__all__ = ["ValidationReport", "counts_sql", "detail_problems", "raise_if_strict"]


def _used_le_read(instance: ValidationReport, attribute: attrs.Attribute[int], value: int) -> None:
    if not 0 <= value <= instance.read:
        raise ValueError(f"used ({value!r}) must be between 0 and read ({instance.read!r})")


@attrs.frozen
class ValidationReport:
    """The outcome of checking one kind of record."""

    kind: RecordKind
    read: int
    used: int = attrs.field(validator=_used_le_read)
    problems: tuple[Problem, ...] = ()
    source: str | None = None

    @property
    def rejected(self) -> int:
        """Rows rejected: ``read - used``."""
        return self.read - self.used

    @property
    def ok(self) -> bool:
        """Whether every row was used."""
        return self.rejected == 0

    def summary(self) -> str:
        """One line: rows read, used and rejected."""
        return (
            f"{self.kind.value}: {self.read} rows read, {self.used} used, {self.rejected} rejected"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the kind, rows read, used and rejected, the source and the problems."""
        return {
            "kind": self.kind.value,
            "source": self.source,
            "read": self.read,
            "used": self.used,
            "rejected": self.rejected,
            "problems": [p.to_dict() for p in self.problems],
        }

    def as_error(self) -> DataError:
        """The problems as a :class:`DataError` naming the source."""
        return DataError(self.problems, source=self.source)


def counts_sql(table: str) -> str:
    """Rows read and used, from a table of partial sums with ``n_read, n_bad, key_ok``."""
    return (
        f"SELECT coalesce(sum(n_read), 0), coalesce(sum(CASE WHEN key_ok "
        f"THEN n_read - n_bad ELSE 0 END), 0) FROM {table}"
    )


def detail_problems(
    con: Any, kind: RecordKind, ctx: ScanContext, limit: int = 20
) -> tuple[Problem, ...]:
    """The first ``limit`` rejected rows of ``rec_<kind>_rows``: row, column and reason."""
    checks = detail_checks(kind, ctx)
    column = " ".join(f"WHEN coalesce(({c.bad}), false) THEN '{c.column}'" for c in checks)
    reason = " ".join(f"WHEN coalesce(({c.bad}), false) THEN {c.reason}" for c in checks)
    sql = (
        f"SELECT __file, __row, __column, __reason FROM (SELECT __file, __row, "
        f"CASE {column} END AS __column, CASE {reason} END AS __reason "
        f"FROM {checked_rows(kind, ctx, f'rec_{kind.value}_rows')}) WHERE __reason IS NOT NULL "
        f"ORDER BY __file NULLS FIRST, __row LIMIT {int(limit)}"
    )
    problems = []
    for file, row, col, why in con.execute(sql).fetchall():
        where = f"{file}: " if file else ""
        problems.append(Problem(f"{where}row {row}, column {col}", str(why)))
    return tuple(problems)


def raise_if_strict(report: ValidationReport, strict: bool) -> None:
    """In strict mode, raise the first problem of a report with rejected rows."""
    if strict and not report.ok:
        first = report.problems[:1] or (
            Problem(report.kind.value, f"{report.rejected} rows rejected"),
        )
        raise DataError(first, source=report.source)
