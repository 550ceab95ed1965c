"""Classify death records by ICD-10 code and age into the ``ncd4_deaths`` measure of item 5.2.

The four major noncommunicable disease groups of premature mortality (WHO SDG indicator 3.4.1;
县域内四类慢性病过早死亡率) are ICD-10 ranges of the underlying cause of death:

- cardiovascular diseases (心脑血管疾病): I00–I99;
- cancers (癌症): C00–C97;
- chronic respiratory diseases (慢性呼吸系统疾病): J30–J98;
- diabetes (糖尿病): E10–E14.

:func:`classify_deaths` reads death records — a pandas or polars DataFrame, an Arrow table or an
iterable of mappings with the columns ``scope``, ``period``, ``icd10`` and ``age`` (whole years at
death) — and gives the ``ncd4_deaths`` rows by five-year band 30–34 … 65–69, so that users need
not classify causes themselves. Every record is counted once: as an NCD death in a band, as
another cause, or as an age outside 30–69; a record without a readable code or age is refused
with its row and column, never dropped.

Examples
--------
>>> ncd_group("I21.9").value, ncd_group("j44").value, ncd_group("J99") is None
('cardiovascular', 'chronic_respiratory', True)
>>> result = classify_deaths([
...     {"scope": "wanrong", "period": "2024", "icd10": "I63.9", "age": 62},
...     {"scope": "wanrong", "period": "2024", "icd10": "C34", "age": 64},
...     {"scope": "wanrong", "period": "2024", "icd10": "A15", "age": 50},
...     {"scope": "wanrong", "period": "2024", "icd10": "E11", "age": 75},
... ])
>>> result.table.get("wanrong", "2024", "ncd4_deaths", "60-64")
2.0
>>> result.table.get("wanrong", "2024", "ncd4_deaths", "30-34")
0.0
>>> result.ncd_in_bands, result.other_causes, result.outside_ages, result.records
(2, 1, 1, 4)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from countycare.calls import calls_checked
from countycare.coerce.arguments import boundary
from countycare.coerce.values import count, describe, name_arguments
from countycare.errors import ArgumentError, CountyCareError, DataError, FieldError, Problem
from countycare.indicators.measures import AGE_BANDS_30_69
from countycare.indicators.table import MeasureTable
from countycare.labels import BilingualEnum
from countycare.periods import Period
from countycare.tabular import is_table
from countycare.tabular import records as tabular_records

__all__ = [
    "ICD10_RANGES",
    "ClassifiedDeaths",
    "NcdGroup",
    "age_band",
    "classify_deaths",
    "ncd_group",
]


class NcdGroup(BilingualEnum):
    """The four NCD groups of premature mortality."""

    CARDIOVASCULAR = ("cardiovascular", "Cardiovascular diseases", "心脑血管疾病")
    CANCER = ("cancer", "Cancers", "癌症")
    CHRONIC_RESPIRATORY = (
        "chronic_respiratory",
        "Chronic respiratory diseases",
        "慢性呼吸系统疾病",
    )
    DIABETES = ("diabetes", "Diabetes", "糖尿病")


#: Each group's ICD-10 range of three-character categories, both ends included.
ICD10_RANGES: tuple[tuple[NcdGroup, str, str], ...] = (
    (NcdGroup.CARDIOVASCULAR, "I00", "I99"),
    (NcdGroup.CANCER, "C00", "C97"),
    (NcdGroup.CHRONIC_RESPIRATORY, "J30", "J98"),
    (NcdGroup.DIABETES, "E10", "E14"),
)

_CODE = re.compile(r"^([A-Z])(\d{2})(?:\.?[0-9A-Z]{0,4})?$")


def _category(code: str) -> str | None:
    """The three-character category of an ICD-10 code (``I21.9`` → ``I21``), or None."""
    match = _CODE.match(code.strip().upper())
    return f"{match.group(1)}{match.group(2)}" if match else None


@boundary
def ncd_group(code: str) -> NcdGroup | None:
    """The NCD group of an ICD-10 code, or None for another cause.

    Raises :class:`~countycare.errors.ArgumentError` for text that is not an ICD-10 code (a
    letter and two digits, then an optional subdivision: ``I21``, ``I21.9``, ``i219``).
    """
    category = _category(code)
    if category is None:
        raise ArgumentError("code", f"{code!r} is not an ICD-10 code (e.g. I21 or I21.9)")
    for group, low, high in ICD10_RANGES:
        if low <= category <= high:
            return group
    return None


def age_band(age: float) -> str | None:
    """The five-year band 30–34 … 65–69 of an age in whole years at death, or None outside.

    >>> age_band(30), age_band(69.9), age_band(70), age_band(29)
    ('30-34', '65-69', None, None)
    """
    if not math.isfinite(age) or age < 0:
        raise ValueError(f"an age must be a number of years ≥ 0, got {age!r}")
    years = math.floor(age)
    if not 30 <= years < 70:
        return None
    start = 30 + 5 * ((years - 30) // 5)
    return f"{start}-{start + 4}"


def _a_table(instance: object, attribute: attrs.Attribute[MeasureTable], value: object) -> None:
    if not isinstance(value, MeasureTable):
        raise FieldError("table", f"table must be a MeasureTable, got {describe(value)}")


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class ClassifiedDeaths:
    """The ``ncd4_deaths`` rows and how every record was counted (the counts add up)."""

    table: MeasureTable = attrs.field(validator=_a_table)
    records: int = attrs.field(converter=count)
    ncd_in_bands: int = attrs.field(converter=count)
    other_causes: int = attrs.field(converter=count)
    outside_ages: int = attrs.field(converter=count)
    by_group: Mapping[NcdGroup, int] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        parts = self.ncd_in_bands + self.other_causes + self.outside_ages
        if parts != self.records:  # every record counted once
            raise FieldError(
                "records",
                f"{self.ncd_in_bands} in the bands + {self.other_causes} of other causes + "
                f"{self.outside_ages} outside the ages != {self.records} records",
            )


def _rows(records: Any) -> list[dict[str, Any]]:
    """Records as a list of dicts, from pandas, polars, Arrow or an iterable of mappings."""
    if is_table(records):  # through the one frame-to-Arrow path
        return tabular_records(records, "records")
    if isinstance(records, Iterable) and not isinstance(records, str | bytes | Mapping):
        return [dict(r) if isinstance(r, Mapping) else {"": r} for r in records]
    raise DataError(
        [Problem("$", "expected a DataFrame, an Arrow table or an iterable of records")]
    )


_COLUMNS = ("scope", "period", "icd10", "age")


def _checked(
    row: Mapping[str, Any], line: int
) -> tuple[list[Problem], tuple[str, str, str, float]]:
    problems = []
    values = {c: row.get(c) for c in _COLUMNS}
    for column in _COLUMNS:
        value = values[column]
        if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
            problems.append(Problem(f"row {line}, column {column}", "the value is empty"))
    if problems:
        return problems, ("", "", "", 0.0)
    scope, period, code, age = (values[c] for c in _COLUMNS)
    try:
        period = str(Period.parse(str(period)))
    except CountyCareError as exc:
        problems.append(Problem(f"row {line}, column period", str(exc)))
    if _category(str(code)) is None:
        problems.append(
            Problem(f"row {line}, column icd10", f"{code!r} is not an ICD-10 code (e.g. I21.9)")
        )
    number = age if isinstance(age, int | float) and not isinstance(age, bool) else None
    if number is None or not math.isfinite(number) or number < 0:
        problems.append(Problem(f"row {line}, column age", f"expected years ≥ 0, got {age!r}"))
    return problems, (str(scope), str(period), str(code), float(number or 0.0))


@boundary
def classify_deaths(records: Any, *, source: str | None = None) -> ClassifiedDeaths:
    """The ``ncd4_deaths`` rows of ``records`` by scope, period and five-year band.

    Each (scope, period) present gets all eight bands 30–34 … 65–69, a band without an NCD death
    counting 0: the records are taken to be every death of that scope and period. Records are
    numbered from 1; every problem is reported at once in a :class:`DataError` naming
    ``source``.
    """
    rows = _rows(records)
    problems: list[Problem] = []
    counts: Counter[tuple[str, str, str]] = Counter()
    groups: Counter[NcdGroup] = Counter()
    keys: dict[tuple[str, str], None] = {}
    other = outside = 0
    for line, row in enumerate(rows, start=1):
        found, (scope, period, code, age) = _checked(row, line)
        if found:
            problems += found
            continue
        keys[(scope, period)] = None
        group, band = ncd_group(code), age_band(age)
        if group is None:
            other += 1
        elif band is None:
            outside += 1
        else:
            counts[(scope, period, band)] += 1
            groups[group] += 1
    if problems:
        raise DataError(problems, source)
    table = MeasureTable.from_rows(
        (scope, period, "ncd4_deaths", band, float(counts[(scope, period, band)]))
        for scope, period in keys
        for band in AGE_BANDS_30_69
    )
    return ClassifiedDeaths(table, len(rows), sum(counts.values()), other, outside, dict(groups))
