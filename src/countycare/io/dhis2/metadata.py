"""The DHIS2 metadata package of a county and its indicators (``/api/metadata`` JSON).

=========================  ===================================================================
DHIS2 object               from
=========================  ===================================================================
``organisationUnits``      the county (level 1), townships (2), villages (3); each institution
                           one level below its area; ``parent``, ``level``, ``openingDate`` and
                           ``closedDate`` (an institution's first membership start and, when
                           every membership has ended, the last end; otherwise the placeholder
                           :data:`PLACEHOLDER_OPENING`, since countycare knows no founding date)
``organisationUnitLevels`` one per level, named in English with a Chinese translation
``categoryOptions`` …      a category, category combo and option combos for each set of
                           measure categories (the age bands 30–34 … 65–69)
``dataElements``           one per measure: ``valueType`` and ``aggregationType`` from its
                           semantics (:func:`aggregation_type`, :func:`value_type`)
``indicatorTypes``         one per factor used (1, 100, 10 000)
``indicators``             one per indicator code: numerator and denominator expressions
                           over the data elements, names in English with a Chinese
                           translation, the description citing each source
``indicatorGroups``        one per indicator set
``dataSets``               one, with every data element and organisation unit
=========================  ===================================================================

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

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from countycare.community import County
from countycare.errors import DefinitionError, Problem, Severity
from countycare.geography import to_tuple
from countycare.indicators.definitions import IndicatorDefinition, IndicatorSet
from countycare.indicators.formulas import Component
from countycare.indicators.measure_types import Measure
from countycare.io.dhis2.expressions import NotExpressibleError, factor, fraction
from countycare.io.dhis2.uids import Ids
from countycare.labels import Name

__all__ = [
    "INTEGER_UNITS",
    "PLACEHOLDER_OPENING",
    "MetadataPackage",
    "aggregation_type",
    "metadata_package",
    "value_type",
]

#: The opening date of an organisation unit whose opening countycare does not know (DHIS2
#: requires one): a placeholder, not a fact.
PLACEHOLDER_OPENING = dt.date(1970, 1, 1)

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

_LEVELS: Mapping[int, Name] = {
    1: Name("County", "县"),
    2: Name("Township; county-tier institution", "乡镇；县级机构"),
    3: Name("Village; township-tier institution", "行政村；乡级机构"),
    4: Name("Village-tier institution", "村级机构"),
}
_FACTORS: Mapping[float, Name] = {
    1.0: Name("Number (factor 1)", "数值（因子 1）"),
    100.0: Name("Per cent (factor 100)", "百分比（因子 100）"),
    10000.0: Name("Per 10,000 (factor 10,000)", "每万（因子 10000）"),
}


def aggregation_type(measure: Measure) -> str:
    """DHIS2 ``aggregationType`` of a measure: a flow sums (``SUM``); a stock sums over
    organisation units and, over periods, averages (``AVERAGE_SUM_ORG_UNIT``) or takes the last
    value (``LAST``) as its period rule says; anything else — a distinct count, which neither
    sums over places nor over periods — is ``NONE`` (DHIS2 then shows only values stored for
    the very unit and period asked for)."""
    kind, rule = measure.kind.value, measure.period_rule.value
    if kind == "flow" and rule == "sum":
        return "SUM"
    if kind == "stock" and rule == "mean":
        return "AVERAGE_SUM_ORG_UNIT"
    if kind == "stock" and rule == "last":
        return "LAST"
    return "NONE"


def value_type(measure: Measure) -> str:
    """DHIS2 ``valueType``: ``INTEGER_ZERO_OR_POSITIVE`` for whole counted things (a flow or a
    period-end stock in :data:`INTEGER_UNITS`), else ``NUMBER`` (money, averaged stocks)."""
    whole = measure.unit in INTEGER_UNITS and measure.period_rule.value != "mean"
    return "INTEGER_ZERO_OR_POSITIVE" if whole else "NUMBER"


@attrs.frozen
class MetadataPackage:
    """A metadata document and the indicators it could not express (warnings, with reasons)."""

    document: dict[str, Any]
    skipped: tuple[Problem, ...] = attrs.field(default=(), converter=to_tuple)


def _translated(name: Name, extra: Iterable[tuple[str, str]] = ()) -> list[dict[str, str]]:
    out = [{"property": "NAME", "locale": "zh", "value": name.zh}]
    out += [{"property": p, "locale": "zh", "value": v} for p, v in extra]
    return out


def _short(name: str, code: str) -> str:
    return name if len(name) <= 50 else code[:50]


def _ref(uid: str) -> dict[str, str]:
    return {"id": uid}


def _dates(county: County, institution: str) -> tuple[dt.date, dt.date | None]:
    memberships = [
        m for c in county.communities for m in c.memberships if m.institution == institution
    ]
    starts = [m.valid_from for m in memberships if m.valid_from is not None]
    opening = min(starts) if starts and len(starts) == len(memberships) else PLACEHOLDER_OPENING
    ends = [m.valid_to for m in memberships]
    closed = max(e for e in ends if e is not None) if ends and None not in ends else None
    return opening, closed


def _org_units(county: County, ids: Ids) -> list[dict[str, Any]]:
    def unit(
        code: str,
        name: Name,
        level: int,
        parent: str | None,
        opening: dt.date,
        closed: dt.date | None = None,
    ) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": ids.uid("organisationUnit", code),
            "code": code,
            "name": name.en,
            "shortName": _short(name.en, code),
            "level": level,
            "openingDate": opening.isoformat(),
            "translations": _translated(name, [("SHORT_NAME", name.zh)]),
        }
        if parent is not None:
            entry["parent"] = _ref(ids.uid("organisationUnit", parent))
        if closed is not None:
            entry["closedDate"] = closed.isoformat()
        return entry

    units = [unit(county.id, county.name, 1, None, PLACEHOLDER_OPENING)]
    levels = {county.id: 1}
    for township in county.townships:
        units.append(unit(township.id, township.name, 2, county.id, PLACEHOLDER_OPENING))
        levels[township.id] = 2
        for village in township.villages:
            units.append(unit(village.id, village.name, 3, township.id, PLACEHOLDER_OPENING))
            levels[village.id] = 3
    for institution in county.institutions:
        opening, closed = _dates(county, institution.id)
        level = levels.get(institution.area, 1) + 1
        units.append(
            unit(institution.id, institution.name, level, institution.area, opening, closed)
        )
    return units


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
                    "categoryCombo": _ref(combo),
                    "categoryOptions": [_ref(ids.uid("categoryOption", band))],
                }
            )
        out["categories"].append(
            {
                "id": ids.uid("category", code),
                "code": code,
                "name": label.en,
                "shortName": _short(label.en, code),
                "dataDimensionType": "DISAGGREGATION",
                "categoryOptions": [_ref(ids.uid("categoryOption", b)) for b in bands],
                "translations": _translated(label),
            }
        )
        out["categoryCombos"].append(
            {
                "id": combo,
                "code": code,
                "name": label.en,
                "dataDimensionType": "DISAGGREGATION",
                "categories": [_ref(ids.uid("category", code))],
                "translations": _translated(label),
            }
        )
    return out


def _data_element(m: Measure, ids: Ids) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": ids.uid("dataElement", m.code),
        "code": m.code,
        "name": m.name.en,
        "shortName": _short(m.name.en, m.code),
        "formName": m.name.zh,
        "description": f"{m.description} Unit: {m.unit}.".strip(),
        "domainType": "AGGREGATE",
        "valueType": value_type(m),
        "aggregationType": aggregation_type(m),
        "zeroIsSignificant": True,
        "translations": _translated(m.name),
    }
    if m.categories:
        code = f"cc_{m.categories[0]}_to_{m.categories[-1]}"
        entry["categoryCombo"] = _ref(ids.uid("categoryCombo", code))
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
                "shortName": _short(name, code),
                "description": f"Source — {sources}",
                "indicatorType": _ref(types[scale]),
                "numerator": numerator,
                "numeratorDescription": in_words[0],
                "denominator": denominator,
                "denominatorDescription": in_words[1],
                "annualized": False,
                "translations": _translated(first.name, [("SHORT_NAME", first.name.zh)]),
            }
        )
        exported.add(code)
    for s in sets:
        members = [_ref(ids.uid("indicator", d.code)) for d in s if d.code in exported]
        groups.append(
            {
                "id": ids.uid("indicatorGroup", s.code),
                "code": s.code,
                "name": s.name.en,
                "shortName": _short(s.name.en, s.code),
                "indicators": members,
                "translations": _translated(s.name),
            }
        )
    type_entries = [
        {
            "id": uid,
            "code": f"factor_{scale:g}",
            "name": _FACTORS[scale].en,
            "factor": int(scale),
            "number": scale == 1.0,
            "translations": _translated(_FACTORS[scale]),
        }
        for scale, uid in sorted(types.items())
    ]
    return indicators, groups, type_entries, skipped


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
    units = _org_units(county, ids)
    indicators, groups, types, skipped = _indicators(chosen_sets, ids)
    elements = [_data_element(m, ids) for m in chosen_measures]
    levels = sorted({u["level"] for u in units})
    document: dict[str, Any] = {
        "organisationUnits": units,
        "organisationUnitLevels": [
            {
                "id": ids.uid("organisationUnitLevel", str(n)),
                "name": _LEVELS[n].en,
                "level": n,
                "translations": _translated(_LEVELS[n]),
            }
            for n in levels
        ],
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
                "shortName": _short(f"countycare {county.name.en}", f"countycare_{county.id}"),
                "periodType": period_type,
                "dataSetElements": [{"dataElement": _ref(e["id"])} for e in elements],
                "organisationUnits": [_ref(u["id"]) for u in units],
                "translations": _translated(
                    Name("countycare measures", f"countycare 指标数据 {county.name.zh}")
                ),
            }
        ],
    }
    return MetadataPackage(document, skipped)
