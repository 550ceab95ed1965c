"""Indicator formulas as DHIS2 numerator and denominator expressions.

DHIS2 computes an indicator as ``numerator ÷ denominator × factor`` where the factor is the
indicator type's (1, 100, 10 000) and each side is an expression over data element operands:
``#{dataElement}`` (the total over the category option combos) or
``#{dataElement.categoryOptionCombo}``, with ``+ - * /``, parentheses, numbers and, since
DHIS2 2.37, ``.periodOffset(-1)`` for the previous period.

The countycare formulas map as fractions: a count is ``a ÷ 1``; a ratio ``a ÷ b``; a ratio of
ratios ``(a × d) ÷ (b × c)``; growth ``(N·D' − N'·D) ÷ (N'·D)`` with ``'`` the previous period.
The premature-mortality probability (a product over age bands) and qualitative checklist items
have no such form: :func:`fraction` raises :class:`NotExpressibleError` with the reason.

Examples
--------
>>> from countycare.indicators.formulas import Ratio
>>> fraction(Ratio("visits_primary", "visits"), lambda c: f"#{{{c.measure}}}")
('#{visits_primary}', '#{visits}')
"""

from __future__ import annotations

from collections.abc import Callable

from countycare.indicators.formulas import (
    Checklist,
    Component,
    Count,
    Formula,
    Growth,
    PrematureMortality,
    Ratio,
    RatioOfRatios,
)
from countycare.units import Q_, parse_unit

__all__ = ["NotExpressibleError", "factor", "fraction"]

Operand = Callable[[Component], str]


class NotExpressibleError(ValueError):
    """A formula that DHIS2's numerator ÷ denominator × factor cannot express."""


def _times(a: str, b: str) -> str:
    if a == "1":
        return b
    if b == "1":
        return a
    return f"{_group(a)} * {_group(b)}"


def _group(expression: str) -> str:
    return f"({expression})" if any(op in expression for op in " +-") else expression


def _previous(operand: Operand) -> Operand:
    return lambda c: f"{operand(c)}.periodOffset(-1)"


def fraction(formula: Formula, operand: Operand) -> tuple[str, str]:
    """``(numerator, denominator)`` expressions of ``formula``; ``operand`` writes one
    component as ``#{…}``."""
    if isinstance(formula, Count):
        return operand(Component("value", formula.measure)), "1"
    if isinstance(formula, Ratio):
        return (
            operand(Component("numerator", formula.numerator)),
            operand(Component("denominator", formula.denominator)),
        )
    if isinstance(formula, RatioOfRatios):
        a, b = fraction(formula.numerator, operand)
        c, d = fraction(formula.denominator, operand)
        return _times(a, d), _times(b, c)
    if isinstance(formula, Growth):
        n, d = fraction(formula.of, operand)
        n0, d0 = fraction(formula.of, _previous(operand))
        return f"{_times(n, d0)} - {_times(n0, d)}", _times(n0, d)
    if isinstance(formula, PrematureMortality):
        raise NotExpressibleError(
            "a product over age bands (1 − Π(1 − q)) is no ratio of sums; compute it in "
            "countycare or as a DHIS2 program indicator"
        )
    if isinstance(formula, Checklist):
        raise NotExpressibleError(
            "a qualitative item is judged from answers, not from data elements"
        )
    # a formula kind of the caller's own: say what has a DHIS2 form, not the Python class
    raise NotExpressibleError(
        "a formula of a kind DHIS2 cannot express: only a count, a ratio, a ratio of ratios "
        "and a growth have a DHIS2 form"
    )


def factor(formula: Formula, unit: str) -> float:
    """The indicator type factor: how many declared units one natural unit of ``formula`` is
    (percent → 100, per 10,000 persons → 10 000, a plain ratio → 1)."""
    natural = Q_(1.0, formula.natural_unit())
    return float(natural.to(parse_unit(unit)).magnitude)
