"""Reporting periods parse, print and nest as the calendar says."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from countycare.errors import PeriodError
from countycare.periods import Period, PeriodKind


@pytest.mark.parametrize("text", ["2024", "2024Q1", "2024Q4", "2024-01", "2024-12"])
def test_round_trip_text(text: str) -> None:
    """A period prints as the text it was parsed from."""
    assert str(Period.parse(text)) == text


@pytest.mark.parametrize("text", ["24", "2024Q5", "2024-13", "2024-1", "Q1 2024", ""])
def test_malformed_periods_are_refused_with_the_text(text: str) -> None:
    """A malformed period raises PeriodError quoting it."""
    with pytest.raises(PeriodError, match=repr(text.strip())):
        Period.parse(text)


@pytest.mark.parametrize("text", ["1850", "0000", "2999Q1", "1024-03"])
def test_a_year_out_of_range_is_a_period_error_quoting_the_text(text: str) -> None:
    """'1850' is well formed but out of range: a PeriodError (a measures file reports it at its
    row), not attrs' bare ValueError, which escaped as a traceback."""
    with pytest.raises(PeriodError, match=f"period '{text}': year must lie between 1900 and 2200"):
        Period.parse(text)


def test_february_of_a_leap_year() -> None:
    """Period ends follow the calendar."""
    assert Period.parse("2024-02").end == dt.date(2024, 2, 29)
    assert Period.parse("2024").days == 366


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_a_date_lies_in_its_month_quarter_and_year(day: dt.date) -> None:
    """of_date gives periods that contain the date and nest in one another."""
    month = Period.of_date(day, PeriodKind.MONTH)
    quarter = Period.of_date(day, PeriodKind.QUARTER)
    year = Period.of_date(day, PeriodKind.YEAR)
    assert month.contains(day) and quarter.contains(month) and year.contains(quarter)
    assert month.next().previous() == month


@pytest.mark.parametrize("text", ["2024Q5", "1850", " 2024-13 ", "x" * 100])
def test_a_refused_period_is_refused_every_time(text: str) -> None:
    """Periods are read once and remembered: a refusal must not be remembered as a period."""
    for _ in range(2):
        with pytest.raises(PeriodError):
            Period.parse(text)


def test_a_remembered_period_is_the_period_however_written() -> None:
    """Spaces and an int reach the same period as its text."""
    assert Period.parse(" 2024-03 ") == Period.parse("2024-03") == Period.month(2024, 3)
    assert Period.parse(2024) is Period.parse("2024")
