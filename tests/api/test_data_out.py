"""Data out, one convention: ``to_dict()`` on every result, Arrow/pandas/polars for the tables,
and readers that take a DataFrame as readily as a file, with the same problems for the same rows.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from countycare import (
    Q_,
    DataError,
    MeasureTable,
    SettlementRules,
    Spending,
    assess,
    build_network,
    build_scorecard,
    load_county,
    load_governance,
    read_measures,
    settle,
    synthetic_referrals,
    tabular,
)
from countycare.errors import CountyCareError, Problem
from countycare.tabular import MissingExtraError

_TABLE = MeasureTable.from_rows(
    [
        ("wanrong", "2024", "visits", "", 2_460_000.0),
        ("wanrong", "2024", "visits_primary", "", 1_550_000.0),
        ("wanrong", "2024", "fund_paid_residents", "", 125_000.0),
    ]
)


def test_measure_table_to_dict_is_json_and_reads_back(tmp_path: Path) -> None:
    """A table's to_dict() is JSON and is itself a measures file: read back, the same table."""
    text = json.dumps(_TABLE.to_dict())
    path = tmp_path / "m.json"
    path.write_text(text, encoding="utf-8")
    assert read_measures(path) == _TABLE


@pytest.mark.parametrize("kind", ["arrow", "pandas", "polars"])
def test_measure_table_round_trips_through_every_frame(kind: str) -> None:
    """to_arrow/to_pandas/to_polars give the columns; read_measures takes each back unchanged."""
    frame: Any = {
        "arrow": _TABLE.to_arrow,
        "pandas": _TABLE.to_pandas,
        "polars": _TABLE.to_polars,
    }[kind]()
    assert list(frame.columns if kind != "arrow" else frame.column_names) == [
        "scope", "period", "measure", "category", "value", "unit",
    ]  # fmt: skip
    assert read_measures(frame) == _TABLE


def test_a_frame_gives_the_same_problems_as_the_same_rows_in_a_file(tmp_path: Path) -> None:
    """The same bad rows, in a JSON file and in a DataFrame, give the same problems (records
    are numbered from 1 in both)."""
    rows = [
        {"scope": "wanrong", "period": "2024", "measure": "visits", "value": -3.0},
        {"scope": "wanrong", "period": "2024Q5", "measure": "vists", "value": 1.0},
    ]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(DataError) as from_file:
        read_measures(path)
    with pytest.raises(DataError) as from_frame:
        read_measures(pd.DataFrame(rows))
    with pytest.raises(DataError) as from_polars:
        read_measures(pl.DataFrame(rows))
    assert from_file.value.problems == from_frame.value.problems == from_polars.value.problems
    assert from_frame.value.source == "<pandas DataFrame>"


def test_a_frame_missing_a_column_says_so_once() -> None:
    """A DataFrame without the value column is one problem naming it, not one per row."""
    with pytest.raises(DataError) as caught:
        read_measures(
            pd.DataFrame({"scope": ["a"] * 5, "period": ["2024"] * 5, "measure": ["x"] * 5})
        )
    assert [str(p) for p in caught.value.problems] == ["$: missing column(s) value"]


def test_read_measures_refuses_what_is_neither_file_nor_table() -> None:
    """A number where a file or table belongs is a library error naming the argument."""
    with pytest.raises(CountyCareError, match="path: expected a measures file"):
        read_measures(42)


def test_a_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas, to_pandas() says which extra installs it; nothing else breaks."""
    import builtins

    real_import = builtins.__import__

    def no_pandas(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pandas":
            raise ImportError("no pandas here")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    monkeypatch.delitem(__import__("sys").modules, "pandas", raising=False)
    with pytest.raises(MissingExtraError, match=r"countycare\[pandas\]"):
        _TABLE.to_pandas()


def test_the_results_have_json_ready_to_dict() -> None:
    """County, MeasureTable, ReferralNetwork, Assessment, Settlement and problems: to_dict()
    gives plain JSON data (json.dumps succeeds without a default)."""
    county = load_county("wanrong")
    governance = load_governance("wanrong")
    network = build_network(synthetic_referrals(county, "2024", 200, seed=1), county, "2024")
    settlement = settle(
        Q_(100, "wan_yuan"),
        Spending(Q_(224.08, "wan_yuan"), Q_(0, "yuan")),
        SettlementRules(0.5, 0.5, include_out_of_county=True),
    )
    for result in (
        county,
        _TABLE,
        network,
        assess(governance, dt.date(2022, 3, 28)),
        settlement,
        Problem("$.id", "x"),
        DataError([Problem("row 2", "bad")], "f.csv"),
    ):
        data = result.to_dict()
        assert isinstance(data, dict)
        assert json.loads(json.dumps(data)) == data


def test_settlement_money_is_to_the_fen() -> None:
    """Serialised money carries no float noise: 224.08 万元 overspent is 1,240,800.00 yuan."""
    settlement = settle(
        Q_(100, "wan_yuan"),
        Spending(Q_(224.08, "wan_yuan"), Q_(0, "yuan")),
        SettlementRules(0.5, 0.5, include_out_of_county=True),
    )
    data = settlement.to_dict()
    assert data["overspend"] == 1_240_800.0
    assert all(
        round(v, 2) == v for k, v in data.items() if isinstance(v, float) and k != "surplus_share"
    )


def test_scorecard_takes_set_codes_period_text_and_frames() -> None:
    """build_scorecard(set code, DataFrame, scope, "2024") equals the call with objects."""
    from countycare import indicator_set

    frame = _TABLE.to_pandas()
    by_code = build_scorecard("nhc-2024", frame, "wanrong", 2024)
    by_object = build_scorecard(indicator_set("nhc-2024"), _TABLE, "wanrong", "2024")
    assert by_code == by_object


def test_the_tabular_helpers_refuse_non_tables() -> None:
    """arrow_table names the argument when given something that is not a table."""
    assert tabular.is_table(pa.table({"a": [1]}))
    with pytest.raises(CountyCareError, match="records: expected a pandas or polars"):
        tabular.arrow_table([1, 2], "records")


def test_money_as_pairs_builds_the_same_settlement() -> None:
    """Amounts as (amount, unit) pairs give the same spending, budget and settlement as
    quantities."""
    from countycare import FixedBudget

    rules = SettlementRules(0.5, 0.5, include_out_of_county=True)
    pairs = Spending((224.08, "wan_yuan"), (0, "yuan"))
    quantities = Spending(Q_(224.08, "wan_yuan"), Q_(0, "yuan"))
    assert pairs == quantities
    assert FixedBudget((100, "wan_yuan")) == FixedBudget(Q_(100, "wan_yuan"))
    assert settle((100, "wan_yuan"), pairs, rules) == settle(Q_(100, "wan_yuan"), quantities, rules)


def test_scorecard_money_is_to_the_fen() -> None:
    """Money and money per admission in a scorecard's JSON are rounded to the fen (0.01 yuan):
    no float noise such as 333333.3333333333 yuan per admission."""
    table = MeasureTable.from_rows(
        [
            ("c", "2024", "inpatient_cost_insured_in_county", "", 1_000_000.0 / 3),
            ("c", "2024", "admissions_insured_in_county", "", 1.0),
        ]
    )
    line = build_scorecard("nhc-2024", table, "c", "2024")["inpatient_cost_per_admission"]
    data = line.to_dict()
    assert data["value"] == 333_333.33
    assert data["numerator"]["value"] == 333_333.33
    assert data["denominator"]["value"] == 1.0
