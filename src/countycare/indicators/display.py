"""How units and values are shown to a reader (the declared unit strings stay the machine form)."""

from __future__ import annotations

import re

from countycare.errors import ArgumentError
from countycare.io.limits import MAX_MAGNITUDE
from countycare.units import Q_, money_number, parse_unit

__all__ = ["UNIT_NAMES_ZH", "display_unit", "is_money", "value_text"]


#: The registry's unit names as a Chinese report writes them (the rate bases as 万人, 十万人).
UNIT_NAMES_ZH: dict[str, str] = {
    "person": "人",
    "visit": "诊疗人次",
    "admission": "住院人次",
    "referral": "转诊人次",
    "bed": "床",
    "physician": "医师",
    "clinic": "诊所",
    "read": "例",
    "death": "例",
    "institution": "机构",
    "point": "分",
    "yuan": "元",
    "wan_yuan": "万元",
    "yi_yuan": "亿元",
    "km": "公里",
    "km2": "平方公里",
    "day": "天",
    "bed_day": "床日",
    "ten_thousand_persons": "万人",
    "hundred_thousand_persons": "十万人",
    "hundred_yuan": "百元",
}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def display_unit(unit: str, language: str = "en") -> str:
    """A unit as a reader expects it in ``language`` (``"en"`` or ``"zh"``): ``%``,
    ``% (referral / admission)``, ``yuan / person``; ``元/人``, ``医师/万人``.

    >>> display_unit("percent"), display_unit("percent * referral / admission")
    ('%', '% (referral / admission)')
    >>> display_unit("physician / ten_thousand_persons", "zh")
    '医师/万人'
    >>> display_unit("percent * referral / admission", "zh")
    '%(转诊人次/住院人次)'
    """
    if language not in ("en", "zh"):
        raise ArgumentError("language", f"expected 'en' or 'zh', got {language!r}")
    text = f"{parse_unit(unit):D}" if unit else ""
    if text in ("percent", "ratio", "dimensionless"):
        return "%" if text == "percent" else ""
    if language == "zh":
        return _chinese(text)
    if text.startswith("percent * "):
        return f"% ({text.removeprefix('percent * ')})"
    return text.replace("ten_thousand_persons", "10,000 persons")


def _chinese(text: str) -> str:
    # a name without a Chinese word (a unit a user defined) stays as the registry spells it
    named = _NAME.sub(lambda m: UNIT_NAMES_ZH.get(m.group(), m.group()), text)
    named = named.replace(" / ", "/").replace(" * ", "·").replace(" ** ", "^")
    if named.startswith("percent·"):
        return f"%({named.removeprefix('percent·')})"
    return named.replace("percent", "%").replace("permille", "‰")


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

    A value beyond any real figure (10^15 and above, where every reader of measure values
    stops) is written in scientific notation, not as a number of hundreds of digits:

    >>> value_text(1e300, "percent")
    '1.000e+300'
    """
    if abs(value) >= MAX_MAGNITUDE:
        return f"{value:.3e}"
    if is_money(unit):
        return money_number(Q_(value, "yuan"), "yuan")
    return f"{value:,.2f}"
