"""Referral records: the canonical columns, their validation by row, and their aggregation.

A referral record has the columns :data:`COLUMNS`: ``referral_id, patient_id, from_id, to_id,
date, setting, status``; ``from_id`` or ``to_id`` may be :data:`countycare.OUTSIDE`. Records are
checked and counted in DuckDB, one scan, before any Python object is made: what comes back is the
edge list (one row per sender, receiver, setting and status) and the rejected rows.

Values are taken as they are: codes and ids must match exactly (``Inpatient`` or ``"lead "`` is
not ``inpatient`` or ``lead``), as everywhere in countycare. A row is rejected, with its reason
(:class:`RejectReason`), when a value is missing (empty), an institution is unknown, both ends
are outside the county, it is a self-referral, the date is not a date or lies outside the
requested periods, the setting or status is not of the vocabulary, or its ``referral_id`` was
already used by an earlier row. Rows accepted + rows rejected = rows read, always. Patient ids
are checked for presence only: their values never appear in a result or a message.

Examples
--------
>>> import pyarrow as pa
>>> from countycare.testing.networks import small_referral_county
>>> records = pa.table({
...     "referral_id": ["a", "b", "b"], "patient_id": ["p1", "p2", "p3"],
...     "from_id": ["t1-v1-c", "t1-c", "t1-c"], "to_id": ["lead", "t1-c", "lead"],
...     "date": ["2024-03-02", "2024-03-05", "2024-03-09"],
...     "setting": ["outpatient"] * 3, "status": ["completed"] * 3,
... })
>>> batch = aggregate_referrals(records, small_referral_county(), lenient=True)
>>> batch.summary.rows_read, batch.summary.rows_accepted, batch.summary.rows_rejected
(3, 1, 2)
>>> [str(p) for p in batch.summary.problems()]
["row 2, column to_id: self-referral: from_id and to_id are both 't1-c'", "row 3, column \
referral_id: duplicate referral_id 'b' (first in row 2)"]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from countycare.calls import calls_checked
from countycare.coerce.arguments import boundary
from countycare.coerce.fields import checked_fields
from countycare.coerce.values import count, name_arguments, refuse, text
from countycare.community import County, Membership
from countycare.errors import DataError, FieldError, Problem, row_message
from countycare.institutions import OUTSIDE
from countycare.io.text import arrow_message
from countycare.labels import BilingualEnum, CareSetting, ReferralStatus
from countycare.periods import Period
from countycare.records.validation import closing
from countycare.referrals.sources import open_table, source_name
from countycare.referrals.sql import (
    COUNTED,
    EDGES,
    REJECTIONS,
    SOURCE,
    WITHIN_EXISTS,
    WITHIN_JOINED,
    literals,
)

__all__ = [
    "COLUMNS",
    "AggregatedReferrals",
    "ReadSummary",
    "RejectReason",
    "aggregate_referrals",
    "county_tables",
]

#: The canonical columns of referral records, in order.
COLUMNS: tuple[str, ...] = (
    "referral_id",
    "patient_id",
    "from_id",
    "to_id",
    "date",
    "setting",
    "status",
)

#: How many row problems a strict read puts in its error before summing up the rest.
_STRICT_SHOWN = 5


class RejectReason(BilingualEnum):
    """Why a record was rejected."""

    MISSING_VALUE = ("missing_value", "A required value is missing", "缺少必填值")
    UNKNOWN_INSTITUTION = ("unknown_institution", "Unknown institution", "未知机构")
    BOTH_OUTSIDE = ("both_outside", "Both ends outside the county", "两端均在县外")
    SELF_REFERRAL = ("self_referral", "Self-referral", "自我转诊")
    BAD_DATE = ("bad_date", "Not a date", "日期无效")
    OUTSIDE_PERIOD = ("outside_period", "Date outside the requested period", "日期不在所选期间")
    UNKNOWN_SETTING = ("unknown_setting", "Unknown care setting", "未知就诊类型")
    UNKNOWN_STATUS = ("unknown_status", "Unknown status", "未知状态")
    DUPLICATE_ID = ("duplicate_id", "Duplicate referral_id", "转诊编号重复")


def _problems(rejections: pa.Table, limit: int | None) -> tuple[Problem, ...]:
    shown = rejections if limit is None else rejections.slice(0, limit)
    data = shown.to_pydict()
    return tuple(
        Problem(f"row {row}, column {column}", row_message(message))
        for row, column, message in zip(data["row"], data["column"], data["message"], strict=True)
    )


def _arrow_table(value: object) -> pa.Table:
    if not isinstance(value, pa.Table):
        raise refuse(None, "an Arrow table of the rejected rows", value)
    return value


@calls_checked
@attrs.frozen(eq=False, field_transformer=name_arguments)
class ReadSummary:
    """How the rows of one source were used: read, accepted, rejected (and why, by row).

    ``rejections`` is an Arrow table with the columns ``row, column, reason, message``, one row
    per rejected input row; it never contains a patient id.
    """

    source: str = attrs.field(converter=text)
    rows_read: int = attrs.field(converter=count)
    rows_accepted: int = attrs.field(converter=count)
    rejections: pa.Table = attrs.field(converter=_arrow_table)

    def __attrs_post_init__(self) -> None:
        if self.rows_accepted + self.rows_rejected != self.rows_read:  # no row dropped
            raise FieldError(
                "rows_read",
                f"{self.source}: {self.rows_accepted} accepted + {self.rows_rejected} rejected "
                f"!= {self.rows_read} read",
            )

    @property
    def rows_rejected(self) -> int:
        """The number of rejected rows."""
        return int(self.rejections.num_rows)

    def rejected_by_reason(self) -> dict[RejectReason, int]:
        """How many rows were rejected for each reason (reasons with none are left out)."""
        counts = self.rejections.group_by("reason").aggregate([("row", "count")]).to_pydict()
        pairs = zip(counts["reason"], counts["row_count"], strict=True)
        return {RejectReason(reason): int(n) for reason, n in sorted(pairs)}

    def problems(self, limit: int | None = None) -> tuple[Problem, ...]:
        """The rejected rows as problems (``row N, column C: reason``), the first ``limit``."""
        return _problems(self.rejections, limit)

    def bad_rows(self) -> int:
        """Rejected rows that are wrong, not just dated outside the period asked for."""
        return self.rows_rejected - self.rejected_by_reason().get(RejectReason.OUTSIDE_PERIOD, 0)

    def error(self, limit: int = _STRICT_SHOWN) -> DataError:
        """The wrong rows as one :class:`DataError`: the first ``limit``, then how many more,
        by reason (rows outside the period are not errors: the period chose them out)."""
        outside = RejectReason.OUTSIDE_PERIOD.value
        wrong = self.rejections.filter(pc.not_equal(self.rejections.column("reason"), outside))
        reasons = tuple(
            (reason.en.lower(), n)
            for reason, n in self.rejected_by_reason().items()
            if reason is not RejectReason.OUTSIDE_PERIOD
        )
        problems = list(_problems(wrong, limit))
        problems.append(
            Problem("$", closing(wrong.num_rows, len(problems), self.rows_read, reasons))
        )
        return DataError(problems, source=self.source, total=wrong.num_rows)


@calls_checked
@attrs.frozen(eq=False, field_transformer=checked_fields)
class AggregatedReferrals:
    """Accepted records counted by ``from_id, to_id, setting, status`` (``edges``), and how.

    ``edges`` has the columns ``from_id, to_id, setting, status, referrals, within_community``
    where ``within_community`` counts the referrals whose two ends belonged to the same medical
    community on the day of the referral.
    """

    edges: pa.Table
    summary: ReadSummary
    periods: tuple[Period, ...]


def county_tables(county: County) -> dict[str, pa.Table]:
    """The county as the small tables the SQL joins: ``institutions`` and ``memberships``."""
    ids = [i.id for i in county.institutions] + [OUTSIDE]
    memberships = [
        (m.institution, c.id, m.valid_from, m.valid_to)
        for c in county.communities
        for m in c.memberships
    ]
    return {
        "institutions": pa.table({"id": ids}),
        "memberships": pa.table(
            {
                "institution": pa.array([m[0] for m in memberships], pa.string()),
                "community": pa.array([m[1] for m in memberships], pa.string()),
                "valid_from": pa.array([m[2] for m in memberships], pa.date32()),
                "valid_to": pa.array([m[3] for m in memberships], pa.date32()),
            }
        ),
    }


def _memberships_overlap(county: County) -> bool:
    """Whether some institution holds two memberships (of any communities) on one day."""
    held: dict[str, list[Membership]] = {}
    for community in county.communities:
        for membership in community.memberships:
            held.setdefault(membership.institution, []).append(membership)
    return any(
        a.overlaps(b)
        for memberships in held.values()
        for i, a in enumerate(memberships)
        for b in memberships[i + 1 :]
    )


def _periods(period: Period | Sequence[Period] | None) -> tuple[Period, ...]:
    if period is None:
        return ()
    if isinstance(period, Period):
        return (period,)
    return tuple(sorted(set(period)))


def _connect(county: County) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for name, table in county_tables(county).items():
        con.register(name, table)
    return con


@boundary
def aggregate_referrals(
    source: Any,
    county: County,
    period: Period | Sequence[Period] | None = None,
    *,
    lenient: bool = False,
) -> AggregatedReferrals:
    """Check the referral records of ``source`` and count the accepted ones by edge, in DuckDB.

    Parameters
    ----------
    source
        A CSV or Parquet path, an Arrow table, or a pandas or polars DataFrame with the
        :data:`COLUMNS` (other columns are ignored).
    county
        The county whose institutions the ids refer to.
    period
        A period or several; a record dated outside all of them is rejected. None accepts any
        date.
    lenient
        Skip wrong rows and count them in the summary (read = accepted + rejected, by reason).
        By default a wrong row is an error: a :class:`DataError` naming the source, the first
        rows and columns, and how many more. Rows dated outside ``period`` are never an
        error: they are counted as rejected for that reason.

    Examples
    --------
    >>> from countycare.testing.networks import small_referral_county
    >>> from countycare.referrals.synthetic import synthetic_referrals
    >>> county = small_referral_county()
    >>> records = synthetic_referrals(county, Period.parse("2024"), 500, seed=1)
    >>> batch = aggregate_referrals(records, county, Period.parse("2024Q1"))
    >>> s = batch.summary
    >>> s.rows_read, s.rows_accepted + s.rows_rejected
    (500, 500)
    >>> sorted(reason.value for reason in s.rejected_by_reason())
    ['outside_period']
    """
    periods = _periods(period)
    name = source_name(source)
    table = open_table(source, COLUMNS)
    con = _connect(county)
    try:
        con.register("raw", table)
        con.execute(SOURCE)
        within = WITHIN_EXISTS if _memberships_overlap(county) else WITHIN_JOINED
        con.execute(
            COUNTED.format(within=within, **literals(periods)),
            {
                "period_text": ", ".join(str(p) for p in periods) or "-",
                "setting_codes": ", ".join(CareSetting.codes()),
                "status_codes": ", ".join(ReferralStatus.codes()),
            },
        )
        rejections = con.sql(REJECTIONS).to_arrow_table()
        edges = con.sql(EDGES).to_arrow_table()
    except duckdb.Error as exc:  # bytes Arrow let through (text that is not UTF-8): named
        reason = arrow_message(exc)
        raise DataError([Problem("$", f"cannot be read as records: {reason}")], name) from None
    finally:
        con.close()
    accepted = int(pc.sum(edges.column("referrals")).as_py() or 0)
    summary = ReadSummary(name, table.num_rows, accepted, rejections)
    if not lenient and summary.bad_rows():
        raise summary.error()
    return AggregatedReferrals(edges, summary, periods)
