"""Properties every formula must keep, checked on generated data (hypothesis)."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from countycare.community import County
from countycare.errors import UnitError
from countycare.indicators.catalogues import all_definitions, indicator_set
from countycare.indicators.change import (
    ChangeKind,
    percentage_point_change,
    relative_change,
)
from countycare.indicators.evaluation import combine, evaluate, evaluate_many
from countycare.indicators.formulas import Ratio
from countycare.indicators.measures import AGE_BANDS_30_69, MEASURES
from countycare.indicators.rollup import roll_up
from countycare.indicators.table import MeasureTable
from countycare.testing.measures import (
    age_band_tables,
    institution_tables,
    measure_tables,
    part_whole_tables,
    rollup_counties,
)

#: Every shipped percentage whose numerator is a part of its denominator.
SHARES = [d for d in all_definitions() if isinstance(d.formula, Ratio) and d.unit == "percent"]
MONEY = [code for code, m in MEASURES.items() if m.unit == "yuan"]
DIMENSIONLESS = [
    d for d in all_definitions() if not d.is_checklist and d.formula.natural_unit().dimensionless
]


def test_the_share_list_is_what_it_claims() -> None:
    """Each listed share divides like by like: a part of a whole, in the same unit."""
    assert len(SHARES) >= 20
    for d in SHARES:
        assert isinstance(d.formula, Ratio)
        assert MEASURES[d.formula.numerator].unit == MEASURES[d.formula.denominator].unit


@given(st.sampled_from(SHARES), st.data())
def test_every_share_lies_between_0_and_100_percent(
    definition: object, data: st.DataObject
) -> None:
    """When the numerator is a part of the denominator, the share is in [0 %, 100 %]."""
    assert isinstance(definition.formula, Ratio)  # type: ignore[attr-defined]
    f = definition.formula  # type: ignore[attr-defined]
    valid_to = definition.valid_to  # type: ignore[attr-defined]
    period = "2024" if valid_to is None else str(valid_to.year)  # a year the definition is in force
    table = data.draw(part_whole_tables(f.numerator, f.denominator, scope="s", period=period))
    value = evaluate(definition, table, "s", period)  # type: ignore[arg-type]
    if table.get("s", period, f.denominator) == 0:
        assert value.value is None
        assert value.reason is not None
        assert value.reason.value == "zero_denominator"
    else:
        assert value.value is not None
        assert 0.0 <= value.value <= 100.0 + 1e-9


ROLLED = ["primary_visit_share", "tcm_visit_share", "inpatient_cost_per_admission"]


@settings(max_examples=25)
@given(rollup_counties(), st.sampled_from(ROLLED), st.data())
def test_roll_up_equals_evaluation_on_rolled_up_measures(
    county: County, code: str, data: st.DataObject
) -> None:
    """Combining townships' values (ratio of sums) equals evaluating the county's measures."""
    definition = indicator_set("nhc-2024").get(code)
    table = data.draw(institution_tables(county, (*definition.measures, "visits"), "2024"))
    up = roll_up(table, county)
    townships = [t.id for t in county.townships]
    many = evaluate_many(definition, up, townships, ["2024"] * len(townships))
    pooled = combine(many, county.id, "2024")
    direct = evaluate(definition, up, county.id, "2024")
    assert pooled.reason == direct.reason
    if direct.value is not None:
        assert pooled.value is not None
        assert math.isclose(pooled.value, direct.value, rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=25)
@given(st.lists(age_band_tables(scope="t", period="2024"), min_size=1, max_size=4))
def test_mortality_rolls_up_by_pooling_deaths_and_populations(tables: list[MeasureTable]) -> None:
    """Premature mortality of a county pools its townships' deaths and populations per band."""
    definition = indicator_set("nhc-2024").get("premature_ncd_mortality")
    named = [
        MeasureTable.from_columns([f"t{i}"] * len(t), t.period, t.measure, t.category, t.value)
        for i, t in enumerate(tables)
    ]
    parts = MeasureTable.concat(named)
    pooled_rows: dict[tuple[str, str, str, str], float] = {}
    for row in parts:
        key = ("all", row.period, row.measure, row.category)
        pooled_rows[key] = pooled_rows.get(key, 0.0) + row.value
    pooled = MeasureTable.from_rows([(*k, v) for k, v in pooled_rows.items()])
    scopes = [f"t{i}" for i in range(len(tables))]
    combined = combine(
        evaluate_many(definition, parts, scopes, ["2024"] * len(scopes)), "all", "2024"
    )
    direct = evaluate(definition, pooled, "all", "2024")
    assert combined.value is not None
    assert direct.value is not None
    assert math.isclose(combined.value, direct.value, rel_tol=1e-9, abs_tol=1e-12)


def test_a_ratio_of_sums_is_not_a_mean_of_ratios() -> None:
    """Two townships at 90 % (of 10) and 10 % (of 1,000) make 10.8 %, not the mean 50 %."""
    definition = indicator_set("nhc-2024").get("primary_visit_share")
    table = MeasureTable.from_rows(
        [
            ("a", "2024", "visits_primary", "", 9.0),
            ("a", "2024", "visits", "", 10.0),
            ("b", "2024", "visits_primary", "", 100.0),
            ("b", "2024", "visits", "", 1000.0),
        ]
    )
    pooled = combine(evaluate_many(definition, table, ["a", "b"], ["2024", "2024"]), "ab", "2024")
    assert pooled.value is not None
    assert math.isclose(pooled.value, 109 / 1010 * 100)


@settings(max_examples=30)
@given(measure_tables(scopes=("s",), periods=("2023", "2024")))
def test_scaling_money_by_ten_thousand_changes_no_dimensionless_indicator(
    table: MeasureTable,
) -> None:
    """Reporting every money figure in 万元 (value ÷ 10⁴) leaves every pure ratio unchanged...

    ...and so does multiplying all money by 10⁴: money only ever divides money there.
    """
    is_money = np.isin(table.measure, np.asarray(MONEY, dtype=object))
    scaled = MeasureTable.from_columns(
        table.scope,
        table.period,
        table.measure,
        table.category,
        np.where(is_money, table.value * 1e4, table.value),
    )
    for definition in DIMENSIONLESS:
        before = evaluate(definition, table, "s", "2024")
        after = evaluate(definition, scaled, "s", "2024")
        assert (before.value is None) == (after.value is None)
        if before.value is not None and after.value is not None:
            assert math.isclose(before.value, after.value, rel_tol=1e-9, abs_tol=1e-9)


@given(age_band_tables(scope="s", period="2024"))
def test_premature_mortality_is_a_probability(table: MeasureTable) -> None:
    """1 − Π(1 − q) lies in [0 %, 100 %] whatever the death rates."""
    definition = indicator_set("nhc-2024").get("premature_ncd_mortality")
    value = evaluate(definition, table, "s", "2024").require()
    assert 0.0 <= value <= 100.0


@given(
    age_band_tables(scope="s", period="2024", max_rate=0.3),
    st.sampled_from(AGE_BANDS_30_69),
    st.integers(min_value=1, max_value=1000),
)
def test_premature_mortality_rises_when_a_band_death_rate_rises(
    table: MeasureTable, band: str, extra: int
) -> None:
    """More deaths in any one band (same population) means a higher probability of dying."""
    definition = indicator_set("nhc-2024").get("premature_ncd_mortality")
    rows = table.mapping()
    population = rows[("s", "2024", "population_by_age", band)]
    key = ("s", "2024", "ncd4_deaths", band)
    more = min(rows[key] + extra, 0.39 * population)
    assume(more > rows[key])
    higher = MeasureTable.from_rows([(*k, more if k == key else v) for k, v in rows.items()])
    before = evaluate(definition, table, "s", "2024").require()
    after = evaluate(definition, higher, "s", "2024").require()
    assert after > before


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(finite, finite)
def test_relative_and_percentage_point_changes_follow_their_definitions(b: float, c: float) -> None:
    """Relative = (c − b) ÷ b × 100 (undefined at b = 0, and where the quotient overflows: b =
    1e-308); points = c − b; kinds never mix."""
    rel, pp = relative_change(b, c), percentage_point_change(b, c, "percent")
    assert rel.kind is ChangeKind.RELATIVE
    assert pp.kind is ChangeKind.PERCENTAGE_POINTS
    assert pp.value == c - b
    if b == 0 or not math.isfinite((c - b) / b * 100):
        assert rel.value is None and rel.reason
    else:
        assert rel.value is not None
        assert math.isclose(rel.value, (c - b) / b * 100, rel_tol=1e-9, abs_tol=1e-9)
        assert math.isclose(rel.value, pp.require() / b * 100, rel_tol=1e-9, abs_tol=1e-9)
    for mixed in (lambda: rel + pp, lambda: pp - rel, lambda: rel < pp):
        try:
            mixed()
        except UnitError:
            continue
        raise AssertionError("a relative and a percentage-point change were combined")


@given(finite, finite)
def test_percentage_points_exist_only_for_percentages(b: float, c: float) -> None:
    """Yuan per person has no percentage points: that change is undefined, with the reason."""
    change = percentage_point_change(b, c, "yuan / person")
    assert change.value is None
    assert "not percentages" in change.reason


@settings(max_examples=20)
@given(measure_tables(scopes=("a", "b"), periods=("2023", "2024")))
def test_vectorised_evaluation_matches_one_point_at_a_time(table: MeasureTable) -> None:
    """evaluate_many over many points gives exactly the values of evaluate at each point."""
    points = [("a", "2024"), ("b", "2024"), ("a", "2023"), ("b", "2023")]
    for definition in indicator_set("nhc-2024"):
        many = list(
            evaluate_many(definition, table, [s for s, _ in points], [p for _, p in points])
        )
        single = [evaluate(definition, table, s, p) for s, p in points]
        assert many == single


def test_combine_keeps_the_reasons_that_block_pooling() -> None:
    """Quarterly death rates stay unusable when pooled; one zero denominator does not block."""
    mortality = indicator_set("nhc-2024").get("premature_ncd_mortality")
    rows = [
        (s, "2024Q1", m, band, 10.0)
        for s in ("a", "b")
        for m in ("ncd4_deaths", "population_by_age")
        for band in AGE_BANDS_30_69
    ]
    quarterly = evaluate_many(mortality, MeasureTable.from_rows(rows), ["a", "b"], ["2024Q1"] * 2)
    pooled = combine(quarterly, "ab", "2024Q1")
    assert pooled.reason is not None
    assert pooled.reason.value == "wrong_period_kind"
    share = indicator_set("nhc-2024").get("primary_visit_share")
    table = MeasureTable.from_rows(
        [
            ("a", "2024", "visits_primary", "", 0.0),
            ("a", "2024", "visits", "", 0.0),
            ("b", "2024", "visits_primary", "", 3.0),
            ("b", "2024", "visits", "", 4.0),
        ]
    )
    assert (
        combine(evaluate_many(share, table, ["a", "b"], ["2024"] * 2), "ab", "2024").value == 75.0
    )
