"""Subcommands about the county model: ``report``, ``validate``, ``show``, ``datasets``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import tomli_w

from countycare.cli._common import EXIT_DATA, EXIT_OK, count, iso_date, print_json
from countycare.datasets import names, resource
from countycare.errors import DataError, Severity
from countycare.io import county_problems, county_to_dict, load_county
from countycare.report import county_summary, render_county_report

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the county subcommands."""
    report = subparsers.add_parser(
        "report", help="summarise a county: places, institutions, community"
    )
    report.add_argument(
        "county",
        nargs="?",
        default="wanrong",
        help="a .toml/.json file or dataset name (default: wanrong)",
    )
    report.add_argument("--as-of", type=iso_date, help="show the community structure on this date")
    report.add_argument("--json", action="store_true", help="print JSON instead of text")
    report.add_argument(
        "--html", metavar="FILE", help="write the full report as one self-contained HTML file"
    )
    report.add_argument(
        "--pdf", metavar="FILE", help="also print the HTML report to PDF (needs Chromium)"
    )
    report.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="language of the HTML report"
    )
    report.add_argument(
        "--measures",
        help="a measures file or records dataset folder (default for a dataset: its own)",
    )
    report.add_argument("--governance", help="a governance file (default for a dataset: its own)")
    report.add_argument("--referrals", help="a referral records file (CSV/Parquet/Arrow)")
    report.add_argument("--settlement", help="a settlement rules file (see countycare settle)")
    report.set_defaults(handler=_report)

    validate = subparsers.add_parser("validate", help="check a county file and list every problem")
    validate.add_argument("file", help="a .toml or .json county file (or a dataset name)")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.set_defaults(handler=_validate)

    show = subparsers.add_parser("show", help="print a county as JSON or TOML")
    show.add_argument("county", help="a .toml/.json file or dataset name")
    show.add_argument("--format", choices=("json", "toml"), default="json")
    show.set_defaults(handler=_show)

    datasets = subparsers.add_parser("datasets", help="list the packaged datasets")
    datasets.set_defaults(handler=_datasets)


def _report(args: argparse.Namespace) -> int:
    county, problems = county_problems(args.county)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if county is None or errors:
        raise DataError(problems, args.county)
    if args.html or args.pdf:
        return _html(args)
    if args.json:
        print_json(county_summary(county, problems, args.as_of))
    else:
        print(render_county_report(county, problems, args.as_of))
    return EXIT_OK


def _html(args: argparse.Namespace) -> int:
    from countycare.report.browser import print_pdf
    from countycare.report.html import html_report, write_html
    from countycare.report.inputs import read_inputs

    inputs = read_inputs(
        args.county,
        measures=args.measures,
        governance=args.governance,
        referrals=args.referrals,
        settlement=args.settlement,
    )
    county = inputs.pop("county")
    page = html_report(county, lang=args.lang, as_of=args.as_of, **inputs)
    html = Path(args.html) if args.html else Path(args.pdf).with_suffix(".html")
    write_html(page, html)
    print(f"wrote {html} ({len(page.encode()) // 1024} KiB, {args.lang})")
    if args.pdf:
        print(f"wrote {print_pdf(html, args.pdf)}")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    county, problems = county_problems(args.file)
    for problem in problems:
        print(problem.located(args.file), file=sys.stderr)
    errors = [p for p in problems if p.severity is Severity.ERROR or args.strict]
    if county is None or errors:
        print(f"{args.file}: {count(len(errors), 'problem')}", file=sys.stderr)
        return EXIT_DATA
    warnings = len(problems)
    print(
        f"{args.file}: valid ({count(len(county.institutions), 'institution')}, "
        f"{count(warnings, 'warning')})"
    )
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    data = county_to_dict(load_county(args.county, check=False))
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(tomli_w.dumps(data))
    return EXIT_OK


def _datasets(args: argparse.Namespace) -> int:
    for name in names():
        county = load_county(name)
        print(f"{name}\t{county.name}\t{resource(name + '.toml')}")
    return EXIT_OK
