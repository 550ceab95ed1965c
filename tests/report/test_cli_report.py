"""`countycare report COUNTY --html FILE`: writes one file, says where; bad inputs give one
line per problem and exit 1; --lang is checked as usage."""

from __future__ import annotations

from pathlib import Path

import pytest

from countycare.cli import main


def test_report_html_writes_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The Wanrong report is written as one HTML file in English, and the command says where."""
    target = tmp_path / "out" / "wanrong.html"
    assert main(["report", "wanrong", "--html", str(target), "--lang", "en"]) == 0
    assert f"wrote {target}" in capsys.readouterr().out
    page = target.read_text(encoding="utf-8")
    assert "Basic facts" in page and "362,000" in page
    assert list(target.parent.iterdir()) == [target]


def test_report_html_with_a_bad_settlement_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing input file is one line naming it, exit 1, no traceback."""
    missing = tmp_path / "nope.toml"
    code = main(
        ["report", "wanrong", "--html", str(tmp_path / "x.html"), "--settlement", str(missing)]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "nope.toml" in err and "Traceback" not in err


def test_report_lang_is_checked(tmp_path: Path) -> None:
    """An unknown language is a usage error (exit 2)."""
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "wanrong", "--html", str(tmp_path / "x.html"), "--lang", "fr"])
    assert exit_info.value.code == 2
