"""A unit at the boundary: the text of a unit of the registry, from text or a pint unit.

Definitions, measures and targets store their unit as text (the machine form their documents
and files carry); a caller may hold a pint unit instead. See :mod:`countycare.coerce`.

Examples
--------
>>> from countycare.units import ureg
>>> unit(ureg.percent), unit(ureg("visit / person").units), unit(" percent "), unit("元/人")
('percent', 'visit / person', 'percent', 'yuan / person')
>>> unit("furlong", "unit")
Traceback (most recent call last):
...
countycare.errors.ArgumentError: unit: unknown unit 'furlong': ...
>>> unit(65, "unit")
Traceback (most recent call last):
...
countycare.errors.ArgumentError: unit: expected a unit such as 'percent' or ..., got 65
"""

from __future__ import annotations

from countycare.coerce.values import refuse
from countycare.errors import ArgumentError, UnitError

__all__ = ["unit"]


def unit(value: object, argument: str | None = None) -> str:
    """The text of a unit of the registry: text as written (trimmed) or a pint unit by name; a
    unit written in Chinese or as an English phrase (``元/人``, ``10k yuan``) by its registry
    names (:func:`countycare.units.unit_name`).

    The text is checked by :func:`countycare.units.parse_unit`; an unknown or malformed unit is
    refused naming the argument.
    """
    from countycare.units import unit_name, ureg

    if isinstance(value, ureg.Unit):
        return f"{value:D}"
    if not isinstance(value, str):
        raise refuse(argument, "a unit such as 'percent' or 'visit / person'", value)
    try:
        return unit_name(str(value))
    except UnitError as exc:
        raise ArgumentError(argument, str(exc)) from None
