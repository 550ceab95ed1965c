"""DHIS2 data value sets round-trip a measure table and report bad values by path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from countycare.cli import main
from countycare.errors import DataError
from countycare.indicators.table import MeasureTable
from countycare.io.dhis2 import from_data_value_set, to_data_value_set

_keys = st.tuples(
    st.sampled_from(["wanrong", "wr-t01", "wr-thc-01"]),
    st.sampled_from(["2024", "2024Q2", "2024-03", "2023-12"]),
    st.sampled_from(["visits", "visits_primary", "ncd4_deaths"]),
    st.sampled_from(["", "30-34", "65-69"]),
)
tables = st.dictionaries(
    _keys,
    st.floats(min_value=0, max_value=1e12, allow_nan=False) | st.integers(0, 10**9).map(float),
    max_size=30,
).map(lambda d: MeasureTable.from_rows([(*k, v) for k, v in d.items()]))


@given(tables)
def test_round_trip_without_mappings(table: MeasureTable) -> None:
    """Export then import gives back the same table."""
    assert from_data_value_set(to_data_value_set(table)) == table


@given(tables)
def test_round_trip_with_uid_mappings(table: MeasureTable) -> None:
    """With code → UID mappings, the document holds UIDs and the import maps them back."""
    org_units = {"wanrong": "WRcounty001", "wr-t01": "WRtownsh001", "wr-thc-01": "WRcentre001"}
    elements = {"visits": "DEvisits001"}
    document = to_data_value_set(table, org_units=org_units, data_elements=elements)
    assert all(v["orgUnit"] in org_units.values() for v in document["dataValues"])
    assert from_data_value_set(document, org_units=org_units, data_elements=elements) == table


def test_months_use_dhis2_period_format() -> None:
    """2024-03 is written 202403 (DHIS2's monthly period), years and quarters unchanged."""
    table = MeasureTable.from_rows(
        [
            ("c", "2024-03", "visits", "", 1.0),
            ("c", "2024Q1", "visits", "", 2.0),
            ("c", "2024", "visits", "", 3.0),
        ]
    )
    periods = [v["period"] for v in to_data_value_set(table)["dataValues"]]
    assert periods == ["202403", "2024Q1", "2024"]


def test_bad_values_are_reported_by_path() -> None:
    """Non-numeric values and missing fields are each reported at $.dataValues[i]."""
    document = {
        "dataValues": [
            {"dataElement": "visits", "period": "2024", "orgUnit": "c", "value": "many"},
            {"dataElement": "visits", "period": "2024", "value": "3"},
        ]
    }
    with pytest.raises(DataError) as info:
        from_data_value_set(document, source="values.json")
    assert [p.path for p in info.value.problems] == ["$.dataValues[0].value", "$.dataValues[1]"]
    assert "values.json: $.dataValues[0].value: not a number: 'many'" in str(info.value)


def test_cli_exports_a_measures_file(tmp_path: Path) -> None:
    """`countycare export dhis2 FILE` writes every row of the measures file as a data value."""
    source = tmp_path / "m.csv"
    source.write_text(
        "scope,period,measure,category,value,unit\n"
        "wanrong,2024-03,visits,,210000,\n"
        "wanrong,2024,fund_paid_residents,,3,wan_yuan\n",
        encoding="utf-8",
    )
    out = tmp_path / "m.json"
    assert main(["export", "dhis2", str(source), "--county", "wanrong", "--out", str(out)]) == 0
    values = json.loads(out.read_text(encoding="utf-8"))["dataValues"]
    assert {(v["dataElement"], v["period"], v["value"]) for v in values} == {
        ("visits", "202403", "210000"),
        ("fund_paid_residents", "2024", "30000"),
    }


def test_cli_rejects_a_bad_measures_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad row is reported with its row number and exit 1, no document written."""
    source = tmp_path / "m.csv"
    source.write_text(
        "scope,period,measure,category,value,unit\nwanrong,2024,visitz,,1,\n", encoding="utf-8"
    )
    assert main(["export", "dhis2", str(source), "--out", str(tmp_path / "m.json")]) == 1
    assert "row" in capsys.readouterr().err
    assert not (tmp_path / "m.json").exists()


def test_cli_output_under_a_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--out under a path that is a file is refused before the work (exit 2), not a traceback;
    a folder that does not exist yet is created."""
    source = tmp_path / "m.csv"
    source.write_text(
        "scope,period,measure,category,value,unit\nwanrong,2024,visits,,1,\n", encoding="utf-8"
    )
    out = source / "m.json"
    with pytest.raises(SystemExit) as caught:
        main(["export", "dhis2", str(source), "--out", str(out)])
    assert caught.value.code == 2
    assert f"{source} is a file, not a folder" in capsys.readouterr().err
    created = tmp_path / "absent" / "m.json"
    assert main(["export", "dhis2", str(source), "--out", str(created)]) == 0
    assert created.is_file()
