"""A quotient that overflows is undefined with a reason, never inf (promise 2)."""

from __future__ import annotations

import math
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from countycare.errors import ArgumentError
from countycare.indicators import (
    MEASURES,
    SETS,
    IndicatorDefinition,
    MeasureTable,
    combine,
    evaluate,
    evaluate_many,
    indicator_set,
)
from countycare.indicators.change import (
    Change,
    ChangeKind,
    percentage_point_change,
    relative_change,
)
from countycare.indicators.measures import AGE_BANDS_30_69

Row = tuple[str, str, str, str, float]


def test_overflowing_ratio_is_undefined_not_infinite() -> None:
    """1e300 visits at primary level over 1e-300 visits overflows: undefined, 'not_finite'."""
    definition = next(
        d for d in indicator_set("nhc-2024").definitions if d.code == "primary_visit_share"
    )
    table = MeasureTable.from_rows(
        [("c", "2024", "visits_primary", "", 1e300), ("c", "2024", "visits", "", 1e-300)]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy overflow warning leaks to the user either
        value = evaluate(definition, table, "c", "2024")
    assert value.value is None
    assert value.reason is not None
    assert value.reason.value == "not_finite"


POOLED_OVERFLOWS = {
    # Rolled up, 1 TCM visit over a subnormal 1.1e-308 visits overflows once turned into a
    # percentage: combine raised a DefinitionError (a value must be finite). Found by hypothesis.
    "a quotient": (
        "nhc-2024",
        "tcm_visit_share",
        "2024",
        [("visits_tcm", 0.0, 1.0), ("visits", 1.11253693e-308, 0.0)],
    ),
    # 1.79e308 and 1e306 institutions up to standard sum past the largest float: combine let
    # NumPy's "overflow encountered in reduce" out. Found by the sweep below.
    "a sum": (
        "hierarchical-care-2015",
        "primary_standard_rate",
        "2015",
        [
            ("primary_institutions_up_to_standard", 1.79e308, 1e306),
            ("primary_institutions", 1.79e308, 1e306),
        ],
    ),
}


@pytest.mark.parametrize("case", list(POOLED_OVERFLOWS.values()), ids=list(POOLED_OVERFLOWS))
def test_a_pooled_value_that_overflows_is_undefined_quietly(
    case: tuple[str, str, str, list[tuple[str, float, float]]],
) -> None:
    """Pooled over a county and a township, a quotient or a sum that passes the largest float
    is undefined with the reason ``not_finite``, as ``evaluate`` says it, with no warning."""
    set_code, code, period, measures = case
    definition = indicator_set(set_code).get(code)
    table = MeasureTable.from_rows(
        [
            (scope, period, m, "", v)
            for m, *values in measures
            for scope, v in zip(("c", "t1"), values, strict=True)
        ]
    )
    many = evaluate_many(definition, table, ["c", "t1"], [period, period])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pooled = combine(many, "c", period)
    assert pooled.value is None
    assert pooled.reason is not None and pooled.reason.value == "not_finite"


def _mortality_rows(scope: str, deaths: float, population: float) -> list[Row]:
    """Annual deaths and population of every 30–69 band; the first band's given."""
    rows: list[Row] = []
    for i, band in enumerate(AGE_BANDS_30_69):
        rows.append((scope, "2024", "ncd4_deaths", band, deaths if i == 0 else 1.0))
        rows.append((scope, "2024", "population_by_age", band, population if i == 0 else 1e3))
    return rows


def test_premature_mortality_over_a_death_rate_that_overflows_is_certain_death() -> None:
    """1e300 deaths over 1e-10 people overflows the band's death rate to inf, and the life
    table's 5M / (1 + 2.5M) made it inf / inf: ``evaluate`` raised a ``DefinitionError`` (a
    defined value must be finite) after a NumPy warning; a rate of 1e307 overflowed 5M alone.
    From a rate of 0.4 on, q is 1 whatever the rate, so the probability of dying is exactly
    100 %, quietly; pooled with a township of 1,000 people per band, the same."""
    definition = indicator_set("nhc-2024").get("premature_ncd_mortality")
    table = MeasureTable.from_rows(
        _mortality_rows("t1", 1e300, 1e-10)
        + _mortality_rows("t2", 1.0, 1e3)
        + _mortality_rows("t3", 1.5e307, 1.0)
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        alone = evaluate(definition, table, "t1", "2024")
        many = evaluate_many(definition, table, ["t1", "t2", "t3"], ["2024"] * 3)
        pooled = combine(many, "c", "2024")
    assert alone.value == 100.0
    township = many.at(1).value
    assert township is not None and 0 < township < 100
    assert many.at(2).value == 100.0
    assert pooled.value == 100.0


@given(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(allow_nan=True, allow_infinity=True),
)
def test_a_change_is_finite_or_undefined_with_its_reason(baseline: float, current: float) -> None:
    """Whatever the two values, a relative or percentage-point change is a finite number or
    undefined with a reason: a baseline of 1e-308 gave a relative change of +inf %."""
    for change in (
        relative_change(baseline, current),
        percentage_point_change(baseline, current, "percent"),
    ):
        if change.value is None:
            assert change.reason
        else:
            assert math.isfinite(change.value)
            if change.kind is ChangeKind.PERCENTAGE_POINTS:
                assert change.value == current - baseline


def test_a_change_is_never_built_infinite() -> None:
    """A ``Change`` built by hand refuses a value that is not finite, naming the argument."""
    with pytest.raises(ArgumentError, match="value"):
        Change(ChangeKind.RELATIVE, math.inf)
    assert relative_change(1e-308, 1.0).value is None


#: Values from the smallest subnormal to the largest float, and any float between.
EXTREME = st.one_of(
    st.sampled_from([0.0, 5e-324, 1e-308, 1e-300, 1e-10, 0.5, 1.0, 3.0, 1e10, 1e300, 1.79e308]),
    st.floats(min_value=0, max_value=1.7e308, allow_nan=False, allow_infinity=False),
)
DEFINITIONS = [d for code in sorted(SETS) for d in indicator_set(code).definitions]


@st.composite
def extreme_tables(draw: st.DrawFn) -> tuple[IndicatorDefinition, MeasureTable]:
    """One definition of any set, and a table of extreme values for some of its inputs at a
    county and a township, this year and last."""
    definition = draw(st.sampled_from(DEFINITIONS))
    codes = sorted({c.measure for c in definition.formula.components()})
    keys = [
        (scope, period, code, band)
        for scope in ("c", "t1")
        for period in ("2023", "2024")
        for code in codes
        for band in (MEASURES[code].categories or ("",))
    ]
    if not keys:  # a qualitative item reads no measure
        return definition, MeasureTable.empty()
    cells = draw(st.lists(st.tuples(st.sampled_from(keys), EXTREME), unique_by=lambda kv: kv[0]))
    return definition, MeasureTable.from_rows([(*k, v) for k, v in cells])


@given(extreme_tables())
def test_every_indicator_is_finite_or_undefined_whatever_the_values(
    case: tuple[IndicatorDefinition, MeasureTable],
) -> None:
    """Every indicator of every set, on values from 5e-324 to 1.7e308, evaluated at a point,
    at several and pooled, is a finite number or undefined with a reason, with no warning: a
    band death rate of 1e307 made premature mortality raise after a NumPy warning."""
    definition, table = case
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        alone = evaluate(definition, table, "c", "2024")
        many = evaluate_many(definition, table, ["c", "t1"], ["2024", "2024"])
        pooled = combine(many, "c", "2024")
    for value in (alone, many.at(0), many.at(1), pooled):
        if value.value is None:
            assert value.reason is not None and value.detail
        else:
            assert math.isfinite(value.value)
