"""The change from a baseline before the set's first year, in the province comparison."""

from __future__ import annotations

from countycare.indicators.change import ChangeKind
from countycare.indicators.table import MeasureTable
from countycare.province.compare import compare_province
from countycare.province.model import Province


def _two_years(province: Province) -> MeasureTable:
    rows = []
    for i, county in enumerate(province.counties):
        for period, primary in (("2023", 500.0 + 10 * i), ("2024", 600.0 + 10 * i)):
            rows.append((county.id, period, "visits", "", 1_000.0))
            rows.append((county.id, period, "visits_primary", "", primary))
    return MeasureTable.from_rows(rows)


def test_a_2023_baseline_of_nhc_2024_is_backcast_not_undefined(province: Province) -> None:
    """nhc-2024 is not in force in 2023: the baseline is read with the 2024 definition and says
    so (as the county scorecard does), so every county has a change instead of "no definition in
    force" — and the change is the difference of the two shares, in percentage points."""
    table = _two_years(province)
    result = compare_province(
        table, province, "nhc-2024", "2024", baseline_period="2023",
        indicators=["primary_visit_share"],
    )  # fmt: skip
    (line,) = result.indicators
    for i, county in enumerate(line.counties):
        assert county.baseline is not None
        assert county.baseline.value == 50.0 + i
        assert county.baseline.definition_period == "2024"
        assert county.changes, f"{county.county}: no change given"
        (points,) = [c for c in county.changes if c.kind is ChangeKind.PERCENTAGE_POINTS]
        assert points.value == 10.0
