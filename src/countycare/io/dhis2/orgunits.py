"""The county tree as DHIS2 organisation units and levels.

The county is level 1, townships level 2, villages level 3; each institution sits one level
below its area (a county hospital at 2, a township centre at 3, a village clinic at 4), so the
levels are named for both: "Township; county-tier institution" and so on. DHIS2 requires an
``openingDate``: an institution's is the start of its first membership when every membership
has a start, and its ``closedDate`` the end of its last when every membership has ended;
otherwise, and for every area, the placeholder :data:`PLACEHOLDER_OPENING` (countycare knows no
founding dates: a placeholder, not a fact).

Examples
--------
>>> from countycare import load_county
>>> from countycare.io.dhis2.uids import Ids
>>> units = org_units(load_county("wanrong"), Ids())
>>> units[0]["code"], units[0]["level"], units[1]["parent"] == {"id": units[0]["id"]}
('wanrong', 1, True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from countycare.community import County
from countycare.io.dhis2.uids import Ids
from countycare.labels import Name

__all__ = [
    "LEVELS",
    "PLACEHOLDER_OPENING",
    "org_unit_levels",
    "org_units",
    "ref",
    "short",
    "translated",
]

#: The opening date of an organisation unit whose opening countycare does not know (DHIS2
#: requires one): a placeholder, not a fact.
PLACEHOLDER_OPENING = dt.date(1970, 1, 1)

LEVELS: Mapping[int, Name] = {
    1: Name("County", "县"),
    2: Name("Township; county-tier institution", "乡镇；县级机构"),
    3: Name("Village; township-tier institution", "行政村；乡级机构"),
    4: Name("Village-tier institution", "村级机构"),
}


def translated(name: Name, extra: Iterable[tuple[str, str]] = ()) -> list[dict[str, str]]:
    out = [{"property": "NAME", "locale": "zh", "value": name.zh}]
    out += [{"property": p, "locale": "zh", "value": v} for p, v in extra]
    return out


def short(name: str, code: str) -> str:
    return name if len(name) <= 50 else code[:50]


def ref(uid: str) -> dict[str, str]:
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


def org_units(county: County, ids: Ids) -> list[dict[str, Any]]:
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
            "shortName": short(name.en, code),
            "level": level,
            "openingDate": opening.isoformat(),
            "translations": translated(name, [("SHORT_NAME", name.zh)]),
        }
        if parent is not None:
            entry["parent"] = ref(ids.uid("organisationUnit", parent))
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


def org_unit_levels(units: Iterable[Mapping[str, Any]], ids: Ids) -> list[dict[str, Any]]:
    """One ``organisationUnitLevel`` for each level the units use."""
    return [
        {
            "id": ids.uid("organisationUnitLevel", str(n)),
            "name": LEVELS[n].en,
            "level": n,
            "translations": translated(LEVELS[n]),
        }
        for n in sorted({int(u["level"]) for u in units})
    ]
