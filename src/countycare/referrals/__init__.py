"""Referral networks (双向转诊): records, direction, the flow network, its analyses and measures.

Records are checked and counted in DuckDB (:mod:`~countycare.referrals.records`); each referral
gets a direction from the tiers of its ends (:mod:`~countycare.referrals.direction`); the counts
become a :class:`ReferralNetwork` whose edges carry one :class:`ReferralFlow`
(:mod:`~countycare.referrals.network`); analyses take the network first
(:mod:`~countycare.referrals.analyses`, :mod:`~countycare.referrals.structure`) and the referral
measures feed the indicators (:mod:`~countycare.referrals.measures`).

Examples
--------
>>> from countycare import load_county
>>> from countycare.periods import Period
>>> county = load_county("wanrong")
>>> period = Period.parse("2024Q1")
>>> records = synthetic_referrals(county, period, 20_000, seed=1)
>>> network = build_network(records, county, period)
>>> network.total
20000
>>> totals = totals_by_direction(network)
>>> totals[ReferralDirection.UP] > totals[ReferralDirection.DOWN]
True
"""

from countycare.labels import ReferralDirection
from countycare.referrals.analyses import (
    EdgeChange,
    EdgeFlow,
    NetworkChange,
    completion_rate,
    difference,
    down_up_ratio,
    largest_flows,
    referral_rate,
    totals_by_direction,
)
from countycare.referrals.direction import direction_between, direction_of, reverse, same_community
from countycare.referrals.edgelist import network_from_edges
from countycare.referrals.flows import ReferralFlow
from countycare.referrals.measures import REFERRAL_MEASURES, referral_measures
from countycare.referrals.network import ReferralNetwork, build_network
from countycare.referrals.plot import PlotUnavailableError, draw_network, save_network_plot
from countycare.referrals.records import (
    COLUMNS,
    AggregatedReferrals,
    ReadSummary,
    RejectReason,
    aggregate_referrals,
)
from countycare.referrals.results import ReferralRatio
from countycare.referrals.structure import (
    PairReciprocity,
    TownshipBypass,
    lead_concentration,
    reciprocity,
    township_bypass,
    unreachable_members,
)
from countycare.referrals.summary import referral_summary, render_referral_summary
from countycare.referrals.synthetic import synthetic_referrals

__all__ = [
    "COLUMNS",
    "REFERRAL_MEASURES",
    "AggregatedReferrals",
    "EdgeChange",
    "EdgeFlow",
    "NetworkChange",
    "PairReciprocity",
    "PlotUnavailableError",
    "ReadSummary",
    "ReferralDirection",
    "ReferralFlow",
    "ReferralNetwork",
    "ReferralRatio",
    "RejectReason",
    "TownshipBypass",
    "aggregate_referrals",
    "build_network",
    "completion_rate",
    "difference",
    "direction_between",
    "direction_of",
    "down_up_ratio",
    "draw_network",
    "largest_flows",
    "lead_concentration",
    "network_from_edges",
    "reciprocity",
    "referral_measures",
    "referral_rate",
    "referral_summary",
    "render_referral_summary",
    "reverse",
    "same_community",
    "save_network_plot",
    "synthetic_referrals",
    "totals_by_direction",
    "township_bypass",
    "unreachable_members",
]
