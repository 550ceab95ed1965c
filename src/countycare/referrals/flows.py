"""The typed record on every edge of a referral network: counts by setting and status.

An edge joins a sender to a receiver, so its direction is fixed by the tiers of the two ends
(:mod:`countycare.referrals.direction`); the record holds that direction once, the number of
referrals for each care setting and status (3 × 3 counts), and how many of them stayed inside
one medical community (None when the source did not say).

Examples
--------
>>> from countycare.labels import CareSetting, ReferralDirection, ReferralStatus
>>> flow = ReferralFlow.from_counts(
...     ReferralDirection.UP,
...     {(CareSetting.INPATIENT, ReferralStatus.COMPLETED): 5,
...      (CareSetting.OUTPATIENT, ReferralStatus.CANCELLED): 2},
...     within_community=6,
... )
>>> flow.total, flow.count(status=ReferralStatus.COMPLETED), flow.count(CareSetting.INPATIENT)
(7, 5, 5)
>>> (flow + flow).total
14
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from countycare.calls import calls_checked
from countycare.coerce import optional_vocabulary
from countycare.errors import ArgumentError, FieldError
from countycare.geography import to_tuple
from countycare.labels import CareSetting, ReferralDirection, ReferralStatus

if TYPE_CHECKING:
    from countycare.forms import Coded

__all__ = ["SETTINGS", "STATUSES", "ReferralFlow", "cell_index"]

#: The care settings, in the order of :attr:`ReferralFlow.counts`.
SETTINGS: tuple[CareSetting, ...] = tuple(CareSetting)
#: The statuses, in the order of :attr:`ReferralFlow.counts`.
STATUSES: tuple[ReferralStatus, ...] = tuple(ReferralStatus)
_CELLS = len(SETTINGS) * len(STATUSES)


def cell_index(setting: CareSetting, status: ReferralStatus) -> int:
    """The place of ``(setting, status)`` in :attr:`ReferralFlow.counts`.

    >>> cell_index(CareSetting.OUTPATIENT, ReferralStatus.COMPLETED)
    0
    """
    return SETTINGS.index(setting) * len(STATUSES) + STATUSES.index(status)


def _counts_valid(
    instance: ReferralFlow, attribute: attrs.Attribute[tuple[int, ...]], value: tuple[int, ...]
) -> None:
    if len(value) != _CELLS:
        raise FieldError(
            "counts", f"counts must hold {_CELLS} numbers (setting × status), got {value!r}"
        )
    for n in value:
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise FieldError("counts", f"counts must be whole numbers ≥ 0, got {value!r}")


def _within_valid(
    instance: ReferralFlow, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= instance.total:
        raise FieldError(
            "within_community",
            f"within_community must be a whole number between 0 and the total "
            f"({instance.total}), got {value!r}",
        )


@calls_checked
@attrs.frozen
class ReferralFlow:
    """The referrals along one edge (sender → receiver) of a :class:`ReferralNetwork`.

    ``counts`` lists the referrals by setting (outer) and status (inner), in the orders of
    :data:`SETTINGS` and :data:`STATUSES`; build one with :meth:`from_counts`.
    """

    direction: ReferralDirection = attrs.field(converter=ReferralDirection)
    counts: tuple[int, ...] = attrs.field(converter=to_tuple, validator=_counts_valid)
    within_community: int | None = attrs.field(default=None, validator=_within_valid)

    @classmethod
    def from_counts(
        cls,
        direction: ReferralDirection,
        counts: Mapping[tuple[CareSetting, ReferralStatus], int],
        within_community: int | None = None,
    ) -> ReferralFlow:
        """Build from a mapping ``(setting, status) -> count`` (missing pairs count 0)."""
        cells = [0] * _CELLS
        for (setting, status), n in counts.items():
            cells[cell_index(CareSetting(setting), ReferralStatus(status))] += n
        return cls(direction, tuple(cells), within_community)

    @property
    def total(self) -> int:
        """All referrals along the edge."""
        return sum(self.counts)

    def count(
        self,
        setting: Coded[CareSetting] | None = None,
        status: Coded[ReferralStatus] | None = None,
    ) -> int:
        """Referrals of ``setting`` and ``status`` (None: any; a member, its code or a label).

        >>> flow = ReferralFlow.from_counts(ReferralDirection.UP, {("outpatient", "completed"): 3})
        >>> flow.count(status="completed"), flow.count(status=ReferralStatus.CANCELLED)
        (3, 0)
        """
        setting = optional_vocabulary(CareSetting, setting, "setting")
        status = optional_vocabulary(ReferralStatus, status, "status")
        return sum(
            self.counts[cell_index(s, t)]
            for s in SETTINGS
            for t in STATUSES
            if (setting is None or s is setting) and (status is None or t is status)
        )

    def as_mapping(self) -> dict[tuple[CareSetting, ReferralStatus], int]:
        """The non-zero counts as a mapping ``(setting, status) -> count``."""
        return {
            (s, t): self.counts[cell_index(s, t)]
            for s in SETTINGS
            for t in STATUSES
            if self.counts[cell_index(s, t)]
        }

    def __add__(self, other: ReferralFlow) -> ReferralFlow:
        """The sum of two flows along the same edge (same direction)."""
        if not isinstance(other, ReferralFlow):
            return NotImplemented
        if other.direction is not self.direction:
            raise ArgumentError(
                "other",
                f"cannot add a {other.direction.value!r} flow to a {self.direction.value!r} flow",
            )
        within = (
            None
            if self.within_community is None or other.within_community is None
            else self.within_community + other.within_community
        )
        counts = tuple(a + b for a, b in zip(self.counts, other.counts, strict=True))
        return ReferralFlow(self.direction, counts, within)
