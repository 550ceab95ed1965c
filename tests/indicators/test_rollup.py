"""Roll-up over scopes and periods: complete parts only; disagreements name both numbers."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from countycare.errors import ArgumentError, DataError
from countycare.indicators.rollup import roll_up, roll_up_periods
from countycare.indicators.samples import packaged_measures
from countycare.indicators.table import MeasureTable
from countycare.io import load_county
from countycare.periods import PeriodKind
from countycare.testing.measures import small_county

BASE = [
    ("c", "2024", "visits", "", 100.0),
    ("t1-thc", "2024", "visits", "", 40.0),
    ("t1-vc", "2024", "visits", "", 10.0),
    ("t2-thc", "2024", "visits", "", 30.0),
]


def _problems(table: MeasureTable) -> list[str]:
    with pytest.raises(DataError) as info:
        roll_up(table, small_county(), source="m.csv")
    assert info.value.source == "m.csv"
    return [str(p) for p in info.value.problems]


def test_institutions_roll_up_to_townships_and_the_county() -> None:
    """Townships sum their institutions; the county sums all; primary visits derive from visits."""
    up = roll_up(MeasureTable.from_rows(BASE), small_county())
    assert up.get("t1", "2024", "visits") == 150.0
    assert up.get("t2", "2024", "visits") == 30.0
    assert up.get("small", "2024", "visits") == 180.0
    assert up.get("t1", "2024", "visits_primary") == 50.0
    assert up.get("small", "2024", "visits_primary") == 80.0
    assert up.get("c", "2024", "visits_primary") is None


def test_an_area_figure_that_disagrees_with_its_institutions_is_rejected_naming_both() -> None:
    """The file says the county had 999 visits; its institutions add up to 180: both are named."""
    problems = _problems(MeasureTable.from_rows([*BASE, ("small", "2024", "visits", "", 999.0)]))
    assert problems == [
        "small 2024 visits: the file gives 999.0 for small but its parts sum to 180.0"
    ]


def test_an_agreeing_area_figure_is_kept() -> None:
    """A county figure equal to the sum of its parts is accepted as is."""
    up = roll_up(
        MeasureTable.from_rows([*BASE, ("small", "2024", "visits", "", 180.0)]), small_county()
    )
    assert up.get("small", "2024", "visits") == 180.0


def test_partial_parts_derive_nothing_and_cannot_exceed_the_whole() -> None:
    """Three of four institutions do not make a county total; nor may they exceed a given one."""
    partial = MeasureTable.from_rows(BASE[1:])
    up = roll_up(partial, small_county())
    assert up.get("small", "2024", "visits") is None
    assert up.get("t1", "2024", "visits") is None
    assert up.get("t2", "2024", "visits") == 30.0
    problems = _problems(MeasureTable.from_rows([*BASE[1:], ("small", "2024", "visits", "", 50.0)]))
    assert problems == [
        "small 2024 visits: the file gives 50.0 for small but 3 of its 4 parts sum to 80.0"
    ]


def test_the_county_rolls_up_from_township_totals_when_institutions_are_not_given() -> None:
    """Township figures plus nothing missing make the county figure of an institution measure."""
    table = MeasureTable.from_rows(
        [("t1", "2024", "visits", "", 150.0), ("t2", "2024", "visits", "", 30.0)]
    )
    assert roll_up(table, small_county()).get("small", "2024", "visits") == 180.0


def test_measures_at_the_wrong_place_are_rejected() -> None:
    """Primary visits at the county hospital, or a population at a clinic, are mistakes."""
    problems = _problems(
        MeasureTable.from_rows(
            [
                ("c", "2024", "visits_primary", "", 5.0),
                ("t1-vc", "2024", "resident_population", "", 5.0),
                ("t1-thc", "2024", "visits", "", 5.0),
                ("t1-thc", "2024", "visits_primary", "", 6.0),
                ("elsewhere", "2024", "visits", "", 6.0),
            ]
        )
    )
    assert problems == ["elsewhere: no area or institution 'elsewhere' in 'small'"]
    problems = _problems(
        MeasureTable.from_rows(
            [
                ("c", "2024", "visits_primary", "", 5.0),
                ("t1-vc", "2024", "resident_population", "", 5.0),
                ("t1-thc", "2024", "visits", "", 5.0),
                ("t1-thc", "2024", "visits_primary", "", 6.0),
            ]
        )
    )
    assert (
        "c 2024 visits_primary: institution c (county_general_hospital, county tier) does not "
        "count to visits_primary" in (problems)
    )
    assert (
        "t1-vc 2024 resident_population: "
        "measure 'resident_population' is counted for areas, not at t1-vc" in problems
    )
    assert "t1-thc 2024 visits_primary: 6.0 given, but visits there is 5.0" in problems


def test_area_measures_roll_up_from_villages_and_townships() -> None:
    """Resident population: villages make townships, townships make the county."""
    table = MeasureTable.from_rows(
        [
            ("t1-v1", "2024", "resident_population", "", 700.0),
            ("t2", "2024", "resident_population", "", 300.0),
        ]
    )
    up = roll_up(table, small_county())
    assert up.get("t1", "2024", "resident_population") == 700.0
    assert up.get("small", "2024", "resident_population") == 1000.0


def test_periods_roll_up_by_the_measures_rule() -> None:
    """Flows sum over quarters; a mean stock averages; a last-value stock takes the last."""
    rows = []
    for q, (visits, population, clinics) in enumerate(
        [(10.0, 100.0, 5.0), (20.0, 110.0, 6.0), (30.0, 120.0, 7.0), (40.0, 130.0, 8.0)], start=1
    ):
        rows += [
            ("x", f"2024Q{q}", "visits", "", visits),
            ("x", f"2024Q{q}", "resident_population", "", population),
            ("x", f"2024Q{q}", "village_clinics", "", clinics),
        ]
    rows.append(("x", "2023Q1", "visits", "", 1.0))
    up = roll_up_periods(MeasureTable.from_rows(rows))
    assert up.get("x", "2024", "visits") == 100.0
    assert up.get("x", "2024", "resident_population") == 115.0
    assert up.get("x", "2024", "village_clinics") == 8.0
    assert up.get("x", "2023", "visits") is None  # three quarters missing: nothing derived


def test_months_roll_up_and_disagreeing_years_are_rejected() -> None:
    """Twelve months make a year; a year given with other months' total is rejected."""
    rows = [("x", f"2024-{m:02d}", "visits", "", 1.0) for m in range(1, 13)]
    assert roll_up_periods(MeasureTable.from_rows(rows)).get("x", "2024", "visits") == 12.0
    with pytest.raises(DataError, match=r"the file gives 13\.0 but its months give 12\.0"):
        roll_up_periods(MeasureTable.from_rows([*rows, ("x", "2024", "visits", "", 13.0)]))


def test_months_give_quarters_and_a_disagreeing_quarter_is_rejected() -> None:
    """A monthly file answers for 2024Q1 (the commands used to refuse a quarter of a monthly
    file); a quarter the file gives must agree with its months; ``to`` names what is added."""
    rows = [("x", f"2024-{m:02d}", "visits", "", float(m)) for m in range(1, 13)]
    table = MeasureTable.from_rows(rows)
    up = roll_up_periods(table)
    assert [up.get("x", f"2024Q{q}", "visits") for q in range(1, 5)] == [6.0, 15.0, 24.0, 33.0]
    assert up.get("x", "2024", "visits") == 78.0
    only_years = roll_up_periods(table, to=PeriodKind.YEAR)
    assert only_years.get("x", "2024Q1", "visits") is None
    assert only_years.get("x", "2024", "visits") == 78.0
    only_quarters = roll_up_periods(table, to="quarter")
    assert only_quarters.get("x", "2024", "visits") is None
    assert only_quarters.get("x", "2024Q2", "visits") == 15.0
    with pytest.raises(DataError, match=r"2024Q1 visits: the file gives 7\.0 but its months give"):
        roll_up_periods(MeasureTable.from_rows([*rows, ("x", "2024Q1", "visits", "", 7.0)]))
    with pytest.raises(ArgumentError, match="to: expected 'quarter', 'year' or None"):
        roll_up_periods(table, to=PeriodKind.MONTH)


def test_a_given_quarter_and_the_months_of_the_others_make_the_year() -> None:
    """Quarter 1 given as a quarter, the rest as months: the year is still derived."""
    rows = [("x", "2024Q1", "visits", "", 6.0)]
    rows += [("x", f"2024-{m:02d}", "visits", "", float(m)) for m in range(4, 13)]
    up = roll_up_periods(MeasureTable.from_rows(rows))
    assert up.get("x", "2024", "visits") == 78.0


def test_wanrong_township_visits_roll_up_to_the_county() -> None:
    """The packaged file gives 17 township institutions' visits; the county figure is derived."""
    table, _ = packaged_measures("wanrong")
    assert table.get("wanrong", "2024", "township_outpatient_visits") is None
    up = roll_up(table, load_county("wanrong"))
    assert up.get("wanrong", "2024", "township_outpatient_visits") == 373_000.0


def test_lead_hospital_measures_count_at_the_lead_only() -> None:
    """The lead's discharges given at the lead are the county's; the TCM hospital's are refused.

    Summing every county-tier institution would add the TCM, maternal-child and private
    hospitals into 'the lead hospital's' figures, and waiting for all of them left the county's
    figure undefined.
    """
    wanrong = load_county("wanrong")
    lead = MeasureTable.from_rows(
        [
            ("wr-cgh", "2024", "lead_discharges", "", 30_000.0),
            ("wr-cgh", "2024", "staff_lead", "", 900.0),
        ]
    )
    up = roll_up(lead, wanrong)
    assert up.get("wanrong", "2024", "lead_discharges") == 30_000.0
    assert up.get("wanrong", "2024", "staff_lead") == 900.0
    other = MeasureTable.from_rows([("wr-tcm", "2024", "lead_discharges", "", 8_000.0)])
    with pytest.raises(DataError) as info:
        roll_up(other, wanrong)
    assert [str(p) for p in info.value.problems] == [
        "wr-tcm 2024 lead_discharges: lead_discharges is the lead hospital's; "
        "wr-tcm leads no medical community"
    ]


def test_parts_summing_past_the_largest_float_are_refused_at_their_place() -> None:
    """Two institutions or four quarters of 1.7e308 visits sum past the largest float:
    ``math.fsum`` raised a raw ``OverflowError`` out of ``roll_up`` and ``roll_up_periods``. Each
    is a ``DataError`` naming the scope, period and measure; a mean of such quarters is still
    their mean (the values are divided before they are added)."""
    huge = 1.7e308
    places = MeasureTable.from_rows(
        [("t1-thc", "2024", "visits", "", huge), ("t1-vc", "2024", "visits", "", huge)]
    )
    with pytest.raises(DataError, match=r"t1 2024 visits: its parts sum past the largest"):
        roll_up(places, small_county())
    quarters = MeasureTable.from_rows([("x", f"2024Q{q}", "visits", "", huge) for q in range(1, 5)])
    with pytest.raises(DataError, match=r"x 2024 visits: its parts sum past the largest"):
        roll_up_periods(quarters)
    stocks = MeasureTable.from_rows(
        [("x", f"2024Q{q}", "resident_population", "", huge) for q in range(1, 5)]
    )
    assert roll_up_periods(stocks).get("x", "2024", "resident_population") == huge


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["visits", "resident_population", "village_clinics"]),
            st.integers(1, 12),
            st.one_of(
                st.sampled_from([0.0, 5e-324, 1e300, 1.7e308, 1.79e308]),
                st.floats(0, 1.79e308, allow_nan=False, allow_infinity=False),
            ),
        ),
        unique_by=lambda row: row[:2],
    )
)
def test_periods_roll_up_or_are_refused_whatever_the_values(
    cells: list[tuple[str, int, float]],
) -> None:
    """Months of any value from 0 to the largest float give quarters and years whose values are
    finite, or a ``DataError``: never a raw error, never inf."""
    table = MeasureTable.from_rows([("x", f"2024-{m:02d}", c, "", v) for c, m, v in cells])
    try:
        up = roll_up_periods(table)
    except DataError:
        return
    assert all(math.isfinite(v) for v in up.mapping().values())
