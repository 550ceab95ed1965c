"""The national targets and reference values the library ships are exactly those recorded in
``data/national_targets.json`` (written from the hand-written blocks before they became one
data-driven form): indicator, sets, comparator, threshold, tolerance, unit, scope, validity,
source and note, and the text each is described by."""

from __future__ import annotations

import json
from pathlib import Path

from countycare.indicators.national_targets import (
    HEALTHY_CHINA_TARGETS,
    NATIONAL_REFERENCES,
    NATIONAL_TARGETS,
    NATIONAL_TARGETS_2015,
    national_book,
)

RECORDED = json.loads(
    (Path(__file__).parent / "data" / "national_targets.json").read_text(encoding="utf-8")
)


def test_targets_unchanged() -> None:
    """Every field of every shipped target and reference equals the recorded one, in order."""
    assert [t.to_dict() for t in NATIONAL_TARGETS_2015] == RECORDED["NATIONAL_TARGETS_2015"]
    assert [t.to_dict() for t in HEALTHY_CHINA_TARGETS] == RECORDED["HEALTHY_CHINA_TARGETS"]
    assert [r.to_dict() for r in NATIONAL_REFERENCES] == RECORDED["NATIONAL_REFERENCES"]


def test_book_holds_them_all() -> None:
    """The national book is the 2015 standards, then the Healthy China targets, then the
    references: six targets and one reference, all national."""
    book = national_book()
    assert book.targets == NATIONAL_TARGETS == (*NATIONAL_TARGETS_2015, *HEALTHY_CHINA_TARGETS)
    assert len(book.targets) == 6 and book.references == NATIONAL_REFERENCES
    assert {t.scope.value for t in book.targets} == {"national"}
