"""What both engines share: choosing measures, the period, lookups, and finishing in DuckDB.

An engine (:mod:`~countycare.records.engine_duckdb`, :mod:`~countycare.records.engine_spark`)
registers the records, runs the scans of :func:`scans` and hands the small partial sums to
:func:`finish`, which reports rows used and rejected and rolls up to a
:class:`~countycare.indicators.table.MeasureTable`. The result is a :class:`MeasureResult`.

Examples
--------
>>> sorted(resolve_measures(["visits", "visits_primary"]))
['visits', 'visits_primary']
>>> resolve_measures(["health_literacy_rate"])
Traceback (most recent call last):
...
countycare.errors.DefinitionError: unknown measure 'health_literacy_rate'
>>> from countycare.testing.records import small_record_county
>>> ctx = scan_context(CountyIndex(small_record_county()), [2023, 2024])
>>> ctx.first, ctx.last, ctx.label
('2023-01-01', '2024-12-31', '2023..2024')
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

import attrs
import pyarrow as pa

from countycare.calls import calls_checked
from countycare.coerce.fields import checked_fields
from countycare.errors import DataError, DefinitionError, PeriodError, Problem
from countycare.indicators.measures import measure
from countycare.indicators.table import MeasureTable
from countycare.records.county_index import CountyIndex
from countycare.records.derivable import DERIVABLE, kinds_for
from countycare.records.rollup import measure_table
from countycare.records.scan_context import ScanContext
from countycare.records.schemas import RecordKind
from countycare.records.stage1 import GROUPED_KINDS, Dialect, postings_sql, register_sql, scan_sql
from countycare.records.validation import (
    Detail,
    ValidationReport,
    counts_sql,
    detail_problems,
    raise_if_strict,
)
from countycare.tabular import Tabular

__all__ = [
    "MeasureResult",
    "Progress",
    "Scan",
    "check_sources",
    "finish",
    "lookup_tables",
    "resolve_measures",
    "scan_context",
    "scans",
]

#: A progress callback: ``(what is being done, steps done, steps in all)``.
Progress = Callable[[str, int, int], None]


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class MeasureResult(Tabular):
    """Measures computed from records, and the validation report of each kind read.

    ``to_dict()`` gives both; ``to_arrow()``, ``to_pandas()`` and ``to_polars()`` the measures.
    """

    table: MeasureTable
    reports: Mapping[RecordKind, ValidationReport]

    @property
    def rejected(self) -> int:
        """Rows rejected over all kinds."""
        return sum(r.rejected for r in self.reports.values())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: exactly what ``countycare measure --json`` prints: the measures
        (:meth:`MeasureTable.to_dict`, sorted by key: the engine's order varies from run to run)
        and the report of each kind."""
        return {
            **self.table.sorted().to_dict(),
            "reports": [self.reports[kind].to_dict() for kind in sorted(self.reports)],
        }

    def to_arrow(self) -> pa.Table:
        """The measures as an Arrow table (the reports are in :meth:`to_dict`)."""
        return self.table.to_arrow()


@attrs.frozen
class Scan:
    """One query of an engine: the table of partial sums it makes, and its SQL."""

    table: str
    kind: RecordKind
    sql: str
    counts: bool


def resolve_measures(measures: Iterable[str] | None) -> frozenset[str]:
    """The measure codes to compute (default: every derivable one); refuse the others."""
    if measures is None:
        return DERIVABLE
    codes = frozenset(measures)
    if not codes:
        raise DefinitionError("no measure to compute (give at least one code, or None for all)")
    for code in sorted(codes):
        measure(code)  # unknown codes raise DefinitionError naming them
    missing = sorted(codes - DERIVABLE)
    if missing:
        raise DefinitionError(
            f"measures not derivable from records: {', '.join(missing)} "
            "(supply them in a measures file)"
        )
    return codes


def scan_context(index: CountyIndex, years: Collection[int]) -> ScanContext:
    """The period (consecutive calendar years) and the county's ids, for the checks."""
    chosen = sorted(set(years))
    if not chosen:
        raise PeriodError("no year given for the records")
    if chosen != list(range(chosen[0], chosen[-1] + 1)):
        raise PeriodError(f"years must be consecutive, got {chosen}")
    label = str(chosen[0]) if len(chosen) == 1 else f"{chosen[0]}..{chosen[-1]}"
    return ScanContext(
        f"{chosen[0]}-01-01",
        f"{chosen[-1]}-12-31",
        label,
        tuple(sorted(index.institution_ids)),
        tuple(sorted({index.county.id} | index.township_ids)),
    )


def lookup_tables(index: CountyIndex, ctx: ScanContext) -> dict[str, pa.Table]:
    """The small tables the SQL joins to: institutions, areas, months and years."""
    years = range(int(ctx.first[:4]), int(ctx.last[:4]) + 1)
    months = [(y, m) for y in years for m in range(1, 13)]
    return {
        "dim_institutions": index.institutions_table(),
        "dim_areas": index.areas_table(),
        "period_months": pa.table(
            {
                "ym": pa.array([y * 100 + m for y, m in months], pa.int32()),
                "y": pa.array([y for y, _ in months], pa.int32()),
                "m": pa.array([m for _, m in months], pa.int32()),
                "month_start": pa.array([dt.date(y, m, 1) for y, m in months], pa.date32()),
                "month_end": pa.array(
                    [dt.date(y, m, calendar.monthrange(y, m)[1]) for y, m in months], pa.date32()
                ),
            }
        ),
        "period_years": pa.table(
            {
                "y": pa.array(list(years), pa.int32()),
                "year_start": pa.array([dt.date(y, 1, 1) for y in years], pa.date32()),
                "year_end": pa.array([dt.date(y, 12, 31) for y in years], pa.date32()),
            }
        ),
    }


def scans(codes: frozenset[str], dialect: Dialect, ctx: ScanContext) -> list[Scan]:
    """The queries that reduce the records of ``codes`` to partial sums, fewest scans first."""
    kinds = kinds_for(codes)
    out = [
        Scan(f"s1_{k.value}", k, scan_sql(k, ctx), False)
        for k in sorted(kinds & GROUPED_KINDS, key=lambda k: k.value)
    ]
    if RecordKind.POSTINGS in kinds:
        counts, values = postings_sql(dialect, ctx)
        out += [
            Scan("s1_postings_counts", RecordKind.POSTINGS, counts, True),
            Scan("s1_postings", RecordKind.POSTINGS, values, False),
        ]
    if RecordKind.CHRONIC_REGISTER in kinds:
        admitted = "managed_chronic_admitted" in codes
        counts, managed, adm = register_sql(ctx, admitted)
        out += [
            Scan("s1_register_counts", RecordKind.CHRONIC_REGISTER, counts, True),
            Scan("s1_register_managed", RecordKind.CHRONIC_REGISTER, managed, False),
        ]
        if adm is not None:
            out.append(Scan("s1_register_admitted", RecordKind.CHRONIC_REGISTER, adm, False))
    return out


def check_sources(kinds: Iterable[RecordKind], given: Collection[RecordKind]) -> None:
    """Raise naming every kind of record needed and not given."""
    missing = [k for k in sorted(kinds, key=lambda k: k.value) if k not in given]
    if missing:
        raise DataError(
            Problem(k.value, f"no {k.en.lower()} records given, but the measures need them")
            for k in missing
        )


def finish(
    con: Any,
    codes: frozenset[str],
    scope_id: str,
    ctx: ScanContext,
    done: list[Scan],
    sources: Mapping[RecordKind, str],
    *,
    strict: bool,
    detail: Detail | None = None,
    max_problems: int = 20,
) -> MeasureResult:
    """Report rows used and rejected per kind, then roll the partial sums up (in DuckDB) to
    ``scope_id``: the county, or for a province (``ctx.counties``) the province."""
    reports: dict[RecordKind, ValidationReport] = {}
    for scan in done:
        if scan.counts or scan.kind in GROUPED_KINDS:
            read, used = con.execute(counts_sql(scan.table)).fetchall()[0]
            problems: tuple[Problem, ...] = ()
            reasons: tuple[tuple[str, int], ...] = ()
            if used < read:  # only now: locate the first rejected rows, count them by reason
                problems, reasons = (
                    detail(scan.kind)
                    if detail is not None
                    else detail_problems(con, scan.kind, ctx, max_problems)
                )
            report = ValidationReport(
                scan.kind, int(read), int(used), problems, sources.get(scan.kind), reasons
            )
            raise_if_strict(report, strict)
            reports[scan.kind] = report
    table = measure_table(con, sorted(codes), scope_id, province=bool(ctx.counties))
    return MeasureResult(table, reports)
