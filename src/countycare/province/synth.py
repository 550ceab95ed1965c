"""A synthetic province: N counties with a realistic spread, seeded and reproducible.

:func:`synthetic_province` draws a province of ``n`` counties in prefectures of three to twelve
counties. Every county has the structure of the embedded Wanrong model (townships, villages,
institutions, one medical community) under ids of its own, and differs from the others where
counties of one province differ:

* its name: two syllables common in Chinese place names, the county 安平县 with the id
  ``anping`` (a drawn name may happen to be a real county's: each county's province is
  示例省 / Synthetic Province, and its provenance says it is synthetic);
* resident population: log-normal around 250,000 (Shanxi: 117 county-level units, 34.66 million
  residents, about 296,000 each), between 40,000 and 1.2 million, times ``scale``;
* where care happens (:class:`~countycare.records.scenario.Scenario`): the shares of first
  contact at village, township and county level (hence the primary visit share), visits per
  resident, admissions of the insured outside the county, the fund's payment ratios, remote
  diagnostic reads per resident and physicians posted to primary care per 10,000 residents;
* which village clinics have an ECG device (coverage between about 10 % and 95 %);
* the medical community's founding date, staggered from 2017 to 2023.

These are illustrative draws, not figures of any province. :func:`write_synthetic_province`
writes the province file, the county files (JSON, which reads ten times faster than TOML) and the
records (partitioned by kind, county and
year, as :func:`~countycare.records.dataset.write_dataset` does for one county).

Examples
--------
>>> province, scenarios = synthetic_province(4, seed=1, scale=0.01)
>>> len(province.counties), len(province.prefectures) >= 1
(4, True)
>>> synthetic_province(4, seed=1, scale=0.01)[0] == province
True
>>> county = province.counties[0]
>>> county.name.zh.endswith("县"), county.id.isalpha(), county.province.zh
(True, True, '示例省')
>>> shares = sorted(round(sum(s.first_contact_shares[:2]), 2) for s in scenarios.values())
>>> shares[0] < shares[-1]
True
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import numpy as np

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.errors import ArgumentError
from countycare.io.county_files import load_county
from countycare.labels import InstitutionKind, Name, Service
from countycare.provenance import Fact, Origin, Provenance
from countycare.province.files import dump_province
from countycare.province.model import Prefecture, Province
from countycare.records.dataset import clone_county, write_dataset
from countycare.records.scenario import Scenario
from countycare.records.schemas import RecordKind
from countycare.records.synthetic import generate

if TYPE_CHECKING:
    from countycare.forms import IntLike

__all__ = ["PROVINCE_FILE", "synthetic_province", "write_synthetic_province"]

#: The name of the province file in a synthetic dataset folder.
PROVINCE_FILE = "province.toml"

_MEDIAN_POPULATION = 250_000
_SIGMA = 0.55
_LIMITS = (40_000, 1_200_000)

#: First syllables of a place name (Chinese, pinyin).
_FIRST = (
    ("安", "an"), ("宝", "bao"), ("昌", "chang"), ("崇", "chong"), ("大", "da"), ("德", "de"),
    ("东", "dong"), ("汾", "fen"), ("丰", "feng"), ("高", "gao"), ("古", "gu"), ("和", "he"),
    ("华", "hua"), ("吉", "ji"), ("嘉", "jia"), ("金", "jin"), ("乐", "le"), ("临", "lin"),
    ("灵", "ling"), ("龙", "long"), ("宁", "ning"), ("平", "ping"), ("祁", "qi"), ("清", "qing"),
    ("瑞", "rui"), ("寿", "shou"), ("泰", "tai"), ("文", "wen"), ("武", "wu"), ("西", "xi"),
    ("襄", "xiang"), ("新", "xin"), ("兴", "xing"), ("阳", "yang"), ("永", "yong"), ("榆", "yu"),
)  # fmt: skip

#: Second syllables: none begins with a vowel, so the pinyin needs no apostrophe (Xi'an).
_SECOND = (
    ("城", "cheng"), ("川", "chuan"), ("丰", "feng"), ("谷", "gu"), ("河", "he"), ("江", "jiang"),
    ("岚", "lan"), ("林", "lin"), ("陵", "ling"), ("隆", "long"), ("宁", "ning"), ("平", "ping"),
    ("泉", "quan"), ("山", "shan"), ("寿", "shou"), ("水", "shui"), ("台", "tai"), ("田", "tian"),
    ("阳", "yang"), ("源", "yuan"), ("泽", "ze"), ("州", "zhou"),
)  # fmt: skip


#: Places a reader of Shanxi's figures would take for real ones (its prefecture-level cities).
_KNOWN = frozenset({"taiyuan", "yangquan", "jincheng", "xinzhou", "yuncheng", "wanrong"})


def _place_names(n: int, rng: np.random.Generator) -> list[tuple[str, str, str]]:
    """``n`` distinct names as ``(id, English, Chinese)``: ``("anping", "Anping", "安平")``;
    beyond the syllables' combinations, the id and name gain a number."""
    pairs = [(a, b) for a in _FIRST for b in _SECOND
             if a[0] != b[0] and a[1] + b[1] not in _KNOWN]  # fmt: skip
    order = rng.permutation(len(pairs))
    names = []
    for k in range(n):
        (zh1, py1), (zh2, py2) = pairs[int(order[k % len(pairs)])]
        round_ = k // len(pairs)
        suffix = str(round_ + 1) if round_ else ""
        names.append((py1 + py2 + suffix, (py1 + py2).capitalize() + suffix, zh1 + zh2 + suffix))
    return names


def _with_ecg(county: County, coverage: float, rng: np.random.Generator) -> County:
    """``county`` with an ECG device in a ``coverage`` share of its village clinics, at random."""
    clinics = [i for i, x in enumerate(county.institutions)
               if x.kind is InstitutionKind.VILLAGE_CLINIC]  # fmt: skip
    if not clinics:
        return county
    chosen = set(rng.choice(clinics, size=round(coverage * len(clinics)), replace=False).tolist())
    institutions = list(county.institutions)
    for i in clinics:
        services = institutions[i].services - {Service.ECG}
        institutions[i] = attrs.evolve(
            institutions[i], services=services | {Service.ECG} if i in chosen else services
        )
    return attrs.evolve(county, institutions=tuple(institutions))


def _scaled(county: County, population: int) -> County:
    """``county`` with its villages' populations scaled to ``population`` residents in all."""
    factor = population / max(county.population, 1)
    townships = tuple(
        attrs.evolve(
            t,
            villages=tuple(
                attrs.evolve(v, population=max(1, round(v.population * factor))) for v in t.villages
            ),
        )
        for t in county.townships
    )
    return attrs.evolve(county, townships=townships, registered_population=None)


def _founded(county: County, day: dt.date) -> County:
    """``county`` with its medical communities founded on ``day`` (memberships from then on)."""
    communities = tuple(
        attrs.evolve(
            c,
            founded=day,
            memberships=tuple(attrs.evolve(m, valid_from=day) for m in c.memberships),
        )
        for c in county.communities
    )
    return attrs.evolve(county, communities=communities)


def _scenario(rng: np.random.Generator) -> Scenario:
    village = float(rng.uniform(0.20, 0.36))
    township = float(rng.uniform(0.24, 0.38))
    return Scenario(
        visits_per_resident=float(np.clip(rng.normal(6.8, 0.8), 4.5, 9.5)),
        first_contact_shares=(village, township, 1.0 - village - township),
        out_of_county_admission_share=float(rng.uniform(0.06, 0.25)),
        out_of_county_visit_share=float(rng.uniform(0.02, 0.08)),
        fund_ratio_admission=float(rng.uniform(0.55, 0.70)),
        fund_ratio_visit=float(rng.uniform(0.35, 0.55)),
        tcm_share=float(rng.uniform(0.08, 0.20)),
        # remote reads and postings depend on each group's platform and staff: wide spreads
        remote_reads_per_resident=float(np.clip(rng.lognormal(np.log(0.25), 0.6), 0.03, 1.2)),
        postings_per_10k=float(np.clip(rng.lognormal(np.log(3.0), 0.45), 0.5, 10.0)),
    )


def _prefecture_sizes(n: int, rng: np.random.Generator) -> list[int]:
    sizes: list[int] = []
    while sum(sizes) < n:
        sizes.append(min(int(rng.integers(3, 13)), n - sum(sizes)))
    return sizes


@boundary
def synthetic_province(
    n: IntLike,
    *,
    seed: IntLike = 0,
    scale: float = 1.0,
    base: County | None = None,
    province_id: str = "sp",
) -> tuple[Province, dict[str, Scenario]]:
    """A province of ``n`` synthetic counties, and the scenario each county's records follow.

    Parameters
    ----------
    n
        Number of counties (at least 1).
    seed
        Seed: the same ``n``, ``seed``, ``scale`` and ``base`` give the same province.
    scale
        Multiplies every population (``0.01`` for a quick test: a few thousand residents a
        county, some ten thousand encounters a year).
    base
        The county whose structure every county copies (default the embedded Wanrong model).
    province_id
        Id of the province; prefectures and counties have drawn names (``anping``, 安平县).
    """
    n, seed = coerce.count(n, "n"), coerce.count(seed, "seed")
    if n < 1:
        raise ArgumentError("n", f"the number of counties must be at least 1, got {n!r}")
    if not 0 < scale <= 10:
        raise ArgumentError("scale", f"must be above 0 and at most 10, got {scale!r}")
    rng = np.random.default_rng([seed, 15])
    template = base if base is not None else load_county("wanrong")
    sizes = _prefecture_sizes(n, rng)
    # names from a stream of their own, so that drawing them shifts none of the other draws
    names = iter(_place_names(n + len(sizes), np.random.default_rng([seed, 15, 1])))
    whole = Name("Synthetic Province", "示例省")
    prefectures: list[Prefecture] = []
    scenarios: dict[str, Scenario] = {}
    number = 0
    for size in sizes:
        code, en, zh = next(names)
        prefecture = Name(f"{en} Prefecture", f"{zh}市")
        counties = []
        for _ in range(size):
            number += 1
            people = float(np.clip(rng.lognormal(np.log(_MEDIAN_POPULATION), _SIGMA), *_LIMITS))
            founded = dt.date(int(rng.integers(2017, 2024)), int(rng.integers(1, 13)), 1)
            coverage = float(np.clip(rng.beta(2.2, 1.8), 0.05, 1.0))
            county_id, county_en, county_zh = next(names)
            clone = _with_ecg(clone_county(template, number), coverage, rng)
            county = attrs.evolve(
                _founded(_scaled(clone, max(1, round(people * scale))), founded),
                id=county_id,
                name=Name(f"{county_en} County", f"{county_zh}县"),
                prefecture=prefecture,
                province=whole,
                provenance=_synthetic(county_id, template, seed),
            )
            counties.append(county)
            scenarios[county.id] = _scenario(rng)
        prefectures.append(Prefecture(code, prefecture, counties))
    provenance = Provenance(
        facts=(
            Fact(
                "$",
                f"synthetic province of {n} counties drawn with seed {seed} at scale {scale}: "
                "structure copied from one county model, populations, care patterns and "
                "founding dates drawn at random",
                Origin.ILLUSTRATIVE,
            ),
        )
    )
    province = Province(province_id, whole, prefectures, provenance)
    return province, scenarios


def _synthetic(county_id: str, template: County, seed: int) -> Provenance:
    """What a synthetic county's figures are: drawn, or copied from ``template``; never sourced."""
    return Provenance(
        facts=(
            Fact(
                "$",
                f"synthetic county {county_id} (seed {seed}), not a real county: townships, "
                f"villages, institutions and other figures copied from the {template.name.en} "
                "model; name, population, village clinics' ECG devices and the medical "
                "community's founding date drawn at random",
                Origin.ILLUSTRATIVE,
            ),
        )
    )


@boundary
def write_synthetic_province(
    out: str | Path,
    n: IntLike,
    years: Sequence[int],
    *,
    seed: IntLike = 0,
    scale: float = 1.0,
    base: County | None = None,
    report: Callable[[str], None] | None = None,
) -> Province:
    """Write a synthetic province to ``out``: ``province.toml``, ``counties/*.json`` and the
    records of every county and year (``out/<kind>/county=<id>/year=<year>/``)."""
    province, scenarios = synthetic_province(n, seed=seed, scale=scale, base=base)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    # county files as JSON: a province of a hundred counties reads ten times faster than TOML
    dump_province(province, folder / PROVINCE_FILE, county_suffix=".json")
    for county in province.counties:
        started = time.perf_counter()
        tables = {y: generate(county, y, scenarios[county.id], seed=seed) for y in years}
        write_dataset(folder, county, tables)
        if report is not None:
            rows = sum(t[RecordKind.ENCOUNTERS].num_rows for t in tables.values())
            report(
                f"{county.id}: {rows:,} encounters in {len(years)} year(s), "
                f"{time.perf_counter() - started:.1f} s"
            )
    return province
