"""Administrative geography: county (县) → townships (乡/镇) → administrative villages (行政村).

Villages carry the resident population (常住人口), the denominator of per-capita indicators;
townships and the county add up their villages. Registered population (户籍人口) and the
agricultural share are optional. A township-level division may say which kind it is — a town
(镇), a township (乡) or a subdistrict (街道) — and how many residents' committees (居委会) it
has; the county report counts "XX镇XX乡、XX个行政村和XX个居委会" from these.

Examples
--------
>>> from countycare.labels import Name
>>> v = Village("t1-v1", Name("East Village", "东村"), population=1200)
>>> t = Township("t1", Name("Hanxue Town", "汉薛镇"), villages=(v,))
>>> t.population
1200
>>> Township("t2", Name("Wanquan Township", "万泉乡"), kind=TownshipKind.TOWNSHIP).kind.zh
'乡'
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import attrs

from countycare.calls import calls_checked
from countycare.coerce import (
    bilingual_name,
    elements,
    name_arguments,
    optional_count,
    optional_number,
)
from countycare.coerce import count as _count
from countycare.coerce import to_tuple as _to_tuple
from countycare.errors import FieldError
from countycare.labels import BilingualEnum, Name

__all__ = [
    "ID_CHARS",
    "Township",
    "TownshipKind",
    "Village",
    "non_negative",
    "optional_area",
    "optional_non_negative",
    "optional_share",
    "to_tuple",
    "valid_id",
]


def to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """attrs converter: any iterable but text to a tuple (frozen models hold tuples, not lists).

    Typed with ``Any`` because mypy's attrs plugin cannot see through a generic converter; the
    field's own annotation still states the element type. See :func:`countycare.coerce.to_tuple`.
    """
    return _to_tuple(values)


#: The characters an id may hold: paths, files and URLs quote them safely.
ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


def valid_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """Ids are ASCII letters, digits, ``-``, ``_``, ``.``: paths and files quote them safely."""
    if not isinstance(value, str) or not value or not set(value) <= ID_CHARS:
        raise FieldError(
            attribute.name,
            f"{attribute.name} must be letters, digits, '-', '_' or '.', got {value!r}",
        )


def non_negative(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    """Counts are whole numbers ≥ 0."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(attribute.name, f"{attribute.name} must be a whole number, got {value!r}")
    if value < 0:
        raise FieldError(attribute.name, f"{attribute.name} must not be negative, got {value!r}")


def optional_non_negative(
    instance: object, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    """An optional count: ``None`` (unknown) or a whole number ≥ 0."""
    if value is not None:
        non_negative(instance, attribute, value)  # type: ignore[arg-type]


def optional_area(
    instance: object, attribute: attrs.Attribute[float | None], value: float | None
) -> None:
    """An optional area in km²: ``None`` (unknown) or a finite number > 0."""
    if value is None:
        return
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value <= 0
    ):
        raise FieldError(
            attribute.name, f"{attribute.name} must be an area in km² above 0, got {value!r}"
        )


def optional_share(
    instance: object, attribute: attrs.Attribute[float | None], value: float | None
) -> None:
    """A share is a number in [0, 1], or ``None`` when unknown."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
        raise FieldError(
            attribute.name, f"{attribute.name} must be a share between 0 and 1, got {value!r}"
        )


class TownshipKind(BilingualEnum):
    """The kind of a township-level division (乡级行政区): town, township or subdistrict."""

    TOWN = ("town", "Town", "镇")
    TOWNSHIP = ("township", "Township", "乡")
    ETHNIC_TOWNSHIP = ("ethnic_township", "Ethnic township", "民族乡")
    SUBDISTRICT = ("subdistrict", "Subdistrict", "街道")


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Village:
    """An administrative village (行政村) and its resident population.

    Numbers may be numpy scalars; the name an ``(English, Chinese)`` pair.
    """

    id: str = attrs.field(validator=valid_id)
    name: Name = attrs.field(converter=bilingual_name)
    population: int = attrs.field(converter=_count, validator=non_negative)
    registered_population: int | None = attrs.field(
        default=None, converter=optional_count, validator=optional_non_negative
    )
    agricultural_share: float | None = attrs.field(
        default=None, converter=optional_number, validator=optional_share
    )


def _villages(values: object) -> tuple[Village, ...]:
    return elements(values, Village, "village")


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Township:
    """A township or town (乡/镇) and its villages; its population is the sum of theirs.

    ``kind`` (town, township, subdistrict) and ``residents_committees`` (居委会, the urban
    counterpart of administrative villages) are ``None`` when not known.
    """

    id: str = attrs.field(validator=valid_id)
    name: Name = attrs.field(converter=bilingual_name)
    villages: tuple[Village, ...] = attrs.field(default=(), converter=_villages)
    registered_population: int | None = attrs.field(
        default=None, converter=optional_count, validator=optional_non_negative
    )
    agricultural_share: float | None = attrs.field(
        default=None, converter=optional_number, validator=optional_share
    )
    kind: TownshipKind | None = attrs.field(
        default=None, converter=attrs.converters.optional(TownshipKind)
    )
    residents_committees: int | None = attrs.field(
        default=None, converter=optional_count, validator=optional_non_negative
    )

    @property
    def population(self) -> int:
        """Resident population: the sum over the township's villages."""
        return sum(v.population for v in self.villages)
