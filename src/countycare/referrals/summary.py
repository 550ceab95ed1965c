"""The numbers of a referral network in one JSON-ready mapping, and the same as text.

:func:`referral_summary` computes (reading summary, totals by direction — all issued, and
completed, pending and cancelled apart: the completed ones are the measures
``upward_referrals``, ``downward_referrals`` and ``out_of_county_referrals`` — ratios, bypass shares
by township, members with no path to the lead, largest flows); :func:`render_referral_summary`
only formats what it is given, so the text and the JSON always carry the same numbers. Patient
ids are never part of either.

Examples
--------
>>> from countycare.testing.networks import small_referral_county
>>> from countycare.referrals.network import build_network
>>> from countycare.referrals.synthetic import synthetic_referrals
>>> from countycare.periods import Period
>>> county = small_referral_county()
>>> period = Period.parse("2024")
>>> net = build_network(synthetic_referrals(county, period, 400, seed=4), county, period)
>>> summary = referral_summary(net, county, top=3)
>>> summary["totals"]["up"] + summary["totals"]["down"] <= summary["rows"]["accepted"]
True
>>> statuses = ("completed", "pending", "cancelled")
>>> summary["totals"]["down"] == sum(summary[s]["down"] for s in statuses)
True
>>> print(render_referral_summary(summary).splitlines()[0])
Referrals of Toy County (toy), period 2024
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.labels import ReferralDirection, ReferralStatus
from countycare.referrals.analyses import (
    completion_rate,
    down_up_ratio,
    largest_flows,
    totals_by_direction,
)
from countycare.referrals.network import ReferralNetwork
from countycare.referrals.structure import (
    lead_concentration,
    township_bypass,
    unreachable_members,
)

if TYPE_CHECKING:
    from countycare.forms import IntLike

__all__ = ["referral_summary", "render_referral_summary"]

_SHOWN_PROBLEMS = 10


@boundary
def referral_summary(
    network: ReferralNetwork, county: County | None = None, top: IntLike = 10
) -> dict[str, Any]:
    """The numbers of a network, as plain data (:meth:`ReferralNetwork.to_dict` adds the
    network itself).

    ``county`` defaults to the network's own; without one, ``county_name``, ``bypass`` and
    ``unreachable_members`` are None (they need the county's places and community) and the
    lead's share is left out of ``ratios``. Each ratio has a ``code``: ``down_up``,
    ``completion`` or ``lead_share``. ``rows`` counts the records read, accepted and
    rejected; its values are None for a network built from an edge list, where no record was
    read.
    """
    county = county if county is not None else network.county
    top = coerce.count(top, "top")
    rows: dict[str, int | None] = {"read": 0, "accepted": 0, "rejected": 0}
    rejected_by_reason: dict[str, int] = {}
    examples: list[str] = []
    for summary in network.summaries:
        rows["read"] = (rows["read"] or 0) + summary.rows_read
        rows["accepted"] = (rows["accepted"] or 0) + summary.rows_accepted
        rows["rejected"] = (rows["rejected"] or 0) + summary.rows_rejected
        for reason, n in summary.rejected_by_reason().items():
            rejected_by_reason[reason.value] = rejected_by_reason.get(reason.value, 0) + n
        examples += [p.located(summary.source) for p in summary.problems(_SHOWN_PROBLEMS)]
    if not network.summaries:  # built from an edge list: no rows were read
        rows = {"read": None, "accepted": None, "rejected": None}
    # each ratio with a stable code beside its English name, for a reader in another language
    ratios = [("down_up", down_up_ratio(network)), ("completion", completion_rate(network))]
    if county is not None and county.communities:
        ratios.append(("lead_share", lead_concentration(network, county)))
    return {
        "county": network.county_id,
        "county_name": None if county is None else county.name.en,
        "period": network.period_label(),
        "rows": rows,
        "rejected_by_reason": rejected_by_reason,
        "rejected_examples": examples[:_SHOWN_PROBLEMS],
        "totals": {d.value: n for d, n in totals_by_direction(network).items()},
        **{
            status.value: {
                d.value: n for d, n in totals_by_direction(network, status=status).items()
            }
            for status in ReferralStatus
        },
        "ratios": [{"code": code, **r.to_dict()} for code, r in ratios],
        "bypass": None
        if county is None
        else [
            {
                "township": b.township,
                "via_centre": b.via_centre,
                "bypass": b.bypass,
                "elsewhere": b.elsewhere,
                "via_centre_share": b.via_centre_share.to_dict(),
                "bypass_share": b.bypass_share.to_dict(),
            }
            for b in township_bypass(network, county)
        ],
        "unreachable_members": None
        if county is None
        else list(unreachable_members(network, county) if county.communities else ()),
        "largest_flows": [
            {
                "from_id": e.sender,
                "to_id": e.receiver,
                "direction": e.flow.direction.value,
                "referrals": e.flow.total,
                "completed": e.flow.count(status=ReferralStatus.COMPLETED),
            }
            for e in largest_flows(network, top)
        ],
    }


def _share(ratio: dict[str, Any]) -> str:
    return "undefined" if ratio["value"] is None else f"{ratio['value']:.1%}"


def _ratio_line(ratio: dict[str, Any]) -> str:
    if ratio["value"] is None:
        shown = ratio["undefined_reason"]
    elif ratio["unit"] == "ratio" and ratio["numerator"] <= ratio["denominator"]:
        shown = f"{ratio['value']:.1%}"
    else:
        shown = f"{ratio['value']:.3f}"
    return (
        f"  {ratio['name']}: {shown}  "
        f"({ratio['numerator']:g} {ratio['numerator_name']} / "
        f"{ratio['denominator'] if ratio['denominator'] is not None else '-'} "
        f"{ratio['denominator_name']})"
    )


@boundary
def render_referral_summary(summary: dict[str, Any]) -> str:
    """The summary as text for a terminal."""
    rows = summary["rows"]
    lines = [
        f"Referrals of {summary['county_name'] or summary['county']} ({summary['county']}), "
        f"period {summary['period']}",
        (
            f"Rows: {rows['read']} read = {rows['accepted']} accepted + {rows['rejected']} rejected"
            if rows["read"] is not None
            else "Rows: none read (the network was built from an edge list)"
        ),
    ]
    for reason, n in summary["rejected_by_reason"].items():
        lines.append(f"  rejected, {reason}: {n}")
    lines += [f"  e.g. {example}" for example in summary["rejected_examples"]]
    lines.append("Totals by direction (the measures such as downward_referrals count completed):")
    lines.append(f"  {'':<21} {'issued':>10} {'completed':>10} {'pending':>10} {'cancelled':>10}")
    for direction in ReferralDirection:
        counts = "".join(
            f" {summary[key][direction.value]:>10,}"
            for key in ("totals", "completed", "pending", "cancelled")
        )
        lines.append(f"  {direction.en:<16} {direction.zh:<4}{counts}")
    lines.append("Ratios:")
    lines += [_ratio_line(r) for r in summary["ratios"]]
    lines.append("Village clinics' upward referrals by township (via centre / bypass to county):")
    for b in summary["bypass"] or ():
        lines.append(
            f"  {b['township']:<12} {b['via_centre']:>8,} via centre "
            f"({_share(b['via_centre_share'])})  {b['bypass']:>8,} bypass "
            f"({_share(b['bypass_share'])})"
        )
    if summary["bypass"] is None:
        lines.append("  (unknown: the network was read without its county)")
    elif any(b["bypass_share"]["value"] is None for b in summary["bypass"]):
        lines.append("  (undefined: the township's village clinics made no upward referral)")
    members = summary["unreachable_members"] or []
    lines.append(
        f"Members with no referral path to the lead: {len(members)}"
        + (f" ({', '.join(members[:20])}{', …' if len(members) > 20 else ''})" if members else "")
    )
    lines.append("Largest flows:")
    for flow in summary["largest_flows"]:
        lines.append(
            f"  {flow['from_id']:>12} → {flow['to_id']:<12} {flow['direction']:<8}"
            f" {flow['referrals']:>8,}"
        )
    return "\n".join(lines)
