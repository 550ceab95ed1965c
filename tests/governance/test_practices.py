"""The practice catalogue: unique codes, all six dimensions covered, extensible by users."""

from __future__ import annotations

import datetime as dt

import pytest

from countycare.errors import DefinitionError
from countycare.governance import (
    EvidenceKind,
    Practice,
    PracticeCatalogue,
    PracticeRecord,
    UnknownPracticeError,
    state_on,
)
from countycare.governance.assessment import TIGHTNESS_ITEMS
from countycare.governance.catalogue import PRACTICES
from countycare.labels import Name, UnifiedDimension


def test_every_dimension_has_practices_with_labels_and_evidence() -> None:
    """Each of the six dimensions has practices; each has en/zh labels and evidence kinds."""
    for dimension in UnifiedDimension:
        practices = PRACTICES.of_dimension(dimension)
        assert practices, dimension
        for p in practices:
            assert p.name.en
            assert p.name.zh
            assert p.evidence_kinds


def test_every_practice_the_checklist_needs_is_in_the_catalogue() -> None:
    """The declared mapping only names catalogued practices."""
    for item in TIGHTNESS_ITEMS:
        for code in item.practices():
            PRACTICES.practice(code)


def test_users_extend_the_catalogue_but_cannot_duplicate_codes() -> None:
    """extended() adds a user's practice; reusing a shipped code is refused, naming it."""
    own = Practice(
        "night_pharmacy", Name("Night pharmacy", "夜间药房"), "medicines_devices", ["site"]
    )
    bigger = PRACTICES.extended([own])
    assert bigger.practice("night_pharmacy").evidence_kinds == (EvidenceKind.SITE,)
    clash = Practice("pay_balance", Name("Again", "重复"), "performance", ["data"])
    with pytest.raises(ValueError, match="'pay_balance' appears twice"):
        PRACTICES.extended([clash])


def test_practice_needs_evidence_kinds() -> None:
    """A practice with no way of being shown is refused."""
    with pytest.raises(ValueError, match="evidence_kinds"):
        Practice("x", Name("X", "X"), "finance", [])


def test_unknown_code_lookup_names_the_code() -> None:
    """Looking up an unknown code raises an error that quotes it."""
    with pytest.raises(UnknownPracticeError, match="'nope'"):
        PracticeCatalogue(()).practice("nope")


def test_two_records_on_one_day_are_ambiguous() -> None:
    """Two states of one practice from the same day cannot both hold."""
    day = dt.date(2020, 1, 1)
    records = [
        PracticeRecord("pay_balance", "planned", day),
        PracticeRecord("pay_balance", "absent", day),
    ]
    with pytest.raises(DefinitionError, match="two records"):
        state_on(records, day)
