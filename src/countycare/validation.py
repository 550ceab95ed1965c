"""Checks of a whole county: every problem is collected, each with a path and the offending value.

What a valid county satisfies:

* ids are unique across areas, institutions and communities;
* every reference resolves (an institution's area and parent, a community's lead and members);
* a village clinic sits in a village and is run by a township health centre, branch or
  community health centre (not by a private clinic of the township tier); a branch has a
  township health centre as parent; parent chains have no cycles;
* a clinic (诊所、医务室、门诊部, mostly private) has the tier of the place it sits in: a village
  clinic rule never applies to it, but its ``sited_tier`` must match its area (village tier in a
  village, township tier elsewhere);
* a community's lead is a public county-tier hospital and holds the ``lead`` role;
* no institution belongs to two communities at once, and no membership periods overlap;
* the community structure is a tree.

Counts are checked when objects are built (a negative count cannot be constructed); file
loading reports those with their paths too (:func:`countycare.io.county_problems`).

Examples
--------
>>> from countycare import load_county
>>> [p for p in validate_county(load_county("wanrong")) if p.severity.value == "error"]
[]
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.errors import DataError, Problem, Severity
from countycare.geography import Township, Village
from countycare.hierarchy import community_tree
from countycare.labels import InstitutionKind, MembershipRole, Ownership, Tier

__all__ = ["check_county", "validate_county"]

_HOSPITAL_KINDS = frozenset(
    {
        InstitutionKind.COUNTY_GENERAL_HOSPITAL,
        InstitutionKind.COUNTY_TCM_HOSPITAL,
        InstitutionKind.MATERNAL_CHILD_HEALTH,
    }
)
_CENTRE_KINDS = frozenset(
    {InstitutionKind.TOWNSHIP_HEALTH_CENTRE, InstitutionKind.COMMUNITY_HEALTH_CENTRE}
)
#: Who may run a village clinic (乡村一体化): township-tier public centres, never a clinic.
_RUNS_VILLAGE_CLINICS = _CENTRE_KINDS | {InstitutionKind.TOWNSHIP_BRANCH}
_ROLE_FOR_KIND = {
    InstitutionKind.TOWNSHIP_BRANCH: MembershipRole.BRANCH,
    InstitutionKind.VILLAGE_CLINIC: MembershipRole.VILLAGE_AFFILIATE,
}


@boundary
def validate_county(county: County) -> tuple[Problem, ...]:
    """Every problem of ``county``: errors and warnings, in the order of the model."""
    return (
        *_unique_ids(county),
        *_institution_references(county),
        *_parent_cycles(county),
        *_communities(county),
        *_overlapping_memberships(county),
        *_coverage_warnings(county),
    )


@boundary
def check_county(county: County, source: str | None = None) -> County:
    """Return ``county`` if it has no errors; otherwise raise a :class:`DataError` listing them."""
    errors = [p for p in validate_county(county) if p.severity is Severity.ERROR]
    if errors:
        raise DataError(errors, source)
    return county


def _unique_ids(county: County) -> Iterator[Problem]:
    first: dict[str, str] = {county.id: "$.id"}
    entries: list[tuple[str, str]] = []
    for t, township in enumerate(county.townships):
        entries.append((township.id, f"$.townships[{t}].id"))
        entries.extend(
            (village.id, f"$.townships[{t}].villages[{v}].id")
            for v, village in enumerate(township.villages)
        )
    entries.extend(
        (inst.id, f"$.institutions[{i}].id") for i, inst in enumerate(county.institutions)
    )
    entries.extend((com.id, f"$.communities[{c}].id") for c, com in enumerate(county.communities))
    for ident, path in entries:
        if ident in first:
            yield Problem(path, f"duplicate id {ident!r} (first used at {first[ident]})")
        else:
            first[ident] = path


def _institution_references(county: County) -> Iterator[Problem]:
    for i, inst in enumerate(county.institutions):
        here = f"$.institutions[{i}]"
        if inst.kind is InstitutionKind.OUTSIDE:
            yield Problem(
                f"{here}.kind",
                f"institution {inst.id!r} has kind 'outside'; providers outside the county are "
                "not part of the model (referral records use the id 'outside')",
            )
        area = county._areas_by_id.get(inst.area)
        if area is None:
            yield Problem(f"{here}.area", f"area {inst.area!r} of {inst.id!r} does not exist")
        parent = county._institutions_by_id.get(inst.parent) if inst.parent else None
        if inst.parent is not None and parent is None:
            yield Problem(f"{here}.parent", f"parent {inst.parent!r} of {inst.id!r} does not exist")
        if inst.parent == inst.id:
            yield Problem(f"{here}.parent", f"{inst.id!r} is its own parent")
        if inst.kind is InstitutionKind.VILLAGE_CLINIC:
            if area is not None and not isinstance(area, Village):
                level = "township" if isinstance(area, Township) else "county"
                yield Problem(
                    f"{here}.area",
                    f"village clinic {inst.id!r} sits in {inst.area!r}, which is a {level}, "
                    "not a village",
                )
            if inst.parent is None:
                yield Problem(
                    f"{here}.parent",
                    f"village clinic {inst.id!r} has no parent; "
                    "it must be run by a township centre",
                )
            elif parent is not None and parent.kind not in _RUNS_VILLAGE_CLINICS:
                yield Problem(
                    f"{here}.parent",
                    f"village clinic {inst.id!r} is run by {parent.id!r}, a {parent.kind.value}; "
                    "it must be a township-tier centre (township health centre, branch or "
                    "community health centre)",
                )
            elif parent is not None and isinstance(area, Village):
                own, theirs = county.township_of(inst.area), county.township_of(parent.id)
                if own is not None and theirs is not None and own.id != theirs.id:
                    yield Problem(
                        f"{here}.parent",
                        f"village clinic {inst.id!r} in township {own.id!r} is run by "
                        f"{parent.id!r} of township {theirs.id!r}",
                        Severity.WARNING,
                    )
        if inst.kind is InstitutionKind.TOWNSHIP_BRANCH:
            if inst.parent is None:
                yield Problem(
                    f"{here}.parent",
                    f"branch {inst.id!r} has no parent; a branch belongs to a township centre",
                )
            elif parent is not None and parent.kind not in _CENTRE_KINDS:
                yield Problem(
                    f"{here}.parent",
                    f"branch {inst.id!r} has parent {parent.id!r}, a {parent.kind.value}; "
                    "it must be a township health centre",
                )
        if inst.kind is InstitutionKind.CLINIC and area is not None:
            if isinstance(area, Village) is not (inst.tier is Tier.VILLAGE):
                level = "village" if isinstance(area, Village) else "township or county seat"
                yield Problem(
                    f"{here}.sited_tier",
                    f"clinic {inst.id!r} has sited_tier {inst.tier.value!r} but sits in "
                    f"{inst.area!r}, a {level}: a clinic takes the tier of its place "
                    f"({'village' if isinstance(area, Village) else 'township'})",
                )
        elif inst.tier is Tier.TOWNSHIP and isinstance(area, Village):
            yield Problem(
                f"{here}.area",
                f"{inst.kind.value} {inst.id!r} sits in village {inst.area!r}; township-tier "
                "institutions are sited in a township",
                Severity.WARNING,
            )


def _parent_cycles(county: County) -> Iterator[Problem]:
    index = {inst.id: i for i, inst in reversed(list(enumerate(county.institutions)))}
    edges = [
        (inst.id, inst.parent)
        for inst in county.institutions
        if inst.parent is not None and inst.parent != inst.id and inst.parent in index
    ]
    for cycle in _cycles_of_parents(edges):
        yield Problem(
            f"$.institutions[{index[cycle[0]]}].parent",
            f"parent chain is a cycle: {' -> '.join([*cycle, cycle[0]])}",
        )


def _cycles_of_parents(edges: list[tuple[str, str]]) -> list[list[str]]:
    """The cycles of the graph ``child -> parent`` given by ``edges``, each once, from its
    earliest institution (in the order of ``edges``), following the parents; in that order.

    One parent each (the valid case, whatever the chains) is a walk up each chain that stops at
    a node seen before: a cycle is found where the walk meets its own path. A repeated id may
    have two parents; that graph is searched by :func:`networkx.simple_cycles`.

    >>> _cycles_of_parents([("a", "b"), ("b", "c"), ("c", "b"), ("d", "a")])
    [['b', 'c']]
    """
    order = {child: i for i, (child, _) in reversed(list(enumerate(edges)))}
    parent = dict(edges)
    if len(parent) < len(edges):  # an id with two parents: not a chain
        graph: nx.DiGraph[str] = nx.DiGraph(edges)
        found = [c for c in nx.simple_cycles(graph) if len(c) > 1]
    else:
        found, walked = [], set[str]()
        for start in parent:
            path: dict[str, None] = {}  # ordered: the walk so far
            node: str | None = start
            while node is not None and node not in walked and node not in path:
                path[node] = None
                node = parent.get(node)
            if node in path:
                chain = list(path)
                found.append(chain[chain.index(node) :])
            walked.update(path)
    rotated = []
    for cycle in found:  # every node of a cycle is a child, listed in ``order``
        first = min(range(len(cycle)), key=lambda i: order[cycle[i]])
        rotated.append(cycle[first:] + cycle[:first])
    return sorted(rotated, key=lambda cycle: order[cycle[0]])


def _communities(county: County) -> Iterator[Problem]:
    for c, community in enumerate(county.communities):
        here = f"$.communities[{c}]"
        lead = county._institutions_by_id.get(community.lead)
        if lead is None:
            yield Problem(f"{here}.lead", f"lead {community.lead!r} does not exist")
        else:
            if lead.tier is not Tier.COUNTY or lead.kind not in _HOSPITAL_KINDS:
                yield Problem(
                    f"{here}.lead",
                    f"lead {lead.id!r} is a {lead.kind.value}; the lead must be a county-tier "
                    "hospital (general, TCM or maternal and child health)",
                )
            if lead.ownership is not Ownership.PUBLIC:
                yield Problem(
                    f"{here}.lead", f"lead {lead.id!r} is {lead.ownership.value}; it must be public"
                )
        lead_roles = [m for m in community.memberships if m.role is MembershipRole.LEAD]
        if not any(m.institution == community.lead for m in lead_roles):
            yield Problem(
                f"{here}.memberships",
                f"the lead {community.lead!r} has no membership with role 'lead'",
            )
        for m, membership in enumerate(community.memberships):
            where = f"{here}.memberships[{m}]"
            member = county._institutions_by_id.get(membership.institution)
            if member is None:
                yield Problem(
                    f"{where}.institution", f"member {membership.institution!r} does not exist"
                )
                continue
            if membership.role is MembershipRole.LEAD and membership.institution != community.lead:
                yield Problem(
                    f"{where}.role",
                    f"{membership.institution!r} has role 'lead' "
                    f"but the lead is {community.lead!r}",
                )
            expected = _ROLE_FOR_KIND.get(member.kind)
            if expected is not None and membership.role is not expected:
                yield Problem(
                    f"{where}.role",
                    f"{member.kind.value} {member.id!r} has role {membership.role.value!r}; "
                    f"expected {expected.value!r}",
                    Severity.WARNING,
                )
        if lead is not None:
            tree = community_tree(county, community)
            if tree.number_of_nodes() > 1 and not nx.is_arborescence(tree):
                yield Problem(here, f"the structure of community {community.id!r} is not a tree")


def _overlapping_memberships(county: County) -> Iterator[Problem]:
    seen: dict[str, list[tuple[int, int]]] = {}
    for c, community in enumerate(county.communities):
        for m, membership in enumerate(community.memberships):
            for oc, om in seen.get(membership.institution, []):
                other = county.communities[oc].memberships[om]
                if not membership.overlaps(other):
                    continue
                where = f"$.communities[{c}].memberships[{m}]"
                if oc == c:
                    message = (
                        f"membership of {membership.institution!r} "
                        f"({membership.describe_period()}) overlaps its membership at "
                        f"$.communities[{oc}].memberships[{om}] ({other.describe_period()})"
                    )
                else:
                    message = (
                        f"{membership.institution!r} belongs to {community.id!r} and "
                        f"{county.communities[oc].id!r} at once "
                        f"({membership.describe_period()} overlaps {other.describe_period()})"
                    )
                yield Problem(where, message)
            seen.setdefault(membership.institution, []).append((c, m))


def _coverage_warnings(county: County) -> Iterator[Problem]:
    for t, township in enumerate(county.townships):
        if not township.villages:
            yield Problem(
                f"$.townships[{t}].villages",
                f"township {township.id!r} has no villages",
                Severity.WARNING,
            )
    members = {m.institution for c in county.communities for m in c.memberships}
    if county.communities:
        for i, inst in enumerate(county.institutions):
            if inst.kind in _CENTRE_KINDS and inst.id not in members:
                yield Problem(
                    f"$.institutions[{i}]",
                    f"township centre {inst.id!r} belongs to no medical community",
                    Severity.WARNING,
                )
