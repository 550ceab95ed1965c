"""Plain networkx out of a referral network: codes and numbers that every networkx reader,
writer and algorithm takes, and a way back in that rebuilds the same network."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from countycare import DataError, ReferralNetwork, build_network, load_county
from countycare.referrals.plain import EDGE_ATTRIBUTES
from countycare.testing import referral_networks


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(referral_networks())
def test_to_networkx_carries_only_plain_values_and_reads_back(network: ReferralNetwork) -> None:
    """Every attribute is a str or an int; weights add up to the total; from_networkx gives back
    an equal network."""
    graph = network.to_networkx()
    values = [
        *graph.graph.values(),
        *(v for _, data in graph.nodes(data=True) for v in data.values()),
        *(v for _, _, data in graph.edges(data=True) for v in data.values()),
    ]
    assert all(type(v) in (str, int) for v in values)
    assert sum(data["weight"] for _, _, data in graph.edges(data=True)) == network.total
    for _, _, data in graph.edges(data=True):
        assert set(data) <= set(EDGE_ATTRIBUTES)
    assert ReferralNetwork.from_networkx(graph) == network


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_the_wanrong_network_survives_graphml_and_gexf(tmp_path: Path, fmt: str) -> None:
    """nx.write_graphml / write_gexf accept the graph, and the file read back is the same
    network (GEXF, which keeps no graph attributes, with the county and period given)."""
    from countycare import synthetic_referrals

    county = load_county("wanrong")
    network = build_network(synthetic_referrals(county, "2024", 2000, seed=7), county, "2024")
    path = tmp_path / f"net.{fmt}"
    if fmt == "graphml":
        nx.write_graphml(network.to_networkx(), path)
        back = ReferralNetwork.from_networkx(nx.read_graphml(path))
    else:  # GEXF keeps no graph attributes: the county and period are given again
        nx.write_gexf(network.to_networkx(), path)
        back = ReferralNetwork.from_networkx(nx.read_gexf(path), county="wanrong", periods="2024")
    assert back == network


def test_networkx_algorithms_run_on_it_directly() -> None:
    """Centrality and community detection take the graph as it is, weighted."""
    from countycare import synthetic_referrals

    county = load_county("wanrong")
    network = build_network(synthetic_referrals(county, "2024", 2000, seed=7), county, "2024")
    graph = network.to_networkx()
    centrality = nx.in_degree_centrality(graph)
    lead = county.communities[0].lead
    assert max(centrality, key=centrality.__getitem__) in (lead, "outside")
    parts = nx.community.louvain_communities(graph.to_undirected(), weight="weight", seed=1)
    assert sum(len(p) for p in parts) == graph.number_of_nodes()


def test_from_networkx_names_what_is_missing() -> None:
    """A graph without tiers or directions is refused, each node or edge named."""
    graph: nx.DiGraph[str] = nx.DiGraph(county="x")
    graph.add_node("a")
    graph.add_edge("a", "b", direction="sideways", inpatient_completed=1)
    with pytest.raises(DataError) as caught:
        ReferralNetwork.from_networkx(graph)
    text = str(caught.value)
    assert "node 'a'" in text and "edge 'a' -> 'b'" in text and "sideways" in text
