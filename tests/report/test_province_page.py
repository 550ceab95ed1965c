"""The province comparison page (``countycare compare … --html``): its structure, every county
present on every indicator, every number equal to ``Comparison.to_dict()``, counties off target
flagged, undefined values listed with their reason, a figure in doubt never shown plain, and the
page rendered by headless Chromium without a console error or a request beyond its file."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from countycare.cli import main
from countycare.indicators.definitions import Reference
from countycare.indicators.table import MeasureTable
from countycare.indicators.targets import Comparator, Target, TargetBook, TargetScope
from countycare.labels import Name
from countycare.province import compare_province, measure_province, write_synthetic_province
from countycare.province.model import Prefecture, Province
from countycare.province.synth import PROVINCE_FILE
from countycare.report.browser import find_browser, inspect_page
from countycare.report.province_content import ProvinceReport, build_province_report
from countycare.report.province_html import FOLD_AFTER, province_html, render_province_html
from countycare.report.text import LANGUAGES, number
from countycare.testing.records import small_record_county

_EXTERNAL = re.compile(
    r"""(?:src|href)\s*=\s*["'](?!#|data:)|url\((?!#)|@import|<link|<script""", re.I
)
ARTEFACTS = Path(__file__).resolve().parents[2] / "out" / "test-artefacts"
SHARE = "primary_visit_share"
UNIT = "percent"


@pytest.fixture(scope="module")
def province_data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Province, MeasureTable]:
    """Five synthetic counties (scale 0.005, seed 3) and their measures of 2024."""
    root = tmp_path_factory.mktemp("province-page")
    province = write_synthetic_province(root, 5, [2024], seed=3, scale=0.005)
    return root, province, measure_province(province, root).table


@pytest.fixture(scope="module")
def report(province_data: tuple[Path, Province, MeasureTable]) -> ProvinceReport:
    """Every nhc-2024 indicator compared, with a province target on the primary visit share
    that the median county misses (so that some counties are off target)."""
    _, province, table = province_data
    figures = table.mapping()
    values = sorted(
        figures[(c.id, "2024", "visits_primary", "")] / figures[(c.id, "2024", "visits", "")] * 100
        for c in province.counties
    )
    target = Target(
        indicator=SHARE,
        sets=("nhc-2024",),
        comparator=Comparator.AT_LEAST,
        threshold=round(values[2], 6) + 1e-6,
        unit=UNIT,
        scope=TargetScope.PROVINCE,
        source=Reference("a test target"),
        valid_from=dt.date(2024, 1, 1),
        scope_id=province.id,
    )
    comparison = compare_province(
        table, province, "nhc-2024", "2024", targets=TargetBook((target,))
    )
    return build_province_report(comparison, province)


@pytest.fixture(scope="module")
def pages(report: ProvinceReport) -> dict[str, str]:
    """The page in both languages."""
    return {lang: render_province_html(report, lang) for lang in LANGUAGES}


class _Rows(HTMLParser):
    """Rows carrying data attributes, by indicator section, with their cells' text."""

    def __init__(self) -> None:
        super().__init__()
        self.section = ""
        self.rows: list[tuple[str, dict[str, str], list[str]]] = []
        self.ids: set[str] = set()
        self.links: set[str] = set()
        self._cells: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href", "").startswith("#"):
            self.links.add(a["href"][1:])
        if tag == "section" and a.get("class") == "indicator":
            self.section = a["id"].removeprefix("ind-")
        if tag == "tr" and any(k.startswith("data-") for k in a):
            self._cells = []
            self.rows.append((self.section, a, self._cells))
        if tag == "td" and self._cells is not None:
            self._cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self._cells = None

    def handle_data(self, data: str) -> None:
        if self._cells:
            self._cells[-1] += data


def _parse(page: str) -> _Rows:
    parser = _Rows()
    parser.feed(page)
    return parser


def test_page_is_self_contained_and_complete(pages: dict[str, str], report: ProvinceReport) -> None:
    """A full HTML page in each language: no script, no URL to load, one section per indicator
    of the set, and every link of the contents and overview lands on an id of the page."""
    codes = [i.definition.code for i in report.comparison.indicators]
    for lang, page in pages.items():
        assert page.startswith("<!DOCTYPE html>")
        assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in page
        assert not _EXTERNAL.findall(page), _EXTERNAL.findall(page)[:5]
        assert "<svg" in page and "<text" not in page  # charts inline, glyphs as paths
        bare = page.replace('xmlns="http://www.w3.org/', "").replace(
            'xmlns:xlink="http://www.w3', ""
        )
        assert "http://" not in bare and "https://" not in bare
        parsed = _parse(page)
        assert [c for c in codes if f"ind-{c}" in parsed.ids] == codes
        assert parsed.links and parsed.links <= parsed.ids
    assert "县域医共体比较" in pages["zh"] and "Counties compared" in pages["en"]


def test_every_county_on_every_indicator(pages: dict[str, str], report: ProvinceReport) -> None:
    """Each county appears once per indicator: in the table of values or among the undefined."""
    ids = sorted(c.id for c in report.province.counties)
    parsed = _parse(pages["zh"])
    for item in report.comparison.indicators:
        code = item.definition.code
        seen = [a.get("data-county") or a.get("data-undefined") for s, a, _ in parsed.rows
                if s == code and ("data-county" in a or "data-undefined" in a)]  # fmt: skip
        assert sorted(seen) == ids, code  # type: ignore[type-var]


def test_numbers_equal_to_dict(pages: dict[str, str], report: ProvinceReport) -> None:
    """Every value, rank and region value on the page is the one ``to_dict()`` gives, and the
    figure shown is that value rounded to two decimals; undefined counties carry the reason."""
    data = {i["code"]: i for i in report.comparison.to_dict()["indicators"]}
    checked = 0
    for lang, page in pages.items():
        for section, attrs, cells in _parse(page).rows:
            item = data[section]
            if "data-county" in attrs:
                county = next(c for c in item["counties"] if c["county"] == attrs["data-county"])
                assert attrs["data-rank"] == ("" if county["rank"] is None else str(county["rank"]))
                assert attrs["data-value"] == repr(county["value"])
                if isinstance(county["value"], float) and lang == "en":
                    assert cells[3].strip() == number(round(county["value"], 2), 2)
                    checked += 1
            elif "data-scope" in attrs:
                regions = [item["province"], *item["prefectures"]]
                region = next(r for r in regions if r["scope"] == attrs["data-scope"])
                assert attrs["data-value"] == ("" if region["value"] is None
                                               else repr(region["value"]))  # fmt: skip
            elif "data-undefined" in attrs:
                county = next(
                    u for u in item["undefined"] if u["county"] == attrs["data-undefined"]
                )
                assert attrs["data-reason"] == county["reason"]
                assert cells[1] == county["detail"]
    assert checked >= 5


def test_off_target_counties_flagged(pages: dict[str, str], report: ProvinceReport) -> None:
    """The rows marked off target are exactly the comparison's off-target counties."""
    data = {i["code"]: i for i in report.comparison.to_dict()["indicators"]}
    assert data[SHARE]["off_target"], "the test target leaves some county off target"
    flagged: dict[str, list[str]] = {}
    for section, attrs, _ in _parse(pages["zh"]).rows:
        if attrs.get("class") == "off-target":
            flagged.setdefault(section, []).append(attrs["data-county"])
    for code, item in data.items():
        assert sorted(flagged.get(code, [])) == sorted(item["off_target"]), code
    assert "⚑ 未达标" in pages["zh"] and "⚑ off target" in pages["en"]


def test_targets_and_references_in_the_page_language(
    pages: dict[str, str], report: ProvinceReport
) -> None:
    """Each page writes the county targets and the national references in its own language:
    the Chinese page showed them in English."""
    share = next(i for i in report.comparison.indicators if i.definition.code == SHARE)
    target = share.counties[0].target
    assert target is not None
    rows = [cells for section, attrs, cells in _parse(pages["zh"]).rows
            if section == SHARE and "data-county" in attrs]  # fmt: skip
    assert rows and all(target.describe("zh") in cells for cells in rows)
    assert target.describe("en") not in pages["zh"] and target.describe("en") in pages["en"]
    references = [i.reference for i in report.comparison.indicators if i.reference is not None]
    assert references, "nhc-2024 has national references"
    for ref in references:
        assert ref.describe("zh") in pages["zh"] and ref.describe("en") not in pages["zh"]
        assert ref.describe("en") in pages["en"]


def test_a_figure_in_doubt_is_never_shown_plain(
    province_data: tuple[Path, Province, MeasureTable],
) -> None:
    """Primary visits above all visits in one county (a share of 150 %): its value is marked
    ⚠ with the reason and not ranked, the prefecture and province values that sum it are marked
    too, and the figures-in-doubt section names the measure; the plain value appears nowhere;
    the chart draws it after the ranked counties."""
    _, province, table = province_data
    county = province.counties[0].id
    visits = table.mapping()[(county, "2024", "visits", "")]
    key = (county, "2024", "visits_primary", "")
    rows = [r if (r.scope, r.period, r.measure, r.category) != key else (*key, visits * 1.5)
            for r in table]  # fmt: skip
    doubtful = MeasureTable.from_rows(rows)
    report = build_province_report(
        compare_province(doubtful, province, "nhc-2024", "2024", indicators=[SHARE]), province
    )
    page = render_province_html(report, "en", charts=False)
    row = re.search(rf'<tr data-county="{county}" data-rank=""[^>]*>(.*?)</tr>', page)
    assert row is not None
    assert '<span class="doubt"' in row.group(1) and "⚠ 150" in row.group(1)
    assert "is more than its whole visits" in row.group(1)
    assert re.sub(r'<span class="doubt".*?</span>', "", row.group(1)).count(">150<") == 0
    prefecture = province.prefecture_of(county).id
    for scope in (province.id, prefecture):
        region = re.search(rf'<tr data-scope="{scope}"[^>]*>(.*?)</tr>', page)
        assert region is not None and '<span class="doubt"' in region.group(1), scope
    doubts = page[page.index('id="doubts"') : page.index('id="indicators"')]
    assert "visits_primary" in doubts and county in doubts
    charted = render_province_html(report, "en")
    assert charted.count("<svg") == 1 and 'class="doubt"' in charted
    clean = province_html(table, province, "nhc-2024", "2024", indicators=[SHARE], lang="en",
                          charts=False)  # fmt: skip
    assert '<span class="doubt"' not in clean


def test_many_undefined_counties_are_folded_not_dropped() -> None:
    """Thirteen counties undefined for one reason: one folded group (``<details>`` without
    ``open``) that still lists every county with its detail; a small group stays open."""
    counties = tuple(small_record_county(f"k{n:02d}") for n in range(13))
    province = Province("kp", Name("K", "省"), (Prefecture("ka", Name("A", "甲市"), counties),))
    rows = [(c.id, "2024", "visits", "", 100.0) for c in counties]
    rows += [(c.id, "2024", "visits_primary", "", 60.0) for c in counties[:12]]
    table = MeasureTable.from_rows(rows)
    page = province_html(table, province, "nhc-2024", "2024", indicators=[SHARE, "tcm_visit_share"],
                         lang="en", charts=False)  # fmt: skip
    tcm = page[page.index('id="ind-tcm_visit_share"') :]
    assert tcm.count("<details>") == 1 and "<details open>" not in tcm
    assert all(f'data-undefined="{c.id}"' in tcm for c in counties)
    share = page[page.index(f'id="ind-{SHARE}"') : page.index('id="ind-tcm_visit_share"')]
    assert share.count("<details open>") == 1 and 'data-undefined="k12"' in share
    assert f"A required input is missing — {FOLD_AFTER + 1} counties" in tcm


def test_cli_writes_the_page(province_data: tuple[Path, Province, MeasureTable], tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    """``compare … --html FILE`` writes the page (folders made) and says so; a file name that is
    not .html is a usage error (exit 2) before any work."""
    root, province, table = province_data
    measures = tmp_path / "m.csv"
    table.write(measures)
    out = tmp_path / "out" / "province.html"
    args = ["compare", str(measures), "--province", str(root / PROVINCE_FILE), "--set",
            "nhc-2024", "--period", "2024"]  # fmt: skip
    assert main([*args, "--html", str(out), "--lang", "en"]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    page = out.read_text(encoding="utf-8")
    assert all(f'data-county="{c.id}"' in page for c in province.counties)
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--html", str(tmp_path / "page.txt")])
    assert exit_.value.code == 2


def test_renders_in_chromium(pages: dict[str, str], report: ProvinceReport, tmp_path: Path) -> None:
    """Headless Chromium shows the page with no console error and no request beyond its file;
    every county's name is in the rendered text and Chinese is drawn with a CJK font."""
    if find_browser() is None:
        pytest.fail("Chromium is not installed (make install-browser)")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for lang, page in pages.items():
        path = tmp_path / f"province-{lang}.html"
        path.write_text(page, encoding="utf-8")
        view = inspect_page(path, font_selector="h1")
        (ARTEFACTS / f"province-{lang}.png").write_bytes(view.screenshot)
        assert view.console_errors == ()
        assert view.requests == (path.resolve().as_uri(),)
        for county in report.province.counties:
            name: Any = county.name.zh if lang == "zh" else county.name.en
            assert name in view.text, (lang, name)
        if lang == "zh":
            assert view.fonts and all("CJK" in f or "SC" in f for f in view.fonts), view.fonts
