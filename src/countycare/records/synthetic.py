"""A seeded, vectorised generator of realistic county-years of records.

:func:`generate` draws every kind of record (:class:`~countycare.records.schemas.RecordKind`) for
one county and year from a :class:`~countycare.records.scenario.Scenario`, with numpy arrays
throughout (no Python loop over records): a county of 360,000 residents gives about 2.5 million
encounters in a few seconds. The same county, year, scenario and seed give the same records.
Writing them as a partitioned Parquet dataset is :func:`countycare.records.dataset.write_dataset`.

Examples
--------
>>> from countycare.testing.records import small_record_county
>>> tables = generate(small_record_county(), 2024, seed=1)
>>> enc = tables[RecordKind.ENCOUNTERS]
>>> enc.schema.equals(schema(RecordKind.ENCOUNTERS))
True
>>> generate(small_record_county(), 2024, seed=1)[RecordKind.ENCOUNTERS].equals(enc)
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
from countycare.institutions import OUTSIDE
from countycare.labels import InstitutionKind, Tier
from countycare.records.county_index import CountyIndex
from countycare.records.scenario import Scenario
from countycare.records.schemas import (
    AGE_BANDS_ALL,
    ChronicCondition,
    DeathCause,
    ReadModality,
    RecordKind,
    StaffTitle,
    schema,
)
from countycare.records.synthetic_care import (
    choose,
    claims,
    dates,
    encounters,
    ids,
    referrals,
    take,
    weights,
)

if TYPE_CHECKING:
    from countycare.forms import CountyLike, IntLike

__all__ = ["AGE_STRUCTURE", "generate"]

_Ints = np.ndarray[Any, np.dtype[np.int64]]
_Floats = np.ndarray[Any, np.dtype[np.float64]]
_Rng = np.random.Generator

#: Illustrative age structure of a rural county (shares of the 18 bands of AGE_BANDS_ALL).
AGE_STRUCTURE: tuple[float, ...] = (
    0.045, 0.050, 0.052, 0.048, 0.050, 0.060, 0.065, 0.066, 0.064,
    0.078, 0.082, 0.080, 0.072, 0.062, 0.045, 0.036, 0.026, 0.021,
)  # fmt: skip


def _remote_reads(index: CountyIndex, year: int, s: Scenario, rng: _Rng) -> pa.Table:
    county = index.county
    primary = [i for i in county.institutions if i.is_primary]
    n = round(s.remote_reads_per_resident * county.population) if primary else 0
    modalities = [m.value for m in ReadModality]
    days = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
    return pa.table(
        [
            ids(f"{county.id}-{year}-x", np.arange(n)),
            take([i.id for i in primary] or [""], choose(rng, weights(index, primary), n)),
            pa.array([index.lead or OUTSIDE] * n, type=pa.string()),
            dates(dt.date(year, 1, 1), rng.integers(0, days, n)),
            take(modalities, choose(rng, np.asarray([0.4, 0.35, 0.15, 0.05, 0.05]), n)),
        ],
        schema=schema(RecordKind.REMOTE_READS),
    )


def _postings(index: CountyIndex, year: int, s: Scenario, rng: _Rng) -> pa.Table:
    """County hospital physicians posted to township centres for 2 to 14 months."""
    county = index.county
    homes = [
        i.id
        for i in county.institutions
        if i.kind in (InstitutionKind.COUNTY_GENERAL_HOSPITAL, InstitutionKind.COUNTY_TCM_HOSPITAL)
    ]
    hosts = [i.id for i in county.institutions if i.tier is Tier.TOWNSHIP]
    n = round(s.postings_per_10k * county.population / 10_000) if homes and hosts else 0
    start = rng.integers(-100, 300, n)
    length = rng.integers(120, 420, n)
    titles = [t.value for t in StaffTitle]
    return pa.table(
        [
            ids(f"{county.id}-{year}-s", np.arange(n)),
            ids(f"{county.id}-staff-", rng.integers(0, max(n * 2, 1), n)),
            take(homes or [""], rng.integers(0, max(len(homes), 1), n)),
            take(hosts or [""], rng.integers(0, max(len(hosts), 1), n)),
            take(titles, choose(rng, np.asarray([0.25, 0.55, 0.2]), n)),
            dates(dt.date(year, 1, 1), start),
            dates(dt.date(year, 1, 1), start + length),
        ],
        schema=schema(RecordKind.POSTINGS),
    )


def _register(index: CountyIndex, year: int, s: Scenario, seed: int) -> pa.Table:
    """The register as it stands at the end of ``year``.

    One cohort per county and seed, so that the snapshots of several years agree (the same
    patient keeps the same id, institution and enrolment date): enrolled between 2010 and 2019,
    leaving at about 5 % a year from 2020 on. A snapshot lists the patients enrolled by the end
    of ``year`` and only the exits that happened by then. Patient ids are those of the visits.
    """
    county = index.county
    rng = np.random.default_rng([seed, 17, *county.id.encode()])
    primary = [i for i in county.institutions if i.is_primary]
    n_people = county.population
    n_h = round(s.hypertension_managed_share * n_people) if primary else 0
    n_d = round(s.diabetes_managed_share * n_people) if primary else 0
    n = n_h + n_d
    patients = np.concatenate(
        [rng.choice(n_people, n_h, replace=False), rng.choice(n_people, n_d, replace=False)]
    ) if n else np.zeros(0, dtype=np.int64)  # fmt: skip
    institution = choose(rng, weights(index, primary), n)
    origin = dt.date(2010, 1, 1)
    enrolled = rng.integers(0, (dt.date(2020, 1, 1) - origin).days, n)
    exit_day = (dt.date(2020, 1, 1) - origin).days + rng.exponential(20 * 365.25, n).astype(
        np.int64
    )
    year_end = (dt.date(year, 12, 31) - origin).days
    listed = enrolled <= year_end
    exited = dates(origin, exit_day)
    return pa.table(
        [
            ids(f"{county.id}-p", patients.astype(np.int64)),
            take([c.value for c in ChronicCondition], (np.arange(n) >= n_h).astype(np.int64)),
            take([i.id for i in primary] or [""], institution),
            dates(origin, enrolled),
            pc.if_else(pa.array(exit_day <= year_end), exited, pa.scalar(None, pa.date32())),
        ],
        schema=schema(RecordKind.CHRONIC_REGISTER),
    ).filter(pa.array(listed))


def _population(index: CountyIndex, year: int) -> pa.Table:
    """Each township's residents split over the age bands; the bands add up to the township."""
    areas, bands, counts = [], [], []
    shares = np.asarray(AGE_STRUCTURE) / sum(AGE_STRUCTURE)
    for township in index.county.townships:
        split = np.floor(shares * township.population).astype(np.int64)
        split[np.argmax(shares)] += township.population - int(split.sum())
        areas += [township.id] * len(AGE_BANDS_ALL)
        bands += list(AGE_BANDS_ALL)
        counts += split.tolist()
    return pa.table(
        [
            pa.array(areas, type=pa.string()),
            pa.array([year] * len(areas), type=pa.int16()),
            pa.array(bands, type=pa.string()),
            pa.array(counts, type=pa.int64()),
        ],
        schema=schema(RecordKind.POPULATION),
    )


def _deaths(index: CountyIndex, year: int, s: Scenario, rng: _Rng) -> pa.Table:
    county = index.county
    towns = county.townships
    n = round(s.death_rate * county.population) if towns else 0
    weights = np.asarray([max(t.population, 1) for t in towns], dtype=np.float64)
    days = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
    causes = [c.value for c in DeathCause]
    _none = np.zeros(0, np.int64)
    return pa.table(
        [
            ids(f"{county.id}-{year}-d", np.arange(n)),
            take([t.id for t in towns] or [""], choose(rng, weights, n) if towns else _none),
            dates(dt.date(year, 1, 1), rng.integers(0, days, n)),
            pa.array(np.clip(rng.normal(72, 14, n), 0, 105).astype(np.int16)),
            take(causes, choose(rng, np.asarray([0.45, 0.24, 0.09, 0.03, 0.19]), n)),
        ],
        schema=schema(RecordKind.DEATHS),
    )  # fmt: skip


@boundary
def generate(
    county: CountyLike, year: IntLike, scenario: Scenario | None = None, *, seed: IntLike = 0
) -> dict[RecordKind, pa.Table]:
    """Every kind of record for one county-year, as Arrow tables in the canonical schemas.

    Parameters
    ----------
    county
        The county model; institutions, townships and populations shape the records.
    year
        The calendar year; every record's date lies inside it (discharges may fall after it).
    scenario
        Rates, shares and costs; the defaults follow the NHC statistical communiqué 2023
        (:mod:`countycare.sources`).
    seed
        Seed of the random generator (combined with the county id and year).
    """
    county = coerce.county(county, "county")
    year, seed = coerce.count(year, "year"), coerce.count(seed, "seed")
    s = scenario or Scenario()
    index = CountyIndex(county)
    mix = [seed, year, *county.id.encode()]
    rng = np.random.default_rng(mix)
    encounter_table, arrays = encounters(index, year, s, rng, county.population)
    return {
        RecordKind.ENCOUNTERS: encounter_table,
        RecordKind.CLAIMS: claims(county, year, s, rng, arrays),
        RecordKind.REFERRALS: referrals(index, year, s, rng, arrays),
        RecordKind.REMOTE_READS: _remote_reads(index, year, s, rng),
        RecordKind.POSTINGS: _postings(index, year, s, rng),
        RecordKind.CHRONIC_REGISTER: _register(index, year, s, seed),
        RecordKind.DEATHS: _deaths(index, year, s, rng),
        RecordKind.POPULATION: _population(index, year),
    }
