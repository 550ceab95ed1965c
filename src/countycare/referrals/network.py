"""The referral network: institutions (and ``outside``) as nodes, referral flows as edges.

A :class:`ReferralNetwork` wraps a frozen networkx ``DiGraph``. Every institution of the county
and :data:`countycare.OUTSIDE` is a node with its ``tier``; an edge sender → receiver exists when
at least one referral went that way and carries one :class:`ReferralFlow` under the key
``"flow"``. The network covers one or more periods; networks of disjoint periods add up
(``a + b``), edge by edge.

Build one from records with :func:`build_network` (checked and counted in DuckDB) or from an
already aggregated edge list with :func:`countycare.referrals.edgelist.network_from_edges`.

Examples
--------
>>> from countycare.testing.networks import small_referral_county
>>> from countycare.referrals.synthetic import synthetic_referrals
>>> county = small_referral_county()
>>> q1, q2 = Period.parse("2024Q1"), Period.parse("2024Q2")
>>> a = build_network(synthetic_referrals(county, q1, 300, seed=1), county, q1)
>>> b = build_network(synthetic_referrals(county, q2, 200, seed=2), county, q2)
>>> a.total, b.total, (a + b).total, [str(p) for p in (a + b).periods]
(300, 200, 500, ['2024Q1', '2024Q2'])
>>> a.graph.edges["t1-c", "lead"]["flow"].direction.value
'up'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs
import networkx as nx

from countycare import coerce
from countycare.calls import calls_checked
from countycare.coerce.arguments import boundary
from countycare.coerce.fields import checked_fields
from countycare.community import County, UnknownIdError
from countycare.errors import DataError, PeriodError, Problem
from countycare.institutions import OUTSIDE
from countycare.labels import CareSetting, ReferralStatus, Tier
from countycare.periods import Period
from countycare.referrals.direction import direction_between
from countycare.referrals.flows import SETTINGS, STATUSES, ReferralFlow, cell_index
from countycare.referrals.records import AggregatedReferrals, ReadSummary, aggregate_referrals
from countycare.tabular import Tabular

__all__ = ["ReferralNetwork", "build_network", "flows_from_edges", "network_from_aggregate"]

_EDGE_COLUMNS: tuple[str, ...] = ("from_id", "to_id", "setting", "status", "referrals")
_Key = tuple[str, str]

if TYPE_CHECKING:
    import pyarrow as pa

    Graph: TypeAlias = nx.DiGraph[str]
else:  # networkx graphs cannot be subscripted at run time (autodoc evaluates the hints)
    Graph = nx.DiGraph


def _overlap(left: Sequence[Period], right: Sequence[Period]) -> list[tuple[Period, Period]]:
    return [(a, b) for a in left for b in right if a.start <= b.end and b.start <= a.end]


@calls_checked
@attrs.frozen(eq=False, field_transformer=checked_fields)
class ReferralNetwork(Tabular):
    """Referral flows between the institutions of one county over one or more periods.

    ``periods`` is empty when the network was built without a period (any date accepted).
    ``summaries`` tell how the rows of each source were used (empty for an edge list).
    ``county`` is the county it was built for (None when read back from a graph): with it,
    :meth:`to_dict` adds the analyses that need the county (bypass by township, members with
    no path to the lead).

    Out: :meth:`to_networkx` (plain codes and numbers, for GraphML and every networkx
    algorithm), :meth:`to_dict` (JSON), :meth:`to_arrow`, ``to_pandas()`` and ``to_polars()``
    (one row an edge); in again: :meth:`from_networkx`.
    """

    county_id: str
    periods: tuple[Period, ...]
    graph: Graph = attrs.field(repr=False)
    summaries: tuple[ReadSummary, ...] = attrs.field(default=(), repr=False)
    county: County | None = attrs.field(default=None, repr=False, kw_only=True)

    @classmethod
    @boundary
    def from_flows(
        cls,
        county: County,
        flows: Mapping[_Key, ReferralFlow],
        periods: Sequence[Period] = (),
        summaries: Sequence[ReadSummary] = (),
    ) -> ReferralNetwork:
        """A network of ``county`` with the given edge flows (edges with no referral dropped)."""
        graph: nx.DiGraph[str] = nx.DiGraph()
        for institution in county.institutions:
            graph.add_node(institution.id, tier=institution.tier)
        graph.add_node(OUTSIDE, tier=Tier.OUTSIDE)
        for (sender, receiver), flow in sorted(flows.items()):
            if sender not in graph or receiver not in graph:
                unknown = sender if sender not in graph else receiver
                raise DataError([Problem("$", f"unknown institution {unknown!r}")])
            if flow.total:
                graph.add_edge(sender, receiver, flow=flow)
        return cls(
            county.id, tuple(sorted(periods)), nx.freeze(graph), tuple(summaries), county=county
        )

    # -- reading ---------------------------------------------------------------------------------

    def flows(self) -> Iterator[tuple[str, str, ReferralFlow]]:
        """Every edge as ``(sender, receiver, flow)``, in id order."""
        for sender, receiver in sorted(self.graph.edges):
            yield sender, receiver, self.graph.edges[sender, receiver]["flow"]

    def flow(self, sender: str, receiver: str) -> ReferralFlow | None:
        """The flow from ``sender`` to ``receiver``, or None when no referral went that way."""
        if self.graph.has_edge(sender, receiver):
            flow: ReferralFlow = self.graph.edges[sender, receiver]["flow"]
            return flow
        return None

    @boundary
    def tier(self, node: str) -> Tier:
        """The tier of a node; an id not in the network is an ``UnknownIdError`` naming it."""
        if node not in self.graph:
            raise UnknownIdError(f"node: no institution or place {node!r} in this network")
        tier: Tier = self.graph.nodes[node]["tier"]
        return tier

    @property
    def total(self) -> int:
        """All referrals in the network."""
        return sum(flow.total for _, _, flow in self.flows())

    def period_label(self) -> str:
        """The periods as text (``2024Q1+2024Q2``; ``any`` when there is none)."""
        return "+".join(str(p) for p in self.periods) or "any"

    # -- plain data out and in (see countycare.referrals.plain) ---------------------------------

    def to_networkx(self) -> nx.DiGraph[str]:
        """A new graph with plain attributes: ``weight``, ``direction``, counts by setting and
        status on each edge, ``tier`` on each node (:mod:`countycare.referrals.plain`)."""
        from countycare.referrals.plain import to_networkx

        return to_networkx(self)

    @classmethod
    def from_networkx(
        cls, graph: Any, *, county: str | None = None, periods: object = None
    ) -> ReferralNetwork:
        """The network of a graph made by :meth:`to_networkx`, or read back from GraphML or
        GEXF (which drops the graph's ``county`` and ``periods``: give them here)."""
        from countycare.referrals.plain import from_networkx

        return from_networkx(graph, county=county, periods=periods)

    def to_dict(self, *, top: int = 10) -> dict[str, Any]:
        """JSON-ready: exactly what ``countycare referrals --json`` prints (``--top`` is ``top``).

        The numbers of :func:`~countycare.referrals.summary.referral_summary` (rows read and
        rejected, totals by direction and status, ratios, bypass, the ``top`` largest flows),
        then the network itself: periods, total, rows per source, nodes and edges (plain codes
        and numbers).
        """
        from countycare.referrals.plain import network_to_dict

        return network_to_dict(self, top=top)

    def to_arrow(self) -> pa.Table:
        """One row an edge: ``from_id, to_id, weight, direction`` and the counts."""
        from countycare.referrals.plain import network_to_arrow

        return network_to_arrow(self)

    # -- combining -------------------------------------------------------------------------------

    def __add__(self, other: ReferralNetwork) -> ReferralNetwork:
        """The network of both periods: flows summed edge by edge.

        The two must be of the same county and cover disjoint periods (else
        :class:`PeriodError`): adding a period to itself would count its referrals twice.
        """
        if not isinstance(other, ReferralNetwork):
            return NotImplemented
        if other.county_id != self.county_id:
            raise DataError(
                [Problem("$", f"cannot add networks of {self.county_id!r} and {other.county_id!r}")]
            )
        if not self.periods or not other.periods:
            raise PeriodError("cannot add a network built without a period: its dates are open")
        clashes = _overlap(self.periods, other.periods)
        if clashes:
            a, b = clashes[0]
            raise PeriodError(f"cannot add networks of overlapping periods {a} and {b}")
        graph: nx.DiGraph[str] = nx.DiGraph(self.graph)
        for sender, receiver, flow in other.flows():
            if graph.has_edge(sender, receiver):
                flow = graph.edges[sender, receiver]["flow"] + flow
            graph.add_edge(sender, receiver, flow=flow)
        return ReferralNetwork(
            self.county_id,
            tuple(sorted(self.periods + other.periods)),
            nx.freeze(graph),
            self.summaries + other.summaries,
            county=self.county,
        )

    def __eq__(self, other: object) -> bool:
        """Same county, same periods and the same flow on every edge."""
        if not isinstance(other, ReferralNetwork):
            return NotImplemented
        return (
            self.county_id == other.county_id
            and self.periods == other.periods
            and set(self.graph.nodes) == set(other.graph.nodes)
            and list(self.flows()) == list(other.flows())
        )

    def __hash__(self) -> int:
        return hash((self.county_id, self.periods, tuple(self.flows())))


def flows_from_edges(county: County, rows: dict[str, list[Any]]) -> dict[_Key, ReferralFlow]:
    """Edge flows from checked, aggregated edge columns (one entry per edge, setting, status).

    ``rows`` maps ``from_id, to_id, setting, status, referrals`` (and optionally
    ``within_community``) to equally long lists; the direction comes from the county's tiers.
    """
    tiers = {i.id: i.tier for i in county.institutions} | {OUTSIDE: Tier.OUTSIDE}
    # Codes are looked up once per distinct code, not once per row (a row is an edge cell).
    cell_of: dict[tuple[str, str], int] = {}
    cells: dict[_Key, list[int]] = {}
    within: dict[_Key, int | None] = {}
    has_within = "within_community" in rows
    columns = [rows[c] for c in _EDGE_COLUMNS]
    extra = rows["within_community"] if has_within else [None] * len(columns[0])
    for (sender, receiver, setting, status, n), inside in zip(
        zip(*columns, strict=True), extra, strict=True
    ):
        key = (sender, receiver)
        code = (setting, status)
        if code not in cell_of:
            cell_of[code] = cell_index(CareSetting(setting), ReferralStatus(status))
        counts = cells.setdefault(key, [0] * len(SETTINGS) * len(STATUSES))
        counts[cell_of[code]] += int(n)
        if has_within:
            within[key] = within.get(key, 0) + int(inside)  # type: ignore[operator]
    return {
        key: ReferralFlow(
            direction_between(tiers[key[0]], tiers[key[1]]), tuple(counts), within.get(key)
        )
        for key, counts in cells.items()
    }


@boundary
def build_network(
    source: Any,
    county: County | str | Path,
    period: Period | str | int | Sequence[Period | str | int] | None = None,
    *,
    lenient: bool = False,
) -> ReferralNetwork:
    """The referral network of the records in ``source`` (see :func:`aggregate_referrals`).

    ``source`` is a CSV or Parquet path, an Arrow table or a pandas or polars DataFrame;
    ``county`` a county, a dataset name or a county file; ``period`` a period (``"2024"``,
    ``"2024Q1"``, ``2024``…) or several. A wrong row raises a
    :class:`~countycare.errors.DataError` naming it; with ``lenient`` wrong rows are skipped and
    counted in ``network.summaries`` (rows outside the period are counted there in any case).

    Examples
    --------
    >>> from countycare.testing.networks import small_referral_county
    >>> from countycare.referrals.synthetic import synthetic_referrals
    >>> county = small_referral_county()
    >>> records = synthetic_referrals(county, Period.parse("2024"), 1000, seed=3, defects=0.02)
    >>> net = build_network(records, county, Period.parse("2024"), lenient=True)
    >>> s = net.summaries[0]
    >>> net.total == s.rows_accepted, s.rows_accepted + s.rows_rejected
    (True, 1000)
    """
    county = coerce.county(county, "county")
    batch = aggregate_referrals(source, county, coerce.periods(period, "period"), lenient=lenient)
    return network_from_aggregate(batch, county)


def network_from_aggregate(batch: AggregatedReferrals, county: County) -> ReferralNetwork:
    """The network of records already checked and counted by :func:`aggregate_referrals`."""
    flows = flows_from_edges(county, batch.edges.to_pydict())
    return ReferralNetwork.from_flows(county, flows, batch.periods, (batch.summary,))
