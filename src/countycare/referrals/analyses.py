"""Counting analyses of a referral network: totals, rates, ratios, completion, changes, top flows.

Every function takes the :class:`ReferralNetwork` first. Counts are whole numbers (0 is a
count); ratios are :class:`ReferralRatio` objects, undefined with a reason when the denominator
is 0 or missing. Rates take their denominator as a named measure, because official documents
disagree on it (see the docs page "Sources"): "downward referrals ÷ discharges of the lead
hospital", "upward referrals ÷ primary-care visits", and so on.

Examples
--------
>>> from countycare.testing.networks import small_referral_county
>>> from countycare.referrals.network import build_network
>>> from countycare.referrals.synthetic import synthetic_referrals
>>> county = small_referral_county()
>>> period = Period.parse("2024")
>>> net = build_network(synthetic_referrals(county, period, 2000, seed=5), county, period)
>>> totals = totals_by_direction(net)
>>> sum(totals.values()) == net.total
True
>>> done = totals_by_direction(net, status=ReferralStatus.COMPLETED)
>>> down_up_ratio(net).value == done[ReferralDirection.DOWN] / done[ReferralDirection.UP]
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from countycare import coerce
from countycare.calls import calls_checked
from countycare.coerce.arguments import boundary
from countycare.coerce.fields import checked_fields
from countycare.community import County
from countycare.errors import DataError, PeriodError, Problem
from countycare.indicators.measures import measure
from countycare.indicators.table import MeasureTable
from countycare.labels import CareSetting, ReferralDirection, ReferralStatus
from countycare.periods import Period
from countycare.referrals.flows import ReferralFlow
from countycare.referrals.network import ReferralNetwork
from countycare.referrals.results import ReferralRatio

if TYPE_CHECKING:
    from countycare.forms import Coded, IntLike

__all__ = [
    "EdgeChange",
    "EdgeFlow",
    "NetworkChange",
    "completion_rate",
    "difference",
    "down_up_ratio",
    "largest_flows",
    "referral_rate",
    "sent_by",
    "totals_by_direction",
]


@boundary
def totals_by_direction(
    network: ReferralNetwork,
    setting: Coded[CareSetting] | None = None,
    status: Coded[ReferralStatus] | None = None,
) -> dict[ReferralDirection, int]:
    """Referrals in each direction (every direction present, 0 when none), optionally filtered.

    Examples
    --------
    >>> from countycare.testing.networks import small_referral_county
    >>> empty = ReferralNetwork.from_flows(small_referral_county(), {})
    >>> totals_by_direction(empty)[ReferralDirection.UP]
    0
    """
    setting = coerce.optional_vocabulary(CareSetting, setting, "setting")
    status = coerce.optional_vocabulary(ReferralStatus, status, "status")
    totals = dict.fromkeys(ReferralDirection, 0)
    for _, _, flow in network.flows():
        totals[flow.direction] += flow.count(setting, status)
    return totals


def sent_by(
    network: ReferralNetwork,
    senders: frozenset[str] | None,
    direction: ReferralDirection,
    setting: CareSetting | None = None,
    status: ReferralStatus | None = None,
) -> int:
    """Referrals of ``direction`` sent by ``senders`` (None: by anyone)."""
    return sum(
        flow.count(setting, status)
        for sender, _, flow in network.flows()
        if flow.direction is direction and (senders is None or sender in senders)
    )


def _scope_senders(
    network: ReferralNetwork, county: County | None, scope: str | None
) -> frozenset[str] | None:
    if scope is None or scope == network.county_id:
        return None
    if scope in network.graph:
        return frozenset({scope})
    if county is None or not county.has_area(scope):
        raise DataError([Problem("$", f"unknown scope {scope!r}: not an institution or area")])
    return frozenset(i.id for i in county.institutions_in(scope))


@boundary
def referral_rate(
    network: ReferralNetwork,
    direction: Coded[ReferralDirection],
    denominators: MeasureTable,
    denominator: str,
    *,
    scope: str | None = None,
    denominator_scope: str | None = None,
    county: County | None = None,
    setting: Coded[CareSetting] | None = None,
    status: Coded[ReferralStatus] | None = ReferralStatus.COMPLETED,
) -> ReferralRatio:
    """Referrals of ``direction`` sent from ``scope`` ÷ the measure ``denominator`` there.

    Numerator and denominator cover the same scope. The numerator counts completed referrals
    (as the measures ``downward_referrals`` etc. do) unless ``status`` says otherwise (None:
    every referral issued). A denominator counted at the lead hospital alone
    (``lead_discharges``) takes the lead's referrals as numerator — the lead hospital's downward
    referrals ÷ its discharges — and needs ``county`` to know the lead (unless ``scope`` is the
    lead itself). A denominator read at
    another scope (``denominator_scope``) is a named variant: its name says so.

    Parameters
    ----------
    network
        The network of exactly one period: the denominator is read for that period.
    direction, setting, status
        Which referrals count in the numerator (by default completed ones, of any setting).
    denominators
        A :class:`MeasureTable` holding the denominator measure.
    denominator
        The code of the denominator measure (e.g. ``lead_discharges``, ``visits_primary``).
    scope
        Where the referrals are sent from: the county (default), an area (``county`` needed)
        or an institution.
    denominator_scope
        The scope of the denominator row when it differs from ``scope``.

    Examples
    --------
    >>> from countycare.testing.networks import small_referral_county
    >>> from countycare.referrals.edgelist import network_from_edges
    >>> import pyarrow as pa
    >>> edges = pa.table({"from_id": ["lead"], "to_id": ["t1-c"], "setting": ["inpatient"],
    ...                   "status": ["completed"], "referrals": [30]})
    >>> net = network_from_edges(edges, small_referral_county(), Period.parse("2024"))
    >>> table = MeasureTable.from_rows([("toy", "2024", "lead_discharges", "", 1500.0)])
    >>> county = small_referral_county()
    >>> r = referral_rate(net, ReferralDirection.DOWN, table, "lead_discharges", county=county)
    >>> r.value, r.unit, r.numerator_name
    (0.02, 'referral / admission', 'down completed referrals of the lead hospital')
    >>> referral_rate(
    ...     net, ReferralDirection.DOWN, MeasureTable.empty(), "lead_discharges", county=county
    ... ).reason
    "undefined: no value of measure 'lead_discharges' for scope 'toy', period 2024"
    """
    direction = coerce.vocabulary(ReferralDirection, direction, "direction")
    setting = coerce.optional_vocabulary(CareSetting, setting, "setting")
    status = coerce.optional_vocabulary(ReferralStatus, status, "status")
    if len(network.periods) != 1:
        raise PeriodError(f"a rate needs a network of one period, not {network.period_label()!r}")
    period = str(network.periods[0])
    below = measure(denominator)
    unit = below.unit
    where = scope or network.county_id
    denominator_where = denominator_scope or where
    senders = _scope_senders(network, county, scope)
    of = ""
    if below.lead_only and not (scope is not None and scope in network.graph):
        if county is None:
            raise DataError(
                [Problem("$", f"{denominator!r} is the lead hospital's: give the county")]
            )
        leads = {c.lead for c in county.communities}
        senders = frozenset(leads if senders is None else leads & senders)
        of = " of the lead hospital"
    numerator = sent_by(network, senders, direction, setting, status)
    value = denominators.get(denominator_where, period, denominator)
    filters = "".join(f" {x.value}" for x in (setting, status) if x is not None)
    variant = f" of {denominator_where} (a variant: another scope)" if denominator_scope else ""
    return ReferralRatio(
        name=f"{direction.value}{filters} referrals{of} from {where} per {denominator}{variant}",
        numerator=numerator,
        denominator=value,
        numerator_name=f"{direction.value}{filters} referrals{of}",
        denominator_name=denominator,
        unit=f"referral / {unit}",
        missing=(
            f"no value of measure {denominator!r} for scope {denominator_where!r}, period {period}"
        ),
    )


@boundary
def down_up_ratio(network: ReferralNetwork) -> ReferralRatio:
    """Downward referrals ÷ upward referrals (下转/上转), completed ones only as the measures
    ``downward_referrals`` and ``upward_referrals`` count them; undefined when nothing went up."""
    totals = totals_by_direction(network, status=ReferralStatus.COMPLETED)
    return ReferralRatio(
        "downward / upward referrals",
        totals[ReferralDirection.DOWN],
        totals[ReferralDirection.UP],
        "downward_referrals",
        "upward_referrals",
    )


@boundary
def completion_rate(
    network: ReferralNetwork, direction: Coded[ReferralDirection] | None = None
) -> ReferralRatio:
    """Completed referrals ÷ all referrals issued (pending and cancelled included).

    Pending referrals stay in the denominator: at the end of the period they were issued and not
    completed. Restrict to one ``direction`` if wanted.
    """
    direction = coerce.optional_vocabulary(ReferralDirection, direction, "direction")
    flows = [f for _, _, f in network.flows() if direction is None or f.direction is direction]
    which = f"{direction.value} " if direction else ""
    return ReferralRatio(
        f"completion rate of {which}referrals",
        sum(f.count(status=ReferralStatus.COMPLETED) for f in flows),
        sum(f.total for f in flows),
        f"completed {which}referrals",
        f"{which}referrals issued",
    )


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class EdgeFlow:
    """One edge of the network with its flow."""

    sender: str
    receiver: str
    flow: ReferralFlow


@boundary
def largest_flows(
    network: ReferralNetwork,
    n: IntLike = 10,
    direction: Coded[ReferralDirection] | None = None,
) -> tuple[EdgeFlow, ...]:
    """The ``n`` edges carrying most referrals (ties broken by ids), optionally of one direction."""
    n = coerce.count(n, "n")
    direction = coerce.optional_vocabulary(ReferralDirection, direction, "direction")
    edges = [
        EdgeFlow(s, r, f)
        for s, r, f in network.flows()
        if direction is None or f.direction is direction
    ]
    edges.sort(key=lambda e: (-e.flow.total, e.sender, e.receiver))
    return tuple(edges[:n])


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class EdgeChange:
    """Referrals along one edge in two networks; ``change`` is after − before."""

    sender: str
    receiver: str
    direction: ReferralDirection
    before: int
    after: int

    @property
    def change(self) -> int:
        """After − before."""
        return self.after - self.before


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class NetworkChange:
    """The difference between two networks: by direction and edge by edge."""

    before: tuple[Period, ...]
    after: tuple[Period, ...]
    by_direction: dict[ReferralDirection, tuple[int, int]]
    edges: tuple[EdgeChange, ...]

    def change(self, direction: Coded[ReferralDirection]) -> int:
        """After − before for one direction (a member, its code or a label)."""
        direction = coerce.vocabulary(ReferralDirection, direction, "direction")
        before, after = self.by_direction.get(direction, (0, 0))
        return after - before


@boundary
def difference(before: ReferralNetwork, after: ReferralNetwork) -> NetworkChange:
    """How referrals changed from ``before`` to ``after`` (two networks of the same county).

    Edges are listed when either network has them, largest absolute change first.

    Examples
    --------
    >>> from countycare.testing.networks import small_referral_county
    >>> from countycare.referrals.network import build_network
    >>> from countycare.referrals.synthetic import synthetic_referrals
    >>> county = small_referral_county()
    >>> q1, q2 = Period.parse("2024Q1"), Period.parse("2024Q2")
    >>> a = build_network(synthetic_referrals(county, q1, 100, seed=1), county, q1)
    >>> b = build_network(synthetic_referrals(county, q2, 150, seed=2), county, q2)
    >>> d = difference(a, b)
    >>> sum(d.change(x) for x in ReferralDirection)
    50
    """
    if before.county_id != after.county_id:
        raise DataError(
            [
                Problem(
                    "$", f"cannot compare networks of {before.county_id!r} and {after.county_id!r}"
                )
            ]
        )
    old, new = totals_by_direction(before), totals_by_direction(after)
    keys = sorted(set(before.graph.edges) | set(after.graph.edges))
    changes = []
    for sender, receiver in keys:
        a, b = before.flow(sender, receiver), after.flow(sender, receiver)
        direction = (a or b).direction  # type: ignore[union-attr]
        changes.append(
            EdgeChange(sender, receiver, direction, a.total if a else 0, b.total if b else 0)
        )
    changes.sort(key=lambda c: (-abs(c.change), c.sender, c.receiver))
    return NetworkChange(
        before.periods,
        after.periods,
        {d: (old[d], new[d]) for d in ReferralDirection},
        tuple(changes),
    )
