"""Indicators as FHIR R4 (R4B): each definition a ``Measure``, a scorecard ``MeasureReport``\\ s.

A ``Measure`` (canonical ``{BASE}/Measure/{set}/{code}``) carries the definition's scoring
(``proportion`` for a ratio of two counts of the same thing, ``ratio`` otherwise, ``cohort`` for
a single count), ``improvementNotation`` (increase / decrease; a "closer to a value" direction
has no FHIR code and travels as the ``toward`` extension), one ``group`` whose populations are
the formula's components (``numerator`` / ``denominator``, or ``initial-population`` for a
count), each coded also with its countycare measure, ``effectivePeriod`` = the validity,
``relatedArtifact`` the citation, ``status`` ``active`` for an official definition and ``draft``
for a secondary or reconstructed one (the countycare status itself travels as the
``source-status`` extension).

A ``MeasureReport`` (type ``summary``) is one indicator at one scope and period: ``subject`` the
area (a ``Location``) or ``reporter`` the institution (an ``Organization``: R4B allows no
Organization as subject), ``period`` the period's first and last day, one population per
component with its ``count`` (when a whole number) and, in the ``measure-value`` extension, the
exact value, measure, category and period it was read for, so that
:func:`countycare.io.fhir.read.measures_from_fhir` gives the table back. The score is a
``Quantity`` in the definition's unit (UCUM ``%`` for percentages); an undefined value has no
score but the ``data-absent-reason`` and countycare ``undefined-reason`` extensions.

Examples
--------
>>> from countycare.indicators.catalogues import indicator_set
>>> from countycare.indicators.table import MeasureTable
>>> d = indicator_set("nhc-2024").get("primary_visit_share")
>>> m = measure_resource(d)
>>> m["scoring"]["coding"][0]["code"], [p["id"] for p in m["group"][0]["population"]]
('proportion', ['numerator', 'denominator'])
>>> t = MeasureTable.from_rows([("wanrong", "2024", "visits", "", 2e6),
...                             ("wanrong", "2024", "visits_primary", "", 1.3e6)])
>>> reports = measure_reports(indicator_set("nhc-2024"), t)
>>> report = next(r for r in reports if r["measure"].endswith("/primary_visit_share"))
>>> report["group"][0]["measureScore"]["value"], report["group"][0]["population"][0]["count"]
(65.0, 1300000)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.errors import DataError
from countycare.indicators.definitions import Direction, IndicatorDefinition, IndicatorSet
from countycare.indicators.display import display_unit
from countycare.indicators.evaluation import (
    IndicatorValue,
    UndefinedReason,
    evaluate,
    year_earlier,
)
from countycare.indicators.formulas import Checklist, Component, Count, Ratio
from countycare.indicators.measure_checks import writing_problems
from countycare.indicators.scorecard import Scorecard
from countycare.indicators.table import MeasureTable
from countycare.io.fhir.codesystems import (
    BASE,
    extension_url,
    identifier_system,
    resource_id,
    system,
)
from countycare.labels import SourceStatus
from countycare.periods import Period
from countycare.units import parse_unit

__all__ = [
    "measure_reports",
    "measure_resource",
    "measure_url",
    "report_resource",
    "report_values",
    "scorecard_reports",
]

_SCORING = "http://terminology.hl7.org/CodeSystem/measure-scoring"
_IMPROVEMENT = "http://terminology.hl7.org/CodeSystem/measure-improvement-notation"
_POPULATION = "http://terminology.hl7.org/CodeSystem/measure-population"
_ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
_UCUM = "http://unitsofmeasure.org"
#: The ``Expression.language`` of a population criterion: a countycare measure code.
CRITERIA_LANGUAGE = "text/x-countycare-measure"


@boundary
def measure_url(definition: IndicatorDefinition) -> str:
    """The canonical URL of the definition's ``Measure``."""
    return f"{BASE}/Measure/{definition.set_code}/{definition.code}"


def _scoring(definition: IndicatorDefinition) -> str | None:
    formula = definition.formula
    if isinstance(formula, Checklist):
        return None
    if isinstance(formula, Count):
        return "cohort"
    if isinstance(formula, Ratio):
        natural = formula.natural_unit()
        return "proportion" if natural.dimensionless else "ratio"
    return "proportion" if parse_unit(definition.unit).dimensionless else "ratio"


def _population_type(component: Component, definition: IndicatorDefinition) -> str:
    if isinstance(definition.formula, Count):
        return "initial-population"
    if component.key.endswith("denominator") or component.key.startswith("population"):
        return "denominator"
    return "numerator"


def _population_code(component: Component, definition: IndicatorDefinition) -> dict[str, Any]:
    kind = _population_type(component, definition)
    return {
        "coding": [
            {"system": _POPULATION, "code": kind},
            {"system": system("measure"), "code": component.measure},
        ],
        "text": component.key,
    }


def _criterion(component: Component) -> str:
    text = component.measure
    if component.category:
        text += f"[{component.category}]"
    if component.years_back:
        text += f" (same period {component.years_back} year(s) earlier)"
    return text


def _status(status: SourceStatus) -> str:
    return "active" if status is SourceStatus.OFFICIAL else "draft"


@boundary
def measure_resource(definition: IndicatorDefinition) -> dict[str, Any]:
    """The definition as a FHIR ``Measure`` (JSON data)."""
    d = definition
    extensions: list[dict[str, Any]] = [
        {
            "url": extension_url("source-status"),
            "valueCoding": {
                "system": system("source-status"),
                "code": d.status.value,
                "display": d.status.en,
            },
        },
        {"url": extension_url("unit"), "valueString": d.unit or "1"},
    ]
    if d.toward is not None:
        extensions.append({"url": extension_url("toward"), "valueDecimal": d.toward})
    citation = {"type": "citation", "citation": str(d.reference)}
    if d.reference.url:
        citation["url"] = d.reference.url
    resource: dict[str, Any] = {
        "resourceType": "Measure",
        "id": resource_id(f"{d.set_code}.{d.code}"),
        "extension": extensions,
        "url": measure_url(d),
        "identifier": [
            {"system": identifier_system("indicator"), "value": f"{d.set_code}/{d.code}"}
        ],
        "name": "".join(p.title() for p in d.code.replace("-", "_").split("_")),
        "title": d.name.en,
        "subtitle": d.name.zh,
        "status": _status(d.status),
        "description": f"{d.set_code} item {d.item}: {d.name.en} ({d.name.zh})."
        + (f" {d.note}" if d.note else ""),
        "effectivePeriod": {"start": d.valid_from.isoformat()},
        "relatedArtifact": [citation],
        "topic": [
            {"coding": [{"system": system("indicator"), "code": d.code, "display": d.name.en}]}
        ],
    }
    if d.valid_to is not None:
        resource["effectivePeriod"]["end"] = d.valid_to.isoformat()
    scoring = _scoring(d)
    if scoring is not None:
        resource["scoring"] = {"coding": [{"system": _SCORING, "code": scoring}]}
    if d.direction in (Direction.INCREASE, Direction.DECREASE):
        assert d.direction is not None
        resource["improvementNotation"] = {
            "coding": [{"system": _IMPROVEMENT, "code": d.direction.value}]
        }
    populations = [
        {
            "id": c.key,
            "code": _population_code(c, d),
            "description": f"{c.key}: measure {_criterion(c)}",
            "criteria": {"language": CRITERIA_LANGUAGE, "expression": _criterion(c)},
        }
        for c in d.formula.components()
    ]
    group: dict[str, Any] = {"description": d.name.en}
    if populations:
        group["population"] = populations
    resource["group"] = [group]
    return resource


def _score(value: IndicatorValue) -> dict[str, Any]:
    assert value.value is not None
    shown = display_unit(value.unit) if value.unit else ""
    score: dict[str, Any] = {"value": value.value, "unit": shown or "1"}
    if shown in ("%", ""):
        score.update({"system": _UCUM, "code": shown or "1"})
    return score


def _absent(value: IndicatorValue) -> list[dict[str, Any]]:
    reason = value.reason
    assert reason is not None
    code = "unknown" if reason is UndefinedReason.MISSING_INPUT else "not-applicable"
    extensions: list[dict[str, Any]] = [
        {"url": _ABSENT, "valueCode": code},
        {
            "url": extension_url("undefined-reason"),
            "valueCoding": {
                "system": system("undefined-reason"),
                "code": reason.value,
                "display": reason.en,
            },
        },
    ]
    if value.detail:
        extensions.append({"url": extension_url("undefined-detail"), "valueString": value.detail})
    return extensions


def _value_ext(component: Component, scope_period: str, value: float) -> dict[str, Any]:
    parts: list[dict[str, Any]] = [
        {"url": "measure", "valueCoding": {"system": system("measure"), "code": component.measure}},
        {"url": "period", "valueString": scope_period},
        {"url": "value", "valueDecimal": value},
    ]
    if component.category:
        parts.insert(1, {"url": "category", "valueString": component.category})
    return {"url": extension_url("measure-value"), "extension": parts}


def _component_period(period: str, years_back: int) -> str:
    """The period a component is read at: the same period ``years_back`` years earlier."""
    return str(year_earlier(period, years_back)) if years_back else str(Period.parse(period))


def _subject(scope: str, county: County | None) -> dict[str, Any]:
    if county is not None and county.has_institution(scope):
        return {
            "reporter": {
                "reference": f"Organization/{resource_id(scope)}",
                "identifier": {"system": identifier_system("institution"), "value": scope},
            }
        }
    return {
        "subject": {
            "reference": f"Location/{resource_id(scope)}",
            "identifier": {"system": identifier_system("area"), "value": scope},
        }
    }


def report_resource(
    definition: IndicatorDefinition,
    value: IndicatorValue,
    table: MeasureTable,
    *,
    county: County | None = None,
) -> dict[str, Any]:
    """One indicator value as a ``MeasureReport``; the populations read ``table``."""
    d = definition
    period = Period.parse(value.period)
    populations = []
    for c in d.formula.components():
        at = _component_period(value.period, c.years_back)
        found = table.get(value.scope, at, c.measure, c.category)
        population: dict[str, Any] = {"code": _population_code(c, d)}
        if found is not None:
            if float(found).is_integer() and abs(found) < 2**31:
                population["count"] = int(found)
            population["extension"] = [_value_ext(c, at, found)]
        populations.append(population)
    group: dict[str, Any] = {}
    if populations:
        group["population"] = populations
    if value.value is not None:
        group["measureScore"] = _score(value)
        if value.met is not None:
            group["extension"] = [{"url": extension_url("met"), "valueBoolean": value.met}]
    else:
        group["extension"] = _absent(value)
    report: dict[str, Any] = {
        "resourceType": "MeasureReport",
        "id": resource_id(f"{d.set_code}.{d.code}.{value.scope}.{value.period}"),
        "status": "complete",
        "type": "summary",
        "measure": measure_url(d),
        **_subject(value.scope, county),
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "group": [group],
    }
    if d.direction in (Direction.INCREASE, Direction.DECREASE):
        assert d.direction is not None
        report["improvementNotation"] = {
            "coding": [{"system": _IMPROVEMENT, "code": d.direction.value}]
        }
    return report


@boundary
def measure_reports(
    indicator_set: IndicatorSet,
    table: MeasureTable,
    *,
    county: County | None = None,
    points: Iterable[tuple[str, str]] | None = None,
) -> list[dict[str, Any]]:
    """The set evaluated at every (scope, period) of ``table`` (or of ``points``), one
    ``MeasureReport`` per indicator and point, undefined values included with their reason.

    Qualitative (checklist) items are left out: their answers are not measures. What is
    written reads back: the measure values the reports carry get the checks
    :func:`~countycare.io.fhir.measures_from_fhir` makes (a finite value from 0 to 10^15, no
    part above its whole…), and a :class:`~countycare.errors.DataError` names each one that
    fails them.
    """
    chosen = (
        list(points)
        if points is not None
        else sorted(set(zip(table.scope.tolist(), table.period.tolist(), strict=True)))
    )
    reports = []
    for scope, period in chosen:
        for d in indicator_set:
            if d.is_checklist:
                continue
            value = evaluate(d, table, scope, period)
            reports.append(report_resource(d, value, table, county=county))
    return _readable(reports)


@boundary
def scorecard_reports(
    scorecard: Scorecard, table: MeasureTable, *, county: County | None = None
) -> list[dict[str, Any]]:
    """A scorecard's rows as ``MeasureReport`` resources (checklist items left out); the
    populations read the table the scorecard was built from, and their values get the checks
    of :func:`measure_reports`."""
    return _readable(
        [
            report_resource(row.definition, row.value, table, county=county)
            for row in scorecard.rows
            if not row.definition.is_checklist
        ]
    )


def _readable(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``reports``, once the measure values they carry are found to pass the checks of their
    reader; else a :class:`DataError` naming each value by its scope, period and measure."""
    values = {key: value for r in reports for _, key, value in report_values(r)}
    problems = writing_problems(MeasureTable.from_rows([(*k, v) for k, v in values.items()]))
    if problems:
        raise DataError(problems)
    return reports


def report_values(
    report: Mapping[str, Any], path: str = "$"
) -> list[tuple[str, tuple[str, str, str, str], float]]:
    """The measure values a ``MeasureReport`` carries: ``(path, (scope, period, measure,
    category), value)`` for each population with a ``measure-value`` extension.

    Raise ``ValueError`` naming what is missing when the report names no scope.
    """
    holder = report.get("subject") or report.get("reporter") or {}
    scope = holder.get("identifier", {}).get("value") if isinstance(holder, Mapping) else None
    if not isinstance(scope, str):
        raise ValueError("the report has no subject or reporter with a countycare identifier")
    found = []
    for g, group in enumerate(report.get("group", ())):
        for p, population in enumerate(group.get("population", ())):
            for e, ext in enumerate(population.get("extension", ())):
                if ext.get("url") != extension_url("measure-value"):
                    continue
                where = f"{path}.group[{g}].population[{p}].extension[{e}]"
                parts = {
                    str(x.get("url")): next(
                        (v for k, v in x.items() if k.startswith("value")), None
                    )
                    for x in ext.get("extension", ())
                }
                coding = parts.get("measure") or {}
                measure_code = coding.get("code") if isinstance(coding, Mapping) else None
                value = parts.get("value")
                if not isinstance(measure_code, str) or not isinstance(parts.get("period"), str):
                    raise ValueError(f"{where}: expected a measure coding and a period")
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise ValueError(f"{where}: expected a decimal value, got {value!r}")
                key = (scope, str(parts["period"]), measure_code, str(parts.get("category") or ""))
                found.append((where, key, float(value)))
    return found
