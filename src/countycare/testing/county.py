"""Hypothesis strategies for valid county models.

Every county drawn here passes :func:`countycare.validate_county` without errors: a public,
county-tier lead hospital; townships with villages; a health centre per township, optional
branches, village clinics run by their township's centre; one medical community whose
memberships have random but non-overlapping validity periods.

Examples
--------
>>> from hypothesis import given, settings
>>> from countycare import validate_county
>>> @settings(max_examples=5)
... @given(counties(max_townships=2))
... def check(county):
...     assert not [p for p in validate_county(county) if p.severity.value == "error"]
>>> check()
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.community import County, MedicalCommunity, Membership
from countycare.errors import ArgumentError
from countycare.geography import ID_CHARS, Township, Village
from countycare.institutions import Institution, Staff
from countycare.labels import InstitutionKind, MembershipRole, Name, Ownership, Service

if TYPE_CHECKING:
    from countycare.forms import Coded, IntLike

__all__ = ["bilingual_names", "counties", "memberships_for", "staff", "validity_periods"]

_EPOCH = dt.date(2015, 1, 1)


@boundary
def bilingual_names() -> st.SearchStrategy[Name]:
    """Bilingual names: printable English and CJK text, never empty."""
    english = st.text(
        alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=20
    ).filter(lambda s: s.strip() != "")
    chinese = st.text(
        alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=6
    )
    return st.builds(Name, english, chinese)


@boundary
def staff() -> st.SearchStrategy[Staff]:
    """Consistent headcounts: physicians and senior titles never exceed health technicians."""
    return st.integers(0, 900).flatmap(
        lambda total: st.builds(Staff, st.just(total), st.integers(0, total), st.integers(0, total))
    )


@boundary
def validity_periods() -> st.SearchStrategy[tuple[dt.date | None, dt.date | None]]:
    """(valid_from, valid_to) pairs, either end possibly open, never reversed."""
    day = st.integers(0, 3650).map(lambda n: _EPOCH + dt.timedelta(days=n))
    return st.tuples(st.none() | day, st.none() | day).map(
        lambda p: p if None in p or p[0] <= p[1] else (p[1], p[0])  # type: ignore[operator]
    )


@boundary
def memberships_for(
    institution: str, role: Coded[MembershipRole]
) -> st.SearchStrategy[tuple[Membership, ...]]:
    """One membership of ``institution`` in ``role`` (a member or its code), or two
    back-to-back ones (a member that left and rejoined)."""
    return _memberships_for(institution, coerce.vocabulary(MembershipRole, role, "role"))


@st.composite
def _memberships_for(
    draw: st.DrawFn, institution: str, role: MembershipRole
) -> tuple[Membership, ...]:
    start, end = draw(validity_periods())
    first = Membership(institution, role, valid_from=start, valid_to=end)
    if end is None or not draw(st.booleans()):
        return (first,)
    gap = draw(st.integers(1, 400))
    again = end + dt.timedelta(days=gap)
    return (first, Membership(institution, role, valid_from=again))


@boundary
def counties(
    min_townships: IntLike = 1,
    max_townships: IntLike = 4,
    max_villages: IntLike = 4,
    max_clinics_per_village: IntLike = 2,
    prefix: str = "c",
) -> st.SearchStrategy[County]:
    """Valid counties of any size; ``prefix`` starts every id (``c-t1``, ``c-thc-1``, …).

    The bounds are whole numbers (a numpy integer too): from ``min_townships`` (at least 1) to
    ``max_townships`` townships, 1 to ``max_villages`` villages each, and 0 to
    ``max_clinics_per_village`` clinics in each village. Bounds that allow no county, or a
    prefix no id may start with, are refused when the strategy is made, not when it draws.
    """
    low = coerce.count(min_townships, "min_townships")
    high = coerce.count(max_townships, "max_townships")
    villages = coerce.count(max_villages, "max_villages")
    clinics = coerce.count(max_clinics_per_village, "max_clinics_per_village")
    if not 1 <= low <= high:
        raise ArgumentError(
            "max_townships", f"expected 1 <= min_townships <= max_townships, got {low}, {high}"
        )
    if villages < 1:
        raise ArgumentError("max_villages", f"a township has at least 1 village, got {villages}")
    if clinics < 0:
        raise ArgumentError("max_clinics_per_village", f"expected a count >= 0, got {clinics}")
    if not prefix or not set(prefix) <= ID_CHARS:
        raise ArgumentError("prefix", f"expected letters, digits, '-', '_' or '.', got {prefix!r}")
    return _counties(low, high, villages, clinics, prefix)


@st.composite
def _counties(
    draw: st.DrawFn,
    min_townships: int,
    max_townships: int,
    max_villages: int,
    max_clinics_per_village: int,
    prefix: str,
) -> County:
    n_townships = draw(st.integers(min_townships, max_townships))
    townships = []
    for t in range(1, n_townships + 1):
        n_villages = draw(st.integers(1, max_villages))
        villages = tuple(
            Village(
                f"{prefix}-t{t}-v{v}",
                draw(bilingual_names()),
                population=draw(st.integers(0, 9000)),
            )
            for v in range(1, n_villages + 1)
        )
        townships.append(Township(f"{prefix}-t{t}", draw(bilingual_names()), villages))

    def make(
        ident: str, kind: InstitutionKind, area: str, parent: str | None = None, **kw: Any
    ) -> Institution:
        return Institution(
            ident,
            draw(bilingual_names()),
            kind,
            kw.pop("ownership", Ownership.PUBLIC),
            area,
            parent=parent,
            beds=draw(st.integers(0, 800)),
            staff=draw(staff()),
            services=draw(st.frozensets(st.sampled_from(list(Service)), max_size=4)),
        )

    lead_kind = draw(
        st.sampled_from(
            [InstitutionKind.COUNTY_GENERAL_HOSPITAL, InstitutionKind.COUNTY_TCM_HOSPITAL]
        )
    )
    institutions = [make(f"{prefix}-lead", lead_kind, prefix)]
    if draw(st.booleans()):
        institutions.append(make(f"{prefix}-cdc", InstitutionKind.CDC, prefix))
    if draw(st.booleans()):
        institutions.append(
            make(
                f"{prefix}-ph",
                InstitutionKind.PRIVATE_HOSPITAL,
                prefix,
                ownership=Ownership.PRIVATE,
            )
        )
    roles: list[tuple[str, MembershipRole]] = [(f"{prefix}-lead", MembershipRole.LEAD)]
    clinic = 0
    for t, township in enumerate(townships, start=1):
        centre = f"{prefix}-thc-{t}"
        institutions.append(make(centre, InstitutionKind.TOWNSHIP_HEALTH_CENTRE, township.id))
        roles.append((centre, MembershipRole.MEMBER))
        if draw(st.booleans()):
            branch = f"{prefix}-thb-{t}"
            institutions.append(make(branch, InstitutionKind.TOWNSHIP_BRANCH, township.id, centre))
            roles.append((branch, MembershipRole.BRANCH))
        for village in township.villages:
            for _ in range(draw(st.integers(0, max_clinics_per_village))):
                clinic += 1
                ident = f"{prefix}-vc-{clinic}"
                institutions.append(make(ident, InstitutionKind.VILLAGE_CLINIC, village.id, centre))
                roles.append((ident, MembershipRole.VILLAGE_AFFILIATE))
    memberships: list[Membership] = [Membership(f"{prefix}-lead", MembershipRole.LEAD)]
    for ident, role in roles[1:]:
        memberships.extend(draw(_memberships_for(ident, role)))
    community = MedicalCommunity(
        f"{prefix}-group", draw(bilingual_names()), f"{prefix}-lead", tuple(memberships)
    )
    return County(
        prefix,
        draw(bilingual_names()),
        tuple(townships),
        tuple(institutions),
        (community,),
        agricultural_share=draw(st.none() | st.floats(0, 1)),
    )
