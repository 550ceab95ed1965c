"""Reported changes as claims: what a source says, with what it leaves ambiguous.

The Wanrong interview reports "医保实际补偿比上升4%" — the actual compensation ratio rose 4 %. On
a ratio that may mean four percentage points or four per cent of the earlier ratio; the source
does not say. A :class:`ReportedChange` records the readings a claim admits and :meth:`check`
tests observed figures against each, rather than picking one.

Examples
--------
>>> claim = claim_for("actual_compensation_ratio")
>>> claim.ambiguous, [k.value for k in claim.readings]
(True, ['relative', 'percentage_points'])
>>> from countycare.indicators.evaluation import IndicatorValue
>>> before = IndicatorValue("w", "actual_compensation_ratio", "wanrong", "2017", 50.0, "percent")
>>> after = IndicatorValue("w", "actual_compensation_ratio", "wanrong", "2021", 54.0, "percent")
>>> {k.value: ok for k, ok in claim.check(before, after).items()}
{'relative': False, 'percentage_points': True}
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from countycare.calls import calls_checked
from countycare.coerce import (
    indicator_code,
    iterable_items,
    name_arguments,
    optional_number,
    reference,
    text,
    vocabulary,
)
from countycare.coerce import set_code as _set_code
from countycare.errors import DefinitionError, FieldError
from countycare.indicators.catalogues.wanrong import REFERENCE_WANRONG
from countycare.indicators.change import ChangeKind, change_between
from countycare.indicators.definitions import Direction, Reference
from countycare.indicators.evaluation import IndicatorValue

__all__ = ["WANRONG_CLAIMS", "ReportedChange", "claim_for"]


def _readings(value: object) -> tuple[ChangeKind, ...]:
    """One kind of change or any iterable of them, as codes or members, in order."""
    items = [value] if isinstance(value, str) else iterable_items(value, None, "kinds of change")
    kinds = tuple(vocabulary(ChangeKind, v, f"[{i}]") for i, v in enumerate(items))
    if not kinds:
        raise FieldError("readings", "readings: a claim admits at least one reading")
    return kinds


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class ReportedChange:
    """A change a source reports: direction, amount (if any), and the readings it admits.

    ``amount`` is the number as printed (4 for "+4 %"), ``None`` when the source gives only a
    direction. ``readings`` lists every kind the wording allows; more than one means ambiguous,
    and ``ambiguity`` says why. The set and the indicator may be given as objects or codes, the
    direction and readings as codes or labels, the source as a title.

    >>> ReportedChange("my-set", "visits", "increase", 5, "relative", "visits rose 5 %",
    ...                "County bulletin").readings
    (<ChangeKind.RELATIVE: 'relative'>,)
    """

    set_code: str = attrs.field(converter=_set_code)
    indicator: str = attrs.field(converter=indicator_code)
    direction: Direction = attrs.field(converter=Direction)
    amount: float | None = attrs.field(converter=optional_number)
    readings: tuple[ChangeKind, ...] = attrs.field(converter=_readings)
    quote: str = attrs.field(converter=text)
    source: Reference = attrs.field(converter=reference)
    ambiguity: str = attrs.field(default="", converter=text)

    def __attrs_post_init__(self) -> None:
        if self.ambiguous and not self.ambiguity:
            raise DefinitionError(f"claim on {self.indicator!r}: say why it is ambiguous")

    @property
    def ambiguous(self) -> bool:
        """Whether the wording admits more than one kind of change."""
        return len(self.readings) > 1

    def check(
        self, baseline: IndicatorValue, current: IndicatorValue, *, tolerance: float = 0.5
    ) -> Mapping[ChangeKind, bool | None]:
        """For each reading: does the observed change match (None when it is undefined)?

        With an amount, a reading matches when the observed change of that kind is within
        ``tolerance`` (in its own unit: % or pp) of the signed amount; without one, when the
        change has the claimed sign.
        """
        sign = 1.0 if self.direction is Direction.INCREASE else -1.0
        result: dict[ChangeKind, bool | None] = {}
        for kind in self.readings:
            change = change_between(baseline, current, kind)
            if change.value is None:
                result[kind] = None
            elif self.amount is None:
                result[kind] = change.value * sign > 0
            else:
                result[kind] = abs(change.value - sign * self.amount) <= tolerance
        return result


_SET = "wanrong-five-up-three-down"
_QUOTE = "“县域患者下转率上升了20%,卫生院普通门诊人次上升37.8%,医保实际补偿比上升4%,家庭医生和居民健康素养持续提升,居民自付费用下降了4%,急慢性疾病患病率下降15%,县域患者外转率下降。”"  # noqa: E501  (a quotation is not broken)
_BOTH = (ChangeKind.RELATIVE, ChangeKind.PERCENTAGE_POINTS)
_ON_A_RATIO = (
    "a change of a ratio printed as '%' may be relative or in percentage points; the source does "
    "not say which"
)
_UP, _DOWN = Direction.INCREASE, Direction.DECREASE


def _claim(
    indicator: str, direction: Direction, amount: float | None, readings: tuple[ChangeKind, ...]
) -> ReportedChange:
    return ReportedChange(
        _SET,
        indicator,
        direction,
        amount,
        readings,
        _QUOTE,
        REFERENCE_WANRONG,
        _ON_A_RATIO if len(readings) > 1 else "",
    )


#: The changes the Wanrong interview reports for five-up-three-down (no baseline year given).
WANRONG_CLAIMS: tuple[ReportedChange, ...] = (
    _claim("downward_referral_rate", _UP, 20.0, _BOTH),
    _claim("township_outpatient_visits", _UP, 37.8, (ChangeKind.RELATIVE,)),
    _claim("actual_compensation_ratio", _UP, 4.0, _BOTH),
    _claim("family_doctor_contract_rate", _UP, None, _BOTH),
    _claim("health_literacy", _UP, None, _BOTH),
    _claim("out_of_pocket_cost", _DOWN, 4.0, (ChangeKind.RELATIVE,)),
    _claim("disease_prevalence", _DOWN, 15.0, _BOTH),
    _claim("out_of_county_referral_rate", _DOWN, None, _BOTH),
)


def claim_for(indicator: str) -> ReportedChange:
    """The Wanrong claim about ``indicator``."""
    for claim in WANRONG_CLAIMS:
        if claim.indicator == indicator:
            return claim
    raise DefinitionError(f"the Wanrong source reports no change of {indicator!r}")
