"""``compare`` asked for a period none of the province's counties has figures for."""

from __future__ import annotations

from pathlib import Path

import pytest

from countycare.cli import main
from countycare.indicators.files import write_measures
from countycare.province import measure_province
from countycare.province.model import Province
from countycare.province.synth import PROVINCE_FILE


def test_a_period_without_figures_is_refused_with_what_the_file_holds(
    province_dir: Path, province: Province, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--period 1999`` on a file of 2024 printed a full comparison with every value
    undefined and exited 0, as if that were a finding; it now exits 1 naming the file, the
    province and the periods the file holds, as ``scorecard`` does for one county."""
    measures = write_measures(measure_province(province, province_dir).table, tmp_path / "m.csv")
    args = ["compare", str(measures), "--province", str(province_dir / PROVINCE_FILE),
            "--set", "nhc-2024", "--period"]  # fmt: skip
    capsys.readouterr()
    assert main([*args, "1999"]) == 1
    err = capsys.readouterr().err
    assert str(measures) in err and f"any county of {province.id} in 1999" in err
    assert "it holds 2024" in err and "Traceback" not in err
    assert main([*args, "2024"]) == 0
