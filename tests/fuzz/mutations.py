"""Hypothesis strategies that mutate a valid file into a hostile one.

A mutation is a function of the seed file's bytes that gives new bytes and says whether the
result is *sure* to be invalid (then a reader that accepts it has accepted something silently).
The families are those of the campaign behind issue #12: truncations, bit flips, inserted and
deleted bytes, type swaps, huge and tiny numbers, deep nesting, other encodings, duplicate and
missing columns, long fields and corrupt Parquet.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable
from typing import Any

import attrs
import pyarrow as pa
import pyarrow.parquet as pq
import tomli_w
from hypothesis import strategies as st


@attrs.frozen(repr=False)
class Mutant:
    """Mutated bytes, the family that made them, and whether they are surely invalid."""

    data: bytes
    family: str
    sure_invalid: bool = False

    def __repr__(self) -> str:  # a failing case prints this: short, not megabytes
        head = self.data[:120]
        size = len(self.data)
        return f"Mutant({self.family!r}, sure_invalid={self.sure_invalid}, {size} bytes: {head!r}…)"


Mutator = Callable[[bytes], st.SearchStrategy[Mutant]]

# Values a hand-made or exported file may hold where a number, a text or a date is meant.
HOSTILE_VALUES: tuple[Any, ...] = (
    0,
    -1,
    1e-308,
    5e-324,
    1.5,
    2**63,
    "",
    " ",
    "x" * 20_000,
    "9**9**9",
    "万元",
    "nan",
    "1e400",
    "2024-02-30",
    "NaN yuan",
    True,
    [],
    {},
    [1, "a"],
    {"a": 1},
    dt.date(1900, 1, 1),
)
#: Values no reader may accept anywhere in a document.
SURE_INVALID_VALUES: tuple[Any, ...] = (
    float("nan"),
    float("inf"),
    -float("inf"),
    10**20,
    10**5000,
    1e300,
    dt.datetime(2024, 1, 1, 12, 30),
    dt.time(12, 30),
)


# ---------------------------------------------------------------------------------- bytes


@st.composite
def _truncate(draw: st.DrawFn, data: bytes) -> Mutant:
    cut = draw(st.integers(0, max(0, len(data) - 1)))
    return Mutant(data[:cut], "truncation")


@st.composite
def _bit_flips(draw: st.DrawFn, data: bytes) -> Mutant:
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        i = draw(st.integers(0, max(0, len(buffer) - 1)))
        if buffer:
            buffer[i] ^= 1 << draw(st.integers(0, 7))
    return Mutant(bytes(buffer), "bit flip")


@st.composite
def _splice(draw: st.DrawFn, data: bytes) -> Mutant:
    at = draw(st.integers(0, len(data)))
    if draw(st.booleans()):
        extra = draw(st.binary(min_size=1, max_size=64))
        return Mutant(data[:at] + extra + data[at:], "inserted bytes")
    length = draw(st.integers(1, 64))
    return Mutant(data[:at] + data[at + length :], "deleted bytes")


def byte_mutations(data: bytes) -> st.SearchStrategy[Mutant]:
    """Truncations, bit flips, inserted and deleted bytes of any file."""
    return st.one_of(_truncate(data), _bit_flips(data), _splice(data))


# ----------------------------------------------------------------------------------- text


@st.composite
def _encoding(draw: st.DrawFn, data: bytes) -> Mutant:
    text = data.decode("utf-8")
    how = draw(st.sampled_from(["gb18030", "utf-16", "bom", "crlf", "latin-1-ish"]))
    if how == "bom":
        return Mutant(b"\xef\xbb\xbf" + data, "UTF-8 with BOM")
    if how == "crlf":
        return Mutant(text.replace("\n", "\r\n").encode("utf-8"), "CRLF")
    if how == "utf-16":
        return Mutant(text.encode("utf-16"), "UTF-16", sure_invalid=True)
    if how == "latin-1-ish":
        return Mutant(text.encode("utf-8") + "é".encode("latin-1"), "Latin-1 byte", True)
    # GBK: sure invalid when the text has Chinese characters (ASCII is the same in both)
    chinese = "县" + text if not any(ord(c) > 127 for c in text) else text
    at = draw(st.integers(0, 2))
    body = chinese if at == 0 else text + "\n# 万荣县\n" if at == 1 else chinese
    return Mutant(body.encode("gb18030"), "GBK/GB18030", sure_invalid=True)


@st.composite
def _lines(draw: st.DrawFn, data: bytes) -> Mutant:
    lines = data.decode("utf-8").splitlines(keepends=True)
    if not lines:
        return Mutant(data, "lines")
    i = draw(st.integers(0, len(lines) - 1))
    how = draw(st.sampled_from(["delete", "duplicate", "swap", "long"]))
    if how == "delete":
        del lines[i]
    elif how == "duplicate":
        lines.insert(i, lines[i])
    elif how == "swap":
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines[i] = lines[i].rstrip("\n") + "x" * draw(st.sampled_from([1000, 140_000, 2_100_000]))
        lines[i] += "\n"
    return Mutant("".join(lines).encode("utf-8"), f"line {how}")


def text_mutations(data: bytes) -> st.SearchStrategy[Mutant]:
    """Byte mutations plus other encodings and line edits of a text file."""
    return st.one_of(byte_mutations(data), _encoding(data), _lines(data))


# ------------------------------------------------------------------------------ documents


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {k: (_replace(v, rest, new) if k == head else v) for k, v in value.items()}
    return [(_replace(v, rest, new) if i == head else v) for i, v in enumerate(value)]


def _dump(data: Any, fmt: str) -> bytes:
    if fmt == "toml":
        return tomli_w.dumps(data).encode("utf-8")
    return json.dumps(data, default=str, ensure_ascii=False).encode("utf-8")


def _json_dump(data: Any) -> bytes:
    """JSON that keeps nan, inf and huge integers as such (json.dumps writes NaN/Infinity)."""

    def fix(value: Any) -> Any:
        if isinstance(value, dt.date | dt.time):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fix(v) for v in value]
        return value

    return json.dumps(fix(data), ensure_ascii=False).encode("utf-8")


@st.composite
def _document_value(draw: st.DrawFn, parsed: dict[str, Any], fmt: str) -> Mutant:
    paths = [p for p in _paths(parsed) if p]
    path = draw(st.sampled_from(paths))
    sure = draw(st.booleans())
    new = draw(st.sampled_from(SURE_INVALID_VALUES if sure else HOSTILE_VALUES))
    if fmt == "json" and isinstance(new, dt.datetime | dt.time):
        sure, new = False, new.isoformat()  # JSON has no date-times: it is only text there
    mutated = _replace(parsed, path, new)
    try:
        data = _dump(mutated, "toml") if fmt == "toml" else _json_dump(mutated)
    except (ValueError, TypeError):  # TOML cannot hold this shape (a list of mixed tables)
        return Mutant(_dump(parsed, fmt), "type swap")
    if isinstance(new, int) and not isinstance(new, bool) and abs(new) > 10**4000:
        family = "huge integer"
    else:
        family = "sure-invalid value" if sure else "type swap"
    return Mutant(data, family, sure_invalid=sure)


@st.composite
def _unknown_key(draw: st.DrawFn, parsed: dict[str, Any], fmt: str) -> Mutant:
    keys = list(parsed)
    key = draw(st.sampled_from(keys)) if keys else "key"
    misspelt = key[:-1] + "x" if key else "x"
    mutated = {misspelt if k == key else k: v for k, v in parsed.items()}
    if not keys:
        mutated = {misspelt: 1}
    return Mutant(_dump(mutated, fmt), "unknown key", sure_invalid=True)


@st.composite
def _deep(draw: st.DrawFn, data: bytes, fmt: str) -> Mutant:
    depth = draw(st.sampled_from([33, 100, 1000, 5000, 100_000]))
    nested = "[" * depth + "1" + "]" * depth
    text = data.decode("utf-8")
    if fmt == "toml":
        body = f"deep = {nested}\n" + text
    else:
        body = '{"deep": ' + nested + ", " + text.lstrip()[1:]
    return Mutant(body.encode("utf-8"), "deep nesting", sure_invalid=True)


@st.composite
def _long_number(draw: st.DrawFn, data: bytes, fmt: str) -> Mutant:
    text = data.decode("utf-8")
    digits = draw(st.sampled_from([16, 400, 4301, 50_000]))
    matches = list(re.finditer(r"(?<=[=:,\[] )\d+(\.\d+)?(?=\s*[,\]\n}])", text))
    if not matches:
        return Mutant(data, "long number")
    match = draw(st.sampled_from(matches))
    body = text[: match.start()] + "9" * digits + text[match.end() :]
    return Mutant(body.encode("utf-8"), "long number", sure_invalid=True)


def document_mutations(data: bytes, fmt: str, *, closed: bool) -> st.SearchStrategy[Mutant]:
    """Mutations of a TOML or JSON document; ``closed`` when its top-level keys are fixed."""
    if fmt == "toml":
        import tomllib

        parsed = tomllib.loads(data.decode("utf-8"))
    else:
        parsed = json.loads(data)
    families = [
        text_mutations(data),
        _document_value(parsed, fmt),
        _deep(data, fmt),
        _long_number(data, fmt),
    ]
    if closed:
        families.append(_unknown_key(parsed, fmt))
    return st.one_of(*families)


# ------------------------------------------------------------------------------------ CSV


@st.composite
def _csv_columns(draw: st.DrawFn, data: bytes, delimiter: str) -> Mutant:
    lines = data.decode("utf-8").splitlines()
    header = lines[0].split(delimiter)
    i = draw(st.integers(0, len(header) - 1))
    how = draw(st.sampled_from(["duplicate", "drop", "rename"]))
    if how == "duplicate":
        j = draw(st.integers(0, len(header) - 1))
        if i == j:
            j = (i + 1) % len(header)
        header[j] = header[i]
        lines[0] = delimiter.join(header)
        return Mutant(("\n".join(lines) + "\n").encode("utf-8"), "duplicate column", True)
    if how == "drop":
        rows = [line.split(delimiter) for line in lines]
        kept = [delimiter.join(r[:i] + r[i + 1 :]) for r in rows]
        return Mutant(("\n".join(kept) + "\n").encode("utf-8"), "missing column")
    header[i] = header[i][:-1] + "_x"
    lines[0] = delimiter.join(header)
    return Mutant(("\n".join(lines) + "\n").encode("utf-8"), "renamed column")


@st.composite
def _csv_cell(draw: st.DrawFn, data: bytes, delimiter: str, numeric: tuple[str, ...]) -> Mutant:
    lines = data.decode("utf-8").splitlines()
    header = lines[0].split(delimiter)
    if len(lines) < 2:
        return Mutant(data, "cell")
    r = draw(st.integers(1, len(lines) - 1))
    cells = lines[r].split(delimiter)
    c = draw(st.integers(0, len(cells) - 1))
    sure_cells = ("nan", "inf", "-inf", "1e400", "9" * 5000, "1e300")
    if header[c] in numeric and draw(st.booleans()):
        cells[c] = draw(st.sampled_from(sure_cells))
        sure = True
    else:
        cells[c] = draw(
            st.sampled_from(
                ["", "x" * 200_000, '"', '"a""b', "9**9**9", "2024-13-01", "-0", "1,5", "\x00"]
            )
        )
        sure = cells[c] in ("x" * 200_000, "\x00")
    lines[r] = delimiter.join(cells)
    return Mutant(("\n".join(lines) + "\n").encode("utf-8"), "cell value", sure)


def csv_mutations(
    data: bytes, *, delimiter: str = ",", numeric: tuple[str, ...] = ()
) -> st.SearchStrategy[Mutant]:
    """Mutations of a CSV file: text mutations, columns and cells (``numeric`` columns get
    non-finite and huge values, which are sure to be invalid)."""
    return st.one_of(
        text_mutations(data), _csv_columns(data, delimiter), _csv_cell(data, delimiter, numeric)
    )


# -------------------------------------------------------------------------------- Parquet


def _parquet(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


@st.composite
def _parquet_table(draw: st.DrawFn, data: bytes, numeric: tuple[str, ...]) -> Mutant:
    table = pq.read_table(io.BytesIO(data))
    names = table.column_names
    how = draw(st.sampled_from(["nan", "type", "duplicate", "drop", "empty", "null"]))
    if how == "nan" and numeric:
        name = draw(st.sampled_from([n for n in numeric if n in names]))
        values = table.column(name).cast(pa.float64()).to_pylist()
        values[draw(st.integers(0, len(values) - 1))] = draw(
            st.sampled_from([float("nan"), float("inf"), 1e300])
        )
        table = table.set_column(names.index(name), name, pa.array(values, pa.float64()))
        return Mutant(_parquet(table), "NaN in Parquet", sure_invalid=True)
    i = draw(st.integers(0, len(names) - 1))
    if how == "type":
        new_type = draw(st.sampled_from([pa.string(), pa.float64(), pa.int64(), pa.bool_()]))
        try:
            column = table.column(i).cast(new_type)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            column = pa.array([None] * table.num_rows, new_type)
        table = table.set_column(i, names[i], column)
        return Mutant(_parquet(table), "column type")
    if how == "duplicate":
        table = table.append_column(names[i], table.column(i))
        return Mutant(_parquet(table), "duplicate column", sure_invalid=True)
    if how == "drop":
        return Mutant(_parquet(table.remove_column(i)), "missing column")
    if how == "empty":
        return Mutant(_parquet(table.slice(0, 0)), "no rows")
    column = pa.array([None] * table.num_rows, table.schema.field(i).type)
    return Mutant(_parquet(table.set_column(i, names[i], column)), "nulls")


@st.composite
def _parquet_bytes(draw: st.DrawFn, data: bytes) -> Mutant:
    mutant = draw(byte_mutations(data))
    sure = mutant.family == "truncation"  # the footer is at the end: a cut file has none
    return Mutant(mutant.data, f"corrupt Parquet ({mutant.family})", sure_invalid=sure)


def parquet_mutations(data: bytes, *, numeric: tuple[str, ...] = ()) -> st.SearchStrategy[Mutant]:
    """Mutations of a Parquet file: corrupt bytes, NaN, column types, duplicate columns…"""
    return st.one_of(_parquet_bytes(data), _parquet_table(data, numeric))
