"""The examples of issue #12, each run through the command line: exit 1 (2 for usage), one
located message, no traceback, within five seconds."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from countycare.cli import main
from countycare.io import dump_county
from countycare.testing.records import small_record_county

HEADER = "scope,period,measure,category,value,unit\n"
TARGET = (
    "[[target]]\nindicator = 'primary_visit_share'\nsets = ['nhc-2024']\ncomparator = 'ge'\n"
    "threshold = {value}\n"
    "unit = 'percent'\nscope = 'national'\nvalid_from = 2024-01-01\n{extra}source = 'plan'\n"
)
RULES = (
    "year = '2024'\nbudget = {{ method = 'fixed', amount = '{amount}' }}\n"
    "actual = {{ in_county = '90 wan_yuan', out_of_county = '0 yuan' }}\n"
    "settlement = {{ surplus_share = 0.5, fund_overspend_share = 0.5, "
    "include_out_of_county = true }}\n"
)


def _measures(folder: Path, body: str, name: str = "m.csv") -> Path:
    path = folder / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _referrals(folder: Path, tail: bytes) -> Path:
    path = folder / "r.csv"
    head = b"referral_id,patient_id,from_id,to_id,date,setting,status\n"
    row = b"R1,PX123456,sc-vc-11,sc-thc-1,2024-01-02,outpatient,completed\n"
    path.write_bytes(head + row * 200 + tail)
    return path


Case = Callable[[Path], list[str]]

CASES: dict[str, tuple[Case, int, str]] = {
    "integer of 5,000 digits in a county file": (
        lambda d: ["validate", str(_write(d / "c.toml", "id = " + "9" * 5000 + "\n"))],
        1,
        "a number of 5,000 digits",
    ),
    "JSON nested 5,000 deep": (
        lambda d: ["report", str(_write(d / "c.json", '{"a": ' + "[" * 5000 + "]" * 5000 + "}"))],
        1,
        "nested deeper than 32 levels",
    ),
    "CSV field of 200,000 characters": (
        lambda d: ["scorecard", str(_measures(d, "sc," + "x" * 200_000 + ",visits,,1,\n"))],
        1,
        "a field longer than 131,072 characters",
    ),
    "GBK referrals CSV": (
        lambda d: [
            "referrals",
            str(_referrals(d, "万荣".encode("gb18030"))),
            "--county",
            _county(d),
        ],
        1,
        "GBK/GB18030",
    ),
    "repeated column": (
        lambda d: ["scorecard", str(_write(d / "m.csv", "scope,value,value\n"))],
        1,
        "the column appears twice",
    ),
    "target valid_to as a date-time": (
        lambda d: _card(d, TARGET.format(value=70, extra="valid_to = 2025-01-01T08:00:00\n")),
        1,
        "$.target[0].valid_to: a date and time",
    ),
    "target of nan": (
        lambda d: _card(d, TARGET.format(value="nan", extra="")),
        1,
        "$.target[0].threshold: not a number (nan)",
    ),
    "valid_to before valid_from": (
        lambda d: _card(d, TARGET.format(value=70, extra="valid_to = 2020-01-01\n")),
        1,
        "is before valid_from",
    ),
    "misspelt top-level key in targets": (
        lambda d: _card(d, TARGET.format(value=70, extra="").replace("[[target]]", "[[targte]]")),
        1,
        "did you mean 'target'?",
    ),
    "2**1024 in a money field": (
        lambda d: ["settle", str(_write(d / "r.toml", RULES.format(amount=f"{2**1024} yuan")))],
        1,
        "$.budget.amount",
    ),
    "unit 9**9**9": (
        lambda d: ["scorecard", str(_measures(d, "sc,2024,visits,,1,9**9**9\n"))],
        1,
        "malformed unit",
    ),
    "unit of 100,000 characters": (
        lambda d: ["scorecard", str(_measures(d, "sc,2024,visits,,1," + "a" * 100_000 + "\n"))],
        1,
        "a unit of 100,000 characters",
    ),
    "primary visits above all visits": (
        lambda d: [
            "scorecard",
            str(_measures(d, "sc,2024,visits,,1,\nsc,2024,visits_primary,,2,\n")),
        ],
        1,
        "more than its whole visits",
    ),
    "scope with no figures": (
        lambda d: ["scorecard", str(_measures(d, "sc,2024,visits,,1,\n")), "--period", "2030"],
        1,
        "no figures for scope sc in 2030",
    ),
    "measure on a missing folder": (
        lambda d: ["measure", str(d / "absent"), "--county", "sc", "--out", str(d / "m.csv")],
        1,
        "no such folder",
    ),
    "synth --out naming a file": (
        lambda d: ["synth", "--years", "2024", "--out", str(_write(d / "f", ""))],
        2,
        "is a file; name a folder",
    ),
    "synth --years 10000": (
        lambda d: ["synth", "--years", "10000", "--out", str(d / "o")],
        2,
        "from 2000 to 2100",
    ),
    "synth --seed -1": (
        lambda d: ["synth", "--years", "2024", "--seed", "-1", "--out", str(d / "o")],
        2,
        "from 0 to 4294967295",
    ),
    "--memory-limit pasted into SQL": (
        lambda d: [
            "measure",
            str(d),
            "--county",
            "sc",
            "--out",
            str(d / "m.csv"),
            "--memory-limit",
            "1GB'; DROP TABLE x; --",
        ],
        2,
        "a memory limit is a number and a unit",
    ),
}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _county(folder: Path) -> str:
    return str(dump_county(small_record_county(), folder / "sc.toml"))


def _card(folder: Path, targets: str) -> list[str]:
    measures = _measures(folder, "sc,2024,visits,,10,\nsc,2024,visits_primary,,5,\n")
    return ["scorecard", str(measures), "--targets", str(_write(folder / "t.toml", targets))]


@pytest.mark.parametrize("name", list(CASES))
def test_issue_example(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One example of issue #12: the right exit code, the message, no traceback, ≤ 5 s."""
    build, expected, message = CASES[name]
    argv = build(tmp_path)
    started = time.perf_counter()
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    seconds = time.perf_counter() - started
    err = capsys.readouterr().err
    assert code == expected, err
    assert message in err
    assert "Traceback" not in err and "internal error" not in err
    assert "PX123456" not in err
    assert seconds < 5


def test_nan_cost_in_a_parquet_dataset_is_rejected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A NaN total_cost in a record partition is never summed: by default an error naming the
    file, row and column (exit 1); with --lenient a rejected row, counted by reason in the text
    and the JSON (read = used + rejected)."""
    import json

    from countycare.records.schemas import RecordKind
    from countycare.records.synthetic import generate

    county = small_record_county()
    table = generate(county, 2024, seed=1)[RecordKind.ENCOUNTERS]
    costs = table.column("total_cost").to_pylist()
    costs[0] = float("nan")
    table = table.set_column(
        table.column_names.index("total_cost"), "total_cost", pa.array(costs, pa.float64())
    )
    folder = tmp_path / "d" / "encounters" / "county=sc" / "year=2024"
    folder.mkdir(parents=True)
    pq.write_table(table, folder / "part-0.parquet")
    dump_county(county, tmp_path / "sc.toml")
    out = tmp_path / "m.csv"
    argv = ["measure", str(tmp_path / "d"), "--county", str(tmp_path / "sc.toml")]
    argv += ["--measures", "visits", "--out", str(out), "--quiet"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert (
        f"{folder / 'part-0.parquet'}: row 1, column total_cost: total_cost is not a number" in err
    )
    assert "1 row rejected of" in err and "--lenient" in err
    assert not out.exists()
    assert main([*argv, "--lenient", "--json"]) == 0
    captured = capsys.readouterr()
    assert "1 rejected (total_cost is not a number (NaN): 1)" in captured.err
    (report,) = json.loads(captured.out)["reports"]
    assert report["read"] == report["used"] + report["rejected"] == table.num_rows
    assert report["rejected_by_reason"] == {"total_cost is not a number (NaN)": 1}


def test_corrupt_parquet_partition_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A partition that is not Parquet is one line naming the file, not a raw DuckDB error."""
    folder = tmp_path / "d" / "encounters" / "county=sc" / "year=2024"
    folder.mkdir(parents=True)
    (folder / "part-0.parquet").write_bytes(b"PAR1 not really")
    dump_county(small_record_county(), tmp_path / "sc.toml")
    argv = ["measure", str(tmp_path / "d"), "--county", str(tmp_path / "sc.toml")]
    assert main([*argv, "--measures", "visits", "--out", str(tmp_path / "m.csv"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "part-0.parquet: $: not a readable Parquet file" in err
    assert "Traceback" not in err
