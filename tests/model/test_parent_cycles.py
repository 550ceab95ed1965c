"""A chain of parents that loops is reported once, at its earliest institution, with the loop
spelt out; the walk up the chains finds exactly the cycles a general graph search finds."""

from __future__ import annotations

import attrs
import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from countycare.io import load_county
from countycare.validation import _cycles_of_parents, validate_county


def test_a_loop_of_parents_is_one_problem_at_its_earliest_institution() -> None:
    """A township centre made the child of its own branch: one problem, at the centre (listed
    before the branch), naming the loop from there; nothing else in Wanrong is a cycle."""
    county = load_county("wanrong")
    looped = tuple(
        attrs.evolve(i, parent="wr-thb-01") if i.id == "wr-thc-02" else i
        for i in county.institutions
    )
    problems = validate_county(attrs.evolve(county, institutions=looped))
    cycles = [(p.path, p.message) for p in problems if "cycle" in p.message]
    assert cycles == [
        (
            "$.institutions[5].parent",
            "parent chain is a cycle: wr-thc-02 -> wr-thb-01 -> wr-thc-02",
        )
    ]
    assert not [p for p in validate_county(county) if "cycle" in p.message]


def _canonical(cycles: list[list[str]]) -> set[tuple[str, ...]]:
    """Cycles as rotation-free tuples (each from its smallest id), to compare two searches."""
    out = set()
    for cycle in cycles:
        first = cycle.index(min(cycle))
        out.add(tuple(cycle[first:] + cycle[:first]))
    return out


_IDS = st.sampled_from(["a", "b", "c", "d", "e", "f"])


@given(st.lists(st.tuples(_IDS, _IDS).filter(lambda e: e[0] != e[1]), max_size=12))
def test_the_walk_finds_the_cycles_networkx_finds(edges: list[tuple[str, str]]) -> None:
    """On any child -> parent edges (one parent each, or an id given two parents, which takes
    the general search), the cycles are those of :func:`networkx.simple_cycles`, each once,
    starting at the child listed first, and in the order of those children."""
    found = _cycles_of_parents(edges)
    expected = [c for c in nx.simple_cycles(nx.DiGraph(edges)) if len(c) > 1]
    assert _canonical(found) == _canonical(expected)
    assert len(found) == len(expected)
    order = {child: i for i, (child, _) in reversed(list(enumerate(edges)))}
    for cycle in found:
        assert order[cycle[0]] == min(order[node] for node in cycle)
    firsts = [order[cycle[0]] for cycle in found]
    assert firsts == sorted(firsts)  # in the order they are reported


@given(st.permutations(["a", "b", "c", "d", "e", "f"]), st.integers(1, 6))
def test_one_parent_each_is_walked_without_a_graph(ids: list[str], size: int) -> None:
    """A single loop of any length among chains of one parent each is found whole."""
    loop = ids[:size]
    edges = [(loop[k], loop[(k + 1) % size]) for k in range(size) if size > 1]
    edges += [(child, loop[0]) for child in ids[size:]]  # chains hanging on the loop
    found = _cycles_of_parents(edges)
    assert found == ([loop] if size > 1 else [])
