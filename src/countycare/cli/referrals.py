"""The ``referrals`` subcommand: build a referral network from records and print its numbers."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from countycare.cli._common import (
    EXIT_OK,
    UsageError,
    int_in,
    out_file,
    prepare_out,
    print_json,
    require_extra,
)
from countycare.errors import PeriodError
from countycare.io import load_county
from countycare.periods import Period
from countycare.referrals.network import build_network
from countycare.referrals.plot import save_network_plot
from countycare.referrals.summary import render_referral_summary
from countycare.referrals.synthetic import synthetic_referrals

__all__ = ["register"]


def _period(text: str) -> Period:
    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


#: The most synthetic records one run makes (about 1 GB of memory at the top).
MAX_SYNTHETIC = 20_000_000


def register(subparsers: Any) -> None:
    """Add the ``referrals`` subcommand."""
    parser = subparsers.add_parser(
        "referrals",
        help="build the referral network from records; print directions, rates, bypass, flows",
        description=(
            "Read referral records (CSV or Parquet with the columns referral_id, patient_id, "
            "from_id, to_id, date, setting, status), reject bad rows with their reason, and "
            "print the network's numbers. Without RECORDS, --synthetic N makes seeded "
            "synthetic records for the county instead."
        ),
    )
    parser.add_argument(
        "records", nargs="?", help="a .csv, .tsv or .parquet file of referral records"
    )
    parser.add_argument(
        "--county", default="wanrong", help="a .toml/.json file or dataset name (default: wanrong)"
    )
    parser.add_argument(
        "--period",
        type=_period,
        help="keep records of this period: 2024, 2024Q1, 2024-03 (default: every date)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--strict", action="store_true", help="fail (exit 1) when any row is rejected"
    )
    parser.add_argument(
        "--plot",
        metavar="FILE",
        type=out_file(".png", ".svg"),
        help="draw the network into a .png or .svg file (its folder is created; needs the "
        "'plot' extra)",
    )
    parser.add_argument(
        "--top",
        type=int_in(1, 1000),
        default=10,
        help="how many largest flows to list, 1 to 1000 (default 10)",
    )
    parser.add_argument(
        "--synthetic",
        type=int_in(1, MAX_SYNTHETIC),
        metavar="N",
        help=f"use N seeded synthetic records of the county, 1 to {MAX_SYNTHETIC:,} "
        "(in --period, default 2024)",
    )
    parser.add_argument(
        "--seed", type=int_in(0, 2**32 - 1), default=0, help="seed of --synthetic (default 0)"
    )
    parser.set_defaults(handler=_referrals, parser=parser)


def _referrals(args: argparse.Namespace) -> int:
    if (args.records is None) == (args.synthetic is None):
        raise UsageError("give either RECORDS or --synthetic N")
    if args.plot:
        require_extra("matplotlib", "--plot")
        prepare_out(args.plot)
    county = load_county(args.county)
    source: Any = args.records
    if args.synthetic is not None:
        period = args.period or Period.year(2024)
        source = synthetic_referrals(county, period, args.synthetic, seed=args.seed)
    network = build_network(source, county, args.period, strict=args.strict)
    document = network.to_dict(top=args.top)
    picture = save_network_plot(network, county, args.plot) if args.plot else None
    if args.json:
        print_json(document)
        if picture is not None:
            print(f"Picture: {picture}", file=sys.stderr)
    else:
        print(render_referral_summary(document))
        if picture is not None:
            print(f"Picture: {picture}")
    return EXIT_OK
