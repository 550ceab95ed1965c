"""The synth and measure commands: the whole path from a county to a measures file."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from countycare.cli import main
from countycare.community import County
from countycare.io import dump_county
from countycare.records.dataset import clone_county


@pytest.fixture
def county_file(county: County, tmp_path: Path) -> Path:
    """The small county written as a TOML county file."""
    return dump_county(county, tmp_path / "small.toml")


def test_synth_then_measure(
    county: County, county_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """synth writes partitioned Parquet for every county; measure writes the set's measures."""
    out = tmp_path / "data"
    argv = ["synth", "--county", str(county_file), "--years", "2024", "--out", str(out)]
    assert main([*argv, "--seed", "3", "--counties", "2"]) == 0
    assert (out / "encounters" / "county=sc" / "year=2024" / "part-0.parquet").exists()
    clone = out / "encounters" / "county=sc-c02" / "year=2024" / "part-0.parquet"
    assert pq.read_table(clone).num_rows > 40_000
    measures = tmp_path / "m.csv"
    code = main(["measure", str(out), "--county", "sc-c02", "--set", "nhc-2024",
                 "--out", str(measures)])  # fmt: skip
    assert code == 0
    captured = capsys.readouterr()
    assert "not derivable from records" in captured.err and "staff_income_lead" in captured.err
    assert "encounters:" in captured.err and "0 rejected" in captured.err
    with measures.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    clone_model = clone_county(county, 2)
    scopes = {r["scope"] for r in rows}
    assert scopes >= {"sc-c02", "sc-t1-c02", "sc-cgh-c02"}
    # every scope is an id of the model: no patient (or other record) id reaches the output
    assert all(clone_model.has_area(s) or clone_model.has_institution(s) for s in scopes)


def test_measure_with_suppression(
    county_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--suppress N writes a published CSV in which small counts are marked, not zeroed."""
    out = tmp_path / "data"
    main(["synth", "--county", str(county_file), "--years", "2024", "--out", str(out)])
    published = tmp_path / "pub.csv"
    code = main(["measure", str(out), "--county", "sc", "--measures", "ncd4_deaths",
                 "--out", str(published), "--suppress", "5", "--quiet"])  # fmt: skip
    assert code == 0
    rows = list(csv.DictReader(published.open(encoding="utf-8")))
    hidden = [r for r in rows if r["status"] == "suppressed"]
    assert hidden and all(r["value"] == "" for r in hidden)


def test_measure_without_records_exits_1(
    tmp_path: Path, county_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder with no records for the county is a data error: exit 1, no traceback."""
    (tmp_path / "empty").mkdir()
    code = main(["measure", str(tmp_path / "empty"), "--county", str(county_file),
                 "--out", str(tmp_path / "m.csv")])  # fmt: skip
    assert code == 1
    err = capsys.readouterr().err
    assert "no records for county 'sc'" in err and "Traceback" not in err


def test_measures_of_absent_records_are_not_computed(
    county_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without referral records, referral measures are named as not computed, not given as 0."""
    out = tmp_path / "data"
    main(["synth", "--county", str(county_file), "--years", "2024", "--out", str(out)])
    shutil.rmtree(out / "referrals")
    measures = tmp_path / "m.csv"
    code = main(["measure", str(out), "--county", "sc", "--set", "wanrong-five-up-three-down",
                 "--out", str(measures), "--quiet"])  # fmt: skip
    assert code == 0
    err = capsys.readouterr().err
    assert "no referrals records" in err and "downward_referrals" in err
    written = {r["measure"] for r in csv.DictReader(measures.open(encoding="utf-8"))}
    assert "downward_referrals" not in written and "lead_discharges" in written


@pytest.fixture
def dataset(county_file: Path, tmp_path: Path) -> Path:
    """A synthetic dataset of the small county for 2024."""
    out = tmp_path / "data"
    main(["synth", "--county", str(county_file), "--years", "2024", "--out", str(out)])
    return out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--measures", "vissits"], "unknown measure 'vissits'"),
        (["--measures", "visits", "--years", "2020"], "no measure can be computed for sc"),
    ],
    ids=["typo", "year-without-records"],
)
def test_measure_bad_usage_exits_1_before_the_work(
    dataset: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    """A typo'd measure or a year without records: exit 1, named, no traceback, and no
    records read."""
    argv = ["measure", str(dataset), "--county", "sc", "--out", str(tmp_path / "m.csv"), "--quiet"]
    code = main([*argv, *extra])
    err = capsys.readouterr().err
    assert code == 1
    assert message in err and "Traceback" not in err
    assert "rows read" not in err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--out", "m.txt"], "unknown format '.txt'"),
        (["--out", "m.json", "--suppress", "5"], ".csv or .tsv only"),
        (["--memory-limit", "1GB'; DROP TABLE x; --"], "a memory limit is a number and a unit"),
        (["--years", "10000"], "must be a whole number from 2000 to 2100"),
    ],
    ids=["format", "suppressed-json", "memory-limit", "year-range"],
)
def test_measure_bad_options_are_usage_errors_before_the_work(
    dataset: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    """An unwritable --out, a suppressed JSON, a memory limit that is not a size (it would be
    pasted into SQL) or a year out of range: exit 2 with the usage line, no records read."""
    argv = ["measure", str(dataset), "--county", "sc", "--measures", "visits", "--quiet"]
    if "--out" not in extra:
        argv += ["--out", str(tmp_path / "m.csv")]
    try:
        code = main([*argv, *extra])
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("usage: countycare measure")
    assert message in err and "Traceback" not in err
    assert "rows read" not in err


def test_a_year_without_records_is_not_computed_as_zero(
    dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Asking for 2023 and 2024 with records of 2024 only: the measures are not computed (they
    would read 0 for every month of 2023), and the missing year is named."""
    measures = tmp_path / "m.csv"
    argv = ["measure", str(dataset), "--county", "sc", "--years", "2023", "2024", "--quiet"]
    code = main([*argv, "--measures", "visits", "ncd4_deaths", "--out", str(measures)])
    assert code == 1
    err = capsys.readouterr().err
    assert "no deaths records for 2023, encounters records for 2023" in err
    assert not measures.exists()
