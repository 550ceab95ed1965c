"""Read and write TOML and JSON documents, with errors that name the file and the place.

Reading checks the limits of :mod:`countycare.io.limits`: the file's size and its encoding
(:mod:`countycare.io.text`) before it is parsed, then every value after (nesting, no ``nan``, no
date with a time of day, no figure beyond any real county's). A document nested so deep that the
parser gives up, or with a number too long to convert, is named at its line and column. A reader
built on :func:`read_document` therefore never meets such values.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "broken.toml"
>>> _ = path.write_text("id = 'x'\\nname = = 3\\n", encoding="utf-8")
>>> read_document(path)
Traceback (most recent call last):
...
countycare.errors.DataError: .../broken.toml: line 2, column ...: not valid TOML: ...
>>> _ = path.write_text("budget = nan\\n", encoding="utf-8")
>>> read_document(path)
Traceback (most recent call last):
...
countycare.errors.DataError: .../broken.toml: $.budget: not a number (nan); write a finite number
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import tomli_w

from countycare.coerce.arguments import boundary
from countycare.errors import DataError, Problem
from countycare.io.limits import MAX_DEPTH, MAX_DOCUMENT_BYTES, tree_problems
from countycare.io.text import read_text

__all__ = [
    "FORMATS",
    "format_of",
    "parse_document",
    "read_document",
    "unknown_key_problems",
    "write_document",
]

#: File suffixes and the format each means.
FORMATS = {".toml": "toml", ".json": "json"}

#: Strings, comments and brackets: enough of both grammars to find where nesting grows too deep
#: without parsing, once the parser has given up.
_TOKENS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]'
)
#: A run of digits longer than any figure: Python refuses to convert over 4,300 of them.
_LONG_DIGITS = re.compile(r"\d{100,}")


def format_of(path: Path) -> str:
    """``"toml"`` or ``"json"`` from the file suffix; a :class:`DataError` otherwise."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DataError(
            [Problem("$", f"unsupported file type {path.suffix!r}; use .toml or .json")], str(path)
        )
    return fmt


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _depth_problem(text: str, fmt: str) -> Problem | None:
    """Where the brackets of ``text`` first nest deeper than :data:`MAX_DEPTH`, outside strings
    and comments; None when they never do."""
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return Problem(
                    _where(text, match.start()),
                    f"nested deeper than {MAX_DEPTH} levels; no {fmt.upper()} file of "
                    "countycare needs more",
                )
        elif token in "]}":
            depth = max(0, depth - 1)
    return None


def _digits_problem(text: str) -> Problem | None:
    match = _LONG_DIGITS.search(text)
    if match is None:
        return None
    end = match.end()
    while end < len(text) and text[end].isdigit():
        end += 1
    return Problem(
        _where(text, match.start()),
        f"a number of {end - match.start():,} digits; no real figure has more than 15",
    )


def parse_document(text: str, fmt: str, source: str, *, allow_list: bool = False) -> Any:
    """Parse TOML or JSON text into plain data, then check the limits of every value.

    The document is an object (a TOML table), or with ``allow_list`` also a JSON list. Nesting
    is measured on the parsed tree (:func:`~countycare.io.limits.tree_problems`), a walk that
    costs nothing extra; a document nested thousands deep stops the parser first (it recurses),
    and only then is the text scanned for the line and column where it grows too deep.
    """
    try:
        if fmt == "toml":
            data: Any = tomllib.loads(text)
        else:
            data = json.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = f"line {match.group(1)}, column {match.group(2)}" if match else "end of file"
        message = str(exc).split(" (at line")[0]
        raise DataError([Problem(where, f"not valid TOML: {message}")], source) from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise DataError([Problem(where, f"not valid JSON: {exc.msg}")], source) from None
    except (ValueError, RecursionError, OverflowError) as exc:
        found = _depth_problem(text, fmt) if isinstance(exc, RecursionError) else None
        found = found or _digits_problem(text)
        if found is None:
            found = Problem("$", f"not valid {fmt.upper()}: {str(exc)[:120]}")
        raise DataError([found], source) from None
    if not isinstance(data, dict) and not (allow_list and isinstance(data, list)):
        expected = "a JSON object or list" if allow_list else "a JSON object"
        raise DataError([Problem("$", f"the document must be {expected}")], source)
    problems = tree_problems(data)
    if problems:
        raise DataError(problems, source)
    return data


@boundary
def read_document(path: str | Path) -> dict[str, Any]:
    """Parse a TOML or JSON file into plain data (dicts, lists, numbers, text, dates).

    The file is at most :data:`~countycare.io.limits.MAX_DOCUMENT_BYTES`, UTF-8 (a BOM is
    dropped; GBK is named as such), nested at most :data:`~countycare.io.limits.MAX_DEPTH` deep,
    and holds no ``nan``/``inf``, no date with a time of day and no number beyond
    :data:`~countycare.io.limits.MAX_MAGNITUDE`.
    """
    path = Path(path)
    fmt = format_of(path)
    text = read_text(path, max_bytes=MAX_DOCUMENT_BYTES, what=f"{fmt.upper()} document")
    data: dict[str, Any] = parse_document(text, fmt, str(path))
    return data


def unknown_key_problems(
    data: Mapping[str, Any], known: Iterable[str], where: str = "$"
) -> list[Problem]:
    """A problem for each key of ``data`` not in ``known``, with a "did you mean" suggestion.

    >>> [str(p) for p in unknown_key_problems({"targte": []}, ["target"])]
    ["$.targte: unknown key 'targte'; did you mean 'target'? (known: target)"]
    """
    names = sorted(known)
    problems = []
    for key in data:
        if key in names:
            continue
        close = difflib.get_close_matches(str(key)[:100], names, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        shown = str(key)[:60]
        problems.append(
            Problem(
                f"{where}.{shown}",
                f"unknown key {shown!r}{hint} (known: {', '.join(names)})",
            )
        )
    return problems


@boundary
def write_document(data: dict[str, Any], path: str | Path) -> Path:
    """Write plain data as TOML or JSON (by the suffix of ``path``); return the path."""
    path = Path(path)
    fmt = format_of(path)
    if fmt == "toml":
        text = tomli_w.dumps(data)
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
    return path
