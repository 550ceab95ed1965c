"""Small-cell suppression: small counts are marked and hidden, never shown as 0."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from countycare.errors import ArgumentError
from countycare.indicators.table import MeasureTable
from countycare.records.privacy import suppress_small_cells, write_published_csv


def _table(values: list[float]) -> MeasureTable:
    return MeasureTable.from_rows(
        [(f"inst-{i}", "2024", "ncd4_deaths", "50-54", v) for i, v in enumerate(values)]
        + [(f"inst-{i}", "2024", "total_cost_residents", "", v) for i, v in enumerate(values)]
    )


@given(st.lists(st.integers(0, 40).map(float), max_size=15), st.integers(1, 25))
def test_only_small_positive_counts_are_suppressed(values: list[float], threshold: int) -> None:
    """A count 0 < v < threshold is suppressed; zeros, large counts and money are shown as is."""
    published = suppress_small_cells(_table(values), threshold)
    for row in published.rows():
        original = published.table.get(row.scope, row.period, row.measure, row.category)
        assert original is not None
        small_count = row.measure == "ncd4_deaths" and 0 < original < threshold
        assert row.suppressed == small_count
        assert row.value == (None if small_count else original)


def test_a_suppressed_cell_is_empty_and_marked_in_the_csv(tmp_path: object) -> None:
    """The published CSV leaves a suppressed value empty (never 0) and says 'suppressed';
    every row names its measure's unit, as a measures file does."""
    published = suppress_small_cells(_table([3.0, 50.0]), threshold=10)
    path = write_published_csv(published, tmp_path / "pub.csv")  # type: ignore[operator]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "scope,period,measure,category,value,unit,status"
    assert "inst-0,2024,ncd4_deaths,50-54,,death,suppressed" in lines
    assert "inst-1,2024,ncd4_deaths,50-54,50,death," in lines
    assert published.suppressed_count == 1


@pytest.mark.parametrize("threshold", [0, -3, 2.5, True])
def test_threshold_must_be_a_positive_whole_number(threshold: object) -> None:
    """A threshold that is not a count ≥ 1 is refused, naming the value."""
    with pytest.raises(ArgumentError, match="threshold"):
        suppress_small_cells(_table([1.0]), threshold)  # type: ignore[arg-type]
