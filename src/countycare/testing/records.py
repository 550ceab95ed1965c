"""Hypothesis strategies and small builders for record-level tests.

:func:`small_record_county` builds a two-township county in code (ids ``sc-…``);
:func:`encounter_tables` and :func:`claim_tables` draw small Arrow tables of records valid against
it (or, with ``invalid=True``, sometimes not), for property tests of validation and the engines.

Examples
--------
>>> c = small_record_county()
>>> c.population, len(c.institutions)
(6000, 11)
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pyarrow as pa
from hypothesis import strategies as st

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.community import County, MedicalCommunity, Membership
from countycare.errors import ArgumentError, PeriodError
from countycare.geography import Township, Village
from countycare.institutions import OUTSIDE, Institution
from countycare.labels import InstitutionKind, MembershipRole, Name, Ownership, Service
from countycare.periods import Period
from countycare.records.schemas import RecordKind, schema

if TYPE_CHECKING:
    from countycare.forms import CountyLike, IntLike

__all__ = ["claim_tables", "encounter_tables", "small_record_county"]


def _inst(
    id_: str, kind: InstitutionKind, area: str, parent: str | None = None, **kw: Any
) -> Institution:
    return Institution(id_, Name(id_, id_), kind, Ownership.PUBLIC, area, parent=parent, **kw)


@boundary
def small_record_county(county_id: str = "sc") -> County:
    """A small county: 2 townships, lead and TCM hospitals, a CDC, 2 centres, a branch, clinics."""
    c = county_id
    towns = tuple(
        Township(
            f"{c}-t{t}",
            Name(f"Town {t}", f"镇{t}"),
            villages=tuple(
                Village(f"{c}-t{t}-v{v}", Name(f"Village {v}", f"村{v}"), population=1000)
                for v in (1, 2, 3)
            ),
        )
        for t in (1, 2)
    )
    k = InstitutionKind
    insts = [
        _inst(f"{c}-cgh", k.COUNTY_GENERAL_HOSPITAL, c, beds=300),
        _inst(f"{c}-tcm", k.COUNTY_TCM_HOSPITAL, c, beds=100),
        _inst(f"{c}-cdc", k.CDC, c),
        _inst(f"{c}-thc-1", k.TOWNSHIP_HEALTH_CENTRE, f"{c}-t1", beds=20),
        _inst(f"{c}-thc-2", k.TOWNSHIP_HEALTH_CENTRE, f"{c}-t2", beds=20),
        _inst(f"{c}-thb-1", k.TOWNSHIP_BRANCH, f"{c}-t2", parent=f"{c}-thc-2"),
    ]
    for t in (1, 2):
        for v in (1, 2, 3) if t == 1 else (1, 2):
            services = frozenset({Service.ECG}) if v == 1 else frozenset()
            insts.append(
                _inst(
                    f"{c}-vc-{t}{v}",
                    k.VILLAGE_CLINIC,
                    f"{c}-t{t}-v{v}",
                    parent=f"{c}-thc-{t}",
                    services=services,
                )
            )
    community = MedicalCommunity(
        f"{c}-group",
        Name("Group", "医共体"),
        lead=f"{c}-cgh",
        memberships=tuple(
            Membership(i.id, MembershipRole.LEAD if i.id == f"{c}-cgh" else MembershipRole.MEMBER)
            for i in insts
        ),
    )
    return County(c, Name("Small County", "小县"), towns, tuple(insts), (community,))


_SETTINGS = ("outpatient", "emergency", "inpatient")


def _county_and_year(county: CountyLike | None, year: IntLike) -> tuple[County, int]:
    """The county (a dataset name or file too; default :func:`small_record_county`) and year
    of a table strategy, checked when the strategy is made, not when it draws."""
    chosen = small_record_county() if county is None else coerce.county(county, "county")
    try:
        return chosen, Period.year(coerce.count(year, "year")).year_number
    except PeriodError as exc:
        raise ArgumentError("year", str(exc)) from None


@boundary
def encounter_tables(
    county: CountyLike | None = None, year: IntLike = 2024, invalid: bool = False
) -> st.SearchStrategy[pa.Table]:
    """Small encounter tables for ``county`` (default :func:`small_record_county`; a dataset
    name or county file too), in ``year``; with ``invalid``, tables that sometimes break a
    check (an unknown institution, a day before the year, a negative cost, a repeated id)."""
    return _encounter_tables(*_county_and_year(county, year), invalid)


@st.composite
def _encounter_tables(draw: st.DrawFn, county: County, year: int, invalid: bool) -> pa.Table:
    ids = [i.id for i in county.institutions]
    if invalid:
        ids = [*ids, "nowhere"]
    n = draw(st.integers(0, 25))
    start = dt.date(year, 1, 1)
    rows: dict[str, list[Any]] = {name: [] for name in schema(RecordKind.ENCOUNTERS).names}
    for k in range(n):
        setting = draw(st.sampled_from(_SETTINGS))
        day = start + dt.timedelta(days=draw(st.integers(-3 if invalid else 0, 364)))
        cost = draw(
            st.floats(-5 if invalid else 0, 50_000, allow_nan=False).map(lambda x: round(x, 2))
        )
        fund = round(cost * draw(st.floats(0, 1.2 if invalid else 1.0)), 2)
        # invalid tables may repeat an id (every row holding it is then rejected)
        rows["encounter_id"].append(f"e{draw(st.integers(0, k))}" if invalid else f"e{k}")
        rows["patient_id"].append(f"p{draw(st.integers(0, 9))}")
        rows["institution_id"].append(draw(st.sampled_from(ids)))
        rows["date"].append(day)
        rows["setting"].append(setting)
        rows["tcm"].append(draw(st.booleans()))
        rows["insured"].append(draw(st.booleans()))
        rows["resident"].append(draw(st.booleans()))
        rows["total_cost"].append(cost)
        rows["fund_paid"].append(min(fund, cost) if not invalid else fund)
        los = draw(st.integers(0, 40))
        rows["discharge_date"].append(
            day + dt.timedelta(days=los) if setting == "inpatient" else None
        )
    return pa.table(rows, schema=schema(RecordKind.ENCOUNTERS))


@boundary
def claim_tables(
    county: CountyLike | None = None, year: IntLike = 2024
) -> st.SearchStrategy[pa.Table]:
    """Small, valid claim tables for ``county`` (default :func:`small_record_county`; a dataset
    name or county file too) dated in ``year``."""
    return _claim_tables(*_county_and_year(county, year))


@st.composite
def _claim_tables(draw: st.DrawFn, county: County, year: int) -> pa.Table:
    ids = [i.id for i in county.institutions] + [OUTSIDE]
    n = draw(st.integers(0, 25))
    rows: dict[str, list[Any]] = {name: [] for name in schema(RecordKind.CLAIMS).names}
    for k in range(n):
        pharmacy = draw(st.booleans())
        cost = round(draw(st.floats(0, 20_000, allow_nan=False)), 2)
        rows["claim_id"].append(f"c{k}")
        rows["patient_id"].append(f"p{draw(st.integers(0, 9))}")
        rows["institution_id"].append("pharm-1" if pharmacy else draw(st.sampled_from(ids)))
        rows["pharmacy"].append(pharmacy)
        rows["date"].append(dt.date(year, 1, 1) + dt.timedelta(days=draw(st.integers(0, 364))))
        rows["setting"].append("outpatient" if pharmacy else draw(st.sampled_from(_SETTINGS)))
        rows["total_cost"].append(cost)
        rows["fund_paid"].append(round(cost * draw(st.floats(0, 1)), 2))
    return pa.table(rows, schema=schema(RecordKind.CLAIMS))
