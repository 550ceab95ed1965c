"""The checks every reader and writer of measure values makes, whatever its format.

A measures file, a DHIS2 data value set and FHIR ``MeasureReport`` s carry the same thing:
values of measures, each at a scope and a period. Each value gets the same checks on its own
(:func:`check_measure_row`: a known measure and category, a period, a finite number from 0 to
10^15, a unit that converts) and the values together get a file's (:func:`plausibility_problems`:
whole counts of flows, no part above its whole). The readers name each problem at its place in
their format; the writers (:func:`writing_problems`) make the same checks before writing, so that
what is written reads back.

Examples
--------
>>> check_measure_row({"scope": "w", "period": "2024", "measure": "visits", "value": "7"},
...                   "row 2", None)
([], ('w', '2024', 'visits', '', 7.0))
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.errors import DataError, PeriodError, Problem, UnitError
from countycare.indicators.measures import MEASURES
from countycare.indicators.plausibility import count_problems, part_whole_problems
from countycare.indicators.table import MeasureTable, key_text
from countycare.io.limits import MAX_MAGNITUDE
from countycare.periods import Period
from countycare.units import conversion_factor, require_compatible, round_to_fen

if TYPE_CHECKING:
    from countycare.forms import MeasuresLike

__all__ = [
    "check_measure_row",
    "file_records",
    "plausibility_problems",
    "records_problems",
    "writing_problems",
]


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


def plausibility_problems(
    table: MeasureTable, places: Mapping[tuple[str, str, str, str], str] | None = None
) -> list[Problem]:
    """What no real figures can be, beyond each row: a fractional count of a flow (12.5
    visits), then a part larger than its whole (primary visits above all visits). Every reader
    of measure values makes these checks after :func:`check_measure_row`, and so does
    :func:`~countycare.indicators.files.write_measures`. ``places`` names where each key's
    value lies in the file."""
    return count_problems(table.mapping().items(), places) or part_whole_problems(table, places)


def _shown(raw: str) -> str:
    """A value as a message quotes it: at most 40 characters."""
    return repr(raw if len(raw) <= 40 else raw[:40] + "…")


def file_records(table: MeasureTable) -> list[dict[str, object]]:
    """The rows of ``table`` as a measures file's records, in the file's order (each value in
    its measure's unit)."""
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
    (:func:`~countycare.indicators.files.write_measures`, the DHIS2 and FHIR exporters) makes
    the readers' checks first: :func:`check_measure_row` on each row, named by its scope,
    period and measure, then :func:`plausibility_problems`. An empty list: every reader takes
    the table. A DataFrame or an Arrow table is read as
    :func:`~countycare.indicators.files.read_measures` reads it, and its problems are named by
    row and column.

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
    return records_problems(table, file_records(table))


def records_problems(table: MeasureTable, records: Sequence[Mapping[str, object]]) -> list[Problem]:
    """:func:`writing_problems` of ``table``, whose rows as a file's records
    (:func:`file_records`) are ``records``."""
    problems = [
        problem
        for record in records
        for problem in check_measure_row(record, _key_of(record), None, _column_of(record))[0]
    ]
    return problems or plausibility_problems(table)


def _key_of(record: Mapping[str, object]) -> str:
    """A row of a table about to be written, named by its key (it has no row number yet)."""
    return key_text(*(str(record[c]) for c in ("scope", "period", "measure", "category")))


def _column_of(record: Mapping[str, object]) -> Callable[[str], str]:
    """Where a column of a row about to be written is named."""
    return lambda column: f"{_key_of(record)}, column {column}"
