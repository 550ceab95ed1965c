"""Regions above the county: a :class:`Province` of :class:`Prefecture` s (市), each of counties.

A province health commission compares its counties, and national monitoring covers more than two
thousand of them; the county (:class:`~countycare.community.County`) stays the unit of the model,
and a province is a container of counties grouped by prefecture. Like a county it answers "as
of" a date (:meth:`Province.as_of`). Ids are unique across the whole province — counties,
townships, villages, institutions and communities — so that records of many counties can be read
together; :func:`validate_province` says where they are not.

Examples
--------
>>> from countycare.testing.records import small_record_county
>>> p = Province("sp", Name("Small Province", "小省"), (
...     Prefecture("sp-a", Name("Prefecture A", "甲市"),
...                (small_record_county("a1"), small_record_county("a2"))),
...     Prefecture("sp-b", Name("Prefecture B", "乙市"), (small_record_county("b1"),)),
... ))
>>> [c.id for c in p.counties], p.prefecture_of("b1").id
(['a1', 'a2', 'b1'], 'sp-b')
>>> p.population == 3 * small_record_county().population
True
>>> [p.path for p in errors_of(validate_province(p))]
[]
>>> twice = attrs.evolve(p, prefectures=(*p.prefectures,
...     Prefecture("sp-c", Name("C", "丙市"), (small_record_county("a2"),))))
>>> [str(p) for p in validate_province(twice, counties=False)]  # doctest: +ELLIPSIS
["$.prefectures[2].counties[0]: county 'a2' is listed twice (first at ...counties[1]): ..."]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cached_property

import attrs

from countycare.calls import calls_checked
from countycare.coerce import bilingual_name, elements, name_arguments, refuse
from countycare.coerce.arguments import boundary
from countycare.community import County, UnknownIdError
from countycare.errors import Problem, Severity
from countycare.geography import valid_id
from countycare.institutions import OUTSIDE
from countycare.labels import Name
from countycare.provenance import Provenance
from countycare.validation import validate_county

__all__ = ["Prefecture", "Province", "errors_of", "validate_province"]


def _counties(values: object) -> tuple[County, ...]:
    return elements(values, County, "county", "counties")


def _prefectures(values: object) -> tuple[Prefecture, ...]:
    return elements(values, Prefecture, "prefecture")


def _provenance(value: object) -> Provenance:
    if isinstance(value, Provenance):
        return value
    raise refuse(None, "a provenance: Provenance(sources, facts)", value)


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Prefecture:
    """A prefecture-level city (地级市) and the county-level units (县、县级市、区) it holds."""

    id: str = attrs.field(validator=valid_id)
    name: Name = attrs.field(converter=bilingual_name)
    counties: tuple[County, ...] = attrs.field(default=(), converter=_counties)

    @property
    def population(self) -> int:
        """Resident population: the sum over its counties."""
        return sum(c.population for c in self.counties)


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Province:
    """A province: prefectures and their counties.

    Build one in code, or load it with :func:`countycare.province.load_province`. Lookups raise
    :class:`~countycare.community.UnknownIdError` naming the id.
    """

    id: str = attrs.field(validator=valid_id)
    name: Name = attrs.field(converter=bilingual_name)
    prefectures: tuple[Prefecture, ...] = attrs.field(default=(), converter=_prefectures)
    provenance: Provenance = attrs.field(factory=Provenance, converter=_provenance)

    @cached_property
    def _prefecture_of(self) -> dict[str, Prefecture]:
        index: dict[str, Prefecture] = {}
        for prefecture in self.prefectures:
            for county in prefecture.counties:
                index.setdefault(county.id, prefecture)
        return index

    @cached_property
    def _counties_by_id(self) -> dict[str, County]:
        index: dict[str, County] = {}
        for county in self.counties:
            index.setdefault(county.id, county)
        return index

    @property
    def counties(self) -> tuple[County, ...]:
        """Every county, prefecture by prefecture, in the order of the file."""
        return tuple(c for p in self.prefectures for c in p.counties)

    @property
    def population(self) -> int:
        """Resident population: the sum over its counties."""
        return sum(c.population for c in self.counties)

    def county(self, county_id: str) -> County:
        """The county with id ``county_id``."""
        try:
            return self._counties_by_id[county_id]
        except KeyError:
            raise UnknownIdError(f"no county {county_id!r} in province {self.id!r}") from None

    def prefecture(self, prefecture_id: str) -> Prefecture:
        """The prefecture with id ``prefecture_id``."""
        for prefecture in self.prefectures:
            if prefecture.id == prefecture_id:
                return prefecture
        raise UnknownIdError(f"no prefecture {prefecture_id!r} in province {self.id!r}")

    def prefecture_of(self, county_id: str) -> Prefecture:
        """The prefecture a county belongs to."""
        try:
            return self._prefecture_of[county_id]
        except KeyError:
            raise UnknownIdError(f"no county {county_id!r} in province {self.id!r}") from None

    def __iter__(self) -> Iterator[County]:
        return iter(self.counties)

    def as_of(self, day: dt.date) -> Province:
        """The province with every county as of ``day`` (:meth:`County.as_of`)."""
        return attrs.evolve(
            self,
            prefectures=tuple(
                attrs.evolve(p, counties=tuple(c.as_of(day) for c in p.counties))
                for p in self.prefectures
            ),
        )


def _county_ids(county: County, here: str) -> Iterator[tuple[str, str]]:
    """Every id a county defines, with its path inside the province file."""
    yield county.id, f"{here}.id"
    for t, township in enumerate(county.townships):
        yield township.id, f"{here}.townships[{t}].id"
        for v, village in enumerate(township.villages):
            yield village.id, f"{here}.townships[{t}].villages[{v}].id"
    for i, inst in enumerate(county.institutions):
        yield inst.id, f"{here}.institutions[{i}].id"
    for c, community in enumerate(county.communities):
        yield community.id, f"{here}.communities[{c}].id"


def _located(problem: Problem, here: str) -> Problem:
    return attrs.evolve(problem, path=here + problem.path.removeprefix("$"))


@boundary
def validate_province(province: Province, *, counties: bool = True) -> tuple[Problem, ...]:
    """Every problem of ``province``, each located as ``$.prefectures[i].counties[j]…``.

    Ids must be unique across the province (a county's areas, institutions and communities
    included: the record engine reads the counties together), each county lies in exactly one
    prefecture, a prefecture's id is none of its counties', and no county is empty of
    townships. With ``counties`` (the default) each county's own checks
    (:func:`~countycare.validation.validate_county`) run too, their paths prefixed.
    """
    problems: list[Problem] = []
    first: dict[str, str] = {province.id: "$.id"}
    for p, prefecture in enumerate(province.prefectures):
        where = f"$.prefectures[{p}]"
        if prefecture.id in first:
            problems.append(
                Problem(
                    f"{where}.id",
                    f"duplicate id {prefecture.id!r} (first used at {first[prefecture.id]})",
                )
            )
        else:
            first[prefecture.id] = f"{where}.id"
        if not prefecture.counties:
            problems.append(Problem(f"{where}.counties", "a prefecture without counties"))
    seen_county: dict[str, str] = {}
    owner: dict[str, str] = {}
    for p, prefecture in enumerate(province.prefectures):
        for c, county in enumerate(prefecture.counties):
            here = f"$.prefectures[{p}].counties[{c}]"
            if county.id in seen_county:
                problems.append(
                    Problem(
                        here,
                        f"county {county.id!r} is listed twice (first at {seen_county[county.id]}):"
                        " a county lies in exactly one prefecture",
                    )
                )
                continue
            seen_county[county.id] = here
            for ident, path in _county_ids(county, here):
                if ident == OUTSIDE:
                    problems.append(
                        Problem(path, f"the id {OUTSIDE!r} is reserved for providers outside")
                    )
                elif ident not in first:
                    first[ident] = path
                    owner[ident] = county.id
                elif owner.get(ident) != county.id:  # inside one county: validate_county's
                    problems.append(
                        Problem(path, f"duplicate id {ident!r} (first used at {first[ident]})")
                    )
            if not county.townships:
                problems.append(Problem(f"{here}.townships", "a county without townships"))
            if counties:
                problems.extend(_located(q, here) for q in validate_county(county))
    if not province.prefectures:
        problems.append(Problem("$.prefectures", "a province without prefectures"))
    return tuple(problems)


def errors_of(problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    """The problems of severity ``error``."""
    return tuple(p for p in problems if p.severity is Severity.ERROR)
