"""The one scan of each kind of record: SQL that reduces records to small partial sums.

Each kind of record is read once, grouped by institution (or area) and month, and reduced to a
few hundred rows of counts and sums; rows failing a check are counted (``n_bad``), never used.
Groups whose institution id is unknown to the county model or whose month is outside the period
are flagged ``key_ok = false``: every row in them is rejected. The same SQL runs on DuckDB and on
Spark SQL (:class:`Dialect` covers the one function they spell differently); the small result is
rolled up by :mod:`countycare.records.rollup`.

Tables the SQL expects: ``rec_<kind>`` (records in the canonical schema), ``dim_institutions``
and ``dim_areas`` (:class:`~countycare.records.county_index.CountyIndex`), ``period_months``
(``ym, y, m, month_start, month_end``) and ``period_years`` (``y, year_start, year_end``).

Examples
--------
>>> ctx = ScanContext("2024-01-01", "2024-12-31", "2024", ("wr-cgh",), ("wanrong",))
>>> "GROUP BY institution_key, ym, dym" in scan_sql(RecordKind.ENCOUNTERS, ctx)
True
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from countycare.records.checks import live_checks, ok_expression
from countycare.records.scan_context import (
    COUNTY_COLUMN,
    ScanContext,
    id_condition,
    known_ids_join,
)
from countycare.records.schemas import RecordKind
from countycare.records.scope_checks import checked_rows, detail_checks

__all__ = [
    "DUCKDB",
    "GROUPED_KINDS",
    "SPARK",
    "Dialect",
    "postings_sql",
    "register_sql",
    "scan_sql",
]


@attrs.frozen
class Dialect:
    """What differs between the engines' SQL: the number of days from ``a`` to ``b``."""

    name: str
    days_between: Callable[[str, str], str]


DUCKDB = Dialect("duckdb", lambda a, b: f"date_diff('day', {a}, {b})")
SPARK = Dialect("spark", lambda a, b: f"datediff({b}, {a})")


def _ym(column: str) -> str:
    return f"(year({column}) * 100 + month({column}))"


def _money(condition: str, column: str) -> str:
    """The sum of a money column, rounded to the fen (0.01 yuan) as an exact decimal.

    Amounts are in yuan with at most two decimals, so the exact sum lies on the fen grid and the
    floating-point sum is within far less than half a fen of it: rounding recovers the exact sum
    whatever the order of the rows. Every engine and every form of input thus gives the same
    numbers to the last bit, at the cost of one rounding per group instead of a cast per row.
    """
    return f"CAST(round(sum(CASE WHEN {condition} THEN {column} ELSE 0 END), 2) AS DECIMAL(38, 2))"


def _month_ok(ctx: ScanContext) -> str:
    return f"ym BETWEEN {ctx.first_ym} AND {ctx.last_ym}"


def _grouped(
    kind: RecordKind,
    keys: dict[str, str],
    values: dict[str, str],
    key_ok: str,
    ctx: ScanContext,
    known: tuple[tuple[str, str], ...],
) -> str:
    """Group ``rec_<kind>`` by ``keys``; ``values`` are aggregates over the rows that pass.

    ``known`` pairs each id key with its lookup; for a province the groups are also by county
    (:data:`~countycare.records.scan_context.COUNTY_COLUMN`) and the ids are checked by joins.
    """
    ok = ok_expression(kind, live_checks(kind, ctx.facts.get(kind, {})))
    key_sql = ", ".join(f"{expr} AS {name}" for name, expr in keys.items())
    value_sql = "".join(f", {expr} AS {name}" for name, expr in values.items())
    names = ", ".join([COUNTY_COLUMN, *keys] if ctx.counties else keys)
    return (
        f"WITH r AS (SELECT {key_sql}, *, {ok} AS ok FROM rec_{kind.value}), "
        f"g AS (SELECT {names}, count(*) AS n_read, count_if(NOT ok) AS n_bad{value_sql} "
        f"FROM r GROUP BY {names}) "
        f"SELECT g.*, coalesce({key_ok}, false) AS key_ok FROM g{known_ids_join('g', known, ctx)}"
    )


def _encounters(ctx: ScanContext) -> str:
    inpatient = "setting = 'inpatient'"
    return _grouped(
        RecordKind.ENCOUNTERS,
        {
            "institution_key": "institution_id",
            "ym": _ym("date"),
            "dym": f"CASE WHEN {inpatient} THEN {_ym('discharge_date')} END",
        },
        {
            "visits": f"count_if(ok AND NOT {inpatient})",
            "outpatient": "count_if(ok AND setting = 'outpatient')",
            "visits_tcm": f"count_if(ok AND NOT {inpatient} AND tcm)",
            "adm_insured": f"count_if(ok AND {inpatient} AND insured)",
            "cost_adm_insured": _money(f"ok AND {inpatient} AND insured", "total_cost"),
            "cost_resident": _money("ok AND resident", "total_cost"),
            "fund_resident": _money("ok AND resident", "fund_paid"),
            "discharges": f"count_if(ok AND {inpatient} AND discharge_date IS NOT NULL)",
            "resident_episodes": "count_if(ok AND resident)",
        },
        f"{id_condition('institution_key', 'in_county', ctx)} AND {_month_ok(ctx)}",
        ctx,
        (("institution_key", "in_county"),),
    )


def _claims(ctx: ScanContext) -> str:
    return _grouped(
        RecordKind.CLAIMS,
        {
            "institution_key": "CASE WHEN pharmacy THEN '~pharmacy' ELSE institution_id END",
            "ym": _ym("date"),
        },
        {
            "fund": _money("ok AND NOT pharmacy", "fund_paid"),
            "admissions": "count_if(ok AND NOT pharmacy AND setting = 'inpatient')",
            "episodes_out": "count_if(ok AND NOT pharmacy AND institution_id = 'outside')",
        },
        f"(institution_key = '~pharmacy' OR {id_condition('institution_key', 'any_provider', ctx)})"
        f" AND {_month_ok(ctx)}",
        ctx,
        (("institution_key", "any_provider"),),
    )


def _referrals(ctx: ScanContext) -> str:
    return _grouped(
        RecordKind.REFERRALS,
        {"from_key": "from_id", "to_key": "to_id", "ym": _ym("date")},
        {
            "completed": "count_if(ok AND status = 'completed')",
            "pending": "count_if(ok AND status = 'pending')",
            "cancelled": "count_if(ok AND status = 'cancelled')",
        },
        f"{id_condition('from_key', 'any_provider', ctx)} AND "
        f"{id_condition('to_key', 'any_provider', ctx)} AND {_month_ok(ctx)}",
        ctx,
        (("from_key", "any_provider"), ("to_key", "any_provider")),
    )


def _remote_reads(ctx: ScanContext) -> str:
    return _grouped(
        RecordKind.REMOTE_READS,
        {"requesting_key": "requesting_id", "reading_key": "reading_id", "ym": _ym("date")},
        {"reads": "count_if(ok)"},
        f"{id_condition('requesting_key', 'in_county', ctx)} AND "
        f"{id_condition('reading_key', 'in_county', ctx)} AND {_month_ok(ctx)}",
        ctx,
        (("requesting_key", "in_county"), ("reading_key", "in_county")),
    )


def _deaths(ctx: ScanContext) -> str:
    low = "CAST(age - age % 5 AS STRING)"
    high = "CAST(age - age % 5 + 4 AS STRING)"
    return _grouped(
        RecordKind.DEATHS,
        {
            "area_key": "area_id",
            "ym": _ym("date"),
            "band": f"CASE WHEN age BETWEEN 30 AND 69 THEN concat({low}, '-', {high}) END",
        },
        {"ncd4": "count_if(ok AND cause <> 'other')"},
        f"{id_condition('area_key', 'area', ctx)} AND {_month_ok(ctx)}",
        ctx,
        (("area_key", "area"),),
    )


def _population(ctx: ScanContext) -> str:
    return _grouped(
        RecordKind.POPULATION,
        {"area_key": "area_id", "y": "CAST(year AS INT)", "band": "age_band"},
        {"population": "sum(CASE WHEN ok THEN population ELSE 0 END)"},
        f"{id_condition('area_key', 'area', ctx)} AND y BETWEEN {ctx.first[:4]} AND {ctx.last[:4]}",
        ctx,
        (("area_key", "area"),),
    )


def _counted(kind: RecordKind, ok: str, ctx: ScanContext) -> str:
    """The counts row of a kind whose checks all run row by row."""
    return (
        f"WITH r AS (SELECT *, {ok} AS ok FROM {checked_rows(kind, ctx)}) "
        "SELECT count(*) AS n_read, count_if(NOT ok) AS n_bad, true AS key_ok FROM r"
    )


def postings_sql(dialect: Dialect, ctx: ScanContext) -> tuple[str, str]:
    """Counts, and distinct qualifying physicians per host institution and year.

    A posting qualifies in year ``y`` when an intermediate- or senior-title physician of a
    county-level hospital (not the CDC) is posted to a primary institution for at least 183
    days of ``y``.
    """
    ok = ok_expression(RecordKind.POSTINGS, detail_checks(RecordKind.POSTINGS, ctx))
    days = dialect.days_between(
        "greatest(r.start_date, p.year_start)", "least(r.end_date, p.year_end)"
    )
    values = (
        f"WITH r AS (SELECT *, {ok} AS ok FROM {checked_rows(RecordKind.POSTINGS, ctx)}) "
        "SELECT r.host_institution_id AS institution_key, p.y AS y, "
        "count(DISTINCT r.staff_id) AS stationed, true AS key_ok "
        "FROM r JOIN period_years p ON r.ok "
        "JOIN dim_institutions h ON h.institution_id = r.home_institution_id "
        "JOIN dim_institutions d ON d.institution_id = r.host_institution_id "
        "WHERE h.tier_rank = 2 AND h.kind <> 'cdc' AND d.is_primary "
        f"AND r.title IN ('intermediate', 'senior') AND {days} + 1 >= 183 "
        "GROUP BY r.host_institution_id, p.y"
    )
    return _counted(RecordKind.POSTINGS, ok, ctx), values


def register_sql(ctx: ScanContext, with_admissions: bool) -> tuple[str, str, str | None]:
    """Counts; managed patients per institution and month (at month end); and, when asked, the
    managed patients admitted at least once per institution and year.

    The register may be read as several yearly snapshots: a patient's rows (same condition,
    institution and enrolment) are one enrolment, ended by the exit date any snapshot gives.
    """
    ok = ok_expression(RecordKind.CHRONIC_REGISTER, detail_checks(RecordKind.CHRONIC_REGISTER, ctx))
    reg = (
        f"v AS (SELECT *, {ok} AS ok FROM {checked_rows(RecordKind.CHRONIC_REGISTER, ctx)}), "
        "r AS (SELECT patient_id, institution_id, enrolled, max(exited) AS exited, true AS ok "
        "FROM v WHERE v.ok GROUP BY patient_id, condition, institution_id, enrolled)"
    )
    managed = (
        f"WITH {reg} SELECT r.institution_id AS institution_key, p.ym, "
        "count(DISTINCT r.patient_id) AS managed, true AS key_ok "
        "FROM r JOIN period_months p ON r.ok AND r.enrolled <= p.month_end "
        "AND (r.exited IS NULL OR r.exited >= p.month_end) GROUP BY r.institution_id, p.ym"
    )
    if not with_admissions:
        return _counted(RecordKind.CHRONIC_REGISTER, ok, ctx), managed, None
    enc_ok = ok_expression(RecordKind.ENCOUNTERS, detail_checks(RecordKind.ENCOUNTERS, ctx))
    inpatient = "(SELECT * FROM rec_encounters WHERE setting = 'inpatient')"
    admitted = (
        f"WITH {reg}, a AS (SELECT DISTINCT patient_id, {_ym('date')} AS ym "
        f"FROM {checked_rows(RecordKind.ENCOUNTERS, ctx, inpatient)} WHERE {enc_ok}), "
        "j AS (SELECT DISTINCT r.institution_id, r.patient_id, a.ym FROM r "
        "JOIN a ON r.ok AND r.patient_id = a.patient_id "
        "JOIN period_months p ON p.ym = a.ym "
        "WHERE r.enrolled <= p.month_end AND (r.exited IS NULL OR r.exited >= p.month_start)) "
        "SELECT institution_id AS institution_key, CAST(floor(ym / 100) AS INT) AS y, "
        "count(DISTINCT patient_id) AS admitted, true AS key_ok FROM j "
        "GROUP BY institution_id, CAST(floor(ym / 100) AS INT)"
    )
    return _counted(RecordKind.CHRONIC_REGISTER, ok, ctx), managed, admitted


_SCANS: dict[RecordKind, Callable[[ScanContext], str]] = {
    RecordKind.ENCOUNTERS: _encounters,
    RecordKind.CLAIMS: _claims,
    RecordKind.REFERRALS: _referrals,
    RecordKind.REMOTE_READS: _remote_reads,
    RecordKind.DEATHS: _deaths,
    RecordKind.POPULATION: _population,
}

#: Kinds reduced by one grouped scan (the others: :func:`postings_sql`, :func:`register_sql`).
GROUPED_KINDS: frozenset[RecordKind] = frozenset(_SCANS)


def scan_sql(kind: RecordKind, ctx: ScanContext) -> str:
    """The grouped scan of a kind in :data:`GROUPED_KINDS`."""
    return _SCANS[kind](ctx)
