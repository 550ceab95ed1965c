"""The global budget (总额预算) of a medical community: history-based, capitation, or fixed.

Every local parameter is a field: the weights of past years, the growth rate, the share held back
as a risk reserve (风险调剂金), the insured population and the rate per insured person. None has a
default; the formulas are in :data:`~countycare.finance.formulas.FORMULAS` ([reconstructed]).

Examples
--------
>>> b = HistoryBudget(past_actual=(Q_(100, "wan_yuan"), Q_(110, "wan_yuan")),
...                   weights=(0.4, 0.6), growth=0.05, reserve_share=0.02)
>>> round(b.amount().to("wan_yuan").magnitude, 4)
109.074
>>> c = CapitationBudget(insured=300_000, rate=Q_(450, "yuan / person"), reserve_share=0.05)
>>> c.amount().to("yi_yuan")
<Quantity(1.2825, 'yi_yuan')>
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

import attrs

from countycare.calls import calls_checked
from countycare.coerce import (
    count,
    describe,
    iterable_items,
    money_pair,
    name_arguments,
    numeric,
    quantity_pair,
)
from countycare.errors import FieldError
from countycare.finance.formulas import FORMULAS, Formula, share, yuan
from countycare.labels import BilingualEnum
from countycare.units import Q_, ureg

__all__ = ["Budget", "BudgetMethod", "CapitationBudget", "FixedBudget", "HistoryBudget"]


class BudgetMethod(BilingualEnum):
    """How a global budget is set (the ``method`` of a settlement file's ``[budget]``)."""

    FIXED = ("fixed", "Fixed amount", "固定额度")
    HISTORY = ("history", "History-based", "基于历史费用")
    CAPITATION = ("capitation", "Capitation", "按人头")


def _money_tuple(values: Any) -> tuple[Any, ...]:
    items = iterable_items(values, None, "a list of amounts, such as [(100, 'wan_yuan'), ...]")
    return tuple(money_pair(v) for v in items)


def _numbers(values: Any) -> tuple[Any, ...]:
    return tuple(numeric(v) for v in iterable_items(values, None, "a list of numbers"))


def _non_negative_money(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    items = value if isinstance(value, tuple) else (value,)
    for i, item in enumerate(items):
        where = f"{attribute.name}[{i}]" if isinstance(value, tuple) else attribute.name
        if yuan(item, where) < 0:
            raise FieldError(attribute.name, f"{where} must not be negative, got {item}")


def _at_least_one(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not value:
        raise FieldError(attribute.name, f"{attribute.name} needs at least one past year")


def _share(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    share(value, attribute.name)


def _growth(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not isinstance(value, float) or not math.isfinite(value) or not value > -1.0:
        raise FieldError(
            attribute.name,
            f"{attribute.name} must be a finite rate above -1, got {describe(value)}",
        )


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class HistoryBudget:
    """B = (Σ wᵢ·Aᵢ)·(1 + g)·(1 − reserve share): past actual spending, oldest first.

    ``weights`` pair with ``past_actual`` and add up to 1 (``(1.0,)`` takes last year alone).
    """

    past_actual: tuple[Any, ...] = attrs.field(
        converter=_money_tuple, validator=[_at_least_one, _non_negative_money]
    )
    weights: tuple[float, ...] = attrs.field(converter=_numbers)
    growth: float = attrs.field(converter=numeric, validator=_growth)
    reserve_share: float = attrs.field(converter=numeric, validator=_share)

    @weights.validator
    def _check_weights(
        self, attribute: attrs.Attribute[tuple[float, ...]], value: tuple[float, ...]
    ) -> None:
        if len(value) != len(self.past_actual):
            raise FieldError(
                "weights",
                f"weights has {len(value)} values but past_actual has {len(self.past_actual)}",
            )
        for i, w in enumerate(value):
            share(w, f"weights[{i}]")
        if not math.isclose(sum(value), 1.0, abs_tol=1e-9):
            raise FieldError(
                "weights", f"weights must add up to 1, got {list(value)!r} (sum {sum(value)})"
            )

    formula: ClassVar[Formula | None] = FORMULAS["history_budget"]
    method: ClassVar[BudgetMethod] = BudgetMethod.HISTORY

    def base(self) -> Any:
        """The weighted base Σ wᵢ·Aᵢ in yuan."""
        total = sum(
            w * yuan(a, "past_actual") for w, a in zip(self.weights, self.past_actual, strict=True)
        )
        return Q_(total, "yuan")

    def amount(self) -> Any:
        """The budget in yuan."""
        base = float(self.base().magnitude)
        return Q_(base * (1.0 + self.growth) * (1.0 - self.reserve_share), "yuan")

    def rolled(self, actual: Any) -> HistoryBudget:
        """Next year's rule: drop the oldest year, append ``actual``, keep weights and rates."""
        yuan(actual, "actual")
        return attrs.evolve(self, past_actual=(*self.past_actual[1:], actual))


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class CapitationBudget:
    """B = insured persons × rate per person × (1 − reserve share)."""

    insured: int = attrs.field(converter=count)
    rate: Any = attrs.field(converter=quantity_pair)
    reserve_share: float = attrs.field(converter=numeric, validator=_share)
    formula: ClassVar[Formula | None] = FORMULAS["capitation_budget"]
    method: ClassVar[BudgetMethod] = BudgetMethod.CAPITATION

    @insured.validator
    def _check_insured(self, attribute: attrs.Attribute[int], value: int) -> None:
        if value < 0:
            raise FieldError("insured", f"insured must be a whole number ≥ 0, got {value!r}")

    @rate.validator
    def _check_rate(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        if (
            not isinstance(value, ureg.Quantity)
            or value.dimensionality != Q_(1, "yuan / person").dimensionality
        ):
            raise FieldError(
                "rate",
                "rate must be money per person, such as (450, 'yuan / person'), "
                f"got {describe(value)}",
            )
        if value.magnitude < 0:
            raise FieldError("rate", f"rate must not be negative, got {value}")

    def amount(self) -> Any:
        """The budget in yuan."""
        per_person = float(self.rate.to("yuan / person").magnitude)
        return Q_(self.insured * per_person * (1.0 - self.reserve_share), "yuan")


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class FixedBudget:
    """A budget set directly (e.g. the amount the insurance bureau announced)."""

    value: Any = attrs.field(converter=money_pair, validator=_non_negative_money)
    formula: ClassVar[Formula | None] = None
    method: ClassVar[BudgetMethod] = BudgetMethod.FIXED

    def amount(self) -> Any:
        """The budget in yuan."""
        return Q_(yuan(self.value, "value"), "yuan")


#: Any of the three ways of setting a budget.
Budget = HistoryBudget | CapitationBudget | FixedBudget
