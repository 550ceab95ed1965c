"""The truth value of a row's checks, without one ``coalesce`` around them all.

What these tests protect: :func:`~countycare.records.checks.ok_expression` makes NULL-safe only
the checks over a column allowed to be empty, relying on every other empty value failing its
own emptiness check. On rows with empty, wrong and right values in every column, of every kind
of record, it must equal the plain definition — no check true, a NULL check counting as passed
— and never be NULL: for all the row checks, for the checks the rows' facts leave live, and for
every check with ids and period. A new check over an optional column that is not marked
``optional`` fails here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from countycare.records.checks import ROW_CHECKS, Check, live_checks, ok_expression
from countycare.records.column_facts import arrow_facts
from countycare.records.record_ids import COPIES
from countycare.records.scan_context import ScanContext
from countycare.records.schemas import RecordKind, schema
from countycare.records.scope_checks import detail_checks

CTX = ScanContext("2024-01-01", "2024-12-31", "2024", ("i1", "i2"), ("a1",))

#: Texts that are a known code, an id of the context, or neither.
_TEXTS = ["outpatient", "inpatient", "completed", "imaging", "senior", "diabetes", "cancer",
          "0-4", "85+", "i1", "i2", "a1", "outside", "bogus", ""]  # fmt: skip
_DATES = [dt.date(2023, 12, 31), dt.date(2024, 1, 1), dt.date(2024, 6, 15), dt.date(2025, 1, 1)]
_FLOATS = [0.0, 5.0, 40.0, 100.0, -1.0, float("nan"), float("inf"), 2e9]
_INTS = [-1, 0, 50, 131, 2024, 2025]


def _values(field: pa.Field) -> st.SearchStrategy[Any]:
    """Empty, wrong and right values for one column, whatever the schema says of emptiness."""
    if pa.types.is_string(field.type):
        choices: list[Any] = _TEXTS
    elif pa.types.is_date(field.type):
        choices = _DATES
    elif pa.types.is_floating(field.type):
        choices = _FLOATS
    elif pa.types.is_boolean(field.type):
        choices = [True, False]
    else:
        choices = _INTS
    return st.one_of(st.none(), st.sampled_from(choices))


#: A row of each kind that passes every check: the rows drawn change some of its columns.
_GOOD: dict[RecordKind, dict[str, Any]] = {
    RecordKind.ENCOUNTERS: {
        "encounter_id": "e1", "patient_id": "p", "institution_id": "i1",
        "date": dt.date(2024, 6, 15), "setting": "inpatient", "tcm": False, "insured": True,
        "resident": True, "total_cost": 100.0, "fund_paid": 40.0,
        "discharge_date": dt.date(2025, 1, 1),
    },
    RecordKind.CLAIMS: {
        "claim_id": "c1", "patient_id": "p", "institution_id": "i2", "pharmacy": False,
        "date": dt.date(2024, 1, 1), "setting": "outpatient", "total_cost": 5.0,
        "fund_paid": 0.0,
    },
    RecordKind.POSTINGS: {
        "posting_id": "s1", "staff_id": "d", "home_institution_id": "i1",
        "host_institution_id": "i2", "title": "senior", "start_date": dt.date(2024, 1, 1),
        "end_date": dt.date(2024, 6, 15),
    },
    RecordKind.REMOTE_READS: {
        "read_id": "r1", "requesting_id": "i2", "reading_id": "i1",
        "date": dt.date(2024, 6, 15), "modality": "imaging",
    },
    RecordKind.CHRONIC_REGISTER: {
        "patient_id": "p", "condition": "diabetes", "institution_id": "i1",
        "enrolled": dt.date(2024, 1, 1), "exited": dt.date(2024, 6, 15),
    },
    RecordKind.DEATHS: {
        "death_id": "d1", "area_id": "a1", "date": dt.date(2024, 6, 15), "age": 50,
        "cause": "cancer",
    },
    RecordKind.POPULATION: {"area_id": "a1", "year": 2024, "age_band": "85+", "population": 50},
    RecordKind.REFERRALS: {
        "referral_id": "f1", "patient_id": "p", "from_id": "i1", "to_id": "outside",
        "date": dt.date(2024, 6, 15), "setting": "outpatient", "status": "completed",
    },
}  # fmt: skip


def _table(kind: RecordKind) -> st.SearchStrategy[pa.Table]:
    """Rows of ``kind``: the good row with any of its columns changed (empty, wrong or another
    right value), and the number of copies of its id."""
    fields = [f.with_nullable(True) for f in schema(kind)]
    changed = st.fixed_dictionaries({}, optional={f.name: _values(f) for f in fields}).map(
        lambda change: {**_GOOD[kind], **change}
    )
    nullable = pa.schema([*fields, pa.field(COPIES, pa.int64())])

    def build(rows: list[dict[str, Any]], copies: list[int]) -> pa.Table:
        return pa.Table.from_pylist(
            [{**r, COPIES: c} for r, c in zip(rows, copies, strict=True)], schema=nullable
        )

    return st.integers(1, 40).flatmap(
        lambda n: st.builds(
            build,
            st.lists(changed, min_size=n, max_size=n),
            st.lists(st.sampled_from([1, 1, 2]), min_size=n, max_size=n),
        )
    )


def _plain(checks: tuple[Check, ...]) -> str:
    """The definition: no check is true (one that is NULL passes)."""
    return "NOT coalesce(" + " OR ".join(f"({c.bad})" for c in checks) + ", false)"


def _agree(table: pa.Table, kind: RecordKind, checks: tuple[Check, ...]) -> None:
    con = duckdb.connect()
    con.register("t", table)
    rows = con.execute(f"SELECT {ok_expression(kind, checks)}, {_plain(checks)} FROM t").fetchall()
    assert all(ok is not None for ok, _ in rows)
    assert [ok for ok, _ in rows] == [plain for _, plain in rows]


@settings(max_examples=80, deadline=None)
@given(data=st.data(), kind=st.sampled_from(list(RecordKind)))
def test_ok_is_the_plain_definition_and_never_null(data: st.DataObject, kind: RecordKind) -> None:
    """All row checks, the checks the rows' own facts leave live, and the detail checks."""
    table = data.draw(_table(kind))
    facts = arrow_facts(table, table.column_names)
    _agree(table, kind, ROW_CHECKS[kind])
    _agree(table, kind, live_checks(kind, facts))
    _agree(table, kind, detail_checks(kind, CTX))


def _ok_of_one_row(kind: RecordKind, row: dict[str, Any], checks: tuple[Check, ...]) -> Any:
    """The flag of ``checks`` on one row of ``kind`` (its id held once)."""
    columns = pa.schema([*schema(kind), pa.field(COPIES, pa.int64())])
    con = duckdb.connect()
    con.register("t", pa.Table.from_pylist([{**row, COPIES: 1}], schema=columns))
    return con.execute(f"SELECT {ok_expression(kind, checks)} FROM t").fetchall()[0][0]


def test_the_good_rows_pass() -> None:
    """The rows the property test changes pass every check as they are."""
    for kind, row in _GOOD.items():
        assert _ok_of_one_row(kind, row, detail_checks(kind, CTX)) is True, kind


def test_an_optional_date_left_empty_passes() -> None:
    """A visit has no discharge date: the row is good, not NULL and not rejected."""
    visit = {**_GOOD[RecordKind.ENCOUNTERS], "setting": "outpatient", "discharge_date": None}
    kind = RecordKind.ENCOUNTERS
    assert _ok_of_one_row(kind, visit, ROW_CHECKS[kind]) is True
