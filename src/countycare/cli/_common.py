"""Helpers shared by the subcommands: exit codes, option types with ranges, printing.

Every option type here checks its value when the arguments are parsed, so that a bad value is a
usage error (exit 2, with the usage line) before any work starts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from countycare.errors import CountyCareError, DataError

__all__ = [
    "EXIT_DATA",
    "EXIT_OK",
    "EXIT_USAGE",
    "UsageError",
    "count",
    "int_in",
    "iso_date",
    "memory_limit",
    "out_dir",
    "out_file",
    "prepare_out",
    "print_error",
    "print_json",
    "require_extra",
    "set_code",
    "summary_line",
]


class UsageError(CountyCareError):
    """The command was called wrongly (a bad option value, a missing argument): exit 2."""


def int_in(low: int, high: int) -> Callable[[str], int]:
    """argparse type for a whole number in ``[low, high]``; anything else is a usage error.

    >>> int_in(1, 10)("3")
    3
    >>> int_in(1, 10)("11")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be a whole number from 1 to 10, got '11'
    """

    def parse(text: str) -> int:
        value: int | None
        try:
            value = int(text) if len(text) <= 20 else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            shown = text if len(text) <= 20 else text[:20] + "…"
            raise argparse.ArgumentTypeError(
                f"must be a whole number from {low} to {high}, got {shown!r}"
            )
        return value

    parse.__name__ = f"whole number {low}–{high}"
    return parse


_MEMORY = re.compile(r"\d{1,6}(?:\.\d{1,3})?\s*(?:[KMGT]i?B|B|%)", re.IGNORECASE)


def memory_limit(text: str) -> str:
    """argparse type for a DuckDB memory limit such as ``500MB``, ``2GB``, ``1.5GiB`` or ``80%``.

    >>> memory_limit("2GB")
    '2GB'
    >>> memory_limit("1GB'; DROP TABLE x; --")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: a memory limit is a number and a unit (500MB, ...), got "1GB'; ..."
    """
    if _MEMORY.fullmatch(text.strip()) is None:
        raise argparse.ArgumentTypeError(
            f"a memory limit is a number and a unit (500MB, 2GB, 1.5GiB, 80%), got {text[:40]!r}"
        )
    return text.strip()


def _ancestor_problem(path: Path) -> str | None:
    for parent in path.parents:
        if parent.exists():
            return None if parent.is_dir() else f"{parent} is a file, not a folder"
    return None


def out_file(*suffixes: str) -> Callable[[str], Path]:
    """argparse type for a file to write: one of ``suffixes``, not a folder, under folders.

    The folder it goes in need not exist (:func:`prepare_out` creates it), but no part of the
    way may be a file.
    """

    def parse(text: str) -> Path:
        path = Path(text)
        if suffixes and path.suffix.lower() not in suffixes:
            raise argparse.ArgumentTypeError(
                f"{text!r}: unknown format {path.suffix!r}; use {', '.join(suffixes)}"
            )
        if path.is_dir():
            raise argparse.ArgumentTypeError(f"{text!r} is a folder; name a file")
        problem = _ancestor_problem(path)
        if problem:
            raise argparse.ArgumentTypeError(f"{text!r}: {problem}")
        return path

    parse.__name__ = "file"
    return parse


def out_dir(text: str) -> Path:
    """argparse type for a folder to write into: not a file, no file on the way."""
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a file; name a folder")
    problem = _ancestor_problem(path)
    if problem:
        raise argparse.ArgumentTypeError(f"{text!r}: {problem}")
    return path


def prepare_out(path: Path, *, folder: bool = False) -> Path:
    """Create the folder ``path`` (or, for a file, the folder it goes in) before the work."""
    target = path if folder else path.parent
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(
            [_problem("$", f"cannot create the folder: {exc.strerror or exc}")], str(target)
        ) from None
    return path


def _problem(path: str, message: str) -> Any:
    from countycare.errors import Problem

    return Problem(path, message)


#: Options that need a package of an extra, and the extra that installs it.
_EXTRAS = {"pyspark": "spark", "matplotlib": "plot"}


def require_extra(module: str, option: str) -> None:
    """A :class:`UsageError` naming the extra to install when ``module`` is not installed."""
    if importlib.util.find_spec(module) is None:
        extra = _EXTRAS.get(module, module)
        raise UsageError(
            f"{option} needs {module}, which is not installed: pip install 'countycare[{extra}]'"
        )


def summary_line(source: str, problems: int) -> str:
    """The one summary form of every command: ``FILE: N problems``.

    >>> summary_line("county.toml", 1)
    'county.toml: 1 problem'
    """
    return f"{source}: {count(problems, 'problem')}"


EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2


def iso_date(text: str) -> dt.date:
    """argparse type for ``--as-of`` and friends: a ``YYYY-MM-DD`` date, else a usage error."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def set_code(text: str) -> str:
    """argparse type for ``--set``: a set's code in any case (``NHC-2024``, as the documents
    write it), checked against the choices after.

    >>> set_code(" NHC-2024 ")
    'nhc-2024'
    """
    return text.strip().casefold()


def count(n: int, noun: str) -> str:
    """``1 problem``, ``2 problems``: a number with its noun in the right number."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def print_error(exc: CountyCareError) -> None:
    """Print an error to standard error: one line per problem, never a traceback."""
    if isinstance(exc, DataError):
        for problem in exc.problems:
            print(problem.located(exc.source), file=sys.stderr)
        if len(exc.problems) > 1:  # a list ends with its count: the problems in all, not the
            # lines (a closing "… and N more" is no problem of its own)
            print(summary_line(exc.source or "input", exc.count), file=sys.stderr)
    else:
        print(f"countycare: error: {exc}", file=sys.stderr)


def print_json(payload: Any) -> None:
    """Print a JSON document (UTF-8, Chinese labels unescaped) to standard output."""
    print(json.dumps(payload, ensure_ascii=False, indent=2))
