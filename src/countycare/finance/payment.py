"""Case-based payment: DRG, DIP and per-bed-day, computed on numpy arrays of cases.

- DRG (``drg_payment``): standard = relative weight × base rate; a case costing more than
  ``high_ratio`` × standard is a high outlier paid standard + ``high_extra_share`` × the cost above
  the threshold; a case costing less than ``low_ratio`` × standard is a low outlier paid
  ``low_cost_share`` × its cost. Every threshold and share is a parameter ([secondary]).
- DIP (``dip_payment``): point value = fund budget ÷ Σ(points × coefficient); each case is paid
  points × coefficient × point value, so the payments add up to the budget.
- Per-bed-day (``per_bed_day_payment``): rate × min(days, cap).

Examples
--------
>>> import numpy as np
>>> rules = DrgRules(base_rate=Q_(10_000, "yuan"), high_ratio=3.0, high_extra_share=0.9,
...                  low_ratio=0.4, low_cost_share=1.0)
>>> drg_payments(np.array([1.0, 1.0, 1.0]), Q_(np.array([8e3, 4e4, 2e3]), "yuan"), rules)
<Quantity([10000. 19000.  2000.], 'yuan')>
>>> dip = dip_payments(np.array([100.0, 300.0]), Q_(2, "wan_yuan"))
>>> dip.point_value, dip.payments
(<Quantity(50.0, 'yuan / point')>, <Quantity([ 5000. 15000.], 'yuan')>)
"""

from __future__ import annotations

import math
from typing import Any

import attrs
import numpy as np

from countycare.errors import UndefinedError
from countycare.finance.formulas import FORMULAS, Formula, share, yuan, yuan_array
from countycare.units import Q_, ureg

__all__ = [
    "DipResult",
    "DrgRules",
    "actual_compensation_ratio",
    "dip_payments",
    "drg_payments",
    "out_of_pocket",
    "per_bed_day_payments",
]

_Array = np.ndarray[Any, np.dtype[np.float64]]


def _positive_money(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if yuan(value, attribute.name) <= 0:
        raise ValueError(f"{attribute.name} must be positive, got {value}")


def _share(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    share(value, attribute.name)


def _ratio_above(bound: float) -> Any:
    def check(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > bound:
            raise ValueError(f"{attribute.name} must be a number above {bound}, got {value!r}")

    return check


@attrs.frozen
class DrgRules:
    """The local DRG parameters: base rate and the outlier rules."""

    base_rate: Any = attrs.field(validator=_positive_money)
    high_ratio: float = attrs.field(validator=_ratio_above(1.0))
    high_extra_share: float = attrs.field(validator=_share)
    low_ratio: float = attrs.field(validator=_share)
    low_cost_share: float = attrs.field(validator=_share)
    formula: Formula = attrs.field(default=FORMULAS["drg_payment"], init=False, repr=False)


def _non_negative(values: _Array, what: str) -> _Array:
    if values.size and (not np.all(np.isfinite(values)) or values.min() < 0):
        raise ValueError(f"{what} must be finite and ≥ 0")
    return values


def drg_payments(weights: Any, costs: Any, rules: DrgRules) -> Any:
    """DRG payment of each case (yuan) from relative weights and actual costs."""
    w = _non_negative(np.asarray(weights, dtype=np.float64).reshape(-1), "weights")
    c = _non_negative(yuan_array(costs, "costs"), "costs")
    if w.shape != c.shape:
        raise ValueError(f"weights ({w.size}) and costs ({c.size}) must have one value per case")
    standard = w * yuan(rules.base_rate, "base_rate")
    high = c > rules.high_ratio * standard
    low = c < rules.low_ratio * standard
    pay = standard.copy()
    pay[high] = standard[high] + rules.high_extra_share * (
        c[high] - rules.high_ratio * standard[high]
    )
    pay[low] = rules.low_cost_share * c[low]
    return Q_(pay, "yuan")


@attrs.frozen
class DipResult:
    """The DIP point value and the payment of each case."""

    point_value: Any
    payments: Any
    formula: Formula = attrs.field(default=FORMULAS["dip_payment"], init=False, repr=False)


def dip_payments(points: Any, budget: Any, coefficients: Any = None) -> DipResult:
    """DIP payments: point value = budget ÷ Σ(points × coefficients); payments add to the budget.

    ``coefficients`` (per case, e.g. an institution-level coefficient) multiply the points; pass
    None for none. A total of zero points leaves the point value undefined.
    """
    p = _non_negative(np.asarray(points, dtype=np.float64).reshape(-1), "points")
    k = (
        np.ones_like(p)
        if coefficients is None
        else _non_negative(np.asarray(coefficients, dtype=np.float64).reshape(-1), "coefficients")
    )
    if k.shape != p.shape:
        raise ValueError(f"coefficients ({k.size}) and points ({p.size}) must match")
    b = yuan(budget, "budget")
    if b < 0:
        raise ValueError(f"budget must not be negative, got {budget}")
    weighted = p * k
    total = float(weighted.sum())
    if total <= 0:
        raise UndefinedError("the DIP point value is undefined: the cases have no points")
    value = b / total
    return DipResult(point_value=Q_(value, "yuan / point"), payments=Q_(weighted * value, "yuan"))


def per_bed_day_payments(days: Any, rate: Any, cap: float | None) -> Any:
    """Per-bed-day payments: ``rate`` (yuan per bed-day) × days, days capped at ``cap``.

    >>> per_bed_day_payments(Q_(np.array([10, 90]), "bed_day"), Q_(200, "yuan / bed_day"), 60)
    <Quantity([ 2000. 12000.], 'yuan')>
    """
    if (
        not isinstance(days, ureg.Quantity)
        or days.dimensionality != Q_(1, "bed_day").dimensionality
    ):
        raise ValueError(f"days must be a quantity in bed_day, got {days!r}")
    if (
        not isinstance(rate, ureg.Quantity)
        or rate.dimensionality != Q_(1, "yuan / bed_day").dimensionality
    ):
        raise ValueError(f"rate must be money per bed_day, got {rate!r}")
    per_day = float(rate.to("yuan / bed_day").magnitude)
    if not math.isfinite(per_day) or per_day < 0:
        raise ValueError(f"rate must be a finite amount ≥ 0 per bed_day, got {rate!r}")
    d = _non_negative(
        np.asarray(days.to("bed_day").magnitude, dtype=np.float64).reshape(-1), "days"
    )
    if cap is not None:
        if isinstance(cap, bool) or not math.isfinite(cap) or cap <= 0:
            raise ValueError(f"cap must be a positive number of days or None, got {cap!r}")
        d = np.minimum(d, float(cap))
    return Q_(d * per_day, "yuan")


def actual_compensation_ratio(fund_paid: Any, total_cost: Any) -> Any:
    """实际补偿比 = fund-paid ÷ total eligible cost (a ratio; undefined when the cost is 0).

    >>> actual_compensation_ratio(Q_(65, "wan_yuan"), Q_(100, "wan_yuan"))
    <Quantity(0.65, 'dimensionless')>
    """
    paid, total = _paid_and_total(fund_paid, total_cost)
    if total == 0:
        raise UndefinedError("the actual compensation ratio is undefined: total cost is 0")
    return Q_(paid / total, "dimensionless")


def out_of_pocket(total_cost: Any, fund_paid: Any) -> Any:
    """自付 = total cost − fund-paid, in yuan.

    >>> out_of_pocket(Q_(100, "wan_yuan"), Q_(65, "wan_yuan")).to("wan_yuan")
    <Quantity(35.0, 'wan_yuan')>
    """
    paid, total = _paid_and_total(fund_paid, total_cost)
    return Q_(total - paid, "yuan")


def _paid_and_total(fund_paid: Any, total_cost: Any) -> tuple[float, float]:
    paid = yuan(fund_paid, "fund_paid")
    total = yuan(total_cost, "total_cost")
    if paid < 0 or total < 0:
        raise ValueError(
            f"amounts must not be negative (fund_paid {fund_paid}, total {total_cost})"
        )
    if paid > total:
        raise ValueError(f"fund_paid ({fund_paid}) exceeds total_cost ({total_cost})")
    return paid, total
