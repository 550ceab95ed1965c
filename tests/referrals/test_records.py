"""Reading and checking referral records: every row accepted or rejected with its reason."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import attrs
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from countycare.community import MedicalCommunity, Membership
from countycare.errors import ArgumentError, DataError
from countycare.labels import MembershipRole, Name
from countycare.periods import Period
from countycare.referrals.direction import same_community
from countycare.referrals.records import RejectReason, aggregate_referrals
from countycare.referrals.synthetic import synthetic_referrals
from countycare.testing.networks import (
    referral_counties,
    referral_periods,
    referral_records,
    small_referral_county,
)

SECRET = "SECRET-PATIENT-4711"


def _table(rows: Sequence[tuple[str, ...]]) -> pa.Table:
    names = ["referral_id", "patient_id", "from_id", "to_id", "date", "setting", "status"]
    return pa.table({name: [r[i] for r in rows] for i, name in enumerate(names)})


BAD_ROWS = [
    ("r1", SECRET, "t1-v1-c", "lead", "2024-02-01", "outpatient", "completed"),  # fine
    ("r2", SECRET, "nowhere", "lead", "2024-02-01", "outpatient", "completed"),
    ("r3", SECRET, "t1-c", "t1-c", "2024-02-01", "outpatient", "completed"),
    ("r4", SECRET, "t1-c", "lead", "2023-12-31", "outpatient", "completed"),
    ("r1", SECRET, "t1-c", "lead", "2024-02-03", "outpatient", "completed"),
    ("r6", SECRET, "outside", "outside", "2024-02-03", "inpatient", "completed"),
    ("r7", SECRET, "t1-c", "lead", "31/02/2024", "inpatient", "completed"),
    ("r8", SECRET, "t1-c", "lead", "2024-02-03", "home", "completed"),
    ("r9", SECRET, "t1-c", "lead", "2024-02-03", "inpatient", "lost"),
    ("r10", "", "t1-c", "lead", "2024-02-03", "inpatient", "completed"),
]


def test_each_bad_row_is_named_with_its_reason() -> None:
    """Unknown institution, self-referral, date outside the period, duplicate id and the rest
    are each reported by row, and only the good row is counted."""
    batch = aggregate_referrals(
        _table(BAD_ROWS), small_referral_county(), Period.parse("2024Q1"), lenient=True
    )
    summary = batch.summary
    assert (summary.rows_read, summary.rows_accepted, summary.rows_rejected) == (10, 1, 9)
    reasons = dict(
        zip(*summary.rejections.select(["row", "reason"]).to_pydict().values(), strict=True)
    )
    assert reasons == {
        2: "unknown_institution",
        3: "self_referral",
        4: "outside_period",
        5: "duplicate_id",
        6: "both_outside",
        7: "bad_date",
        8: "unknown_setting",
        9: "unknown_status",
        10: "missing_value",
    }
    messages = [str(p) for p in summary.problems()]
    assert messages[0] == "row 2, column from_id: unknown institution 'nowhere'"
    assert "date 2023-12-31 is outside the period 2024Q1" in messages[2]
    assert "duplicate referral_id 'r1' (first in row 1)" in messages[3]
    assert summary.rejected_by_reason()[RejectReason.SELF_REFERRAL] == 1


def test_patient_ids_never_appear() -> None:
    """No message, summary or edge carries a patient id, whatever the row's fault."""
    batch = aggregate_referrals(
        _table(BAD_ROWS), small_referral_county(), Period.parse("2024Q1"), lenient=True
    )
    text = " ".join(str(v) for v in batch.summary.rejections.to_pylist())
    text += " ".join(str(v) for v in batch.edges.to_pylist())
    text += str(batch.summary.error())
    assert SECRET not in text
    assert "patient_id" not in batch.edges.column_names


def test_wrong_rows_raise_by_default_naming_rows() -> None:
    """By default a wrong row is an error: the first five rows and columns, then how many more
    by reason, then how to skip them; a row outside the period is not among them."""
    with pytest.raises(DataError) as caught:
        aggregate_referrals(_table(BAD_ROWS), small_referral_county(), Period.parse("2024Q1"))
    problems = caught.value.problems
    assert [p.path for p in problems[:5]] == [
        "row 2, column from_id",
        "row 3, column to_id",
        "row 5, column referral_id",
        "row 6, column to_id",
        "row 7, column date",
    ]
    assert problems[5].message.startswith("… and 3 more: 8 rows rejected of 10 read (")
    assert "period" not in problems[5].message
    assert problems[5].message.endswith("skip them with --lenient (lenient=True)")
    assert SECRET not in str(caught.value)


def test_a_cell_holding_other_rows_is_described_not_echoed() -> None:
    """A mangled CSV can carry several rows (patient ids and all) in one quoted cell: the
    problem names the row and column and describes the value's size instead of quoting it
    (found by the mutation suite once bad rows became errors by default)."""
    swallowed = f"completed\nr2,{SECRET},t1-c,lead,2024-02-01,outpatient,completed"
    rows = [("r1", SECRET, "t1-c", "lead", "2024-02-01", "outpatient", swallowed)]
    with pytest.raises(DataError) as caught:
        aggregate_referrals(_table(rows), small_referral_county(), Period.parse("2024Q1"))
    (first, *_) = caught.value.problems
    assert first.path == "row 1, column status"
    described = f"status (a value of {len(swallowed)} characters over 2 lines) is not one of"
    assert first.message.startswith(described)
    assert SECRET not in str(caught.value)


def test_rows_outside_the_period_are_not_errors() -> None:
    """Choosing a quarter of a year's records is not an error: the other rows are counted as
    rejected for being outside the period, and nothing raises."""
    county = small_referral_county()
    records = synthetic_referrals(county, Period.parse("2024"), 3000, seed=2)
    summary = aggregate_referrals(records, county, Period.parse("2024Q1")).summary
    assert summary.rows_rejected > 0
    assert set(summary.rejected_by_reason()) == {RejectReason.OUTSIDE_PERIOD}


def test_strict_error_is_capped_with_a_count() -> None:
    """An error on many wrong rows shows the first five and counts the rest (none unsaid)."""
    county = small_referral_county()
    records = synthetic_referrals(county, Period.parse("2024"), 3000, seed=2, defects=0.1)
    with pytest.raises(DataError) as caught:
        aggregate_referrals(records, county, Period.parse("2024"))
    problems = caught.value.problems
    summary = aggregate_referrals(records, county, Period.parse("2024"), lenient=True).summary
    assert summary.bad_rows() > 50
    assert len(problems) == 6
    assert problems[-1].message.startswith(
        f"… and {summary.bad_rows() - 5:,} more: {summary.bad_rows():,} rows rejected of 3,000 read"
    )


def test_missing_column_is_an_error_naming_the_source(tmp_path: Path) -> None:
    """A file without a canonical column is refused as a whole, naming file and column."""
    path = tmp_path / "r.csv"
    path.write_text("referral_id,from_id\nr1,lead\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        aggregate_referrals(path, small_referral_county(), lenient=True)
    assert caught.value.source == str(path)
    assert "missing column 'patient_id'" in str(caught.value)


def test_unknown_file_type_and_missing_file(tmp_path: Path) -> None:
    """Only CSV, TSV and Parquet paths are read; a missing file is named."""
    (tmp_path / "r.xlsx").write_text("x", encoding="utf-8")
    with pytest.raises(DataError, match=r"unknown file type '\.xlsx'"):
        aggregate_referrals(tmp_path / "r.xlsx", small_referral_county(), lenient=True)
    with pytest.raises(DataError, match="no such file"):
        aggregate_referrals(tmp_path / "none.csv", small_referral_county(), lenient=True)


def test_every_source_kind_gives_the_same_edges(tmp_path: Path) -> None:
    """CSV, Parquet, Arrow, pandas and polars inputs aggregate to the same edge list."""
    county = small_referral_county()
    records = synthetic_referrals(county, Period.parse("2024"), 700, seed=9, defects=0.05)
    pacsv.write_csv(records, tmp_path / "r.csv")
    pq.write_table(records, tmp_path / "r.parquet")
    sources = [
        records,
        tmp_path / "r.csv",
        str(tmp_path / "r.parquet"),
        records.to_pandas(),
        pl.from_arrow(records),
    ]
    results = [
        aggregate_referrals(s, county, Period.parse("2024Q2"), lenient=True) for s in sources
    ]
    first = results[0]
    for other in results[1:]:
        assert other.edges.equals(first.edges)
        assert other.summary.rejections.equals(first.summary.rejections)


def test_pandas_with_real_dates_and_extra_columns() -> None:
    """Typed dates, integer ids and extra columns in a DataFrame are fine; codes must be exact
    (``Inpatient`` is not a setting code, and says so)."""
    frame = pd.DataFrame(
        {
            "referral_id": [1, 2],
            "patient_id": ["a", "b"],
            "from_id": ["t1-c", "lead"],
            "to_id": ["lead", "outside"],
            "date": pd.to_datetime(["2024-05-01", "2024-05-02"]),
            "setting": ["Inpatient", "outpatient"],
            "status": ["completed", "pending"],
            "note": ["x", "y"],
        }
    )
    batch = aggregate_referrals(
        frame, small_referral_county(), Period.parse("2024-05"), lenient=True
    )
    assert batch.summary.rows_accepted == 1
    (problem,) = batch.summary.problems()
    assert str(problem) == (
        "row 1, column setting: setting 'Inpatient' is not one of outpatient, emergency, inpatient"
    )


def test_unsupported_source_is_refused() -> None:
    """A list of dicts is not a table: a library error names the argument and says what can be
    given (a wrong type at the boundary is an ArgumentError, as everywhere)."""
    with pytest.raises(ArgumentError, match="source: expected a CSV or Parquet path"):
        aggregate_referrals([{"referral_id": "r1"}], small_referral_county())


@settings(max_examples=25)
@given(st.data())
def test_rows_accepted_plus_rejected_is_rows_read(data: st.DataObject) -> None:
    """Whatever mix of good rows and spoiled rows, accepted + rejected = read."""
    county = data.draw(referral_counties())
    period = data.draw(referral_periods())
    seed = data.draw(st.integers(0, 10_000))
    defects = data.draw(st.sampled_from([0.0, 0.1, 0.5]))
    n = data.draw(st.integers(0, 300))
    records = synthetic_referrals(county, period, n, seed=seed, defects=defects)
    summary = aggregate_referrals(records, county, period, lenient=True).summary
    assert summary.rows_read == n
    assert summary.rows_accepted + summary.rows_rejected == n
    assert sum(summary.rejected_by_reason().values()) == summary.rows_rejected


@settings(max_examples=25)
@given(st.data())
def test_within_community_matches_the_county_model(data: st.DataObject) -> None:
    """The engine's count of referrals staying in one community agrees with
    :func:`same_community` on every record, including members that join mid-year."""
    county = data.draw(referral_counties())
    period = data.draw(st.sampled_from([Period.parse("2024"), Period.parse("2024Q3")]))
    records = data.draw(referral_records(county, period, max_size=30))
    batch = aggregate_referrals(records, county, period, lenient=True)
    expected = sum(
        same_community(county, r["from_id"], r["to_id"], r["date"]) for r in records.to_pylist()
    )
    assert sum(batch.edges.column("within_community").to_pylist()) == expected


def test_no_period_accepts_any_date() -> None:
    """Without a period, dates are only checked to be dates."""
    rows = [("a", "p", "t1-c", "lead", "1999-01-01", "outpatient", "completed")]
    batch = aggregate_referrals(_table(rows), small_referral_county(), lenient=True)
    assert batch.summary.rows_accepted == 1
    assert batch.periods == ()
    # 1999 is before the community was founded (2017): the referral stayed in none.
    assert batch.edges.column("within_community").to_pylist() == [0]


def test_an_institution_in_two_communities_at_once_is_counted_once() -> None:
    """Overlapping memberships (a validation warning, not an error) must not count a referral
    twice: the record is one referral, inside a community because one holds both ends."""
    county = small_referral_county()
    second = MedicalCommunity(
        "second",
        Name("Second group", "第二集团"),
        "tcm",
        (
            Membership("tcm", MembershipRole.LEAD),
            Membership("t1-c", MembershipRole.MEMBER),
        ),
    )
    county = attrs.evolve(county, communities=(*county.communities, second))
    rows = [
        ("a", "p", "t1-c", "tcm", "2024-03-01", "outpatient", "completed"),
        ("b", "p", "t1-c", "priv", "2024-03-01", "outpatient", "completed"),
    ]
    batch = aggregate_referrals(_table(rows), county, Period.parse("2024"), lenient=True)
    assert batch.summary.rows_accepted == 2
    assert batch.edges.column("referrals").to_pylist() == [1, 1]
    assert batch.edges.column("within_community").to_pylist() == [0, 1]


def test_a_ragged_csv_row_is_named_by_line_without_its_text(tmp_path: Path) -> None:
    """A row with too many values fails the file, naming its line and the counts, but never
    echoing the row (it holds a patient id), as the CSV parser's own message would."""
    path = tmp_path / "ragged.csv"
    path.write_text(
        "referral_id,patient_id,from_id,to_id,date,setting,status\n"
        "r1,p1,t1-c,lead,2024-02-01,outpatient,completed\n"
        f"r2,{SECRET},t1-c,lead,2024-02-01,outpatient,completed,extra\n"
    )
    with pytest.raises(DataError) as caught:
        aggregate_referrals(path, small_referral_county(), lenient=True)
    text = str(caught.value)
    assert SECRET not in text
    assert caught.value.problems[0].path == "row 3"
    assert "expected 7 columns, got 8" in text
