"""DIP (按病种分值付费): the point value in total-cost terms, outlier cases, the fund's payment.

The national DIP technical specification computes the point value "根据年度医保支付总额、医保支付
比例及各医疗机构病例的总分值" — from the fund's yearly budget, the fund's payment ratio and the
total points. Dividing the fund budget by the payment ratio turns it into total medical cost, so
the point value is in total-cost terms:

    point value = (fund budget ÷ payment ratio) ÷ Σ points

and a case's value ``points × point value`` is what the whole case is worth (fund and patient
together). The fund's payment is then, by an explicit rule (:class:`DipFundShare`), either the
value minus what the patient paid (``net_of_patient_paid``), or the value × the payment ratio
(``times_payment_ratio``); both are found in local rules. Some local rules divide the fund budget
by the points directly (fund terms): that is ``payment_ratio=1`` with ``times_payment_ratio``.

Outlier cases (偏差病例, :class:`DipOutlierRules`): a case whose cost is above ``high_ratio`` × its
group's average cost (commonly 2) is re-pointed to ``points × (r − high_ratio + 1)`` where r is
its cost ÷ the group average (for 2: "the actual multiple less one"); below ``low_ratio`` (commonly
0.5) to ``points × r``. Thresholds are explicit parameters; pass ``outliers=None`` to re-point
nothing. The point value is fixed after re-pointing, at year end.

Examples
--------
>>> import numpy as np
>>> rules = DipRules(payment_ratio=0.5, fund_share="times_payment_ratio", outliers=None)
>>> r = dip_payments(np.array([100.0, 300.0]), Q_(2, "wan_yuan"), rules)
>>> r.point_value, r.payments
(<Quantity(100.0, 'yuan / point')>, <Quantity([ 5000. 15000.], 'yuan')>)
>>> net = attrs.evolve(rules, fund_share="net_of_patient_paid")
>>> dip_payments(np.array([100.0, 300.0]), Q_(2, "wan_yuan"), net,
...              patient_paid=Q_(np.array([4_000, 16_000]), "yuan")).payments
<Quantity([ 6000. 14000.], 'yuan')>
"""

from __future__ import annotations

import math
from typing import Any

import attrs
import numpy as np

from countycare.calls import calls_checked
from countycare.coerce import describe, name_arguments, numeric, refuse
from countycare.coerce.arguments import boundary
from countycare.coerce.fields import checked_fields
from countycare.errors import ArgumentError, FieldError, UndefinedError
from countycare.finance.formulas import FORMULAS, Formula, number_array, yuan, yuan_array
from countycare.labels import BilingualEnum
from countycare.units import Q_

__all__ = ["DipFundShare", "DipOutlierRules", "DipResult", "DipRules", "dip_payments"]

_Array = np.ndarray[Any, np.dtype[np.float64]]
_Bools = np.ndarray[Any, np.dtype[np.bool_]]


class DipFundShare(BilingualEnum):
    """How the fund's payment for a case follows from its value in total-cost terms."""

    NET_OF_PATIENT_PAID = (
        "net_of_patient_paid",
        "Points × point value, less what the patient paid",
        "分值×点值−个人负担",
    )
    TIMES_PAYMENT_RATIO = (
        "times_payment_ratio",
        "Points × point value × the fund's payment ratio",
        "分值×点值×医保支付比例",
    )


def _ratio(low: float, high: float, *, closed_low: bool = False) -> Any:
    def check(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
        ok = isinstance(value, float)
        ok = ok and (low <= value if closed_low else low < value) and value <= high
        if not ok:
            raise FieldError(
                attribute.name,
                f"{attribute.name} must be a number in {'[' if closed_low else '('}{low}, {high}], "
                f"got {describe(value)}",
            )

    return check


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class DipOutlierRules:
    """Re-pointing of outlier cases: cost above ``high_ratio`` or below ``low_ratio`` × average."""

    high_ratio: float = attrs.field(converter=numeric, validator=_ratio(1.0, float("inf")))
    low_ratio: float = attrs.field(converter=numeric, validator=_ratio(0.0, 1.0))

    def repoint(
        self, points: _Array, costs: _Array, group_costs: _Array
    ) -> tuple[_Array, _Bools, _Bools]:
        """The re-pointed points, and which cases are high and low outliers."""
        r = costs / group_costs
        high = r > self.high_ratio
        low = r < self.low_ratio
        out = points.copy()
        out[high] = points[high] * (r[high] - self.high_ratio + 1.0)
        out[low] = points[low] * r[low]
        return out, high, low


def _payment_ratio(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    _ratio(0.0, 1.0)(instance, attribute, value)


def _outliers(value: object) -> DipOutlierRules | None:
    if value is None or isinstance(value, DipOutlierRules):
        return value
    raise refuse(None, "outlier rules: DipOutlierRules(high_ratio, low_ratio), or None", value)


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class DipRules:
    """The local DIP parameters; none has a default, because counties differ.

    ``payment_ratio`` is the fund's share of total inpatient cost (医保支付比例, in (0, 1]);
    ``fund_share`` the rule turning a case's value into the fund's payment; ``outliers`` the
    re-pointing of outlier cases (None: none is re-pointed).
    """

    payment_ratio: float = attrs.field(converter=numeric, validator=_payment_ratio)
    fund_share: DipFundShare = attrs.field(converter=DipFundShare)
    outliers: DipOutlierRules | None = attrs.field(converter=_outliers)


@calls_checked
@attrs.frozen(eq=False, field_transformer=checked_fields)
class DipResult:
    """The point value (total-cost terms), each case's points, value and fund payment."""

    point_value: Any
    points: Any
    values: Any
    payments: Any
    high: Any
    low: Any
    rules: DipRules
    formula: Formula = attrs.field(default=FORMULAS["dip_payment"], init=False, repr=False)


def _array(values: Any, what: str) -> _Array:
    a = number_array(values, what)
    if a.size and (not np.all(np.isfinite(a)) or a.min() < 0):
        raise ArgumentError(None, f"{what} must be finite and ≥ 0")
    return a


def _same_size(a: _Array, n: int, what: str) -> _Array:
    if a.size != n:
        raise ArgumentError(None, f"{what} ({a.size}) must have one value per case ({n})")
    return a


@boundary
def dip_payments(
    points: Any,
    budget: Any,
    rules: DipRules,
    *,
    coefficients: Any = None,
    patient_paid: Any = None,
    costs: Any = None,
    group_costs: Any = None,
) -> DipResult:
    """DIP point value and payments of a year's cases under ``rules``.

    Parameters
    ----------
    points
        Each case's group points (病种分值).
    budget
        The fund's DIP budget for the year (money).
    rules
        Payment ratio, the fund-share rule and the outlier rule.
    coefficients
        Per case, e.g. the hospital's level coefficient (None: 1 for every case).
    patient_paid
        Per case, what the patient paid (money); required by ``net_of_patient_paid``.
    costs, group_costs
        Per case, its total cost and its group's average cost (money); required when outliers
        are re-pointed.

    Raises
    ------
    countycare.errors.UndefinedError
        When the cases have no points, or so few against the budget that the point value
        overflows: the point value is undefined, never 0 nor inf.
    """
    p = _array(points, "points")
    n = p.size
    k = np.ones_like(p) if coefficients is None else _array(coefficients, "coefficients")
    _same_size(k, n, "coefficients")
    b = yuan(budget, "budget")
    if b < 0:
        raise ArgumentError(None, f"budget must not be negative, got {budget}")
    high = low = np.zeros(n, dtype=bool)
    if rules.outliers is not None:
        if costs is None or group_costs is None:
            raise ArgumentError(
                None, "outlier rules need each case's costs and its group's average cost"
            )
        c = _same_size(_array(yuan_array(costs, "costs"), "costs"), n, "costs")
        g = _array(yuan_array(group_costs, "group_costs"), "group_costs")
        _same_size(g, n, "group_costs")
        if np.any(g <= 0):
            raise ArgumentError(
                None, "group_costs must be positive: a ratio to a zero average is undefined"
            )
        p, high, low = rules.outliers.repoint(p, c, g)
    with np.errstate(over="ignore"):  # an overflow is caught below, named
        weighted = p * k
        total = float(weighted.sum())
    if not (math.isfinite(total) and np.all(np.isfinite(weighted))):
        # a sum of points past 1.8e308 made the point value 0 and every payment 0
        raise UndefinedError(
            "the DIP point value is undefined: the cases' points (times their coefficients) "
            "overflow a 64-bit float"
        )
    if total <= 0:
        raise UndefinedError("the DIP point value is undefined: the cases have no points")
    with np.errstate(over="ignore"):  # an overflow is caught below, named
        value = b / rules.payment_ratio / total
        values = weighted * value
    if not (math.isfinite(value) and np.all(np.isfinite(values))):
        raise UndefinedError(
            f"the DIP point value is undefined: a budget of {b:g} yuan over {total:g} points "
            "overflows a 64-bit float"
        )
    if rules.fund_share is DipFundShare.TIMES_PAYMENT_RATIO:
        pay = values * rules.payment_ratio
    else:
        if patient_paid is None:
            raise ArgumentError(
                None, "net_of_patient_paid needs patient_paid: what each patient paid"
            )
        paid = _array(yuan_array(patient_paid, "patient_paid"), "patient_paid")
        _same_size(paid, n, "patient_paid")
        pay = values - paid
    return DipResult(
        point_value=Q_(value, "yuan / point"),
        points=Q_(weighted, "point"),
        values=Q_(values, "yuan"),
        payments=Q_(pay, "yuan"),
        high=high,
        low=low,
        rules=rules,
    )
