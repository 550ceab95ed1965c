"""The limits every reader checks first: sizes, depth, digits, magnitudes, and plain data only.

A file made by hand or exported from another system may be anything: a number of ten thousand
digits, lists nested a hundred thousand deep, a field of a megabyte, ``nan``, a date with a time
of day. The readers refuse all of these *before* interpreting the data, with a
:class:`~countycare.errors.Problem` at the place (``$.path``), so that nothing downstream meets a
value no real county could report.

Examples
--------
>>> for p in tree_problems({"budget": float("nan"), "staff": [1, 10**20]}):
...     print(p)
$.budget: not a number (nan); write a finite number
$.staff[1]: the number 100000000000000000000 is larger than any real figure (at most 1e+15)
>>> tree_problems({"name": "Wanrong", "beds": 1200})
[]
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from countycare.errors import Problem

__all__ = [
    "MAX_CSV_BYTES",
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "MAX_FIELD_CHARS",
    "MAX_MAGNITUDE",
    "MAX_PROBLEMS",
    "MAX_ROW_CHARS",
    "MAX_TEXT_CHARS",
    "number_problem",
    "shown",
    "tree_problems",
]

#: A TOML or JSON document (county, targets, answers, governance, rules, provenance): 16 MiB.
MAX_DOCUMENT_BYTES = 16 * 2**20
#: A measures CSV or JSON file read into memory: 256 MiB.
MAX_CSV_BYTES = 256 * 2**20
#: Nesting of lists and tables; the deepest format (a county) needs five levels.
MAX_DEPTH = 32
#: One text value of a document (a name, a note, an evidence line).
MAX_TEXT_CHARS = 10_000
#: One field of a CSV file (the csv module's own default limit).
MAX_FIELD_CHARS = 131_072
#: One row (line) of a CSV file read by an engine (checked by bytes, streaming): a row can
#: hold no field longer than :data:`MAX_FIELD_CHARS` if it is no longer itself.
MAX_ROW_CHARS = MAX_FIELD_CHARS
#: The largest magnitude of any figure: 10^15 (a county's money in yuan stays far below).
MAX_MAGNITUDE = 1e15
#: A reader stops collecting problems after this many (a broken file would list thousands).
MAX_PROBLEMS = 50


def shown(value: object, width: int = 40) -> str:
    """``repr(value)`` cut to ``width`` characters, as a message may quote it.

    >>> shown("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"
    """
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**40 else "a huge number"
    return text if len(text) <= width else text[: width - 1] + "…"


def number_problem(value: object) -> str | None:
    """What is wrong with a number (non-finite, too large), or None when it is a usable figure.

    >>> number_problem(float("inf"))
    'not a number (inf); write a finite number'
    >>> number_problem(12.5) is None
    True
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return f"not a number ({value}); write a finite number"
    if abs(value) > MAX_MAGNITUDE:
        shown = str(value) if len(str(value)) <= 40 else f"of {len(str(value))} digits"
        return f"the number {shown} is larger than any real figure (at most {MAX_MAGNITUDE:g})"
    return None


def _leaf_problem(value: object) -> str | None:
    if isinstance(value, str):
        if len(value) > MAX_TEXT_CHARS:
            return f"a text of {len(value):,} characters; at most {MAX_TEXT_CHARS:,}"
        return None
    if isinstance(value, dt.datetime):
        return f"a date and time {value.isoformat()}; write a date only (YYYY-MM-DD)"
    if isinstance(value, dt.time):
        return f"a time of day {value.isoformat()}; write a date (YYYY-MM-DD)"
    return number_problem(value)


def _key(path: str, key: object) -> str:
    text = str(key)
    if text.isidentifier():
        return f"{path}.{text}"
    shown = text if len(text) <= 40 else text[:40] + "…"
    return f"{path}[{shown!r}]"


def _path(root: str, where: tuple[Any, ...] | None) -> str:
    """The ``$.path`` of a value from its chain ``(parent's chain, key, is an index)``."""
    steps: list[tuple[object, bool]] = []
    while where is not None:
        where, key, index = where
        steps.append((key, index))
    path = root
    for key, index in reversed(steps):
        path = f"{path}[{key}]" if index else _key(path, key)
    return path


def tree_problems(data: Any, root: str = "$") -> list[Problem]:
    """Every value of a parsed document that breaks a limit, at its ``$.path``.

    Walks the data without recursion (a deep document cannot exhaust the stack) and stops after
    :data:`MAX_PROBLEMS` problems. A value's path is spelt out only when it has a problem: a
    county of a province holds half a million values.
    """
    problems: list[Problem] = []
    stack: list[tuple[Any, int, tuple[Any, ...] | None]] = [(data, 0, None)]
    while stack and len(problems) < MAX_PROBLEMS:
        value, depth, where = stack.pop()
        if not isinstance(value, dict | list):
            found = _leaf_problem(value)
            if found:
                problems.append(Problem(_path(root, where), found))
            continue
        if depth >= MAX_DEPTH:
            problems.append(Problem(_path(root, where), f"nested deeper than {MAX_DEPTH} levels"))
            continue
        if isinstance(value, dict):
            children = []
            for key, item in value.items():
                if isinstance(key, str) and len(key) > 200:
                    problems.append(
                        Problem(_path(root, where), f"a key of {len(key):,} characters")
                    )
                elif not _plain(item):
                    children.append((item, depth + 1, (where, key, False)))
        else:
            children = [
                (item, depth + 1, (where, i, True))
                for i, item in enumerate(value)
                if not _plain(item)
            ]
        stack.extend(reversed(children))
    return problems


def _plain(value: object) -> bool:
    """A leaf that breaks no limit, known at a glance: most of a document is short text and
    small whole numbers, and the walk need not visit them one by one."""
    if isinstance(value, str):
        return len(value) <= MAX_TEXT_CHARS
    return isinstance(value, int) and abs(value) <= MAX_MAGNITUDE
