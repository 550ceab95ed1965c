"""A referral network from counts already made: an edge list instead of records.

An edge list has the columns ``from_id, to_id, setting, status, referrals`` and optionally
``within_community``. Rows are checked and summed by key in DuckDB. Any bad row is an error
naming it, unlike records, whose bad rows can be rejected one by one: an edge list is already a
sum, so dropping a row would falsify every total.

Examples
--------
>>> import pyarrow as pa
>>> from countycare.testing.networks import small_referral_county
>>> from countycare.periods import Period
>>> edges = pa.table({"from_id": ["t1-c"], "to_id": ["lead"], "setting": ["inpatient"],
...                   "status": ["completed"], "referrals": [12]})
>>> net = network_from_edges(edges, small_referral_county(), Period.parse("2024"))
>>> net.flow("t1-c", "lead").total, net.flow("t1-c", "lead").within_community is None
(12, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.errors import DataError, Problem, row_message
from countycare.io.limits import MAX_MAGNITUDE
from countycare.labels import CareSetting, ReferralStatus
from countycare.periods import Period
from countycare.referrals.network import ReferralNetwork, flows_from_edges
from countycare.referrals.records import county_tables
from countycare.referrals.sources import open_table, source_name

__all__ = ["EDGE_COLUMNS", "network_from_edges"]

#: The required columns of an edge list (``within_community`` may follow).
EDGE_COLUMNS: tuple[str, ...] = ("from_id", "to_id", "setting", "status", "referrals")
_WITHIN = "within_community"
_SHOWN = 50

_CLEAN = """
CREATE TEMP TABLE clean AS SELECT _row,
    NULLIF(CAST(from_id AS VARCHAR), '') AS from_id,
    NULLIF(CAST(to_id AS VARCHAR), '') AS to_id,
    NULLIF(CAST(setting AS VARCHAR), '') AS setting,
    NULLIF(CAST(status AS VARCHAR), '') AS status,
    CAST(referrals AS VARCHAR) AS referrals_text,
    TRY_CAST(referrals AS DOUBLE) AS referrals,
    {within_text} AS within_text,
    {within} AS within
FROM raw
"""

_PROBLEMS = """
SELECT _row, problem FROM (SELECT _row, CASE
    WHEN from_id IS NULL OR from_id NOT IN (SELECT id FROM institutions)
        THEN 'from_id|unknown institution ''' || coalesce(from_id, '') || ''''
    WHEN to_id IS NULL OR to_id NOT IN (SELECT id FROM institutions)
        THEN 'to_id|unknown institution ''' || coalesce(to_id, '') || ''''
    WHEN from_id = 'outside' AND to_id = 'outside'
        THEN 'to_id|both ends are outside the county'
    WHEN from_id = to_id
        THEN 'to_id|self-referral: from_id and to_id are both ''' || from_id || ''''
    WHEN setting IS NULL OR NOT list_contains($settings, setting)
        THEN 'setting|setting ''' || coalesce(setting, '') || ''' is not one of '
            || array_to_string($settings, ', ')
    WHEN status IS NULL OR NOT list_contains($statuses, status)
        THEN 'status|status ''' || coalesce(status, '') || ''' is not one of '
            || array_to_string($statuses, ', ')
    WHEN referrals IS NULL OR referrals < 0 OR referrals <> floor(referrals)
            OR referrals > $most
        THEN 'referrals|referrals must be a whole number from 0 to 10^15, got '''
            || coalesce(referrals_text, '') || ''''
    WHEN $has_within AND (within IS NULL OR within < 0 OR within <> floor(within)
            OR within > referrals)
        THEN 'within_community|within_community must be a whole number between 0 and '
            || 'referrals, got ''' || coalesce(within_text, '') || ''''
    END AS problem FROM clean)
WHERE problem IS NOT NULL ORDER BY _row
"""

#: Sums of whole numbers stay exact in a double up to 2^53; a larger sum of referrals is no count.
_SUMS = """
SELECT from_id, to_id, setting, status,
    sum(referrals) AS referrals,
    sum(within) AS within_community
FROM clean GROUP BY ALL ORDER BY ALL
"""
_EXACT = 2.0**53


@boundary
def network_from_edges(
    source: Any,
    county: County | str | Path,
    period: Period | str | int | Sequence[Period | str | int] | None = None,
) -> ReferralNetwork:
    """The network of an aggregated edge list (see the module); repeated keys are summed.

    ``source`` is a CSV or Parquet path, an Arrow table or a pandas or polars DataFrame;
    ``county`` and ``period`` as for :func:`~countycare.build_network`. Raises
    :class:`DataError` naming each bad row (the first fifty, then a count).
    """
    county = coerce.county(county, "county")
    period = coerce.periods(period, "period")
    periods = (period,) if isinstance(period, Period) else tuple(period or ())
    table = open_table(source, EDGE_COLUMNS, optional=(_WITHIN,))
    has_within = _WITHIN in table.column_names
    con = duckdb.connect()
    try:
        con.register("institutions", county_tables(county)["institutions"])
        con.register("raw", table)
        con.execute(
            _CLEAN.format(
                within_text=f"CAST({_WITHIN} AS VARCHAR)" if has_within else "NULL",
                within=f"TRY_CAST({_WITHIN} AS DOUBLE)" if has_within else "NULL",
            )
        )
        found = con.execute(
            _PROBLEMS,
            {
                "settings": list(CareSetting.codes()),
                "statuses": list(ReferralStatus.codes()),
                "has_within": has_within,
                "most": MAX_MAGNITUDE,
            },
        ).fetchall()
        if found:
            problems = [
                Problem(
                    f"row {row}, column {text.split('|', 1)[0]}", row_message(text.split("|", 1)[1])
                )
                for row, text in found[:_SHOWN]
            ]
            if len(found) > _SHOWN:
                problems.append(Problem("$", f"… and {len(found) - _SHOWN} more bad rows"))
            raise DataError(problems, source=source_name(source), total=len(found))
        rows = con.sql(_SUMS).to_arrow_table().to_pydict()
    finally:
        con.close()
    _check_sums(rows, source)
    rows["referrals"] = [int(n) for n in rows["referrals"]]
    if has_within:
        rows[_WITHIN] = [int(n) for n in rows[_WITHIN]]
    else:
        del rows[_WITHIN]
    return ReferralNetwork.from_flows(county, flows_from_edges(county, rows), periods)


def _check_sums(rows: dict[str, list[Any]], source: Any) -> None:
    """Refuse an edge whose repeated rows sum past 2^53 referrals: beyond, a double no longer
    holds every whole number (and a 64-bit integer overflows soon after)."""
    columns = zip(rows["from_id"], rows["to_id"], rows["setting"], rows["status"], strict=True)
    problems = [
        Problem(
            f"{sender} → {receiver} ({setting}, {status})",
            f"its rows sum to {total:.6g} referrals, past 2^53: no count can be that large",
        )
        for (sender, receiver, setting, status), total in zip(
            columns, rows["referrals"], strict=True
        )
        if total > _EXACT
    ]
    if problems:
        raise DataError(problems[:_SHOWN], source=source_name(source), total=len(problems))
