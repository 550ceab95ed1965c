"""The indicators and scorecard commands: exact JSON, exit 1 with row numbers, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from countycare.cli import main

HEADER = "scope,period,measure,category,value,unit\n"


def test_indicators_lists_every_set(capsys: pytest.CaptureFixture[str]) -> None:
    """`countycare indicators` shows the four sets and their statuses."""
    assert main(["indicators"]) == 0
    out = capsys.readouterr().out
    for fragment in (
        "hierarchical-care-2015",
        "nhc-2024",
        "nhc-2020",
        "wanrong-five-up-three-down",
    ):
        assert fragment in out


def test_indicators_json_for_one_set(capsys: pytest.CaptureFixture[str]) -> None:
    """`--set nhc-2024 --json` gives 16 definitions with unit, status and reference."""
    assert main(["indicators", "--set", "nhc-2024", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 16
    assert data[3]["code"] == "stationed_physicians_per_10k"
    assert data[3]["status"] == "official"
    assert data[3]["unit"] == "physician / ten_thousand_persons"


def test_indicators_show(capsys: pytest.CaptureFixture[str]) -> None:
    """`indicators show CODE` prints each set's definition with formula and source."""
    assert main(["indicators", "show", "primary_visit_share"]) == 0
    out = capsys.readouterr().out
    assert out.count("primary_visit_share —") == 3
    assert "visits_primary ÷ visits × 100" in out
    assert "国办发〔2015〕70号" in out


def test_indicators_show_unknown_code_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown code is a one-line error and exit 1."""
    assert main(["indicators", "show", "nonsense"]) == 1
    assert "no shipped set defines indicator 'nonsense'" in capsys.readouterr().err


def test_scorecard_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    """``scorecard --json`` prints exactly ``Scorecard.to_dict()``: per line the item, both names,
    the value as a number with numerator and denominator, the verdict apart from the definition's
    status; the 2015 pilot standards no longer judge 2024 (they gave not_met for 3.1 before)."""
    assert main(["scorecard", "wanrong", "--set", "hierarchical-care-2015", "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    # plus "warnings" when most lines cannot be computed (issue #12: said once, carried in JSON)
    assert list(data)[:5] == ["set", "set_status", "scope", "period", "indicators"]
    assert set(data) <= {"set", "set_status", "scope", "period", "indicators", "warnings"}
    assert (data["set"], data["set_status"], data["period"]) == (
        "hierarchical-care-2015",
        "reconstructed",
        "2024",
    )
    share = data["indicators"][1]
    assert share["item"] == "1b" and share["code"] == "primary_visit_share"
    assert share["name"]["zh"] == "基层医疗卫生机构诊疗量占比"
    assert share["value"] == pytest.approx(1_550_000 / 2_460_000 * 100)
    assert share["numerator"] == {"measure": "visits_primary", "value": 1_550_000}
    assert share["denominator"] == {"measure": "visits", "value": 2_460_000}
    assert {e["verdict"] for e in data["indicators"]} <= {"no_target", "undefined"}
    assert all(e["target"] is None for e in data["indicators"])
    assert all(e["definition_status"] == "reconstructed" for e in data["indicators"])
    assert share["citation"]["number"] == "国办发〔2015〕70号"
    assert "ILLUSTRATIVE" in captured.err


def test_nhc_2024_scorecard_shows_the_national_value_beside_3_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No nhc-2024 line is judged against a 2015 target; 3.1 carries the national 2024 value as a
    reference; every line names its definition's status."""
    assert main(["scorecard", "wanrong", "--set", "nhc-2024", "--json"]) == 0
    lines = {e["item"]: e for e in json.loads(capsys.readouterr().out)["indicators"]}
    assert all(
        e["target"] is None or e["target"]["source"]["number"] != "国办发〔2015〕70号"
        for e in lines.values()
    )
    assert lines["3.1"]["verdict"] == "no_target"
    assert lines["3.1"]["reference"]["value"] == 63.4
    assert lines["3.1"]["reference"]["source"]["date"] == "2025-11-27"
    assert {e["definition_status"] for e in lines.values()} <= {
        "official",
        "secondary",
        "reconstructed",
    }
    assert lines["2.1"]["definition_status"] == "official"


def test_scorecard_text_with_baseline_and_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A county target file overrides the national one; the text shows the label and changes."""
    targets = tmp_path / "t.toml"
    targets.write_text(
        '[[target]]\nindicator = "downward_referral_rate"\nsets = ["wanrong-five-up-three-down"]\n'
        'comparator = "ge"\nthreshold = 3\n'
        'unit = "percent * referral / admission"\nscope = "county"\nscope_id = "wanrong"\n'
        'valid_from = 2017-01-01\nsource = "illustrative plan"\n',
        encoding="utf-8",
    )
    argv = ["scorecard", "wanrong", "--set", "wanrong-five-up-three-down", "--period", "2021"]
    argv += ["--baseline-period", "2017", "--targets", str(targets)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith("ILLUSTRATIVE")
    assert "met       target ≥ 3 % (referral / admission) (county wanrong)" in out
    assert "source says +4 % — ambiguous" in out


def test_scorecard_with_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Answers to items 1.1–1.3 come from a file."""
    answers = tmp_path / "a.toml"
    answers.write_text('[[answer]]\ncode = "democratic_decision_making"\nmet = true\n')
    argv = ["scorecard", "wanrong", "--json", "--answers", str(answers)]
    assert main(argv) == 0
    entries = {e["code"]: e for e in json.loads(capsys.readouterr().out)["indicators"]}
    assert entries["democratic_decision_making"]["value"] is True


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("wanrong,2024,vists,,7,", "row 2, column measure: unknown measure 'vists'"),
        ("wanrong,2024,visits,,7,yuan", "row 2, column unit:"),
        ("wanrong,2024,visits,,-7,", "row 2, column value: a count cannot be negative"),
    ],
)
def test_bad_measures_file_exits_1_with_the_row(tmp_path: Path, row: str, message: str) -> None:
    """A bad file is rejected with its row number, exit 1 and no traceback (a real process)."""
    path = tmp_path / "m.csv"
    path.write_text(HEADER + row + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "countycare", "scorecard", str(path), "--county", "wanrong"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert f"{path}: {message}" in result.stderr
    assert "Traceback" not in result.stderr


def test_duplicate_row_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A duplicate row names the row it repeats."""
    path = tmp_path / "m.csv"
    path.write_text(HEADER + "wanrong,2024,visits,,7,\nwanrong,2024,visits,,8,\n")
    assert main(["scorecard", str(path), "--county", "wanrong"]) == 1
    assert "row 3, column measure: duplicate of row 2" in capsys.readouterr().err


def test_disagreeing_area_and_institutions_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A county figure contradicting its township centres' figures is rejected with both numbers."""
    rows = "".join(
        f"wr-thc-{k:02d},2024,township_outpatient_visits,,10,\n" for k in range(1, 15)
    ) + "".join(f"wr-thb-{k:02d},2024,township_outpatient_visits,,10,\n" for k in range(1, 4))
    path = tmp_path / "m.csv"
    path.write_text(HEADER + rows + "wanrong,2024,township_outpatient_visits,,100,\n")
    assert main(["scorecard", str(path), "--county", "wanrong"]) == 1
    err = capsys.readouterr().err
    assert "the file gives 100.0 for wanrong but its parts sum to 170.0" in err


def test_scope_is_needed_without_a_county(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --county and with several scopes, the user must say which: exit 2."""
    path = tmp_path / "m.csv"
    path.write_text(HEADER + "a,2024,visits,,7,\nb,2024,visits,,7,\n")
    assert main(["scorecard", str(path)]) == 2
    assert "--scope" in capsys.readouterr().err


def test_a_file_with_no_rows_is_bad_data_not_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A header without rows is exit 1 naming the file, not 'the file has several scopes'."""
    path = tmp_path / "m.csv"
    path.write_text(HEADER)
    assert main(["scorecard", str(path)]) == 1
    assert capsys.readouterr().err == f"{path}: $: the file has no rows of figures\n"


def test_a_quarter_of_a_monthly_file_is_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--period 2024Q1`` on a file of months used to exit 1 ("it holds 2024, 2024-01, …")
    though the months were there; the quarter is now made of its three months."""
    rows = "".join(
        f"c,2024-{m:02d},visits,,{100 * m},\nc,2024-{m:02d},visits_primary,,{60 * m},\n"
        for m in range(1, 13)
    )
    path = tmp_path / "m.csv"
    path.write_text(HEADER + rows)
    args = ["scorecard", str(path), "--set", "nhc-2024", "--json", "--period"]
    assert main([*args, "2024Q1"]) == 0
    share = next(
        e
        for e in json.loads(capsys.readouterr().out)["indicators"]
        if e["code"] == "primary_visit_share"
    )
    assert share["numerator"] == {"measure": "visits_primary", "value": 60 * (1 + 2 + 3)}
    assert share["denominator"] == {"measure": "visits", "value": 100 * (1 + 2 + 3)}
    assert share["value"] == pytest.approx(60.0)


def test_a_set_code_in_any_case_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    """``--set NHC-2024`` (as the documents write it) was a usage error ("invalid choice")
    while the library reads set codes in any case; every ``--set`` takes it now, and an
    unknown code is still a usage error naming the choices."""
    assert main(["indicators", "--set", "nhc-2024"]) == 0
    expected = capsys.readouterr().out
    assert main(["indicators", "--set", " NHC-2024 "]) == 0
    assert capsys.readouterr().out == expected
    with pytest.raises(SystemExit) as refused:
        main(["indicators", "--set", "NHC-2099"])
    assert refused.value.code == 2
    assert "invalid choice: 'nhc-2099'" in capsys.readouterr().err
