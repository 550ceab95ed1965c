"""The county commands: exit codes, one line per problem, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from countycare.cli import main
from countycare.io import load_county

from .test_county_properties import BAD_COUNTY


def test_report_prints_the_seed_counts(capsys: pytest.CaptureFixture[str]) -> None:
    """`countycare report` on Wanrong shows the interview's counts."""
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    for fragment in (
        "万荣县",
        "362,000",
        "Townships (乡镇): 14",
        "Villages (行政村): 207",
        "Village clinic (村卫生室): 274",
    ):
        assert fragment in out


def test_report_json(capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON report carries the same figures, in its ``county`` section."""
    assert main(["report", "wanrong", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)["county"]
    assert data["population"] == 362_000
    assert data["communities"][0]["members_by_role"]["member"] == 14


def test_show_then_validate_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """show --format json > w.json; validate w.json exits 0 and reloads equal to the original."""
    assert main(["show", "wanrong", "--format", "json"]) == 0
    path = tmp_path / "w.json"
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert load_county(path) == load_county("wanrong")


def test_show_toml_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """show --format toml is a loadable county file too."""
    assert main(["show", "wanrong", "--format", "toml"]) == 0
    path = tmp_path / "w.toml"
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    assert load_county(path) == load_county("wanrong")


def test_validate_names_all_four_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file with four mistakes: exit 1 and one `FILE: $.path: message` line for each."""
    path = tmp_path / "bad.toml"
    path.write_text(BAD_COUNTY, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    for where in (
        "$.institutions[0].bedz",
        "$.institutions[2].id",
        "$.institutions[3].parent",
        "$.institutions[3].area",
    ):
        assert f"{path}: {where}: " in err


def test_subprocess_exit_codes_without_traceback(tmp_path: Path) -> None:
    """As a process: 1 for bad data, 2 for bad usage, and never a traceback."""
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD_COUNTY, encoding="utf-8")
    for args, code in (
        (["validate", str(bad)], 1),
        (["report", "narnia"], 1),
        (["report", "--nope"], 2),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "countycare", *args], capture_output=True, text=True, check=False
        )
        assert result.returncode == code, result.stderr
        assert "Traceback" not in result.stderr


def test_datasets_lists_wanrong(capsys: pytest.CaptureFixture[str]) -> None:
    """`countycare datasets` lists the packaged county."""
    assert main(["datasets"]) == 0
    assert capsys.readouterr().out.startswith("wanrong\tWanrong County (万荣县)")
