"""Small-cell suppression for published tables.

A count below a threshold (a handful of deaths in one township and month, a few admissions at a
village clinic) can identify people. :func:`suppress_small_cells` marks such cells as suppressed:
a :class:`PublishedTable` keeps the mark and never shows a suppressed value, neither as the
number nor as ``0``; its CSV leaves the value empty and says ``suppressed`` in a ``status``
column. Only counts of people and events are suppressed (units person, visit, admission,
referral, death, physician, read); money and ratios are not counts. A true zero is not small.

Examples
--------
>>> from countycare.indicators.table import MeasureTable
>>> t = MeasureTable.from_rows([
...     ("sc-t1", "2024", "ncd4_deaths", "30-34", 3.0),
...     ("sc-t1", "2024", "visits", "", 12000.0),
...     ("sc-t1", "2024", "fund_paid_residents", "", 4.5),
... ])
>>> p = suppress_small_cells(t, threshold=5)
>>> [(r.measure, r.value, r.suppressed) for r in p.rows()]
[('fund_paid_residents', 4.5, False), ('ncd4_deaths', None, True), ('visits', 12000.0, False)]
>>> p.to_csv_lines()[2]
'sc-t1,2024,ncd4_deaths,30-34,,death,suppressed'
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from countycare import coerce
from countycare.calls import calls_checked
from countycare.coerce.arguments import boundary
from countycare.coerce.fields import checked_fields
from countycare.errors import ArgumentError
from countycare.indicators.measures import MEASURES
from countycare.indicators.table import MeasureTable

if TYPE_CHECKING:
    from countycare.forms import IntLike, MeasuresLike

__all__ = [
    "COUNT_UNITS",
    "PublishedRow",
    "PublishedTable",
    "suppress_small_cells",
    "write_published_csv",
]

#: Units whose values count people or events, and so may be suppressed.
COUNT_UNITS: frozenset[str] = frozenset(
    {"person", "visit", "admission", "referral", "death", "physician", "read"}
)

#: The columns of a measures file (:mod:`countycare.indicators.files`), then the suppression status.
CSV_COLUMNS = ("scope", "period", "measure", "category", "value", "unit", "status")


@attrs.frozen
class PublishedRow:
    """One published cell: its value, or None when suppressed."""

    scope: str
    period: str
    measure: str
    category: str
    value: float | None
    suppressed: bool


@calls_checked
@attrs.frozen(eq=False, field_transformer=checked_fields)
class PublishedTable:
    """A measure table ready to publish, with a suppression mark on each row."""

    table: MeasureTable
    suppressed: np.ndarray[Any, np.dtype[np.bool_]]
    threshold: int

    def __len__(self) -> int:
        return len(self.table)

    @property
    def suppressed_count(self) -> int:
        """Number of suppressed cells."""
        return int(self.suppressed.sum())

    def rows(self) -> Iterator[PublishedRow]:
        """The rows; a suppressed row's value is None."""
        for row, hidden in zip(self.table.rows(), self.suppressed.tolist(), strict=True):
            yield PublishedRow(
                row.scope, row.period, row.measure, row.category,
                None if hidden else row.value, bool(hidden),
            )  # fmt: skip

    def to_csv_lines(self, delimiter: str = ",") -> list[str]:
        """The measures-file lines, header first; suppressed values are empty."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n", delimiter=delimiter)
        writer.writerow(CSV_COLUMNS)
        for r in self.rows():
            value = "" if r.value is None else _number(r.value)
            status = "suppressed" if r.suppressed else ""
            unit = MEASURES[r.measure].unit if r.measure in MEASURES else ""
            writer.writerow((r.scope, r.period, r.measure, r.category, value, unit, status))
        return buffer.getvalue().splitlines()


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


@boundary
def suppress_small_cells(table: MeasuresLike, threshold: IntLike = 10) -> PublishedTable:
    """Mark the count cells with ``0 < value < threshold`` as suppressed.

    Parameters
    ----------
    table
        The measures to publish.
    threshold
        The smallest count shown (a common rule is 10; some agencies use 5 or 20).
    """
    table = coerce.measure_table(table, "table")
    threshold = coerce.count(threshold, "threshold")
    if threshold < 1:
        raise ArgumentError("threshold", f"expected a whole number ≥ 1, got {threshold!r}")
    table = table.sorted()
    counts = np.asarray(
        [
            MEASURES[m].unit in COUNT_UNITS if m in MEASURES else False
            for m in table.measure.tolist()
        ],
        dtype=bool,
    )
    small = (table.value > 0) & (table.value < threshold)
    return PublishedTable(table, counts & small, threshold)


def write_published_csv(table: PublishedTable, path: str | Path) -> Path:
    """Write a published table as a measures file with a ``status`` column (see module doc):
    comma-separated, or tab-separated for a ``.tsv`` path."""
    target = Path(path)
    delimiter = "\t" if target.suffix.lower() == ".tsv" else ","
    target.write_text("\n".join(table.to_csv_lines(delimiter)) + "\n", encoding="utf-8")
    return target
