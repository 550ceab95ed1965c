"""The county model as FHIR R4 (R4B) resources: ``Location``, ``Organization``,
``OrganizationAffiliation``.

* The county, each township and each village → a ``Location`` (``partOf`` its parent area,
  ``type`` its level, ``name`` Chinese with the English name as ``alias``); the resident
  population and the other figures FHIR has no element for travel as countycare extensions
  (``population``, ``registered-population``, ``agricultural-share``, and on the county
  ``province``, ``prefecture`` and ``provenance``).
* Each institution → an ``Organization`` (``identifier`` its id, ``type`` its kind, tier and
  ownership, ``partOf`` the township centre that runs a branch or village clinic; extensions
  ``area``, ``beds``, ``staff``, ``service``, ``capability-grade``).
* Each medical community → an ``Organization`` of type ``medical-community`` (extensions
  ``lead`` and ``founded``), and each of its memberships → an ``OrganizationAffiliation`` from
  the community (``organization``) to the member (``participatingOrganization``) with the role
  as ``code`` and the validity as ``period`` (FHIR periods, like countycare's, include both
  ends).

Every resource is valid R4B; :mod:`countycare.io.fhir.read` reads them back into an equal
:class:`~countycare.community.County`.

Examples
--------
>>> from countycare import load_county
>>> resources = county_resources(load_county("wanrong"))
>>> [r["resourceType"] for r in resources[:2]]
['Location', 'Location']
>>> org = next(r for r in resources if r["resourceType"] == "Organization")
>>> org["name"], org["type"][0]["coding"][0]["code"]
('万荣县人民医院', 'county_general_hospital')
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from countycare.coerce.arguments import boundary
from countycare.community import County, MedicalCommunity, Membership
from countycare.geography import Township, Village
from countycare.institutions import Institution
from countycare.io.fhir.codesystems import (
    AREA_LEVEL,
    ORGANIZATION_TYPE,
    coding,
    extension_url,
    identifier_system,
    resource_id,
    system,
)
from countycare.labels import Name
from countycare.provenance import Provenance

__all__ = ["COMMUNITY_TYPE", "county_resources", "reference"]

#: The ``Organization.type`` code of a medical community (in the ``organization-type`` system).
COMMUNITY_TYPE = "medical-community"


def reference(resource_type: str, code: str) -> dict[str, str]:
    """A relative reference to the resource of countycare id ``code``."""
    return {"reference": f"{resource_type}/{resource_id(code)}"}


def _ext(name: str, value_type: str, value: Any) -> dict[str, Any]:
    return {"url": extension_url(name), f"value{value_type}": value}


def _complex(name: str, parts: list[dict[str, Any]]) -> dict[str, Any]:
    return {"url": extension_url(name), "extension": parts}


def _part(name: str, value_type: str, value: Any) -> dict[str, Any]:
    return {"url": name, f"value{value_type}": value}


def _name_ext(name: str, value: Name) -> dict[str, Any]:
    return _complex(name, [_part("en", "String", value.en), _part("zh", "String", value.zh)])


def _texts(pairs: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Sub-extensions for the non-empty texts (FHIR strings cannot be empty)."""
    return [_part(key, "String", text) for key, text in pairs if text]


def _provenance(provenance: Provenance) -> dict[str, Any]:
    parts: list[dict[str, Any]] = []
    for src in provenance.sources:
        fields = [
            ("id", src.id),
            ("title", src.title),
            ("citation", src.citation),
            ("url", src.url),
        ]
        parts.append({"url": "source", "extension": _texts(fields)})
    for fact in provenance.facts:
        inner = _texts([("subject", fact.subject), ("statement", fact.statement)])
        inner.append(_part("origin", "Coding", coding("provenance-origin", fact.origin)))
        if fact.source is not None:
            inner.append(_part("source", "String", fact.source))
        parts.append({"url": "fact", "extension": inner})
    return _complex("provenance", parts)


def _figures(
    population: int, registered: int | None, agricultural: float | None
) -> list[dict[str, Any]]:
    extensions = [_ext("population", "Integer", population)]
    if registered is not None:
        extensions.append(_ext("registered-population", "Integer", registered))
    if agricultural is not None:
        extensions.append(_ext("agricultural-share", "Decimal", agricultural))
    return extensions


def _location(
    kind: str, code: str, name: Name, parent: str | None, extensions: list[dict[str, Any]]
) -> dict[str, Any]:
    en, zh = AREA_LEVEL[kind]
    resource: dict[str, Any] = {
        "resourceType": "Location",
        "id": resource_id(code),
        "extension": extensions,
        "identifier": [{"system": identifier_system("area"), "value": code}],
        "status": "active",
        "name": name.zh,
        "alias": [name.en],
        "mode": "instance",
        "type": [
            {"coding": [{"system": system("area-level"), "code": kind, "display": en}], "text": zh}
        ],
    }
    if parent is not None:
        resource["partOf"] = reference("Location", parent)
    return resource


def _county_location(county: County) -> dict[str, Any]:
    extensions = _figures(
        county.population, county.registered_population, county.agricultural_share
    )
    if county.province is not None:
        extensions.append(_name_ext("province", county.province))
    if county.prefecture is not None:
        extensions.append(_name_ext("prefecture", county.prefecture))
    if county.area_km2 is not None:
        extensions.append(_ext("area-km2", "Decimal", county.area_km2))
    if county.provenance.sources or county.provenance.facts:
        extensions.append(_provenance(county.provenance))
    return _location("county", county.id, county.name, None, extensions)


def _township(county: County, township: Township) -> dict[str, Any]:
    figures = _figures(
        township.population, township.registered_population, township.agricultural_share
    )
    if township.kind is not None:
        figures.append(_ext("township-kind", "Coding", coding("township-kind", township.kind)))
    if township.residents_committees is not None:
        figures.append(_ext("residents-committees", "Integer", township.residents_committees))
    return _location("township", township.id, township.name, county.id, figures)


def _village(township: Township, village: Village) -> dict[str, Any]:
    figures = _figures(
        village.population, village.registered_population, village.agricultural_share
    )
    return _location("village", village.id, village.name, township.id, figures)


def _codeable(name: str, member: Any) -> dict[str, Any]:
    return {"coding": [coding(name, member)], "text": member.zh}


def _organization(institution: Institution) -> dict[str, Any]:
    staff = institution.staff
    extensions = [
        _ext("area", "Reference", reference("Location", institution.area)),
        _ext("beds", "Integer", institution.beds),
        _complex(
            "staff",
            [
                _part("health-technicians", "Integer", staff.health_technicians),
                _part("physicians", "Integer", staff.physicians),
                _part("senior-titles", "Integer", staff.senior_titles),
            ],
        ),
    ]
    extensions.extend(
        _ext("service", "Coding", coding("service", s))
        for s in sorted(institution.services, key=lambda s: s.value)
    )
    if institution.grade is not None:
        extensions.append(
            _ext("capability-grade", "Coding", coding("capability-grade", institution.grade))
        )
    resource: dict[str, Any] = {
        "resourceType": "Organization",
        "id": resource_id(institution.id),
        "extension": extensions,
        "identifier": [{"system": identifier_system("institution"), "value": institution.id}],
        "active": True,
        "type": [
            _codeable("institution-kind", institution.kind),
            _codeable("tier", institution.tier),
            _codeable("ownership", institution.ownership),
        ],
        "name": institution.name.zh,
        "alias": [institution.name.en],
    }
    if institution.parent is not None:
        resource["partOf"] = reference("Organization", institution.parent)
    return resource


def _community(community: MedicalCommunity) -> dict[str, Any]:
    extensions = [_ext("lead", "Reference", reference("Organization", community.lead))]
    if community.founded is not None:
        extensions.append(_ext("founded", "Date", community.founded.isoformat()))
    return {
        "resourceType": "Organization",
        "id": resource_id(community.id),
        "extension": extensions,
        "identifier": [{"system": identifier_system("community"), "value": community.id}],
        "active": True,
        "type": [
            {
                "coding": [
                    {
                        "system": system("organization-type"),
                        "code": COMMUNITY_TYPE,
                        "display": ORGANIZATION_TYPE[COMMUNITY_TYPE][0],
                    }
                ],
                "text": ORGANIZATION_TYPE[COMMUNITY_TYPE][1],
            }
        ],
        "name": community.name.zh,
        "alias": [community.name.en],
    }


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _affiliation(community: MedicalCommunity, index: int, membership: Membership) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "OrganizationAffiliation",
        "id": resource_id(f"{community.id}-m{index}"),
        "active": True,
        "organization": reference("Organization", community.id),
        "participatingOrganization": reference("Organization", membership.institution),
        "code": [_codeable("membership-role", membership.role)],
    }
    period = {
        k: v
        for k, v in (("start", _date(membership.valid_from)), ("end", _date(membership.valid_to)))
        if v is not None
    }
    if period:
        resource["period"] = period
    return resource


@boundary
def county_resources(county: County) -> list[dict[str, Any]]:
    """The county as FHIR resources (JSON data): Locations, then Organizations, then
    OrganizationAffiliations, each in the county's own order."""
    resources = [_county_location(county)]
    for township in county.townships:
        resources.append(_township(county, township))
        resources.extend(_village(township, v) for v in township.villages)
    resources.extend(_organization(i) for i in county.institutions)
    for community in county.communities:
        resources.append(_community(community))
        resources.extend(_affiliation(community, n, m) for n, m in enumerate(community.memberships))
    return resources
