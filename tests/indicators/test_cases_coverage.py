"""The worked cases cover the catalogue: every shipped indicator and every reason for undefined."""

from __future__ import annotations

from pathlib import Path

from countycare.indicators.catalogues import all_definitions
from countycare.indicators.evaluation import UndefinedReason

from .conftest import CASES, load_cases


def _all_cases() -> list[dict[str, object]]:
    return [case for path in sorted(CASES.glob("*.toml")) for case in load_cases(path)]


def test_every_shipped_indicator_has_a_hand_computed_case() -> None:
    """A definition without a worked case could compute anything; each set's each code has one."""
    computed = {(c["set"], c["indicator"]) for c in _all_cases() if "expect" in c}
    missing = [
        (d.set_code, d.code) for d in all_definitions() if (d.set_code, d.code) not in computed
    ]
    assert not missing


def test_the_edge_cases_are_all_exercised() -> None:
    """Zero denominator, missing input (incl. a missing category) and no definition in force."""
    reasons = {c["undefined"] for c in _all_cases() if "undefined" in c}
    wanted = {
        UndefinedReason.ZERO_DENOMINATOR.value,
        UndefinedReason.MISSING_INPUT.value,
        UndefinedReason.NOT_IN_FORCE.value,
        UndefinedReason.WRONG_PERIOD_KIND.value,
    }
    assert wanted <= reasons
    categories = [c for c in _all_cases() if c.get("reason_mentions") == "'65-69'"]
    assert categories, "a case with a missing age band"


def test_case_names_are_unique() -> None:
    """Case names are test ids: two cases with one name would hide one of them."""
    names = [c["name"] for c in _all_cases()]
    assert len(names) == len(set(names))


def test_cases_folder_exists() -> None:
    """The collector looks in tests/indicators/cases; moving it would silently run no case."""
    assert Path(CASES).is_dir()
    assert len(list(CASES.glob("*.toml"))) == 4
