"""The DHIS2 metadata package of a county and its indicators (``/api/metadata`` JSON).

==========================  ==================================================================
DHIS2 object                from
==========================  ==================================================================
``organisationUnits``       the county (level 1), townships (2), villages (3); each institution
                            one level below its area; ``parent``, ``level``, ``openingDate``,
                            ``closedDate`` (see :mod:`countycare.io.dhis2.orgunits`)
``organisationUnitLevels``  one per level, named in English with a Chinese translation
``categoryOptions`` …       a category, category combo and option combos for each set of
                            measure categories (the age bands 30–34 … 65–69)
``dataElements``            one per measure: ``valueType`` and ``aggregationType`` from its
                            semantics (:func:`aggregation_type`, :func:`value_type`)
``indicatorTypes``          one per factor used (1, 100, 10 000)
``indicators``              one per indicator code: numerator and denominator expressions
                            over the data elements, names in English with a Chinese
                            translation, the description citing each source
``indicatorGroups``         one per indicator set
``dataSets``                one, with every data element and organisation unit
==========================  ==================================================================

Examples
--------
>>> from countycare import load_county
>>> package = metadata_package(load_county("wanrong"))
>>> doc = package.document
>>> len(doc["organisationUnits"]), len(doc["organisationUnitLevels"])
(523, 4)
>>> [w.path for w in package.skipped][:1]
['indicator nhc-2024/unified_resource_management']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from countycare.calls import calls_checked
from countycare.coerce.arguments import boundary
from countycare.coerce.fields import checked_fields
from countycare.community import County
from countycare.errors import DefinitionError, Problem, Severity
from countycare.geography import to_tuple
from countycare.indicators.definitions import IndicatorDefinition, IndicatorSet
from countycare.indicators.formulas import Component
from countycare.indicators.measure_types import Measure
from countycare.io.dhis2.expressions import NotExpressibleError, factor, fraction
from countycare.io.dhis2.orgunits import org_unit_levels, org_units, ref, short, translated
from countycare.io.dhis2.uids import Ids
from countycare.labels import Name

__all__ = [
    "INTEGER_UNITS",
    "MetadataPackage",
    "aggregation_type",
    "metadata_package",
    "value_type",
]

#: Units of whole counted things: their flows and period-end stocks are whole numbers.
INTEGER_UNITS = frozenset(
    {
        "person",
        "visit",
        "admission",
        "referral",
        "bed",
        "physician",
        "clinic",
        "read",
        "death",
        "institution",
    }
)

_FACTORS: Mapping[float, Name] = {
    1.0: Name("Number (factor 1)", "数值（因子 1）"),
    100.0: Name("Per cent (factor 100)", "百分比（因子 100）"),
    10000.0: Name("Per 10,000 (factor 10,000)", "每万（因子 10000）"),
}


@boundary
def aggregation_type(measure: Measure) -> str:
    """DHIS2 ``aggregationType`` of a measure.

    A flow sums (``SUM``); a stock sums over organisation units and, over periods, averages
    (``AVERAGE_SUM_ORG_UNIT``) or takes the last value (``LAST``) as its period rule says.
    Anything else — a distinct count, which must never be summed over periods — is ``NONE``:
    DHIS2 then aggregates over neither periods nor organisation units and shows only the values
    stored for the very unit and period asked for, so a distinct count must be sent for each
    level it is wanted at (countycare's roll-up computes them). ``AVERAGE`` would pass for a
    number of people but is none.

    >>> from countycare.indicators.measures import measure
    >>> aggregation_type(measure("visits")), aggregation_type(measure("resident_population"))
    ('SUM', 'AVERAGE_SUM_ORG_UNIT')
    """
    kind, rule = measure.kind.value, measure.period_rule.value
    if kind == "flow" and rule == "sum":
        return "SUM"
    if kind == "stock" and rule == "mean":
        return "AVERAGE_SUM_ORG_UNIT"
    if kind == "stock" and rule == "last":
        return "LAST"
    return "NONE"


@boundary
def value_type(measure: Measure) -> str:
    """DHIS2 ``valueType``: ``INTEGER_ZERO_OR_POSITIVE`` for whole counted things (a flow or a
    period-end stock in :data:`INTEGER_UNITS`), else ``NUMBER`` (money, averaged stocks)."""
    whole = measure.unit in INTEGER_UNITS and measure.period_rule.value != "mean"
    return "INTEGER_ZERO_OR_POSITIVE" if whole else "NUMBER"


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class MetadataPackage:
    """A metadata document and the indicators it could not express (warnings, with reasons)."""

    document: dict[str, Any]
    skipped: tuple[Problem, ...] = attrs.field(default=(), converter=to_tuple)


def _categories(measures: Sequence[Measure], ids: Ids) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {
        "categoryOptions": [],
        "categories": [],
        "categoryCombos": [],
        "categoryOptionCombos": [],
    }
    seen_options: set[str] = set()
    for bands in dict.fromkeys(m.categories for m in measures if m.categories):
        code = f"cc_{bands[0]}_to_{bands[-1]}"
        label = Name(f"Band {bands[0]} to {bands[-1]}", f"分组 {bands[0]} 至 {bands[-1]}")
        combo = ids.uid("categoryCombo", code)
        for band in bands:
            if band not in seen_options:
                seen_options.add(band)
                out["categoryOptions"].append(
                    {
                        "id": ids.uid("categoryOption", band),
                        "code": band,
                        "name": band,
                        "shortName": band,
                    }
                )
            out["categoryOptionCombos"].append(
                {
                    "id": ids.uid("categoryOptionCombo", band),
                    "code": band,
                    "name": band,
                    "categoryCombo": ref(combo),
                    "categoryOptions": [ref(ids.uid("categoryOption", band))],
                }
            )
        out["categories"].append(
            {
                "id": ids.uid("category", code),
                "code": code,
                "name": label.en,
                "shortName": short(label.en, code),
                "dataDimensionType": "DISAGGREGATION",
                "categoryOptions": [ref(ids.uid("categoryOption", b)) for b in bands],
                "translations": translated(label),
            }
        )
        out["categoryCombos"].append(
            {
                "id": combo,
                "code": code,
                "name": label.en,
                "dataDimensionType": "DISAGGREGATION",
                "categories": [ref(ids.uid("category", code))],
                "translations": translated(label),
            }
        )
    return out


def _data_element(m: Measure, ids: Ids) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": ids.uid("dataElement", m.code),
        "code": m.code,
        "name": m.name.en,
        "shortName": short(m.name.en, m.code),
        "formName": m.name.zh,
        "description": f"{m.description} Unit: {m.unit}.".strip(),
        "domainType": "AGGREGATE",
        "valueType": value_type(m),
        "aggregationType": aggregation_type(m),
        "zeroIsSignificant": True,
        "translations": translated(m.name),
    }
    if m.categories:
        code = f"cc_{m.categories[0]}_to_{m.categories[-1]}"
        entry["categoryCombo"] = ref(ids.uid("categoryCombo", code))
    return entry


def _named(c: Component) -> str:
    return f"{c.measure}[{c.category}]" if c.category else c.measure


def _indicators(
    sets: Sequence[IndicatorSet], ids: Ids
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], list[Problem]]:
    def operand(c: Component) -> str:
        uid = ids.uid("dataElement", c.measure)
        if c.category:
            return f"#{{{uid}.{ids.uid('categoryOptionCombo', c.category)}}}"
        return f"#{{{uid}}}"

    by_code: dict[str, list[IndicatorDefinition]] = {}
    for s in sets:
        for d in s:
            by_code.setdefault(d.code, []).append(d)
    indicators: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    types: dict[float, str] = {}
    skipped: list[Problem] = []
    exported: set[str] = set()
    names: set[str] = set()
    for code, defs in by_code.items():
        first = defs[0]
        for other in defs[1:]:
            if (other.formula, other.unit) != (first.formula, first.unit):
                raise DefinitionError(
                    f"indicator {code!r} is defined differently in sets {first.set_code!r} and "
                    f"{other.set_code!r}; export one set at a time"
                )
        try:
            numerator, denominator = fraction(first.formula, operand)
        except NotExpressibleError as exc:
            skipped.extend(
                Problem(
                    f"indicator {d.set_code}/{code}",
                    f"not exported to DHIS2: {exc}",
                    Severity.WARNING,
                )
                for d in defs
            )
            continue
        in_words = fraction(first.formula, _named)
        scale = factor(first.formula, first.unit)
        if scale not in _FACTORS:
            skipped.extend(
                Problem(
                    f"indicator {d.set_code}/{code}",
                    f"not exported to DHIS2: factor {scale:g} is not 1, 100 or 10,000",
                    Severity.WARNING,
                )
                for d in defs
            )
            continue
        types[scale] = ids.uid("indicatorType", f"factor_{scale:g}")
        name = first.name.en if first.name.en not in names else f"{first.name.en} ({code})"
        names.add(name)
        sources = "; ".join(
            f"{d.set_code} item {d.item}: {d.reference} [{d.status.value}]" for d in defs
        )
        indicators.append(
            {
                "id": ids.uid("indicator", code),
                "code": code,
                "name": name,
                "shortName": short(name, code),
                "description": f"Source — {sources}",
                "indicatorType": ref(types[scale]),
                "numerator": numerator,
                "numeratorDescription": in_words[0],
                "denominator": denominator,
                "denominatorDescription": in_words[1],
                "annualized": False,
                "translations": translated(first.name, [("SHORT_NAME", first.name.zh)]),
            }
        )
        exported.add(code)
    for s in sets:
        members = [ref(ids.uid("indicator", d.code)) for d in s if d.code in exported]
        groups.append(
            {
                "id": ids.uid("indicatorGroup", s.code),
                "code": s.code,
                "name": s.name.en,
                "shortName": short(s.name.en, s.code),
                "indicators": members,
                "translations": translated(s.name),
            }
        )
    type_entries = [
        {
            "id": uid,
            "code": f"factor_{scale:g}",
            "name": _FACTORS[scale].en,
            "factor": int(scale),
            "number": scale == 1.0,
            "translations": translated(_FACTORS[scale]),
        }
        for scale, uid in sorted(types.items())
    ]
    return indicators, groups, type_entries, skipped


@boundary
def metadata_package(
    county: County,
    *,
    sets: Iterable[IndicatorSet] | None = None,
    measures: Iterable[Measure] | None = None,
    ids: Ids | None = None,
    period_type: str = "Yearly",
) -> MetadataPackage:
    """The county, measures and indicator sets as one DHIS2 metadata document.

    ``sets`` defaults to every shipped set, ``measures`` to every measure of the data
    dictionary, ``ids`` to derived UIDs. Indicators DHIS2 cannot express are left out and
    listed in :attr:`MetadataPackage.skipped`.
    """
    from countycare.indicators.catalogues import SETS
    from countycare.indicators.measures import MEASURES

    ids = ids or Ids()
    chosen_sets = list(sets) if sets is not None else list(SETS.values())
    chosen_measures = list(measures) if measures is not None else list(MEASURES.values())
    units = org_units(county, ids)
    indicators, groups, types, skipped = _indicators(chosen_sets, ids)
    elements = [_data_element(m, ids) for m in chosen_measures]
    document: dict[str, Any] = {
        "organisationUnits": units,
        "organisationUnitLevels": org_unit_levels(units, ids),
        **_categories(chosen_measures, ids),
        "dataElements": elements,
        "indicatorTypes": types,
        "indicators": indicators,
        "indicatorGroups": groups,
        "dataSets": [
            {
                "id": ids.uid("dataSet", f"countycare_{county.id}"),
                "code": f"countycare_{county.id}",
                "name": f"countycare measures — {county.name.en}",
                "shortName": short(f"countycare {county.name.en}", f"countycare_{county.id}"),
                "periodType": period_type,
                "dataSetElements": [{"dataElement": ref(e["id"])} for e in elements],
                "organisationUnits": [ref(u["id"]) for u in units],
                "translations": translated(
                    Name("countycare measures", f"countycare 指标数据 {county.name.zh}")
                ),
            }
        ],
    }
    return MetadataPackage(document, skipped)
