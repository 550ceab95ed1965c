"""HL7 FHIR R4 (R4B), both ways: the county, indicator definitions and scorecards.

:func:`to_fhir_bundle` writes one ``Bundle`` (type ``collection``) with what is asked for:

* ``metadata``: the county (``Location``, ``Organization``, ``OrganizationAffiliation``,
  :mod:`~countycare.io.fhir.county`), every indicator definition of the chosen sets as a
  ``Measure`` (:mod:`~countycare.io.fhir.measures`) and a ``CodeSystem`` for every countycare
  vocabulary (:mod:`~countycare.io.fhir.codesystems`);
* ``data``: the sets evaluated on a measures table, as ``MeasureReport`` resources.

:func:`county_from_fhir` and :func:`measures_from_fhir` (:mod:`~countycare.io.fhir.read`) read
such a bundle back. Every resource written validates with ``fhir.resources.R4B``.

Examples
--------
>>> from countycare import load_county
>>> county = load_county("wanrong")
>>> bundle = to_fhir_bundle(county)
>>> sorted({e["resource"]["resourceType"] for e in bundle["entry"]})
['CodeSystem', 'Location', 'Measure', 'Organization', 'OrganizationAffiliation']
>>> county_from_fhir(bundle) == county
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.indicators.definitions import IndicatorSet
from countycare.indicators.table import MeasureTable
from countycare.io.fhir.codesystems import BASE, code_system, code_systems, resource_id
from countycare.io.fhir.county import county_resources
from countycare.io.fhir.measures import (
    measure_reports,
    measure_resource,
    measure_url,
    scorecard_reports,
)
from countycare.io.fhir.read import county_from_fhir, measures_from_fhir

__all__ = [
    "BASE",
    "code_system",
    "code_systems",
    "county_from_fhir",
    "county_resources",
    "county_to_fhir",
    "measure_reports",
    "measure_resource",
    "measure_url",
    "measures_from_fhir",
    "scorecard_reports",
    "to_fhir_bundle",
]

#: What an export holds: the model and definitions, the evaluated data, or both.
What = Literal["metadata", "data", "all"]


def _sets(sets: Iterable[IndicatorSet] | None) -> list[IndicatorSet]:
    if sets is not None:
        return list(sets)
    from countycare.indicators.catalogues import SETS

    return list(SETS.values())


@boundary
def to_fhir_bundle(
    county: County,
    *,
    table: MeasureTable | None = None,
    sets: Iterable[IndicatorSet] | None = None,
    what: What = "metadata",
) -> dict[str, Any]:
    """A ``Bundle`` of the county, its indicator definitions and (with ``table``) their values.

    ``sets`` defaults to every shipped set. ``what="data"`` or ``"all"`` needs ``table``.
    """
    chosen = _sets(sets)
    resources: list[dict[str, Any]] = []
    if what in ("metadata", "all"):
        resources.extend(county_resources(county))
        resources.extend(measure_resource(d) for s in chosen for d in s)
        resources.extend(code_systems())
    if what in ("data", "all"):
        if table is None:
            raise ValueError(f"what={what!r} needs a measures table")
        for s in chosen:
            resources.extend(measure_reports(s, table, county=county))
    return {
        "resourceType": "Bundle",
        "id": resource_id(f"countycare-{county.id}-{what}"),
        "type": "collection",
        "entry": [{"resource": r} for r in resources],
    }


@boundary
def county_to_fhir(county: County) -> dict[str, Any]:
    """The county alone (Locations, Organizations, OrganizationAffiliations) as a ``Bundle``."""
    return {
        "resourceType": "Bundle",
        "id": resource_id(f"countycare-{county.id}"),
        "type": "collection",
        "entry": [{"resource": r} for r in county_resources(county)],
    }
