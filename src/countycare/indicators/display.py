"""How units and values are shown to a reader (the declared unit strings stay the machine form)."""

from __future__ import annotations

from countycare.units import Q_, money_number, parse_unit

__all__ = ["display_unit", "is_money", "value_text"]


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


def is_money(unit: str) -> bool:
    """Whether a declared unit is money, or money per something (``yuan / person``,
    ``yuan / admission``, ``yuan / hundred_yuan``): its numerator is yuan.

    >>> is_money("yuan / admission"), is_money("percent")
    (True, False)
    """
    return unit.split("/")[0].strip() == "yuan"


def value_text(value: float, unit: str) -> str:
    """A value in its declared unit as a number to read: money to the fen (rounded half up, as
    the JSON gives it), anything else to two decimals.

    >>> value_text(0.125, "yuan / person"), value_text(63.4012, "percent")
    ('0.13', '63.40')
    """
    if is_money(unit):
        return money_number(Q_(value, "yuan"), "yuan")
    return f"{value:,.2f}"
