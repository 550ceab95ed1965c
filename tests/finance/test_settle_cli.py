"""``countycare settle``: a good rules file settles; a bad one exits 1 naming every path."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from countycare.cli import main

REJECTED = sorted((Path(__file__).parent / "rejected").glob("*.toml"))
CASES = Path(__file__).parent / "cases"


def _write_rules(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("case_path", REJECTED, ids=[p.stem for p in REJECTED])
def test_bad_rules_file_is_rejected_with_paths(
    case_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Exit 1, no traceback, one line per problem naming the file and the $.path."""
    case = tomllib.loads(case_path.read_text(encoding="utf-8"))
    _write_rules(tmp_path, case["input"])
    monkeypatch.chdir(tmp_path)
    assert main(["settle", "--rules", "rules.toml"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for line in case["expected"]:
        assert line in err.splitlines()


def test_settle_prints_json_with_the_formula_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON output carries the amounts in yuan and the status of the settlement formula."""
    case = tomllib.loads((CASES / "settle_surplus_with_corridor.toml").read_text(encoding="utf-8"))
    path = _write_rules(tmp_path, case["input"])
    assert main(["settle", "--rules", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["fund_payment"] == pytest.approx(9_100_000.0)
    assert data["formula"]["status"] == "secondary"


def test_settle_prints_a_table_in_wan_yuan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The text output shows the retained surplus in 万元, exact to the fen (the hand
    computation's 61.488, not 61.49), and the surplus share used."""
    case = tomllib.loads((CASES / "settle_history_score_linked.toml").read_text(encoding="utf-8"))
    path = _write_rules(tmp_path, case["input"])
    assert main(["settle", "--rules", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Surplus retained by the community (结余留用): 61.488\n" in out
    assert "Surplus share r = 0.7 at assessment score 80" in out


def test_score_linked_share_without_a_score_is_rejected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A share that depends on a score needs one: the file is rejected at $.assessment."""
    case = tomllib.loads((CASES / "settle_history_score_linked.toml").read_text(encoding="utf-8"))
    del case["input"]["assessment"]
    path = _write_rules(tmp_path, case["input"])
    assert main(["settle", "--rules", str(path)]) == 1
    assert "$.assessment: required" in capsys.readouterr().err


def test_unknown_key_is_rejected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A typo in a rule's name is reported, not silently ignored."""
    case = tomllib.loads((CASES / "settle_overspend_shared.toml").read_text(encoding="utf-8"))
    case["input"]["settlement"]["surplus_shar"] = 0.3
    path = _write_rules(tmp_path, case["input"])
    assert main(["settle", "--rules", str(path)]) == 1
    assert "$.settlement.surplus_shar: unknown key" in capsys.readouterr().err


def test_unknown_items_refuse_a_score_linked_settlement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One practice recorded leaves every nhc-2024 item unknown: the score-linked settlement is
    refused with the items named, not settled on a silent score of 0."""
    source = Path(__file__).parent / "rejected" / "unknown_practice.toml"
    data = tomllib.loads(source.read_text(encoding="utf-8"))["input"]
    data["assessment"]["practices"] = data["assessment"]["practices"][:1]
    path = _write_rules(tmp_path, data)
    assert main(["settle", "--rules", str(path), "--json"]) == 1
    err = capsys.readouterr().err
    assert "$.assessment: the surplus share depends on the score" in err
    assert "unknown_as" in err and "Traceback" not in err


def test_practices_give_the_score_under_a_stated_assumption(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With unknown_as stated, the assessed score picks the share and the assumption is
    printed with the result (JSON and text)."""
    source = Path(__file__).parent / "rejected" / "unknown_practice.toml"
    data = tomllib.loads(source.read_text(encoding="utf-8"))["input"]
    data["assessment"]["practices"] = data["assessment"]["practices"][:1]
    data["assessment"]["unknown_as"] = "not_met"
    path = _write_rules(tmp_path, data)
    assert main(["settle", "--rules", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["score"] == 0.0
    assert out["surplus_share"] == 0.2
    assert out["score_assumption"] == "3 unknown items counted as not met"
    assert out["assessment_score"]["status"] == "reconstructed"
    assert main(["settle", "--rules", str(path)]) == 0
    text = capsys.readouterr().out
    assert "ASSUMPTION stated by the rules: 3 unknown items counted as not met" in text
    assert "items met per 100 items [reconstructed]" in text


def test_example_rules_file_settles(capsys: pytest.CaptureFixture[str]) -> None:
    """The illustrative rules file shipped in examples/ (used by the demo) settles cleanly."""
    path = Path(__file__).resolve().parents[2] / "examples" / "finance_rules.toml"
    assert main(["settle", "--rules", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["surplus_share"] == 0.5
    total = data["fund_payment"] + data["community_burden"]
    assert total == pytest.approx(data["actual"])
