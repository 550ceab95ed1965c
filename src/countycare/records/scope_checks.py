"""Row checks against the scope of a run: ids in the county model, dates in the period.

A record can be well formed (:mod:`countycare.records.checks`) and still not belong to the run:
an institution or area the county model does not know, a date outside the period. These checks
need the run's :class:`~countycare.records.scan_context.ScanContext`. For the large kinds the one
scan applies them to whole groups after aggregation (:mod:`countycare.records.stage1`);
:func:`detail_checks` makes them row by row, after the row checks, for the report of rejected
rows.

Examples
--------
>>> from countycare.records.schemas import RecordKind
>>> ctx = ScanContext("2024-01-01", "2024-12-31", "2024", ("i1",), ("a1",))
>>> [c.what for c in period_checks(RecordKind.ENCOUNTERS, ctx)]
['date outside the period 2024']
>>> [c.what for c in detail_checks(RecordKind.DEATHS, ctx)][-2:]
['unknown area', 'date outside the period 2024']
"""

from __future__ import annotations

from collections.abc import Mapping

from countycare.records.checks import ROW_CHECKS, Check, quoted_value
from countycare.records.scan_context import ScanContext, id_condition, known_ids_join
from countycare.records.schemas import RecordKind

__all__ = ["DATE_COLUMN", "ID_COLUMNS", "checked_rows", "detail_checks", "period_checks"]


#: Columns holding ids of the county model, and the lookup each must be found in.
ID_COLUMNS: Mapping[RecordKind, tuple[tuple[str, str], ...]] = {
    RecordKind.ENCOUNTERS: (("institution_id", "in_county"),),
    RecordKind.CLAIMS: (("institution_id", "claim_provider"),),
    RecordKind.REFERRALS: (("from_id", "any_provider"), ("to_id", "any_provider")),
    RecordKind.REMOTE_READS: (("requesting_id", "in_county"), ("reading_id", "in_county")),
    RecordKind.POSTINGS: (
        ("home_institution_id", "in_county"),
        ("host_institution_id", "in_county"),
    ),
    RecordKind.CHRONIC_REGISTER: (("institution_id", "in_county"),),
    RecordKind.DEATHS: (("area_id", "area"),),
    RecordKind.POPULATION: (("area_id", "area"),),
}

#: The date column that must lie inside the period (postings: the posting must overlap it).
DATE_COLUMN: Mapping[RecordKind, str] = {
    RecordKind.ENCOUNTERS: "date",
    RecordKind.CLAIMS: "date",
    RecordKind.REFERRALS: "date",
    RecordKind.REMOTE_READS: "date",
    RecordKind.DEATHS: "date",
}


def checked_rows(kind: RecordKind, ctx: ScanContext, source: str | None = None) -> str:
    """``rec_<kind>`` (or ``source``) as a FROM item whose rows :func:`detail_checks` can check:
    for a province, with the flags of :func:`known_ids_join` joined."""
    table = source or f"rec_{kind.value}"
    if not ctx.counties:
        return table
    joins = known_ids_join("__t", ID_COLUMNS[kind], ctx)
    flags = "".join(f", __known_{column}" for column, _ in ID_COLUMNS[kind])
    return f"(SELECT __t.*{flags} FROM {table} __t{joins})"


def _id_check(column: str, lookup: str, ctx: ScanContext) -> Check:
    return Check(
        column,
        f"NOT {id_condition(column, lookup, ctx)}",
        f"concat('unknown {column.removesuffix('_id')} ', {quoted_value(column)})",
        f"unknown {column.removesuffix('_id')}",
    )


def period_checks(kind: RecordKind, ctx: ScanContext) -> tuple[Check, ...]:
    """Checks that a record's date lies inside the period of ``ctx``."""
    first, last, label = ctx.first, ctx.last, ctx.label
    out_of = f"' is outside the period {label}'"
    if kind in DATE_COLUMN:
        col = DATE_COLUMN[kind]
        return (
            Check(
                col,
                f"{col} < DATE '{first}' OR {col} > DATE '{last}'",
                f"concat('{col} ', CAST({col} AS STRING), {out_of})",
                f"{col} outside the period {label}",
            ),
        )
    if kind is RecordKind.POSTINGS:
        return (
            Check(
                "start_date",
                f"end_date < DATE '{first}' OR start_date > DATE '{last}'",
                f"concat('posting ', CAST(start_date AS STRING), '..', CAST(end_date AS STRING), "
                f"{out_of})",
                f"posting outside the period {label}",
            ),
        )
    if kind is RecordKind.POPULATION:
        return (
            Check(
                "year",
                f"year < {first[:4]} OR year > {last[:4]}",
                f"concat('year ', CAST(year AS STRING), {out_of})",
                f"year outside the period {label}",
            ),
        )
    return ()


def detail_checks(kind: RecordKind, ctx: ScanContext) -> tuple[Check, ...]:
    """Every check of a row, ids and period included, in reporting order."""
    base = ROW_CHECKS[kind]
    ids = tuple(_id_check(c, lookup, ctx) for c, lookup in ID_COLUMNS[kind])
    return (*base, *ids, *period_checks(kind, ctx))
