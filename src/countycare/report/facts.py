"""The basic facts of a county (基本情况): the figures a county reform report opens with.

A county reform report opens with one paragraph of figures: area, towns and townships,
administrative villages and residents' committees, population, the medical group and its
members, staff and senior titles, beds by tier, and a year's visits, discharges and revenue.
:func:`basic_facts` computes each from the county model and, for the year's figures, a measures
table; each figure carries where it comes from (:class:`~countycare.provenance.Origin`: read in a
source, illustrative, or derived from other figures) and, when it cannot be stated, why
(:mod:`~countycare.report.facts_model` states the model's figures,
:mod:`~countycare.report.facts_year` the year's; :mod:`~countycare.report.basic_fact` holds
the figure types, importable from here too). The
figures and their order follow a county health reform report's template (register id
``county-reform-report-template`` in :mod:`countycare.sources`).

Examples
--------
>>> from countycare import load_county
>>> facts = basic_facts(load_county("wanrong"))
>>> facts["population"].value, facts["villages"].value, facts["village_clinics"].value
(362000, 207, 274)
>>> facts["towns"].value, facts["townships"].value, facts["area"].origin.value
(4, 10, 'source')
>>> facts["visits"].reason
'no measures were given'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.report.basic_fact import BasicFact as BasicFact
from countycare.report.basic_fact import BasicFacts as BasicFacts
from countycare.report.facts_model import model_facts
from countycare.report.facts_year import year_facts

if TYPE_CHECKING:
    from countycare.forms import CountyLike, DateLike, MeasuresLike, PeriodLike
    from countycare.indicators.samples import MeasuresFileInfo

__all__ = ["basic_facts"]  # BasicFact and BasicFacts (basic_fact.py) import from here too


@boundary
def basic_facts(
    county: CountyLike,
    measures: MeasuresLike | None = None,
    period: PeriodLike | None = None,
    *,
    as_of: DateLike | None = None,
    measures_info: MeasuresFileInfo | None = None,
) -> BasicFacts:
    """The basic facts of ``county``: the model's figures and, from ``measures`` at ``period``
    (the county's own scope), the year's visits, discharges and revenue.

    ``as_of`` dates the medical community's membership (default: today); ``measures_info``
    (a measures file's provenance companion) says which measured figures are illustrative.
    """
    county = coerce.county(county, "county")
    measures = None if measures is None else coerce.measure_table(measures, "measures")
    period = coerce.optional_period_text(period, "period")
    as_of = coerce.optional_date(as_of, "as_of")
    facts = model_facts(county, as_of) + year_facts(county, measures, period, measures_info)
    return BasicFacts(county.id, county.name, facts, as_of=as_of, period=period)
