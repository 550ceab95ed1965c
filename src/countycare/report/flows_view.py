"""The referral network seen by place: county institutions, townships, and outside the county.

A county's network has hundreds of nodes (every village clinic); a picture of it is unreadable.
The report shows it by place: each county-tier institution with referrals is a node, each
township gathers its centres and village clinics into one node, and providers outside the county
are one node. Flows between places keep their direction; referrals inside one township (a village
clinic to its centre) are counted on the township. :func:`network_view` also counts flows by
tier pair (village → township, township → county, …).

Examples
--------
>>> from countycare.testing.networks import small_referral_county
>>> from countycare.referrals.network import build_network
>>> from countycare.referrals.synthetic import synthetic_referrals
>>> from countycare.periods import Period
>>> county = small_referral_county()
>>> net = build_network(synthetic_referrals(county, Period.parse("2024"), 500, seed=1), county)
>>> view = network_view(net, county)
>>> sum(e.referrals for e in view.edges) + sum(view.within.values()) == net.total
True
>>> sum(view.tier_pairs.values()) == net.total
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import attrs

from countycare.community import County
from countycare.geography import to_tuple
from countycare.institutions import OUTSIDE
from countycare.labels import Name, ReferralDirection, Tier
from countycare.referrals.network import ReferralNetwork

__all__ = ["NetworkView", "Place", "PlaceFlow", "network_view"]


@attrs.frozen
class Place:
    """A node of the view: a county institution, a township, or outside the county."""

    id: str
    name: Name
    tier: Tier


@attrs.frozen
class PlaceFlow:
    """Referrals from one place to another in one direction."""

    sender: str
    receiver: str
    direction: ReferralDirection
    referrals: int


@attrs.frozen
class NetworkView:
    """The network by place: places, flows between them, flows inside each township, and all
    referrals by (sender tier, receiver tier)."""

    places: tuple[Place, ...] = attrs.field(converter=to_tuple)
    edges: tuple[PlaceFlow, ...] = attrs.field(converter=to_tuple)
    within: Mapping[str, int]
    tier_pairs: Mapping[tuple[Tier, Tier], int]

    def largest(self, n: int) -> tuple[PlaceFlow, ...]:
        """The ``n`` largest flows between places, largest first (ties by id)."""
        ranked = sorted(self.edges, key=lambda e: (-e.referrals, e.sender, e.receiver))
        return tuple(ranked[:n])

    def place(self, place_id: str) -> Place:
        """The place with id ``place_id``."""
        for p in self.places:
            if p.id == place_id:
                return p
        raise KeyError(place_id)


_OUTSIDE_NAME = Name("Outside the county", "县外")


def _place_of(node: str, network: ReferralNetwork, county: County) -> str:
    tier = network.tier(node)
    if tier in (Tier.COUNTY, Tier.OUTSIDE) or node == OUTSIDE:
        return node
    township = county.township_of(node)
    return township.id if township is not None else node


def network_view(network: ReferralNetwork, county: County) -> NetworkView:
    """The network by place (see the module's description)."""
    edges: Counter[tuple[str, str, ReferralDirection]] = Counter()
    within: Counter[str] = Counter()
    pairs: Counter[tuple[Tier, Tier]] = Counter()
    for sender, receiver, flow in network.flows():
        pairs[(network.tier(sender), network.tier(receiver))] += flow.total
        a, b = _place_of(sender, network, county), _place_of(receiver, network, county)
        if a == b:
            within[a] += flow.total
        else:
            edges[(a, b, flow.direction)] += flow.total
    used = {p for a, b, _ in edges for p in (a, b)} | set(within)
    places = [
        Place(i.id, i.name, Tier.COUNTY)
        for i in county.institutions
        if i.tier is Tier.COUNTY and i.id in used
    ]
    places += [Place(t.id, t.name, Tier.TOWNSHIP) for t in county.townships]
    if OUTSIDE in used:
        places.append(Place(OUTSIDE, _OUTSIDE_NAME, Tier.OUTSIDE))
    return NetworkView(
        places,
        [PlaceFlow(a, b, d, n) for (a, b, d), n in sorted(edges.items())],
        dict(within),
        dict(pairs),
    )
