"""The county's two trees as networkx graphs: administrative hierarchy and community structure.

Edges carry one typed record, :class:`TreeEdge`, under the key ``"record"``; nodes carry their
``tier`` and ``name``.

Examples
--------
>>> import networkx as nx
>>> from countycare import load_county
>>> county = load_county("wanrong")
>>> tree = administrative_tree(county)
>>> nx.is_arborescence(tree), tree.number_of_nodes()
(True, 222)
>>> tree.edges["wanrong", "wr-t01"]["record"].relation.value
'contains'
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
import networkx as nx

from countycare.labels import BilingualEnum, Tier

if TYPE_CHECKING:
    from countycare.community import County, MedicalCommunity

__all__ = ["Relation", "TreeEdge", "administrative_tree", "community_tree"]


class Relation(BilingualEnum):
    """What a tree edge means."""

    CONTAINS = ("contains", "contains (administrative)", "管辖")
    LEADS = ("leads", "leads (community lead to member)", "牵头")
    RUNS = ("runs", "runs (centre to branch or village clinic)", "一体化管理")


@attrs.frozen
class TreeEdge:
    """The record on every edge of a hierarchy tree."""

    relation: Relation


def administrative_tree(county: County) -> nx.DiGraph[str]:
    """County → townships → villages: a node per area, edges from the larger area to the smaller."""
    tree: nx.DiGraph[str] = nx.DiGraph()
    tree.add_node(county.id, tier=Tier.COUNTY, name=county.name)
    for township in county.townships:
        tree.add_node(township.id, tier=Tier.TOWNSHIP, name=township.name)
        tree.add_edge(county.id, township.id, record=TreeEdge(Relation.CONTAINS))
        for village in township.villages:
            tree.add_node(village.id, tier=Tier.VILLAGE, name=village.name)
            tree.add_edge(township.id, village.id, record=TreeEdge(Relation.CONTAINS))
    return tree


def community_tree(
    county: County, community: MedicalCommunity, day: dt.date | None = None
) -> nx.DiGraph[str]:
    """The structure of ``community`` (on ``day``) rooted at its lead.

    A member whose ``parent`` is also a member (a branch, a village clinic) hangs under that
    parent with relation ``runs``; every other member hangs under the lead with relation ``leads``.
    The result is a tree when the county is valid (see :func:`countycare.validate_county`).
    """
    members = community.member_ids(day) | {community.lead}
    roles = community.roles(day)  # one pass, not a search per member
    tree: nx.DiGraph[str] = nx.DiGraph()
    for member in sorted(members):
        institution = county.institution(member) if county.has_institution(member) else None
        tree.add_node(
            member,
            tier=institution.tier if institution else None,
            name=institution.name if institution else None,
            role=roles.get(member),
        )
    for member in sorted(members - {community.lead}):
        institution = county.institution(member) if county.has_institution(member) else None
        parent = institution.parent if institution else None
        if parent is not None and parent in members:
            tree.add_edge(parent, member, record=TreeEdge(Relation.RUNS))
        else:
            tree.add_edge(community.lead, member, record=TreeEdge(Relation.LEADS))
    return tree
