"""One document per result: what ``--json`` prints is, byte for byte, the result's ``to_dict()``.

For every result type with a ``--json`` command — CountyReport (``report``), County (``show``),
the county file check
(``validate``), Scorecard (``scorecard``), ReferralNetwork (``referrals``), Assessment
(``assess``), Settlement (``settle``), MeasureResult with its validation reports (``measure``) —
the test builds the result with the library, as a caller would, and compares the command's
standard output with ``json.dumps(result.to_dict(), ensure_ascii=False, indent=2)``. Then every
command's JSON is scanned for the Python class names of the package, which a user never reads.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

import countycare
from countycare import (
    assess,
    build_network,
    build_scorecard,
    check_county_file,
    dump_county,
    load_county,
    load_governance,
    read_measures,
    synthetic_referrals,
)
from countycare.cli import main
from countycare.datasets import resource
from countycare.finance.rules_file import load_settlement_case
from countycare.indicators.rollup import roll_up, roll_up_periods
from countycare.periods import Period
from countycare.report.content import build_report
from countycare.report.inputs import read_inputs

_EXAMPLES = Path(__file__).parents[2] / "examples"


def _printed(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    capsys.readouterr()
    assert main(argv) == 0
    return capsys.readouterr().out


def _document(result: Any, **kwargs: Any) -> str:
    return json.dumps(result.to_dict(**kwargs), ensure_ascii=False, indent=2) + "\n"


def test_report_prints_the_county_report(capsys: pytest.CaptureFixture[str]) -> None:
    """``report wanrong --json`` prints ``build_report(...).to_dict()``: the report the HTML
    page shows (facts, scorecards, assessment, referrals, settlement), built from the same
    packaged inputs, byte for byte."""
    inputs = read_inputs("wanrong")
    report = build_report(inputs.pop("county"), **inputs)
    out = _printed(capsys, ["report", "wanrong", "--json"])
    assert out == _document(report)
    data = json.loads(out)
    assert data["county"]["population"] == 362000 and data["scorecards"]
    assert data["settlement"]["budget"] == report.settlement.to_dict()["budget"]
    assert "edges" not in data["network"] and data["network"]["totals"]


def test_a_county_file_alone_reports_what_it_can(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A county file with no other input: the county and its facts, every other section null
    or empty, and the same document as the library's."""
    path = tmp_path / "c.toml"
    dump_county(load_county("wanrong"), path)
    out = _printed(capsys, ["report", str(path), "--as-of", "2022-03-28", "--json"])
    expected = build_report(load_county(path), as_of=dt.date(2022, 3, 28))
    assert out == _document(expected)
    data = json.loads(out)
    assert (data["scorecards"], data["network"], data["settlement"]) == ([], None, None)
    assert data["as_of"] == data["county"]["as_of"] == "2022-03-28"


def test_show_prints_the_county_document(capsys: pytest.CaptureFixture[str]) -> None:
    """``show --json`` and ``show --format json`` print ``County.to_dict()``."""
    expected = _document(load_county("wanrong"))
    assert _printed(capsys, ["show", "wanrong", "--json"]) == expected
    assert _printed(capsys, ["show", "wanrong", "--format", "json"]) == expected


def test_validate_prints_the_file_check(capsys: pytest.CaptureFixture[str]) -> None:
    """``validate --json`` prints ``check_county_file(...).to_dict()``."""
    assert _printed(capsys, ["validate", "wanrong", "--json"]) == _document(
        check_county_file("wanrong")
    )


def test_an_invalid_file_prints_the_same_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file with problems: the command exits 1 and still prints the check's document."""
    path = tmp_path / "bad.json"
    data = load_county("wanrong").to_dict()
    data["institutions"][0]["beds"] = -1
    path.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(path), "--json"]) == 1
    check = check_county_file(str(path))
    assert not check.valid
    assert capsys.readouterr().out == _document(check)


def test_scorecard_prints_the_scorecard(capsys: pytest.CaptureFixture[str]) -> None:
    """``scorecard wanrong --period 2024 --json`` prints ``build_scorecard(...).to_dict()``,
    warnings included (they are the scorecard's own now, not added by the command)."""
    county = load_county("wanrong")
    path = resource("wanrong.measures.csv")
    table = roll_up(
        roll_up_periods(read_measures(path, county=county), source=str(path)),
        county,
        source=str(path),
    )
    card = build_scorecard("nhc-2024", table, "wanrong", "2024", county="wanrong")
    out = _printed(capsys, ["scorecard", "wanrong", "--period", "2024", "--json"])
    assert out == _document(card)


def test_referrals_prints_the_network(capsys: pytest.CaptureFixture[str]) -> None:
    """``referrals --synthetic N --json`` prints ``ReferralNetwork.to_dict(top=...)``: the
    summary's numbers and the network's nodes and edges in one document."""
    county = load_county("wanrong")
    records = synthetic_referrals(county, Period.year(2024), 300, seed=1)
    network = build_network(records, county)
    out = _printed(capsys, ["referrals", "--synthetic", "300", "--seed", "1", "--top", "4",
                            "--json"])  # fmt: skip
    assert out == _document(network, top=4)
    data = json.loads(out)
    assert len(data["largest_flows"]) == 4 and data["edges"] and data["bypass"] is not None


def test_referrals_from_a_graph_say_what_needs_the_county() -> None:
    """A network read back from a graph has no county: the county's analyses are None, not 0."""
    county = load_county("wanrong")
    network = build_network(synthetic_referrals(county, "2024", 200, seed=2), county, "2024")
    back = type(network).from_networkx(network.to_networkx())
    data = back.to_dict()
    assert data["bypass"] is None and data["unreachable_members"] is None
    assert data["totals"] == network.to_dict()["totals"]


def test_assess_prints_the_assessment(capsys: pytest.CaptureFixture[str]) -> None:
    """``assess --json`` prints ``assess(governance, day).to_dict()``, the community's
    authority and dimensions included."""
    county = load_county("wanrong")
    assessment = assess(load_governance("wanrong", county), dt.date(2022, 3, 28))
    out = _printed(capsys, ["assess", "wanrong", "--as-of", "2022-03-28", "--json"])
    assert out == _document(assessment)
    assert json.loads(out)["lead"]


def test_settle_prints_the_settlement(capsys: pytest.CaptureFixture[str]) -> None:
    """``settle RULES --json`` prints ``case.settle().to_dict()``: year, budget method as a
    code, rules, score and amounts in one flat document."""
    rules = _EXAMPLES / "finance_rules.toml"
    settlement = load_settlement_case(rules).settle()
    out = _printed(capsys, ["settle", str(rules), "--json"])
    assert out == _document(settlement)
    data = json.loads(out)
    assert data["budget_method"]["code"] == "history" and data["rules"] is not None


def test_measure_prints_the_measure_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``measure --json`` prints ``MeasureResult.to_dict()`` (the values and the validation
    report of each kind), the same as ``measure_records`` gives."""
    from countycare.records.dataset import dataset_paths, write_dataset
    from countycare.records.engine_duckdb import measure_records
    from countycare.records.schemas import RecordKind
    from countycare.records.synthetic import generate
    from countycare.testing.records import small_record_county

    county = small_record_county()
    write_dataset(tmp_path / "d", county, {2024: generate(county, 2024, seed=3)})
    dump_county(county, tmp_path / "c.toml")
    sources = {k: dataset_paths(tmp_path / "d", k, county.id, [2024]) for k in RecordKind}
    result = measure_records(county, sources, [2024], {"visits"})
    out = _printed(capsys, ["measure", str(tmp_path / "d"), "--county", str(tmp_path / "c.toml"),
                            "--measures", "visits", "--out", str(tmp_path / "m.csv"), "--quiet",
                            "--json"])  # fmt: skip
    assert out == _document(result)
    assert json.loads(out)["reports"]


_CLASS_NAMES = sorted(
    {
        name
        for module in (countycare, countycare.finance, countycare.governance, countycare.referrals)
        for name in module.__all__
        if re.fullmatch(r"(?:[A-Z][a-z0-9]+){2,}", name)
    }
)


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "wanrong", "--json"],
        ["validate", "wanrong", "--json"],
        ["show", "wanrong", "--json"],
        ["datasets", "--json"],
        ["indicators", "--json"],
        ["indicators", "show", "3.1", "--json"],
        ["scorecard", "wanrong", "--json"],
        ["assess", "wanrong", "--as-of", "2022-03-28", "--json"],
        ["settle", str(_EXAMPLES / "finance_rules.toml"), "--json"],
        ["referrals", "--synthetic", "200", "--json"],
    ],
    ids=lambda argv: argv[0] if argv[0] != "indicators" or len(argv) == 2 else "indicators-show",
)
def test_every_json_is_valid_and_names_no_python_class(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Each command's ``--json`` is one valid JSON document, and no value in it is a CamelCase
    class name of the package (``HistoryBudget`` was one): codes and words only."""
    data = json.loads(_printed(capsys, argv))
    found = [name for name in _CLASS_NAMES if re.search(rf"\b{name}\b", json.dumps(data))]
    assert found == []


@pytest.fixture(scope="module")
def small_dataset(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A one-year record dataset of a small county, with its county file: for ``measure``."""
    from countycare.records.dataset import write_dataset
    from countycare.records.synthetic import generate
    from countycare.testing.records import small_record_county

    folder = tmp_path_factory.mktemp("measure")
    county = small_record_county()
    write_dataset(folder / "d", county, {2024: generate(county, 2024, seed=3)})
    dump_county(county, folder / "c.toml")
    return {"dataset": str(folder / "d"), "county": str(folder / "c.toml"),
            "out": str(folder / "m.csv")}  # fmt: skip


def test_measure_json_is_valid_and_names_no_python_class(
    small_dataset: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """``measure --json``, the eleventh command of the list, is one valid JSON document too."""
    argv = ["measure", small_dataset["dataset"], "--county", small_dataset["county"],
            "--measures", "visits", "--out", small_dataset["out"], "--quiet", "--json"]  # fmt: skip
    data = json.loads(_printed(capsys, argv))
    assert [name for name in _CLASS_NAMES if re.search(rf"\b{name}\b", json.dumps(data))] == []


def test_version_names_the_package(capsys: pytest.CaptureFixture[str]) -> None:
    """``countycare --version`` prints ``countycare <version>`` and exits 0."""
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"countycare {countycare.__version__}\n"


def test_the_class_name_scan_would_see_one() -> None:
    """The scan above is not vacuous: the package has CamelCase classes, among them the budget
    rules whose names the settlement used to print."""
    assert {"HistoryBudget", "ReferralNetwork", "SettlementRules"} <= set(_CLASS_NAMES)


@pytest.mark.parametrize(
    "argv",
    [
        ["settle", "no-such-rules.toml"],
        ["settle", str(_EXAMPLES / "build_a_county.py")],
        ["show", "no-such-county"],
        ["validate", "no-such-county.toml", "--json"],
        ["referrals", "no-such-records.csv", "--json"],
        ["scorecard", "wanrong", "--period", "1999", "--json"],
        ["assess", "wanrong", "--as-of", "someday", "--json"],
        ["indicators", "show", "9.9", "--json"],
        ["measure", "no-such-folder", "--county", "wanrong", "--out", "m.csv", "--json"],
    ],
    ids=lambda argv: "-".join(argv[:2]),
)
def test_no_error_message_names_a_python_class(
    argv: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """A wrong file or value is refused (exit 1 or 2) in words: no class name of the package
    and no traceback on standard error."""
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code  # type: ignore[assignment]
    assert code in (1, 2)
    err = capsys.readouterr().err
    assert err and "Traceback" not in err
    assert [name for name in _CLASS_NAMES if re.search(rf"\b{name}\b", err)] == []
