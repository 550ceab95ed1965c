"""Tables in and out: Arrow is the exchange shape; pandas and polars are imported only on call.

Every tabular result of countycare builds an Arrow table (``to_arrow()``) and inherits
``to_pandas()`` and ``to_polars()`` from :class:`Tabular`; every reader that takes a file also
takes a pandas or polars DataFrame or an Arrow table, read through :func:`arrow_table`. pandas
and polars are optional: asking for one that is not installed raises a
:class:`~countycare.errors.CountyCareError` naming the extra to install.

Examples
--------
>>> import pyarrow as pa
>>> table = pa.table({"scope": ["wanrong"], "value": [3.0]})
>>> to_pandas(table)
     scope  value
0  wanrong    3.0
>>> records(to_polars(table))
[{'scope': 'wanrong', 'value': 3.0}]
>>> is_table("measures.csv"), is_table(table)
(False, True)
"""

from __future__ import annotations

import importlib
from collections.abc import Collection
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from countycare.calls import calls_checked
from countycare.errors import CountyCareError

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

__all__ = [
    "MissingExtraError",
    "Tabular",
    "arrow_table",
    "is_table",
    "records",
    "require",
    "source_name",
    "to_pandas",
    "to_polars",
]

_EXTRAS = {"pandas": "pandas", "polars": "polars", "matplotlib": "plot", "hypothesis": "testing"}


class MissingExtraError(CountyCareError, ImportError):
    """An optional package that a call needs is not installed; the message names the extra."""


def require(module: str) -> ModuleType:
    """Import an optional package, or say which extra of countycare installs it."""
    if not isinstance(module, str) or not module.strip():
        from countycare.coerce import refuse

        raise refuse("module", "the name of a package, such as 'pandas'", module)
    try:
        return importlib.import_module(module)
    except ImportError:
        extra = _EXTRAS.get(module, module)
        raise MissingExtraError(
            f"this needs {module}, which is not installed: pip install 'countycare[{extra}]'"
        ) from None


def to_pandas(table: pa.Table | pa.RecordBatch | pd.DataFrame | pl.DataFrame) -> pd.DataFrame:
    """An Arrow table (or any table :func:`arrow_table` reads) as a pandas DataFrame; pandas
    is imported here, not before."""
    require("pandas")
    frame: pd.DataFrame = arrow_table(table, "table").to_pandas()
    return frame


def to_polars(table: pa.Table | pa.RecordBatch | pd.DataFrame | pl.DataFrame) -> pl.DataFrame:
    """An Arrow table (or any table :func:`arrow_table` reads) as a polars DataFrame; polars
    is imported here, not before."""
    polars = require("polars")
    frame: pl.DataFrame = polars.from_arrow(arrow_table(table, "table"))
    return frame


def is_table(data: object) -> bool:
    """Whether ``data`` is a table (Arrow, pandas, polars, or anything speaking Arrow's stream
    protocol) rather than a path or a dataset name."""
    if isinstance(data, pa.Table | pa.RecordBatch):
        return True
    kind = type(data)
    module = kind.__module__.split(".")[0]
    if module in ("pandas", "polars") and kind.__name__ == "DataFrame":
        return True
    return hasattr(data, "__arrow_c_stream__")


def arrow_table(
    data: object, argument: str | None = None, *, index_columns: Collection[str] = ()
) -> pa.Table:
    """An Arrow table from an Arrow table or batch, a pandas or polars DataFrame.

    A pandas index is not a column, except a level named as one of ``index_columns`` (the
    columns the reader expects) that is not a column already: a frame indexed by its record
    id (``set_index("encounter_id")``) is read with its ids, while an index of row numbers,
    or one the reader does not know, is left out.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"value": [5.0]}, index=pd.Index(["wanrong"], name="scope"))
    >>> arrow_table(frame).column_names, arrow_table(frame, index_columns=["scope"]).column_names
    (['value'], ['scope', 'value'])
    """
    from countycare.coerce import refuse

    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    kind = type(data)
    module = kind.__module__.split(".")[0]
    try:
        if module == "pandas" and kind.__name__ == "DataFrame":
            frame: Any = data
            known = set(index_columns) - set(frame.columns)
            levels = [n for n in frame.index.names if n is not None and n in known]
            if levels:
                frame = frame.reset_index(level=levels)
            frame = _periods_as_text(frame)
            table: pa.Table = pa.Table.from_pandas(frame, preserve_index=False)
            return table
        if module == "polars" and kind.__name__ == "DataFrame":
            converted: pa.Table = data.to_arrow()  # type: ignore[attr-defined]
            return converted
        if hasattr(data, "__arrow_c_stream__"):
            return pa.table(data)
    except (pa.ArrowException, TypeError, ValueError) as exc:
        raise refuse(argument, f"a table Arrow can read ({exc})", data) from None
    raise refuse(argument, "a pandas or polars DataFrame or an Arrow table", data)


def _periods_as_text(frame: Any) -> Any:
    """A pandas frame whose period columns (``period[Q-DEC]``) are text: Arrow would keep only
    their ordinals (2024Q1 is 216). A year, a calendar quarter or a month reads as the library
    writes it (``2024``, ``2024Q1``, ``2024-03``); a period of another kind keeps its frequency
    in the text (``2024Q1 (Q-MAR)``), so that a reader refuses it instead of misreading it."""
    from countycare.coerce.objects import PANDAS_CALENDAR

    for name in frame.columns:
        dtype = frame[name].dtype
        if not str(dtype).startswith("period["):
            continue
        text = frame[name].astype(str)
        frequency = str(dtype)[len("period[") : -1]
        if frequency not in PANDAS_CALENDAR:
            text = text + f" ({frequency})"
        frame = frame.assign(**{name: text.where(frame[name].notna(), None)})
    return frame


def source_name(data: object) -> str:
    """How a table is named in messages, e.g. ``<pandas DataFrame>`` (a path is itself)."""
    if isinstance(data, str):
        return data
    kind = type(data)
    if kind.__name__ in ("PosixPath", "WindowsPath", "Path"):
        return str(data)
    return f"<{kind.__module__.split('.')[0]} {kind.__name__}>"


def records(data: object, argument: str | None = None) -> list[dict[str, Any]]:
    """The rows of a table as dictionaries, numbered from 1 by the readers."""
    rows: list[dict[str, Any]] = arrow_table(data, argument).to_pylist()
    return rows


@calls_checked
class Tabular:
    """Mixin of the tabular results: define ``to_arrow()``; get ``to_pandas()``, ``to_polars()``."""

    __slots__ = ()

    def to_arrow(self) -> pa.Table:
        """The result as an Arrow table."""
        raise NotImplementedError

    def to_pandas(self) -> pd.DataFrame:
        """The result as a pandas DataFrame (needs ``countycare[pandas]``)."""
        return to_pandas(self.to_arrow())

    def to_polars(self) -> pl.DataFrame:
        """The result as a polars DataFrame (needs ``countycare[polars]``)."""
        return to_polars(self.to_arrow())
