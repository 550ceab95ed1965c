"""Rendering: turn model objects and results into text and JSON. Rendering never computes."""

from countycare.report.county_report import county_summary, render_county_report

__all__ = ["county_summary", "render_county_report"]
