"""`countycare export` and `import`: what goes where, usage errors exit 2, bad data exits 1
with located lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from countycare.cli import main
from countycare.datasets import resource
from countycare.indicators.table import MeasureTable

WANRONG_MEASURES = resource("wanrong.measures.csv")


def test_bundle_with_county_and_reports_needs_measures_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With a county and MeasureReports in one bundle, --out alone is ambiguous: exit 2."""
    out = tmp_path / "all.json"
    assert main(["export", "fhir", "wanrong", "--what", "all", "--out", str(out)]) == 0
    assert main(["import", "fhir", str(out), "--out", str(tmp_path / "c.toml")]) == 2
    assert "--measures-out" in capsys.readouterr().err


def test_bundle_of_reports_only_becomes_a_measures_file(tmp_path: Path) -> None:
    """`--what data` writes MeasureReports only; importing it writes the measures to --out."""
    out = tmp_path / "data.json"
    assert main(["export", "fhir", "wanrong", "--what", "data", "--out", str(out)]) == 0
    kinds = {e["resource"]["resourceType"] for e in json.loads(out.read_text())["entry"]}
    assert kinds == {"MeasureReport"}
    back = tmp_path / "m.parquet"
    assert main(["import", "fhir", str(out), "--out", str(back)]) == 0
    assert MeasureTable.read(back) == MeasureTable.read(WANRONG_MEASURES)


def test_dhis2_csv_resolved_through_a_metadata_file(tmp_path: Path) -> None:
    """Data values by UID in DHIS2's CSV form come back through --metadata's code/id pairs."""
    metadata, data = tmp_path / "md.json", tmp_path / "dv.json"
    assert main(["export", "dhis2", "wanrong", "--out", str(metadata)]) == 0
    assert main(["export", "dhis2", "wanrong", "--what", "data", "--out", str(data)]) == 0
    values = json.loads(data.read_text())["dataValues"]
    csv = tmp_path / "dv.csv"
    lines = ["dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value"]
    lines += [
        ",".join(
            [
                v["dataElement"],
                v["period"],
                v["orgUnit"],
                v.get("categoryOptionCombo", ""),
                "",
                v["value"],
            ]
        )
        for v in values
    ]
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    back = tmp_path / "m.csv"
    assert main(["import", "dhis2", str(csv), "--metadata", str(metadata), "--out", str(back)]) == 0
    assert MeasureTable.read(back) == MeasureTable.read(WANRONG_MEASURES)


def test_uids_without_a_key_are_located_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Data values by UID with neither county, metadata nor mapping: each org unit is named."""
    data = tmp_path / "dv.json"
    assert main(["export", "dhis2", "wanrong", "--what", "data", "--out", str(data)]) == 0
    assert main(["import", "dhis2", str(data), "--out", str(tmp_path / "m.csv")]) == 1
    err = capsys.readouterr().err
    assert f"{data}: $.dataValues[0].orgUnit: unknown organisationUnit" in err
    assert (
        main(
            ["import", "dhis2", str(data), "--county", "wanrong", "--out", str(tmp_path / "m.csv")]
        )
        == 0
    )


def test_unknown_set_and_option_are_usage_errors() -> None:
    """An unknown --set or an option of the other format exits 2."""
    with pytest.raises(SystemExit) as caught:
        main(["export", "fhir", "wanrong", "--set", "nope"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["export", "fhir", "wanrong", "--id-scheme", "code"])
    assert caught.value.code == 2
