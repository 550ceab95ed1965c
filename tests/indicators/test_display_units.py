"""The units shown to a reader: the Chinese report writes them in Chinese, the English one as
before, and the declared unit strings are never changed by either."""

from __future__ import annotations

import re

import pytest

from countycare.errors import ArgumentError
from countycare.indicators import all_definitions
from countycare.indicators.display import UNIT_NAMES_ZH, display_unit
from countycare.indicators.measures import MEASURES
from countycare.units import parse_unit

_DECLARED = sorted(
    {d.unit for d in all_definitions() if d.unit} | {m.unit for m in MEASURES.values() if m.unit}
)


@pytest.mark.parametrize("unit", _DECLARED)
def test_every_declared_unit_reads_in_chinese(unit: str) -> None:
    """No Latin letter is left in the Chinese form of a unit that an indicator or a measure
    declares: the Chinese report showed ``physician / 10,000 persons``."""
    shown = display_unit(unit, "zh")
    assert not re.search(r"[A-Za-z]", shown), (unit, shown)


def test_every_chinese_name_is_a_registry_unit() -> None:
    """The words are for units the registry knows, so none of them is dead."""
    for name in UNIT_NAMES_ZH:
        parse_unit(name)


@pytest.mark.parametrize(
    ("unit", "en", "zh"),
    [
        ("percent", "%", "%"),
        ("percent * referral / admission", "% (referral / admission)", "%(转诊人次/住院人次)"),
        ("yuan / admission", "yuan / admission", "元/住院人次"),
        ("physician / ten_thousand_persons", "physician / 10,000 persons", "医师/万人"),
        ("万元", "wan_yuan", "万元"),
        ("ratio", "", ""),
    ],
)
def test_known_forms(unit: str, en: str, zh: str) -> None:
    """The forms the scorecard and the reports print, in both languages."""
    assert display_unit(unit) == en
    assert display_unit(unit, "zh") == zh


def test_an_unknown_language_is_refused() -> None:
    """A language other than ``en`` and ``zh`` is a library error naming the argument."""
    with pytest.raises(ArgumentError, match="language"):
        display_unit("percent", "fr")
