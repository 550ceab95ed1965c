"""A synthetic province reads like a province, not like one county copied: distinct drawn names,
marked synthetic, a spread in the measures counties differ by, the same files for the same
seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from countycare.cli import main
from countycare.errors import ArgumentError
from countycare.labels import InstitutionKind, Service
from countycare.provenance import Origin
from countycare.province.measure import measure_province
from countycare.province.model import Province
from countycare.province.synth import synthetic_province, write_synthetic_province


def test_counties_have_distinct_names_and_say_they_are_synthetic() -> None:
    """Forty counties: distinct ids (letters only, no ``-c001``) and distinct Chinese names
    ending in 县; prefectures in 市; each county's province is 示例省 and its provenance one
    illustrative fact saying it is synthetic (none of the Wanrong model's sourced facts)."""
    province, _ = synthetic_province(40, seed=7, scale=0.001)
    counties = province.counties
    ids = [c.id for c in counties] + [p.id for p in province.prefectures]
    assert len(set(ids)) == len(ids) and all(i.isalpha() and i.islower() for i in ids)
    assert len({c.name.zh for c in counties}) == 40
    assert all(c.name.zh.endswith("县") and c.name.en.endswith(" County") for c in counties)
    assert all(p.name.zh.endswith("市") for p in province.prefectures)
    for county in counties:
        assert county.province is not None and county.province.zh == "示例省"
        assert county.prefecture == province.prefecture_of(county.id).name
        facts = county.provenance.facts
        assert [f.origin for f in facts] == [Origin.ILLUSTRATIVE]
        assert "synthetic county" in facts[0].statement and not county.provenance.sources


def test_same_seed_same_province_other_seed_other_names() -> None:
    """The same seed gives the same province; another seed other names."""
    first, scenarios = synthetic_province(6, seed=11, scale=0.001)
    again, same = synthetic_province(6, seed=11, scale=0.001)
    other, _ = synthetic_province(6, seed=12, scale=0.001)
    assert first == again and scenarios == same
    assert [c.id for c in first.counties] != [c.id for c in other.counties]


def test_village_ecg_coverage_and_remote_reads_spread() -> None:
    """Twelve counties: the share of village clinics with an ECG device spans more than 30
    points and remote reads per resident differ more than twofold (they were one figure)."""
    province, scenarios = synthetic_province(12, seed=1, scale=0.001)
    coverage = []
    for county in province.counties:
        clinics = [i for i in county.institutions if i.kind is InstitutionKind.VILLAGE_CLINIC]
        coverage.append(sum(Service.ECG in i.services for i in clinics) / len(clinics))
    assert max(coverage) - min(coverage) > 0.30
    reads = [s.remote_reads_per_resident for s in scenarios.values()]
    assert max(reads) > 2 * min(reads)
    postings = [s.postings_per_10k for s in scenarios.values()]
    assert len(set(postings)) == len(postings)


def test_measured_spread_in_remote_reads_and_ecg(province: Province, province_dir: Path) -> None:
    """Measured from the written records: counties differ in remote reads per 10,000 residents
    (by more than 1.5×) and in village ECG coverage (by more than 10 points)."""
    codes = ["remote_reads", "resident_population", "village_clinics_with_ecg", "village_clinics"]
    table = measure_province(province, province_dir, measures=codes).table
    reads, ecg = [], []
    for county in province.counties:
        value = {m: table.get(county.id, "2024", m) for m in codes}
        reads.append(value["remote_reads"] / value["resident_population"] * 10_000)  # type: ignore[operator]
        ecg.append(value["village_clinics_with_ecg"] / value["village_clinics"])  # type: ignore[operator]
    assert max(reads) > 1.5 * min(reads)
    assert max(ecg) - min(ecg) > 0.10


@pytest.mark.parametrize(
    "args",
    [["--province", "0"], ["--province", "-5"], ["--province", "2", "--scale", "0"],
     ["--province", "2", "--scale", "nan"], ["--province", "2", "--scale", "11"]],
)  # fmt: skip
def test_a_wrong_number_of_counties_or_scale_is_wrong_usage(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``synth --province 0`` or ``--scale 0`` exited 1 ("bad data") with the library's
    message; it is wrong usage: exit 2, as argparse reports it, and nothing is written."""
    with pytest.raises(SystemExit) as raised:
        main(["synth", *args, "--years", "2024", "--out", str(tmp_path / "out")])
    assert raised.value.code == 2
    assert "must be" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_python_api_names_its_own_arguments(tmp_path: Path) -> None:
    """Called from Python, the same mistakes name the function's arguments (``n``,
    ``scale``), not the command line's options."""
    with pytest.raises(ArgumentError) as raised:
        write_synthetic_province(tmp_path, 0, [2024])
    assert raised.value.argument == "n"
    with pytest.raises(ArgumentError) as raised:
        write_synthetic_province(tmp_path, 2, [2024], scale=0.0)
    assert raised.value.argument == "scale"
