"""The date of a moment: records are dated in China Standard Time.

A record's date (a visit, an admission, a claim, a referral) is the calendar day in the county,
and every county of the model is in China Standard Time (UTC+8, ``Asia/Shanghai``, no summer
time). A date column may come as a timestamp instead:

* a timestamp *without* a time zone is a wall-clock time: its date is the day it shows
  (``2024-03-01 23:30`` is 1 March);
* a timestamp *with* a time zone is a moment (an export from a platform that stores UTC, a
  pandas column made with ``tz_localize``): its date is the day in China at that moment, in
  whatever zone it is written. ``2024-02-29T23:59:00Z`` is 1 March in the county.

Before, a moment took the day of the engine's own time zone (UTC here, the machine's zone
elsewhere): a visit at 07:59 on 1 March in Shanghai was counted in February, and the same file
gave other counts on another machine. The conversion is explicit in each engine, whatever the
session's zone.

Examples
--------
>>> import datetime as dt, pyarrow as pa
>>> moments = pa.array([dt.datetime(2024, 2, 29, 23, 59)], pa.timestamp("us", "UTC"))
>>> dates_of_timestamps(pa.table({"date": moments})).column("date").to_pylist()
[datetime.date(2024, 3, 1)]
>>> duckdb_date('"date"', "TIMESTAMP WITH TIME ZONE")
'CAST(timezone(\\'Asia/Shanghai\\', "date") AS DATE)'
"""

from __future__ import annotations

import pyarrow as pa

__all__ = ["RECORDS_TIME_ZONE", "dates_of_timestamps", "duckdb_date", "spark_date"]

#: The time zone in which records are dated: China Standard Time (UTC+8).
RECORDS_TIME_ZONE = "Asia/Shanghai"


def dates_of_timestamps(table: pa.Table) -> pa.Table:
    """``table`` with each timestamp column turned into dates (``date32``): a moment's date in
    :data:`RECORDS_TIME_ZONE`, a wall-clock time's own date. Other columns are kept as they
    are."""
    for at, field in enumerate(table.schema):
        if not pa.types.is_timestamp(field.type):
            continue
        column = table.column(at)
        if field.type.tz is not None:  # a moment: the wall clock in China, then its day
            column = column.cast(pa.timestamp(field.type.unit, RECORDS_TIME_ZONE))
        table = table.set_column(at, field.name, column.cast(pa.date32(), safe=False))
    return table


def duckdb_date(column: str, duckdb_type: str) -> str:
    """The DuckDB expression of ``column``'s date when it is a moment (``TIMESTAMP WITH TIME
    ZONE``); otherwise ``column`` itself, for the usual cast."""
    if duckdb_type == "TIMESTAMP WITH TIME ZONE":
        return f"CAST(timezone('{RECORDS_TIME_ZONE}', {column}) AS DATE)"
    return column


def spark_date(column: str, spark_type: str) -> str:
    """The Spark SQL expression of ``column``'s date when it is a moment (Spark's
    ``timestamp``: shown in the session's zone, so first brought back to UTC, then to China);
    otherwise ``column`` itself. A wall-clock time (``timestamp_ntz``) keeps its own date."""
    if spark_type == "timestamp":
        utc = f"to_utc_timestamp({column}, current_timezone())"
        return f"to_date(from_utc_timestamp({utc}, '{RECORDS_TIME_ZONE}'))"
    return column
