"""``countycare assess``: text and JSON for Wanrong, dates, and errors without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from countycare.cli import main


def test_assess_wanrong_json(capsys: pytest.CaptureFixture[str]) -> None:
    """JSON gives the verdict, each item with missing practices, and the six autonomies."""
    assert main(["assess", "wanrong", "--as-of", "2022-03-28", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"] == "2022-03-28"
    assert data["verdict"]["code"] == "not_tight"
    items = {i["code"]: i for i in data["items"]}
    assert "pay_balance" in items["unified_resource_management"]["missing"]
    assert items["responsibility_community"]["met"] is True
    assert all(data["autonomies"].values())


def test_assess_before_the_group_existed(capsys: pytest.CaptureFixture[str]) -> None:
    """Before April 2017 nothing is recorded: every item is unmet and all practices unrecorded."""
    assert main(["assess", "--as-of", "2016-01-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert not any(i["met"] for i in data["items"])
    assert all(i["missing"] == i["unrecorded"] for i in data["items"])


def test_assess_text(capsys: pytest.CaptureFixture[str]) -> None:
    """The text report names the verdict and what is missing."""
    assert main(["assess", "--as-of", "2022-03-28"]) == 0
    out = capsys.readouterr().out
    assert "Verdict: Not tight" in out
    assert "missing: group_charter (unrecorded)" in out


def test_assess_bad_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A governance file with an unknown practice exits 1 with the path, no traceback."""
    path = tmp_path / "g.toml"
    path.write_text(
        'community = "g"\nlead = "l"\n[[practices]]\npractice = "x"\nstate = "implemented"\n'
        "since = 2020-01-01\n",
        encoding="utf-8",
    )
    assert main(["assess", str(path)]) == 1
    err = capsys.readouterr().err
    assert "$.practices[0].practice: unknown practice code 'x'" in err
    assert "Traceback" not in err


def test_assess_bad_date_is_usage_error() -> None:
    """A malformed --as-of is a usage error (exit 2)."""
    with pytest.raises(SystemExit) as info:
        main(["assess", "--as-of", "March"])
    assert info.value.code == 2


def test_assess_unknown_name_says_what_it_is_not(capsys: pytest.CaptureFixture[str]) -> None:
    """A typo'd county name is neither packaged nor a file: the message says so and lists the
    packaged names, instead of complaining about a file type ''."""
    assert main(["assess", "wanrnog"]) == 1
    err = capsys.readouterr().err
    assert "wanrnog: $: not a packaged county (packaged: wanrong) nor a file" in err
    assert "Traceback" not in err
