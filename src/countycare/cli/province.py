"""Subcommand ``compare``: rank and compare the counties of a province on an indicator set."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from countycare.cli._common import (
    EXIT_OK,
    out_file,
    prepare_out,
    print_json,
    require_extra,
    set_code,
)
from countycare.errors import DataError, Problem
from countycare.indicators.catalogues import SETS
from countycare.indicators.files import read_measures
from countycare.indicators.rollup import roll_up_periods
from countycare.indicators.target_files import read_targets
from countycare.periods import Period
from countycare.province.compare import compare_province
from countycare.province.files import load_province
from countycare.province.model import Province

__all__ = ["register"]


def _period(text: str) -> str:
    """argparse type: a period (``2024``, ``2024Q1``, ``2024-03``), else a usage error."""
    try:
        return str(Period.parse(text))
    except Exception:  # PeriodError or ValueError: a usage error either way
        raise argparse.ArgumentTypeError(
            f"not a period (2024, 2024Q1, 2024-03): {text!r}"
        ) from None


def register(subparsers: Any) -> None:
    """Add the ``compare`` subcommand."""
    compare = subparsers.add_parser(
        "compare",
        help="rank and compare a province's counties on an indicator set (ratio of sums above "
        "the county)",
    )
    compare.add_argument(
        "measures", help="measures file of the counties (.csv/.tsv/.json/.parquet)"
    )
    compare.add_argument("--province", required=True, help="the province file")
    compare.add_argument(
        "--set", dest="set_code", required=True, type=set_code, choices=sorted(SETS)
    )
    compare.add_argument("--period", required=True, type=_period, help="e.g. 2024")
    compare.add_argument("--baseline-period", type=_period, help="give each county's change")
    compare.add_argument("--targets", help="a TOML/JSON targets file (added to the national)")
    compare.add_argument("--indicators", nargs="+", metavar="CODE", help="only these indicators")
    compare.add_argument("--json", action="store_true", help="print JSON instead of text")
    compare.add_argument(
        "--html",
        metavar="FILE",
        type=out_file(".html", ".htm"),
        help="write the comparison as one self-contained HTML page (charts need the plot extra)",
    )
    compare.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="language of the HTML page"
    )
    compare.set_defaults(handler=_compare)


def _compare(args: argparse.Namespace) -> int:
    if args.html:
        require_extra("matplotlib", "--html")  # before any work
    province = load_province(args.province)
    path = Path(args.measures)
    table = roll_up_periods(read_measures(path), source=str(path))
    _require_period(table, province, args.period, str(path))
    options: dict[str, Any] = {
        "baseline_period": args.baseline_period,
        "targets": read_targets(args.targets) if args.targets else None,
        "indicators": args.indicators,
    }
    comparison = compare_province(table, province, args.set_code, args.period, **options)
    if args.html:
        from countycare.report.province_content import build_province_report

        return _html(args, build_province_report(comparison, province))
    if args.json:
        print_json(comparison.to_dict())
    else:
        print(comparison.to_text())
    return EXIT_OK


def _require_period(table: Any, province: Province, period: str, source: str) -> None:
    """Exit 1 with the periods the file holds when no county has a figure in ``period``: a
    comparison with every value undefined is a wrong period, not a finding (as ``scorecard``)."""
    counties = {c.id for c in province.counties}
    held = {
        str(Period.parse(p))
        for s, p in zip(table.scope.tolist(), table.period.tolist(), strict=True)
        if s in counties
    }
    if period in held:
        return
    shown = ", ".join(sorted(held)[:8]) + (" …" if len(held) > 8 else "")
    holds = f"it holds {shown}" if held else "it holds no figure of its counties"
    raise DataError(
        [Problem("$", f"no figures for any county of {province.id} in {period}; {holds}")],
        source,
    )


def _html(args: argparse.Namespace, report: Any) -> int:
    from countycare.report.html import write_html
    from countycare.report.province_html import render_province_html

    page = render_province_html(report, args.lang)
    write_html(page, prepare_out(args.html))
    done = f"wrote {args.html} ({len(page.encode()) // 1024} KiB, {args.lang})"
    if args.json:  # standard output is the JSON alone
        print(done, file=sys.stderr)
        print_json(report.comparison.to_dict())
    else:
        print(done)
    return EXIT_OK
