"""The Wanrong report seen in a real browser (headless Chromium): no console error, no request
beyond its own file, the key figures in the rendered text in both languages, Chinese drawn with
a CJK font, and a screenshot kept under out/test-artefacts/.

Chromium is a test dependency (the Makefile installs Debian's ``chromium``): when it is missing
these tests fail, they do not skip.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from countycare.report.browser import PageView, find_browser, inspect_page, print_pdf

ARTEFACTS = Path(__file__).resolve().parents[2] / "out" / "test-artefacts"


def _require_browser() -> None:
    if find_browser() is None:
        pytest.fail(
            "Chromium is not installed: the report's browser tests need it "
            "(make install-browser, or apt-get install chromium fonts-noto-cjk)"
        )


@pytest.fixture(scope="module")
def views(wanrong_pages: dict[str, Path]) -> dict[str, PageView]:
    """Each language's page as Chromium rendered it; the screenshots kept as artefacts."""
    _require_browser()
    seen = {}
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for lang, page in wanrong_pages.items():
        view = inspect_page(page, font_selector="blockquote.paragraph")
        (ARTEFACTS / f"report-wanrong-{lang}.png").write_bytes(view.screenshot)
        seen[lang] = view
    return seen


def test_no_request_leaves_the_file(
    views: dict[str, PageView], wanrong_pages: dict[str, Path]
) -> None:
    """The only request the page makes is for itself."""
    for lang, view in views.items():
        assert view.requests == (wanrong_pages[lang].resolve().as_uri(),)


def test_no_console_error(views: dict[str, PageView]) -> None:
    """The browser logs no error and throws no exception while showing the page."""
    for view in views.values():
        assert view.console_errors == ()


def test_key_figures_in_the_rendered_text(views: dict[str, PageView]) -> None:
    """362,000 residents, 14 townships, 207 villages, 274 village clinics appear in what the
    reader sees, in both languages, and so do the chart captions and the network."""
    zh, en = views["zh"].text, views["en"].text
    for fragment in ("362,000", "36.2万人", "207个行政村", "274家公办村卫生室", "乡镇\t14"):
        assert fragment in zh, fragment
    for fragment in (
        "Resident population\t362,000",
        "Towns and townships\t14",
        "Administrative villages\t207",
        "Public village clinics\t274",
        "The referral network by place",
        "Chart: Tight county medical community monitoring indicators (2024)",
    ):
        assert fragment in en, fragment
    assert "图：" in zh and "转诊网络（按地点）" in zh


def test_chinese_is_drawn_with_a_cjk_font(views: dict[str, PageView]) -> None:
    """The Chinese paragraph is drawn with an installed CJK font (no tofu boxes)."""
    for view in views.values():
        assert view.fonts and all("CJK" in f or "SC" in f for f in view.fonts), view.fonts


def test_screenshot_is_kept(views: dict[str, PageView]) -> None:
    """The screenshot of the whole page is a PNG taller than a screen: the page rendered."""
    shot = ARTEFACTS / "report-wanrong-zh.png"
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG")
    height = int.from_bytes(data[20:24], "big")
    assert height > 3000


def test_the_checker_sees_an_external_request(tmp_path: Path) -> None:
    """The request check is not vacuous: a page that loads an image from elsewhere is caught."""
    _require_browser()
    page = tmp_path / "leaky.html"
    page.write_text(
        '<!DOCTYPE html><html><body><p>x</p><img src="http://countycare.invalid/a.png">'
        "</body></html>",
        encoding="utf-8",
    )
    view = inspect_page(page)
    assert any(url.startswith("http://countycare.invalid/") for url in view.requests)
    assert view.console_errors  # the failed load is logged as an error


def test_pdf_is_printed(tmp_path: Path) -> None:
    """--pdf's printer writes an A4 PDF of a report page."""
    _require_browser()
    page = tmp_path / "page.html"
    page.write_text(
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>'
        "@page { size: A4; }</style></head><body><p>万荣县 362,000</p></body></html>",
        encoding="utf-8",
    )
    pdf = print_pdf(page, tmp_path / "out" / "page.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    box = re.search(rb"/MediaBox ?\[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert box is not None
    assert round(float(box.group(1))) == 595 and round(float(box.group(2))) == 842  # A4 in pt
