"""A quotient that overflows is undefined with a reason, never inf (promise 2)."""

from __future__ import annotations

import warnings

from countycare.indicators import MeasureTable, evaluate, indicator_set


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
