"""The HTML report is one self-contained file: no external reference, no script, charts as
inline SVG whose glyphs are paths, each chart with a table, every section present."""

from __future__ import annotations

import re
from pathlib import Path

from countycare.io import load_county
from countycare.report.html import html_report

_EXTERNAL = re.compile(
    r"""(?:src|href)\s*=\s*["'](?!#|data:)|url\((?!#)|@import|<link|<script""", re.I
)


def test_page_makes_no_external_reference(wanrong_pages: dict[str, Path]) -> None:
    """No src/href outside the page, no url() but in-page ids, no @import, link or script:
    opening the file makes no request and needs no JavaScript."""
    for page in wanrong_pages.values():
        text = page.read_text(encoding="utf-8")
        found = _EXTERNAL.findall(text)
        assert not found, found[:5]
        assert "http://" not in text.replace('xmlns="http://www.w3.org/', "").replace(
            'xmlns:xlink="http://www.w3.org/', ""
        )


def test_charts_are_inline_svg_with_glyphs_as_paths(wanrong_pages: dict[str, Path]) -> None:
    """Every chart is an inline <svg> whose text is drawn as paths (no <text>), so it shows
    the same without any font; and every id in the page is unique across the charts."""
    text = wanrong_pages["zh"].read_text(encoding="utf-8")
    svgs = re.findall(r"<svg.*?</svg>", text, re.S)
    assert len(svgs) >= 6  # 4 scorecard sets, the network, the waterfall
    assert all("<text" not in svg for svg in svgs)
    ids = re.findall(r'\bid="([^"]+)"', text)
    assert len(ids) == len(set(ids))


def test_every_chart_has_a_table_beside_it(wanrong_pages: dict[str, Path]) -> None:
    """A figure is followed by a table carrying its figures, for screen readers."""
    text = wanrong_pages["en"].read_text(encoding="utf-8")
    figures = [m.end() for m in re.finditer(r"</figure>", text)]
    assert figures
    for end in figures:
        assert text[end:].lstrip().startswith("<table"), text[end : end + 80]
    assert text.count('role="img"') == len(figures)


def test_sections_and_languages(wanrong_pages: dict[str, Path]) -> None:
    """Chinese by default with its headings; English on request; both carry the key figures."""
    zh = wanrong_pages["zh"].read_text(encoding="utf-8")
    en = wanrong_pages["en"].read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in zh and '<html lang="en">' in en
    for heading in ("基本情况", "医共体", "紧密型评估", "监测指标", "双向转诊", "医保基金打包结算"):
        assert heading in zh
    for heading in ("Basic facts", "The medical community", "Tightness assessment", "Referrals"):
        assert heading in en
    for page in (zh, en):
        for figure in ("362,000", "207", "274", "1,081.5"):
            assert figure in page


def test_targets_and_reference_values_speak_the_pages_language(
    wanrong_pages: dict[str, Path],
) -> None:
    """The Chinese page shows targets and reported national values in Chinese
    (``≥ 22 %(国家)``, ``63.4 %(国家 2024，报告值)``), the English page in English."""
    zh = wanrong_pages["zh"].read_text(encoding="utf-8")
    en = wanrong_pages["en"].read_text(encoding="utf-8")
    assert "%(国家)" in zh and "63.4 %(国家 2024，报告值)" in zh
    assert "(national)" not in zh and "reported)" not in zh
    assert "% (national)" in en and "63.4 % (national 2024, reported)" in en


def test_units_and_referral_ratios_speak_the_pages_language(
    wanrong_pages: dict[str, Path],
) -> None:
    """The Chinese page writes units (``医师/万人``, ``元/住院人次``) and the names of the
    referral ratios in Chinese: it showed ``physician / 10,000 persons`` and ``downward /
    upward referrals``; so are the kinds of input and the cautions written in both languages.
    The English page keeps the English forms."""
    zh = wanrong_pages["zh"].read_text(encoding="utf-8")
    en = wanrong_pages["en"].read_text(encoding="utf-8")
    for english, chinese in (
        ("physician / 10,000 persons", "医师/万人"),
        ("yuan / admission", "元/住院人次"),
        ("Completion rate of referrals", "转诊完成率"),
        ("Downward / upward referrals (completed)", "下转/上转(已完成)"),
    ):
        assert chinese in zh and english not in zh, english
        assert english in en and chinese not in en, chinese
    assert "10,000 persons" not in zh and "share of upward referrals" not in zh
    assert "<td>转诊</td>" in zh and "countycare 生成的模拟记录" in zh
    assert "<td>Referrals</td>" in en and "not real referrals" in en


def test_print_stylesheet_is_a4(wanrong_pages: dict[str, Path]) -> None:
    """The page prints on A4 and hides its navigation in print."""
    text = wanrong_pages["zh"].read_text(encoding="utf-8")
    assert "@page { size: A4" in text and "@media print" in text


def test_missing_inputs_are_said_not_hidden() -> None:
    """With the county alone, each result section says which input it lacks; the year's
    figures of the basic facts are 'not recorded' with the reason, not 0."""
    page = html_report(load_county("wanrong"), lang="en")
    for note in (
        "No measures were given",
        "No referral records were given",
        "No settlement rules were given",
        "No governance file was given",
        "no measures were given",
    ):
        assert note in page


def test_a_figure_past_any_real_value_is_shown_in_scientific_notation() -> None:
    """A scorecard value of 10^15 or more (1e300 % from a table built in Python) was printed
    with hundreds of digits; it is shown as the scorecard's text shows it, and an ordinary
    figure keeps its two decimals."""
    from countycare.report.sections_results import _figure

    assert _figure(1e300, "percent") == "1.000e+300"
    assert _figure(63.4012, "percent") == "63.40"
    assert _figure(0.125, "yuan / person") == "0.13"
