"""Rendering: turn model objects and results into text, JSON and the HTML county report.

Rendering never computes: :func:`build_report` gathers the library's results in a
:class:`CountyReport`; :func:`render_html` turns it into one self-contained HTML page.
:func:`province_html` does the same for a province's counties compared
(:func:`build_province_report` pairs a comparison, which holds the figures in doubt, with
its province).
"""

from countycare.report.basic_fact import BasicFact, BasicFacts
from countycare.report.content import (
    CountyReport,
    InputNote,
    SetCard,
    build_report,
    packaged_inputs,
)
from countycare.report.county_report import county_summary, render_county_report
from countycare.report.facts import basic_facts
from countycare.report.html import html_report, render_html, write_html
from countycare.report.inputs import read_inputs
from countycare.report.province_content import ProvinceReport, build_province_report
from countycare.report.province_html import province_html, render_province_html
from countycare.report.sections_model import paragraph_zh
from countycare.report.svg import ReportUnavailableError

__all__ = [
    "BasicFact",
    "BasicFacts",
    "CountyReport",
    "InputNote",
    "ProvinceReport",
    "ReportUnavailableError",
    "SetCard",
    "basic_facts",
    "build_province_report",
    "build_report",
    "county_summary",
    "html_report",
    "packaged_inputs",
    "paragraph_zh",
    "province_html",
    "read_inputs",
    "render_county_report",
    "render_html",
    "render_province_html",
    "write_html",
]
