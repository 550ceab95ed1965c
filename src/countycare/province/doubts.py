"""Figures in doubt behind a province comparison: what no real county reports, or rarely does.

A comparison must never print an implausible value as if it were normal. Two judgements find
the figures behind such a value, county by county:

* the measures themselves (:mod:`countycare.indicators.plausibility`): a part larger than its
  whole (primary visits above all visits) is an error; money far outside a county's scale (a
  万元/亿元 slip) is a warning;
* the value of a share (a ratio of two measures in percent): above 100 % its numerator is a
  part larger than its whole, whichever the two measures are (a pair the measures file check
  does not know, such as primary fund spending over in-county spending).

:func:`~countycare.province.compare.compare_province` attaches the doubts to each county's line
(:attr:`~countycare.province.compare.CountyLine.doubts`), so the text, the JSON and the HTML
page of the comparison all mark the same values.

Examples
--------
>>> from countycare.indicators.table import MeasureTable
>>> t = MeasureTable.from_rows([
...     ("a", "2024", "visits", "", 100.0), ("a", "2024", "visits_primary", "", 150.0),
...     ("b", "2024", "visits", "", 100.0), ("b", "2024", "visits_primary", "", 50.0)])
>>> [str(d) for d in measure_doubts(t, ["a", "b"], ["2024"])]
['a 2024 visits_primary: 150 is more than its whole visits (100)']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from countycare.errors import Problem, Severity
from countycare.indicators.change import is_percent_scale
from countycare.indicators.definitions import IndicatorDefinition
from countycare.indicators.formulas import Ratio
from countycare.indicators.plausibility import part_whole_problems, scale_warnings
from countycare.indicators.table import MeasureTable

__all__ = ["Doubt", "measure_doubts", "share_doubt"]


@attrs.frozen(order=True)
class Doubt:
    """A figure in doubt: ``measure`` of ``scope`` at ``period``, and why.

    ``error`` is True for what no real county reports (a part above its whole), False for a
    warning (what a real county could, rarely, report).
    """

    scope: str
    period: str
    measure: str
    message: str
    error: bool = True

    def __str__(self) -> str:
        prefix = "" if self.error else "warning: "
        return f"{self.scope} {self.period} {self.measure}: {prefix}{self.message}"

    @property
    def reason(self) -> str:
        """What is wrong, without the place: ``visits_primary: 150 is more than …``."""
        prefix = "" if self.error else "warning: "
        return f"{self.measure}: {prefix}{self.message}"

    @classmethod
    def from_problem(cls, problem: Problem) -> Doubt | None:
        """The doubt a plausibility problem names (its path is ``scope period measure …``)."""
        parts = problem.path.split()
        if len(parts) < 3:
            return None
        return cls(
            parts[0], parts[1], parts[2], problem.message, problem.severity is Severity.ERROR
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``scope``, ``period``, ``measure``, ``message``, ``severity``."""
        return {
            "scope": self.scope,
            "period": self.period,
            "measure": self.measure,
            "message": self.message,
            "severity": "error" if self.error else "warning",
        }


def measure_doubts(
    table: MeasureTable, scopes: Iterable[str], periods: Iterable[str]
) -> tuple[Doubt, ...]:
    """The implausible measure figures of ``scopes`` at ``periods``, in key order."""
    rows = table.select(scope=list(scopes), period=list(periods))
    found = set()
    for problem in [*part_whole_problems(rows), *scale_warnings(rows)]:
        doubt = Doubt.from_problem(problem)
        if doubt is not None:
            found.add(doubt)
    return tuple(sorted(found))


def share_doubt(
    definition: IndicatorDefinition,
    scope: str,
    period: str,
    numerator: float | None,
    denominator: float | None,
) -> Doubt | None:
    """A doubt when ``definition`` is a share (a ratio in percent) whose numerator is larger
    than its denominator: a share above 100 %, worded as the measure check words a part above
    its whole.

    >>> from countycare.indicators.catalogues import indicator_set
    >>> d = indicator_set("nhc-2024").get("primary_fund_share")
    >>> print(share_doubt(d, "a", "2024", 1_200_000.0, 1_000_000.0))
    a 2024 fund_spending_primary: 1,200,000 is more than its whole \
fund_spending_in_county_ex_pharmacy (1,000,000)
    """
    formula = definition.formula
    if not isinstance(formula, Ratio) or not is_percent_scale(definition.unit):
        return None
    if numerator is None or not denominator or not numerator > denominator * (1 + 1e-9):
        return None
    return Doubt(
        scope,
        period,
        formula.numerator,
        f"{numerator:,.15g} is more than its whole {formula.denominator} ({denominator:,.15g})",
    )
