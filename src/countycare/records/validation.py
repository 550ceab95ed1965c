"""Validation reports: rows read, used and rejected, and where and why rows were rejected.

Every row read is either used or rejected (``used + rejected == read``). The engines count both
in their one scan (:mod:`countycare.records.stage1`); only when rows were rejected does a second,
detailed pass name them, ``FILE: row N, column C: reason`` (the row is 1-based within its file),
and count them by reason. Patient ids are never quoted. By default a report with rejected rows is
raised as a :class:`~countycare.errors.DataError` (:func:`refuse_rejected`); in lenient mode the
rows are skipped and the report says how many, and why.

Examples
--------
>>> r = ValidationReport(RecordKind.ENCOUNTERS, read=10, used=9,
...                      by_reason=(("total_cost is negative", 1),))
>>> r.rejected, r.ok
(1, False)
>>> print(r.summary())
encounters: 10 rows read, 9 used, 1 rejected (total_cost is negative: 1)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from countycare.calls import calls_checked
from countycare.coerce.values import count, name_arguments, vocabulary
from countycare.errors import DataError, FieldError, Problem, row_message
from countycare.records.scan_context import ScanContext
from countycare.records.schemas import RecordKind
from countycare.records.scope_checks import checked_rows, detail_checks

__all__ = [
    "SHOWN",
    "Rejections",
    "ValidationReport",
    "closing",
    "counts_sql",
    "detail_problems",
    "raise_if_strict",
    "refuse_rejected",
]

#: How many rejected rows the error of a strict run names before it counts the rest.
SHOWN = 5

#: The rejected rows of one kind, located (the first few) and counted by reason.
Rejections = tuple[tuple[Problem, ...], tuple[tuple[str, int], ...]]


def _used_le_read(instance: ValidationReport, attribute: attrs.Attribute[int], value: int) -> None:
    if not 0 <= value <= instance.read:
        raise FieldError("used", f"used ({value!r}) must be between 0 and read ({instance.read!r})")


def _kind(value: object) -> RecordKind:
    return vocabulary(RecordKind, value)


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class ValidationReport:
    """The outcome of checking one kind of record."""

    kind: RecordKind = attrs.field(converter=_kind)
    read: int = attrs.field(converter=count)
    used: int = attrs.field(converter=count, validator=_used_le_read)
    problems: tuple[Problem, ...] = ()
    source: str | None = None
    #: Rejected rows by reason (the reason without values), most frequent first.
    by_reason: tuple[tuple[str, int], ...] = ()

    @property
    def rejected(self) -> int:
        """Rows rejected: ``read - used``."""
        return self.read - self.used

    @property
    def ok(self) -> bool:
        """Whether every row was used."""
        return self.rejected == 0

    def summary(self) -> str:
        """One line: rows read, used and rejected, and the reasons of the rejected rows."""
        reasons = "; ".join(f"{why}: {n:,}" for why, n in self.by_reason)
        return (
            f"{self.kind.value}: {self.read} rows read, {self.used} used, {self.rejected} rejected"
            + (f" ({reasons})" if reasons else "")
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the kind, rows read, used and rejected, the source and the problems."""
        return {
            "kind": self.kind.value,
            "source": self.source,
            "read": self.read,
            "used": self.used,
            "rejected": self.rejected,
            "rejected_by_reason": dict(self.by_reason),
            "problems": [p.to_dict() for p in self.problems],
        }

    def own_problems(self) -> tuple[Problem, ...]:
        """The problems, without their file where it is the report's one source.

        A problem names its file (``FILE: row N, column C``) for records read from several
        files; where ``source`` is that one file, the line need not say it twice.
        """
        prefix = f"{self.source}: "
        return tuple(
            attrs.evolve(p, path=p.path.removeprefix(prefix)) if self.source else p
            for p in self.problems
        )

    def lines(self) -> list[str]:
        """Each problem as one line naming its file."""
        return [p.located(self.source) for p in self.own_problems()]

    def as_error(self) -> DataError:
        """The problems as a :class:`DataError` naming the source."""
        return DataError(self.own_problems(), source=self.source)


def counts_sql(table: str) -> str:
    """Rows read and used, from a table of partial sums with ``n_read, n_bad, key_ok``."""
    return (
        f"SELECT coalesce(sum(n_read), 0), coalesce(sum(CASE WHEN key_ok "
        f"THEN n_read - n_bad ELSE 0 END), 0) FROM {table}"
    )


def detail_problems(con: Any, kind: RecordKind, ctx: ScanContext, limit: int = 20) -> Rejections:
    """The first ``limit`` rejected rows of ``rec_<kind>_rows`` (row, column and reason) and
    the count of rejected rows by reason.

    Runs only when the one scan counted rejected rows: the fast path never pays for it.
    """
    checks = detail_checks(kind, ctx)
    column = " ".join(f"WHEN coalesce(({c.bad}), false) THEN '{c.column}'" for c in checks)
    reason = " ".join(f"WHEN coalesce(({c.bad}), false) THEN {c.reason}" for c in checks)
    label = " ".join(f"WHEN coalesce(({c.bad}), false) THEN {n}" for n, c in enumerate(checks))
    rows = checked_rows(kind, ctx, f"rec_{kind.value}_rows")
    sql = (
        f"SELECT __file, __row, __column, __reason FROM (SELECT __file, __row, "
        f"CASE {column} END AS __column, CASE {reason} END AS __reason "
        f"FROM {rows}) WHERE __reason IS NOT NULL "
        f"ORDER BY __file NULLS FIRST, __row LIMIT {int(limit)}"
    )
    problems = []
    for file, row, col, why in con.execute(sql).fetchall():
        where = f"{file}: " if file else ""
        problems.append(Problem(f"{where}row {row}, column {col}", row_message(str(why))))
    counted = con.execute(
        f"SELECT __check, count(*) FROM (SELECT CASE {label} END AS __check FROM {rows}) "
        "WHERE __check IS NOT NULL GROUP BY __check"
    ).fetchall()
    by_reason: dict[str, int] = {}
    for number, n in counted:
        what = checks[int(number)].what
        by_reason[what] = by_reason.get(what, 0) + int(n)
    ranked = sorted(by_reason.items(), key=lambda item: (-item[1], item[0]))
    return tuple(problems), tuple(ranked)


def refuse_rejected(report: ValidationReport, lenient: bool = False) -> None:
    """Unless ``lenient``, raise a report with rejected rows as one :class:`DataError`.

    The error names the source and the first :data:`SHOWN` rejected rows (file, row, column,
    reason; never a patient id or a whole row), then how many more, by reason.
    """
    if lenient or report.ok:
        return
    shown = report.own_problems()[:SHOWN]
    raise DataError(
        [*shown, Problem(report.kind.value, closing(report.rejected, len(shown), report.read,
                                                    report.by_reason))],
        source=report.source,
        total=report.rejected,  # the closing line is no problem of its own
    )  # fmt: skip


def closing(rejected: int, shown: int, read: int, by_reason: tuple[tuple[str, int], ...]) -> str:
    """The last line of a refusal: how many more rows than those shown, by reason, and how to
    skip them.

    >>> closing(12, 5, 40, (("total_cost is negative", 8), ("unknown setting", 4)))
    '… and 7 more: 12 rows rejected of 40 read (total_cost is negative: 8; unknown setting: 4); \
fix them, or skip them with --lenient (lenient=True)'
    """
    reasons = "; ".join(f"{why}: {n:,}" for why, n in by_reason)
    return (
        (f"… and {rejected - shown:,} more: " if rejected > shown else "")
        + f"{rejected:,} {'row' if rejected == 1 else 'rows'} rejected of {read:,} read"
        + (f" ({reasons})" if reasons else "")
        + "; fix them, or skip them with --lenient (lenient=True)"
    )


def raise_if_strict(report: ValidationReport, strict: bool) -> None:
    """In strict mode, raise a report with rejected rows (see :func:`refuse_rejected`)."""
    refuse_rejected(report, lenient=not strict)


#: How an engine locates and counts the rejected rows of one kind (see :func:`detail_problems`).
Detail = Callable[[RecordKind], Rejections]
