"""``countycare assess``: text and JSON for Wanrong, dates, and errors without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from countycare.cli import main


def test_assess_wanrong_json(capsys: pytest.CaptureFixture[str]) -> None:
    """Wanrong's nhc-2024 items miss only unrecorded practices: JSON shows them unknown, the
    verdict 'cannot tell' with what must be recorded, the rule and the score as reconstructed."""
    assert main(["assess", "wanrong", "--as-of", "2022-03-28", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"] == "2022-03-28"
    verdict = data["verdict"]
    assert verdict["code"] == "cannot_tell"
    assert verdict["rule"]["status"] == "reconstructed"
    assert "pay_balance: record whether it is in place" in verdict["to_record"]
    items = {i["code"]: i for i in data["items"]}
    urm = items["unified_resource_management"]
    assert urm["answer"]["code"] == "unknown"
    assert {"practice": "pay_balance", "reason": "unrecorded", "state": None} in urm["missing"]
    assert urm["name_status"] == "official" and urm["mapping_status"] == "reconstructed"
    assert items["responsibility_community"]["answer"]["code"] == "met"
    assert data["score"]["nhc-2024"]["value"] is None
    assert data["score"]["nhc-2024"]["status"] == "reconstructed"
    assert all(data["autonomies"].values())


def test_assess_before_the_group_existed(capsys: pytest.CaptureFixture[str]) -> None:
    """Before April 2017 nothing is recorded: every item is unknown, not 'not met', and every
    missing practice is unrecorded."""
    assert main(["assess", "--as-of", "2016-01-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {i["answer"]["code"] for i in data["items"]} == {"unknown"}
    assert all(m["reason"] == "unrecorded" for i in data["items"] for m in i["missing"])


def test_assess_text(capsys: pytest.CaptureFixture[str]) -> None:
    """The text report names the verdict, its reconstructed rule, and what to record."""
    assert main(["assess", "--as-of", "2022-03-28"]) == 0
    out = capsys.readouterr().out
    assert "Verdict: Cannot tell" in out
    assert "rule [reconstructed]" in out
    assert "missing: group_charter (unrecorded)" in out
    assert "    - group_charter: record whether it is in place" in out


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
