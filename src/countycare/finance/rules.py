"""The local rules of a settlement: the surplus share (fixed, or by assessment score bands), the
fund's share of a reasonable overspend, the corridors, and whether out-of-county care counts.

The arithmetic that applies them is :func:`countycare.finance.settlement.settle`.

Examples
--------
>>> linked = ScoreLinkedShare([ScoreBand(0, 0.3), ScoreBand(80, 0.6)])
>>> rules = SettlementRules(linked, 0.5, include_out_of_county=False)
>>> rules.share_for(85.0), rules.to_dict()["surplus_share"][1]
(0.6, {'min_score': 80.0, 'share': 0.6})
"""

from __future__ import annotations

import itertools
import math
import numbers
from typing import Any

import attrs

from countycare.calls import calls_checked
from countycare.coerce import describe, elements, name_arguments, numeric, yes_no
from countycare.errors import FieldError, UndefinedError
from countycare.finance.formulas import share
from countycare.governance.score import Score

__all__ = ["ScoreBand", "ScoreLinkedShare", "SettlementRules", "checked_score"]


def _share(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    share(value, attribute.name)


def _optional_real(value: object) -> object:
    return None if value is None else numeric(value)


def _optional_corridor(
    instance: object, attribute: attrs.Attribute[float | None], value: float | None
) -> None:
    if value is None:
        return
    if not isinstance(value, float) or not math.isfinite(value) or value < 0:
        raise FieldError(
            attribute.name,
            f"{attribute.name} must be a share of the budget ≥ 0 (or None: no corridor), "
            f"got {describe(value)}",
        )


def checked_score(value: float, what: str) -> float:
    """``value`` as a float score from 0 to 100; else a :class:`FieldError` naming ``what``."""
    value = numeric(value)  # type: ignore[assignment]  # a Decimal becomes a float
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= value <= 100:
        raise FieldError(what, f"{what} must be a score between 0 and 100, got {describe(value)}")
    return float(value)


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class ScoreBand:
    """From ``min_score`` (0–100) up to the next band, the surplus is retained at ``share``."""

    min_score: float = attrs.field(converter=numeric)
    share: float = attrs.field(converter=numeric, validator=_share)

    @min_score.validator
    def _check(self, attribute: attrs.Attribute[float], value: float) -> None:
        checked_score(value, attribute.name)


def _bands(values: object) -> tuple[ScoreBand, ...]:
    return elements(values, ScoreBand, "score band")


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class ScoreLinkedShare:
    """A surplus share that depends on an assessment score (0–100) through bands.

    The first band starts at 0 so that every score has a share; thresholds strictly increase.

    >>> linked = ScoreLinkedShare((ScoreBand(0, 0.3), ScoreBand(80, 0.6), ScoreBand(95, 0.8)))
    >>> linked.share_for(85.0)
    0.6
    """

    bands: tuple[ScoreBand, ...] = attrs.field(converter=_bands)

    @bands.validator
    def _check(
        self, attribute: attrs.Attribute[tuple[ScoreBand, ...]], value: tuple[ScoreBand, ...]
    ) -> None:
        if not value or value[0].min_score != 0:
            raise FieldError("bands", "bands must start with a band at min_score 0")
        for before, after in itertools.pairwise(value):
            if after.min_score <= before.min_score:
                raise FieldError(
                    "bands",
                    f"bands: min_score must increase, got {before.min_score} "
                    f"then {after.min_score}",
                )

    def share_for(self, score: float) -> float:
        """The share for ``score``."""
        checked_score(score, "score")
        chosen = self.bands[0].share
        for band in self.bands:
            if score >= band.min_score:
                chosen = band.share
        return chosen


def _surplus_share(value: float | ScoreLinkedShare) -> float | ScoreLinkedShare:
    return value if isinstance(value, ScoreLinkedShare) else share(value, "surplus_share")


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class SettlementRules:
    """The local rules of a settlement; every one is explicit (corridors None mean no corridor).

    ``surplus_share`` is a share in [0, 1] or a :class:`ScoreLinkedShare`.
    """

    surplus_share: float | ScoreLinkedShare = attrs.field(converter=_surplus_share)
    fund_overspend_share: float = attrs.field(converter=numeric, validator=_share)
    include_out_of_county: bool = attrs.field(converter=yes_no)
    surplus_corridor: float | None = attrs.field(
        default=None, converter=_optional_real, validator=_optional_corridor
    )
    reasonable_overspend_corridor: float | None = attrs.field(
        default=None, converter=_optional_real, validator=_optional_corridor
    )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the shares, the corridors (None: none) and whether out-of-county counts.

        >>> SettlementRules(0.6, 0.5, include_out_of_county=False).to_dict()["surplus_share"]
        0.6
        """
        surplus: Any = self.surplus_share
        if isinstance(surplus, ScoreLinkedShare):
            surplus = [{"min_score": b.min_score, "share": b.share} for b in surplus.bands]
        return {
            "surplus_share": surplus,
            "fund_overspend_share": self.fund_overspend_share,
            "include_out_of_county": self.include_out_of_county,
            "surplus_corridor": self.surplus_corridor,
            "reasonable_overspend_corridor": self.reasonable_overspend_corridor,
        }

    def share_for(self, score: float | Score | None) -> float:
        """The surplus share r, given the assessment score when the share depends on one.

        A :class:`~countycare.governance.score.Score` with unknown items and no assumption is
        refused (:class:`UndefinedError`): unknown is never counted as 0 silently.
        """
        if isinstance(self.surplus_share, ScoreLinkedShare):
            if score is None:
                raise UndefinedError(
                    "the surplus share depends on an assessment score, and none was given"
                )
            if isinstance(score, Score):
                try:
                    return self.surplus_share.share_for(score.require())
                except UndefinedError as exc:
                    raise UndefinedError(
                        f"the surplus share depends on the assessment score: {exc}"
                    ) from None
            return self.surplus_share.share_for(score)
        return self.surplus_share
