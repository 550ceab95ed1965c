"""What a column's statistics say of every row: how many are empty, the smallest and largest.

A Parquet footer records, for each row group and column, the number of empty values (nulls) and
the smallest and largest value; an Arrow array knows its number of nulls. Where they show that no
row can fail a check (no empty value; no amount below 0 or above the limit), the engine need not
make the check row by row, nor even read the column when nothing else needs it: the string
columns of ids are the costliest to read (see :func:`countycare.records.checks.live_checks`).

Statistics never vouch for NaN: Parquet leaves NaN out of a column's smallest and largest value,
so the check for NaN always runs on each row.

Examples
--------
>>> import pyarrow as pa
>>> arrow_facts(pa.table({"x": [1.0, None]}), ["x"])
{'x': ColumnFacts(nulls=1, low=None, high=None)}
>>> merge_facts([{"x": ColumnFacts(0, 1.0, 5.0)}, {"x": ColumnFacts(0, -2.0, 3.0)}])
{'x': ColumnFacts(nulls=0, low=-2.0, high=5.0)}
>>> merge_facts([{"x": ColumnFacts(0, 1.0, 5.0)}, {}])
{}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import pyarrow as pa

__all__ = ["ColumnFacts", "arrow_facts", "merge_facts", "parquet_facts"]


@attrs.frozen
class ColumnFacts:
    """What holds for every row of a column; None where the statistics do not say.

    ``low`` and ``high`` bound the values other than NaN (never counted in statistics).
    """

    nulls: int | None = None
    low: Any = None
    high: Any = None


def _merged(a: ColumnFacts, b: ColumnFacts) -> ColumnFacts:
    nulls = None if a.nulls is None or b.nulls is None else a.nulls + b.nulls
    bounded = a.low is not None and b.low is not None and a.high is not None and b.high is not None
    try:
        low, high = (min(a.low, b.low), max(a.high, b.high)) if bounded else (None, None)
    except TypeError:  # values of different types: no bound
        low, high = None, None
    return ColumnFacts(nulls, low, high)


def merge_facts(parts: Iterable[Mapping[str, ColumnFacts]]) -> dict[str, ColumnFacts]:
    """The facts of records made of ``parts`` (files, row groups, counties): a column is known
    only where every part knows it."""
    out: dict[str, ColumnFacts] | None = None
    for part in parts:
        if out is None:
            out = dict(part)
        else:
            out = {c: _merged(f, part[c]) for c, f in out.items() if c in part}
    return out or {}


def arrow_facts(table: pa.Table, columns: Iterable[str]) -> dict[str, ColumnFacts]:
    """The number of nulls of each of ``columns`` in an Arrow table (known without a scan)."""
    names = table.column_names
    return {c: ColumnFacts(table.column(c).null_count) for c in columns if names.count(c) == 1}


def parquet_facts(files: Sequence[str], columns: Iterable[str]) -> dict[str, ColumnFacts]:
    """The facts of ``columns`` over Parquet ``files``, from their footers only.

    A column declared required has no null whatever its statistics; a row group without
    statistics of a column leaves that column unknown. An unreadable footer gives no facts.
    """
    import pyarrow.parquet as pq

    wanted = list(columns)
    parts: list[dict[str, ColumnFacts]] = []
    try:
        for name in files:
            meta = pq.read_metadata(name)
            names = [meta.schema.column(i).name for i in range(meta.num_columns)]
            for g in range(meta.num_row_groups):
                group = meta.row_group(g)
                part = {}
                for column in wanted:
                    if names.count(column) == 1:
                        at = names.index(column)
                        required = meta.schema.column(at).max_definition_level == 0
                        part[column] = _chunk_facts(group.column(at).statistics, required)
                parts.append(part)
    except (UnicodeDecodeError, OverflowError, OSError, ValueError, pa.ArrowException):
        return {}  # a footer that cannot be read vouches for nothing
    return merge_facts(parts)


def _chunk_facts(stats: Any, required: bool) -> ColumnFacts:
    """The facts of one column of one row group."""
    nulls = 0 if required else None
    if stats is None:
        return ColumnFacts(nulls)
    if nulls is None and stats.has_null_count:
        nulls = int(stats.null_count)
    if stats.has_min_max and not (_nan(stats.min) or _nan(stats.max)):
        return ColumnFacts(nulls, stats.min, stats.max)
    return ColumnFacts(nulls)  # an old writer's NaN bound bounds nothing


def _nan(value: Any) -> bool:
    return isinstance(value, float) and value != value
