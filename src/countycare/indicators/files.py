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
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.errors import DataError, PeriodError, Problem, UnitError
from countycare.indicators.measures import MEASURES
from countycare.indicators.plausibility import count_problems, part_whole_problems
from countycare.indicators.table import MeasureTable
from countycare.io.limits import MAX_MAGNITUDE
from countycare.periods import Period
from countycare.tabular import arrow_table, is_table, source_name
from countycare.units import conversion_factor, require_compatible, round_to_fen

if TYPE_CHECKING:
    from countycare.forms import MeasuresLike

__all__ = [
    "FILE_COLUMNS",
    "check_measure_row",
    "encoding_problem",
    "measures_from_records",
    "plausibility_problems",
    "read_measures",
    "write_measures",
    "writing_problems",
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


def _unknown_measure(code: str) -> str:
    close = difflib.get_close_matches(code[:60], list(MEASURES), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown measure {_shown(code)}{hint}"


def _text(record: Mapping[str, object], column: str) -> str:
    value = record.get(column)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def check_measure_row(
    record: Mapping[str, object],
    where: str,
    county: County | None,
    place: Callable[[str], str] | None = None,
) -> tuple[list[Problem], tuple[str, str, str, str, float] | None]:
    """The problems of one measure value (the columns of :data:`FILE_COLUMNS`), or its row.

    Every reader of measure values makes these checks, whatever its format (a measures file, a
    DHIS2 data value set, FHIR ``MeasureReport`` s): a scope (of ``county``, when given), a
    period, a known measure and category, a finite value from 0 to 10^15, a unit compatible
    with the measure's (the value is converted to it). ``place`` says where a column of the
    record lies (by default ``"<where>, column <name>"``).

    >>> check_measure_row({"scope": "w", "period": "2024", "measure": "visits", "value": -1},
    ...                   "row 2", None)[0][0].message
    "a count cannot be negative: '-1'"
    """
    problems: list[Problem] = []

    def problem(column: str, message: str) -> None:
        at = place(column) if place is not None else f"{where}, column {column}"
        problems.append(Problem(at, message))

    scope, code = _text(record, "scope"), _text(record, "measure")
    category, unit = _text(record, "category"), _text(record, "unit")
    if not scope:
        problem("scope", "the scope is empty")
    elif county is not None and not (county.has_area(scope) or county.has_institution(scope)):
        problem("scope", f"no area or institution {_shown(scope)} in county {county.id!r}")
    period = ""
    raw_period = _text(record, "period")
    try:
        if len(raw_period) > 40:
            raise PeriodError(f"not a period: {_shown(raw_period)}")
        period = str(Period.parse(raw_period))
    except PeriodError as exc:
        problem("period", str(exc))
    definition = MEASURES.get(code)
    if definition is None:
        problem("measure", _unknown_measure(code))
    elif definition.categories and category not in definition.categories:
        expected = ", ".join(definition.categories)
        problem(
            "category",
            f"measure {code!r} needs a category among {expected}; got {_shown(category)}",
        )
    elif not definition.categories and category:
        problem("category", f"measure {code!r} has no categories; got {_shown(category)}")
    raw = _text(record, "value")
    value = math.nan
    try:
        value = float(raw) if len(raw) <= 40 else math.nan
        if len(raw) > 40:
            raise ValueError(raw)
    except ValueError:  # an empty cell (NaN, pandas' empty, included) is named as such
        problem("value", f"not a number: {_shown(raw)}" if raw else "the value is empty")
    else:
        if not math.isfinite(value):
            problem("value", f"not a finite number: {_shown(raw)}")
        elif value < 0:
            problem("value", f"a count cannot be negative: {_shown(raw)}")
        elif value > MAX_MAGNITUDE:
            problem("value", f"{_shown(raw)} is larger than any real figure (at most 1e15)")
    if definition is not None and unit:
        try:
            require_compatible(unit, definition.unit, what=f"measure {code!r}")
        except UnitError as exc:
            problem("unit", str(exc))
        else:
            factor = conversion_factor(unit, definition.unit)
            if math.isfinite(value) and abs(value) <= MAX_MAGNITUDE and factor != 1:
                value *= factor
                if definition.unit == "yuan":  # 0.07 万元 is 700.00 yuan, not 700.0000000000001
                    value = round_to_fen(value)
    if problems:
        return problems, None
    return [], (scope, period, code, category, value)


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


def plausibility_problems(
    table: MeasureTable, places: Mapping[tuple[str, str, str, str], str] | None = None
) -> list[Problem]:
    """What no real figures can be, beyond each row: a fractional count of a flow (12.5
    visits), then a part larger than its whole (primary visits above all visits). Every reader
    of measure values makes these checks after :func:`check_measure_row`, and so does
    :func:`write_measures`. ``places`` names where each key's value lies in the file."""
    return count_problems(table.mapping().items(), places) or part_whole_problems(table, places)


def _shown(raw: str) -> str:
    """A value as a message quotes it: at most 40 characters."""
    return repr(raw if len(raw) <= 40 else raw[:40] + "…")


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
    table = arrow_table(data, "path")
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
    records = _records(table)
    problems = _writing_problems(table, records)
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


def _records(table: MeasureTable) -> list[dict[str, object]]:
    """The rows of ``table`` as a measures file's records, in the file's order."""
    return [
        {
            "scope": row.scope,
            "period": row.period,
            "measure": row.measure,
            "category": row.category,
            "value": row.value,
            "unit": MEASURES[row.measure].unit if row.measure in MEASURES else "",
        }
        for row in table.sorted()
    ]


@boundary
def writing_problems(table: MeasuresLike) -> list[Problem]:
    """Why ``table`` cannot be written as measure values that read back, if it cannot.

    A table built in Python may hold what no reader of measure values takes (an unknown
    measure, a value above 10^15, 12.5 visits, a part above its whole). Every writer
    (:func:`write_measures`, the DHIS2 and FHIR exporters) makes the readers' checks first:
    :func:`check_measure_row` on each row, named by its scope, period and measure, then
    :func:`plausibility_problems`. An empty list: every reader takes the table. A DataFrame
    or an Arrow table is read as :func:`read_measures` reads it, and its problems are named
    by row and column.

    >>> from countycare.indicators import MeasureTable
    >>> table = MeasureTable.from_rows([("w", "2024", "visits", "", 10.0),
    ...                                 ("w", "2024", "visits_primary", "", 12.0)])
    >>> [str(p) for p in writing_problems(table)]
    ['w 2024 visits_primary: 12 is more than its whole visits (10)']
    """
    try:  # a frame is read with the readers' checks: its problems are the answer
        table = coerce.measure_table(table, "table")
    except DataError as refused:
        return list(refused.problems)
    return _writing_problems(table, _records(table))


def _writing_problems(
    table: MeasureTable, records: Sequence[Mapping[str, object]]
) -> list[Problem]:
    """:func:`writing_problems` of ``table``, whose rows as a file's records are ``records``."""
    problems = [
        problem
        for record in records
        for problem in check_measure_row(record, _key_of(record), None, _column_of(record))[0]
    ]
    return problems or plausibility_problems(table)


def _key_of(record: Mapping[str, object]) -> str:
    """A row of a table about to be written, named by its key (it has no row number yet)."""
    category = f" [{record['category']}]" if record["category"] else ""
    return f"{record['scope']} {record['period']} {record['measure']}{category}"


def _column_of(record: Mapping[str, object]) -> Callable[[str], str]:
    """Where a column of a row about to be written is named."""
    return lambda column: f"{_key_of(record)}, column {column}"
