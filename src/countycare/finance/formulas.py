"""The formulas of the money model, each with its unit, citation and status, and money checks.

Every formula the finance package computes is listed in :data:`FORMULAS` with its citation and
the status of its source: the budget and settlement formulas are a synthesis of local rules, the
DIP and DRG formulas follow the national specifications as secondary sources quote them, so none
is [official]. Amounts are pint
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

import numbers
from typing import Any

import attrs
import numpy as np

from countycare.calls import calls_checked
from countycare.coerce import bilingual_name, describe, name_arguments, non_blank, numeric, text
from countycare.coerce import unit as _unit
from countycare.errors import ArgumentError, FieldError, UnitError
from countycare.geography import valid_id
from countycare.labels import Name, SourceStatus
from countycare.units import MONEY_UNITS_TEXT, Q_, ureg

__all__ = ["FORMULAS", "Formula", "number_array", "share", "yuan", "yuan_array"]


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Formula:
    """A formula: code, name, expression, unit of the result, citation and status.

    >>> Formula("f", ("F", "公式"), "a + b", "yuan", "a source", "reconstructed").status.zh
    '重构'
    """

    code: str = attrs.field(converter=text, validator=valid_id)
    name: Name = attrs.field(converter=bilingual_name)
    expression: str = attrs.field(converter=text, validator=non_blank)
    unit: str = attrs.field(converter=_unit)
    citation: str = attrs.field(converter=text, validator=non_blank)
    status: SourceStatus = attrs.field(converter=SourceStatus)


_SYNTHESIS = (
    "国务院办公厅, 关于进一步深化基本医疗保险支付方式改革的指导意见, 国办发〔2017〕55号 "
    "(2017-06-28, https://www.gov.cn/zhengce/content/2017-06/28/content_5206315.htm): global "
    "budgets with surplus retained and reasonable overspend shared (结余留用、合理超支分担); the "
    "formulas are the library's synthesis of local rules, every parameter explicit"
)
_DIP_SPEC = (
    "国家医疗保障局办公室, 国家医疗保障按病种分值付费(DIP)技术规范, 医保办发〔2020〕50号 "
    "(2020-11): the point value is computed "
    "'根据年度医保支付总额、医保支付比例及各医疗机构病例的总分值' — as quoted by definition pages "
    "(e.g. https://www.epiman.cn/wiki-12467-1.html); the specification's own text was not "
    "retrieved"
)
_DIP_OUTLIERS = (
    "偏差病例 as reported for Guangzhou's DIP (from 2018): below 50 % of the group's average cost "
    "paid at the cost ratio × points, above 2× at the ratio less one (中国社会保障, summarised at "
    "https://www.ppdoc.com/periodical/63ff1da03f5dcf10b02b195250e0700e.html); thresholds are local "
    "parameters"
)
_DRG = (
    "国家医疗保障局, DRG/DIP支付方式改革三年行动计划, 医保发〔2021〕48号 (2021-11); 按病组和病种"
    "分值付费2.0版分组方案 (国家医疗保障局办公室, 2024-07): payment = group weight × rate × (where "
    "used) the hospital's coefficient; high and low cost outliers by local rules"
)
_COMPENSATION = (
    "实际补偿比 = fund-paid ÷ total medical cost, as against 政策范围内报销比例 = fund-paid ÷ "
    "policy-eligible cost (the conventional definitions of Chinese insurance statistics)"
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
            "standard = weight × base rate × hospital coefficient; high outlier (cost > h × "
            "standard): standard + e × (cost − h × standard); low outlier (cost < l × standard): "
            "k × cost",
            "yuan",
            _DRG,
            SourceStatus.SECONDARY,
        ),
        Formula(
            "dip_point_value",
            Name("DIP point value (total-cost terms)", "DIP分值点值(总费用口径)"),
            "point value = (fund budget ÷ fund payment ratio) ÷ Σ (points × coefficient)",
            "yuan / point",
            _DIP_SPEC,
            SourceStatus.SECONDARY,
        ),
        Formula(
            "dip_outlier_points",
            Name("DIP outlier case points", "DIP偏差病例分值"),
            "r = cost ÷ group average cost; r > h: points × (r − h + 1); r < l: points × r",
            "point",
            _DIP_OUTLIERS,
            SourceStatus.SECONDARY,
        ),
        Formula(
            "dip_payment",
            Name("DIP fund payment", "DIP医保基金支付"),
            "value = points × coefficient × point value; fund pays value − patient paid "
            "(net_of_patient_paid) or value × payment ratio (times_payment_ratio)",
            "yuan",
            _DIP_SPEC,
            SourceStatus.SECONDARY,
        ),
        Formula(
            "per_bed_day_payment",
            Name("Per-bed-day payment", "按床日付费"),
            "payment = rate × min(days, cap)",
            "yuan",
            _SYNTHESIS + " (per-bed-day: standard × days)",
            SourceStatus.SECONDARY,
        ),
        Formula(
            "actual_compensation_ratio",
            Name("Actual compensation ratio (of total medical cost)", "实际补偿比(占医疗总费用)"),
            "fund-paid ÷ total medical cost",
            "ratio",
            _COMPENSATION,
            SourceStatus.RECONSTRUCTED,
        ),
        Formula(
            "in_scope_reimbursement_rate",
            Name(
                "In-scope reimbursement rate (of policy-eligible cost)",
                "政策范围内报销比例(占政策范围内费用)",
            ),
            "fund-paid ÷ policy-eligible cost",
            "ratio",
            _COMPENSATION,
            SourceStatus.RECONSTRUCTED,
        ),
        Formula(
            "out_of_pocket",
            Name("Out-of-pocket cost", "自付费用"),
            "total cost − fund-paid",
            "yuan",
            _COMPENSATION,
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
            f"{what}: an amount of money needs a currency unit (e.g. (x, '万元') or "
            f"Q_(x, 'yuan')), got {describe(amount)}"
        )
    if amount.dimensionality != Q_(1, "yuan").dimensionality:
        raise UnitError(
            f"{what}: {amount} is not an amount of money (unit {amount.units}); {MONEY_UNITS_TEXT}"
        )
    magnitude = amount.to("yuan").magnitude
    if np.ndim(magnitude) != 0:  # one amount: an array of them is another function's input
        raise ArgumentError(
            what, f"expected one amount of money, got {np.size(magnitude)} of them: {amount}"
        )
    value = float(magnitude)
    if not np.isfinite(value):
        raise FieldError(what, f"{what} must be a finite amount, got {amount}")
    return value


def yuan_array(amounts: Any, what: str) -> np.ndarray[Any, np.dtype[np.float64]]:
    """An array of amounts (one Quantity wrapping an array) as float64 yuan."""
    if not isinstance(amounts, ureg.Quantity):
        raise UnitError(f"{what}: amounts of money need a currency unit, got a bare array")
    if amounts.dimensionality != Q_(1, "yuan").dimensionality:
        raise UnitError(f"{what}: unit {amounts.units} is not money")
    return number_array(amounts.to("yuan").magnitude, what)


def number_array(values: Any, what: str) -> np.ndarray[Any, np.dtype[np.float64]]:
    """``values`` (a number, a list or an array) as a flat float64 array; anything that is not
    numbers is an :class:`~countycare.errors.ArgumentError` naming ``what``."""
    try:
        return np.asarray(values, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise ArgumentError(
            what, f"expected numbers (a list or array), got {describe(values)}"
        ) from None


def share(value: float, what: str) -> float:
    """``value`` (a Python or numpy number) as a float share in [0, 1]; else a
    :class:`~countycare.errors.FieldError` naming ``what`` and quoting the value.

    >>> share(1.2, "surplus_share")
    Traceback (most recent call last):
    ...
    countycare.errors.FieldError: surplus_share must be a share between 0 and 1, got 1.2
    """
    value = numeric(value)  # type: ignore[assignment]  # a Decimal becomes a float
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or not (0.0 <= float(value) <= 1.0)
    ):
        raise FieldError(what, f"{what} must be a share between 0 and 1, got {describe(value)}")
    return float(value)
