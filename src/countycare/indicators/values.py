"""Indicator values: one point (:class:`IndicatorValue`) or many (:class:`IndicatorValues`),
each a number in the indicator's unit or undefined with a reason (:class:`UndefinedReason`),
never 0 or NaN. :mod:`countycare.indicators.evaluation` computes them.

Examples
--------
>>> v = IndicatorValue("nhc-2024", "primary_visit_share", "wanrong", "2024", 65.0, "percent")
>>> v.status.value, v.require()
('defined', 65.0)
>>> u = IndicatorValue("nhc-2024", "primary_visit_share", "wanrong", "2023", None, "percent",
...                    UndefinedReason.NOT_IN_FORCE, "no definition in force")
>>> u.status.value, u.reason.label("zh")
('undefined', '该期无有效定义')
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import numpy as np

from countycare.calls import calls_checked
from countycare.coerce.fields import checked_fields
from countycare.errors import DefinitionError, UndefinedError
from countycare.indicators.definitions import IndicatorDefinition
from countycare.labels import BilingualEnum

__all__ = ["IndicatorValue", "IndicatorValues", "UndefinedReason", "ValueStatus"]

Floats = np.ndarray[Any, np.dtype[np.float64]]
Objects = np.ndarray[Any, np.dtype[np.object_]]
Mask = np.ndarray[Any, np.dtype[np.bool_]]


class ValueStatus(BilingualEnum):
    """Whether an indicator value could be computed."""

    DEFINED = ("defined", "Defined", "有值")
    UNDEFINED = ("undefined", "Undefined", "无定义")


class UndefinedReason(BilingualEnum):
    """Why a value is undefined (checked in this order)."""

    NOT_IN_FORCE = ("not_in_force", "No definition in force for the period", "该期无有效定义")
    MISSING_INPUT = ("missing_input", "A required input is missing", "缺少所需数据")
    WRONG_PERIOD_KIND = ("wrong_period_kind", "The formula needs another period kind", "期间不适用")
    ZERO_DENOMINATOR = ("zero_denominator", "The denominator is zero", "分母为零")
    NOT_AGGREGABLE = ("not_aggregable", "The value does not roll up", "不可汇总")
    NOT_FINITE = ("not_finite", "The result is too large to represent", "结果溢出")


@calls_checked
@attrs.frozen
class IndicatorValue:
    """One indicator at one scope and period: a number in ``unit``, or undefined with a reason.

    ``met`` is the answer of a qualitative item (``value`` is then 1 or 0). ``compared_with``
    is the period a growth is measured against (the same period a year earlier). A value
    computed with the definition in force for another period — a baseline before its set's first
    year, read with the current definition as a trend usually is — names that period in
    ``definition_period`` (None when the definition in force for ``period`` itself was used).
    """

    set_code: str
    code: str
    scope: str
    period: str
    value: float | None
    unit: str
    reason: UndefinedReason | None = None
    detail: str = ""
    met: bool | None = None
    compared_with: str | None = None
    definition_period: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.value is None) == (self.reason is None):
            raise DefinitionError(
                f"{self.code}: a value needs no reason; an undefined one needs one"
            )
        if self.value is not None and (
            isinstance(self.value, bool) or not isinstance(self.value, float | int | np.number)
        ):
            raise DefinitionError(f"{self.code}: a value must be a number, got {self.value!r}")
        if self.value is not None and not np.isfinite(self.value):
            raise DefinitionError(
                f"{self.code}: a defined value must be finite, got {self.value!r}"
            )

    @property
    def status(self) -> ValueStatus:
        """``defined`` or ``undefined``."""
        return ValueStatus.DEFINED if self.value is not None else ValueStatus.UNDEFINED

    @property
    def backcast(self) -> bool:
        """Whether the value was computed with a definition in force for another period."""
        return self.definition_period is not None

    def provenance_json(self) -> dict[str, str]:
        """What a JSON rendering must add so the value is not misread: the period a growth is
        compared with, and the period whose definition a backcast value used (empty if none).

        >>> v = IndicatorValue("s", "c", "x", "2023", 1.0, "percent", definition_period="2024")
        >>> v.provenance_json()["definition_period"]
        '2024'
        """
        out: dict[str, str] = {}
        if self.compared_with is not None:
            out["compared_with"] = self.compared_with
        if self.definition_period is not None:
            out["definition_period"] = self.definition_period
            out["definition_note"] = (
                f"computed with the definition in force for {self.definition_period}: none was "
                f"in force for {self.period} (a trend read with the current definition)"
            )
        return out

    def require(self) -> float:
        """The number; raise :class:`UndefinedError` with the reason when undefined."""
        if self.value is None:
            raise UndefinedError(
                f"{self.code} at {self.scope} {self.period} is undefined: {self.detail}"
            )
        return self.value


@calls_checked
@attrs.frozen(eq=False, field_transformer=checked_fields)
class IndicatorValues:
    """Many points of one definition, as arrays; ``value`` is masked where undefined."""

    definition: IndicatorDefinition
    scope: Objects
    period: Objects
    value: np.ma.MaskedArray[Any, np.dtype[np.float64]]
    reason: Objects
    detail: Objects
    components: Mapping[str, Floats]
    met: Objects
    compared_with: Objects | None = None
    definition_period: str | None = None

    def __len__(self) -> int:
        return len(self.scope)

    def at(self, i: int) -> IndicatorValue:
        """The ``i``-th point as an :class:`IndicatorValue`."""
        defined = not bool(np.ma.getmaskarray(self.value)[i])
        return IndicatorValue(
            self.definition.set_code,
            self.definition.code,
            str(self.scope[i]),
            str(self.period[i]),
            float(self.value.data[i]) if defined else None,
            self.definition.unit,
            None if defined else self.reason[i],
            "" if defined else str(self.detail[i]),
            self.met[i] if defined else None,
            None if self.compared_with is None else str(self.compared_with[i]),
            self.definition_period if self.definition_period != self.period[i] else None,
        )

    def __iter__(self) -> Iterator[IndicatorValue]:
        return (self.at(i) for i in range(len(self)))

    @property
    def defined(self) -> Mask:
        """Which points have a value."""
        return ~np.ma.getmaskarray(self.value)
