"""The referral measures of the data dictionary, from a network: rows of a :class:`MeasureTable`.

``upward_referrals``, ``downward_referrals`` and ``out_of_county_referrals`` (unit ``referral``,
flows) count **completed** referrals — patients actually transferred — exactly as the records
engine (:mod:`countycare.records`) counts them: one definition per code on every path. Pending
and cancelled referrals are counted apart (``downward_referrals_pending``,
``downward_referrals_cancelled``, …). ``lead_downward_referrals`` is the lead hospital's part of
``downward_referrals``, the numerator that matches ``lead_discharges``. Rows are given for the
county, each township and each institution of the county, in the network's one period. A
referral belongs to the scope of its **sender**: a township's downward referrals are those its
centres sent to village clinics, not those it received from the county hospital. A zero is a
real count here (nothing was sent), not a missing value.

Examples
--------
>>> from countycare.testing.networks import small_referral_county
>>> from countycare.referrals.network import build_network
>>> from countycare.referrals.synthetic import synthetic_referrals
>>> from countycare.periods import Period
>>> county = small_referral_county()
>>> period = Period.parse("2024Q3")
>>> net = build_network(synthetic_referrals(county, period, 800, seed=2), county, period)
>>> table = referral_measures(net, county)
>>> table.get("toy", "2024Q3", "upward_referrals") == sum(
...     table.get(t.id, "2024Q3", "upward_referrals") for t in county.townships
... ) + table.get("lead", "2024Q3", "upward_referrals") + table.get(
...     "tcm", "2024Q3", "upward_referrals") + table.get("priv", "2024Q3", "upward_referrals")
True
>>> from countycare.labels import ReferralDirection as D, ReferralStatus as S
>>> from countycare.referrals.analyses import sent_by
>>> done = sent_by(net, None, D.DOWN, status=S.COMPLETED)
>>> table.get("toy", "2024Q3", "downward_referrals") == done
True
>>> table.get("toy", "2024Q3", "lead_downward_referrals") == sent_by(
...     net, frozenset({"lead"}), D.DOWN, status=S.COMPLETED)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.errors import DataError, PeriodError, Problem
from countycare.indicators.measures import measure
from countycare.indicators.table import MeasureTable
from countycare.labels import ReferralDirection, ReferralStatus
from countycare.referrals.network import ReferralNetwork

if TYPE_CHECKING:
    from countycare.forms import CountyLike

__all__ = ["LEAD_MEASURES", "REFERRAL_MEASURES", "STATUS_MEASURES", "referral_measures"]

#: The measure code of each direction that has one: completed referrals only.
REFERRAL_MEASURES: dict[ReferralDirection, str] = {
    ReferralDirection.UP: "upward_referrals",
    ReferralDirection.DOWN: "downward_referrals",
    ReferralDirection.OUT: "out_of_county_referrals",
}

#: The measure code of each direction and referral status: completed referrals are the
#: direction's own measure; pending and cancelled ones are counted apart, never in it.
STATUS_MEASURES: dict[tuple[ReferralDirection, ReferralStatus], str] = {
    (direction, status): code if status is ReferralStatus.COMPLETED else f"{code}_{status.value}"
    for direction, code in REFERRAL_MEASURES.items()
    for status in ReferralStatus
}

#: Measures of the lead hospital alone (completed referrals it sent), by direction.
LEAD_MEASURES: dict[ReferralDirection, str] = {ReferralDirection.DOWN: "lead_downward_referrals"}


@boundary
def referral_measures(network: ReferralNetwork, county: CountyLike) -> MeasureTable:
    """The referral measures of every scope of ``county`` for the network's period.

    ``upward_referrals``, ``downward_referrals`` and ``out_of_county_referrals`` count completed
    referrals only; pending and cancelled ones are their own measures (``…_pending``,
    ``…_cancelled``), so that every issued referral is counted once and none is hidden. The
    lead-only measure ``lead_downward_referrals`` has rows for the lead, the township it sits
    in (if any) and the county. Raises :class:`PeriodError` unless the network covers exactly
    one period (combine periods after, in the table, where flows sum).
    """
    county = coerce.county(county, "county")
    if len(network.periods) != 1:
        raise PeriodError(
            f"referral measures need a network of one period, not {network.period_label()!r}"
        )
    if network.county_id != county.id:
        raise DataError(
            [Problem("$", f"network of {network.county_id!r} used with county {county.id!r}")]
        )
    for code in (*STATUS_MEASURES.values(), *LEAD_MEASURES.values()):
        measure(code)  # the codes are the data dictionary's: fail loudly if it changes
    period = str(network.periods[0])
    sent: dict[tuple[str, ReferralDirection, ReferralStatus], int] = {}
    for sender, _, flow in network.flows():
        for status in ReferralStatus:
            key = (sender, flow.direction, status)
            sent[key] = sent.get(key, 0) + flow.count(status=status)
    scopes: list[tuple[str, list[str]]] = [(county.id, [i.id for i in county.institutions])]
    scopes += [(t.id, [i.id for i in county.institutions_in(t.id)]) for t in county.townships]
    scopes += [(i.id, [i.id]) for i in county.institutions]
    leads = {c.lead for c in county.communities}

    def total(members: list[str], direction: ReferralDirection, status: ReferralStatus) -> float:
        return float(sum(sent.get((m, direction, status), 0) for m in members))

    rows = [
        (scope, period, code, "", total(members, direction, status))
        for scope, members in scopes
        for (direction, status), code in STATUS_MEASURES.items()
    ]
    completed = ReferralStatus.COMPLETED
    rows += [
        (scope, period, code, "", total([m for m in members if m in leads], direction, completed))
        for scope, members in scopes
        if leads.intersection(members)
        for direction, code in LEAD_MEASURES.items()
    ]
    return MeasureTable.from_rows(rows)
