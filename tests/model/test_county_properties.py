"""Property tests of the county model, its files and its validation, on generated counties."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from countycare import County, Membership, Severity
from countycare.io import (
    county_from_dict,
    county_problems,
    county_to_dict,
    dump_county,
    load_county,
)
from countycare.labels import InstitutionKind
from countycare.testing import counties
from countycare.validation import validate_county


def _errors(county: County) -> list[str]:
    return [str(p) for p in validate_county(county) if p.severity is Severity.ERROR]


@given(counties())
def test_generated_counties_are_valid(county: County) -> None:
    """The public strategy only draws counties that validate without errors."""
    assert _errors(county) == []


@pytest.mark.parametrize("suffix", [".json", ".toml"])
@given(county=counties())
def test_file_round_trip_is_lossless(
    tmp_path_factory: pytest.TempPathFactory, suffix: str, county: County
) -> None:
    """load(dump(c)) == c for JSON and TOML."""
    path = tmp_path_factory.mktemp("rt") / f"county{suffix}"
    dump_county(county, path)
    assert load_county(path) == county


@given(counties())
def test_plain_data_round_trip(county: County) -> None:
    """county_from_dict inverts county_to_dict."""
    assert county_from_dict(county_to_dict(county)) == county


@given(counties(), st.data())
def test_dangling_parent_is_reported_at_its_path(county: County, data: st.DataObject) -> None:
    """A parent that does not exist is reported at $.institutions[i].parent."""
    candidates = [i for i, inst in enumerate(county.institutions) if inst.parent is not None]
    if not candidates:
        return
    i = data.draw(st.sampled_from(candidates))
    broken = list(county.institutions)
    broken[i] = attrs.evolve(broken[i], parent="no-such-centre")
    paths = [p.path for p in validate_county(attrs.evolve(county, institutions=tuple(broken)))]
    assert f"$.institutions[{i}].parent" in paths


@given(counties(), st.data())
def test_duplicate_id_is_reported_at_the_second_use(county: County, data: st.DataObject) -> None:
    """Copying one institution's id onto a later one is reported at the later one's path."""
    n = len(county.institutions)
    first = data.draw(st.integers(0, n - 2)) if n > 1 else 0
    if n < 2:
        return
    second = data.draw(st.integers(first + 1, n - 1))
    broken = list(county.institutions)
    broken[second] = attrs.evolve(broken[second], id=broken[first].id)
    problems = validate_county(attrs.evolve(county, institutions=tuple(broken)))
    assert any(
        p.path == f"$.institutions[{second}].id" and "duplicate id" in p.message for p in problems
    )


@given(counties(), st.data())
def test_wrong_tier_lead_is_reported(county: County, data: st.DataObject) -> None:
    """A township centre made lead is reported at $.communities[0].lead."""
    centres = [
        i.id for i in county.institutions if i.kind is InstitutionKind.TOWNSHIP_HEALTH_CENTRE
    ]
    new_lead = data.draw(st.sampled_from(centres))
    community = attrs.evolve(county.communities[0], lead=new_lead)
    problems = validate_county(attrs.evolve(county, communities=(community,)))
    assert any(p.path == "$.communities[0].lead" and "county-tier" in p.message for p in problems)


@given(counties(), st.data())
def test_village_clinic_in_a_township_is_reported(county: County, data: st.DataObject) -> None:
    """A village clinic sited in a township is reported at $.institutions[i].area."""
    clinics = [
        i
        for i, inst in enumerate(county.institutions)
        if inst.kind is InstitutionKind.VILLAGE_CLINIC
    ]
    if not clinics:
        return
    i = data.draw(st.sampled_from(clinics))
    broken = list(county.institutions)
    broken[i] = attrs.evolve(broken[i], area=county.townships[0].id)
    paths = [p.path for p in validate_county(attrs.evolve(county, institutions=tuple(broken)))]
    assert f"$.institutions[{i}].area" in paths


@given(counties(), st.data())
def test_overlapping_membership_is_reported(county: County, data: st.DataObject) -> None:
    """A second, open-ended membership of a member overlaps and is reported at its path."""
    community = county.communities[0]
    k = data.draw(st.integers(1, len(community.memberships) - 1))
    member = community.memberships[k].institution
    extra = Membership(member, community.memberships[k].role, valid_from=None, valid_to=None)
    broken = attrs.evolve(community, memberships=(*community.memberships, extra))
    problems = validate_county(attrs.evolve(county, communities=(broken,)))
    where = f"$.communities[0].memberships[{len(community.memberships)}]"
    assert any(p.path == where and "overlaps" in p.message for p in problems)


@given(counties())
def test_administrative_tree_spans_every_area(county: County) -> None:
    """The administrative hierarchy is a tree rooted at the county over all areas."""
    tree = county.administrative_tree()
    assert nx.is_arborescence(tree)
    areas = {county.id} | {t.id for t in county.townships} | {v.id for v in county.villages}
    assert set(tree.nodes) == areas
    assert tree.in_degree(county.id) == 0


@given(counties(), st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2026, 12, 31)))
def test_as_of_keeps_only_valid_memberships(county: County, day: dt.date) -> None:
    """as_of(day) never returns a membership outside its validity, and drops none inside it."""
    shown = county.as_of(day)
    for before, after in zip(county.communities, shown.communities, strict=True):
        assert all(m.is_valid_on(day) for m in after.memberships)
        assert len(after.memberships) == sum(m.is_valid_on(day) for m in before.memberships)


@given(counties(), st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2026, 12, 31)))
def test_community_tree_is_a_tree_rooted_at_the_lead(county: County, day: dt.date) -> None:
    """On any day, the community structure is a tree whose root is the lead, and each node
    carries the role ``role_of`` gives its institution that day (None for a lead that is not a
    member)."""
    tree = county.community_tree(day=day)
    assert nx.is_arborescence(tree)
    community = county.communities[0]
    assert tree.in_degree(community.lead) == 0
    for node, data in tree.nodes(data=True):
        assert data.get("role") == community.role_of(node, day)


def test_problems_of_a_file_with_four_mistakes(tmp_path: Path) -> None:
    """A dangling reference, a duplicate id, a clinic in a township and an unknown key: all four."""
    path = tmp_path / "bad.toml"
    path.write_text(BAD_COUNTY, encoding="utf-8")
    county, problems = county_problems(path)
    assert county is not None
    located = {(p.path, p.message.split(" ")[0]) for p in problems}
    assert ("$.institutions[0].bedz", "unknown") in located
    assert ("$.institutions[2].id", "duplicate") in located
    assert ("$.institutions[3].parent", "parent") in located
    assert ("$.institutions[3].area", "village") in located


BAD_COUNTY = """
id = "bad"
name = { en = "Bad County", zh = "坏县" }

[[townships]]
id = "t1"
name = { en = "T1", zh = "一乡" }
villages = [{ id = "t1-v1", name = { en = "V1", zh = "一村" }, population = 100 }]

[[institutions]]
id = "h"
name = { en = "Hospital", zh = "医院" }
kind = "county_general_hospital"
ownership = "public"
area = "bad"
bedz = 3

[[institutions]]
id = "c1"
name = { en = "Centre", zh = "卫生院" }
kind = "township_health_centre"
ownership = "public"
area = "t1"

[[institutions]]
id = "c1"
name = { en = "Centre again", zh = "卫生院" }
kind = "township_health_centre"
ownership = "public"
area = "t1"

[[institutions]]
id = "vc"
name = { en = "Clinic", zh = "卫生室" }
kind = "village_clinic"
ownership = "public"
area = "t1"
parent = "nowhere"
"""
