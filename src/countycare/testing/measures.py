"""Hypothesis strategies for measure tables, and small counties to roll them up through.

Examples
--------
>>> county = small_county()
>>> [i.id for i in county.institutions]
['c', 't1-thc', 't1-vc', 't2-thc']
>>> from hypothesis import given
>>> @given(part_whole_tables("visits_primary", "visits"))
... def check(table):
...     assert table.get("small", "2024", "visits_primary") <= table.get("small", "2024", "visits")
>>> check()
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.geography import Township, Village
from countycare.indicators.measures import AGE_BANDS_30_69, MEASURES
from countycare.indicators.plausibility import PARTS, is_whole_count
from countycare.indicators.table import MeasureTable
from countycare.institutions import Institution
from countycare.labels import InstitutionKind, Name, Ownership

if TYPE_CHECKING:
    from countycare.forms import IntLike, PeriodLike

__all__ = [
    "age_band_tables",
    "institution_tables",
    "measure_tables",
    "part_whole_tables",
    "rollup_counties",
    "small_county",
    "values",
]


@boundary
def values(max_value: float = 1e9) -> st.SearchStrategy[float]:
    """Non-negative finite measure values (integers and fractions)."""
    return st.one_of(
        st.integers(min_value=0, max_value=int(max_value)).map(float),
        st.floats(min_value=0, max_value=max_value, allow_nan=False, allow_infinity=False),
    )


def _plausible(table: MeasureTable) -> MeasureTable:
    """``table`` made figures a measures file may hold: each count of a flow rounded down to a
    whole number, then each part (:data:`~countycare.indicators.plausibility.PARTS`) lowered
    to its whole where it is above it, until no part is (a part may be another's whole)."""
    values = {
        key: float(math.floor(v)) if is_whole_count(key[2]) else v
        for key, v in table.mapping().items()
    }
    lowered = True
    while lowered:
        lowered = False
        for part, whole in PARTS:
            for (scope, period, code, category), v in values.items():
                total = values.get((scope, period, whole, category))
                if code == part and total is not None and v > total:
                    cap = float(math.floor(total)) if is_whole_count(part) else total
                    values[(scope, period, code, category)] = cap
                    lowered = True
    return MeasureTable.from_rows([(*key, v) for key, v in values.items()])


def _county(township_sizes: Sequence[tuple[int, int]], county_id: str = "small") -> County:
    """A county whose township k has ``villages`` villages and ``clinics`` village clinics.

    The county hospital ``c`` stands in township ``t1`` (the county seat).
    """
    townships, institutions = (
        [],
        [
            Institution(
                "c",
                Name("County hospital", "县医院"),
                InstitutionKind.COUNTY_GENERAL_HOSPITAL,
                Ownership.PUBLIC,
                "t1",
            )
        ],
    )
    for k, (villages, clinics) in enumerate(township_sizes, start=1):
        tid = f"t{k}"
        townships.append(
            Township(
                tid,
                Name(f"Township {k}", f"乡{k}"),
                [
                    Village(f"{tid}-v{j}", Name(f"Village {j}", f"村{j}"), 1000)
                    for j in range(1, villages + 1)
                ],
            )
        )
        institutions.append(
            Institution(
                f"{tid}-thc",
                Name(f"Health centre {k}", f"卫生院{k}"),
                InstitutionKind.TOWNSHIP_HEALTH_CENTRE,
                Ownership.PUBLIC,
                tid,
            )
        )
        suffixes = [""] if clinics == 1 else [str(j) for j in range(1, clinics + 1)]
        for j, suffix in enumerate(suffixes[:clinics], start=1):
            institutions.append(
                Institution(
                    f"{tid}-vc{suffix}",
                    Name(f"Village clinic {k}.{j}", f"村卫生室{k}.{j}"),
                    InstitutionKind.VILLAGE_CLINIC,
                    Ownership.PUBLIC,
                    f"{tid}-v{min(j, villages)}",
                    parent=f"{tid}-thc",
                )
            )
    return County(county_id, Name("Small county", "小县"), townships, institutions)


@boundary
def small_county() -> County:
    """Two townships; health centres ``t1-thc``, ``t2-thc``; clinic ``t1-vc``; hospital ``c``.

    As in Wanrong, the county hospital stands in the county seat, township ``t1``.
    """
    return _county([(1, 1), (1, 0)])


@boundary
def rollup_counties(max_townships: IntLike = 4) -> st.SearchStrategy[County]:
    """Small counties: 1–``max_townships`` townships, each with 1–3 villages and 0–3 clinics."""
    max_townships = coerce.count(max_townships, "max_townships")
    sizes = st.tuples(st.integers(1, 3), st.integers(0, 3))
    return st.lists(sizes, min_size=1, max_size=max_townships).map(_county)


@boundary
def institution_tables(
    county: County, measures: Sequence[str], period: PeriodLike = "2024"
) -> st.SearchStrategy[MeasureTable]:
    """A figure of each measure at every institution that counts towards it (nothing else),
    as a measures file may hold it: a count of a flow is whole, and no part is above its
    whole."""
    period = coerce.period_text(period, "period")
    cells = [
        (institution.id, period, code, "")
        for code in dict.fromkeys(measures)
        for institution in county.institutions
        if MEASURES[code].counts_at(institution.tier, institution.kind)
        and MEASURES[code].derived_from is None
        and (
            not MEASURES[code].lead_only
            or any(c.lead == institution.id for c in county.communities)
        )
    ]
    return st.lists(values(1e6), min_size=len(cells), max_size=len(cells)).map(
        lambda drawn: _plausible(
            MeasureTable.from_rows([(*cell, v) for cell, v in zip(cells, drawn, strict=True)])
        )
    )


@boundary
def part_whole_tables(
    part: str, whole: str, scope: str = "small", period: PeriodLike = "2024"
) -> st.SearchStrategy[MeasureTable]:
    """A table where ``part`` is a part of ``whole`` at one scope (0 ≤ part ≤ whole); a
    count of a flow is whole."""
    period = coerce.period_text(period, "period")
    return st.tuples(values(1e9), st.floats(min_value=0, max_value=1)).map(
        lambda drawn: _plausible(
            MeasureTable.from_rows(
                [
                    (scope, period, whole, "", drawn[0]),
                    (scope, period, part, "", min(drawn[0], drawn[0] * drawn[1])),
                ]
            )
        )
    )


def _band(max_rate: float) -> st.SearchStrategy[tuple[int, int]]:
    return st.integers(min_value=1, max_value=200_000).flatmap(
        lambda population: st.tuples(
            st.just(population),
            st.integers(min_value=0, max_value=int(population * max_rate)),
        )
    )


@boundary
def age_band_tables(
    scope: str = "small", period: PeriodLike = "2024", max_rate: float = 1.0
) -> st.SearchStrategy[MeasureTable]:
    """NCD deaths and population for every age band 30–69: 0 ≤ deaths ≤ max_rate × population."""
    period = coerce.period_text(period, "period")

    def table(bands: tuple[tuple[int, int], ...]) -> MeasureTable:
        rows = []
        for band, (population, deaths) in zip(AGE_BANDS_30_69, bands, strict=True):
            rows.append((scope, period, "population_by_age", band, float(population)))
            rows.append((scope, period, "ncd4_deaths", band, float(deaths)))
        return MeasureTable.from_rows(rows)

    return st.tuples(*[_band(max_rate) for _ in AGE_BANDS_30_69]).map(table)


@boundary
def measure_tables(
    measures: Sequence[str] | None = None,
    scopes: Sequence[str] = ("small",),
    periods: Sequence[str] = ("2023", "2024"),
    *,
    plausible: bool = True,
) -> st.SearchStrategy[MeasureTable]:
    """A table with a drawn value for some (scope, period, measure, category) keys.

    With ``plausible`` (the default) the table is one a measures file may hold, and every
    reader and writer takes it
    (:func:`~countycare.indicators.writing_problems` finds nothing): a count of a flow
    is whole (rounded down) and no part is above its whole (lowered to it). With
    ``plausible=False`` any value goes with any key — primary visits above all visits, 12.5
    visits — to test what must refuse such a table.

    Examples
    --------
    >>> from hypothesis import given
    >>> from countycare.indicators import writing_problems
    >>> @given(measure_tables(["visits", "visits_primary"]))
    ... def check(table):
    ...     assert writing_problems(table) == []
    >>> check()
    """
    codes = list(measures) if measures is not None else sorted(MEASURES)
    keys = [
        (s, p, c, band)
        for s in scopes
        for p in periods
        for c in codes
        for band in (MEASURES[c].categories or ("",))
    ]
    if not keys:
        return st.just(MeasureTable.empty())
    cells = st.lists(st.tuples(st.sampled_from(keys), values()), unique_by=lambda kv: kv[0])
    tables = cells.map(lambda drawn: MeasureTable.from_rows([(*k, v) for k, v in drawn]))
    return tables.map(_plausible) if plausible else tables
