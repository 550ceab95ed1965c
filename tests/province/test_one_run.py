"""A province in one run, end to end on the command line (the issue's "it must show")."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from countycare.cli import main


def test_synth_measure_compare_twelve_counties(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``synth --province 12`` → ``measure --province`` → ``compare --json``: twelve counties are
    ranked; the province's visits equal a count made independently over the Parquet files; the
    province's primary visit share is the ratio of the summed visits (not a mean of ratios)."""
    data = tmp_path / "dir"
    province_file = data / "province.toml"
    out = tmp_path / "m.parquet"
    assert main(["synth", "--province", "12", "--years", "2024", "--scale", "0.01",
                 "--seed", "1", "--out", str(data)]) == 0  # fmt: skip
    assert main(["measure", str(data), "--province", str(province_file), "--set", "nhc-2024",
                 "--out", str(out), "--quiet"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["compare", str(out), "--province", str(province_file), "--set", "nhc-2024",
                 "--period", "2024", "--json"]) == 0  # fmt: skip
    report = json.loads(capsys.readouterr().out)
    assert report["doubts"] == []  # synthetic records hold no implausible figure
    share = next(i for i in report["indicators"] if i["code"] == "primary_visit_share")
    ranked = [c for c in share["counties"] if c["rank"] is not None]
    assert len(ranked) == 12
    assert len({c["county"] for c in ranked}) == 12 and not any(c["in_doubt"] for c in ranked)
    assert [c["rank"] for c in ranked] == sorted(c["rank"] for c in ranked)
    assert all(a["value"] >= b["value"] for a, b in itertools.pairwise(ranked))

    # an independent count: every encounter file, visits are the rows not inpatient
    files = sorted((data / "encounters").rglob("*.parquet"))
    assert len(files) == 12
    visits = sum(
        pc.sum(pc.not_equal(pq.read_table(f, columns=["setting"])["setting"], "inpatient")).as_py()
        for f in files
    )
    measures = pq.read_table(out).to_pylist()
    by_key = {(r["scope"], r["period"], r["measure"]): r["value"] for r in measures}
    assert by_key[(report["province"], "2024", "visits")] == visits
    county_visits = [by_key[(c["county"], "2024", "visits")] for c in ranked]
    assert sum(county_visits) == visits
    primary = by_key[(report["province"], "2024", "visits_primary")]
    assert share["province"]["value"] == pytest.approx(100 * primary / visits, rel=1e-12)
    assert share["province"]["components"]["numerator"] == primary
    mean_of_ratios = sum(c["value"] for c in ranked) / len(ranked)
    assert share["province"]["value"] != pytest.approx(mean_of_ratios, rel=1e-9)
