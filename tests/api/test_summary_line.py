"""The closing count line of a refusal: ``FILE: N problems``, in one form for every command.

A list of problems ends with it (one problem is its own summary). N counts the problems, not the
lines printed: a list cut short ends with "… and N more", which is no problem of its own, so N is
then the number of problems in all (the rows rejected).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow.csv as pacsv
import pytest

from countycare import load_county
from countycare.cli import main
from countycare.periods import Period
from countycare.referrals.synthetic import synthetic_referrals

_SUMMARY = re.compile(r"^(?P<source>.+): (?P<n>\d[\d,]*) problems?$")


def _refusal(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err.splitlines()


def test_a_list_cut_short_counts_the_rows_not_its_closing_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Referral records with 70 wrong rows: five are listed, then "… and 65 more: 70 rows
    rejected"; the summary says 70 problems (it said 6: five rows and the closing line)."""
    county = load_county("wanrong")
    table = synthetic_referrals(county, Period.parse("2024"), 3000, seed=5, defects=0.03)
    path = tmp_path / "referrals.csv"
    pacsv.write_csv(table, path)
    lines = _refusal(["referrals", str(path), "--period", "2024"], capsys)
    closing = re.search(r"… and [\d,]+ more: (?P<n>[\d,]+) rows rejected", lines[-2])
    summary = _SUMMARY.match(lines[-1])
    assert closing and summary, lines[-2:]
    assert summary["source"] == str(path)
    assert summary["n"] == closing["n"] and int(closing["n"].replace(",", "")) > 6


@pytest.mark.parametrize("command", ["validate", "report", "show"])
def test_every_command_ends_a_refusal_with_the_same_line(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A county file with two wrong fields: each command that reads it prints the two problems,
    then ``FILE: 2 problems`` — one form, whichever command read the file."""
    data = load_county("wanrong").to_dict()
    data["institutions"][0]["beds"] = -1
    data["population"] = -5
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    lines = _refusal([command, str(path)], capsys)
    problems = [line for line in lines if line.startswith(f"{path}: $")]
    assert len(problems) == 2
    assert lines[-1] == f"{path}: 2 problems"


def test_one_problem_is_its_own_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A settlement file with one wrong amount: the one located line, no count after it (a
    count closes a list); two wrong amounts: two lines, then ``FILE: 2 problems``."""
    rules = Path(__file__).parents[2] / "examples" / "finance_rules.toml"
    path = tmp_path / "rules.toml"
    text = rules.read_text(encoding="utf-8").replace("1.43 yi_yuan", "1.43 furlong")
    path.write_text(text, encoding="utf-8")
    lines = _refusal(["settle", str(path)], capsys)
    assert len(lines) == 1 and lines[0].startswith(f"{path}: $.actual.in_county: ")
    path.write_text(text.replace("0.21 yi_yuan", "0.21 visit"), encoding="utf-8")
    lines = _refusal(["settle", str(path)], capsys)
    assert len(lines) == 3 and lines[-1] == f"{path}: 2 problems"
