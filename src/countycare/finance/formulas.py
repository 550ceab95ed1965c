"""The formulas of the money model, each with its unit, citation and status, and money checks.

Every formula the finance package computes is listed in :data:`FORMULAS` with the status of its
source (docs page "Sources"): the budget and settlement formulas are a synthesis of
secondary sources, so they are [secondary] or [reconstructed], never [official]. Amounts are pint
quantities of the one registry (:mod:`countycare.units`) in any currency unit (``yuan``,
``wan_yuan``, ``yi_yuan``); :func:`yuan` checks and converts one.

Examples
--------
>>> FORMULAS["dip_point_value"].status.value
'secondary'
>>> yuan(Q_(1.5, "wan_yuan"), "budget")
15000.0
>>> yuan(12, "budget")
Traceback (most recent call last):
...
countycare.errors.UnitError: budget: an amount of money needs a currency unit ...
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from countycare.errors import UnitError
from countycare.labels import Name, SourceStatus
from countycare.units import Q_, ureg

__all__ = ["FORMULAS", "Formula", "share", "yuan", "yuan_array"]


@attrs.frozen
class Formula:
    """A formula: code, name, expression, unit of the result, citation and status."""

    code: str
    name: Name
    expression: str
    unit: str
    citation: str
    status: SourceStatus = attrs.field(converter=SourceStatus)


_SYNTHESIS = (
    "Total budget payment with surplus retained and reasonable overspend shared "
    "(总额付费、结余留用、合理超支分担), as county insurance agreements describe it; the formulas "
    "are a synthesis of local rules"
)

#: Every formula of :mod:`countycare.finance`, by code.
FORMULAS: dict[str, Formula] = {
    f.code: f
    for f in (
        Formula(
            "history_budget",
            Name("History-based global budget", "基于历史的总额预算"),
            "B = (Σ w_i × A_i) × (1 + g) × (1 − reserve_share), Σ w_i = 1",
            "yuan",
            _SYNTHESIS,
            SourceStatus.RECONSTRUCTED,
        ),
        Formula(
            "capitation_budget",
            Name("Capitation global budget", "按人头总额预算"),
            "B = insured × rate × (1 − reserve_share)",
            "yuan",
            _SYNTHESIS,
            SourceStatus.RECONSTRUCTED,
        ),
        Formula(
            "global_budget_settlement",
            Name("Settlement of a global budget", "总额预算年终清算"),
            "S = max(B − A, 0), retained = r × min(S, c_s × B); O = max(A − B, 0), "
            "reasonable = min(O, c_o × B); fund pays A + retained when S > 0, "
            "B + s × reasonable when O > 0; community bears A − fund payment",
            "yuan",
            _SYNTHESIS,
            SourceStatus.SECONDARY,
        ),
        Formula(
            "drg_payment",
            Name("DRG payment", "DRG付费"),
            "standard = weight × base rate; high outlier (cost > h × standard): standard + "
            "e × (cost − h × standard); low outlier (cost < l × standard): k × cost",
            "yuan",
            "医保发〔2021〕48号 DRG/DIP three-year action plan (payment = relative weight × base "
            "rate); outlier rules are local parameters",
            SourceStatus.SECONDARY,
        ),
        Formula(
            "dip_point_value",
            Name("DIP point value", "DIP点值"),
            "point value = fund budget ÷ Σ (points × coefficient)",
            "yuan / point",
            "医保办发〔2020〕45号 DIP pilot scheme (point value = fund budget ÷ total points, "
            "year-end)",
            SourceStatus.SECONDARY,
        ),
        Formula(
            "dip_payment",
            Name("DIP payment", "DIP付费"),
            "payment = points × coefficient × point value (payments add up to the budget)",
            "yuan",
            "医保办发〔2020〕45号 DIP pilot scheme",
            SourceStatus.SECONDARY,
        ),
        Formula(
            "per_bed_day_payment",
            Name("Per-bed-day payment", "按床日付费"),
            "payment = rate × min(days, cap)",
            "yuan",
            "Local per-bed-day payment rules (standard × days)",
            SourceStatus.SECONDARY,
        ),
        Formula(
            "actual_compensation_ratio",
            Name("Actual compensation ratio", "实际补偿比"),
            "fund-paid ÷ total eligible cost",
            "ratio",
            "Chinese health-insurance statistics (conventional definition)",
            SourceStatus.RECONSTRUCTED,
        ),
        Formula(
            "out_of_pocket",
            Name("Out-of-pocket cost", "自付费用"),
            "total cost − fund-paid",
            "yuan",
            "Chinese health-insurance statistics (conventional definition)",
            SourceStatus.RECONSTRUCTED,
        ),
    )
}


def yuan(amount: Any, what: str) -> float:
    """The magnitude of ``amount`` in yuan; :class:`UnitError` naming ``what`` if it is not money.

    A bare number is refused: an amount without a unit could be yuan or 万元.
    """
    if not isinstance(amount, ureg.Quantity):
        raise UnitError(
            f"{what}: an amount of money needs a currency unit (e.g. Q_(x, 'yuan')), got {amount!r}"
        )
    if amount.dimensionality != Q_(1, "yuan").dimensionality:
        raise UnitError(f"{what}: {amount} is not an amount of money (unit {amount.units})")
    value = float(amount.to("yuan").magnitude)
    if not np.isfinite(value):
        raise ValueError(f"{what} must be a finite amount, got {amount}")
    return value


def yuan_array(amounts: Any, what: str) -> np.ndarray[Any, np.dtype[np.float64]]:
    """An array of amounts (one Quantity wrapping an array) as float64 yuan."""
    if not isinstance(amounts, ureg.Quantity):
        raise UnitError(f"{what}: amounts of money need a currency unit, got a bare array")
    if amounts.dimensionality != Q_(1, "yuan").dimensionality:
        raise UnitError(f"{what}: unit {amounts.units} is not money")
    return np.asarray(amounts.to("yuan").magnitude, dtype=np.float64).reshape(-1)


def share(value: float, what: str) -> float:
    """Check that ``value`` is a share in [0, 1]; the error names ``what`` and quotes the value.

    >>> share(1.2, "surplus_share")
    Traceback (most recent call last):
    ...
    ValueError: surplus_share must be a share between 0 and 1, got 1.2
    """
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not (0.0 <= float(value) <= 1.0)
    ):
        raise ValueError(f"{what} must be a share between 0 and 1, got {value!r}")
    return float(value)
