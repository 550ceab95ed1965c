"""Build a small county in code, validate and fix it, round-trip it through TOML and JSON, report.

The same steps as the tutorial "Build and check a county" (docs/tutorials/), as one script. It
writes ``example.toml`` and ``example.json`` to the current folder.

Run: ``python examples/build_a_county.py``
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import networkx as nx

from countycare import (
    County,
    DataError,
    Institution,
    InstitutionKind,
    MedicalCommunity,
    Membership,
    MembershipRole,
    Name,
    Ownership,
    Service,
    Township,
    Village,
    check_county,
    dump_county,
    load_county,
    validate_county,
)
from countycare.report import render_county_report

FOUNDED = dt.date(2019, 1, 1)


def geography() -> list[Township]:
    """Two townships with three villages; villages carry the resident population."""
    riverside = Township(
        "ex-t1",
        Name("Riverside Town", "河畔镇"),
        villages=[
            Village("ex-t1-v1", Name("East Village", "东村"), population=2400),
            Village("ex-t1-v2", Name("West Village", "西村"), population=1800),
        ],
    )
    hill = Township(
        "ex-t2",
        Name("Hill Township", "山乡"),
        villages=[Village("ex-t2-v1", Name("North Village", "北村"), population=1500)],
    )
    return [riverside, hill]


def institutions() -> list[Institution]:
    """Two county hospitals, two township centres, three village clinics — with two mistakes."""
    return [
        Institution(
            "ex-cgh",
            Name("County People's Hospital", "示例县人民医院"),
            InstitutionKind.COUNTY_GENERAL_HOSPITAL,
            Ownership.PUBLIC,
            area="ex",
            beds=300,
        ),
        Institution(
            "ex-tcm",
            Name("County TCM Hospital", "示例县中医医院"),
            InstitutionKind.COUNTY_TCM_HOSPITAL,
            Ownership.PUBLIC,
            area="ex",
            beds=120,
        ),
        Institution(
            "ex-thc-1",
            Name("Riverside health centre", "河畔镇卫生院"),
            InstitutionKind.TOWNSHIP_HEALTH_CENTRE,
            Ownership.PUBLIC,
            area="ex-t1",
            beds=40,
            services=frozenset({Service.TCM_HALL, Service.ECG}),
        ),
        Institution(
            "ex-thc-2",
            Name("Hill health centre", "山乡卫生院"),
            InstitutionKind.TOWNSHIP_HEALTH_CENTRE,
            Ownership.PUBLIC,
            area="ex-t2",
            beds=20,
        ),
        Institution(
            "ex-vc-1",
            Name("East Village clinic", "东村卫生室"),
            InstitutionKind.VILLAGE_CLINIC,
            Ownership.PUBLIC,
            area="ex-t1-v1",
            parent="ex-thc-1",
        ),
        # Mistake 1: a village clinic sited in a township instead of a village.
        Institution(
            "ex-vc-2",
            Name("West Village clinic", "西村卫生室"),
            InstitutionKind.VILLAGE_CLINIC,
            Ownership.PUBLIC,
            area="ex-t1",
            parent="ex-thc-1",
        ),
        # Mistake 2: the parent "ex-thc-3" does not exist.
        Institution(
            "ex-vc-3",
            Name("North Village clinic", "北村卫生室"),
            InstitutionKind.VILLAGE_CLINIC,
            Ownership.PUBLIC,
            area="ex-t2-v1",
            parent="ex-thc-3",
        ),
    ]


def medical_group() -> MedicalCommunity:
    """The medical group: the lead, its members from 2019, the TCM hospital from July 2021."""
    return MedicalCommunity(
        "ex-group",
        Name("Example County Medical Group", "示例县医疗集团"),
        lead="ex-cgh",
        founded=FOUNDED,
        memberships=[
            Membership("ex-cgh", MembershipRole.LEAD, valid_from=FOUNDED),
            Membership("ex-thc-1", MembershipRole.MEMBER, valid_from=FOUNDED),
            Membership("ex-thc-2", MembershipRole.MEMBER, valid_from=FOUNDED),
            Membership("ex-tcm", MembershipRole.MEMBER, valid_from=dt.date(2021, 7, 1)),
            Membership("ex-vc-1", MembershipRole.VILLAGE_AFFILIATE, valid_from=FOUNDED),
            Membership("ex-vc-2", MembershipRole.VILLAGE_AFFILIATE, valid_from=FOUNDED),
            Membership("ex-vc-3", MembershipRole.VILLAGE_AFFILIATE, valid_from=FOUNDED),
        ],
    )


def main() -> None:
    """Build, validate, fix, round-trip, and report."""
    listed = institutions()
    county = County(
        "ex",
        Name("Example County", "示例县"),
        townships=geography(),
        institutions=listed,
        communities=[medical_group()],
    )

    print("Problems found:")
    for problem in validate_county(county):
        print(f"  {problem}")
    try:
        check_county(county)
    except DataError as error:
        print(f"check_county refuses the county: {len(error.problems)} problems")

    listed[5] = attrs.evolve(listed[5], area="ex-t1-v2")
    listed[6] = attrs.evolve(listed[6], parent="ex-thc-2")
    county = check_county(attrs.evolve(county, institutions=listed))
    print(f"After the fixes: {len(validate_county(county))} problems")

    for path in (Path("example.toml"), Path("example.json")):
        dump_county(county, path)
        if load_county(path) != county:
            raise SystemExit(f"{path} did not load back equal to the county written")
        print(f"Wrote {path} ({path.stat().st_size:,} bytes); it loads back equal")

    before = county.as_of(dt.date(2020, 1, 1)).community("ex-group")
    print(f"Members on 2020-01-01: {', '.join(sorted(before.member_ids()))}")

    print("\nAdministrative tree:")
    nx.write_network_text(county.administrative_tree())
    print("\nCommunity tree:")
    nx.write_network_text(county.community_tree("ex-group"))

    print()
    print(render_county_report(county, validate_county(county)))


if __name__ == "__main__":
    main()
