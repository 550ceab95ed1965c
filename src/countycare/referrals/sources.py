"""Tables of records from where they come: CSV, Parquet, an Arrow table, a pandas or polars frame.

Every source becomes one Arrow table (columnar: no Python object per row; a DataFrame through
:func:`countycare.tabular.arrow_table`, as every reader of the library takes one) with a ``_row``
column numbering its data rows from 1, in file order, so that a problem can be reported by row.
Only the columns asked for are kept; a missing column is a :class:`DataError` naming the source.

Examples
--------
>>> import pyarrow as pa
>>> t = open_table(pa.table({"a": [1, 2], "b": ["x", "y"]}), ("a",))
>>> t.column_names, t.column("_row").to_pylist()
(['a', '_row'], [1, 2])
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from countycare.coerce import refuse
from countycare.errors import ArgumentError, DataError, Problem
from countycare.io.text import arrow_message, check_csv_file, csv_delimiter
from countycare.records.time_zone import dates_of_timestamps
from countycare.tabular import arrow_table, source_name

__all__ = ["ROW", "open_table", "source_name"]

#: The name of the added column that numbers data rows from 1.
ROW = "_row"

_CSV_SUFFIXES = (".csv", ".tsv", ".txt")


def _read_path(path: Path) -> pa.Table:
    if not path.is_file():
        what = "a folder, not a file" if path.is_dir() else "no such file"
        raise DataError([Problem("$", what)], source=str(path))
    suffix = path.suffix.lower()
    try:
        if suffix in _CSV_SUFFIXES:
            # Every column is read as text: a malformed value becomes a rejected row, not a
            # failure of the whole file. The file is checked first (encoding, row length, header)
            # by the one CSV opener every reader shares.
            names = check_csv_file(path)
            return _read_csv(path, csv_delimiter(path), names, use_threads=True)
        if suffix in (".parquet", ".pq"):
            return pq.read_table(path)
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise DataError(
            [Problem("$", f"cannot be read: {arrow_message(exc)}")], source=str(path)
        ) from None
    raise DataError(
        [Problem("$", f"unknown file type {suffix!r}; expected .csv, .tsv or .parquet")],
        source=str(path),
    )


def _read_csv(path: Path, delimiter: str, names: list[str], *, use_threads: bool) -> pa.Table:
    """Read every column as text; a row with the wrong number of values fails the file.

    The parser's own message for such a row quotes the row, patient id included: it is
    replaced by the line number and the counts. Only the (threaded) reader of the whole file
    does not know line numbers, so a failing file is read again, unthreaded, to find it.
    """
    ragged: list[tuple[int, int, int | None]] = []

    def refuse(row: Any) -> str:
        ragged.append((row.expected_columns, row.actual_columns, row.number))
        return "error"

    try:
        return pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(use_threads=use_threads),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, invalid_row_handler=refuse),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in names},
                strings_can_be_null=True,
            ),
        )
    except pa.ArrowInvalid:
        if not ragged:
            raise
        if use_threads:
            return _read_csv(path, delimiter, names, use_threads=False)
        expected, actual, line = ragged[0]
        raise DataError(
            [
                Problem(
                    "$" if line is None else f"row {line}",
                    f"expected {expected} columns, got {actual}",
                )
            ],
            source=str(path),
        ) from None


def _as_arrow(source: Any, columns: Sequence[str] = ()) -> pa.Table:
    """A path is read here; a table of any kind through :mod:`countycare.tabular` (an index
    level named as one of ``columns`` is kept as a column)."""
    if isinstance(source, str | Path):
        return _read_path(Path(source))
    if isinstance(source, pa.RecordBatchReader):
        return source.read_all()
    try:
        return arrow_table(source, "source", index_columns=columns)
    except ArgumentError:
        raise refuse(
            "source",
            "a CSV or Parquet path, an Arrow table, or a pandas or polars DataFrame",
            source,
        ) from None


def open_table(source: Any, columns: Sequence[str], optional: Sequence[str] = ()) -> pa.Table:
    """The ``columns`` of ``source`` as an Arrow table, plus :data:`ROW` (1, 2, … in order).

    Columns named in ``optional`` are kept when present. Raises :class:`DataError` naming the
    source when it cannot be read or lacks a required column.
    """
    # a timestamp column becomes dates, a moment's in China, however the table came
    table = dates_of_timestamps(_as_arrow(source, [*columns, *optional]))
    names = table.column_names
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise DataError(
            [Problem(f"column {n[:60]}", "the column appears twice") for n in repeated],
            source=source_name(source),
        )
    missing = [c for c in columns if c not in table.column_names]
    if missing:
        raise DataError(
            [
                Problem("$", f"missing column {name!r}; columns are {', '.join(columns)}")
                for name in missing
            ],
            source=source_name(source),
        )
    rows = pa.array(np.arange(1, table.num_rows + 1, dtype=np.int64))
    kept = [*columns, *(c for c in optional if c in table.column_names)]
    return table.select(kept).append_column(ROW, rows)
