"""The public boundary: natural forms build the same objects; wrong types are library errors.

For every public constructor of the county model, hypothesis draws the forms a caller naturally
has (codes in any case and labels, ISO text and Timestamps, numpy scalars, any iterable) for a
valid object's values and checks they build *the same* object as the canonical values; then it
draws values of the wrong type for each argument and checks that the error is a
``CountyCareError`` naming the argument, never a ``TypeError`` or an attrs repr.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from countycare import (
    County,
    CountyCareError,
    Institution,
    InstitutionKind,
    MedicalCommunity,
    Membership,
    MembershipRole,
    Name,
    Ownership,
    Period,
    Staff,
    Tier,
    Township,
    Village,
    coerce,
)
from countycare.errors import ArgumentError
from countycare.testing import counties
from countycare.testing.natural import (
    natural_codes,
    natural_collections,
    natural_counts,
    natural_dates,
    natural_names,
    natural_numbers,
    natural_periods,
    wrong_values,
)

_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _optional(draw: st.DrawFn, value: Any, forms: Any) -> Any:
    return None if value is None else draw(forms(value))


def _natural_village(draw: st.DrawFn, v: Village) -> Village:
    return Village(
        v.id,
        draw(natural_names(v.name)),
        population=draw(natural_counts(v.population)),
        registered_population=_optional(draw, v.registered_population, natural_counts),
        agricultural_share=_optional(draw, v.agricultural_share, natural_numbers),
    )


def _natural_institution(draw: st.DrawFn, i: Institution) -> Institution:
    services = [draw(natural_codes(s)) for s in sorted(i.services)]
    return Institution(
        id=i.id,
        name=draw(natural_names(i.name)),
        kind=draw(natural_codes(i.kind)),
        ownership=draw(natural_codes(i.ownership)),
        area=i.area,
        parent=i.parent,
        beds=draw(natural_counts(i.beds)),
        staff=Staff(
            draw(natural_counts(i.staff.health_technicians)),
            draw(natural_counts(i.staff.physicians)),
            draw(natural_counts(i.staff.senior_titles)),
        ),
        services=draw(natural_collections(services, ordered=False)),
        grade=_optional(draw, i.grade, natural_codes),
    )


def _natural_membership(draw: st.DrawFn, m: Membership) -> Membership:
    return Membership(
        m.institution,
        draw(natural_codes(m.role)),
        valid_from=_optional(draw, m.valid_from, natural_dates),
        valid_to=_optional(draw, m.valid_to, natural_dates),
    )


@st.composite
def _county_and_natural_twin(draw: st.DrawFn) -> tuple[County, County]:
    county = draw(counties(max_townships=2, max_villages=2))
    townships = [
        Township(
            t.id,
            draw(natural_names(t.name)),
            draw(natural_collections([_natural_village(draw, v) for v in t.villages])),
        )
        for t in county.townships
    ]
    communities = [
        MedicalCommunity(
            c.id,
            draw(natural_names(c.name)),
            c.lead,
            draw(natural_collections([_natural_membership(draw, m) for m in c.memberships])),
            founded=draw(st.none() | natural_dates(dt.date(2017, 4, 1))),
        )
        for c in county.communities
    ]
    founded = communities[0].founded
    canonical = County(
        county.id,
        county.name,
        county.townships,
        county.institutions,
        (
            MedicalCommunity(
                county.communities[0].id,
                county.communities[0].name,
                county.communities[0].lead,
                county.communities[0].memberships,
                founded=None if founded is None else dt.date(2017, 4, 1),
            ),
        ),
        agricultural_share=county.agricultural_share,
    )
    natural = County(
        county.id,
        draw(natural_names(county.name)),
        draw(natural_collections(townships)),
        draw(natural_collections([_natural_institution(draw, i) for i in county.institutions])),
        draw(natural_collections(communities)),
        agricultural_share=_optional(draw, county.agricultural_share, natural_numbers),
    )
    return canonical, natural


@_SETTINGS
@given(_county_and_natural_twin())
def test_natural_forms_build_the_same_county(pair: tuple[County, County]) -> None:
    """Codes, labels, ISO text, Timestamps, numpy scalars and any iterable build a county equal
    to the one built from canonical values, field by field and as a whole."""
    canonical, natural = pair
    assert natural.townships == canonical.townships
    assert natural.institutions == canonical.institutions
    assert natural.communities == canonical.communities
    assert natural == canonical


@_SETTINGS
@given(_county_and_natural_twin())
def test_natural_values_are_stored_in_canonical_types(pair: tuple[County, County]) -> None:
    """What is stored is a Python int, float, date, tuple and frozenset of members, never a
    numpy scalar, a Timestamp or a list, so that files and hashes see one form."""
    _, natural = pair
    for village in natural.villages:
        assert type(village.population) is int
    for institution in natural.institutions:
        assert type(institution.beds) is int
        assert type(institution.services) is frozenset
        assert all(type(s).__name__ == "Service" for s in institution.services)
    for membership in natural.communities[0].memberships:
        for day in (membership.valid_from, membership.valid_to):
            assert day is None or type(day) is dt.date
    assert type(natural.townships) is tuple
    share = natural.agricultural_share
    assert share is None or type(share) is float


@given(
    st.sampled_from(list(InstitutionKind)).flatmap(
        lambda k: st.tuples(st.just(k), natural_codes(k))
    )
)
def test_every_kind_is_named_by_each_of_its_forms(pair: tuple[InstitutionKind, Any]) -> None:
    """Each code in any case, and each label that names one kind, converts to that kind."""
    kind, form = pair
    assert InstitutionKind(form) is kind


@given(
    st.sampled_from(["2024", "2024Q3", "2023-11", "1999"])
    .map(Period.parse)
    .flatmap(lambda p: st.tuples(st.just(p), natural_periods(p)))
)
def test_periods_from_text_numbers_and_objects(pair: tuple[Period, Any]) -> None:
    """A period, its text, or a year as a Python or numpy number give the same period."""
    period, form = pair
    assert coerce.period(form) == period


def _valid_arguments() -> dict[type, dict[str, Any]]:
    name = Name("East Village", "东村")
    village = Village("v1", name, 10)
    member = Membership("i1", MembershipRole.MEMBER)
    institution = Institution("i1", name, InstitutionKind.VILLAGE_CLINIC, Ownership.PUBLIC, "v1")
    community = MedicalCommunity("g", name, "i1", (member,))
    return {
        Name: {"en": "East", "zh": "东"},
        Village: {"id": "v1", "name": name, "population": 10, "registered_population": 12,
                  "agricultural_share": 0.5},
        Township: {"id": "t1", "name": name, "villages": (village,), "registered_population": 3,
                   "agricultural_share": 0.5},
        Staff: {"health_technicians": 3, "physicians": 2, "senior_titles": 1},
        Institution: {"id": "i1", "name": name, "kind": "village_clinic", "ownership": "public",
                      "area": "v1", "parent": "t", "beds": 0, "staff": Staff(),
                      "services": (), "grade": "basic"},
        Membership: {"institution": "i1", "role": "member", "valid_from": "2017-04-01",
                     "valid_to": "2020-01-01"},
        MedicalCommunity: {"id": "g", "name": name, "lead": "i1", "memberships": (member,),
                           "founded": "2017-04-01"},
        County: {"id": "c", "name": name, "townships": (), "institutions": (institution,),
                 "communities": (community,), "province": name, "prefecture": name,
                 "registered_population": 5, "agricultural_share": 0.3},
    }  # fmt: skip


_ARGUMENTS = [(cls, arg) for cls, kwargs in _valid_arguments().items() for arg in kwargs]


@pytest.mark.parametrize(("cls", "argument"), _ARGUMENTS, ids=lambda x: getattr(x, "__name__", x))
@settings(max_examples=15, deadline=None)
@given(wrong=wrong_values())
def test_a_wrong_type_is_a_library_error_naming_the_argument(
    cls: type, argument: str, wrong: Any
) -> None:
    """Any argument of any model constructor given a value of the wrong type raises a
    CountyCareError whose message names the argument and contains no attrs repr."""
    kwargs = _valid_arguments()[cls]
    cls(**kwargs)  # the valid arguments build
    kwargs[argument] = wrong
    with pytest.raises(CountyCareError) as caught:
        cls(**kwargs)
    message = str(caught.value)
    assert argument in message
    assert "Attribute(" not in message and "<class" not in message


def test_the_message_speaks_the_users_words() -> None:
    """The example of the issue, word for word: no class name, a suggestion."""
    with pytest.raises(ArgumentError) as caught:
        Institution("i1", ("A", "甲"), "village_clinc", "public", "v1")
    assert str(caught.value) == (
        "kind: unknown institution kind 'village_clinc'; did you mean 'village_clinic'?"
    )


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (dt.datetime(2024, 3, 1, 9, 30), "time of day"),
        (np.datetime64("2024-03-01T09:30"), "time of day"),
        ("2024-13-01", "a date (YYYY-MM-DD)"),
        (np.datetime64("NaT"), "missing date"),
        (20240301, "a date"),
    ],
)
def test_dates_that_are_not_days_are_refused(value: Any, fragment: str) -> None:
    """A time of day, an impossible date, NaT or a bare number is refused with the argument."""
    with pytest.raises(ArgumentError) as caught:
        Membership("i1", "member", valid_from=value)
    assert "valid_from" in str(caught.value) and fragment in str(caught.value)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (12.5, "fraction"),
        (True, "whole number"),
        ("12", "whole number"),
        (np.float64(0.5), "fraction"),
    ],
)
def test_counts_refuse_fractions_booleans_and_text(value: Any, fragment: str) -> None:
    """A fractional count, True or text is refused; nothing is silently rounded or parsed."""
    with pytest.raises(ArgumentError) as caught:
        Village("v1", ("A", "甲"), population=value)
    assert str(caught.value).startswith("population: ") and fragment in str(caught.value)


def test_an_ambiguous_label_is_refused_with_the_codes() -> None:
    """A label shared by two members names neither: both codes are listed."""
    with pytest.raises(ArgumentError) as caught:
        coerce.vocabulary(Tier, "nowhere")
    assert "did you mean" in str(caught.value) or "expected one of" in str(caught.value)


def test_money_takes_quantities_and_pairs() -> None:
    """Money is a pint quantity or (amount, unit); a bare number or a non-currency is refused."""
    from countycare import Q_

    assert coerce.money((12.5, "wan_yuan")) == Q_(125_000, "yuan")
    assert coerce.money(Q_(3, "yi_yuan")) == Q_(3, "yi_yuan")
    for wrong, fragment in ((5, "with a unit"), ((5, "visit"), "money"), ((5, "furlong"), "unit")):
        with pytest.raises(ArgumentError, match=fragment):
            coerce.money(wrong, "budget")


def test_counties_from_objects_names_and_paths(tmp_path: Any) -> None:
    """A county argument is the object, a dataset name or a file; else an error naming it."""
    from countycare import dump_county, load_county

    wanrong = load_county("wanrong")
    path = dump_county(wanrong, tmp_path / "w.toml")
    assert coerce.county("wanrong") == coerce.county(path) == coerce.county(wanrong) == wanrong
    with pytest.raises(ArgumentError, match="county: expected a county"):
        coerce.county(3, "county")
