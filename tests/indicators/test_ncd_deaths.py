"""Death records classified by ICD-10 and age: the four NCD ranges, bands, counts that add up."""

from __future__ import annotations

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from countycare.errors import ArgumentError, DataError
from countycare.indicators.catalogues import indicator_set
from countycare.indicators.evaluation import evaluate
from countycare.indicators.measures import AGE_BANDS_30_69
from countycare.indicators.ncd_deaths import (
    ICD10_RANGES,
    NcdGroup,
    age_band,
    classify_deaths,
    ncd_group,
)
from countycare.indicators.table import MeasureTable

_LETTERS = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_CODES = st.tuples(_LETTERS, st.integers(0, 99), st.one_of(st.just(""), st.integers(0, 9))).map(
    lambda t: f"{t[0]}{t[1]:02d}" + (f".{t[2]}" if t[2] != "" else "")
)


def _expected(code: str) -> NcdGroup | None:
    letter, number = code[0], int(code[1:3])
    ranges = {"I": (0, 99, NcdGroup.CARDIOVASCULAR), "C": (0, 97, NcdGroup.CANCER)}
    ranges |= {"J": (30, 98, NcdGroup.CHRONIC_RESPIRATORY), "E": (10, 14, NcdGroup.DIABETES)}
    if letter in ranges and ranges[letter][0] <= number <= ranges[letter][1]:
        return ranges[letter][2]
    return None


def test_the_four_ranges_are_those_of_the_sdg_indicator() -> None:
    """I00–I99, C00–C97, J30–J98, E10–E14, and their edges."""
    assert [(g.value, lo, hi) for g, lo, hi in ICD10_RANGES] == [
        ("cardiovascular", "I00", "I99"),
        ("cancer", "C00", "C97"),
        ("chronic_respiratory", "J30", "J98"),
        ("diabetes", "E10", "E14"),
    ]
    assert ncd_group("C97") is NcdGroup.CANCER and ncd_group("C98") is None
    assert ncd_group("J29") is None and ncd_group("J98.4") is NcdGroup.CHRONIC_RESPIRATORY
    assert ncd_group("E09") is None and ncd_group("E14.9") is NcdGroup.DIABETES
    with pytest.raises(ArgumentError, match=r"^code: .heart attack. is not an ICD-10 code"):
        ncd_group("heart attack")


@given(_CODES)
def test_a_code_falls_in_a_group_exactly_when_its_category_lies_in_the_range(code: str) -> None:
    """Whatever the code and subdivision, the group is the range its three characters fall in."""
    assert ncd_group(code) is _expected(code)
    assert ncd_group(code.lower().replace(".", "")) is _expected(code)


@given(st.floats(0, 120))
def test_a_band_holds_the_age(age: float) -> None:
    """An age 30–69 falls in the band whose bounds hold its whole years; others in none."""
    band = age_band(age)
    if 30 <= age < 70:
        assert band is not None
        low, high = (int(x) for x in band.split("-"))
        assert low <= int(age) <= high and band in AGE_BANDS_30_69
    else:
        assert band is None


_RECORDS = st.lists(
    st.fixed_dictionaries(
        {
            "scope": st.sampled_from(["a", "b"]),
            "period": st.sampled_from(["2023", "2024"]),
            "icd10": _CODES,
            "age": st.integers(0, 100),
        }
    ),
    max_size=40,
)


@given(_RECORDS)
def test_every_record_is_counted_once_and_the_table_holds_the_ncd_deaths(
    records: list[dict[str, object]],
) -> None:
    """NCD deaths in bands + other causes + ages outside 30–69 = records; the table's rows sum to
    the NCD deaths; each (scope, period) present has all eight bands."""
    result = classify_deaths(records)
    assert result.ncd_in_bands + result.other_causes + result.outside_ages == len(records)
    assert sum(result.table.value.tolist()) == result.ncd_in_bands
    assert sum(result.by_group.values()) == result.ncd_in_bands
    keys = {(str(r["scope"]), str(r["period"])) for r in records}
    assert len(result.table) == 8 * len(keys)
    expected = sum(
        1 for r in records if _expected(str(r["icd10"])) and 30 <= int(str(r["age"])) < 70
    )
    assert result.ncd_in_bands == expected


def test_dataframes_and_arrow_tables_give_the_same_rows() -> None:
    """pandas, polars, Arrow and plain records are read alike."""
    import pandas as pd
    import polars as pl

    records = [
        {"scope": "c", "period": "2024", "icd10": "I21.9", "age": 55},
        {"scope": "c", "period": "2024", "icd10": "E11", "age": 61},
    ]
    expected = classify_deaths(records).table
    for form in (pd.DataFrame(records), pl.DataFrame(records), pa.Table.from_pylist(records)):
        assert classify_deaths(form).table == expected


def test_bad_records_are_refused_with_their_row_and_column() -> None:
    """An unreadable code, a negative age and an empty scope are reported, none dropped."""
    records = [
        {"scope": "c", "period": "2024", "icd10": "I21", "age": 55},
        {"scope": "c", "period": "2024", "icd10": "stroke", "age": -1},
        {"scope": "", "period": "2024", "icd10": "I21", "age": 40},
    ]
    with pytest.raises(DataError) as info:
        classify_deaths(records, source="deaths.csv")
    assert [str(p) for p in info.value.problems] == [
        "row 2, column icd10: 'stroke' is not an ICD-10 code (e.g. I21.9)",
        "row 2, column age: expected years ≥ 0, got -1",
        "row 3, column scope: the value is empty",
    ]
    assert info.value.source == "deaths.csv"


def test_classified_deaths_feed_item_5_2() -> None:
    """With a population by band, the classified deaths give the premature mortality."""
    deaths = classify_deaths(
        [{"scope": "c", "period": "2024", "icd10": "C34", "age": 62}] * 10
    ).table
    population = MeasureTable.from_rows(
        ("c", "2024", "population_by_age", band, 10_000.0) for band in AGE_BANDS_30_69
    )
    table = MeasureTable.concat([deaths, population])
    value = evaluate(indicator_set("nhc-2024").get("premature_ncd_mortality"), table, "c", "2024")
    assert value.value == pytest.approx(100 * (5 * 0.001) / (1 + 2.5 * 0.001), rel=1e-6)
