"""Read and write TOML and JSON documents, with errors that name the file and the place.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "broken.toml"
>>> _ = path.write_text("id = 'x'\\nname = = 3\\n", encoding="utf-8")
>>> read_document(path)
Traceback (most recent call last):
...
countycare.errors.DataError: .../broken.toml: line 2, column ...: not valid TOML: ...
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from countycare.errors import DataError, Problem

__all__ = ["FORMATS", "format_of", "read_document", "write_document"]

#: File suffixes and the format each means.
FORMATS = {".toml": "toml", ".json": "json"}


def format_of(path: Path) -> str:
    """``"toml"`` or ``"json"`` from the file suffix; a :class:`DataError` otherwise."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DataError(
            [Problem("$", f"unsupported file type {path.suffix!r}; use .toml or .json")], str(path)
        )
    return fmt


def read_document(path: str | Path) -> dict[str, Any]:
    """Parse a TOML or JSON file into plain data (dicts, lists, numbers, text, dates)."""
    path = Path(path)
    fmt = format_of(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([Problem("$", "file not found")], str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError([Problem("$", f"cannot read the file: {exc}")], str(path)) from None
    if fmt == "toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            where = f"line {match.group(1)}, column {match.group(2)}" if match else "end of file"
            raise DataError([Problem(where, f"not valid TOML: {exc}")], str(path)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise DataError([Problem(where, f"not valid JSON: {exc.msg}")], str(path)) from None
    if not isinstance(data, dict):
        raise DataError([Problem("$", "the document must be a JSON object")], str(path))
    return data


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
