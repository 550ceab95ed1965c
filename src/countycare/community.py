"""The medical community (医共体) and the :class:`County` that holds the whole model.

A :class:`MedicalCommunity` has a lead (牵头单位) and memberships, each with a role and a validity
period: townships merge (撤乡并镇) and members join or leave, so its structure is answerable "as
of" a date. Validity periods are inclusive at both ends; ``None`` leaves an end open.

:class:`County` is a container: lookups by id, :meth:`County.as_of`, and the two trees (the
administrative hierarchy and the community structure, see :mod:`countycare.hierarchy`). It does
not compute indicators or render anything.

Examples
--------
>>> import datetime as dt
>>> m = Membership("wr-thc-01", MembershipRole.MEMBER, valid_from=dt.date(2017, 4, 1))
>>> m.is_valid_on(dt.date(2016, 12, 31)), m.is_valid_on(dt.date(2020, 1, 1))
(False, True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any

import attrs

from countycare.calls import calls_checked
from countycare.coerce import (
    bilingual_name,
    elements,
    name_arguments,
    optional_count,
    optional_date,
    optional_name,
    optional_number,
    vocabulary,
)
from countycare.coerce import date as _date
from countycare.errors import FieldError, UnknownKeyError
from countycare.geography import (
    Township,
    Village,
    optional_area,
    optional_non_negative,
    optional_share,
    valid_id,
)
from countycare.institutions import Institution
from countycare.labels import MembershipRole, Name, Tier
from countycare.provenance import Provenance
from countycare.units import Q_

if TYPE_CHECKING:
    import networkx as nx

    from countycare.forms import Coded

__all__ = ["County", "MedicalCommunity", "Membership", "UnknownIdError"]


class UnknownIdError(UnknownKeyError):
    """An id was looked up that the county does not contain."""


def _period_in_order(
    instance: Membership, attribute: attrs.Attribute[dt.date | None], value: dt.date | None
) -> None:
    if value is not None and instance.valid_from is not None and value < instance.valid_from:
        raise FieldError(
            attribute.name,
            f"valid_to ({value.isoformat()}) is before "
            f"valid_from ({instance.valid_from.isoformat()})",
        )


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Membership:
    """An institution's membership of a community: its role and the dates it holds (inclusive).

    ``role`` takes a member or its code; the dates a date, ISO text, a midnight datetime, a
    ``pandas.Timestamp`` or a ``numpy.datetime64``.
    """

    institution: str = attrs.field(validator=valid_id)
    role: MembershipRole = attrs.field(converter=MembershipRole)
    valid_from: dt.date | None = attrs.field(default=None, converter=optional_date)
    valid_to: dt.date | None = attrs.field(
        default=None, converter=optional_date, validator=_period_in_order
    )

    def is_valid_on(self, day: dt.date | str) -> bool:
        """Whether the membership holds on ``day`` (a date or ISO text)."""
        day = _date(day, "day")
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def overlaps(self, other: Membership) -> bool:
        """Whether the two validity periods share at least one day."""
        starts_before_other_ends = (
            self.valid_from is None or other.valid_to is None or self.valid_from <= other.valid_to
        )
        other_starts_before_self_ends = (
            other.valid_from is None or self.valid_to is None or other.valid_from <= self.valid_to
        )
        return starts_before_other_ends and other_starts_before_self_ends

    def describe_period(self) -> str:
        """The validity period as text, e.g. ``2017-04-01..open``."""
        start = self.valid_from.isoformat() if self.valid_from else "open"
        end = self.valid_to.isoformat() if self.valid_to else "open"
        return f"{start}..{end}"


def _memberships(values: object) -> tuple[Membership, ...]:
    return elements(values, Membership, "membership")


def _townships(values: object) -> tuple[Township, ...]:
    return elements(values, Township, "township")


def _institutions(values: object) -> tuple[Institution, ...]:
    return elements(values, Institution, "institution")


def _communities(values: object) -> tuple[MedicalCommunity, ...]:
    return elements(values, MedicalCommunity, "medical community")


def _provenance(value: object) -> Provenance:
    if isinstance(value, Provenance):
        return value
    from countycare.coerce import refuse

    raise refuse(None, "a provenance (countycare.Provenance)", value)


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class MedicalCommunity:
    """A county medical community (县域医共体 / 医疗集团): its lead and its memberships.

    The lead also appears among the memberships with role ``lead``.
    """

    id: str = attrs.field(validator=valid_id)
    name: Name = attrs.field(converter=bilingual_name)
    lead: str = attrs.field(validator=valid_id)
    memberships: tuple[Membership, ...] = attrs.field(default=(), converter=_memberships)
    founded: dt.date | None = attrs.field(default=None, converter=optional_date)

    def memberships_on(self, day: dt.date | str) -> tuple[Membership, ...]:
        """The memberships that hold on ``day``."""
        day = _date(day, "day")
        return tuple(m for m in self.memberships if m.is_valid_on(day))

    def member_ids(self, day: dt.date | str | None = None) -> frozenset[str]:
        """Ids of the institutions that belong (on ``day``, or ever when ``day`` is None)."""
        chosen = self.memberships if day is None else self.memberships_on(day)
        return frozenset(m.institution for m in chosen)

    def roles(self, day: dt.date | str | None = None) -> dict[str, MembershipRole]:
        """The role of each member (on ``day``, or ever when ``day`` is None): its first
        membership's, as :meth:`role_of` gives it, for every member in one pass."""
        chosen = self.memberships if day is None else self.memberships_on(day)
        found: dict[str, MembershipRole] = {}
        for membership in chosen:
            found.setdefault(membership.institution, membership.role)
        return found

    def role_of(self, institution: str, day: dt.date | str | None = None) -> MembershipRole | None:
        """The role of ``institution`` (on ``day``), or None when it is not a member."""
        return self.roles(day).get(institution)

    def as_of(self, day: dt.date | str) -> MedicalCommunity:
        """The community with only the memberships that hold on ``day``."""
        day = _date(day, "day")
        return attrs.evolve(self, memberships=self.memberships_on(day))


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class County:
    """A county health system: its geography, institutions and medical communities.

    Build one in code, or load it with :func:`countycare.load_county`. Lookups raise
    :class:`UnknownIdError` naming the id. Validation of the whole is
    :func:`countycare.validate_county`; an invalid county can still be built so that every
    problem can be reported at once.
    """

    id: str = attrs.field(validator=valid_id)
    name: Name = attrs.field(converter=bilingual_name)
    townships: tuple[Township, ...] = attrs.field(default=(), converter=_townships)
    institutions: tuple[Institution, ...] = attrs.field(default=(), converter=_institutions)
    communities: tuple[MedicalCommunity, ...] = attrs.field(default=(), converter=_communities)
    province: Name | None = attrs.field(default=None, converter=optional_name)
    prefecture: Name | None = attrs.field(default=None, converter=optional_name)
    registered_population: int | None = attrs.field(
        default=None, converter=optional_count, validator=optional_non_negative
    )
    agricultural_share: float | None = attrs.field(
        default=None, converter=optional_number, validator=optional_share
    )
    provenance: Provenance = attrs.field(factory=Provenance, converter=_provenance)
    area_km2: float | None = attrs.field(
        default=None, converter=optional_number, validator=optional_area
    )

    # -- indices (first occurrence wins; duplicates are reported by validation) ------------------

    @cached_property
    def _institutions_by_id(self) -> dict[str, Institution]:
        index: dict[str, Institution] = {}
        for institution in self.institutions:
            index.setdefault(institution.id, institution)
        return index

    @cached_property
    def _areas_by_id(self) -> dict[str, County | Township | Village]:
        index: dict[str, County | Township | Village] = {self.id: self}
        for township in self.townships:
            index.setdefault(township.id, township)
            for village in township.villages:
                index.setdefault(village.id, village)
        return index

    @cached_property
    def _township_of_village(self) -> dict[str, Township]:
        # The township itself, not its id: a township whose id repeats another area's (an error
        # validation reports) would be looked up as that other area.
        index: dict[str, Township] = {}
        for township in self.townships:
            for village in township.villages:
                index.setdefault(village.id, township)
        return index

    # -- lookups ---------------------------------------------------------------------------------

    @property
    def land_area(self) -> Any:
        """The county's area as a quantity in km² (县域面积), or ``None`` when not known."""
        return None if self.area_km2 is None else Q_(self.area_km2, "km2")

    @property
    def population(self) -> int:
        """Resident population (常住人口): the sum over townships."""
        return sum(t.population for t in self.townships)

    @property
    def villages(self) -> tuple[Village, ...]:
        """All villages, township by township."""
        return tuple(v for t in self.townships for v in t.villages)

    def institution(self, institution_id: str) -> Institution:
        """The institution with id ``institution_id``."""
        try:
            return self._institutions_by_id[institution_id]
        except KeyError:
            raise UnknownIdError(
                f"no institution with id {institution_id!r} in county {self.id!r}"
            ) from None

    def has_institution(self, institution_id: str) -> bool:
        """Whether an institution with this id exists."""
        return institution_id in self._institutions_by_id

    def area(self, area_id: str) -> County | Township | Village:
        """The county, township or village with id ``area_id``."""
        try:
            return self._areas_by_id[area_id]
        except KeyError:
            raise UnknownIdError(f"no area with id {area_id!r} in county {self.id!r}") from None

    def has_area(self, area_id: str) -> bool:
        """Whether an area (the county, a township or a village) with this id exists."""
        return area_id in self._areas_by_id

    def township(self, township_id: str) -> Township:
        """The township with id ``township_id``."""
        area = self._areas_by_id.get(township_id)
        if not isinstance(area, Township):
            raise UnknownIdError(f"no township with id {township_id!r} in county {self.id!r}")
        return area

    def village(self, village_id: str) -> Village:
        """The village with id ``village_id``."""
        area = self._areas_by_id.get(village_id)
        if not isinstance(area, Village):
            raise UnknownIdError(f"no village with id {village_id!r} in county {self.id!r}")
        return area

    def community(self, community_id: str) -> MedicalCommunity:
        """The medical community with id ``community_id``."""
        for community in self.communities:
            if community.id == community_id:
                return community
        raise UnknownIdError(f"no medical community with id {community_id!r} in county {self.id!r}")

    def township_of(self, area_or_institution_id: str) -> Township | None:
        """The township an area or institution lies in (None for the county itself or outside)."""
        area_id = area_or_institution_id
        if area_id in self._institutions_by_id:
            area_id = self._institutions_by_id[area_id].area
        if area_id in self._township_of_village:
            return self._township_of_village[area_id]
        area = self._areas_by_id.get(area_id)
        return area if isinstance(area, Township) else None

    def institutions_of_tier(self, *tiers: Coded[Tier]) -> tuple[Institution, ...]:
        """Institutions whose tier is one of ``tiers`` (members, codes or labels: ``"村级"``)."""
        wanted = {vocabulary(Tier, tier, f"tiers[{at}]") for at, tier in enumerate(tiers)}
        return tuple(i for i in self.institutions if i.tier in wanted)

    def institutions_in(self, area_id: str) -> tuple[Institution, ...]:
        """Institutions sited in an area or below it (a township includes its villages)."""
        area = self.area(area_id)
        if isinstance(area, County):
            return self.institutions
        inside = {area.id}
        if isinstance(area, Township):
            inside |= {v.id for v in area.villages}
        return tuple(i for i in self.institutions if i.area in inside)

    def community_of(
        self, institution_id: str, day: dt.date | str | None = None
    ) -> MedicalCommunity | None:
        """The community an institution belongs to (on ``day``), or None."""
        for community in self.communities:
            if community.role_of(institution_id, day) is not None:
                return community
        return None

    def __iter__(self) -> Iterator[Institution]:
        return iter(self.institutions)

    # -- plain data ------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The county as JSON-ready data: the document of a county file (dates as ISO text).

        :func:`countycare.io.county_from_dict` builds the same county from it.
        """
        from countycare.io.county_files import county_to_dict

        return county_to_dict(self)

    # -- time and trees --------------------------------------------------------------------------

    def as_of(self, day: dt.date | str) -> County:
        """The county with each community reduced to the memberships that hold on ``day``.

        ``day`` is a date, ISO text, a midnight datetime or a ``pandas.Timestamp``.
        """
        day = _date(day, "day")
        return attrs.evolve(self, communities=tuple(c.as_of(day) for c in self.communities))

    def administrative_tree(self) -> nx.DiGraph[str]:
        """County → townships → villages as a networkx tree (see :mod:`countycare.hierarchy`)."""
        from countycare.hierarchy import administrative_tree

        return administrative_tree(self)

    def community_tree(
        self, community_id: str | None = None, day: dt.date | str | None = None
    ) -> nx.DiGraph[str]:
        """A community's structure as a tree rooted at its lead (:mod:`countycare.hierarchy`)."""
        from countycare.hierarchy import community_tree

        community = self.community(community_id) if community_id else self.communities[0]
        return community_tree(self, community, optional_date(day))
