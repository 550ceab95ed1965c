"""Subcommands about governance and money: ``assess`` and ``settle``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from countycare.cli._common import EXIT_OK, UsageError, iso_date, print_json

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
    settle.add_argument(
        "rules", nargs="?", help="a .toml/.json file: the year, budget, actual spending and rules"
    )
    settle.add_argument(
        "--rules", dest="rules_option", metavar="RULES", help=argparse.SUPPRESS
    )  # the grammar before 0.2: kept as a deprecated alias of the positional RULES
    settle.add_argument("--json", action="store_true", help="print JSON instead of text")
    settle.set_defaults(handler=_settle)


def _assess(args: argparse.Namespace) -> int:
    from countycare.datasets import names
    from countycare.governance.assessment import assess
    from countycare.governance.files import load_governance
    from countycare.governance.summary import render_assessment
    from countycare.io import load_county

    county = load_county(args.county) if args.county in names() else None
    governance = load_governance(args.county, county)
    day = args.as_of or dt.date.today()
    assessment = assess(governance, day)
    if args.json:
        print_json(assessment.to_dict())
    else:
        print(render_assessment(governance, assessment))
    return EXIT_OK


def _settle(args: argparse.Namespace) -> int:
    from countycare.finance.rules_file import load_settlement_case
    from countycare.finance.summary import render_settlement

    if args.rules and args.rules_option:
        raise UsageError("give the rules file once: countycare settle RULES")
    if args.rules_option:
        print("countycare: note: --rules is deprecated; write: countycare settle RULES",
              file=sys.stderr)  # fmt: skip
    rules = args.rules or args.rules_option
    if not rules:
        raise UsageError("the rules file is required: countycare settle RULES")
    case = load_settlement_case(rules)
    settlement = case.settle()
    if args.json:
        print_json(settlement.to_dict())
    else:
        print(render_settlement(case, settlement))
    return EXIT_OK
