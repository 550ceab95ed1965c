"""Row checks of each kind of record, as SQL that both DuckDB and Spark run.

A :class:`Check` is a column, a condition that is true when the row is bad, and the reason
(itself an SQL expression, so it can quote the offending value). Checks run in order and the
first that fails is the row's reason, so each rejected row is counted once. Patient ids are
checked for presence only and never quoted.

These are the checks a row can fail by itself. The checks against the run's scope — its ids in
the county model, its date in the period — are in :mod:`countycare.records.scope_checks`.

A check that the statistics of its column rule out (no empty value in a Parquet footer or an
Arrow array; every amount between 0 and the limit) cannot fail on any row: the one scan leaves it
out (:func:`live_checks`), and does not read a column only it needed. The report of rejected
rows always makes every check.

Examples
--------
>>> [c.column for c in ROW_CHECKS[RecordKind.ENCOUNTERS]][:4]
['encounter_id', 'encounter_id', 'patient_id', 'institution_id']
>>> ROW_CHECKS[RecordKind.ENCOUNTERS][1].bad
'__copies > 1'
>>> ok_expression(RecordKind.DEATHS).startswith("NOT ((death_id IS NULL)")
True
>>> facts = {"encounter_id": ColumnFacts(nulls=0), "__copies": ColumnFacts(0, 1, 1)}
>>> [c.bad for c in live_checks(RecordKind.ENCOUNTERS, facts)][:2]
['patient_id IS NULL', 'institution_id IS NULL']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from countycare.labels import CareSetting, ReferralStatus
from countycare.records.column_facts import ColumnFacts
from countycare.records.record_ids import COPIES
from countycare.records.scan_context import (
    sql_text,
)
from countycare.records.schemas import (
    AGE_BANDS_ALL,
    ChronicCondition,
    DeathCause,
    ReadModality,
    RecordKind,
    StaffTitle,
)

__all__ = ["MAX_AMOUNT", "ROW_CHECKS", "Check", "live_checks", "ok_expression", "quoted_value"]


@attrs.frozen
class Check:
    """One row check: ``bad`` is an SQL condition true for a bad row; ``reason`` an SQL string.

    ``label`` names the reason without any value, for counting rejected rows by reason; when
    empty, ``reason`` is a plain SQL string and is its own label (see :attr:`what`).
    ``ruled_out`` says when the facts of the column ``facts_of`` (default ``column``) show that
    no row can fail (see :func:`live_checks`); None: only each row can tell.
    ``optional`` marks a check that reads a column allowed to be empty (an optional date): its
    ``bad`` is then NULL on a good row, and :func:`ok_expression` counts that as passing.
    """

    column: str
    bad: str
    reason: str
    label: str = ""
    ruled_out: Callable[[ColumnFacts], bool] | None = attrs.field(default=None, eq=False)
    facts_of: str = ""
    optional: bool = False

    @property
    def what(self) -> str:
        """The reason without values: ``label``, or the text of a literal ``reason``."""
        if self.label:
            return self.label
        if self.reason.startswith("'") and self.reason.endswith("'"):
            return self.reason[1:-1].replace("''", "'")
        return f"{self.column} rejected"


def _no_nulls(facts: ColumnFacts) -> bool:
    return facts.nulls == 0


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _at_least(bound: float) -> Callable[[ColumnFacts], bool]:
    return lambda f: _number(f.low) and bool(f.low >= bound)


def _at_most(bound: float) -> Callable[[ColumnFacts], bool]:
    return lambda f: _number(f.high) and bool(f.high <= bound)


def quoted_value(column: str) -> str:
    """SQL text of the row's value of ``column`` in quotes, for a reason that shows it."""
    return f"concat('''', CAST({column} AS STRING), '''')"


def _empty(column: str, what: str = "") -> Check:
    return Check(
        column, f"{column} IS NULL", sql_text(f"{column} is empty{what}"), ruled_out=_no_nulls
    )


def _one_of(column: str, codes: list[str], what: str) -> Check:
    listed = ", ".join(sql_text(c) for c in codes)
    return Check(
        column,
        f"{column} IS NULL OR {column} NOT IN ({listed})",
        f"concat('unknown {what} ', coalesce({quoted_value(column)}, '(empty)'))",
        f"unknown {what}",
    )


def _non_negative(column: str) -> list[Check]:
    return [
        _empty(column, " or not a number"),
        Check(
            column,
            f"{column} < 0",
            f"concat('{column} is negative: ', CAST({column} AS STRING))",
            f"{column} is negative",
            _at_least(0),
        ),
    ]


#: The largest amount one record may hold, in yuan (one billion, 10 亿元): anything above, and
#: infinity, is an error of the source, and would overflow the exact sums to the fen.
MAX_AMOUNT = 1_000_000_000


def _amount(column: str) -> list[Check]:
    """Money: present, a number (not NaN), not negative, not above :data:`MAX_AMOUNT`."""
    return [
        *_non_negative(column),
        Check(column, f"isnan({column})", sql_text(f"{column} is not a number (NaN)")),
        Check(
            column,
            f"{column} > {MAX_AMOUNT}",
            f"concat('{column} ', CAST({column} AS STRING), ' is above {MAX_AMOUNT} yuan')",
            f"{column} is above {MAX_AMOUNT} yuan",
            _at_most(MAX_AMOUNT),
        ),
    ]


def _unique(column: str) -> Check:
    # The id is not quoted: some systems build record ids from patient ids. Each copy is
    # reported with its own row, which is how to find it.
    return Check(
        column,
        f"{COPIES} > 1",
        f"concat('{column} repeated: the same id is on ', CAST({COPIES} AS STRING), ' rows')",
        f"{column} repeated",
        _at_most(1),  # the registered view says so when no id repeats (or the check is waived)
        COPIES,
    )


def _flag(column: str) -> Check:
    return _empty(column, " or not true/false")


_SETTINGS = [s.value for s in CareSetting]
_DATE = " or not a date"

ROW_CHECKS: Mapping[RecordKind, tuple[Check, ...]] = {
    RecordKind.ENCOUNTERS: (
        _empty("encounter_id"),
        _unique("encounter_id"),
        _empty("patient_id"),
        _empty("institution_id"),
        _empty("date", _DATE),
        _one_of("setting", _SETTINGS, "setting"),
        _flag("tcm"),
        _flag("insured"),
        _flag("resident"),
        *_amount("total_cost"),
        *_amount("fund_paid"),
        Check(
            "fund_paid",
            "fund_paid > total_cost",
            "concat('fund_paid ', CAST(fund_paid AS STRING), ' exceeds total_cost ', "
            "CAST(total_cost AS STRING))",
            "fund_paid exceeds total_cost",
        ),
        Check(
            "discharge_date",
            "discharge_date < date",
            "concat('discharge_date ', CAST(discharge_date AS STRING), ' is before date ', "
            "CAST(date AS STRING))",
            "discharge_date is before date",
            optional=True,  # empty for a visit
        ),
    ),
    RecordKind.CLAIMS: (
        _empty("claim_id"),
        _unique("claim_id"),
        _empty("patient_id"),
        _empty("institution_id"),
        _flag("pharmacy"),
        _empty("date", _DATE),
        _one_of("setting", _SETTINGS, "setting"),
        *_amount("total_cost"),
        *_amount("fund_paid"),
        Check(
            "fund_paid",
            "fund_paid > total_cost",
            "concat('fund_paid ', CAST(fund_paid AS STRING), ' exceeds total_cost ', "
            "CAST(total_cost AS STRING))",
            "fund_paid exceeds total_cost",
        ),
    ),
    RecordKind.REFERRALS: (
        _empty("referral_id"),
        _unique("referral_id"),
        _empty("patient_id"),
        _empty("from_id"),
        _empty("to_id"),
        _empty("date", _DATE),
        _one_of("setting", _SETTINGS, "setting"),
        _one_of("status", [s.value for s in ReferralStatus], "status"),
    ),
    RecordKind.REMOTE_READS: (
        _empty("read_id"),
        _unique("read_id"),
        _empty("requesting_id"),
        _empty("reading_id"),
        _empty("date", _DATE),
        _one_of("modality", [m.value for m in ReadModality], "modality"),
    ),
    RecordKind.POSTINGS: (
        _empty("posting_id"),
        _unique("posting_id"),
        _empty("staff_id"),
        _empty("home_institution_id"),
        _empty("host_institution_id"),
        _one_of("title", [t.value for t in StaffTitle], "title"),
        _empty("start_date", _DATE),
        _empty("end_date", _DATE),
        Check(
            "end_date",
            "end_date < start_date",
            "concat('end_date ', CAST(end_date AS STRING), ' is before start_date ', "
            "CAST(start_date AS STRING))",
            "end_date is before start_date",
        ),
    ),
    RecordKind.CHRONIC_REGISTER: (
        _empty("patient_id"),
        _one_of("condition", [c.value for c in ChronicCondition], "condition"),
        _empty("institution_id"),
        _empty("enrolled", _DATE),
        Check(
            "exited",
            "exited < enrolled",
            "concat('exited ', CAST(exited AS STRING), ' is before enrolled ', "
            "CAST(enrolled AS STRING))",
            "exited is before enrolled",
            optional=True,  # empty while the patient is managed
        ),
    ),
    RecordKind.DEATHS: (
        _empty("death_id"),
        _unique("death_id"),
        _empty("area_id"),
        _empty("date", _DATE),
        _empty("age", " or not a whole number"),
        Check(
            "age",
            "age < 0 OR age > 130",
            "concat('age out of range: ', CAST(age AS STRING))",
            "age out of range",
            lambda f: _at_least(0)(f) and _at_most(130)(f),
        ),
        _one_of("cause", [c.value for c in DeathCause], "cause"),
    ),
    RecordKind.POPULATION: (
        _empty("area_id"),
        _empty("year", " or not a whole number"),
        _one_of("age_band", list(AGE_BANDS_ALL), "age band"),
        *_non_negative("population"),
    ),
}


def ok_expression(kind: RecordKind, checks: tuple[Check, ...] | None = None) -> str:
    """An SQL boolean, never NULL: true when no check of ``kind`` fails for the row.

    A check's condition is NULL only where a column it reads is empty. An empty column that
    must be filled fails its own emptiness check, which makes the disjunction true whatever
    the others give; so only the checks over a column allowed to be empty (``optional``) are
    made NULL-safe, each by its own ``coalesce``. That is the truth value of one ``coalesce``
    around the whole disjunction, at less work: DuckDB's ``coalesce`` over every row cost 0.19
    to 0.27 CPU-s per 10 million encounters (the expression alone; the whole scan). ``checks``
    must therefore keep each column's emptiness check unless the column is known to hold no
    empty value, as :func:`live_checks` and :func:`~countycare.records.scope_checks.detail_checks`
    do.
    """
    chosen = ROW_CHECKS[kind] if checks is None else checks
    if not chosen:
        return "true"
    parts = (f"coalesce(({c.bad}), false)" if c.optional else f"({c.bad})" for c in chosen)
    return "NOT (" + " OR ".join(parts) + ")"


def live_checks(kind: RecordKind, facts: Mapping[str, ColumnFacts]) -> tuple[Check, ...]:
    """The row checks of ``kind`` that some row could fail, given the ``facts`` of its columns
    (:mod:`countycare.records.column_facts`): the others cannot reject a row."""
    return tuple(
        c
        for c in ROW_CHECKS[kind]
        if c.ruled_out is None
        or (c.facts_of or c.column) not in facts
        or not c.ruled_out(facts[c.facts_of or c.column])
    )
