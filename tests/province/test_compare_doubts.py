"""An implausible figure is never printed plain by ``compare``: the text, the JSON, the Arrow
table and the HTML page all mark the value read from it, and the regions that sum it, from the
one judgement the :class:`~countycare.province.compare.Comparison` carries.

A measures *file* with a part above its whole is refused before any comparison (the last test);
the marks protect what no file reader checked: a table built in Python, whose comparison
``compare`` would print as ``to_text()`` and ``--json`` as ``to_dict()``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from countycare.cli import main
from countycare.indicators.table import MeasureTable
from countycare.labels import Name
from countycare.province.compare import Comparison, compare_province
from countycare.province.files import dump_province
from countycare.province.model import Prefecture, Province
from countycare.testing.records import small_record_county

FUND = "primary_fund_share"
SHARE = "primary_visit_share"
PART = "fund_spending_primary"
WHOLE = "fund_spending_in_county_ex_pharmacy"


@pytest.fixture
def province() -> Province:
    """Three small counties in two prefectures: ``b1`` alone in ``pb``."""
    return Province(
        "sp",
        Name("P", "省"),
        (
            Prefecture("pa", Name("A", "甲市"),
                       (small_record_county("a1"), small_record_county("a2"))),
            Prefecture("pb", Name("B", "乙市"), (small_record_county("b1"),)),
        ),
    )  # fmt: skip


def _rows(primary_fund_of_a2: float) -> list[tuple[str, str, str, str, float]]:
    """Plausible visits everywhere; ``a2``'s primary fund spending as given (of 100)."""
    rows: list[tuple[str, str, str, str, float]] = []
    for county, primary, fund in (("a1", 60.0, 30.0), ("a2", 50.0, primary_fund_of_a2),
                                  ("b1", 70.0, 40.0)):  # fmt: skip
        rows += [
            (county, "2024", "visits", "", 100.0),
            (county, "2024", "visits_primary", "", primary),
            (county, "2024", WHOLE, "", 100.0),
            (county, "2024", PART, "", fund),
        ]
    return rows


@pytest.fixture
def comparison(province: Province) -> Comparison:
    """County ``a2`` spends 120 of its 100 yuan of in-county fund spending at primary care: a
    part larger than its whole, a share of 120 %, in a table built in Python."""
    return compare_province(MeasureTable.from_rows(_rows(120.0)), province, "nhc-2024", "2024",
                            indicators=[FUND, SHARE])  # fmt: skip


def _compare(files: tuple[Path, Path], *extra: str) -> list[str]:
    province_file, measures = files
    return ["compare", str(measures), "--province", str(province_file), "--set", "nhc-2024",
            "--period", "2024", "--indicators", FUND, SHARE, *extra]  # fmt: skip


def test_text_marks_the_value_and_the_regions_summing_it(comparison: Comparison) -> None:
    """The text lists the figure in doubt first, marks a2's 120 % with ⚠ and the reason on its
    line, not ranked (b1 is first), and marks the prefecture and the province that sum it; the
    plausible prefecture, the other counties and the other indicator stay plain. 120.00 never
    appears without ⚠."""
    text = comparison.to_text()
    why = f"{PART}: 120 is more than its whole {WHOLE} (100)"
    assert "⚠ 1 figure(s) in doubt" in text and f"a2 2024 {why}" in text
    line = next(x for x in text.splitlines() if "- a2 " in x)
    assert "⚠ 120.00 %" in line and f"not ranked, IN DOUBT: {why}" in line
    assert re.search(r"1\. b1 +40\.00 %  Q1", _line(text, "1.", FUND))
    assert text.count("120.00 %") == text.count("⚠ 120.00 %")
    assert "IN DOUBT: sums figures in doubt of a2" in _line(text, "province sp:", FUND)
    assert "IN DOUBT" in _line(text, "prefecture pa:", FUND)
    assert "IN DOUBT" not in _line(text, "prefecture pb:", FUND)
    share_block = text[text.index(SHARE) : text.index(FUND)]
    assert "IN DOUBT" not in share_block and "⚠" not in share_block


def _line(text: str, start: str, code: str) -> str:
    block = text[text.index(code) :]
    return next(x for x in block.splitlines() if x.strip().startswith(start))


def test_json_carries_the_doubt_on_the_county_and_the_regions(comparison: Comparison) -> None:
    """``--json``: a2's entry has ``in_doubt`` and its ``doubts`` (measure, message, severity);
    the province and prefecture ``pa`` name it in ``doubtful_counties``; the document lists the
    figure under ``doubts``; plausible entries say ``in_doubt: false``."""
    data = json.loads(json.dumps(comparison.to_dict()))
    assert data["doubts"] == [{"scope": "a2", "period": "2024", "measure": PART,
                               "message": f"120 is more than its whole {WHOLE} (100)",
                               "severity": "error"}]  # fmt: skip
    fund = next(i for i in data["indicators"] if i["code"] == FUND)
    by_county = {c["county"]: c for c in fund["counties"]}
    assert by_county["a2"]["value"] == pytest.approx(120.0)
    assert by_county["a2"]["in_doubt"] is True
    assert by_county["a2"]["rank"] is None and by_county["b1"]["rank"] == 1
    assert [d["measure"] for d in by_county["a2"]["doubts"]] == [PART]
    assert not by_county["a1"]["in_doubt"] and by_county["a1"]["doubts"] == []
    assert fund["province"]["in_doubt"] and fund["province"]["doubtful_counties"] == ["a2"]
    prefectures = {p["scope"]: p for p in fund["prefectures"]}
    assert prefectures["pa"]["doubtful_counties"] == ["a2"]
    assert prefectures["pb"] == {**prefectures["pb"], "in_doubt": False, "doubtful_counties": []}
    share = next(i for i in data["indicators"] if i["code"] == SHARE)
    assert not any(c["in_doubt"] for c in share["counties"]) and not share["province"]["in_doubt"]


def test_html_page_marks_the_same_value(comparison: Comparison, province: Province) -> None:
    """The HTML page: a2's row on the fund share shows ⚠ with the reason, and the province row
    is marked."""
    pytest.importorskip("matplotlib")
    from countycare.report.province_content import build_province_report
    from countycare.report.province_html import render_province_html

    page = render_province_html(build_province_report(comparison, province), "en")
    section = page[page.index(f'id="ind-{FUND}"') :]
    row = re.search(r'<tr data-county="a2"[^>]*>(.*?)</tr>', section)
    assert row is not None and '<span class="doubt"' in row.group(1) and "⚠ 120" in row.group(1)
    province_row = re.search(r'<tr data-scope="sp"[^>]*>(.*?)</tr>', section)
    assert province_row is not None and '<span class="doubt"' in province_row.group(1)


def test_arrow_has_a_doubt_column(province: Province) -> None:
    """``to_arrow()``: the ``doubt`` column says why a2's value and the regions summing it are in
    doubt, and is null elsewhere."""
    table = MeasureTable.from_rows(_rows(120.0))
    rows = compare_province(table, province, "nhc-2024", "2024", indicators=[FUND]).to_arrow()
    doubts = {r["scope"]: r["doubt"] for r in rows.to_pylist()}
    assert doubts["a2"] is not None and PART in doubts["a2"]
    assert doubts["sp"] == doubts["pa"] == "sums figures in doubt of a2"
    assert doubts["a1"] is None and doubts["b1"] is None and doubts["pb"] is None


def test_part_above_whole_in_a_table_is_one_doubt(province: Province) -> None:
    """A table built in Python (no file check) with a2's primary visits above its visits: the
    measure check and the share check find the same figure, and it is one doubt, not two."""
    rows = [r if r[:3] != ("a2", "2024", "visits_primary") else (*r[:4], 150.0)
            for r in _rows(30.0)]  # fmt: skip
    comparison = compare_province(MeasureTable.from_rows(rows), province, "nhc-2024", "2024",
                                  indicators=[SHARE])  # fmt: skip
    line = next(c for c in comparison.indicators[0].counties if c.county == "a2")
    why = "visits_primary: 150 is more than its whole visits (100)"
    assert [d.reason for d in line.doubts] == [why]
    assert comparison.doubts == line.doubts
    assert "⚠ 150.00 %" in comparison.to_text()


def test_a_doubtful_baseline_marks_the_change(province: Province) -> None:
    """A share above 100 % at the baseline period only: the value now is plain, the change
    says its baseline is in doubt, and the regions (which sum the period compared) stay plain."""
    rows = _rows(30.0) + [(s, "2023", m, c, v) for s, _, m, c, v in _rows(130.0)]
    comparison = compare_province(MeasureTable.from_rows(rows), province, "nhc-2024", "2024",
                                  baseline_period="2023", indicators=[FUND])  # fmt: skip
    item = comparison.indicators[0]
    line = next(c for c in item.counties if c.county == "a2")
    assert line.value_doubts == () and [d.period for d in line.baseline_doubts] == ["2023"]
    assert item.doubtful_counties("sp") == ()
    text = comparison.to_text()
    assert "baseline in doubt" in text and "IN DOUBT" not in text
    entry = next(c for c in comparison.to_dict()["indicators"][0]["counties"]
                 if c["county"] == "a2")  # fmt: skip
    assert entry["in_doubt"] is False and entry["doubts"][0]["period"] == "2023"


def _by_hand(table: MeasureTable, path: Path) -> Path:
    """``table`` written as a measures CSV without the writer's checks (``write_measures``
    refuses a part above its whole, as the reader does): the file the reader must refuse."""
    lines = ["scope,period,measure,category,value"]
    lines += [",".join([*key, repr(value)]) for key, value in table.mapping().items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_file_with_a_known_part_above_its_whole_is_refused(
    province: Province, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Primary visits above all visits in a measures file: a pair the file check knows, so
    ``compare`` prints no value at all — exit 1, naming the file, the row and the figure."""
    rows = [r if r[:3] != ("a2", "2024", "visits_primary") else (*r[:4], 150.0)
            for r in _rows(30.0)]  # fmt: skip
    measures = _by_hand(MeasureTable.from_rows(rows), tmp_path / "bad.csv")
    province_file = dump_province(province, tmp_path / "province.toml")
    assert main(_compare((province_file, measures))) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{measures}: row " in err and "150 is more than its whole visits (100)" in err


def test_a_file_with_a_share_above_100_percent_is_refused(
    province: Province, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Primary fund spending above in-county fund spending in a measures file: a part above its
    whole since the pair is known (it was read and printed plain before), so ``compare`` exits
    1 naming the row, and prints no value."""
    measures = _by_hand(MeasureTable.from_rows(_rows(120.0)), tmp_path / "fund.csv")
    province_file = dump_province(province, tmp_path / "province.toml")
    assert main(_compare((province_file, measures))) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{measures}: row " in err and f"120 is more than its whole {WHOLE} (100)" in err
