"""Helpers shared by the subcommands: exit codes, printing problems and JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from countycare.errors import CountyCareError, DataError, Severity

__all__ = [
    "EXIT_DATA",
    "EXIT_OK",
    "EXIT_USAGE",
    "count",
    "iso_date",
    "print_error",
    "print_json",
]

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2


def iso_date(text: str) -> dt.date:
    """argparse type for ``--as-of`` and friends: a ``YYYY-MM-DD`` date, else a usage error."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def count(n: int, noun: str) -> str:
    """``1 problem``, ``2 problems``: a number with its noun in the right number."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def print_error(exc: CountyCareError) -> None:
    """Print an error to standard error: one line per problem, never a traceback."""
    if isinstance(exc, DataError):
        for problem in exc.problems:
            print(problem.located(exc.source), file=sys.stderr)
        errors = sum(1 for p in exc.problems if p.severity is Severity.ERROR)
        if errors > 1:
            print(count(errors, "error"), file=sys.stderr)
    else:
        print(f"countycare: error: {exc}", file=sys.stderr)


def print_json(payload: Any) -> None:
    """Print a JSON document (UTF-8, Chinese labels unescaped) to standard output."""
    print(json.dumps(payload, ensure_ascii=False, indent=2))
