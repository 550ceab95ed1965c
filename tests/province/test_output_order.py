"""Province outputs are the same from run to run and exact to the fen: the JSON of a province
measurement lists its measures in key order (the Arrow table already did), and the comparison
text prints money per admission as the JSON rounds it (half up, to the fen)."""

from __future__ import annotations

from countycare.indicators.table import MeasureTable
from countycare.labels import Name
from countycare.province.compare import compare_province
from countycare.province.measure import ProvinceMeasures
from countycare.province.model import Prefecture, Province
from countycare.testing.records import small_record_county


def test_measures_json_is_in_key_order() -> None:
    """Rows given out of order come out in (scope, period, measure, category) order."""
    table = MeasureTable.from_rows([
        ("b", "2024", "visits", "", 1.0), ("a", "2024", "visits_primary", "", 1.0),
        ("a", "2024", "visits", "", 2.0),
    ])  # fmt: skip
    out = ProvinceMeasures("p", table, {}, ("a", "b"), (2024,)).to_dict()["measures"]
    keys = [(r["scope"], r["period"], r["measure"], r["category"]) for r in out]
    assert keys == sorted(keys) and len(keys) == 3


def test_compare_text_prints_money_to_the_fen_as_the_json() -> None:
    """24,690.25 yuan over 2 admissions is 12,345.125 yuan: the text shows 12,345.13 (half up,
    as the JSON's fen), not ``:,.2f``'s 12,345.12."""
    province = Province("sp", Name("P", "省"), (Prefecture("pa", Name("A", "甲市"),
                        (small_record_county("a1"),)),))  # fmt: skip
    table = MeasureTable.from_rows([
        ("a1", "2024", "inpatient_cost_insured_in_county", "", 24_690.25),
        ("a1", "2024", "admissions_insured_in_county", "", 2.0),
    ])  # fmt: skip
    comparison = compare_province(table, province, "nhc-2024", "2024",
                                  indicators=["inpatient_cost_per_admission"])  # fmt: skip
    assert "12,345.13" in comparison.to_text() and "12,345.12" not in comparison.to_text()


def test_compare_text_names_counties_undefined_unless_all_are() -> None:
    """The counties without a value are named when some are; when every county is undefined
    for the same reason the text says how many (a hundred names would bury the ranking)."""
    province = Province("sp", Name("P", "省"), (Prefecture("pa", Name("A", "甲市"),
                        (small_record_county("a1"), small_record_county("a2"))),))  # fmt: skip
    some = MeasureTable.from_rows([
        ("a1", "2024", "visits", "", 100.0), ("a1", "2024", "visits_primary", "", 60.0),
    ])  # fmt: skip
    text = compare_province(some, province, "nhc-2024", "2024",
                            indicators=["primary_visit_share"]).to_text()  # fmt: skip
    assert "undefined (missing_input) in 1: a2 — e.g." in text
    text = compare_province(some, province, "nhc-2024", "2024",
                            indicators=["primary_fund_share"]).to_text()  # fmt: skip
    assert "undefined (missing_input) in all 2 counties — e.g." in text
    assert "a1, a2" not in text
