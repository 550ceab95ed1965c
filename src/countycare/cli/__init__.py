"""The ``countycare`` command: parse the arguments, call the library, print. No logic lives here.

Each group of subcommands is a module of this package with a ``register(subparsers)`` function;
:data:`COMMAND_MODULES` lists them. Exit codes: 0 success, 1 bad data (one line per problem,
``FILE: $.path: message``), 2 wrong usage. A user's mistake never prints a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from countycare.cli._common import EXIT_DATA, EXIT_OK, print_error
from countycare.errors import CountyCareError

__all__ = ["COMMAND_MODULES", "build_parser", "main"]

#: Modules that register subcommands, in the order ``countycare --help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "countycare.cli.county",
    "countycare.cli.export",
    "countycare.cli.governance",
    "countycare.cli.imports",
    "countycare.cli.indicators",
    "countycare.cli.province",
    "countycare.cli.records",
    "countycare.cli.referrals",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="countycare",
        description="Model and assess integrated county health-care governance (县域医共体).",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except CountyCareError as exc:
        print_error(exc)
        return EXIT_DATA
    except BrokenPipeError:  # e.g. `countycare show wanrong | head`
        sys.stderr.close()
        return EXIT_OK
    return code
