"""The ``countycare referrals`` command: text and JSON agree, wrong rows exit 1 unless
``--lenient``, plots are drawn."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

from countycare.cli import main
from countycare.io import load_county
from countycare.periods import Period
from countycare.referrals.synthetic import synthetic_referrals

SECRET = "SECRET-PATIENT-99"


@pytest.fixture(scope="module")
def records_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic Wanrong referrals with some bad rows and a recognisable patient id."""
    county = load_county("wanrong")
    table = synthetic_referrals(county, Period.parse("2024"), 3000, seed=5, defects=0.03)
    table = table.set_column(1, "patient_id", pa.array([SECRET] * table.num_rows))
    path = tmp_path_factory.mktemp("cli") / "referrals.csv"
    pacsv.write_csv(table, path)
    return path


def test_text_report(records_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The text names the rows read, accepted and rejected, the directions and the flows."""
    assert main(["referrals", str(records_csv), "--period", "2024", "--lenient"]) == 0
    out = capsys.readouterr().out
    assert "Rows: 3000 read = " in out
    for heading in ("Totals by direction", "Ratios", "by township", "Largest flows"):
        assert heading in out
    assert "wr-t14" in out
    assert SECRET not in out


def test_json_carries_the_same_numbers(
    records_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The JSON holds the counts the text shows, and accepted + rejected = read."""
    assert main(["referrals", str(records_csv), "--period", "2024", "--json", "--lenient"]) == 0
    payload = json.loads(capsys.readouterr().out)
    rows = payload["rows"]
    assert rows["accepted"] + rows["rejected"] == rows["read"] == 3000
    assert sum(payload["totals"].values()) == rows["accepted"]
    assert sum(payload["rejected_by_reason"].values()) == rows["rejected"]
    assert len(payload["bypass"]) == 14
    assert SECRET not in json.dumps(payload)
    main(["referrals", str(records_csv), "--period", "2024", "--lenient"])
    text = capsys.readouterr().out
    assert f"{payload['totals']['up']:,}" in text


def test_wrong_rows_exit_1_listing_rows(
    records_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """By default wrong rows are errors: the first five, one line each, then how many more and
    the hint of --lenient; exit 1, no traceback. (--strict, the old flag, is still accepted.)"""
    for flags in ([], ["--strict"]):
        assert main(["referrals", str(records_csv), "--period", "2024", *flags]) == 1
        err = capsys.readouterr().err
        assert err.count(f"{records_csv}: row ") == 5
        assert "rows rejected of 3,000 read" in err
        assert "--lenient" in err
    assert "Traceback" not in err
    assert SECRET not in err


def test_plot_option_writes_the_picture(
    records_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--plot FILE.svg draws the network and says where."""
    target = tmp_path / "net.svg"
    assert main(["referrals", str(records_csv), "--plot", str(target), "--lenient"]) == 0
    assert target.exists()
    assert f"Picture: {target}" in capsys.readouterr().out


@pytest.mark.parametrize(
    "option", [["--period", "2024H1"], ["--plot", "net.pdf"], ["--top", "0"]], ids=str
)
def test_malformed_options_are_usage_errors(records_csv: Path, option: list[str]) -> None:
    """A malformed period, picture name or count is wrong usage: exit 2 before any work."""
    with pytest.raises(SystemExit) as caught:
        main(["referrals", str(records_csv), *option])
    assert caught.value.code == 2


def test_missing_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A records file that does not exist is named, exit 1."""
    assert main(["referrals", str(tmp_path / "none.csv")]) == 1
    assert "none.csv: $: no such file" in capsys.readouterr().err


def test_synthetic_records_instead_of_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    """--synthetic N builds the network of N seeded synthetic records (for demos)."""
    assert main(["referrals", "--synthetic", "2000", "--period", "2024Q2", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["rows"] == {"read": 2000, "accepted": 2000, "rejected": 0}
    assert payload["period"] == "2024Q2"


def test_records_and_synthetic_exclude_each_other(
    records_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exactly one of RECORDS and --synthetic: neither or both is wrong usage (exit 2)."""
    for argv in (["referrals"], ["referrals", str(records_csv), "--synthetic", "10"]):
        assert main(argv) == 2
        assert "give either RECORDS or --synthetic N" in capsys.readouterr().err
