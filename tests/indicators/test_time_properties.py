"""How measures behave over time, checked on generated data (hypothesis).

A flow over four quarters (or twelve months) is the year; a stock is averaged or taken at the
last period, never summed; a distinct count is never aggregated over periods at all; a growth
compares with the same period a year earlier, so a constant series grows by 0.
"""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from countycare.indicators.catalogues import indicator_set
from countycare.indicators.evaluation import evaluate, year_earlier
from countycare.indicators.measures import MEASURES, MeasureKind, PeriodRule
from countycare.indicators.rollup import roll_up_periods
from countycare.indicators.table import MeasureTable
from countycare.periods import Period, PeriodKind
from countycare.testing.measures import values

BY_KIND = {
    kind: sorted(c for c, m in MEASURES.items() if m.kind is kind and not m.has_categories)
    for kind in MeasureKind
}
QUARTERS = [f"2024Q{q}" for q in range(1, 5)]
MONTHS = [f"2024-{m:02d}" for m in range(1, 13)]


def _rows(code: str, periods: list[str], figures: list[float]) -> MeasureTable:
    return MeasureTable.from_rows(
        [("s", p, code, "", v) for p, v in zip(periods, figures, strict=True)]
    )


def test_every_kind_has_measures_and_its_period_rule() -> None:
    """Each kind is used, and each measure's period rule is one its kind admits."""
    assert all(BY_KIND.values())
    assert {"stationed_physicians", "managed_chronic_admitted"} <= set(
        BY_KIND[MeasureKind.DISTINCT]
    )
    assert "resident_population" in BY_KIND[MeasureKind.STOCK]
    for m in MEASURES.values():
        if m.kind is MeasureKind.FLOW:
            assert m.period_rule is PeriodRule.SUM
        elif m.kind is MeasureKind.STOCK:
            assert m.period_rule in (PeriodRule.MEAN, PeriodRule.LAST)
        else:
            assert m.period_rule is PeriodRule.NONE


@given(
    st.sampled_from(BY_KIND[MeasureKind.FLOW]),
    st.lists(values(1e7), min_size=4, max_size=4),
)
def test_a_flow_over_four_quarters_equals_the_year(code: str, figures: list[float]) -> None:
    """The year of a flow is the sum of its quarters."""
    year = roll_up_periods(_rows(code, QUARTERS, figures)).get("s", "2024", code)
    assert year is not None
    assert math.isclose(year, math.fsum(figures), rel_tol=1e-12, abs_tol=1e-9)


@given(
    st.sampled_from(BY_KIND[MeasureKind.FLOW]),
    st.lists(values(1e7), min_size=12, max_size=12),
)
def test_a_flow_over_twelve_months_equals_the_year(code: str, figures: list[float]) -> None:
    """The year of a flow is also the sum of its twelve months."""
    table = roll_up_periods(_rows(code, MONTHS, figures))
    year = table.get("s", "2024", code)
    assert year is not None and math.isclose(year, math.fsum(figures), rel_tol=1e-12, abs_tol=1e-9)


@given(
    st.sampled_from(BY_KIND[MeasureKind.FLOW] + BY_KIND[MeasureKind.STOCK]),
    st.lists(values(1e7), min_size=12, max_size=12),
)
def test_quarters_of_months_agree_with_the_months(code: str, figures: list[float]) -> None:
    """A monthly file answers for its quarters: each quarter is its three months by the
    measure's rule, and the year made of those quarters is the year made of the months."""
    table = roll_up_periods(_rows(code, MONTHS, figures))
    rule = MEASURES[code].period_rule
    for q in range(4):
        part = figures[3 * q : 3 * q + 3]
        expected = {
            PeriodRule.SUM: math.fsum(part),
            PeriodRule.MEAN: math.fsum(part) / 3,
            PeriodRule.LAST: part[-1],
        }[rule]
        quarter = table.get("s", f"2024Q{q + 1}", code)
        assert quarter is not None
        assert math.isclose(quarter, expected, rel_tol=1e-12, abs_tol=1e-9)
    by_year = roll_up_periods(_rows(code, MONTHS, figures), to=PeriodKind.YEAR)
    year, from_months = table.get("s", "2024", code), by_year.get("s", "2024", code)
    assert year is not None and from_months is not None
    assert math.isclose(year, from_months, rel_tol=1e-12, abs_tol=1e-9)


@given(
    st.sampled_from(BY_KIND[MeasureKind.STOCK]),
    st.lists(values(1e7), min_size=4, max_size=4).filter(lambda v: sum(v) > 0),
)
def test_a_stock_is_never_summed_over_periods(code: str, figures: list[float]) -> None:
    """A stock's year is the mean or the last of its quarters, never more than the largest."""
    year = roll_up_periods(_rows(code, QUARTERS, figures)).get("s", "2024", code)
    assert year is not None
    expected = figures[-1] if MEASURES[code].period_rule is PeriodRule.LAST else sum(figures) / 4
    assert math.isclose(year, expected, rel_tol=1e-12, abs_tol=1e-9)
    assert year <= max(figures) * (1 + 1e-12)


@given(
    st.sampled_from(BY_KIND[MeasureKind.DISTINCT]),
    st.lists(values(1e5), min_size=4, max_size=4),
    st.sampled_from([QUARTERS, MONTHS]),
)
def test_a_distinct_count_is_never_aggregated_over_periods(
    code: str, figures: list[float], periods: list[str]
) -> None:
    """No year is made of a distinct count's quarters or months; a year given is kept as is."""
    figures = (figures * 3)[: len(periods)]
    table = roll_up_periods(_rows(code, periods, figures))
    assert table.get("s", "2024", code) is None
    given_year = MeasureTable.concat([_rows(code, periods, figures), _rows(code, ["2024"], [7.0])])
    assert roll_up_periods(given_year).get("s", "2024", code) == 7.0


def test_quarterly_stationed_physicians_make_no_year_and_say_why() -> None:
    """Four quarters of 100 stationed physicians used to give 11.11 per 10,000 for the year
    (400 people); now the year is refused, naming the measure, and a year row gives 2.78."""
    d = indicator_set("nhc-2024").get("stationed_physicians_per_10k")
    rows = [("c", q, "stationed_physicians", "", 100.0) for q in QUARTERS]
    rows.append(("c", "2024", "resident_population", "", 360_000.0))
    table = roll_up_periods(MeasureTable.from_rows(rows))
    refused = evaluate(d, table, "c", "2024")
    assert refused.value is None
    assert "'stationed_physicians' is a distinct count" in refused.detail
    assert "give the row for 2024" in refused.detail
    with_year = MeasureTable.from_rows([*rows, ("c", "2024", "stationed_physicians", "", 100.0)])
    assert round(evaluate(d, roll_up_periods(with_year), "c", "2024").require(), 2) == 2.78


@settings(max_examples=50)
@given(
    st.sampled_from(["2024", "2024Q1", "2024Q3", "2024-01", "2024-07"]),
    st.floats(min_value=1.0, max_value=1e9),
    st.floats(min_value=1.0, max_value=1e6),
    st.floats(min_value=0.5, max_value=2.0),
)
def test_year_on_year_growth_of_a_constant_series_is_zero(
    period: str, cost: float, admissions: float, other_periods_factor: float
) -> None:
    """Every period of a series with the same value a year apart grows by 0, whatever the
    periods in between hold (a seasonal series is not read as growth)."""
    d = indicator_set("nhc-2024").get("inpatient_cost_growth")
    p = Period.parse(period)
    before = year_earlier(p)
    between = p.previous() if p.kind is not PeriodKind.YEAR else None
    rows = [
        (s, str(at), m, "", v)
        for at in (p, before)
        for s, m, v in (
            ("c", "inpatient_cost_insured_in_county", cost),
            ("c", "admissions_insured_in_county", admissions),
        )
    ]
    if between is not None and str(between) != str(before):
        rows.append(
            ("c", str(between), "inpatient_cost_insured_in_county", "", cost * other_periods_factor)
        )
        rows.append(("c", str(between), "admissions_insured_in_county", "", admissions))
    value = evaluate(d, MeasureTable.from_rows(rows), "c", period)
    assert value.require() == 0.0
    assert value.compared_with == str(before)
    assert Period.parse(value.compared_with).kind is p.kind


def test_the_records_engine_obeys_each_measures_kind() -> None:
    """The engine makes a year of months as the measure's kind says: flows sum, stocks average
    (or are yearly), distinct counts are computed for the year directly, never from months."""
    from countycare.records.derivable import SPECS

    allowed = {
        MeasureKind.FLOW: {"sum"},
        MeasureKind.STOCK: {"mean", "year"},
        MeasureKind.DISTINCT: {"year", "direct"},
    }
    for code, spec in SPECS.items():
        assert spec.rule in allowed[MEASURES[code].kind], code
