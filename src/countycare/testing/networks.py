"""Hypothesis strategies for referral records and referral networks, and a small county to try.

:func:`small_referral_county` builds a deterministic county of a few townships (a lead
hospital, a TCM hospital, a private hospital outside the community, one centre per township and
one clinic per village); :func:`referral_counties` draws such counties, some with a member that
joins the community during the year, and random valid counties; :func:`referral_records` draws
valid referral records for a county as an Arrow table in the canonical columns;
:func:`referral_networks` draws networks built from them.

Examples
--------
>>> county = small_referral_county(townships=2, villages=2)
>>> [i.id for i in county.institutions][:5]
['lead', 'tcm', 'priv', 't1-c', 't1-v1-c']
>>> county.community_of("t2-v2-c").id
'group'
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
import pyarrow as pa
from hypothesis import strategies as st

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.community import County, MedicalCommunity, Membership
from countycare.errors import ArgumentError
from countycare.geography import Township, Village
from countycare.institutions import OUTSIDE, Institution
from countycare.labels import (
    CareSetting,
    InstitutionKind,
    MembershipRole,
    Name,
    Ownership,
    ReferralStatus,
)
from countycare.periods import Period
from countycare.referrals.network import ReferralNetwork, build_network
from countycare.testing.county import counties

if TYPE_CHECKING:
    from countycare.forms import CountyLike, DateLike, IntLike, PeriodLike

__all__ = [
    "referral_counties",
    "referral_networks",
    "referral_periods",
    "referral_records",
    "small_referral_county",
]

_FOUNDED = dt.date(2017, 1, 1)


def _institution(
    id_: str, kind: InstitutionKind, area: str, parent: str | None = None
) -> Institution:
    ownership = Ownership.PRIVATE if kind is InstitutionKind.PRIVATE_HOSPITAL else Ownership.PUBLIC
    return Institution(
        id=id_,
        name=Name(id_, id_),
        kind=kind,
        ownership=ownership,
        area=area,
        parent=parent,
    )


@boundary
def small_referral_county(
    townships: IntLike = 2, villages: IntLike = 2, late_joiner: DateLike | None = None
) -> County:
    """A small valid county: ``townships`` townships of ``villages`` villages each.

    Institutions: ``lead`` (county general hospital, the lead), ``tcm`` (county TCM hospital),
    ``priv`` (a private hospital outside the community), a centre ``tK-c`` per township and a
    clinic ``tK-vJ-c`` per village. All but ``priv`` belong to the community ``group`` from 2017;
    with ``late_joiner`` the last village clinic joins only on that day.
    """
    townships, villages = coerce.count(townships, "townships"), coerce.count(villages, "villages")
    late_joiner = coerce.optional_date(late_joiner, "late_joiner")
    ts: list[Township] = []
    institutions = [
        _institution("lead", InstitutionKind.COUNTY_GENERAL_HOSPITAL, "toy"),
        _institution("tcm", InstitutionKind.COUNTY_TCM_HOSPITAL, "toy"),
        _institution("priv", InstitutionKind.PRIVATE_HOSPITAL, "toy"),
    ]
    memberships = [
        Membership("lead", MembershipRole.LEAD, valid_from=_FOUNDED),
        Membership("tcm", MembershipRole.MEMBER, valid_from=_FOUNDED),
    ]
    for t in range(1, townships + 1):
        vs = tuple(
            Village(f"t{t}-v{v}", Name(f"Village {t}.{v}", f"村{t}.{v}"), population=1000)
            for v in range(1, villages + 1)
        )
        ts.append(Township(f"t{t}", Name(f"Township {t}", f"乡{t}"), villages=vs))
        centre = f"t{t}-c"
        institutions.append(_institution(centre, InstitutionKind.TOWNSHIP_HEALTH_CENTRE, f"t{t}"))
        memberships.append(Membership(centre, MembershipRole.MEMBER, valid_from=_FOUNDED))
        for v in vs:
            clinic = f"{v.id}-c"
            institutions.append(
                _institution(clinic, InstitutionKind.VILLAGE_CLINIC, v.id, parent=centre)
            )
            memberships.append(
                Membership(clinic, MembershipRole.VILLAGE_AFFILIATE, valid_from=_FOUNDED)
            )
    if late_joiner is not None:
        memberships[-1] = attrs.evolve(memberships[-1], valid_from=late_joiner)
    community = MedicalCommunity(
        "group", Name("Toy medical group", "示例医疗集团"), "lead", memberships, _FOUNDED
    )
    return County("toy", Name("Toy County", "示例县"), ts, institutions, (community,))


@boundary
def referral_periods() -> st.SearchStrategy[Period]:
    """Quarters and months of 2023–2025."""
    quarters = st.builds(Period.quarter, st.integers(2023, 2025), st.integers(1, 4))
    months = st.builds(Period.month, st.integers(2023, 2025), st.integers(1, 12))
    return st.one_of(quarters, months)


@boundary
def referral_counties() -> st.SearchStrategy[County]:
    """Counties to refer within: :func:`small_referral_county` shapes (a third with a clinic
    joining the community in mid-2024) and the random valid counties of
    :func:`countycare.testing.counties`, whose memberships start and end on random days."""
    joiner = st.sampled_from([None, None, dt.date(2024, 7, 1)])
    small = st.builds(
        small_referral_county, st.integers(1, 3), st.integers(1, 3), late_joiner=joiner
    )
    return st.one_of(small, counties(max_townships=3, max_villages=2, max_clinics_per_village=2))


@boundary
def referral_records(
    county: CountyLike,
    period: PeriodLike,
    min_size: IntLike = 0,
    max_size: IntLike = 40,
) -> st.SearchStrategy[pa.Table]:
    """Valid referral records of ``county`` (a dataset name or county file too) dated in
    ``period`` (``"2024Q1"``, ``2024`` …), as an Arrow table of ``min_size`` to ``max_size``
    rows.

    Every row has a unique ``referral_id``, two different known ends (at most one of them
    ``outside``) and a setting and status of the vocabularies.
    """
    low, high = coerce.count(min_size, "min_size"), coerce.count(max_size, "max_size")
    if not 0 <= low <= high:
        raise ArgumentError("max_size", f"expected 0 <= min_size <= max_size, got {low}, {high}")
    chosen = coerce.county(county, "county")
    return _referral_records(chosen, coerce.period(period, "period"), low, high)


@st.composite
def _referral_records(
    draw: st.DrawFn, county: County, period: Period, min_size: int, max_size: int
) -> pa.Table:
    ids = [i.id for i in county.institutions] + [OUTSIDE]
    pair = st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda p: p[0] != p[1])
    row = st.tuples(
        pair,
        st.integers(0, period.days - 1),
        st.sampled_from(CareSetting.codes()),
        st.sampled_from(ReferralStatus.codes()),
        st.integers(1, 50),
    )
    rows = draw(st.lists(row, min_size=min_size, max_size=max_size))
    text = pa.string()
    return pa.table(
        {
            "referral_id": pa.array([f"r{n}" for n in range(len(rows))], text),
            "patient_id": pa.array([f"p{r[4]}" for r in rows], text),
            "from_id": pa.array([r[0][0] for r in rows], text),
            "to_id": pa.array([r[0][1] for r in rows], text),
            "date": pa.array(
                [period.start + dt.timedelta(days=r[1]) for r in rows], type=pa.date32()
            ),
            "setting": pa.array([r[2] for r in rows], text),
            "status": pa.array([r[3] for r in rows], text),
        }
    )


@boundary
def referral_networks(max_size: IntLike = 40) -> st.SearchStrategy[ReferralNetwork]:
    """Networks built from :func:`referral_records` (at most ``max_size`` referrals) of a
    :func:`referral_counties` county."""
    most = coerce.count(max_size, "max_size")
    if most < 0:
        raise ArgumentError("max_size", f"expected a number of referrals >= 0, got {most}")
    return _referral_networks(most)


@st.composite
def _referral_networks(draw: st.DrawFn, max_size: int) -> ReferralNetwork:
    county = draw(referral_counties())
    period = draw(referral_periods())
    records = draw(_referral_records(county, period, 0, max_size))
    return build_network(records, county, period=period)
