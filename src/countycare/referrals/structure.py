"""Structural analyses of a referral network against the county model.

- :func:`township_bypass`: for each township, how much of its villages' upward flow reaches a
  centre of the township and how much bypasses it straight to the county tier;
- :func:`lead_concentration`: the share of all upward referrals received by the lead hospital;
- :func:`reciprocity`: for each pair that exchanged referrals, the smaller flow ÷ the larger;
- :func:`unreachable_members`: members of a community with no referral path to its lead.

Examples
--------
>>> from countycare.testing.networks import small_referral_county
>>> from countycare.referrals.network import build_network
>>> from countycare.referrals.synthetic import synthetic_referrals
>>> from countycare.periods import Period
>>> county = small_referral_county()
>>> period = Period.parse("2024")
>>> net = build_network(synthetic_referrals(county, period, 2000, seed=5), county, period)
>>> [b.township for b in township_bypass(net, county)]
['t1', 't2']
>>> 0 < lead_concentration(net, county).require() < 1
True
>>> unreachable_members(net, county)
()
"""

from __future__ import annotations

import datetime as dt

import attrs
import networkx as nx

from countycare.calls import calls_checked
from countycare.coerce.arguments import boundary
from countycare.coerce.fields import checked_fields
from countycare.community import County, MedicalCommunity
from countycare.errors import DataError, Problem
from countycare.institutions import OUTSIDE
from countycare.labels import ReferralDirection, ReferralStatus, Tier
from countycare.referrals.network import ReferralNetwork
from countycare.referrals.results import ReferralRatio

__all__ = [
    "PairReciprocity",
    "TownshipBypass",
    "lead_concentration",
    "reciprocity",
    "township_bypass",
    "unreachable_members",
]


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class TownshipBypass:
    """Where the upward referrals of a township's village clinics went.

    ``via_centre``: to a township-tier institution of the same township; ``bypass``: straight to
    the county tier; ``elsewhere``: to a township-tier institution of another township.
    """

    township: str
    via_centre: int
    bypass: int
    elsewhere: int

    @property
    def total(self) -> int:
        """All upward referrals of the township's village clinics."""
        return self.via_centre + self.bypass + self.elsewhere

    @property
    def via_centre_share(self) -> ReferralRatio:
        """The share that went to the township's own centre."""
        return self._share("via the township centre", self.via_centre)

    @property
    def bypass_share(self) -> ReferralRatio:
        """The share that bypassed the township straight to the county tier."""
        return self._share("bypassing the township centre", self.bypass)

    def _share(self, what: str, part: int) -> ReferralRatio:
        return ReferralRatio(
            f"share of {self.township} village upward referrals {what}",
            part,
            self.total,
            what,
            f"upward referrals of {self.township} village clinics",
        )


def _township_ids(county: County) -> dict[str, str]:
    """Institution id → id of the township it lies in (institutions outside townships left out)."""
    found: dict[str, str] = {}
    for institution in county.institutions:
        township = county.township_of(institution.id)
        if township is not None:
            found[institution.id] = township.id
    return found


@boundary
def township_bypass(network: ReferralNetwork, county: County) -> tuple[TownshipBypass, ...]:
    """For each township of ``county`` (in order), where its villages' upward referrals went."""
    township_of = _township_ids(county)
    tally = {t.id: [0, 0, 0] for t in county.townships}
    for sender, receiver, flow in network.flows():
        if flow.direction is not ReferralDirection.UP or network.tier(sender) is not Tier.VILLAGE:
            continue
        home = township_of.get(sender)
        if home is None:
            continue
        if network.tier(receiver) is Tier.COUNTY:
            tally[home][1] += flow.total
        elif township_of.get(receiver) == home:
            tally[home][0] += flow.total
        else:
            tally[home][2] += flow.total
    return tuple(TownshipBypass(t, *counts) for t, counts in tally.items())


def _community(county: County, community: str | None) -> MedicalCommunity:
    if community is not None:
        return county.community(community)
    if not county.communities:
        raise DataError([Problem("$.communities", f"county {county.id!r} has no community")])
    return county.communities[0]


@boundary
def lead_concentration(
    network: ReferralNetwork, county: County, community: str | None = None
) -> ReferralRatio:
    """Upward referrals received by the lead of ``community`` (default: the first) ÷ all upward.

    Completed referrals only, as the measure ``upward_referrals`` counts them. Undefined when
    nothing went up.
    """
    lead = _community(county, community).lead
    received = 0
    upward = 0
    for _, receiver, flow in network.flows():
        if flow.direction is ReferralDirection.UP:
            done = flow.count(status=ReferralStatus.COMPLETED)
            upward += done
            if receiver == lead:
                received += done
    return ReferralRatio(
        f"share of upward referrals received by the lead {lead}",
        received,
        upward,
        f"completed upward referrals to {lead}",
        "upward_referrals",
    )


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class PairReciprocity:
    """Referrals between two institutions each way (``first`` < ``second`` by id)."""

    first: str
    second: str
    forward: int
    backward: int

    @property
    def balance(self) -> ReferralRatio:
        """The smaller flow ÷ the larger: 1 when balanced, 0 when one-way."""
        return ReferralRatio(
            f"reciprocity of {self.first} and {self.second}",
            min(self.forward, self.backward),
            max(self.forward, self.backward),
            "smaller flow",
            "larger flow",
        )


@boundary
def reciprocity(network: ReferralNetwork) -> tuple[PairReciprocity, ...]:
    """Every pair of nodes that exchanged at least one referral, in id order.

    Examples
    --------
    >>> import pyarrow as pa
    >>> from countycare.testing.networks import small_referral_county
    >>> from countycare.referrals.edgelist import network_from_edges
    >>> edges = pa.table({"from_id": ["t1-c", "lead"], "to_id": ["lead", "t1-c"],
    ...     "setting": ["inpatient"] * 2, "status": ["completed"] * 2, "referrals": [40, 10]})
    >>> pair, = reciprocity(network_from_edges(edges, small_referral_county()))
    >>> pair.first, pair.second, pair.balance.value
    ('lead', 't1-c', 0.25)
    """
    pairs = sorted({tuple(sorted(edge)) for edge in network.graph.edges})
    result = []
    for first, second in pairs:
        forward, backward = network.flow(first, second), network.flow(second, first)
        result.append(
            PairReciprocity(
                first,
                second,
                forward.total if forward else 0,
                backward.total if backward else 0,
            )
        )
    return tuple(result)


@boundary
def unreachable_members(
    network: ReferralNetwork,
    county: County,
    community: str | None = None,
    day: dt.date | None = None,
) -> tuple[str, ...]:
    """Members of ``community`` (on ``day``) from which no chain of referrals leads to the lead.

    A member that referred to a centre that referred to the lead can reach it; a clinic that
    never referred anyone, or whose referrals never led upward to the lead, cannot. Chains do
    not pass through ``outside``: it stands for every provider out of the county, not one.
    Sorted ids.
    """
    chosen = _community(county, community)
    lead = chosen.lead
    inside = nx.subgraph_view(network.graph, filter_node=lambda node: node != OUTSIDE)
    reach = nx.ancestors(inside, lead) if lead in inside else set()
    members = chosen.member_ids(day) - {lead}
    return tuple(sorted(m for m in members if m not in reach))
