"""Change between two periods: relative change and percentage-point change are different kinds.

A share going from 50 % to 55 % rose by 5 percentage points, or by 10 % relative to where it
started. Every :class:`Change` says which kind it is; changes of different kinds cannot be added,
subtracted or compared. A percentage-point change exists only for values on a percent scale.

Examples
--------
>>> relative_change(50.0, 55.0).value, relative_change(50.0, 55.0).kind.value
(10.0, 'relative')
>>> percentage_point_change(50.0, 55.0, "percent")
Change(kind=<ChangeKind.PERCENTAGE_POINTS: 'percentage_points'>, value=5.0, reason='')
>>> relative_change(0.0, 3.0).value is None
True
>>> relative_change(50.0, 55.0) + percentage_point_change(50.0, 55.0, "percent")
Traceback (most recent call last):
...
countycare.errors.UnitError: cannot combine a relative change with a percentage_points change
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import attrs

from countycare import coerce
from countycare.calls import calls_checked
from countycare.coerce import describe
from countycare.coerce.arguments import boundary
from countycare.coerce.fields import checked_fields
from countycare.errors import ArgumentError, UndefinedError, UnitError
from countycare.indicators.evaluation import IndicatorValue
from countycare.labels import BilingualEnum
from countycare.units import Q_, parse_unit

if TYPE_CHECKING:
    from countycare.forms import Coded

__all__ = [
    "Change",
    "ChangeKind",
    "change_between",
    "is_percent_scale",
    "percentage_point_change",
    "relative_change",
]


class ChangeKind(BilingualEnum):
    """Which change: relative to the baseline, or a difference in percentage points."""

    RELATIVE = ("relative", "Relative change (%)", "相对变化(%)")
    PERCENTAGE_POINTS = ("percentage_points", "Change in percentage points", "百分点变化")


def _finite_or_none(
    instance: object, attribute: attrs.Attribute[float | None], value: float | None
) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise ArgumentError(
            attribute.name, f"a change is a finite number or None (undefined), got {value!r}"
        )


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class Change:
    """A change of one ``kind``; ``value`` None (with a reason) when it is undefined.

    A value is finite: a change that overflows a 64-bit float is undefined, with that reason.
    """

    kind: ChangeKind
    value: float | None = attrs.field(validator=_finite_or_none)
    reason: str = ""

    @classmethod
    def of(cls, kind: ChangeKind, value: float) -> Change:
        """The change ``value`` of ``kind``, undefined with the reason when it is not finite
        (a baseline so close to zero that the quotient overflows, or an input not finite).

        >>> Change.of(ChangeKind.RELATIVE, float("inf")).reason
        'the change is not a finite number: an input is not finite, or it overflows'
        """
        if math.isfinite(value):
            return cls(kind, value)
        return cls(
            kind,
            None,
            "the change is not a finite number: an input is not finite, or it overflows",
        )

    @property
    def unit(self) -> str:
        """``%`` for a relative change, ``pp`` for percentage points."""
        return "%" if self.kind is ChangeKind.RELATIVE else "pp"

    def _same_kind(self, other: Change) -> None:
        if not isinstance(other, Change) or other.kind is not self.kind:
            if not isinstance(other, Change):
                raise UnitError(f"cannot combine a {self.kind.value} change with {describe(other)}")
            raise UnitError(
                f"cannot combine a {self.kind.value} change with a {other.kind.value} change"
            )

    def __add__(self, other: Change) -> Change:
        self._same_kind(other)
        if self.value is None or other.value is None:
            return Change(self.kind, None, self.reason or other.reason)
        return Change.of(self.kind, self.value + other.value)

    def __sub__(self, other: Change) -> Change:
        self._same_kind(other)
        if self.value is None or other.value is None:
            return Change(self.kind, None, self.reason or other.reason)
        return Change.of(self.kind, self.value - other.value)

    def __lt__(self, other: Change) -> bool:
        self._same_kind(other)
        return self.require() < other.require()

    def require(self) -> float:
        """The number; raise :class:`UndefinedError` with the reason when undefined."""
        if self.value is None:
            raise UndefinedError(f"the {self.kind.value} change is undefined: {self.reason}")
        return self.value

    def __str__(self) -> str:
        if self.value is None:
            return f"undefined ({self.reason})"
        return f"{self.value:+.1f} {self.unit}"


@boundary
def relative_change(baseline: float, current: float) -> Change:
    """``(current − baseline) ÷ baseline``, in percent; undefined when the baseline is zero."""
    if baseline == 0:
        return Change(ChangeKind.RELATIVE, None, "the baseline is zero")
    return Change.of(ChangeKind.RELATIVE, (current - baseline) / baseline * 100.0)


def is_percent_scale(unit: str) -> bool:
    """Whether values in ``unit`` are percentages (``percent``, ``percent * referral / admission``).

    >>> is_percent_scale("percent"), is_percent_scale("yuan / person"), is_percent_scale("ratio")
    (True, False, False)
    """
    return math.isclose(Q_(1.0, parse_unit(unit)).to_base_units().magnitude, 0.01)


@boundary
def percentage_point_change(baseline: float, current: float, unit: str) -> Change:
    """``current − baseline`` for two values in a percent-scale ``unit``."""
    if not is_percent_scale(unit):
        return Change(
            ChangeKind.PERCENTAGE_POINTS,
            None,
            f"values in {unit!r} are not percentages; only a relative change applies",
        )
    return Change.of(ChangeKind.PERCENTAGE_POINTS, current - baseline)


@boundary
def change_between(
    baseline: IndicatorValue, current: IndicatorValue, kind: Coded[ChangeKind]
) -> Change:
    """The change of ``kind`` from ``baseline`` to ``current`` (same indicator and unit)."""
    kind = coerce.vocabulary(ChangeKind, kind, "kind")
    if baseline.code != current.code or baseline.unit != current.unit:
        raise UnitError(
            f"cannot compare {baseline.code} in {baseline.unit!r} with "
            f"{current.code} in {current.unit!r}"
        )
    if baseline.value is None:
        return Change(kind, None, f"the baseline value is undefined: {baseline.detail}")
    if current.value is None:
        return Change(kind, None, f"the current value is undefined: {current.detail}")
    if kind is ChangeKind.RELATIVE:
        return relative_change(baseline.value, current.value)
    return percentage_point_change(baseline.value, current.value, current.unit)
