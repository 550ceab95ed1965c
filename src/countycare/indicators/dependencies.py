"""Which measures each indicator needs: the indicator → measure graph (networkx).

Nodes are ``("indicator", set_code, code)`` and ``("measure", code)``; each edge carries one
:class:`Requires` record saying the role the measure plays (``numerator``, ``deaths[30-34]``, …).
:func:`required_measures` answers the practical question: which numbers must a county collect
to compute a set?

Examples
--------
>>> sorted(required_measures("hierarchical-care-2015"))[:3]
['chronic_patients', 'downward_referrals', 'family_doctor_contracts']
>>> g = dependency_graph(["nhc-2024"])
>>> sorted(indicators_using(g, "visits"))
[('nhc-2024', 'primary_visit_share'), ('nhc-2024', 'tcm_visit_share')]
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import networkx as nx

from countycare.coerce.arguments import boundary
from countycare.indicators.catalogues import SETS, indicator_set
from countycare.indicators.definitions import IndicatorDefinition

__all__ = [
    "Requires",
    "dependency_graph",
    "indicators_using",
    "measures_of",
    "required_measures",
]

Node = tuple[str, ...]


@attrs.frozen
class Requires:
    """The edge record: an indicator reads a measure in a role, possibly a year back."""

    set_code: str
    indicator: str
    measure: str
    role: str
    category: str = ""
    years_back: int = 0


def measures_of(definition: IndicatorDefinition) -> frozenset[str]:
    """The measure codes one definition reads (empty for a checklist)."""
    return frozenset(c.measure for c in definition.formula.components())


@boundary
def dependency_graph(set_codes: Iterable[str] | None = None) -> nx.DiGraph[Node]:
    """The indicator → measure graph of the given sets (all shipped sets when None)."""
    graph: nx.DiGraph[Node] = nx.DiGraph()
    for code in set_codes if set_codes is not None else SETS:
        for definition in indicator_set(code):
            source: Node = ("indicator", definition.set_code, definition.code)
            graph.add_node(source, kind="indicator", definition=definition)
            for component in definition.formula.components():
                target: Node = ("measure", component.measure)
                graph.add_node(target, kind="measure")
                record = Requires(
                    definition.set_code,
                    definition.code,
                    component.measure,
                    component.key,
                    component.category,
                    component.years_back,
                )
                records: list[Requires] = (
                    graph.edges[source, target]["requires"]
                    if (graph.has_edge(source, target))
                    else []
                )
                graph.add_edge(source, target, requires=(*records, record))
    return graph


def indicators_using(graph: nx.DiGraph[Node], measure_code: str) -> frozenset[tuple[str, str]]:
    """The (set, indicator) pairs of ``graph`` that read ``measure_code``."""
    node: Node = ("measure", measure_code)
    if node not in graph:
        return frozenset()
    return frozenset((n[1], n[2]) for n in graph.predecessors(node))


@boundary
def required_measures(set_code: str) -> frozenset[str]:
    """The measure codes a county must collect to compute every indicator of ``set_code``.

    Qualitative items read answers, not measures, and add nothing. Raises
    :class:`~countycare.errors.DefinitionError` for an unknown set.

    >>> sorted(required_measures("wanrong-five-up-three-down"))[:3]
    ['admissions_insured_total', 'family_doctor_contracts', 'fund_paid_residents']
    """
    graph = dependency_graph([set_code])
    return frozenset(node[1] for node in graph if node[0] == "measure")
