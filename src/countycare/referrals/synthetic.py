"""Seeded synthetic referral records for any county (the Wanrong county in the docs).

The records are plausible, not observed: most referrals go up (village clinics to their own
township centre, centres to the county hospitals, which receive mostly at the lead), fewer go
down, some go out of the county, a few come in. Each township has its own propensity to bypass
its centre, so that bypass shares differ between townships. Generation is vectorised (numpy and
Arrow), so a million records take about a second; the same seed gives the same table.

``defects`` turns a share of the rows into bad records (unknown institution, self-referral,
date outside the period, duplicate ``referral_id``) to show validation at work.

Examples
--------
>>> from countycare.testing.networks import small_referral_county
>>> from countycare.periods import Period
>>> t = synthetic_referrals(small_referral_county(), Period.parse("2024"), 1000, seed=7)
>>> t.num_rows, t.column_names[:4]
(1000, ['referral_id', 'patient_id', 'from_id', 'to_id'])
>>> t.equals(synthetic_referrals(small_referral_county(), Period.parse("2024"), 1000, seed=7))
True
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.errors import ArgumentError, DataError, Problem
from countycare.institutions import OUTSIDE
from countycare.labels import CareSetting, InstitutionKind, ReferralStatus, Tier
from countycare.periods import Period

if TYPE_CHECKING:
    from countycare.forms import CountyLike, IntLike, PeriodLike

__all__ = ["synthetic_referrals"]

# Shares of the kinds of flow (before any kind the county cannot have is dropped).
_KINDS: dict[str, float] = {
    "village_up": 0.40,  # village clinic → its centre, or straight to the county (bypass)
    "township_up": 0.24,  # township centre → county hospital
    "county_down": 0.08,  # county hospital → township centre
    "township_down": 0.05,  # township centre → one of its village clinics
    "county_lateral": 0.04,
    "township_lateral": 0.03,
    "out": 0.12,  # to a provider outside the county
    "in": 0.04,  # from outside into a county hospital
}
_SETTING_P = (0.6, 0.1, 0.3)
_STATUS_P = (0.86, 0.06, 0.08)
_LEAD_SHARE = 0.7
_CDC = InstitutionKind.CDC

_Ints = np.ndarray[Any, np.dtype[np.int64]]


def _lead(county: County, county_tier: list[str]) -> str:
    for community in county.communities:
        if county.has_institution(community.lead):
            return community.lead
    return county_tier[0]


def _centre_of(county: County, clinic: str, townships: list[str]) -> str:
    institution = county.institution(clinic)
    if institution.parent and county.has_institution(institution.parent):
        return institution.parent
    township = county.township_of(clinic)
    if township is not None:
        for candidate in county.institutions_in(township.id):
            if candidate.tier is Tier.TOWNSHIP:
                return candidate.id
    return townships[0]


def _pick(rng: np.random.Generator, n: int, size: int) -> _Ints:
    return rng.integers(0, size, n, dtype=np.int64)


@boundary
def synthetic_referrals(
    county: CountyLike,
    period: PeriodLike,
    n: IntLike,
    *,
    seed: IntLike = 0,
    defects: float = 0.0,
) -> pa.Table:
    """``n`` synthetic referral records of ``county`` dated in ``period``, as an Arrow table.

    The columns are the canonical :data:`countycare.referrals.records.COLUMNS`; ``defects`` is
    the share of rows made bad on purpose (0 by default). ``county`` may be a dataset name and
    ``period`` text such as ``"2024"``.
    """
    county = coerce.county(county, "county")
    period = coerce.period(period, "period")
    n = coerce.count(n, "n")
    seed = coerce.count(seed, "seed")
    defects = coerce.number(defects, "defects")
    # A CDC treats no patients: it neither sends nor receives referrals here.
    clinical = [i for i in county.institutions_of_tier(Tier.COUNTY) if i.kind is not _CDC]
    counties = [i.id for i in clinical]
    beds = np.asarray([i.beds + 1.0 for i in clinical])
    townships = [i.id for i in county.institutions_of_tier(Tier.TOWNSHIP)]
    villages = [i.id for i in county.institutions_of_tier(Tier.VILLAGE)]
    if not counties:
        raise DataError([Problem("$.institutions", "the county has no county-tier institution")])
    if not 0.0 <= defects <= 1.0:
        raise ArgumentError("defects", f"expected a share between 0 and 1, got {defects!r}")
    rng = np.random.default_rng(seed)
    ids = np.asarray([*counties, *townships, *villages, OUTSIDE], dtype=object)
    c0, t0, v0 = 0, len(counties), len(counties) + len(townships)
    outside = len(ids) - 1
    lead = counties.index(_lead(county, counties))

    available = {
        "village_up": bool(villages and townships),
        "township_up": bool(townships),
        "county_down": bool(townships),
        "township_down": bool(villages and townships),
        "county_lateral": len(counties) > 1,
        "township_lateral": len(townships) > 1,
        "out": True,
        "in": True,
    }
    kinds = [k for k, ok in available.items() if ok]
    weights = np.asarray([_KINDS[k] for k in kinds])
    kind = rng.choice(len(kinds), size=n, p=weights / weights.sum())
    src = np.zeros(n, dtype=np.int64)
    dst = np.zeros(n, dtype=np.int64)

    def county_receiver(m: int) -> _Ints:
        others = rng.choice(len(counties), size=m, p=beds / beds.sum())
        return np.where(rng.random(m) < _LEAD_SHARE, lead, others) + c0

    for k, name in enumerate(kinds):
        mask = kind == k
        m = int(mask.sum())
        if name == "village_up":
            clinic = _pick(rng, m, len(villages))
            centre = np.asarray(
                [townships.index(_centre_of(county, v, townships)) for v in villages]
            )
            bypass_p = rng.beta(2.0, 5.0, len(townships))[centre[clinic]]
            bypass = rng.random(m) < bypass_p
            src[mask] = clinic + v0
            dst[mask] = np.where(bypass, county_receiver(m), centre[clinic] + t0)
        elif name == "township_up":
            src[mask], dst[mask] = _pick(rng, m, len(townships)) + t0, county_receiver(m)
        elif name == "county_down":
            src[mask] = county_receiver(m)
            dst[mask] = _pick(rng, m, len(townships)) + t0
        elif name == "township_down":
            clinic = _pick(rng, m, len(villages))
            centre = np.asarray(
                [townships.index(_centre_of(county, v, townships)) for v in villages]
            )
            src[mask], dst[mask] = centre[clinic] + t0, clinic + v0
        elif name in ("county_lateral", "township_lateral"):
            base, size = (c0, len(counties)) if name == "county_lateral" else (t0, len(townships))
            a = _pick(rng, m, size)
            b = (a + 1 + _pick(rng, m, size - 1)) % size
            src[mask], dst[mask] = a + base, b + base
        elif name == "out":
            sender = _out_senders(rng, m, rng.random(m), c0, t0, counties, townships)
            src[mask], dst[mask] = sender, outside
        else:  # "in"
            src[mask], dst[mask] = outside, county_receiver(m)

    start = np.datetime64(period.start.isoformat(), "D")
    days = start + _pick(rng, n, period.days)
    number = np.arange(1, n + 1, dtype=np.int64)
    patients = rng.integers(1, max(n // 3, 2), n, dtype=np.int64)

    if defects:
        src, dst, days, number = _spoil(rng, defects, src, dst, days, number, ids, period)
        ids = np.append(ids, "unknown-clinic")

    return pa.table(
        {
            "referral_id": _prefixed("R", number),
            "patient_id": _prefixed("P", patients),
            "from_id": _coded(src, ids),
            "to_id": _coded(dst, ids),
            "date": pa.array(days, pa.date32()),
            "setting": _coded(rng.choice(3, n, p=_SETTING_P), CareSetting.codes()),
            "status": _coded(rng.choice(3, n, p=_STATUS_P), ReferralStatus.codes()),
        }
    )


def _out_senders(
    rng: np.random.Generator,
    m: int,
    draw: np.ndarray[Any, np.dtype[np.float64]],
    c0: int,
    t0: int,
    counties: list[str],
    townships: list[str],
) -> _Ints:
    from_county = _pick(rng, m, len(counties)) + c0
    if not townships:
        return from_county
    from_township = _pick(rng, m, len(townships)) + t0
    return np.where(draw < 0.7, from_county, from_township)


def _coded(indices: _Ints, codes: Any) -> pa.Array:
    """Codes picked by index, built as a dictionary array: no Python string per row."""
    dictionary = pa.array([str(code) for code in codes], pa.string())
    return pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()), dictionary).cast(
        pa.string()
    )


def _prefixed(prefix: str, numbers: _Ints) -> pa.Array:
    text = pc.utf8_lpad(pc.cast(pa.array(numbers), pa.string()), 8, "0")
    return pc.binary_join_element_wise(prefix, text, "")


def _spoil(
    rng: np.random.Generator,
    share: float,
    src: _Ints,
    dst: _Ints,
    days: np.ndarray[Any, np.dtype[np.datetime64]],
    number: _Ints,
    ids: np.ndarray[Any, np.dtype[np.object_]],
    period: Period,
) -> tuple[_Ints, _Ints, np.ndarray[Any, np.dtype[np.datetime64]], _Ints]:
    n = len(src)
    bad = np.flatnonzero(rng.random(n) < share)
    kind = rng.integers(0, 4, len(bad))
    src, dst, days, number = src.copy(), dst.copy(), days.copy(), number.copy()
    unknown = len(ids)  # the index appended by the caller
    src[bad[kind == 0]] = unknown
    dst[bad[kind == 1]] = src[bad[kind == 1]]
    after = np.datetime64((period.end + dt.timedelta(days=1)).isoformat(), "D")
    days[bad[kind == 2]] = after + rng.integers(0, 60, int((kind == 2).sum()))
    duplicated = bad[(kind == 3) & (bad > 0)]
    number[duplicated] = number[duplicated - 1]
    return src, dst, days, number
