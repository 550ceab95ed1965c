"""What a ``mypy --strict`` user sees: the natural forms the boundary accepts are in the types.

A county given as ``"wanrong"`` or a path, a period as ``2024``, a measures file for a table, a
set's code, a day as ISO text: Python ran these calls, but mypy refused them (``expected
"County"``), so a typed caller had to cast. The public functions that take them are annotated
with the aliases of :mod:`countycare.forms`; a form no function accepts is still flagged.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from mypy import api

from countycare import forms, load_county
from countycare.errors import ArgumentError
from countycare.indicators import evaluate_set, roll_up
from countycare.indicators.samples import packaged_measures
from countycare.report import county_summary

#: Calls as a typed caller writes them; type-checked, never run.
NATURAL_FORMS = """
from pathlib import Path

import numpy as np

from countycare import (
    assess,
    build_scorecard,
    evaluate,
    generate_records,
    indicator_set,
    load_governance,
    measure_records,
    read_measures,
    roll_up,
    suppress_small_cells,
)
from countycare.indicators import evaluate_set, roll_up_periods
from countycare.province import compare_province, measure_province
from countycare.referrals import direction_between
from countycare.report import build_report, county_summary

share = indicator_set("nhc-2024").get("primary_visit_share")
table = read_measures("measures.csv")
county_level = roll_up(table, "wanrong")
from_files = roll_up("measures.csv", Path("wanrong.toml"))
quarters = roll_up_periods("measures.csv", to="quarter")
direction = direction_between("village", "县级")
value = evaluate(share, table, "wanrong", 2024, definition_period=np.int64(2024))
values = evaluate_set("nhc-2024", "measures.csv", "wanrong", "2024Q1")
card = build_scorecard("nhc-2024", table, "wanrong", 2024, baseline_period=2023)
published = suppress_small_cells("measures.csv")
result = measure_records("wanrong", {"encounters": "encounters.parquet"}, [2024])
records = generate_records(Path("county.toml"), 2024)
comparison = compare_province("m.parquet", "province.toml", "nhc-2024", 2024, baseline_period=2023)
measured = measure_province(Path("province.toml"), "dataset")
report = build_report("wanrong", measures="measures.csv", as_of="2024-12-31", period=2024)
summary = county_summary(Path("county.toml"), as_of=np.datetime64("2024-06-30"))
assessment = assess(load_governance("wanrong"), "2024-12-31")
lenient = assess(load_governance("wanrong"), "2024-12-31", satisfying=["implemented", "部分实施"])

# a numpy integer where a whole number is asked (what a DataFrame's max() gives)
from countycare.province import synthetic_province
from countycare.records import clone_county, generate
from countycare.records.engine_spark import measure_records_spark
from countycare.referrals import (
    build_network,
    largest_flows,
    referral_summary,
    synthetic_referrals,
)

referral_rows = synthetic_referrals("wanrong", "2024Q1", np.int64(100), seed=np.int64(2))
network = build_network(referral_rows, "wanrong", "2024Q1")
flows = largest_flows(network, np.int64(3))
top = referral_summary(network, top=np.int64(5))
drawn = generate("wanrong", np.int64(2024), seed=np.int64(1))
clone = clone_county("wanrong", np.int64(3))
province = synthetic_province(np.int64(4), seed=np.int64(1))
cells = suppress_small_cells("measures.csv", np.int64(5))
on_spark = measure_records_spark(None, "wanrong", {"encounters": "e.parquet"}, [2024],
                                 max_problems=np.int64(5))
counted = measure_records("wanrong", {"encounters": "e.parquet"}, np.array([2024]))

# a table's own columns (numpy arrays) to build another table
from countycare.indicators import MeasureTable

renamed = MeasureTable.from_columns(
    np.full(len(table), "county-b", dtype=object), table.period, table.measure, table.category,
    table.value,
)
"""

#: Forms no public function accepts: five calls, five errors.
WRONG_FORMS = """
from countycare import evaluate, indicator_set, read_measures, roll_up
from countycare.province import compare_province
from countycare.referrals import build_network, direction_between, largest_flows

share = indicator_set("nhc-2024").get("primary_visit_share")
table = read_measures("measures.csv")
roll_up(table, 5)
evaluate(share, table, "wanrong", 2024.5)
compare_province(table, 12, "nhc-2024", 2024)
direction_between(5, "county")
largest_flows(build_network(table, "wanrong", 2024), 2.5)
"""


def _mypy(source: str, folder: Path) -> tuple[str, int]:
    path = folder / "caller.py"
    path.write_text(source)
    out, err, status = api.run(["--strict", "--no-error-summary", str(path)])
    return out + err, status


def test_the_natural_forms_type_check(tmp_path: Path) -> None:
    """Every call of :data:`NATURAL_FORMS` passes ``mypy --strict``."""
    out, status = _mypy(NATURAL_FORMS, tmp_path)
    assert status == 0, out


def test_a_wrong_form_is_still_a_type_error(tmp_path: Path) -> None:
    """The aliases are unions of named types, not ``Any``: an int for a county, a fraction for
    a period, an int for a province, an int for a tier and a fraction for a count are each one
    error."""
    out, status = _mypy(WRONG_FORMS, tmp_path)
    assert status == 1
    assert out.count("[arg-type]") == 5, out
    assert 'expected "County | str | PathLike[str]"' in out


def test_the_aliases_name_the_model_classes() -> None:
    """Each alias is a union whose first member is the class it converts to."""
    import typing

    from countycare.community import County
    from countycare.periods import Period

    assert typing.get_args(forms.CountyLike)[0] is County
    assert typing.get_args(forms.PeriodLike)[0] is Period
    assert set(forms.__all__) == {n for n in dir(forms) if n.endswith("Like")} | {"Coded"}
    whole = typing.get_args(forms.IntLike)
    assert whole[0] is int and typing.get_origin(whole[1]) is np.integer
    from countycare.labels import Tier

    coded: Any = forms.Coded  # a generic alias subscripted at run time, as a caller's hint is
    assert set(typing.get_args(coded[Tier])) == {Tier, str}


def test_the_widened_functions_convert_what_they_accept(tmp_path: Path) -> None:
    """Python runs what mypy now accepts: a dataset name, a path-like, a file for a table."""
    table, _ = packaged_measures("wanrong")
    by_name = roll_up(table, "wanrong")
    assert by_name.get("wanrong", "2024", "township_outpatient_visits") == 373_000.0
    county_file = tmp_path / "wanrong.json"
    from countycare.io import dump_county

    dump_county(load_county("wanrong"), county_file)

    class Where:  # a path-like that is not a pathlib.Path
        def __fspath__(self) -> str:
            return str(county_file)

    assert roll_up(table, Where()).mapping() == by_name.mapping()
    measures = tmp_path / "m.csv"
    from countycare.indicators import write_measures

    write_measures(table, measures)
    lines = evaluate_set("NHC-2024", str(measures), "wanrong", np.int64(2024))
    assert lines[0].period == "2024"
    assert county_summary("wanrong", as_of="2024-06-30")["as_of"] == "2024-06-30"


def test_a_wrong_form_at_run_time_is_a_library_error() -> None:
    """The boundary names the argument and says what a county may be, as `coerce.county` does
    (not "a county or text or a path", the members of the union)."""
    table, _ = packaged_measures("wanrong")
    wanted = "county: expected a county, a dataset name such as 'wanrong' or a county file"
    with pytest.raises(ArgumentError, match=re.escape(wanted)):
        roll_up(table, 5)  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=re.escape("period: expected a period such as 2024")):
        evaluate_set("nhc-2024", table, "wanrong", 2024.5)  # type: ignore[arg-type]


def test_a_numpy_integer_reaches_the_body_as_an_int() -> None:
    """``IntLike`` parameters take what a DataFrame gives (``numpy.int64``) and the body gets a
    Python ``int``: a numpy integer kept as it is would print as ``np.int64(3)`` in an id or a
    message, or overflow silently in arithmetic. A fraction is still refused, by its name."""
    from countycare.province import synthetic_province
    from countycare.records import clone_county
    from countycare.referrals import build_network, largest_flows, synthetic_referrals

    clone = clone_county("wanrong", np.int64(3))
    assert clone.id == "wanrong-c03"
    province, _ = synthetic_province(np.int64(2), seed=np.int64(1), scale=0.01)
    assert len(province.counties) == 2
    rows = synthetic_referrals("wanrong", "2024Q1", np.int64(200), seed=np.int64(1))
    network = build_network(rows, "wanrong", "2024Q1")
    assert len(largest_flows(network, np.int64(3))) == 3
    with pytest.raises(ArgumentError, match=r"^n: expected a whole number, got a fraction 2\.5"):
        largest_flows(network, 2.5)  # type: ignore[arg-type]


def test_the_spark_engine_converts_at_the_boundary() -> None:
    """``measure_records_spark`` takes "the same arguments as the DuckDB engine": a wrong county
    is refused by name before any Spark work (it raised ``AttributeError`` from inside), and a
    call it cannot take is a ``CallError``. No Spark session is needed to show either."""
    from countycare.errors import CallError
    from countycare.records.engine_duckdb import measure_region
    from countycare.records.engine_spark import measure_records_spark, measure_region_spark

    wanted = "county: expected a county, a dataset name such as 'wanrong' or a county file"
    with pytest.raises(ArgumentError, match=re.escape(wanted)):
        measure_records_spark(None, 5, {}, [2024])  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=r"^max_problems: expected a whole number"):
        measure_records_spark(None, "wanrong", {}, [2024], max_problems="many")  # type: ignore[arg-type]
    for function in (measure_region, measure_region_spark):
        assert hasattr(function, "__wrapped__")
    with pytest.raises(CallError):
        measure_region_spark(None)  # type: ignore[call-arg]
