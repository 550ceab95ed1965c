"""Results of referral analyses: a :class:`ReferralRatio`, a number or undefined with the reason.

A ratio whose denominator is zero, or missing, is not 0 and not NaN: its
:attr:`~ReferralRatio.value` is None and its :attr:`~ReferralRatio.reason` says why;
:meth:`~ReferralRatio.require` raises :class:`countycare.UndefinedError` with that reason.

Examples
--------
>>> r = ReferralRatio("down/up", 3, 12, "downward_referrals", "upward_referrals")
>>> r.value, r.defined
(0.25, True)
>>> ReferralRatio("down/up", 3, 0, "downward_referrals", "upward_referrals").reason
'undefined: the denominator upward_referrals is 0'
>>> print(r)
down/up = 0.25 (3 downward_referrals / 12 upward_referrals)
"""

from __future__ import annotations

import math
from typing import Any

import attrs

from countycare.calls import calls_checked
from countycare.coerce.fields import checked_fields
from countycare.errors import UndefinedError
from countycare.units import Q_

__all__ = ["ReferralRatio"]


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class ReferralRatio:
    """``numerator ÷ denominator``, each named, in ``unit``; undefined when it cannot be formed.

    ``denominator`` is None when no value was available (``missing`` says which).
    """

    name: str
    numerator: float
    denominator: float | None
    numerator_name: str
    denominator_name: str
    unit: str = "ratio"
    missing: str | None = None

    @property
    def defined(self) -> bool:
        """Whether the ratio is a number."""
        return self.value is not None

    @property
    def value(self) -> float | None:
        """The ratio, or None when undefined (see :attr:`reason`)."""
        if self.denominator is None or self.denominator <= 0:
            return None
        quotient = self.numerator / self.denominator
        return quotient if math.isfinite(quotient) else None

    @property
    def reason(self) -> str | None:
        """Why the ratio is undefined, or None when it is defined.

        >>> ReferralRatio("x", 10, 1e-308, "a", "b").reason
        'undefined: 10 a / 1e-308 b is not a finite number (it overflows a 64-bit float)'
        """
        if self.denominator is None:
            return f"undefined: {self.missing or f'no value of {self.denominator_name}'}"
        if self.denominator <= 0:
            return f"undefined: the denominator {self.denominator_name} is {self.denominator:g}"
        if self.value is None:
            finite = math.isfinite(self.numerator)
            why = "it overflows a 64-bit float" if finite else "the numerator is not finite"
            return (
                f"undefined: {self.numerator:g} {self.numerator_name} / {self.denominator:g} "
                f"{self.denominator_name} is not a finite number ({why})"
            )
        return None

    def require(self) -> float:
        """The value; raise :class:`UndefinedError` with the reason when there is none.

        >>> ReferralRatio("x", 1, 0, "a", "b").require()
        Traceback (most recent call last):
        ...
        countycare.errors.UndefinedError: x: undefined: the denominator b is 0
        """
        value = self.value
        if value is None:
            raise UndefinedError(f"{self.name}: {self.reason}")
        return value

    def quantity(self) -> Any:
        """The value as a pint quantity of :attr:`unit` (raises when undefined)."""
        return Q_(self.require(), self.unit)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping: the parts, the value (null when undefined) and the reason."""
        return {
            "name": self.name,
            "numerator": self.numerator,
            "numerator_name": self.numerator_name,
            "denominator": self.denominator,
            "denominator_name": self.denominator_name,
            "unit": self.unit,
            "value": self.value,
            "undefined_reason": self.reason,
        }

    def __str__(self) -> str:
        value = self.value
        shown = self.reason if value is None else f"{value:.4g}"
        denominator = "-" if self.denominator is None else f"{self.denominator:g}"
        return (
            f"{self.name} = {shown} ({self.numerator:g} {self.numerator_name} / "
            f"{denominator} {self.denominator_name})"
        )
