"""Which measures the engine derives from records, and from which partial sums.

Each :class:`MeasureSpec` says where a measure of the data dictionary
(:mod:`countycare.indicators.measures`) comes from: a table of partial sums made by the one scan of
a kind of record (:mod:`countycare.records.stage1`), the aggregate over it, the institutions it
applies to, and how its monthly values make a year's. Measures not listed here (staff income and
headcounts, family-doctor contracts, the surveys) are not in any record schema: users supply them
in a measures file.

Examples
--------
>>> "visits_primary" in DERIVABLE, "survey_respondents" in DERIVABLE
(True, False)
>>> SPECS["lead_discharges"].period
'dym'
>>> sorted({s.kind.value for s in SPECS.values() if s.kind is not None})[:3]
['chronic_register', 'claims', 'deaths']
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from countycare.indicators.measures import AGE_BANDS_30_69, MEASURES
from countycare.records.schemas import RecordKind

__all__ = ["DERIVABLE", "NOT_DERIVABLE", "SPECS", "MeasureSpec", "kinds_for"]


@attrs.frozen
class MeasureSpec:
    """How one measure is derived.

    ``key`` names the institution (``key_type`` ``institution``) or area (``area``) column of
    ``table``; ``county`` measures exist only for the whole county. ``applies`` restricts the
    institutions (SQL over the institution lookup, alias ``d``). ``rule`` is ``sum`` (a year is
    the sum of its months), ``mean`` (the average of its months), ``direct`` (year values are
    computed directly, rows with an empty ``ym``) or ``year`` (yearly only).
    """

    code: str
    kind: RecordKind | None
    table: str
    value: str
    key: str | None = None
    key_type: str = "institution"
    applies: str = "true"
    where: str = "true"
    period: str = "ym"
    rule: str = "sum"
    category: str | None = None
    categories: tuple[str, ...] = ()
    extra_kinds: tuple[RecordKind, ...] = ()
    #: Scopes with rows: ``all`` (institutions, townships, county), ``areas`` (townships and
    #: county) or ``county``. A measure the data dictionary counts for an area's residents is
    #: never given at an institution.
    scopes: str = "all"


_E, _C = RecordKind.ENCOUNTERS, RecordKind.CLAIMS


def _enc(
    code: str, value: str, applies: str = "true", period: str = "ym", scopes: str = "all"
) -> MeasureSpec:
    return MeasureSpec(code, _E, "s1_encounters", value, "institution_key", applies=applies,
                       period=period, scopes=scopes)  # fmt: skip


def _ref(
    code: str, direction: str, status: str = "completed", applies: str = "true"
) -> MeasureSpec:
    """Referrals of ``direction`` and ``status`` by sender: the measures of completed referrals
    count completed ones only, as :func:`countycare.referrals.referral_measures` does."""
    return MeasureSpec(
        code, RecordKind.REFERRALS, "s1_referrals_dir", f"sum({status})", "from_key",
        where=f"direction = '{direction}'", applies=applies,
    )  # fmt: skip


_DIRECTIONS = (
    ("upward_referrals", "up"),
    ("downward_referrals", "down"),
    ("out_of_county_referrals", "out"),
)


_ALL_SPECS = (
    _enc("visits", "sum(visits)"),
    _enc("visits_primary", "sum(visits)", "d.is_primary"),
    _enc("visits_tcm", "sum(visits_tcm)"),
    _enc("township_outpatient_visits", "sum(outpatient)", "d.is_township_centre"),
    _enc("admissions_insured_in_county", "sum(adm_insured)"),
    _enc("inpatient_cost_insured_in_county", "sum(cost_adm_insured)"),
    _enc("total_cost_residents", "sum(cost_resident)", scopes="county"),
    _enc("fund_paid_residents", "sum(fund_resident)", scopes="county"),
    _enc("out_of_pocket_residents", "sum(cost_resident) - sum(fund_resident)", scopes="county"),
    _enc("lead_discharges", "sum(discharges)", "d.is_lead", period="dym"),
    _enc("resident_episodes_in_county", "sum(resident_episodes)", scopes="county"),
    MeasureSpec(
        "resident_episodes_total", _E, "s1_episodes", "sum(episodes)", key_type="county",
        scopes="county",
        extra_kinds=(_C,),
    ),
    MeasureSpec(
        "fund_spending_insured_ex_pharmacy", _C, "s1_claims", "sum(fund)", key_type="county",
        scopes="county",
        where="institution_key <> '~pharmacy'",
    ),
    MeasureSpec(
        "fund_spending_in_county_ex_pharmacy", _C, "s1_claims", "sum(fund)", "institution_key",
        scopes="county",
    ),
    MeasureSpec(
        "fund_spending_primary", _C, "s1_claims", "sum(fund)", "institution_key",
        applies="d.is_primary",
    ),
    MeasureSpec(
        "admissions_insured_total", _C, "s1_claims", "sum(admissions)", key_type="county",
        scopes="county",
        where="institution_key <> '~pharmacy'",
    ),
    *(_ref(code, direction) for code, direction in _DIRECTIONS),
    *(
        _ref(f"{code}_{status}", direction, status)
        for code, direction in _DIRECTIONS
        for status in ("pending", "cancelled")
    ),
    _ref("lead_downward_referrals", "down", applies="d.is_lead"),
    MeasureSpec(
        "remote_reads", RecordKind.REMOTE_READS, "s1_remote_reads", "sum(reads)",
        "requesting_key", applies="d.is_primary",
    ),
    MeasureSpec(
        "stationed_physicians", RecordKind.POSTINGS, "s1_postings", "sum(stationed)",
        "institution_key", applies="d.is_primary", period="y", rule="year",
    ),
    MeasureSpec(
        "managed_chronic_patients", RecordKind.CHRONIC_REGISTER, "s1_register_managed",
        "sum(managed)", "institution_key", applies="d.is_primary", rule="mean",
        scopes="areas",
    ),
    MeasureSpec(
        "managed_chronic_admitted", RecordKind.CHRONIC_REGISTER, "s1_register_admitted",
        "sum(admitted)", "institution_key", applies="d.is_primary", period="y", rule="year",
        scopes="areas",
        extra_kinds=(_E,),
    ),
    MeasureSpec(
        "ncd4_deaths", RecordKind.DEATHS, "s1_deaths", "sum(ncd4)", "area_key", key_type="area",
        scopes="areas",
        category="band", categories=AGE_BANDS_30_69,
    ),
    MeasureSpec(
        "population_by_age", RecordKind.POPULATION, "s1_population", "sum(population)",
        "area_key", key_type="area",
        scopes="areas", period="y", rule="year", category="band",
        categories=AGE_BANDS_30_69,
    ),
    MeasureSpec(
        "resident_population", RecordKind.POPULATION, "s1_population", "sum(population)",
        "area_key", key_type="area",
        scopes="areas", period="y", rule="year",
    ),
    MeasureSpec(
        "village_clinics", None, "dim_model", "sum(clinics)", "institution_key",
        period="y", rule="year", applies="d.is_village_clinic", scopes="areas",
    ),
    MeasureSpec(
        "village_clinics_with_ecg", None, "dim_model", "sum(with_ecg)", "institution_key",
        period="y", rule="year", applies="d.is_village_clinic", scopes="areas",
    ),
    MeasureSpec(
        "primary_institutions", None, "dim_model", "sum(primary_count)", "institution_key",
        period="y", rule="year", applies="d.is_primary", scopes="areas",
    ),
)  # fmt: skip

#: Every derivable measure's spec, by code.
SPECS: Mapping[str, MeasureSpec] = {s.code: s for s in _ALL_SPECS}

#: Codes of the measures derivable from records (and, for village clinics, the county model).
DERIVABLE: frozenset[str] = frozenset(SPECS)

#: Codes of the data dictionary that no record schema carries: users supply them as measures.
NOT_DERIVABLE: frozenset[str] = frozenset(MEASURES) - DERIVABLE


def kinds_for(codes: frozenset[str] | set[str]) -> frozenset[RecordKind]:
    """The kinds of record needed to derive ``codes``."""
    kinds: set[RecordKind] = set()
    for code in codes:
        spec = SPECS[code]
        if spec.kind is not None:
            kinds.add(spec.kind)
        kinds.update(spec.extra_kinds)
    return frozenset(kinds)
