"""Subcommand ``compare``: rank and compare the counties of a province on an indicator set."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from countycare.cli._common import EXIT_OK, print_json
from countycare.indicators.catalogues import SETS
from countycare.indicators.files import read_measures
from countycare.indicators.rollup import roll_up_periods
from countycare.indicators.target_files import read_targets
from countycare.periods import Period
from countycare.province.compare import compare_province
from countycare.province.files import load_province

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
    compare.add_argument("--set", dest="set_code", required=True, choices=sorted(SETS))
    compare.add_argument("--period", required=True, type=_period, help="e.g. 2024")
    compare.add_argument("--baseline-period", type=_period, help="give each county's change")
    compare.add_argument("--targets", help="a TOML/JSON targets file (added to the national)")
    compare.add_argument("--indicators", nargs="+", metavar="CODE", help="only these indicators")
    compare.add_argument("--json", action="store_true", help="print JSON instead of text")
    compare.set_defaults(handler=_compare)


def _compare(args: argparse.Namespace) -> int:
    province = load_province(args.province)
    path = Path(args.measures)
    table = roll_up_periods(read_measures(path), source=str(path))
    comparison = compare_province(
        table,
        province,
        args.set_code,
        args.period,
        baseline_period=args.baseline_period,
        targets=read_targets(args.targets) if args.targets else None,
        indicators=args.indicators,
    )
    if args.json:
        print_json(comparison.to_dict())
    else:
        print(comparison.to_text())
    return EXIT_OK
