"""A referral network as plain data: a networkx graph of codes and numbers, a dict, an Arrow table.

Inside the library an edge carries a typed :class:`~countycare.referrals.flows.ReferralFlow`;
what leaves it carries only strings and whole numbers, so that ``nx.write_graphml``,
``write_gexf``, centrality and community algorithms work on it unchanged:

* the graph: ``county`` (id) and ``periods`` (``"2024Q1+2024Q2"``, ``"any"`` without a period);
* each node: ``tier`` (``county``, ``township``, ``village``, ``outside``);
* each edge: ``weight`` (all referrals), ``direction`` (``up``, ``down``, ``lateral``, ``out``,
  ``in``), one count per setting (``outpatient``, ``emergency``, ``inpatient``), per status
  (``completed``, ``cancelled``, ``pending``) and per pair (``inpatient_completed``, …), and
  ``within_community`` when the source said.

:func:`from_networkx` reads such a graph back into the same network.

Examples
--------
>>> import networkx as nx
>>> from countycare.periods import Period
>>> from countycare.referrals.network import build_network
>>> from countycare.referrals.synthetic import synthetic_referrals
>>> from countycare.testing.networks import small_referral_county
>>> county, year = small_referral_county(), Period.parse("2024")
>>> net = build_network(synthetic_referrals(county, year, 300, seed=1), county, year)
>>> g = to_networkx(net)
>>> g.edges["t1-c", "lead"]["direction"], g.nodes["lead"]["tier"], g.graph["periods"]
('up', 'county', '2024')
>>> sum(w for _, _, w in g.edges(data="weight")) == net.total
True
>>> from_networkx(g) == net
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx

from countycare.errors import ArgumentError, DataError, Problem
from countycare.labels import ReferralDirection, Tier
from countycare.periods import Period
from countycare.referrals.flows import SETTINGS, STATUSES, ReferralFlow

if TYPE_CHECKING:
    import pyarrow as pa

    from countycare.referrals.network import ReferralNetwork

__all__ = ["EDGE_ATTRIBUTES", "edge_attributes", "from_networkx", "network_to_dict", "to_networkx"]

_CELLS = tuple(f"{s.value}_{t.value}" for s in SETTINGS for t in STATUSES)

#: The attributes of every edge of :func:`to_networkx`, in order (``within_community`` only when
#: known).
EDGE_ATTRIBUTES: tuple[str, ...] = (
    "weight",
    "direction",
    *(s.value for s in SETTINGS),
    *(t.value for t in STATUSES),
    *_CELLS,
    "within_community",
)


def edge_attributes(flow: ReferralFlow) -> dict[str, Any]:
    """The plain attributes of one edge (see the module).

    >>> from countycare.labels import CareSetting, ReferralStatus
    >>> flow = ReferralFlow.from_counts(
    ...     ReferralDirection.UP, {(CareSetting.INPATIENT, ReferralStatus.COMPLETED): 5})
    >>> a = edge_attributes(flow)
    >>> a["weight"], a["direction"], a["inpatient"], a["completed"], a["inpatient_completed"]
    (5, 'up', 5, 5, 5)
    """
    attributes: dict[str, Any] = {"weight": flow.total, "direction": flow.direction.value}
    attributes.update({s.value: flow.count(setting=s) for s in SETTINGS})
    attributes.update({t.value: flow.count(status=t) for t in STATUSES})
    attributes.update(zip(_CELLS, flow.counts, strict=True))
    if flow.within_community is not None:
        attributes["within_community"] = flow.within_community
    return attributes


def to_networkx(network: ReferralNetwork) -> nx.DiGraph[str]:
    """A new, unfrozen networkx graph of ``network`` with plain attributes (see the module)."""
    graph: nx.DiGraph[str] = nx.DiGraph(county=network.county_id, periods=network.period_label())
    for node in sorted(network.graph.nodes):
        graph.add_node(node, tier=network.tier(node).value)
    for sender, receiver, flow in network.flows():
        graph.add_edge(sender, receiver, **edge_attributes(flow))
    return graph


def _periods(text: object) -> tuple[Period, ...]:
    if text in (None, "", "any"):
        return ()
    if not isinstance(text, str):
        raise ArgumentError("graph", f"periods must be text such as '2024Q1+2024Q2', got {text!r}")
    return tuple(sorted(Period.parse(part) for part in text.split("+")))


def _count(data: dict[str, Any], key: str, where: str) -> int:
    value = data.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise DataError([Problem(where, f"{key} must be a whole number ≥ 0, got {value!r}")])
    if value != int(value):
        raise DataError([Problem(where, f"{key} must be a whole number ≥ 0, got {value!r}")])
    return int(value)


def from_networkx(
    graph: Any, *, county: str | None = None, periods: object = None
) -> ReferralNetwork:
    """The referral network of a graph made by :func:`to_networkx` (or read from GraphML/GEXF).

    Every node needs its ``tier``; every edge its ``direction`` and its per-pair counts
    (``inpatient_completed``, …; absent pairs count 0). A :class:`DataError` names the node or
    edge that lacks them. ``county`` and ``periods`` (a period or several) default to the
    graph's own attributes; give them for a format that drops graph attributes (GEXF).
    """
    from countycare.referrals.network import ReferralNetwork

    if not isinstance(graph, nx.DiGraph):
        from countycare.coerce import refuse

        raise refuse("graph", "a directed networkx graph (from ReferralNetwork.to_networkx)", graph)
    plain: nx.DiGraph[str] = nx.DiGraph()
    problems: list[Problem] = []
    for node, data in graph.nodes(data=True):
        try:
            plain.add_node(str(node), tier=Tier(data.get("tier")))
        except ArgumentError as exc:
            problems.append(Problem(f"node {node!r}", f"tier: {exc.reason}"))
    for sender, receiver, data in graph.edges(data=True):
        where = f"edge {sender!r} -> {receiver!r}"
        try:
            direction = ReferralDirection(data.get("direction"))
            counts = tuple(_count(data, cell, where) for cell in _CELLS)
            within = data.get("within_community")
            flow = ReferralFlow(
                direction,
                counts,
                None if within is None else _count(data, "within_community", where),
            )
        except ArgumentError as exc:
            problems.append(Problem(where, f"direction: {exc.reason}"))
            continue
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        except ValueError as exc:
            problems.append(Problem(where, str(exc)))
            continue
        if flow.total:
            plain.add_edge(str(sender), str(receiver), flow=flow)
    if problems:
        raise DataError(problems, source="graph")
    county = county or graph.graph.get("county")
    if not isinstance(county, str) or not county:
        raise DataError(
            [Problem("graph", f"the graph needs its county id (or give county=), got {county!r}")]
        )
    if periods is None:
        chosen = _periods(graph.graph.get("periods"))
    else:
        from countycare.coerce import periods as coerce_periods

        found = coerce_periods(periods, "periods")
        chosen = found if isinstance(found, tuple) else (found,) if found is not None else ()
    return ReferralNetwork(county, chosen, nx.freeze(plain))


def network_to_dict(network: ReferralNetwork, *, top: int = 10) -> dict[str, Any]:
    """The one document of a network (see :meth:`ReferralNetwork.to_dict`): the summary's
    numbers, then county, periods, total, rows read and rejected, nodes and edges (plain)."""
    from countycare.referrals.summary import referral_summary

    return {
        **referral_summary(network, top=top),
        "county": network.county_id,
        "periods": [str(p) for p in network.periods],
        "total": network.total,
        "sources": [
            {
                "source": s.source,
                "read": s.rows_read,
                "accepted": s.rows_accepted,
                "rejected": s.rows_rejected,
            }
            for s in network.summaries
        ],
        "nodes": [
            {"id": node, "tier": network.tier(node).value} for node in sorted(network.graph.nodes)
        ],
        "edges": [
            {"from_id": sender, "to_id": receiver, **edge_attributes(flow)}
            for sender, receiver, flow in network.flows()
        ],
    }


def network_to_arrow(network: ReferralNetwork) -> pa.Table:
    """One row an edge: ``from_id, to_id`` then :data:`EDGE_ATTRIBUTES` (null when unknown)."""
    import pyarrow as pa

    edges = list(network.flows())
    columns: dict[str, Any] = {
        "from_id": pa.array([s for s, _, _ in edges], pa.string()),
        "to_id": pa.array([r for _, r, _ in edges], pa.string()),
    }
    rows = [edge_attributes(flow) for _, _, flow in edges]
    for name in EDGE_ATTRIBUTES:
        kind = pa.string() if name == "direction" else pa.int64()
        columns[name] = pa.array([row.get(name) for row in rows], kind)
    return pa.table(columns)
