"""countycare's codes in FHIR: one canonical base, a ``CodeSystem`` for each vocabulary.

Every code countycare writes into FHIR lives under :data:`BASE`:

* code systems at ``{BASE}/CodeSystem/{name}`` (institution kinds, tiers, ownership, membership
  roles, services, capability grades, area levels, source status, provenance origins, measures,
  indicators), each with a :func:`code_system` resource listing every code with its English
  display and Chinese designation, so that a receiver can resolve every code it is sent;
* extensions at ``{BASE}/StructureDefinition/{name}`` (:func:`extension_url`);
* identifier systems at ``{BASE}/id/{kind}`` (:func:`identifier_system`): the countycare id of
  an area, institution or community.

FHIR resource ids allow only letters, digits, ``-`` and ``.`` (64 at most) while countycare ids
also allow ``_``; :func:`resource_id` keeps an id that fits and otherwise derives a stable one.
The countycare id always travels in ``identifier``, which is what an import reads.

Examples
--------
>>> system("institution-kind")
'https://countycare.readthedocs.io/fhir/CodeSystem/institution-kind'
>>> resource_id("wr-cgh"), resource_id("visits_primary")
('wr-cgh', 'visits-primary-...')
>>> cs = code_system("tier")
>>> cs["url"] == system("tier"), cs["concept"][1]["code"], cs["concept"][1]["display"]
(True, 'township', 'Township')
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from countycare.coerce.arguments import boundary
from countycare.coerce.values import suggest
from countycare.errors import ArgumentError
from countycare.geography import TownshipKind
from countycare.indicators.evaluation import UndefinedReason
from countycare.labels import (
    BilingualEnum,
    CapabilityGrade,
    InstitutionKind,
    MembershipRole,
    Ownership,
    Service,
    SourceStatus,
    Tier,
)
from countycare.provenance import Origin

__all__ = [
    "AREA_LEVEL",
    "BASE",
    "ORGANIZATION_TYPE",
    "VOCABULARIES",
    "code_system",
    "code_systems",
    "coding",
    "concept",
    "extension_url",
    "identifier_system",
    "resource_id",
    "system",
]

#: The canonical base of every countycare code system, extension and identifier system.
BASE = "https://countycare.readthedocs.io/fhir"

#: The levels of the administrative tree, as FHIR ``Location.type`` codes.
AREA_LEVEL: Mapping[str, tuple[str, str]] = {
    "county": ("County", "县"),
    "township": ("Township or town", "乡镇"),
    "village": ("Administrative village", "行政村"),
}

#: The kinds of ``Organization`` that are not institutions.
ORGANIZATION_TYPE: Mapping[str, tuple[str, str]] = {
    "medical-community": ("County medical community", "县域医共体"),
}

#: The enumerations published as code systems, by code-system name.
VOCABULARIES: Mapping[str, type[BilingualEnum]] = {
    "institution-kind": InstitutionKind,
    "tier": Tier,
    "ownership": Ownership,
    "membership-role": MembershipRole,
    "service": Service,
    "capability-grade": CapabilityGrade,
    "source-status": SourceStatus,
    "provenance-origin": Origin,
    "undefined-reason": UndefinedReason,
    "township-kind": TownshipKind,
}

_NAMES = (*VOCABULARIES, "area-level", "organization-type", "measure", "indicator")
_FHIR_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")


def system(name: str) -> str:
    """The canonical URL of the code system ``name``."""
    return f"{BASE}/CodeSystem/{name}"


def extension_url(name: str) -> str:
    """The URL of the countycare extension ``name``."""
    return f"{BASE}/StructureDefinition/{name}"


def identifier_system(kind: str) -> str:
    """The identifier system of countycare ids of ``kind`` (area, institution, community)."""
    return f"{BASE}/id/{kind}"


def resource_id(code: str) -> str:
    """A FHIR resource id for a countycare id: the id itself when FHIR allows it, else a
    readable prefix and 8 hexadecimal digits of its SHA-256 (stable across runs)."""
    if _FHIR_ID.match(code):
        return code
    readable = re.sub(r"[^A-Za-z0-9\-.]", "-", code)[:50]
    return f"{readable}-{hashlib.sha256(code.encode('utf-8')).hexdigest()[:8]}"


def coding(name: str, member: BilingualEnum) -> dict[str, str]:
    """A ``Coding`` of an enumeration member in the code system ``name``."""
    return {"system": system(name), "code": member.value, "display": member.en}


def concept(code: str, en: str, zh: str, definition: str = "") -> dict[str, Any]:
    """One ``CodeSystem.concept``: the code, its English display, its Chinese designation."""
    entry: dict[str, Any] = {
        "code": code,
        "display": en,
        "designation": [{"language": "zh", "value": zh}],
    }
    if definition:
        entry["definition"] = definition
    return entry


def _resource(name: str, title: str, concepts: Iterable[dict[str, Any]]) -> dict[str, Any]:
    listed = list(concepts)
    return {
        "resourceType": "CodeSystem",
        "id": f"countycare-{name}",
        "url": system(name),
        "name": "Countycare" + "".join(part.title() for part in name.split("-")),
        "title": title,
        "status": "active",
        "publisher": "countycare",
        "caseSensitive": True,
        "content": "complete",
        "count": len(listed),
        "concept": listed,
    }


@boundary
def code_system(name: str) -> dict[str, Any]:
    """The ``CodeSystem`` resource of one vocabulary (see :data:`VOCABULARIES`, ``area-level``,
    ``measure`` and ``indicator``)."""
    if name == "area-level":
        return _resource(
            name,
            "countycare area levels",
            (concept(c, en, zh) for c, (en, zh) in AREA_LEVEL.items()),
        )
    if name == "organization-type":
        return _resource(
            name,
            "countycare organization types",
            (concept(c, en, zh) for c, (en, zh) in ORGANIZATION_TYPE.items()),
        )
    if name == "measure":
        from countycare.indicators.measures import MEASURES

        return _resource(
            name,
            "countycare measures (data dictionary)",
            (concept(m.code, m.name.en, m.name.zh, m.description) for m in MEASURES.values()),
        )
    if name == "indicator":
        from countycare.indicators.catalogues import all_definitions

        seen: dict[str, dict[str, Any]] = {}
        for d in all_definitions():
            seen.setdefault(d.code, concept(d.code, d.name.en, d.name.zh))
        return _resource(name, "countycare indicators", seen.values())
    try:
        enum = VOCABULARIES[name]
    except KeyError:
        raise ArgumentError(
            "name", f"unknown code system {name!r}{suggest(name, _NAMES)}"
        ) from None
    title = f"countycare {name.replace('-', ' ')}"
    return _resource(name, title, (concept(m.value, m.en, m.zh) for m in enum))


@boundary
def code_systems() -> list[dict[str, Any]]:
    """Every countycare ``CodeSystem`` resource, so that a receiver can resolve every code."""
    return [code_system(n) for n in _NAMES]
