"""Files as the formats define them: every TOML writer writes TOML dates, and reading takes both.

A date in a TOML file is a TOML date (``valid_from = 2017-04-01``), not the string
``"2017-04-01"``: checked for ``countycare show --format toml``, ``dump_county``,
``dump_governance`` and ``dump_province`` (inline and with county files). A file written before,
with string dates, still reads to the same objects.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import attrs
import pytest

from countycare import dump_county, load_county, load_governance
from countycare.cli import main
from countycare.governance.files import dump_governance
from countycare.labels import Name
from countycare.province.files import dump_province, load_province
from countycare.province.model import Prefecture, Province
from countycare.testing.records import small_record_county

#: ``key = "2017-04-01"``: a date written as a string.
_STRING_DATE = re.compile(r"""=\s*["']\d{4}-\d{2}-\d{2}["']""")
_TOML_DATE = re.compile(r"=\s*\d{4}-\d{2}-\d{2}\b")


def _dates_are_toml_dates(text: str) -> None:
    assert _TOML_DATE.search(text), "no date at all: the check would be vacuous"
    assert not _STRING_DATE.search(text), _STRING_DATE.search(text)


def test_show_toml_writes_toml_dates(capsys: pytest.CaptureFixture[str]) -> None:
    """``show wanrong --format toml`` prints dates unquoted, and the text reads back equal."""
    capsys.readouterr()
    assert main(["show", "wanrong", "--format", "toml"]) == 0
    text = capsys.readouterr().out
    _dates_are_toml_dates(text)
    assert tomllib.loads(text) == tomllib.loads(dump_county_text(load_county("wanrong")))


def dump_county_text(county: object, folder: Path | None = None) -> str:
    import tempfile

    path = Path(folder or tempfile.mkdtemp()) / "c.toml"
    dump_county(county, path)  # type: ignore[arg-type]
    return path.read_text(encoding="utf-8")


def test_dump_governance_writes_toml_dates(tmp_path: Path) -> None:
    """A governance file written as TOML has TOML dates and reads back equal."""
    governance = load_governance("wanrong")
    path = dump_governance(governance, tmp_path / "g.toml")
    _dates_are_toml_dates(path.read_text(encoding="utf-8"))
    assert load_governance(path, load_county("wanrong")) == governance


@pytest.mark.parametrize("inline", [True, False])
def test_dump_province_writes_toml_dates(tmp_path: Path, inline: bool) -> None:
    """A province in TOML, counties inline or in files of their own, has TOML dates."""
    county = small_record_county("a1")
    founded = attrs.evolve(county.communities[0], founded=dt.date(2019, 1, 1))
    county = attrs.evolve(county, communities=(founded,))
    province = Province(
        "sp", Name("Small Province", "小省"), (Prefecture("pf", Name("P", "市"), (county,)),)
    )
    path = dump_province(province, tmp_path / "p.toml", inline=inline)
    files = [path] if inline else [path, *sorted((tmp_path / "counties").glob("*.toml"))]
    _dates_are_toml_dates("".join(f.read_text(encoding="utf-8") for f in files))
    assert load_province(path) == province


def test_string_dates_still_read(tmp_path: Path) -> None:
    """A TOML county file with string dates (as written before 0.2) reads to the same county."""
    county = load_county("wanrong")
    text = _TOML_DATE.sub(lambda m: re.sub(r"(\d{4}-\d{2}-\d{2})", r'"\1"', m.group()),
                          dump_county_text(county, tmp_path))  # fmt: skip
    assert _STRING_DATE.search(text)
    path = tmp_path / "old.toml"
    path.write_text(text, encoding="utf-8")
    assert load_county(path) == county
