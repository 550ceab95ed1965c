"""The direction of a referral, from the tiers of its two ends.

A referral to a provider outside the county is ``out`` (外转) and one from outside is ``in``
(转入), whatever the tiers; inside the county it is ``up`` (上转) when the receiving tier ranks
higher than the sending one (village 0, township 1, county 2; :attr:`Tier.rank`), ``down`` (下转)
when lower and ``lateral`` (平转) when equal. Reversing a referral swaps up with down and out with
in, and keeps lateral.

Whether a referral stays inside one medical community depends on the day, because memberships
are dated: :func:`same_community` answers it through :meth:`County.community_of`.

Examples
--------
>>> from countycare.labels import Tier
>>> direction_between(Tier.VILLAGE, Tier.COUNTY).value
'up'
>>> direction_between(Tier.TOWNSHIP, Tier.OUTSIDE).value
'out'
>>> reverse(ReferralDirection.UP).value, reverse(ReferralDirection.LATERAL).value
('down', 'lateral')
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.errors import DataError, Problem
from countycare.institutions import OUTSIDE
from countycare.labels import ReferralDirection, Tier

if TYPE_CHECKING:
    from countycare.forms import Coded

__all__ = ["direction_between", "direction_of", "reverse", "same_community", "tier_of"]

_REVERSE = {
    ReferralDirection.UP: ReferralDirection.DOWN,
    ReferralDirection.DOWN: ReferralDirection.UP,
    ReferralDirection.LATERAL: ReferralDirection.LATERAL,
    ReferralDirection.OUT: ReferralDirection.IN,
    ReferralDirection.IN: ReferralDirection.OUT,
}


@boundary
def direction_between(sender: Coded[Tier], receiver: Coded[Tier]) -> ReferralDirection:
    """The direction of a referral from an institution of tier ``sender`` to one of ``receiver``.

    Raises :class:`DataError` when both ends are outside the county: such a referral is none of
    the county's business and has no direction.

    Examples
    --------
    >>> direction_between(Tier.COUNTY, Tier.VILLAGE).value
    'down'
    >>> direction_between(Tier.OUTSIDE, Tier.COUNTY).value
    'in'
    >>> direction_between(Tier.TOWNSHIP, Tier.TOWNSHIP).value
    'lateral'
    """
    sender = coerce.vocabulary(Tier, sender, "sender")
    receiver = coerce.vocabulary(Tier, receiver, "receiver")
    if sender is Tier.OUTSIDE and receiver is Tier.OUTSIDE:
        raise DataError([Problem("$", "a referral between two providers outside the county")])
    if receiver is Tier.OUTSIDE:
        return ReferralDirection.OUT
    if sender is Tier.OUTSIDE:
        return ReferralDirection.IN
    if receiver.rank > sender.rank:
        return ReferralDirection.UP
    if receiver.rank < sender.rank:
        return ReferralDirection.DOWN
    return ReferralDirection.LATERAL


@boundary
def reverse(direction: Coded[ReferralDirection]) -> ReferralDirection:
    """The direction of the same referral taken the other way: up ↔ down, out ↔ in, lateral.

    Examples
    --------
    >>> reverse(ReferralDirection.OUT).value
    'in'
    """
    direction = coerce.vocabulary(ReferralDirection, direction, "direction")
    return _REVERSE[direction]


def tier_of(county: County, institution_id: str) -> Tier:
    """The tier of an institution of ``county``; :data:`OUTSIDE` is :attr:`Tier.OUTSIDE`.

    An unknown id raises :class:`countycare.UnknownIdError` naming it.

    Examples
    --------
    >>> from countycare.testing.networks import small_referral_county
    >>> county = small_referral_county()
    >>> tier_of(county, "outside").value, tier_of(county, "t1-c").value
    ('outside', 'township')
    """
    if institution_id == OUTSIDE:
        return Tier.OUTSIDE
    return county.institution(institution_id).tier


@boundary
def direction_of(county: County, from_id: str, to_id: str) -> ReferralDirection:
    """The direction of a referral from ``from_id`` to ``to_id``, both ids of ``county``.

    Examples
    --------
    >>> from countycare.testing.networks import small_referral_county
    >>> direction_of(small_referral_county(), "t1-v1-c", "lead").value
    'up'
    """
    return direction_between(tier_of(county, from_id), tier_of(county, to_id))


@boundary
def same_community(county: County, from_id: str, to_id: str, day: dt.date) -> bool:
    """Whether both ends belong to the same medical community on ``day``.

    A referral that leaves the county, or whose ends belong to no community, does not stay inside
    one.

    Examples
    --------
    >>> import datetime as dt
    >>> from countycare.testing.networks import small_referral_county
    >>> county = small_referral_county()
    >>> same_community(county, "t1-v1-c", "lead", dt.date(2024, 5, 1))
    True
    >>> same_community(county, "t1-v1-c", "outside", dt.date(2024, 5, 1))
    False
    """
    if OUTSIDE in (from_id, to_id):
        return False
    sender = county.community_of(from_id, day)
    receiver = county.community_of(to_id, day)
    return sender is not None and receiver is not None and sender.id == receiver.id
