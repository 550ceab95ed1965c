"""Forms a caller naturally has: a year as a number, rows that are not quite right, one code
where codes are asked, a province as its file."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from countycare.coerce.arguments import boundary
from countycare.errors import ArgumentError, CountyCareError
from countycare.indicators import MeasureTable, combine, evaluate, evaluate_many, indicator_set
from countycare.indicators.baselines import evaluate_baseline
from countycare.periods import Period

SHARE = indicator_set("nhc-2024").get("primary_visit_share")
TABLE = MeasureTable.from_rows(
    [("c", "2024", "visits_primary", "", 5.0), ("c", "2024", "visits", "", 10.0)]
)


@pytest.mark.parametrize("year", [2024, np.int64(2024), np.int32(2024), Period.parse("2024")])
def test_a_period_given_as_a_year_number_or_a_period(year: object) -> None:
    """``evaluate(…, period=2024)`` was refused ("expected text"), though a year is a number to
    most callers and ``read_measures`` reads 2024 in a period column; a parameter named for a
    period now takes a year number (numpy's too) or a ``Period`` as its text."""
    value = evaluate(SHARE, TABLE, "c", year)  # type: ignore[arg-type]
    assert value.value == 50.0 and value.period == "2024"
    assert combine(evaluate_many(SHARE, TABLE, ["c"], ["2024"]), "c", year).period == "2024"  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [True, 2024.5, [2024], 1800])
def test_what_is_not_a_period_is_still_refused(bad: object) -> None:
    """A bool, a fraction, a list or a year outside the calendar the library knows is a
    library error naming the argument."""
    with pytest.raises(CountyCareError, match="period"):
        evaluate(SHARE, TABLE, "c", bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("given", "text"),
    [(pd.Period("2024", "Y"), "2024"), (pd.Period("2024Q1", "Q"), "2024Q1"),
     (pd.Period("2024-03", "M"), "2024-03")],
)  # fmt: skip
def test_a_pandas_period_of_the_calendar_is_a_period(given: object, text: str) -> None:
    """A pandas ``Period`` of a calendar year, quarter or month is the same period, as an
    argument and in a measures frame's column (where Arrow kept only its ordinal: 2024Q1 was
    read as period '216' and refused)."""
    from countycare import read_measures
    from countycare.coerce import period

    assert str(period(given, "period")) == text
    frame = pd.DataFrame(
        {"scope": ["c"], "period": pd.Series([given]), "measure": ["visits"], "value": [10.0]}
    )
    assert str(frame["period"].dtype).startswith("period[")
    assert read_measures(frame).get("c", text, "visits") == 10.0


@pytest.mark.parametrize("given", [pd.Period("2024Q1", "Q-MAR"), pd.Period("2024-03-01", "D")])
def test_a_pandas_period_of_another_kind_is_refused(given: object) -> None:
    """A fiscal quarter (``Q-MAR``: 2024Q1 is April to June 2023) or a day is no period of the
    library: refused by name, never read as the calendar quarter of the same label."""
    from countycare import read_measures
    from countycare.errors import DataError

    with pytest.raises(ArgumentError, match="a period of a calendar year, quarter or month"):
        evaluate(SHARE, TABLE, "c", given)  # type: ignore[arg-type]
    frame = pd.DataFrame(
        {"scope": ["c"], "period": pd.Series([given]), "measure": ["visits"], "value": [10.0]}
    )
    with pytest.raises(DataError, match=r"column period: period '.*\(.+\)'"):
        read_measures(frame)


def test_a_baseline_period_as_a_number() -> None:
    """The other period parameters (``baseline_period``, ``current_period``) convert too."""
    value = evaluate_baseline(SHARE, TABLE, "c", 2024, 2024)
    assert value.period == "2024"


@pytest.mark.parametrize(
    ("rows", "where"),
    [
        ([("c", "2024", "visits", "")], "rows[0]"),
        ([("c", "2024", "visits", "", 1.0), ("c", "2024", "visits", "", 1.0, 9)], "rows[1]"),
        ([("c", "2024", "visits", "", "many")], "rows[0].value"),
        ([5], "rows[0]"),
        (["c,2024,visits,,1"], "rows[0]"),
    ],
)
def test_a_malformed_row_is_refused_at_its_index(rows: list[object], where: str) -> None:
    """``MeasureTable.from_rows`` raised Python's own ``ValueError`` ("not enough values to
    unpack") or ``TypeError`` for a row of four items, a value of text or a row that is not a
    tuple; it now raises an ``ArgumentError`` naming the row."""
    with pytest.raises(ArgumentError) as raised:
        MeasureTable.from_rows(rows)  # type: ignore[arg-type]
    assert raised.value.argument == where


def test_a_frame_of_rows_is_read_as_a_measures_file() -> None:
    """A DataFrame passed as rows iterated over its column names and failed with a raw
    ``ValueError``; it is now read and checked as ``read_measures`` reads a frame."""
    frame = pd.DataFrame(
        {"scope": ["c", "c"], "period": [2024, 2024], "measure": ["visits_primary", "visits"],
         "value": [5.0, 10.0]}
    )  # fmt: skip
    table = MeasureTable.from_rows(frame)  # type: ignore[arg-type]
    assert evaluate(SHARE, table, "c", "2024").value == 50.0


def test_one_code_where_codes_are_asked_is_one_item_not_its_characters() -> None:
    """``compare_province(…, indicators="primary_visit_share")`` took the text for its
    characters and failed on "no indicator '_'"; one text where texts are asked is now the
    collection of that one item, in every public function."""

    @boundary
    def codes(items: Iterable[str] | None = None, listed: Sequence[str] = ()) -> tuple[str, ...]:
        return (*(items or ()), *listed)

    assert codes("primary_visit_share") == ("primary_visit_share",)
    assert codes(["a", "b"], listed="c") == ("a", "b", "c")


def test_a_province_given_as_its_file(tmp_path: Path) -> None:
    """``compare_province`` and ``measure_province`` took a county as a path but refused a
    province as one ("expected a province"); a province file is now read as a county file is,
    and the set is taken by its code in any case."""
    from countycare.province import compare_province, measure_province, write_synthetic_province
    from countycare.province.synth import PROVINCE_FILE

    write_synthetic_province(tmp_path, 2, [2024], seed=5, scale=0.002)
    path = str(tmp_path / PROVINCE_FILE)
    table = measure_province(path, tmp_path).table
    comparison = compare_province(
        table, path, "NHC-2024", np.int64(2024), indicators="primary_visit_share"
    )
    assert [i.definition.code for i in comparison.indicators] == ["primary_visit_share"]
    with pytest.raises(ArgumentError, match="province"):
        compare_province(table, 5, "nhc-2024", 2024)  # type: ignore[arg-type]
