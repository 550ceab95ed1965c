"""Case-based payment: DRG, DIP and per-bed-day, computed on numpy arrays of cases.

- DRG (``drg_payment``): standard = relative weight × base rate × the hospital's coefficient
  (per case; 1 where none is used); a case costing more than ``high_ratio`` × standard is a high
  outlier paid standard + ``high_extra_share`` × the cost above the threshold; a case costing
  less than ``low_ratio`` × standard is a low outlier paid ``low_cost_share`` × its cost. Every
  threshold, share and coefficient is a parameter ([secondary]).
- DIP: :mod:`countycare.finance.dip` (point value in total-cost terms, outliers, the fund's
  payment net of what patients paid).
- Per-bed-day (``per_bed_day_payment``): rate × min(days, cap).
- The actual compensation ratio (实际补偿比) is fund-paid ÷ **total** medical cost; the in-scope
  reimbursement rate (政策范围内报销比例) is fund-paid ÷ policy-eligible cost: two measures.

Examples
--------
>>> import numpy as np
>>> rules = DrgRules(base_rate=Q_(10_000, "yuan"), high_ratio=3.0, high_extra_share=0.9,
...                  low_ratio=0.4, low_cost_share=1.0)
>>> drg_payments(np.array([1.0, 1.0, 1.0]), Q_(np.array([8e3, 4e4, 2e3]), "yuan"), rules)
<Quantity([10000. 19000.  2000.], 'yuan')>
>>> drg_payments(np.array([1.0]), Q_(np.array([8e3]), "yuan"), rules, coefficients=[1.1])
<Quantity([11000.], 'yuan')>
"""

from __future__ import annotations

import math
from typing import Any

import attrs
import numpy as np

from countycare.calls import calls_checked
from countycare.coerce import describe, money_pair, name_arguments, numeric
from countycare.coerce.arguments import boundary
from countycare.errors import ArgumentError, FieldError, UndefinedError
from countycare.finance.formulas import FORMULAS, Formula, number_array, share, yuan, yuan_array
from countycare.units import Q_, ureg

__all__ = [
    "DrgRules",
    "actual_compensation_ratio",
    "drg_payments",
    "in_scope_reimbursement_rate",
    "out_of_pocket",
    "per_bed_day_payments",
]

_Array = np.ndarray[Any, np.dtype[np.float64]]


def _positive_money(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if yuan(value, attribute.name) <= 0:
        raise FieldError(attribute.name, f"{attribute.name} must be positive, got {value}")


def _share(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    share(value, attribute.name)


def _ratio_above(bound: float) -> Any:
    def check(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
        if not isinstance(value, float) or not value > bound:
            raise FieldError(
                attribute.name,
                f"{attribute.name} must be a number above {bound}, got {describe(value)}",
            )

    return check


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class DrgRules:
    """The local DRG parameters: base rate (money, or an ``(amount, unit)`` pair) and the
    outlier rules."""

    base_rate: Any = attrs.field(converter=money_pair, validator=_positive_money)
    high_ratio: float = attrs.field(converter=numeric, validator=_ratio_above(1.0))
    high_extra_share: float = attrs.field(converter=numeric, validator=_share)
    low_ratio: float = attrs.field(converter=numeric, validator=_share)
    low_cost_share: float = attrs.field(converter=numeric, validator=_share)
    formula: Formula = attrs.field(default=FORMULAS["drg_payment"], init=False, repr=False)


def _non_negative(values: _Array, what: str) -> _Array:
    if values.size and (not np.all(np.isfinite(values)) or values.min() < 0):
        raise ArgumentError(None, f"{what} must be finite and ≥ 0")
    return values


@boundary
def drg_payments(weights: Any, costs: Any, rules: DrgRules, *, coefficients: Any = None) -> Any:
    """DRG payment of each case (yuan) from relative weights and actual costs.

    ``coefficients`` are the hospitals' coefficients (医疗机构系数), one per case, multiplying the
    standard; None where the scheme uses none (every case at 1).
    """
    w = _non_negative(number_array(weights, "weights"), "weights")
    c = _non_negative(yuan_array(costs, "costs"), "costs")
    if w.shape != c.shape:
        raise ArgumentError(
            None, f"weights ({w.size}) and costs ({c.size}) must have one value per case"
        )
    k = (
        np.ones_like(w)
        if coefficients is None
        else _non_negative(number_array(coefficients, "coefficients"), "coefficients")
    )
    if k.shape != w.shape:
        raise ArgumentError(None, f"coefficients ({k.size}) and weights ({w.size}) must match")
    base = yuan(rules.base_rate, "base_rate")
    with np.errstate(over="ignore", invalid="ignore"):
        # A standard that overflows is larger than any cost: the case is a low-cost one, paid
        # its cost, exactly. A zero weight or coefficient makes the standard 0, even beside a
        # factor that overflows (inf × 0 is NaN, computed and discarded here).
        standard = np.where((w == 0) | (k == 0), 0.0, w * base * k)
        high = c > rules.high_ratio * standard
        low = c < rules.low_ratio * standard
        pay = standard.copy()
        pay[high] = standard[high] + rules.high_extra_share * (
            c[high] - rules.high_ratio * standard[high]
        )
        pay[low] = rules.low_cost_share * c[low]
    if not np.all(np.isfinite(pay)):  # without a low-cost rule, an overflowing standard is paid
        raise UndefinedError(
            "the DRG payment is undefined: a case's weight × base rate × coefficient "
            "overflows a 64-bit float"
        )
    return Q_(pay, "yuan")


@boundary
def per_bed_day_payments(days: Any, rate: Any, cap: float | None) -> Any:
    """Per-bed-day payments: ``rate`` (yuan per bed-day) × days, days capped at ``cap``.

    >>> per_bed_day_payments(Q_(np.array([10, 90]), "bed_day"), Q_(200, "yuan / bed_day"), 60)
    <Quantity([ 2000. 12000.], 'yuan')>
    """
    if (
        not isinstance(days, ureg.Quantity)
        or days.dimensionality != Q_(1, "bed_day").dimensionality
    ):
        raise ArgumentError(None, f"days must be a quantity in bed_day, got {days!r}")
    if (
        not isinstance(rate, ureg.Quantity)
        or rate.dimensionality != Q_(1, "yuan / bed_day").dimensionality
    ):
        raise ArgumentError(None, f"rate must be money per bed_day, got {rate!r}")
    per_day = float(rate.to("yuan / bed_day").magnitude)
    if not math.isfinite(per_day) or per_day < 0:
        raise ArgumentError(None, f"rate must be a finite amount ≥ 0 per bed_day, got {rate!r}")
    d = _non_negative(number_array(days.to("bed_day").magnitude, "days"), "days")
    if cap is not None:
        if isinstance(cap, bool) or not math.isfinite(cap) or cap <= 0:
            raise ArgumentError(None, f"cap must be a positive number of days or None, got {cap!r}")
        d = np.minimum(d, float(cap))
    with np.errstate(over="ignore"):  # an overflow is caught below, named
        pay = d * per_day
    if not np.all(np.isfinite(pay)):
        raise UndefinedError(
            f"the per-bed-day payment is undefined: days × {per_day:g} yuan overflows a 64-bit "
            "float"
        )
    return Q_(pay, "yuan")


@boundary
def actual_compensation_ratio(fund_paid: Any, total_cost: Any) -> Any:
    """实际补偿比 = fund-paid ÷ **total** medical cost (undefined when the cost is 0).

    The total includes what the policy does not cover; fund-paid ÷ the policy-eligible cost is
    another measure, :func:`in_scope_reimbursement_rate`.

    >>> actual_compensation_ratio(Q_(65, "wan_yuan"), Q_(100, "wan_yuan"))
    <Quantity(0.65, 'dimensionless')>
    """
    paid, total = _paid_and_total(fund_paid, total_cost)
    if total == 0:
        raise UndefinedError("the actual compensation ratio is undefined: total cost is 0")
    return Q_(paid / total, "dimensionless")


@boundary
def in_scope_reimbursement_rate(fund_paid: Any, eligible_cost: Any) -> Any:
    """政策范围内报销比例 = fund-paid ÷ policy-eligible cost (undefined when that cost is 0).

    >>> in_scope_reimbursement_rate(Q_(65, "wan_yuan"), Q_(80, "wan_yuan"))
    <Quantity(0.8125, 'dimensionless')>
    """
    paid, eligible = _paid_and_total(fund_paid, eligible_cost, "eligible_cost")
    if eligible == 0:
        raise UndefinedError("the in-scope reimbursement rate is undefined: eligible cost is 0")
    return Q_(paid / eligible, "dimensionless")


@boundary
def out_of_pocket(total_cost: Any, fund_paid: Any) -> Any:
    """自付 = total cost − fund-paid, in yuan.

    >>> out_of_pocket(Q_(100, "wan_yuan"), Q_(65, "wan_yuan")).to("wan_yuan")
    <Quantity(35.0, 'wan_yuan')>
    """
    paid, total = _paid_and_total(fund_paid, total_cost)
    return Q_(total - paid, "yuan")


def _paid_and_total(
    fund_paid: Any, total_cost: Any, what: str = "total_cost"
) -> tuple[float, float]:
    paid = yuan(fund_paid, "fund_paid")
    total = yuan(total_cost, what)
    if paid < 0 or total < 0:
        raise ArgumentError(
            None, f"amounts must not be negative (fund_paid {fund_paid}, {what} {total_cost})"
        )
    if paid > total:
        raise ArgumentError(None, f"fund_paid ({fund_paid}) exceeds {what} ({total_cost})")
    return paid, total
