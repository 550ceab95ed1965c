"""The FHIR export keeps every institution, every membership, and the parent links."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given

from countycare import County
from countycare.cli import main
from countycare.io.fhir import KIND_SYSTEM, ROLE_SYSTEM, county_to_fhir
from countycare.testing import counties


@given(counties())
def test_one_resource_per_institution_and_membership(county: County) -> None:
    """Organizations = institutions; affiliations = memberships; ids and codes survive."""
    resources = [e["resource"] for e in county_to_fhir(county)["entry"]]
    organizations = {r["id"]: r for r in resources if r["resourceType"] == "Organization"}
    affiliations = [r for r in resources if r["resourceType"] == "OrganizationAffiliation"]
    assert set(organizations) == {i.id for i in county.institutions}
    assert len(affiliations) == sum(len(c.memberships) for c in county.communities)
    for institution in county.institutions:
        resource = organizations[institution.id]
        assert resource["type"][0]["coding"][0] == {
            "system": KIND_SYSTEM,
            "code": institution.kind.value,
            "display": institution.kind.en,
        }
        expected = (
            {"reference": f"Organization/{institution.parent}"} if institution.parent else None
        )
        assert resource.get("partOf") == expected


@given(counties())
def test_affiliation_periods_and_roles(county: County) -> None:
    """Each affiliation carries its member's role and validity period."""
    resources = [e["resource"] for e in county_to_fhir(county)["entry"]]
    affiliations = [r for r in resources if r["resourceType"] == "OrganizationAffiliation"]
    memberships = [m for c in county.communities for m in c.memberships]
    for resource, membership in zip(affiliations, memberships, strict=True):
        assert (
            resource["participatingOrganization"]["reference"]
            == f"Organization/{membership.institution}"
        )
        assert resource["code"][0]["coding"][0]["system"] == ROLE_SYSTEM
        assert resource["code"][0]["coding"][0]["code"] == membership.role.value
        start = membership.valid_from.isoformat() if membership.valid_from else None
        assert resource.get("period", {}).get("start") == start


def test_cli_writes_the_bundle(tmp_path: Path) -> None:
    """`countycare export fhir wanrong --out F` writes a bundle with all 301 institutions."""
    out = tmp_path / "w.json"
    assert main(["export", "fhir", "wanrong", "--out", str(out)]) == 0
    bundle = json.loads(out.read_text(encoding="utf-8"))
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("Organization") == 301
