"""A ``year=YYYY`` folder holds records of that year only: checked from the Parquet footers.

A dataset (:mod:`countycare.records.dataset`) files each year's records under ``year=YYYY``. A
record of another year in that folder is a dataset written wrong: it is refused, located by
file, row and column, whatever years are measured (measuring 2023 and 2024 together would
otherwise count a 2023 record filed under ``year=2024`` silently, and measuring 2024 alone would
depend on the folder, not the row). The row's own date is never overridden by the folder name.

The check costs nothing on a good dataset: it reads the minimum and maximum of the date column
that each Parquet footer records (the file's metadata, already read for its schema). Only a file
whose statistics leave the folder's year, or that has none, is read, and only its date column,
to name the first rows at fault.

Examples
--------
>>> from pathlib import Path
>>> folder_year(Path("encounters/county=sc/year=2024/part-0.parquet"))
2024
>>> folder_year(Path("encounters/part-0.parquet")) is None
True
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from countycare.errors import DataError, Problem
from countycare.records.schemas import RecordKind
from countycare.records.scope_checks import DATE_COLUMN

__all__ = ["check_partition_years", "folder_year"]

#: How many rows at fault the error names before it counts the rest.
_SHOWN = 5
_YEAR_FOLDER = re.compile(r"year=(\d{4})")


def folder_year(path: Path) -> int | None:
    """The year of the ``year=YYYY`` folder holding ``path``, or None."""
    match = _YEAR_FOLDER.fullmatch(path.parent.name)
    return int(match.group(1)) if match else None


def _column(kind: RecordKind) -> tuple[str, str] | None:
    """The column holding a record's year, and the SQL of its year (None: no such column)."""
    if kind in DATE_COLUMN:
        column = DATE_COLUMN[kind]
        return column, f'year(TRY_CAST("{column}" AS DATE))'
    if kind is RecordKind.POPULATION:
        return "year", 'TRY_CAST("year" AS INTEGER)'
    return None


def _year_of(value: Any) -> int | None:
    if isinstance(value, dt.date):  # a datetime is a date too
        return value.year
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def _within(metadata: Any, column: str, year: int) -> bool:
    """Whether every row group's statistics put ``column`` inside ``year`` (False: unsure)."""
    names = metadata.schema.names
    if column not in names:
        return True  # a missing column is named by the schema check, not here
    index = names.index(column)
    for group in range(metadata.num_row_groups):
        chunk = metadata.row_group(group).column(index)
        stats = chunk.statistics
        if chunk.num_values == 0:
            continue
        if stats is None or not stats.has_min_max:
            return False
        low, high = _year_of(stats.min), _year_of(stats.max)
        if low is None or high is None or low != year or high != year:
            return False
    return True


def check_partition_years(con: Any, kind: RecordKind, files: Sequence[Path]) -> None:
    """Refuse Parquet files under ``year=YYYY`` that hold records of another year.

    ``con`` is a DuckDB connection, used only for a file whose footer does not vouch for it.
    The error names the file, the first rows (1-based) and the column, and how many in all.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    found = _column(kind)
    if found is None:
        return
    column, year_sql = found
    for path in files:
        year = folder_year(path)
        if year is None:
            continue
        try:
            vouched = _within(pq.read_metadata(path), column, year)
        except (UnicodeDecodeError, OverflowError, OSError, ValueError, pa.ArrowException):
            vouched = False  # an unreadable footer vouches for nothing: read the column
        if vouched:
            continue
        literal = "'" + str(path).replace("'", "''") + "'"
        try:
            rows = con.execute(
                f"SELECT file_row_number + 1, {year_sql} FROM read_parquet({literal}, "
                f"file_row_number = true) WHERE {year_sql} IS DISTINCT FROM {year} "
                f'AND "{column}" IS NOT NULL ORDER BY 1'
            ).fetchall()
        except duckdb.Error:
            continue  # a column of no date type: its rows are rejected by the checks

        wrong = [(row, other) for row, other in rows if other is not None]
        if not wrong:
            continue  # a value that is not a date is rejected, row by row, by the checks
        problems = [
            Problem(
                f"row {row}, column {column}",
                f"a record of {other} in the folder year={year}: a partition holds its own "
                "year only (the folder does not change the record's date)",
            )
            for row, other in wrong[:_SHOWN]
        ]
        if len(wrong) > _SHOWN:
            problems.append(
                Problem(
                    f"column {column}",
                    f"… and {len(wrong) - _SHOWN:,} more: {len(wrong):,} records of other years "
                    f"in year={year}",
                )
            )
        raise DataError(problems, source=str(path), total=len(wrong))
