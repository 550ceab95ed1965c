"""The indicator catalogues the library ships, by set code.

Examples
--------
>>> sorted(SETS)
['hierarchical-care-2015', 'nhc-2020', 'nhc-2024', 'wanrong-five-up-three-down']
>>> len(indicator_set("nhc-2024"))
16
>>> [d.set_code for d in definitions_of("primary_visit_share")]
['hierarchical-care-2015', 'nhc-2024', 'nhc-2020']
"""

from __future__ import annotations

from collections.abc import Mapping

from countycare.coerce.arguments import boundary
from countycare.errors import DefinitionError
from countycare.indicators.catalogues.hierarchical_care_2015 import HIERARCHICAL_CARE_2015
from countycare.indicators.catalogues.nhc_2020 import NHC_2020
from countycare.indicators.catalogues.nhc_2024 import NHC_2024
from countycare.indicators.catalogues.wanrong import WANRONG_FIVE_UP_THREE_DOWN
from countycare.indicators.definitions import IndicatorDefinition, IndicatorSet

__all__ = [
    "HIERARCHICAL_CARE_2015",
    "NHC_2020",
    "NHC_2024",
    "SETS",
    "WANRONG_FIVE_UP_THREE_DOWN",
    "all_definitions",
    "definitions_of",
    "indicator_set",
]

#: Every shipped indicator set, by code.
SETS: Mapping[str, IndicatorSet] = {
    s.code: s for s in (HIERARCHICAL_CARE_2015, NHC_2024, NHC_2020, WANRONG_FIVE_UP_THREE_DOWN)
}


@boundary
def indicator_set(code: str) -> IndicatorSet:
    """The shipped set ``code``, in any case (``"NHC-2024"``, as the documents write it, is
    ``"nhc-2024"``, as everywhere else a set is named); raise :class:`DefinitionError` listing
    the sets when unknown.

    >>> indicator_set("NHC-2024") is indicator_set("nhc-2024")
    True
    """
    wanted = code.strip().casefold()
    for known, found in SETS.items():
        if known.casefold() == wanted:
            return found
    raise DefinitionError(f"unknown indicator set {code!r}; the sets are {', '.join(SETS)}")


@boundary
def all_definitions() -> tuple[IndicatorDefinition, ...]:
    """Every shipped definition, set by set."""
    return tuple(d for s in SETS.values() for d in s)


@boundary
def definitions_of(code: str) -> tuple[IndicatorDefinition, ...]:
    """The definitions of indicator ``code`` in every set that has it (raise when none)."""
    found = tuple(d for d in all_definitions() if d.code == code)
    if not found:
        raise DefinitionError(f"no shipped set defines indicator {code!r}")
    return found
