"""The assessment score: items met per 100 items of a set, and what it assumed about unknowns.

No public source defines a numeric score for the tightness items: the scale (items met per 100
items) is the library's reading, [reconstructed], and prints so. An unknown item is never
counted as 0 silently: with unknown items the score is undefined unless the caller says how to
count them (``unknown_as="not_met"`` or ``"met"``), and the :class:`Score` then carries that
assumption so that whatever uses it (a settlement) prints it.

Examples
--------
>>> from countycare.labels import ItemStatus as S
>>> items = [("a", S.MET), ("b", S.UNKNOWN), ("c", S.NOT_MET)]
>>> score = score_of("nhc-2024", items)
>>> score.value is None, score.unknown
(True, ('b',))
>>> score.require()
Traceback (most recent call last):
...
countycare.errors.UndefinedError: the nhc-2024 score is undefined: item b is unknown...
>>> low = score_of("nhc-2024", items, unknown_as="not_met")
>>> round(low.require(), 2), low.describe()
(33.33, '33.33 (items met per 100 items [reconstructed]; 1 unknown item counted as not met)')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from countycare.calls import calls_checked
from countycare.coerce import describe, iterable_items, name_arguments, text, vocabulary
from countycare.coerce.arguments import boundary
from countycare.errors import ArgumentError, FieldError, UndefinedError
from countycare.labels import ItemStatus, SourceStatus

__all__ = ["SCORE_SCALE", "Score", "UnknownAs", "score_of", "unknown_as_status"]

#: The score's scale and its status: the library's reading, no public source gives one.
SCORE_SCALE = ("items met per 100 items", SourceStatus.RECONSTRUCTED)

UnknownAs = ItemStatus | str


def unknown_as_status(value: UnknownAs | None) -> ItemStatus | None:
    """Check an ``unknown_as`` assumption: None, ``met`` or ``not_met`` (never ``unknown``).

    >>> unknown_as_status("unknown")
    Traceback (most recent call last):
    ...
    countycare.errors.FieldError: unknown_as must be 'met' or 'not_met' (or None to refuse), ...
    """
    if value is None:
        return None
    try:
        status = vocabulary(ItemStatus, value)
    except ArgumentError:
        status = ItemStatus.UNKNOWN
    if status is ItemStatus.UNKNOWN:
        raise FieldError(
            "unknown_as",
            f"unknown_as must be 'met' or 'not_met' (or None to refuse), got {describe(value)}",
        )
    return status


def _optional_status(value: UnknownAs | None) -> ItemStatus | None:
    return unknown_as_status(value)


def _codes(values: object) -> tuple[str, ...]:
    """Item codes as a tuple of text, from any iterable of text."""
    items = iterable_items(values, None, "a list of item codes")
    for index, item in enumerate(items):
        text(item, f"[{index}]")
    return tuple(str(item) for item in items)


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Score:
    """A score of one item set: the counts behind it, and the assumption taken for unknowns."""

    item_set: str = attrs.field(converter=text)
    met: tuple[str, ...] = attrs.field(converter=_codes)
    not_met: tuple[str, ...] = attrs.field(converter=_codes)
    unknown: tuple[str, ...] = attrs.field(converter=_codes)
    unknown_as: ItemStatus | None = attrs.field(default=None, converter=_optional_status)

    @property
    def total(self) -> int:
        """The number of items scored."""
        return len(self.met) + len(self.not_met) + len(self.unknown)

    @property
    def value(self) -> float | None:
        """The score (0–100), or None when unknown items were given no assumption."""
        if self.unknown and self.unknown_as is None:
            return None
        counted = len(self.met) + (len(self.unknown) if self.unknown_as is ItemStatus.MET else 0)
        return 100.0 * counted / self.total

    @property
    def assumption(self) -> str:
        """The assumption taken, in words (empty when none was needed)."""
        if not self.unknown or self.unknown_as is None:
            return ""
        n = len(self.unknown)
        return f"{n} unknown item{'s' if n > 1 else ''} counted as {self.unknown_as.en.lower()}"

    def assuming(self, unknown_as: UnknownAs | None) -> Score:
        """The same score with another assumption for its unknown items."""
        return attrs.evolve(self, unknown_as=unknown_as)

    def require(self) -> float:
        """The value; :class:`UndefinedError` names the unknown items when there is none."""
        value = self.value
        if value is None:
            items = ", ".join(self.unknown)
            many = len(self.unknown) > 1
            raise UndefinedError(
                f"the {self.item_set} score is undefined: item{'s' if many else ''} {items} "
                f"{'are' if many else 'is'} unknown; record what they need, or state an "
                "assumption (unknown_as='not_met' or 'met')"
            )
        return value

    def describe(self) -> str:
        """The value with its scale, status and assumption, as printed beside a result."""
        scale, status = SCORE_SCALE
        value = "undefined" if self.value is None else f"{self.value:.2f}"
        extra = f"; {self.assumption}" if self.assumption else ""
        if self.value is None:
            extra = f"; unknown: {', '.join(self.unknown)}"
        return f"{value} ({scale} [{status.value}]{extra})"

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: value (null when undefined), scale, status, counts, assumption."""
        scale, status = SCORE_SCALE
        return {
            "value": self.value,
            "scale": scale,
            "status": status.value,
            "met": list(self.met),
            "not_met": list(self.not_met),
            "unknown": list(self.unknown),
            "unknown_as": None if self.unknown_as is None else self.unknown_as.value,
            "assumption": self.assumption or None,
        }


@boundary
def score_of(
    item_set: str,
    items: Iterable[tuple[str, ItemStatus | str]],
    unknown_as: UnknownAs | None = None,
) -> Score:
    """The score of ``items`` (code, status); :class:`UndefinedError` when there are none."""
    chosen = [(code, vocabulary(ItemStatus, status, "items")) for code, status in items]
    if not chosen:
        raise UndefinedError(f"no item of set {item_set!r} was assessed: the score is undefined")
    return Score(
        item_set,
        [c for c, s in chosen if s is ItemStatus.MET],
        [c for c, s in chosen if s is ItemStatus.NOT_MET],
        [c for c, s in chosen if s is ItemStatus.UNKNOWN],
        unknown_as,
    )
