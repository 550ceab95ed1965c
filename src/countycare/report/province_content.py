"""What the province comparison page shows: a comparison, and the province it compares.

The :class:`~countycare.province.compare.Comparison` holds every number and every figure in
doubt (:mod:`countycare.province.doubts`); the province adds the names of its places. The page
never shows a value computed from a figure in doubt as if it were normal: it marks the values
the comparison marks.

Examples
--------
>>> from countycare.indicators.table import MeasureTable
>>> from countycare.testing.records import small_record_county
>>> from countycare.labels import Name
>>> from countycare.province.compare import compare_province
>>> from countycare.province.model import Prefecture, Province
>>> p = Province("sp", Name("P", "省"), (Prefecture("pa", Name("A", "甲市"),
...     (small_record_county("a1"), small_record_county("a2"))),))
>>> t = MeasureTable.from_rows([
...     ("a1", "2024", "visits", "", 100.0), ("a1", "2024", "visits_primary", "", 70.0),
...     ("a2", "2024", "visits", "", 100.0), ("a2", "2024", "visits_primary", "", 150.0)])
>>> c = compare_province(t, p, "nhc-2024", "2024", indicators=["primary_visit_share"])
>>> report = build_province_report(c, p)
>>> [str(d) for d in report.comparison.doubts]
['a2 2024 visits_primary: 150 is more than its whole visits (100)']
>>> build_province_report(c, attrs.evolve(p, id="other"))
Traceback (most recent call last):
...
countycare.errors.ArgumentError: province: the comparison is of province 'sp', not of 'other'
"""

from __future__ import annotations

from typing import Any

import attrs

from countycare.calls import calls_checked
from countycare.coerce import refuse
from countycare.coerce.arguments import boundary
from countycare.errors import ArgumentError
from countycare.province.compare import Comparison
from countycare.province.model import Province

__all__ = ["ProvinceReport", "build_province_report"]


def _province(instance: object, attribute: object, value: Any) -> None:
    if not isinstance(value, Province):
        raise refuse("province", "a province (load_province)", value)


def _same_province(instance: ProvinceReport, attribute: object, value: Any) -> None:
    if not isinstance(value, Comparison):
        raise refuse("comparison", "a comparison of compare_province", value)
    if value.province_id != instance.province.id:
        raise ArgumentError(
            "province",
            f"the comparison is of province {value.province_id!r}, not of {instance.province.id!r}",
        )


@calls_checked
@attrs.frozen
class ProvinceReport:
    """A province comparison and the province it compares (for the names of its places)."""

    province: Province = attrs.field(validator=_province)
    comparison: Comparison = attrs.field(validator=_same_province)


@boundary
def build_province_report(comparison: Comparison, province: Province) -> ProvinceReport:
    """The page's content: ``comparison`` (of
    :func:`~countycare.province.compare.compare_province`) with the ``province`` it compares;
    a comparison of another province is refused (:class:`~countycare.errors.ArgumentError`)."""
    return ProvinceReport(province, comparison)
