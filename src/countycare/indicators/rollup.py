"""Roll measures up over scopes (institutions → townships → county) and over periods.

Over scopes every measure sums, stocks included (the county's clinics are its townships'
clinics). A measure counted at institutions declares which tiers count (``visits_primary``:
township and village), or that only a community's lead hospital counts (``lead_discharges``),
and may derive from another measure (``visits_primary`` from the
``visits`` of primary institutions). An area's figure is derived only when *every* institution
(or village, or township) that counts reports it: a partial sum would undercount silently. Where
a file gives both an area's figure and a complete set of its parts, the two must agree, or the
table is rejected naming both numbers; an area figure smaller than the sum of the parts given is
rejected too. Over periods, flows sum and stocks take the mean or the last value, as declared;
a distinct count (people stationed six months in the year, patients admitted at least once) is
never aggregated over periods: only the row a file gives for the period is used.

Examples
--------
>>> from countycare.testing.measures import small_county
>>> county = small_county()
>>> t = MeasureTable.from_rows([
...     ("c", "2024", "visits", "", 100.0),       # the county hospital
...     ("t1-thc", "2024", "visits", "", 40.0),   # township 1's health centre
...     ("t1-vc", "2024", "visits", "", 10.0),    # township 1's village clinic
...     ("t2-thc", "2024", "visits", "", 30.0),
... ])
>>> up = roll_up(t, county)
>>> up.get("t1", "2024", "visits"), up.get("small", "2024", "visits")  # c stands in t1
(150.0, 180.0)
>>> up.get("small", "2024", "visits_primary")
80.0
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.errors import ArgumentError, DataError, Problem
from countycare.indicators.measures import MEASURES, Measure, MeasureLevel, PeriodRule
from countycare.indicators.table import MeasureTable
from countycare.institutions import Institution
from countycare.periods import Period, PeriodKind

if TYPE_CHECKING:
    from countycare.forms import Coded, CountyLike, MeasuresLike

__all__ = ["agree", "roll_up", "roll_up_periods"]

Key = tuple[str, str, str, str]


def agree(a: float, b: float) -> bool:
    """Whether two figures of one thing agree (relative 1e-9, absolute 1e-6)."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def _place_institutions(
    county: County, rows: dict[Key, float], problems: list[Problem]
) -> dict[Key, float]:
    """Institution rows, with rows of derived measures added; bad placements reported."""
    out = dict(rows)
    for (scope, period, code, category), value in rows.items():
        if not county.has_institution(scope):
            continue
        m = MEASURES[code]
        institution = county.institution(scope)
        tier = institution.tier
        where = f"{scope} {period} {code}"
        if m.level is MeasureLevel.AREA:
            problems.append(
                Problem(where, f"measure {code!r} is counted for areas, not at {scope}")
            )
            continue
        if not m.counts_at(tier, institution.kind):
            problems.append(
                Problem(
                    where,
                    f"institution {scope} ({institution.kind.value}, {tier.value} tier) does not "
                    f"count to {code}",
                )
            )
        elif m.lead_only and scope not in _leads(county):
            problems.append(
                Problem(where, f"{code} is the lead hospital's; {scope} leads no medical community")
            )
        for derived in MEASURES.values():
            if derived.derived_from == code and _counts(county, derived, county.institution(scope)):
                key = (scope, period, derived.code, category)
                if key in rows and not agree(rows[key], value):
                    problems.append(
                        Problem(
                            f"{scope} {period} {derived.code}",
                            f"{rows[key]!r} given, but {code} there is {value!r}",
                        )
                    )
                out[key] = value
    return out


def _leads(county: County) -> set[str]:
    return {c.lead for c in county.communities}


def _counts(county: County, m: Measure, institution: Institution) -> bool:
    """Whether ``institution`` contributes to ``m`` (its tier, and being a lead if need be)."""
    return m.counts_at(institution.tier, institution.kind) and (
        not m.lead_only or institution.id in _leads(county)
    )


def _members(county: County, m: Measure, area: str) -> list[str]:
    if m.level is MeasureLevel.INSTITUTION:
        chosen: Iterable[Institution] = county.institutions_in(area)
        return [i.id for i in chosen if _counts(county, m, i)]
    if area == county.id:
        return [t.id for t in county.townships]
    return [v.id for v in county.township(area).villages]


def _by_township(county: County, m: Measure) -> list[str]:
    """The county's parts as townships (with institutions that count) and county-sited ones."""
    parts = [t.id for t in county.townships if _members(county, m, t.id)]
    return parts + [
        i.id
        for i in county.institutions
        if _counts(county, m, i) and county.township_of(i.id) is None
    ]


#: Why a sum of parts is refused: it cannot be held, and 0 or inf would be a wrong number.
_PAST_LARGEST = "its parts sum past the largest 64-bit float (1.8e308): no value can be given"


def _sum(values: list[float]) -> float | None:
    """The exact sum (``math.fsum``) of ``values``, or None when it passes the largest float."""
    try:
        return math.fsum(values)
    except OverflowError:
        return None


def _where(scope: str, period: str, code: str, category: str) -> str:
    """Where a problem of the roll-up lies: scope, period, measure and category."""
    return f"{scope} {period} {code}" + (f" [{category}]" if category else "")


def _derive(
    rows: dict[Key, float],
    area: str,
    parts: list[str],
    head: tuple[str, str, str],
    out: list[Problem],
) -> float | None:
    period, code, category = head
    given = [
        rows[(p, period, code, category)] for p in parts if (p, period, code, category) in rows
    ]
    if not parts or not given:
        return None
    total = _sum(given)
    if total is None:
        out.append(Problem(_where(area, period, code, category), _PAST_LARGEST))
        return None
    stated = rows.get((area, period, code, category))
    complete = len(given) == len(parts)
    if stated is not None and ((complete and not agree(stated, total)) or stated < total - 1e-6):
        what = "its parts" if complete else f"{len(given)} of its {len(parts)} parts"
        out.append(
            Problem(
                _where(area, period, code, category),
                f"the file gives {stated!r} for {area} but {what} sum to {total!r}",
            )
        )
    return total if complete and stated is None else None


@boundary
def roll_up(table: MeasuresLike, county: CountyLike, *, source: str | None = None) -> MeasureTable:
    """The table with the figures of townships and the county derived from their parts added.

    Raises :class:`DataError` (naming ``source``) when a scope is not in the county, a measure
    is given at a place it is not counted, or an area's figure disagrees with its parts'.
    """
    table = coerce.measure_table(table, "table")
    county = coerce.county(county, "county")
    problems: list[Problem] = []
    rows = table.mapping()
    for scope in sorted({k[0] for k in rows}):
        if not (county.has_area(scope) or county.has_institution(scope)):
            problems.append(Problem(scope, f"no area or institution {scope!r} in {county.id!r}"))
    if problems:
        raise DataError(problems, source=source)
    rows = _place_institutions(county, rows, problems)
    heads = sorted({(k[1], k[2], k[3]) for k in rows})
    for head in heads:
        m = MEASURES.get(head[1])
        if m is None:
            continue
        for township in county.townships:
            value = _derive(rows, township.id, _members(county, m, township.id), head, problems)
            if value is not None:
                rows[(township.id, *head)] = value
        value = _derive(rows, county.id, _members(county, m, county.id), head, problems)
        if value is None and m.level is MeasureLevel.INSTITUTION:
            value = _derive(rows, county.id, _by_township(county, m), head, [])
        if value is not None:
            rows[(county.id, *head)] = value
    if problems:
        raise DataError(problems, source=source)
    return _table(rows)


def _table(rows: dict[Key, float]) -> MeasureTable:
    """The table of keys and values this module works out: made of its columns, since every
    value is already a number (building it row by row checks each row again)."""
    if not rows:
        return MeasureTable.empty()
    keys = list(rows)  # four columns by index: zip(*keys) passes each key as an argument
    scope, period, measure, category = ([key[i] for key in keys] for i in range(4))
    values = np.fromiter(rows.values(), dtype=np.float64, count=len(rows))
    return MeasureTable.from_columns(scope, period, measure, category, values)


@functools.lru_cache(maxsize=4096)
def _parts(target: str, kind: PeriodKind) -> tuple[str, ...]:
    """The months or quarters of period ``target``, as a table writes them (a table of a
    province asks the same question of each of its thousands of scopes)."""
    period = Period.parse(target)
    if kind is PeriodKind.MONTH:
        return tuple(str(p) for p in period.months())
    return tuple(str(Period.quarter(period.year_number, q)) for q in range(1, 5))


@boundary
def roll_up_periods(
    table: MeasuresLike, *, to: Coded[PeriodKind] | None = None, source: str | None = None
) -> MeasureTable:
    """Add the figures of each enclosing period whose shorter periods are all present.

    By default (``to=None``) every enclosing period is added: each quarter from its three
    months, then each year from its four quarters (or, where a quarter is missing, its twelve
    months), so a monthly file answers for ``2024Q1`` as well as for ``2024``. ``to=YEAR``
    adds only years, ``to=QUARTER`` only quarters.

    Flows sum; stocks take the mean or the last value as their :class:`PeriodRule` says. A
    figure the table already gives must agree with the derived one (:class:`DataError`). A
    distinct count is never derived: four quarters of 100 stationed physicians may be the same
    100 people, so the year has the row the table gives for it, or none (evaluating the year
    then says why, naming the measure).

    >>> quarters = [("c", f"2024Q{q}", m, "", 100.0) for q in range(1, 5)
    ...             for m in ("remote_reads", "resident_population", "stationed_physicians")]
    >>> year = roll_up_periods(MeasureTable.from_rows(quarters))
    >>> year.get("c", "2024", "remote_reads"), year.get("c", "2024", "resident_population")
    (400.0, 100.0)
    >>> year.get("c", "2024", "stationed_physicians") is None
    True
    >>> months = [("c", f"2024-{m:02d}", "remote_reads", "", 10.0) for m in range(1, 13)]
    >>> up = roll_up_periods(MeasureTable.from_rows(months))
    >>> up.get("c", "2024Q1", "remote_reads"), up.get("c", "2024", "remote_reads")
    (30.0, 120.0)
    """
    to = coerce.optional_vocabulary(PeriodKind, to, "to")
    table = coerce.measure_table(table, "table")
    if to is None:
        # Years first, from what the file gives, so that a disagreement names the file's own
        # quarters or months; then quarters from months; then the years those quarters complete.
        years = _roll_up_to(table, PeriodKind.YEAR, source)
        quarters = _roll_up_to(years, PeriodKind.QUARTER, source)
        return _roll_up_to(quarters, PeriodKind.YEAR, source)
    if to not in (PeriodKind.QUARTER, PeriodKind.YEAR):
        raise ArgumentError("to", f"expected 'quarter', 'year' or None, got {to.value!r}")
    return _roll_up_to(table, to, source)


def _roll_up_to(table: MeasureTable, to: PeriodKind, source: str | None) -> MeasureTable:
    rows = table.mapping()
    problems: list[Problem] = []
    kinds = [PeriodKind.QUARTER, PeriodKind.MONTH] if to is PeriodKind.YEAR else [PeriodKind.MONTH]
    targets: dict[tuple[str, str, str, str], None] = {}
    for scope, period, code, category in rows:
        enclosing = _enclosing(period, to)
        if enclosing is not None:
            targets[(scope, enclosing, code, category)] = None
    derived: dict[Key, float] = {}
    for scope, period, code, category in targets:
        m = MEASURES.get(code)
        if m is None or not m.aggregates_over_periods:
            continue
        for kind in kinds:
            parts = [rows.get((scope, p, code, category)) for p in _parts(period, kind)]
            if any(v is None for v in parts):
                continue
            values = [v for v in parts if v is not None]
            if m.period_rule is PeriodRule.SUM:
                total = _sum(values)
                if total is None:
                    problems.append(Problem(_where(scope, period, code, category), _PAST_LARGEST))
                    break
                value = total
            elif m.period_rule is PeriodRule.MEAN:
                total = _sum(values)  # a mean is never past the largest value: divide first
                value = (
                    total / len(values)
                    if total is not None
                    else math.fsum(v / len(values) for v in values)
                )
            else:
                value = values[-1]
            stated = rows.get((scope, period, code, category))
            if stated is not None and not agree(stated, value):
                problems.append(
                    Problem(
                        f"{scope} {period} {code}",
                        f"the file gives {stated!r} but its {kind.value}s give {value!r}",
                    )
                )
            elif stated is None:
                derived[(scope, period, code, category)] = value
            break
    if problems:
        raise DataError(problems, source=source)
    return _table({**rows, **derived})


@functools.lru_cache(maxsize=4096)
def _enclosing(period: str, to: PeriodKind) -> str | None:
    """The year (or quarter) that period ``period`` adds to, or None when it is not shorter."""
    p = Period.parse(period)
    if to is PeriodKind.YEAR:
        return str(p.enclosing_year()) if p.kind is not PeriodKind.YEAR else None
    if p.kind is PeriodKind.MONTH:
        return str(Period.quarter(p.year_number, (p.first_month - 1) // 3 + 1))
    return None
