"""How units are shown to a reader (the declared unit strings stay the machine form)."""

from __future__ import annotations

from countycare.units import parse_unit

__all__ = ["display_unit"]


def display_unit(unit: str) -> str:
    """A unit as a reader expects it: ``%``, ``% (referral / admission)``, ``yuan / person``.

    >>> display_unit("percent"), display_unit("percent * referral / admission")
    ('%', '% (referral / admission)')
    """
    text = f"{parse_unit(unit):D}" if unit else ""
    if text in ("percent", "ratio", "dimensionless"):
        return "%" if text == "percent" else ""
    if text.startswith("percent * "):
        return f"% ({text.removeprefix('percent * ')})"
    return text.replace("ten_thousand_persons", "10,000 persons")
