"""The referral measures of the data dictionary, from a network: rows of a :class:`MeasureTable`.

``upward_referrals``, ``downward_referrals`` and ``out_of_county_referrals`` (unit ``referral``,
flows) for the county, each township and each institution of the county, in the network's one
period. A referral belongs to the scope of its **sender**: a township's downward referrals are
those its centres sent to village clinics, not those it received from the county hospital.
A zero is a real count here (nothing was sent), not a missing value.

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
"""

from __future__ import annotations

from countycare.community import County
from countycare.errors import DataError, PeriodError, Problem
from countycare.indicators.measures import measure
from countycare.indicators.table import MeasureTable
from countycare.labels import ReferralDirection
from countycare.referrals.network import ReferralNetwork

__all__ = ["REFERRAL_MEASURES", "referral_measures"]

#: The measure code of each direction that has one.
REFERRAL_MEASURES: dict[ReferralDirection, str] = {
    ReferralDirection.UP: "upward_referrals",
    ReferralDirection.DOWN: "downward_referrals",
    ReferralDirection.OUT: "out_of_county_referrals",
}


def referral_measures(network: ReferralNetwork, county: County) -> MeasureTable:
    """The referral measures of every scope of ``county`` for the network's period.

    Every referral issued counts, whatever its status (completed, cancelled or pending): the
    data dictionary counts referrals (人次) without a status. For completed ones only, use
    :func:`~countycare.referrals.analyses.sent_by` with ``status=ReferralStatus.COMPLETED``.
    Raises :class:`PeriodError` unless the network covers exactly one period (combine periods
    after, in the table, where flows sum).
    """
    if len(network.periods) != 1:
        raise PeriodError(
            f"referral measures need a network of one period, not {network.period_label()!r}"
        )
    if network.county_id != county.id:
        raise DataError(
            [Problem("$", f"network of {network.county_id!r} used with county {county.id!r}")]
        )
    for code in REFERRAL_MEASURES.values():
        measure(code)  # the codes are the data dictionary's: fail loudly if it changes
    period = str(network.periods[0])
    sent: dict[tuple[str, ReferralDirection], int] = {}
    for sender, _, flow in network.flows():
        key = (sender, flow.direction)
        sent[key] = sent.get(key, 0) + flow.total
    scopes: list[tuple[str, list[str]]] = [(county.id, [i.id for i in county.institutions])]
    scopes += [(t.id, [i.id for i in county.institutions_in(t.id)]) for t in county.townships]
    scopes += [(i.id, [i.id]) for i in county.institutions]
    rows = [
        (
            scope,
            period,
            code,
            "",
            float(sum(sent.get((member, direction), 0) for member in members)),
        )
        for scope, members in scopes
        for direction, code in REFERRAL_MEASURES.items()
    ]
    return MeasureTable.from_rows(rows)
