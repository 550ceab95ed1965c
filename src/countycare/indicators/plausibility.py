"""Plausibility of measure figures: what a real county cannot report, and what it rarely does.

Syntax is not enough: a file may be well-formed and still say that a county's primary-care
visits exceed all its visits (a share of 200 %), count half a visit, or give money in yuan that
was meant in 万元. :func:`part_whole_problems` and :func:`count_problems` are errors (no real
county reports them); :func:`scale_warnings` is a warning printed beside the result and carried
in its JSON (a real county could, rarely, report such a figure).

Examples
--------
>>> from countycare.indicators.table import MeasureTable
>>> table = MeasureTable.from_rows([
...     ("c", "2024", "visits", "", 100.0), ("c", "2024", "visits_primary", "", 200.0)])
>>> [str(p) for p in part_whole_problems(table)]
['c 2024 visits_primary: 200 is more than its whole visits (100)']
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from countycare.errors import Problem, Severity
from countycare.indicators.measure_types import MeasureKind
from countycare.indicators.measures import MEASURES
from countycare.indicators.table import MeasureTable, key_text
from countycare.units import parse_unit

if TYPE_CHECKING:
    from countycare.indicators.definitions import IndicatorDefinition

__all__ = [
    "PARTS",
    "count_problems",
    "is_whole_count",
    "part_above_whole",
    "part_whole_problems",
    "scale_warnings",
]

#: Measures that are a part of another in the same scope, period and category.
PARTS: tuple[tuple[str, str], ...] = (
    ("visits_primary", "visits"),
    ("visits_tcm", "visits"),
    ("township_outpatient_visits", "visits"),
    ("village_clinics_with_ecg", "village_clinics"),
    ("admissions_insured_in_county", "admissions_insured_total"),
    ("fund_paid_residents", "total_cost_residents"),
    ("health_literate_respondents", "survey_respondents"),
    ("resident_episodes_in_county", "resident_episodes_total"),
    ("primary_institutions_up_to_standard", "primary_institutions"),
    ("lead_grade34_surgical_discharges", "lead_surgical_discharges"),
    ("lead_surgical_discharges", "lead_discharges"),
    ("medical_service_revenue", "medical_revenue"),
    ("medical_revenue_ex_drugs", "medical_revenue"),
    ("fund_spending_in_county_ex_pharmacy", "fund_spending_insured_ex_pharmacy"),
    ("managed_chronic_admitted", "managed_chronic_patients"),
    ("family_doctor_contracts", "resident_population"),
    ("ncd4_deaths", "population_by_age"),
    # The parts of the shares of the 2020 and 2015 catalogues (a share is a part of its whole).
    # Not parts (their ratios may pass 100 %): consumables per 100 yuan of revenue (a cost over a
    # revenue), two-week prevalence (cases, not persons, over respondents); the Wanrong
    # referral rates (referrals over admissions: no public definition says one is the other's
    # part).
    ("fund_spending_primary", "fund_spending_in_county_ex_pharmacy"),
    ("staff_expenditure", "operating_expenditure"),
    ("managed_chronic_patients", "chronic_patients"),
    ("standard_managed_chronic_patients", "chronic_patients"),
    ("standard_managed_chronic_patients", "managed_chronic_patients"),
    ("survey_ill_first_primary", "survey_ill_two_weeks"),
    ("visits_tcm_primary", "visits_primary"),
    ("visits_tcm_primary", "visits_tcm"),
)

#: Money per resident and year beyond which a figure is likely a 万元/亿元 slip (yuan).
PER_RESIDENT_YUAN = (1.0, 100_000.0)

_YUAN = parse_unit("yuan").dimensionality

Key = tuple[str, str, str, str]


def _values(table: MeasureTable) -> dict[Key, float]:
    return {(r.scope, r.period, r.measure, r.category): r.value for r in table}


def part_whole_problems(
    table: MeasureTable, places: Mapping[Key, str] | None = None
) -> list[Problem]:
    """A problem for each part larger than its whole (see :data:`PARTS`).

    With ``places`` (where each key's value is in the file: ``row 3, column value``, a JSON
    path…) the problem names the part's place; else its key.
    """
    values = _values(table)
    problems = []
    for (scope, period, code, category), value in values.items():
        for part, whole in PARTS:
            if code != part:
                continue
            total = values.get((scope, period, whole, category))
            if total is not None and value > total * (1 + 1e-9):
                key = (scope, period, code, category)
                where = places[key] if places and key in places else key_text(*key)
                problems.append(
                    Problem(where, f"{value:,.15g} is more than its whole {whole} ({total:,.15g})")
                )
    return problems


def part_above_whole(
    definition: IndicatorDefinition, numerator: float | None, denominator: float | None
) -> str | None:
    """Why a ratio's value is implausible, or None: a ratio of a part to its whole (a pair of
    :data:`PARTS`) whose numerator is larger than its denominator — a share above 100 %.
    Worded as :func:`part_whole_problems` words it, so that a table built in Python (which no
    file reader checked) is marked as a file would be refused.

    >>> from countycare.indicators.catalogues import indicator_set
    >>> d = indicator_set("nhc-2024").get("primary_fund_share")
    >>> print(part_above_whole(d, 1_200_000.0, 1_000_000.0))
    1,200,000 is more than its whole fund_spending_in_county_ex_pharmacy (1,000,000)
    >>> part_above_whole(d, 900_000.0, 1_000_000.0) is None
    True
    """
    from countycare.indicators.formulas import Ratio

    formula = definition.formula
    if not isinstance(formula, Ratio) or (formula.numerator, formula.denominator) not in PARTS:
        return None
    if numerator is None or not denominator or not numerator > denominator * (1 + 1e-9):
        return None
    return f"{numerator:,.15g} is more than its whole {formula.denominator} ({denominator:,.15g})"


def is_whole_count(code: str) -> bool:
    """Whether a figure of measure ``code`` is a whole number: a count of a flow (visits,
    referrals, deaths), not money nor a stock (an average population may be fractional).

    >>> is_whole_count("visits"), is_whole_count("fund_paid_residents")
    (True, False)
    """
    measure = MEASURES.get(code)
    if measure is None or measure.kind is not MeasureKind.FLOW:
        return False
    return bool(parse_unit(measure.unit).dimensionality != _YUAN)


def count_problems(
    records: Iterable[tuple[Key, float]], places: Mapping[Key, str] | None = None
) -> list[Problem]:
    """A problem for each fractional count of a flow (12.5 visits): counts are whole numbers.
    ``places`` as for :func:`part_whole_problems`."""
    problems = []
    for key, value in records:
        if is_whole_count(key[2]) and math.isfinite(value) and value != math.floor(value):
            where = places[key] if places and key in places else key_text(*key)
            unit = MEASURES[key[2]].unit
            problems.append(Problem(where, f"a count of {unit}s must be whole, got {value:g}"))
    return problems


def scale_warnings(table: MeasureTable) -> list[Problem]:
    """Warnings for money per resident outside :data:`PER_RESIDENT_YUAN` (a 万元/亿元 slip?)."""
    values = _values(table)
    low, high = PER_RESIDENT_YUAN
    warnings = []
    for (scope, period, code, category), value in sorted(values.items()):
        measure = MEASURES.get(code)
        if measure is None or parse_unit(measure.unit).dimensionality != _YUAN or category:
            continue
        population = values.get((scope, period, "resident_population", ""))
        if not population or value == 0:
            continue
        per = value / population
        if low <= per <= high:
            continue
        slip = "万元 or 亿元 written as yuan" if per > high else "yuan written as 万元 or 亿元"
        warnings.append(
            Problem(
                f"{scope} {period} {code}",
                f"{per:,.4g} yuan per resident is far outside a county's scale "
                f"({low:g}–{high:,.0f}); check the unit ({slip}?)",
                Severity.WARNING,
            )
        )
    return warnings
