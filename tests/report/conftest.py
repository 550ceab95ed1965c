"""Fixtures of the county report's tests: the Wanrong report computed once, rendered in both
languages (computing it draws 20,000 synthetic referrals and evaluates every indicator set)."""

from __future__ import annotations

from pathlib import Path

import pytest

from countycare.io import load_county
from countycare.report.content import CountyReport, build_report, packaged_inputs
from countycare.report.html import render_html


@pytest.fixture(scope="session")
def wanrong_report() -> CountyReport:
    """The Wanrong report with every packaged input."""
    return build_report(load_county("wanrong"), **packaged_inputs("wanrong"))


@pytest.fixture(scope="session")
def wanrong_pages(
    wanrong_report: CountyReport, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The Wanrong report written as HTML, by language."""
    folder = tmp_path_factory.mktemp("report")
    pages = {}
    for lang in ("zh", "en"):
        path = folder / f"wanrong-{lang}.html"
        path.write_text(render_html(wanrong_report, lang), encoding="utf-8")
        pages[lang] = path
    return pages
