"""Subcommands about governance and money: ``assess`` and ``settle``."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from countycare.cli._common import EXIT_OK, iso_date, print_json

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``assess`` and ``settle`` subcommands."""
    assess = subparsers.add_parser(
        "assess", help="assess how tight a medical community is (nhc-2024 items 1.1-1.3)"
    )
    assess.add_argument(
        "county",
        nargs="?",
        default="wanrong",
        help="a packaged county name or a governance .toml/.json file (default: wanrong)",
    )
    assess.add_argument("--as-of", type=iso_date, help="assess on this date (default: today)")
    assess.add_argument("--json", action="store_true", help="print JSON instead of text")
    assess.set_defaults(handler=_assess)

    settle = subparsers.add_parser(
        "settle", help="settle a global budget: surplus retained, reasonable overspend shared"
    )
    settle.add_argument("--rules", required=True, help="a TOML/JSON file: budget, actual, rules")
    settle.add_argument("--json", action="store_true", help="print JSON instead of text")
    settle.set_defaults(handler=_settle)


def _assess(args: argparse.Namespace) -> int:
    from countycare.datasets import names
    from countycare.governance.assessment import assess
    from countycare.governance.files import load_governance
    from countycare.governance.summary import assessment_summary, render_assessment
    from countycare.io import load_county

    county = load_county(args.county) if args.county in names() else None
    governance = load_governance(args.county, county)
    day = args.as_of or dt.date.today()
    assessment = assess(governance, day)
    if args.json:
        print_json(assessment_summary(governance, assessment))
    else:
        print(render_assessment(governance, assessment))
    return EXIT_OK


def _settle(args: argparse.Namespace) -> int:
    from countycare.finance.rules_file import load_settlement_case
    from countycare.finance.summary import render_settlement, settlement_summary

    case = load_settlement_case(args.rules)
    settlement = case.settle()
    if args.json:
        print_json(settlement_summary(case, settlement))
    else:
        print(render_settlement(case, settlement))
    return EXIT_OK
