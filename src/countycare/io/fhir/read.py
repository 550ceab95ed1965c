"""Read FHIR back: a bundle of the county into a :class:`~countycare.community.County`, a bundle
of ``MeasureReport`` resources into a :class:`~countycare.indicators.table.MeasureTable`.

The reader expects the shapes :mod:`countycare.io.fhir.county` and
:mod:`countycare.io.fhir.measures` write (countycare identifiers, codes and extensions). Anything
it cannot use is a problem located at its JSON path (``$.entry[12].resource.partOf``), and all
problems are raised together as one :class:`~countycare.errors.DataError`.

Examples
--------
>>> from countycare import load_county
>>> from countycare.io.fhir import to_fhir_bundle
>>> county = load_county("wanrong")
>>> county_from_fhir(to_fhir_bundle(county)) == county
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from countycare.coerce.arguments import boundary
from countycare.community import County, MedicalCommunity, Membership
from countycare.errors import CountyCareError, DataError, FieldError, Problem
from countycare.geography import Township, TownshipKind, Village
from countycare.indicators.measure_checks import check_measure_row, plausibility_problems
from countycare.indicators.table import MeasureTable
from countycare.institutions import Institution, Staff
from countycare.io.fhir import _elements as el
from countycare.io.fhir._elements import bundle_resources
from countycare.io.fhir.measures import report_values
from countycare.labels import (
    CapabilityGrade,
    InstitutionKind,
    MembershipRole,
    Name,
    Ownership,
    Service,
    Tier,
)
from countycare.provenance import Fact, Origin, Provenance, Source

__all__ = ["bundle_resources", "county_from_fhir", "measures_from_fhir"]


# -- the county ------------------------------------------------------------------------------------


def _figures(resource: Mapping[str, Any], path: str) -> dict[str, Any]:
    registered = el.one(resource, "registered-population", "Integer", path)
    share = el.one(resource, "agricultural-share", "Decimal", path)
    return {
        "registered_population": None if registered is None else el.integer(registered, path),
        "agricultural_share": None if share is None else el.number(share, path),
    }


def _division(resource: Mapping[str, Any], path: str) -> dict[str, Any]:
    """A township's kind (town, township, …) and residents' committees, where written."""
    kind = el.one(resource, "township-kind", "Coding", path)
    committees = el.one(resource, "residents-committees", "Integer", path)
    return {
        "kind": None if kind is None else el.code(kind, "township-kind", TownshipKind, path),
        "residents_committees": None if committees is None else el.integer(committees, path),
    }


def _provenance(resource: Mapping[str, Any], path: str) -> Provenance:
    found = list(el.extensions(resource, "provenance", path))
    if not found:
        return Provenance()
    where, ext = found[0]
    sources, facts = [], []
    for part in ext.get("extension", ()):
        fields = el.parts(part)
        if part.get("url") == "source":
            sources.append(
                Source(
                    id=str(fields.get("id", "")),
                    title=str(fields.get("title", "")),
                    citation=str(fields.get("citation", "")),
                    url=str(fields.get("url", "")),
                )
            )
        elif part.get("url") == "fact":
            origin = el.code(fields.get("origin"), "provenance-origin", Origin, where)
            facts.append(
                Fact(
                    subject=str(fields.get("subject", "")),
                    statement=str(fields.get("statement", "")),
                    origin=origin,
                    source=fields.get("source"),
                )
            )
    try:
        return Provenance(sources=sources, facts=facts)
    except ValueError as exc:
        raise el.Bad(where, str(exc)) from None


def _name_ext(resource: Mapping[str, Any], key: str, path: str) -> Name | None:
    found = list(el.extensions(resource, key, path))
    if not found:
        return None
    fields = el.parts(found[0][1])
    try:
        return Name(en=fields.get("en", ""), zh=fields.get("zh", ""))
    except (FieldError, TypeError) as exc:
        raise el.Bad(found[0][0], str(exc)) from None


def _institution(resource: Mapping[str, Any], path: str, by_ref: Mapping[str, str]) -> Institution:
    area_ref = el.one(resource, "area", "Reference", path)
    if area_ref is None:
        raise el.Bad(f"{path}.extension", "no 'area' extension naming where the institution sits")
    staff = list(el.extensions(resource, "staff", path))
    counts = el.parts(staff[0][1]) if staff else {}
    services = frozenset(
        el.code(el.value(ext, "Coding", where), "service", Service, where)
        for where, ext in el.extensions(resource, "service", path)
    )
    grade = el.one(resource, "capability-grade", "Coding", path)
    parent = resource.get("partOf")
    kind = el.typed(resource, "institution-kind", InstitutionKind, path)
    # A clinic's tier is that of its place, not its kind's: read it back from the tier coding.
    sited = el.typed(resource, "tier", Tier, path) if kind.tier is None else None
    return Institution(
        id=el.identifier(resource, "institution", path),
        name=el.name(resource, path),
        kind=kind,
        ownership=el.typed(resource, "ownership", Ownership, path),
        area=el.target(area_ref, by_ref, f"{path}.extension"),
        parent=None if parent is None else el.target(parent, by_ref, f"{path}.partOf"),
        beds=el.integer(el.one(resource, "beds", "Integer", path, 0), path),
        staff=Staff(
            health_technicians=counts.get("health-technicians", 0),
            physicians=counts.get("physicians", 0),
            senior_titles=counts.get("senior-titles", 0),
        ),
        services=services,
        grade=None if grade is None else el.code(grade, "capability-grade", CapabilityGrade, path),
        sited_tier=sited,
    )


def _membership(resource: Mapping[str, Any], path: str, by_ref: Mapping[str, str]) -> Membership:
    period = resource.get("period", {})
    codes = resource.get("code") or [{}]
    return Membership(
        institution=el.target(
            resource.get("participatingOrganization"), by_ref, f"{path}.participatingOrganization"
        ),
        role=el.code(codes[0], "membership-role", MembershipRole, f"{path}.code[0]"),
        valid_from=el.date(period.get("start"), f"{path}.period.start"),
        valid_to=el.date(period.get("end"), f"{path}.period.end"),
    )


def _guard(problems: list[Problem], path: str, build: Callable[..., Any], *args: Any) -> Any:
    """``build(*args)``, or None with its problem recorded at its place."""
    try:
        return build(*args)
    except el.Bad as bad:
        problems.append(Problem(bad.path, bad.message))
    except FieldError as exc:
        problems.append(Problem(f"{path}.{exc.field}", str(exc)))
    except (CountyCareError, ValueError, TypeError, AttributeError) as exc:
        problems.append(Problem(path, str(exc)))
    return None


Resources = list[tuple[str, dict[str, Any]]]


def _references(resources: Resources, problems: list[Problem]) -> dict[str, str]:
    """``Type/id`` → countycare id for every Location and Organization."""
    by_ref: dict[str, str] = {}
    for path, r in resources:
        if r["resourceType"] == "Location":
            kind = "area"
        elif r["resourceType"] == "Organization":
            kind = "community" if el.type_code(r, "organization-type") else "institution"
        else:
            continue
        ident = _guard(problems, path, el.identifier, r, kind, path)
        if ident is not None:
            by_ref[f"{r['resourceType']}/{r.get('id')}"] = ident
    return by_ref


def _level(resources: Resources, level: str) -> Resources:
    return [
        (p, r)
        for p, r in resources
        if r["resourceType"] == "Location" and el.type_code(r, "area-level") == level
    ]


def _village(r: dict[str, Any], path: str, by_ref: Mapping[str, str]) -> tuple[str, Village]:
    parent = el.target(r.get("partOf"), by_ref, f"{path}.partOf")
    population = el.integer(el.one(r, "population", "Integer", path), f"{path}.extension")
    village = Village(
        by_ref[f"Location/{r.get('id')}"], el.name(r, path), population, **_figures(r, path)
    )
    return parent, village


def _townships(
    resources: Resources, by_ref: Mapping[str, str], problems: list[Problem]
) -> list[Township]:
    villages: dict[str, list[Village]] = {}
    for path, r in _level(resources, "village"):
        built = _guard(problems, path, _village, r, path, by_ref)
        if built is not None:
            villages.setdefault(built[0], []).append(built[1])
    townships = []
    for path, r in _level(resources, "township"):
        ident = by_ref[f"Location/{r.get('id')}"]
        mine = villages.pop(ident, [])
        built = _guard(
            problems,
            path,
            lambda r, p, i, v: Township(i, el.name(r, p), v, **_figures(r, p), **_division(r, p)),
            r,
            path,
            ident,
            mine,
        )
        if built is not None:
            townships.append(built)
    for parent in villages:
        problems.append(
            Problem("$.entry", f"villages are part of {parent!r}, which is no township")
        )
    return townships


def _community(
    r: dict[str, Any], path: str, ident: str, by_ref: Mapping[str, str], members: list[Membership]
) -> MedicalCommunity:
    lead = el.one(r, "lead", "Reference", path)
    return MedicalCommunity(
        ident,
        el.name(r, path),
        el.target(lead, by_ref, f"{path}.extension"),
        members,
        founded=el.date(el.one(r, "founded", "Date", path), f"{path}.extension"),
    )


def _organizations(
    resources: Resources, by_ref: Mapping[str, str], problems: list[Problem]
) -> tuple[list[Institution], list[MedicalCommunity]]:
    institutions = []
    communities: dict[str, tuple[str, dict[str, Any]]] = {}
    memberships: dict[str, list[Membership]] = {}
    for path, r in resources:
        if r["resourceType"] == "Organization":
            if el.type_code(r, "organization-type"):
                communities[by_ref[f"Organization/{r.get('id')}"]] = (path, r)
                continue
            built = _guard(problems, path, _institution, r, path, by_ref)
            if built is not None:
                institutions.append(built)
        elif r["resourceType"] == "OrganizationAffiliation":
            owner = _guard(
                problems, path, el.target, r.get("organization"), by_ref, f"{path}.organization"
            )
            member = _guard(problems, path, _membership, r, path, by_ref)
            if owner is not None and member is not None:
                memberships.setdefault(owner, []).append(member)
    built_communities = []
    for ident, (path, r) in communities.items():
        mine = memberships.pop(ident, [])
        built = _guard(problems, path, _community, r, path, ident, by_ref, mine)
        if built is not None:
            built_communities.append(built)
    for owner in memberships:
        problems.append(Problem("$.entry", f"affiliations of {owner!r}, which is no community"))
    return institutions, built_communities


def _county(r: dict[str, Any], path: str, ident: str, parts: tuple[Any, Any, Any]) -> County:
    townships, institutions, communities = parts
    area = el.one(r, "area-km2", "Decimal", path)
    return County(
        ident,
        el.name(r, path),
        townships,
        institutions,
        communities,
        province=_name_ext(r, "province", path),
        prefecture=_name_ext(r, "prefecture", path),
        provenance=_provenance(r, path),
        area_km2=None if area is None else el.number(area, path),
        **_figures(r, path),
    )


@boundary
def county_from_fhir(bundle: Mapping[str, Any], *, source: str | None = None) -> County:
    """Rebuild the county from a bundle written by :func:`countycare.io.fhir.to_fhir_bundle`.

    Resources of other types (Measure, MeasureReport, CodeSystem) are left to their readers.
    """
    resources = bundle_resources(bundle, source)
    problems: list[Problem] = []
    by_ref = _references(resources, problems)
    if problems:
        raise DataError(problems, source)
    counties = _level(resources, "county")
    if len(counties) != 1:
        found = f"expected one Location of level 'county', found {len(counties)}"
        raise DataError([Problem("$.entry", found)], source)
    path, resource = counties[0]
    townships = _townships(resources, by_ref, problems)
    institutions, communities = _organizations(resources, by_ref, problems)
    ident = by_ref[f"Location/{resource.get('id')}"]
    county = _guard(
        problems, path, _county, resource, path, ident, (townships, institutions, communities)
    )
    if problems or county is None:
        raise DataError(problems, source)
    result: County = county
    return result


@boundary
def measures_from_fhir(bundle: Mapping[str, Any], *, source: str | None = None) -> MeasureTable:
    """The measure values carried by the bundle's ``MeasureReport`` resources, as a table.

    Each population of a report written by :func:`countycare.io.fhir.measure_reports` carries
    the measure, category, period and exact value it counted (extension ``measure-value``);
    a value read twice (two indicators share a measure) must agree with itself. Each value is
    checked as a measures file's row is (a known measure and category, a period, a finite value
    from 0 to 10^15: :func:`~countycare.indicators.measure_checks.check_measure_row`), and the
    values together as a file's are (whole counts, no part above its whole).
    """
    rows: dict[tuple[str, str, str, str], tuple[str, float]] = {}
    problems: list[Problem] = []
    for path, r in bundle_resources(bundle, source):
        if r["resourceType"] != "MeasureReport":
            continue
        try:
            found = report_values(r, path)
        except ValueError as exc:
            problems.append(Problem(path, str(exc)))
            continue
        for where, (scope, period, code, category), raw in found:
            record = {"scope": scope, "period": period, "measure": code, "category": category}
            wrong, row = check_measure_row({**record, "value": raw}, where, None, _part_of(where))
            problems.extend(wrong)
            if row is None:
                continue
            key, value = row[:4], row[4]
            first = rows.setdefault(key, (where, value))
            if first[1] != value:
                differs = f"value {value!r} of {key!r} differs from {first[1]!r} at {first[0]}"
                problems.append(Problem(where, differs))
    if problems:
        raise DataError(problems, source)
    table = MeasureTable.from_rows([(*k, v) for k, (_, v) in rows.items()])
    problems = plausibility_problems(table, {k: f"{at} (value)" for k, (at, _) in rows.items()})
    if problems:  # 12.5 visits, a part above its whole
        raise DataError(problems, source)
    return table


def _part_of(where: str) -> Callable[[str], str]:
    """Where a part (measure, period, value…) of the ``measure-value`` extension at ``where``
    is named in a message."""
    return lambda column: f"{where} ({column})"
