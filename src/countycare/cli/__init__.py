"""The ``countycare`` command: parse the arguments, call the library, print. No logic lives here.

Each group of subcommands is a module of this package with a ``register(subparsers)`` function;
:data:`COMMAND_MODULES` lists them. Exit codes: 0 success, 1 bad data (one line per problem,
``FILE: $.path: message``, then ``FILE: N problems``), 2 wrong usage (the usage line and what is
wrong). No input prints a traceback: an unexpected error inside the library is reported on one
line with a hint to rerun with ``--debug``, which shows the trace.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from countycare.cli._common import EXIT_DATA, EXIT_OK, EXIT_USAGE, UsageError, print_error
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

_DEBUG = "--debug"


class _Formatter(argparse.HelpFormatter):
    """Help that states each option's default and a date's format (unless the help says it).

    An option with no default says ``required`` or ``default: none`` (the option is not used),
    so that ``--help`` answers "what if I leave it out" for every option.
    """

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if not action.option_strings or text == argparse.SUPPRESS:
            return text
        if getattr(action.type, "__name__", "") == "iso_date" and "YYYY-MM-DD" not in text:
            text += " (a date, YYYY-MM-DD)"
        flags = (
            argparse._HelpAction,
            argparse._VersionAction,
            argparse._StoreConstAction,  # store_true and store_false too
        )
        if "default" in text or isinstance(action, flags):
            return text
        if action.required:
            return text + " (required)"
        if action.default in (None, argparse.SUPPRESS):
            return text + " (default: none)"
        shown = action.default
        if isinstance(shown, list | tuple):
            shown = " ".join(map(str, shown))
        return text + f" (default: {shown})"


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:  # argparse has no public walk over its subparsers
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                yield from _parsers(child)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    from countycare import __version__

    parser = argparse.ArgumentParser(
        prog="countycare",
        description="Model and assess integrated county health-care governance (县域医共体).",
        epilog="Exit codes: 0 success, 1 bad data, 2 wrong usage. Add --debug to any command "
        "to see the trace of an unexpected error.",
    )
    parser.add_argument("--version", action="version", version=f"countycare {__version__}")
    parser.add_argument(
        _DEBUG, action="store_true", help="show the Python trace of an unexpected error"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    for each in _parsers(parser):
        each.formatter_class = _Formatter
        each.set_defaults(parser=each)
    return parser


def _internal(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if len(text) > 200:
        text = text[:200] + "…"
    return (
        f"countycare: internal error: {type(exc).__name__}: {text or '(no message)'}; "
        "this is a bug in countycare, not in your data: rerun with --debug for the trace "
        "and report it"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    debug = _DEBUG in arguments
    arguments = [a for a in arguments if a != _DEBUG]
    parser = build_parser()
    args = parser.parse_args(arguments)
    command_parser: Any = getattr(args, "parser", parser)
    try:
        code: int = args.handler(args)
    except UsageError as exc:  # as argparse reports its own: the usage line, then the error
        command_parser.print_usage(sys.stderr)
        print(f"{command_parser.prog}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except CountyCareError as exc:
        print_error(exc)
        return EXIT_DATA
    except BrokenPipeError:  # e.g. `countycare show wanrong | head`
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("countycare: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line, never a traceback unless asked
        if debug:
            raise
        print(_internal(exc), file=sys.stderr)
        return EXIT_DATA
    return code
