"""The long table of measure values: ``scope, period, measure, category, value``.

One number a row, as DHIS2 exchanges data value sets. ``scope`` is an id of the county model (the
county, a township, an institution); ``period`` is ``2024``, ``2024Q1`` or ``2024-03``;
``category`` is ``""`` or a band such as ``30-34``; ``value`` is in the measure's own unit. A key
(scope, period, measure, category) appears at most once.

Columns are numpy arrays (strings as objects, values as float64), so that a table of many rows
costs what numpy costs, not one Python object per number.

Examples
--------
>>> t = MeasureTable.from_rows([
...     ("wanrong", "2024", "visits", "", 2_460_000.0),
...     ("wanrong", "2024", "visits_primary", "", 1_550_000.0),
... ])
>>> len(t), t.get("wanrong", "2024", "visits_primary")
(2, 1550000.0)
>>> t.get("wanrong", "2023", "visits") is None
True
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from countycare.calls import calls_checked
from countycare.coerce.arguments import boundary
from countycare.coerce.values import describe, number, refuse
from countycare.errors import ArgumentError, DataError, Problem
from countycare.tabular import Tabular

if TYPE_CHECKING:
    import pyarrow as pa

    from countycare.community import County
    from countycare.forms import PeriodLike

__all__ = [
    "COLUMNS",
    "MeasureRow",
    "MeasureTable",
    "key_text",
]

#: The columns of the long shape, in order.
COLUMNS: tuple[str, ...] = ("scope", "period", "measure", "category", "value")

_Strings = np.ndarray[Any, np.dtype[np.object_]]
_Floats = np.ndarray[Any, np.dtype[np.float64]]
#: A column as a caller has it: a list, or a numpy array (a table's own columns are arrays).
_Column = Sequence[object] | np.ndarray[Any, Any]


@calls_checked
@attrs.frozen
class MeasureRow:
    """One row of a :class:`MeasureTable`."""

    scope: str
    period: str
    measure: str
    category: str
    value: float

    @property
    def key(self) -> tuple[str, str, str, str]:
        """The identifying part of the row."""
        return (self.scope, self.period, self.measure, self.category)


def key_text(scope: str, period: str, measure: str, category: str = "") -> str:
    """A value named by its key where it has no row number: ``scope period measure
    [category]``, as every check of measure values names it.

    >>> key_text("wanrong", "2024", "ncd4_deaths", "30-34")
    'wanrong 2024 ncd4_deaths [30-34]'
    """
    return f"{scope} {period} {measure}" + (f" [{category}]" if category else "")


def _strings(values: Iterable[object]) -> _Strings:
    return np.asarray([str(v) for v in values], dtype=object)


def _period_key(value: object, argument: str) -> str:
    """A period as the table's column holds it: text as it is (looked up as written), a
    ``Period`` or a year number as its text."""
    if isinstance(value, str):
        return value
    from countycare.coerce import period_text  # coerce reads measure tables: imported late

    return period_text(value, argument)


def _units(measures: list[str]) -> list[str]:
    from countycare.indicators.measures import MEASURES

    return [MEASURES[m].unit if m in MEASURES else "" for m in measures]


@calls_checked
@attrs.frozen(eq=False)
class MeasureTable(Tabular):
    """An immutable long table of measure values; see :meth:`from_rows`, :meth:`from_columns`.

    Each key (scope, period, measure, category) appears once, and each value is a finite
    number ≥ 0, as every reader of measure values requires: an empty (NaN), infinite or
    negative value is refused with a :class:`~countycare.errors.DataError` naming its key.

    Out: :meth:`to_dict` (JSON, readable back by :func:`~countycare.read_measures`),
    :meth:`to_arrow`, ``to_pandas()``, ``to_polars()``; in: :func:`~countycare.read_measures`
    takes a file or any of those tables.
    """

    scope: _Strings
    period: _Strings
    measure: _Strings
    category: _Strings
    value: _Floats

    def __attrs_post_init__(self) -> None:
        for name in ("scope", "period", "measure", "category", "value"):
            column = getattr(self, name)
            if not (isinstance(column, np.ndarray) and column.ndim == 1) or (
                name == "value" and column.dtype != np.float64
            ):
                kind = "float64" if name == "value" else "text"
                got = (
                    f"a {column.ndim}-dimensional array of {column.dtype}"
                    if isinstance(column, np.ndarray)
                    else describe(column)
                )
                raise ArgumentError(
                    name,
                    f"expected a one-dimensional NumPy array of {kind}, got {got}; build a "
                    "table with MeasureTable.from_columns or MeasureTable.from_rows",
                )
        lengths = {
            len(self.scope),
            len(self.period),
            len(self.measure),
            len(self.category),
            len(self.value),
        }
        if len(lengths) != 1:
            raise DataError([Problem("$", f"columns have different lengths: {sorted(lengths)}")])
        if not (np.isfinite(self.value) & (self.value >= 0)).all():
            raise DataError(self._value_problems())
        keys = list(self.keys())
        if len(set(keys)) == len(keys):  # the usual case, cheaper than counting every key
            return
        duplicates = [key for key, n in Counter(keys).items() if n > 1]
        if duplicates:
            raise DataError(
                Problem("$", f"duplicate row for (scope, period, measure, category) = {key!r}")
                for key in duplicates[:20]
            )

    def _value_problems(self) -> list[Problem]:
        """A problem for each value no measure may take, named by its key (at most 20):
        empty (NaN), infinite or negative, as every reader of measure values refuses them.

        >>> MeasureTable.from_rows([("w", "2024", "visits", "", -5.0)])
        Traceback (most recent call last):
        ...
        countycare.errors.DataError: w 2024 visits: a measure value cannot be negative: -5.0
        """
        bad = np.flatnonzero(~(np.isfinite(self.value) & (self.value >= 0)))
        problems = []
        for n in bad[:20]:
            value = float(self.value[n])
            why = (
                "the value is empty (NaN)"
                if math.isnan(value)
                else f"not a finite number: {value!r}"
                if math.isinf(value)
                else f"a measure value cannot be negative: {value!r}"
            )
            key = key_text(self.scope[n], self.period[n], self.measure[n], self.category[n])
            problems.append(Problem(key, why))
        if len(bad) > 20:
            problems.append(Problem("$", f"and {len(bad) - 20:,} more such values"))
        return problems

    # -- construction ----------------------------------------------------------------------------

    @classmethod
    @boundary
    def from_columns(
        cls,
        scope: _Column,
        period: _Column,
        measure: _Column,
        category: _Column | None,
        value: Sequence[float] | np.ndarray[Any, Any],
    ) -> MeasureTable:
        """Build from five columns; ``category`` None means no category on every row."""
        n = len(scope)
        categories = _strings(category) if category is not None else np.full(n, "", dtype=object)
        return cls(
            _strings(scope),
            _strings(period),
            _strings(measure),
            np.asarray(["" if c in ("None", "nan") else c for c in categories], dtype=object),
            np.asarray(value, dtype=np.float64),
        )

    @classmethod
    @boundary
    def from_rows(
        cls, rows: Iterable[tuple[str, str, str, str, float] | MeasureRow]
    ) -> MeasureTable:
        """Build from ``(scope, period, measure, category, value)`` tuples or MeasureRows.

        A DataFrame or Arrow table with the columns of a measures file is read and checked as
        :func:`~countycare.indicators.files.read_measures` reads it. A row that is not five
        items, or whose value is not a number, is refused naming its index.

        >>> MeasureTable.from_rows([("c", "2024", "visits", "")])
        Traceback (most recent call last):
        ...
        countycare.errors.ArgumentError: rows[0]: expected (scope, period, measure, category, \
value), got ('c', '2024', 'visits', '')
        """
        if hasattr(rows, "columns"):  # a frame: its rows are records, not tuples
            from countycare.indicators.files import read_measures

            return read_measures(rows)
        materialised = [_row_items(r, i) for i, r in enumerate(rows)]
        if not materialised:
            return cls.empty()
        scope, period, measure, category, value = zip(*materialised, strict=True)
        return cls.from_columns(
            scope, period, measure, category, np.asarray(value, dtype=np.float64)
        )

    @classmethod
    def empty(cls) -> MeasureTable:
        """A table with no rows."""
        none = np.asarray([], dtype=object)
        return cls(none, none, none, none, np.asarray([], dtype=np.float64))

    @classmethod
    @boundary
    def concat(cls, tables: Iterable[MeasureTable]) -> MeasureTable:
        """Stack tables; a key present in two of them is a duplicate and rejected."""
        parts = list(tables)
        if not parts:
            return cls.empty()
        return cls(
            np.concatenate([t.scope for t in parts]),
            np.concatenate([t.period for t in parts]),
            np.concatenate([t.measure for t in parts]),
            np.concatenate([t.category for t in parts]),
            np.concatenate([t.value for t in parts]),
        )

    # -- access ----------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.value)

    def keys(self) -> Iterator[tuple[str, str, str, str]]:
        """The (scope, period, measure, category) key of each row, in order."""
        return zip(
            self.scope.tolist(),
            self.period.tolist(),
            self.measure.tolist(),
            self.category.tolist(),
            strict=True,
        )

    def rows(self) -> Iterator[MeasureRow]:
        """The rows, in order."""
        for (scope, period, measure, category), value in zip(
            self.keys(), self.value.tolist(), strict=True
        ):
            yield MeasureRow(scope, period, measure, category, float(value))

    def __iter__(self) -> Iterator[MeasureRow]:
        return self.rows()

    def mapping(self) -> dict[tuple[str, str, str, str], float]:
        """The table as a mapping from key ``(scope, period, measure, category)`` to value."""
        return dict(zip(self.keys(), self.value.tolist(), strict=True))

    def get(self, scope: str, period: PeriodLike, measure: str, category: str = "") -> float | None:
        """The value of one key, or None when the table has no such row.

        ``period`` is text as the table writes it (``"2024Q1"``), or a
        :class:`~countycare.periods.Period` or a year number, looked up as its text.

        >>> t = MeasureTable.from_rows([("wanrong", "2024", "visits", "", 3.0)])
        >>> t.get("wanrong", 2024, "visits"), t.get("wanrong", "2023", "visits")
        (3.0, None)
        """
        mask = (
            (self.scope == scope)
            & (self.period == _period_key(period, "period"))
            & (self.measure == measure)
            & (self.category == category)
        )
        hits = self.value[mask]
        return float(hits[0]) if len(hits) else None

    def select(
        self,
        *,
        scope: str | Iterable[str] | None = None,
        period: PeriodLike | Iterable[PeriodLike] | None = None,
        measure: str | Iterable[str] | None = None,
    ) -> MeasureTable:
        """The rows whose scope, period and measure are among those given (None keeps all).

        A period is given as :meth:`get` takes it (text, a ``Period`` or a year number), or
        several as any iterable of them.

        >>> rows = [("a", "2024", "visits", "", 3.0), ("a", "2023", "visits", "", 2.0)]
        >>> t = MeasureTable.from_rows(rows)
        >>> len(t.select(period=2024)), len(t.select(period=[2023, "2024"]))
        (1, 2)
        """
        periods: list[str] | None = None
        if isinstance(period, Iterable) and not isinstance(period, str):
            periods = [_period_key(p, f"period[{at}]") for at, p in enumerate(period)]
        elif period is not None:
            periods = [_period_key(period, "period")]
        mask = np.ones(len(self), dtype=bool)
        for column, wanted in (
            (self.scope, scope),
            (self.period, periods),
            (self.measure, measure),
        ):
            if wanted is None:
                continue
            values = [wanted] if isinstance(wanted, str) else list(wanted)
            mask &= np.isin(column, np.asarray(values, dtype=object))
        return self._take(mask)

    def _take(self, mask: np.ndarray[Any, np.dtype[np.bool_]]) -> MeasureTable:
        return MeasureTable(
            self.scope[mask],
            self.period[mask],
            self.measure[mask],
            self.category[mask],
            self.value[mask],
        )

    def sorted(self) -> MeasureTable:
        """The same rows in key order."""
        order = np.lexsort((self.category, self.measure, self.period, self.scope))
        return MeasureTable(
            self.scope[order],
            self.period[order],
            self.measure[order],
            self.category[order],
            self.value[order],
        )

    def __eq__(self, other: object) -> bool:
        """Tables are equal when they hold the same rows, whatever their order."""
        if not isinstance(other, MeasureTable):
            return NotImplemented
        return self.mapping() == other.mapping()

    def __hash__(self) -> int:
        return hash(frozenset(self.mapping().items()))

    @boundary
    def isclose(self, other: MeasureTable, *, rtol: float = 1e-9, atol: float = 1e-9) -> bool:
        """Same keys, and values equal within tolerance (for tables computed two ways)."""
        mine, theirs = self.mapping(), other.mapping()
        if mine.keys() != theirs.keys():
            return False
        keys = list(mine)
        return bool(
            np.allclose([mine[k] for k in keys], [theirs[k] for k in keys], rtol=rtol, atol=atol)
        )

    def to_arrow(self) -> pa.Table:
        """The table as Arrow columns ``scope, period, measure, category, value, unit``.

        >>> t = MeasureTable.from_rows([("wanrong", "2024", "visits", "", 3.0)])
        >>> t.to_arrow().column_names
        ['scope', 'period', 'measure', 'category', 'value', 'unit']
        """
        import pyarrow as pa

        return pa.table(
            {
                "scope": pa.array(self.scope.tolist(), pa.string()),
                "period": pa.array(self.period.tolist(), pa.string()),
                "measure": pa.array(self.measure.tolist(), pa.string()),
                "category": pa.array(self.category.tolist(), pa.string()),
                "value": pa.array(self.value, pa.float64()),
                "unit": pa.array(_units(self.measure.tolist()), pa.string()),
            }
        )

    def to_dict(self) -> dict[str, Any]:
        """The table as JSON-ready data: ``{"rows": [{scope, period, …, value, unit}, …]}``.

        The document is a measures file: :func:`~countycare.read_measures` reads it back.

        >>> rows = MeasureTable.from_rows([("wanrong", "2024", "visits", "", 3.0)]).to_dict()
        >>> rows["rows"][0]["value"], rows["rows"][0]["unit"]
        (3.0, 'visit')
        """
        rows: list[dict[str, Any]] = self.to_arrow().to_pylist()
        return {"rows": rows}

    @cached_property
    def _index(self) -> dict[tuple[str, str, str, str], float]:
        return self.mapping()

    @boundary
    def lookup(
        self, scopes: Sequence[str], periods: Sequence[str], measure: str, category: str = ""
    ) -> _Floats:
        """The value of ``measure`` (in ``category``) at each (scope, period) point, as an array.

        An absent row gives NaN *in this array only*: evaluation turns it into an undefined
        value with its reason. The index is built once per table.

        >>> t = MeasureTable.from_rows([("a", "2024", "visits", "", 3.0)])
        >>> t.lookup(["a", "b"], ["2024", "2024"], "visits")
        array([ 3., nan])
        """
        index = self._index
        return np.asarray(
            [
                index.get((s, p, measure, category), np.nan)
                for s, p in zip(scopes, periods, strict=True)
            ],
            dtype=np.float64,
        )

    # -- files -----------------------------------------------------------------------------------

    @classmethod
    def read(cls, path: str | Path, *, county: County | None = None) -> MeasureTable:
        """Read a measures file (CSV, JSON, Parquet); see :func:`countycare.indicators.files`."""
        from countycare.indicators.files import read_measures

        return read_measures(path, county=county)

    def write(self, path: str | Path) -> Path:
        """Write a measures file (CSV, JSON, Parquet, by the suffix) with a ``unit`` column."""
        from countycare.indicators.files import write_measures

        return write_measures(self, path)


def _row_items(row: object, index: int) -> tuple[object, object, object, object, float]:
    """One row of :meth:`MeasureTable.from_rows` as its five items, the value a number."""
    if type(row) is tuple and len(row) == 5 and type(row[4]) is float:
        return row  # the form readers and roll-ups build: nothing to convert (checked first)
    if isinstance(row, MeasureRow):
        return (row.scope, row.period, row.measure, row.category, row.value)
    where = f"rows[{index}]"
    if isinstance(row, str | bytes) or not isinstance(row, Sequence) or len(row) != 5:
        raise refuse(where, "(scope, period, measure, category, value)", row)
    return (row[0], row[1], row[2], row[3], number(row[4], f"{where}.value", finite=False))
