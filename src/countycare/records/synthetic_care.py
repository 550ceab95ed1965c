"""Synthetic care records: encounters, fund claims and referrals, drawn with numpy arrays.

The building blocks of :func:`countycare.records.synthetic.generate`: visits and admissions are
placed at institutions by tier shares and weights (beds, served population), dated uniformly in
the year, priced from log-normal distributions whose means are the scenario's; claims mirror the
insured's encounters and add out-of-county care and retail pharmacies; referrals are drawn from
the encounters with the scenario's probabilities.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from countycare.community import County
from countycare.institutions import OUTSIDE, Institution
from countycare.labels import InstitutionKind, Tier
from countycare.records.county_index import CountyIndex
from countycare.records.scenario import Scenario
from countycare.records.schemas import RecordKind, schema

__all__ = ["choose", "claims", "dates", "encounters", "ids", "referrals", "take", "weights"]

_Ints = np.ndarray[Any, np.dtype[np.int64]]
_Floats = np.ndarray[Any, np.dtype[np.float64]]
_Rng = np.random.Generator

_SETTINGS = np.asarray(["outpatient", "emergency", "inpatient"], dtype=object)
_OUT, _EMERG, _INPAT = 0, 1, 2


def ids(prefix: str, numbers: _Ints) -> pa.Array:
    """String ids ``prefix + number``, built in Arrow (no Python string per row)."""
    digits = pc.cast(pa.array(numbers, type=pa.int64()), pa.string())
    return pc.binary_join_element_wise(prefix, digits, "")


def take(values: list[str] | np.ndarray[Any, Any], index: _Ints) -> pa.Array:
    return pa.array(list(values), type=pa.string()).take(pa.array(index, type=pa.int64()))


def dates(start: dt.date, offsets: _Ints) -> pa.Array:
    days = np.datetime64(start, "D").astype(np.int64) + offsets
    return pa.array(days.astype(np.int32), type=pa.int32()).cast(pa.date32())


def choose(rng: _Rng, weights: _Floats, size: int) -> _Ints:
    p = weights / weights.sum()
    return np.searchsorted(np.cumsum(p), rng.random(size), side="right").clip(0, len(p) - 1)


def _lognormal(rng: _Rng, means: _Floats, sigma: float) -> _Floats:
    mu = np.log(means) - sigma**2 / 2
    return np.round(rng.lognormal(mu, sigma), 2)


def weights(index: CountyIndex, members: list[Institution]) -> _Floats:
    """Within-tier weights: beds for hospitals, the served population for primary care."""
    out = []
    for inst in members:
        if inst.kind is InstitutionKind.VILLAGE_CLINIC:
            area = index.county.area(inst.area)
            out.append(float(getattr(area, "population", 1000)) or 1000.0)
        elif inst.kind is InstitutionKind.TOWNSHIP_BRANCH:
            out.append(0.5)
        elif inst.tier is Tier.TOWNSHIP:
            out.append(1.0)
        elif inst.kind is InstitutionKind.COUNTY_GENERAL_HOSPITAL:
            out.append(6.0)
        elif inst.kind is InstitutionKind.COUNTY_TCM_HOSPITAL:
            out.append(2.5)
        elif inst.kind is InstitutionKind.MATERNAL_CHILD_HEALTH:
            out.append(1.0)
        else:
            out.append(0.3)
    return np.asarray(out, dtype=np.float64)


def encounters(
    index: CountyIndex, year: int, s: Scenario, rng: _Rng, n_people: int
) -> tuple[pa.Table, dict[str, Any]]:
    """Visits and admissions at in-county institutions; also returns arrays other kinds reuse."""
    county = index.county
    clinical = [i for i in county.institutions if i.kind is not InstitutionKind.CDC]
    by_tier = [
        [i for i in clinical if i.tier is t] for t in (Tier.VILLAGE, Tier.TOWNSHIP, Tier.COUNTY)
    ]
    tier_share = np.asarray(s.first_contact_shares, dtype=np.float64)
    visit_w = np.concatenate(
        [weights(index, m) / weights(index, m).sum() * tier_share[k]
         for k, m in enumerate(by_tier) if m]
    )  # fmt: skip
    visit_inst = [i for m in by_tier if m for i in m]
    beds = [
        i
        for i in clinical
        if i.tier in (Tier.TOWNSHIP, Tier.COUNTY) and i.kind is not InstitutionKind.TOWNSHIP_BRANCH
    ] or visit_inst
    # admissions: township centres share `township_admission_share` equally, hospitals by beds
    adm_w = np.asarray([max(i.beds, 1) if i.tier is Tier.COUNTY else 1.0 for i in beds])
    for tier, share in (
        (Tier.TOWNSHIP, s.township_admission_share),
        (Tier.COUNTY, 1 - s.township_admission_share),
    ):
        mask = np.asarray([i.tier is tier for i in beds])
        if mask.any():
            adm_w[mask] = adm_w[mask] / adm_w[mask].sum() * share
    insts = visit_inst + [i for i in beds if i not in visit_inst]
    pos = {i.id: k for k, i in enumerate(insts)}
    n_vis = round(s.visits_per_resident * n_people)
    n_adm = round(s.admissions_per_resident * n_people)
    n = n_vis + n_adm
    inst = np.concatenate(
        [
            choose(rng, visit_w, n_vis),
            np.asarray([pos[i.id] for i in beds])[choose(rng, adm_w, n_adm)],
        ]
    )
    tier_rank = np.asarray([i.tier.rank for i in insts])[inst]
    is_tcm_hosp = np.asarray([i.kind is InstitutionKind.COUNTY_TCM_HOSPITAL for i in insts])[inst]
    setting = np.full(n, _OUT, dtype=np.int64)
    setting[n_vis:] = _INPAT
    emerg = (tier_rank == 2) & (rng.random(n) < s.emergency_share)
    setting[:n_vis][emerg[:n_vis]] = _EMERG
    days = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
    day = rng.integers(0, days, n)
    inpatient = setting == _INPAT
    los = np.where(inpatient, 1 + rng.poisson(7.0, n), 0)
    tcm = is_tcm_hosp | (rng.random(n) < s.tcm_share)
    insured = rng.random(n) < s.insured_share
    resident = rng.random(n) < s.resident_share
    visit_mult = np.asarray([0.35, 0.8, 1.9])[tier_rank.clip(0, 2)]
    visit_mult = visit_mult / visit_mult[~inpatient].mean() if n_vis else visit_mult
    adm_mult = np.where(tier_rank >= 2, 1.25, 0.45)
    adm_mult = adm_mult / adm_mult[inpatient].mean() if n_adm else adm_mult
    mean = np.where(inpatient, s.mean_admission_cost * adm_mult, s.mean_visit_cost * visit_mult)
    cost = _lognormal(rng, mean, s.cost_sigma)
    ratio = np.where(inpatient, s.fund_ratio_admission, s.fund_ratio_visit)
    fund = np.where(insured, np.round(cost * ratio, 2), 0.0)
    patient = rng.integers(0, max(n_people, 1), n)
    start = dt.date(year, 1, 1)
    discharge = dates(start, day + los)
    discharge = pc.if_else(pa.array(inpatient), discharge, pa.scalar(None, pa.date32()))
    table = pa.table(
        [
            ids(f"{county.id}-{year}-e", np.arange(n)),
            ids(f"{county.id}-p", patient),
            take([i.id for i in insts], inst),
            dates(start, day),
            take(list(_SETTINGS), setting),
            pa.array(tcm),
            pa.array(insured),
            pa.array(resident),
            pa.array(cost),
            pa.array(fund),
            discharge,
        ],
        schema=schema(RecordKind.ENCOUNTERS),
    )
    arrays = {
        "insts": insts, "inst": inst, "setting": setting, "day": day, "insured": insured,
        "cost": cost, "fund": fund, "patient": patient, "tier_rank": tier_rank,
    }  # fmt: skip
    return table, arrays


def claims(county: County, year: int, s: Scenario, rng: _Rng, e: dict[str, Any]) -> pa.Table:
    """One claim per insured encounter, plus out-of-county care and retail pharmacies."""
    ins = np.flatnonzero(e["insured"])
    inpatient = e["setting"][ins] == _INPAT
    n_in_adm = int(inpatient.sum())
    n_in_vis = len(ins) - n_in_adm
    share_a, share_v = s.out_of_county_admission_share, s.out_of_county_visit_share
    n_out_adm = round(n_in_adm * share_a / (1 - share_a)) if share_a < 1 else 0
    n_out_vis = round(n_in_vis * share_v / (1 - share_v)) if share_v < 1 else 0
    n_pharm = round(s.pharmacy_claims_per_resident * county.population)
    days = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
    n_extra = n_out_adm + n_out_vis + n_pharm
    extra_setting = np.concatenate(
        [np.full(n_out_adm, _INPAT), np.full(n_out_vis + n_pharm, _OUT)]
    ).astype(np.int64)
    extra_mean = np.concatenate(
        [
            np.full(n_out_adm, s.mean_admission_cost * 1.8),
            np.full(n_out_vis, s.mean_visit_cost * 2.0),
            np.full(n_pharm, 80.0),
        ]
    )
    extra_cost = _lognormal(rng, extra_mean, s.cost_sigma)
    extra_ratio = np.concatenate(
        [
            np.full(n_out_adm, s.fund_ratio_admission * 0.8),
            np.full(n_out_vis, s.fund_ratio_visit * 0.8),
            np.full(n_pharm, 0.5),
        ]
    )
    pharmacy_ids = [f"{county.id}-pharmacy-{k:02d}" for k in range(1, 21)]
    extra_inst = pa.concat_arrays(
        [
            pa.array([OUTSIDE] * (n_out_adm + n_out_vis), type=pa.string()),
            take(pharmacy_ids, rng.integers(0, len(pharmacy_ids), n_pharm)),
        ]
    )
    n = len(ins) + n_extra
    setting = np.concatenate([e["setting"][ins], extra_setting])
    return pa.table(
        [
            ids(f"{county.id}-{year}-c", np.arange(n)),
            ids(
                f"{county.id}-p",
                np.concatenate([e["patient"][ins], rng.integers(0, county.population, n_extra)]),
            ),
            pa.concat_arrays([take([i.id for i in e["insts"]], e["inst"][ins]), extra_inst]),
            pa.array(np.arange(n) >= n - n_pharm),
            dates(
                dt.date(year, 1, 1),
                np.concatenate([e["day"][ins], rng.integers(0, days, n_extra)]),
            ),
            take(list(_SETTINGS), setting),
            pa.array(np.concatenate([e["cost"][ins], extra_cost])),
            pa.array(np.concatenate([e["fund"][ins], np.round(extra_cost * extra_ratio, 2)])),
        ],
        schema=schema(RecordKind.CLAIMS),
    )  # fmt: skip


def referrals(index: CountyIndex, year: int, s: Scenario, rng: _Rng, e: dict[str, Any]) -> pa.Table:
    """Upward referrals from primary visits; downward and out-of-county ones from admissions."""
    county, insts, inst = index.county, e["insts"], e["inst"]
    rank, setting = e["tier_rank"], e["setting"]
    u = rng.random(len(inst))
    up = (rank <= 1) & (setting != _INPAT) & (u < s.upward_referral_probability)
    county_adm = (rank == 2) & (setting == _INPAT)
    down = county_adm & (u < s.downward_referral_probability)
    out = (
        county_adm
        & (u >= s.downward_referral_probability)
        & (u < s.downward_referral_probability + s.out_of_county_referral_probability)
    )
    picked = np.flatnonzero(up | down | out)
    centres = [
        i.id for i in county.institutions if i.kind is InstitutionKind.TOWNSHIP_HEALTH_CENTRE
    ]
    centres = centres or [i.id for i in county.institutions if i.tier is Tier.TOWNSHIP]
    lead = index.lead or OUTSIDE
    target_up = [
        (i.parent or lead) if i.tier is Tier.VILLAGE else lead for i in insts
    ]  # a village clinic refers to its township centre, a township centre to the lead
    to = np.where(
        up[picked],
        np.asarray(target_up, dtype=object)[inst[picked]],
        np.where(
            down[picked],
            np.asarray(centres or [lead], dtype=object)[
                rng.integers(0, max(len(centres), 1), len(picked))
            ],
            OUTSIDE,
        ),
    )
    status = np.asarray(["completed", "cancelled", "pending"], dtype=object)[
        choose(rng, np.asarray([0.9, 0.07, 0.03]), len(picked))
    ]
    return pa.table(
        [
            ids(f"{county.id}-{year}-r", np.arange(len(picked))),
            ids(f"{county.id}-p", e["patient"][picked]),
            take([i.id for i in insts], inst[picked]),
            pa.array(to.tolist(), type=pa.string()),
            dates(dt.date(year, 1, 1), e["day"][picked]),
            take(list(_SETTINGS), setting[picked]),
            pa.array(status.tolist(), type=pa.string()),
        ],
        schema=schema(RecordKind.REFERRALS),
    )
