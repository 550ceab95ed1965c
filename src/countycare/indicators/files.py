"""Read and write measures files: ``scope,period,measure,category,value,unit`` (CSV, JSON, Parquet).

Every row is checked and every problem reported at once, each with its row number and column
(the CSV header is row 1, so the first number is on row 2; JSON and Parquet count records from 1):
an unknown measure, a category the measure does not have (or a missing one), a malformed period,
a value that is not a non-negative number, a unit that does not convert to the measure's own, a
duplicate key, a column the format does not have (a misspelt ``unit`` must not leave 万元 read as
yuan) and a CSV line with more values than the header has columns. A ``unit`` (``wan_yuan``,
``yi_yuan``…) is converted to the measure's unit. Either all rows are used or the file is
rejected: no row is dropped silently.

Examples
--------
>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "m.csv").write_text(
...     "scope,period,measure,category,value,unit\\n"
...     "wanrong,2024,fund_paid_residents,,12.5,wan_yuan\\n")
>>> read_measures(folder / "m.csv").get("wanrong", "2024", "fund_paid_residents")
125000.0
>>> _ = (folder / "bad.csv").write_text(
...     "scope,period,measure,category,value,unit\\n"
...     "wanrong,2024,visits,,-3,\\n")
>>> read_measures(folder / "bad.csv")
Traceback (most recent call last):
...
countycare.errors.DataError: .../bad.csv: row 2, column value: a count cannot be negative: '-3'
"""

from __future__ import annotations

import csv
import difflib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.errors import DataError, Problem
from countycare.indicators.measure_checks import (
    check_measure_row,
    file_records,
    plausibility_problems,
    records_problems,
)
from countycare.indicators.table import MeasureTable
from countycare.tabular import arrow_table, is_table, source_name

if TYPE_CHECKING:
    from countycare.forms import MeasuresLike

__all__ = [
    "FILE_COLUMNS",
    "encoding_problem",
    "measures_from_records",
    "read_measures",
    "write_measures",
]

#: The columns of a measures file; ``category`` and ``unit`` may be absent or empty.
FILE_COLUMNS: tuple[str, ...] = ("scope", "period", "measure", "category", "value", "unit")
_REQUIRED = ("scope", "period", "measure", "value")


def encoding_problem(exc: UnicodeDecodeError) -> Problem:
    """The problem of a file that is not UTF-8 (a CSV saved by Excel in GBK, for instance).

    >>> str(encoding_problem(UnicodeDecodeError("utf-8", b"\\xc4\\xe3", 0, 1, "invalid")))
    "$: not UTF-8 text (byte 0xc4 at position 0); save the file as UTF-8 (Excel: 'CSV UTF-8')"
    """
    byte = exc.object[exc.start : exc.start + 1].hex()
    return Problem(
        "$",
        f"not UTF-8 text (byte 0x{byte} at position {exc.start}); "
        "save the file as UTF-8 (Excel: 'CSV UTF-8')",
    )


def _unknown_column(column: str) -> str:
    close = difflib.get_close_matches(column, FILE_COLUMNS, n=1)
    columns = ", ".join(FILE_COLUMNS)
    hint = f"; did you mean {close[0]!r}?" if close else f"; the columns are {columns}"
    return f"unknown column {column!r}{hint}"


def measures_from_records(
    records: Iterable[Mapping[str, object]],
    *,
    source: str | None = None,
    first_row: int = 1,
    county: County | None = None,
) -> MeasureTable:
    """Check and convert records (dicts with the file's columns) into a :class:`MeasureTable`.

    ``first_row`` is the number of the first record in the user's file (2 for a CSV with a
    header). Raises :class:`DataError` with every problem, each naming its row and column.
    """
    problems: list[Problem] = []
    rows: list[tuple[str, str, str, str, float]] = []
    seen: dict[tuple[str, str, str, str], int] = {}
    unknown: set[object] = set()
    for number, record in enumerate(records, start=first_row):
        where = f"row {number}"
        missing = [c for c in _REQUIRED if c not in record]
        if missing:
            problems.append(Problem(where, f"missing column(s) {', '.join(missing)}"))
            continue
        if None in record:  # csv.DictReader puts the values beyond the header under None
            extra = record[None]  # type: ignore[index]
            count = len(extra) if isinstance(extra, list) else 1
            problems.append(Problem(where, f"{count} value(s) more than the header has columns"))
            continue
        for column in sorted(str(k) for k in record if k not in FILE_COLUMNS and k not in unknown):
            unknown.add(column)
            problems.append(Problem(f"{where}, column {column}", _unknown_column(column)))
        found, row = check_measure_row(record, where, county)
        problems.extend(found)
        if row is None:
            continue
        key = row[:4]
        if key in seen:
            problems.append(
                Problem(
                    f"{where}, column measure",
                    f"duplicate of row {seen[key]}: (scope, period, measure, category) = {key!r}",
                )
            )
            continue
        seen[key] = number
        rows.append(row)
    if problems:
        raise DataError(problems, source=source)
    table = MeasureTable.from_rows(rows)
    problems = plausibility_problems(table, {k: f"row {n}, column value" for k, n in seen.items()})
    if problems:
        raise DataError(problems, source=source)
    return table


#: Arrow types a measures Parquet file may give each column.
_PARQUET_TEXT = ("scope", "period", "measure", "category", "unit")


def _parquet_records(path: Path, source: str) -> list[dict[str, object]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
        names = table.column_names  # a name that is not UTF-8 fails only here
    except (pa.ArrowException, OSError, ValueError) as exc:  # UnicodeDecodeError included
        message = " ".join(str(exc).split())[:160]
        raise DataError([Problem("$", f"not a readable Parquet file: {message}")], source) from None
    problems = []
    repeated = sorted({n for n in names if names.count(n) > 1})
    for name in repeated:
        problems.append(Problem(f"column {name}", "the column appears twice"))
    for field in table.schema:
        if field.name in _PARQUET_TEXT and not (
            pa.types.is_string(field.type)
            or pa.types.is_large_string(field.type)
            or pa.types.is_null(field.type)
            or (field.name == "period" and pa.types.is_integer(field.type))
        ):
            problems.append(
                Problem(f"column {field.name}", f"type {field.type}; expected text (string)")
            )
        if field.name == "value" and not (
            pa.types.is_integer(field.type)
            or pa.types.is_floating(field.type)
            or pa.types.is_decimal(field.type)
        ):
            problems.append(Problem("column value", f"type {field.type}; expected a number"))
    if problems:
        raise DataError(problems, source)
    if table.num_rows > 10_000_000:
        raise DataError([Problem("$", f"{table.num_rows:,} rows; at most 10,000,000")], source)
    try:
        records: list[dict[str, object]] = table.to_pylist()
    except UnicodeDecodeError:  # a text column whose bytes are not UTF-8 (a damaged file)
        raise DataError(
            [Problem("$", "a text column holds bytes that are not UTF-8")], source
        ) from None
    return records


def _read_table(data: object, county: County | None) -> MeasureTable:
    source = source_name(data)
    table = arrow_table(data, "path", index_columns=FILE_COLUMNS)
    header = table.column_names
    absent = [c for c in _REQUIRED if c not in header]
    problems = [Problem(f"column {c}", _unknown_column(c)) for c in header if c not in FILE_COLUMNS]
    if absent:
        problems.insert(0, Problem("$", f"missing column(s) {', '.join(absent)}"))
    if problems:
        raise DataError(problems, source)
    return measures_from_records(table.to_pylist(), source=source, county=county)


@boundary
def read_measures(
    path: str | Path | Any, *, county: County | str | Path | None = None
) -> MeasureTable:
    """Read measures from a file (``.csv``, ``.tsv``, ``.json``, ``.parquet``) or a table.

    ``path`` may also be a pandas or polars DataFrame or an Arrow table with the file's columns;
    its rows are numbered from 1, as in a JSON or Parquet file, and checked the same way. With
    ``county`` (a county, a dataset name or a county file), every scope must be an area or an
    institution of that county.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"scope": ["wanrong"], "period": [2024], "measure": ["visits"],
    ...                       "value": [2_460_000]})
    >>> read_measures(frame).get("wanrong", "2024", "visits")
    2460000.0
    """
    if county is not None:
        county = coerce.county(county, "county")
    if is_table(path):
        return _read_table(path, county)
    if not isinstance(path, str | Path):
        raise coerce.refuse(
            "path",
            "a measures file (.csv, .tsv, .json, .parquet), a DataFrame or an Arrow table",
            path,
        )
    from countycare.io.documents import parse_document
    from countycare.io.limits import MAX_CSV_BYTES
    from countycare.io.text import CSV_SUFFIXES, csv_records, read_text

    path = Path(path)
    source = str(path)
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        text = read_text(path, max_bytes=MAX_CSV_BYTES, unit="row", what="measures file")
        header, rows = csv_records(text, source, delimiter=CSV_SUFFIXES[suffix])
        absent = [c for c in _REQUIRED if c not in header]
        header_problems = [
            Problem(f"row 1, column {c[:60]}", _unknown_column(c))
            for c in header
            if c not in FILE_COLUMNS
        ]
        if absent:
            header_problems.insert(0, Problem("row 1", f"missing column(s) {', '.join(absent)}"))
        if header_problems:
            raise DataError(header_problems, source)
        return measures_from_records(
            (record for _, record in rows), source=source, first_row=2, county=county
        )
    if suffix == ".json":
        text = read_text(path, max_bytes=MAX_CSV_BYTES, what="measures file")
        payload = parse_document(text, "json", source, allow_list=True)
        records = payload.get("rows") if isinstance(payload, dict) else payload
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise DataError(
                [Problem("$", "expected a list of row objects (or {'rows': [...]})")], source
            )
        return measures_from_records(records, source=source, county=county)
    if suffix == ".parquet":
        if not path.is_file():
            what = "a folder, not a Parquet file" if path.is_dir() else "file not found"
            raise DataError([Problem("$", what)], source)
        return measures_from_records(_parquet_records(path, source), source=source, county=county)
    raise DataError(
        [Problem("$", f"unknown format {suffix!r}: use .csv, .tsv, .json or .parquet")], source
    )


@boundary
def write_measures(table: MeasuresLike, path: str | Path) -> Path:
    """Write ``table`` as ``.csv``, ``.json`` or ``.parquet`` (values in each measure's unit).

    What is written reads back: a table built in Python may hold what no measures file may (an
    unknown measure, a value above 10^15, 12.5 visits, a part above its whole), so
    the table gets the reader's checks first (:func:`check_measure_row`, then whole counts and
    parts within their wholes), and a :class:`DataError` naming each bad row (by its scope,
    period and measure) leaves no file written.
    """
    table = coerce.measure_table(table, "table")
    path = Path(path)
    records = file_records(table)
    problems = records_problems(table, records)
    if problems:
        raise DataError(problems, str(path))
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        with path.open("w", newline="", encoding="utf-8") as handle:
            delimiter = "\t" if suffix == ".tsv" else ","
            writer = csv.DictWriter(handle, fieldnames=FILE_COLUMNS, delimiter=delimiter)
            writer.writeheader()
            writer.writerows({**r, "value": repr(r["value"])} for r in records)
    elif suffix == ".json":
        path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    elif suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(records), path)
    else:
        raise DataError([Problem("$", f"unknown format {suffix!r}")], str(path))
    return path
