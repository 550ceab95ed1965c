"""Subcommands about the county model: ``report``, ``validate``, ``show``, ``datasets``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import tomli_w

from countycare.cli._common import EXIT_DATA, EXIT_OK, count, iso_date, print_json, summary_line
from countycare.datasets import names, resource
from countycare.errors import DataError, Problem, Severity
from countycare.io import check_county_file, county_problems, load_county
from countycare.io.converters import toml_converter
from countycare.report import CountyReport, render_county_report

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
    report.add_argument(
        "--as-of",
        type=iso_date,
        help="show the community structure on this date (default: every membership, any date)",
    )
    report.add_argument(
        "--json",
        action="store_true",
        help="print the whole report (what --html shows: facts, scorecards, assessment, "
        "referrals, settlement) as JSON instead of the county summary text",
    )
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
    validate.add_argument(
        "--json", action="store_true", help="print the problems as JSON instead of text"
    )
    validate.set_defaults(handler=_validate)

    show = subparsers.add_parser("show", help="print a county as JSON or TOML")
    show.add_argument("county", help="a .toml/.json file or dataset name")
    show.add_argument(
        "--format",
        choices=("json", "toml"),
        default="json",
        help="the file format to print: json or toml (default: json)",
    )
    show.add_argument("--json", action="store_true", help="the same as --format json")
    show.set_defaults(handler=_show)

    datasets = subparsers.add_parser("datasets", help="list the packaged datasets")
    datasets.add_argument("--json", action="store_true", help="print JSON instead of text")
    datasets.set_defaults(handler=_datasets)


def _report(args: argparse.Namespace) -> int:
    county, problems = county_problems(args.county)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if county is None or errors:
        raise DataError(problems, args.county)
    if args.html or args.pdf:
        return _html(args, problems)
    if args.json:
        print_json(_county_report(args, problems).to_dict())
    else:
        print(render_county_report(county, problems, args.as_of))
    return EXIT_OK


def _county_report(args: argparse.Namespace, problems: tuple[Problem, ...]) -> CountyReport:
    """The report of the county and inputs the command names: what --html and --json show."""
    from countycare.report.content import build_report
    from countycare.report.inputs import read_inputs

    inputs = read_inputs(
        args.county,
        measures=args.measures,
        governance=args.governance,
        referrals=args.referrals,
        settlement=args.settlement,
    )
    return build_report(inputs.pop("county"), as_of=args.as_of, problems=problems, **inputs)


def _html(args: argparse.Namespace, problems: tuple[Problem, ...]) -> int:
    from countycare.report.browser import print_pdf
    from countycare.report.html import render_html, write_html

    page = render_html(_county_report(args, problems), args.lang)
    html = Path(args.html) if args.html else Path(args.pdf).with_suffix(".html")
    write_html(page, html)
    print(f"wrote {html} ({len(page.encode()) // 1024} KiB, {args.lang})")
    if args.pdf:
        print(f"wrote {print_pdf(html, args.pdf)}")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    check = check_county_file(args.file, strict=args.strict)
    county, problems, errors = check.county, check.problems, check.errors
    if args.json:
        print_json(check.to_dict())
        return EXIT_OK if check.valid else EXIT_DATA
    for problem in problems:
        print(problem.located(args.file), file=sys.stderr)
    if county is None or errors:
        print(summary_line(args.file, len(errors)), file=sys.stderr)
        return EXIT_DATA
    warnings = len(problems)
    print(
        f"{args.file}: valid ({count(len(county.institutions), 'institution')}, "
        f"{count(warnings, 'warning')})"
    )
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    county = load_county(args.county, check=False)
    if args.json or args.format == "json":
        print_json(county.to_dict())
    else:  # TOML dates, not strings: the file dump_county writes
        sys.stdout.write(tomli_w.dumps(toml_converter.unstructure(county)))
    return EXIT_OK


def _county_name(row: dict[str, Any]) -> str:
    """``Wanrong County (万荣县)``, as the text listing has always shown it."""
    return f"{row['county']['en']} ({row['county']['zh']})"


def _datasets(args: argparse.Namespace) -> int:
    rows = []
    for name in names():
        county = load_county(name)
        rows.append(
            {
                "name": name,
                "county": {"en": county.name.en, "zh": county.name.zh},
                "file": str(resource(name + ".toml")),
            }
        )
    if args.json:
        print_json(rows)
        return EXIT_OK
    for row in rows:
        print(f"{row['name']}\t{_county_name(row)}\t{row['file']}")
    return EXIT_OK
