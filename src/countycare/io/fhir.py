"""Export a county to HL7 FHIR R4: institutions as ``Organization``, memberships as
``OrganizationAffiliation``, in one ``Bundle`` of type ``collection``.

Hospital information platforms and regional health information exchanges in China increasingly
speak FHIR. The mapping:

* each institution → an ``Organization`` whose ``identifier`` is the countycare id, whose
  ``type`` codes the institution kind (system :data:`KIND_SYSTEM`), whose ``name`` is Chinese
  with the English name as ``alias``, and whose ``partOf`` points to its parent centre;
* each membership of a medical community → an ``OrganizationAffiliation`` from the lead
  (``organization``) to the member (``participatingOrganization``) with the role as ``code``
  (system :data:`ROLE_SYSTEM`) and the validity as ``period``.

The export is one-way: FHIR has no place for villages' populations, so it is not a county file.

Examples
--------
>>> from countycare import load_county
>>> bundle = county_to_fhir(load_county("wanrong"))
>>> bundle["resourceType"], bundle["type"], len(bundle["entry"])
('Bundle', 'collection', 593)
>>> lead = bundle["entry"][0]["resource"]
>>> lead["resourceType"], lead["name"], lead["type"][0]["coding"][0]["code"]
('Organization', '万荣县人民医院', 'county_general_hospital')
"""

from __future__ import annotations

from typing import Any

from countycare.community import County, Membership
from countycare.institutions import Institution

__all__ = ["ID_SYSTEM", "KIND_SYSTEM", "ROLE_SYSTEM", "county_to_fhir"]

#: The identifier system of countycare institution ids.
ID_SYSTEM = "urn:countycare:institution"
#: The code system of institution kinds (the codes of ``InstitutionKind``).
KIND_SYSTEM = "urn:countycare:institution-kind"
#: The code system of membership roles (the codes of ``MembershipRole``).
ROLE_SYSTEM = "urn:countycare:membership-role"


def _organization(institution: Institution) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Organization",
        "id": institution.id,
        "identifier": [{"system": ID_SYSTEM, "value": institution.id}],
        "active": True,
        "type": [
            {
                "coding": [
                    {
                        "system": KIND_SYSTEM,
                        "code": institution.kind.value,
                        "display": institution.kind.en,
                    }
                ],
                "text": institution.kind.zh,
            }
        ],
        "name": institution.name.zh,
        "alias": [institution.name.en],
    }
    if institution.parent is not None:
        resource["partOf"] = {"reference": f"Organization/{institution.parent}"}
    return resource


def _affiliation(
    community_id: str, lead: str, index: int, membership: Membership
) -> dict[str, Any]:
    period: dict[str, str] = {}
    if membership.valid_from is not None:
        period["start"] = membership.valid_from.isoformat()
    if membership.valid_to is not None:
        period["end"] = membership.valid_to.isoformat()
    resource: dict[str, Any] = {
        "resourceType": "OrganizationAffiliation",
        "id": f"{community_id}-{index}",
        "organization": {"reference": f"Organization/{lead}"},
        "participatingOrganization": {"reference": f"Organization/{membership.institution}"},
        "code": [
            {
                "coding": [
                    {
                        "system": ROLE_SYSTEM,
                        "code": membership.role.value,
                        "display": membership.role.en,
                    }
                ],
                "text": membership.role.zh,
            }
        ],
    }
    if period:
        resource["period"] = period
    return resource


def county_to_fhir(county: County) -> dict[str, Any]:
    """The county's institutions and community memberships as a FHIR R4 ``Bundle`` (JSON data)."""
    entries = [{"resource": _organization(i)} for i in county.institutions]
    for community in county.communities:
        entries.extend(
            {"resource": _affiliation(community.id, community.lead, n, m)}
            for n, m in enumerate(community.memberships)
        )
    return {"resourceType": "Bundle", "id": county.id, "type": "collection", "entry": entries}
