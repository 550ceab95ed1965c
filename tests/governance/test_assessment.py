"""The tightness assessment: declared mapping, dated records, monotonicity, the answer shape."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from countycare.errors import UndefinedError
from countycare.governance import (
    NHC_2024,
    TIGHTNESS_ITEMS,
    CommunityGovernance,
    Evidence,
    PracticeRecord,
    PracticeState,
    UnknownPracticeError,
    Verdict,
    assess,
)
from countycare.governance.assessment import ChecklistItem, ItemAnswer
from countycare.governance.catalogue import PRACTICES
from countycare.labels import Name
from countycare.testing.governance import community_governance

DAY = dt.date(2024, 12, 31)
EVIDENCE = (Evidence("document", "notice"),)


def _everything(
    state: str = "implemented", evidence: tuple[Evidence, ...] = EVIDENCE
) -> CommunityGovernance:
    records = [
        PracticeRecord(code, state, dt.date(2020, 1, 1), evidence) for code in PRACTICES.codes()
    ]
    return CommunityGovernance("g", "lead", practices=records)


def test_all_practices_implemented_is_tight() -> None:
    """With every catalogue practice implemented and evidenced, every item is met: tight."""
    a = assess(_everything(), DAY)
    assert all(r.met for r in a.results)
    assert a.verdict is Verdict.TIGHT
    assert a.score() == 100.0


def test_partial_does_not_count_by_default_but_can() -> None:
    """The 2024 test is 'actually implemented': partial counts only if the caller says so."""
    gov = _everything("partial")
    assert assess(gov, DAY).verdict is Verdict.NOT_TIGHT
    lenient = assess(gov, DAY, satisfying=("implemented", "partial"))
    assert lenient.verdict is Verdict.TIGHT


def test_evidence_is_required_unless_waived() -> None:
    """An implemented practice without evidence does not count, unless evidence is waived."""
    gov = _everything(evidence=())
    assert not any(r.met for r in assess(gov, DAY).results)
    assert assess(gov, DAY, require_evidence=False).verdict is Verdict.TIGHT


def test_alternatives_in_a_requirement() -> None:
    """One account *or* centralised accounting satisfies the accounting requirement of 1.1."""
    gov = _everything()
    without_single = attrs.evolve(
        gov, practices=[r for r in gov.practices if r.practice != "single_account"]
    )
    assert assess(without_single, DAY).result("unified_resource_management").met
    without_both = attrs.evolve(
        without_single,
        practices=[r for r in without_single.practices if r.practice != "centralised_accounting"],
    )
    result = assess(without_both, DAY).result("unified_resource_management")
    assert not result.met
    assert result.missing == ("centralised_accounting", "single_account")
    assert result.unrecorded == result.missing


def test_as_of_uses_the_record_in_force() -> None:
    """Before the implemented record takes effect, the planned one governs."""
    planned = PracticeRecord("group_charter", "planned", dt.date(2018, 1, 1), EVIDENCE)
    done = PracticeRecord("group_charter", "implemented", dt.date(2020, 6, 1), EVIDENCE)
    gov = attrs.evolve(
        _everything(),
        practices=[r for r in _everything().practices if r.practice != "group_charter"]
        + [planned, done],
    )
    before = assess(gov, dt.date(2020, 5, 31)).result("democratic_decision_making")
    after = assess(gov, dt.date(2020, 6, 1)).result("democratic_decision_making")
    assert (before.met, before.missing, before.unrecorded) == (False, ("group_charter",), ())
    assert after.met


def test_answers_have_exactly_the_checklist_fields() -> None:
    """answers() gives (code, met, missing, evidence) per nhc-2024 item, for the indicators."""
    answers = assess(_everything(), DAY).answers()
    assert [a.code for a in answers] == [
        "unified_resource_management",
        "democratic_decision_making",
        "service_coordination",
    ]
    assert [f.name for f in attrs.fields(ItemAnswer)] == ["code", "met", "missing", "evidence"]
    assert all(isinstance(a.missing, tuple) and isinstance(a.evidence, tuple) for a in answers)


def test_item_naming_an_unknown_practice_is_refused() -> None:
    """A mapping that names a practice outside the catalogue is an error, not a silent miss."""
    item = ChecklistItem("x", NHC_2024, "9.9", Name("X", "X"), ("no_such",), "secondary", "test")
    with pytest.raises(UnknownPracticeError, match="no_such"):
        assess(_everything(), DAY, items=[item])


def test_score_of_an_unassessed_set_is_undefined() -> None:
    """The score of a set with no assessed item is an error, not 0."""
    a = assess(_everything(), DAY, items=TIGHTNESS_ITEMS[:1])
    with pytest.raises(UndefinedError, match="undefined"):
        a.score("nhc-2020")


def test_shipped_items_cite_and_declare_status() -> None:
    """Every shipped item has a citation and a status; no mapping poses as official."""
    for item in TIGHTNESS_ITEMS:
        assert item.citation
        assert item.status.value in ("secondary", "reconstructed")


@given(community_governance(), st.data())
def test_removing_a_practice_never_turns_a_failed_item_into_a_met_one(
    gov: CommunityGovernance, data: st.DataObject
) -> None:
    """Moving a practice from implemented to absent can only lose items, never gain one."""
    day = data.draw(st.dates(dt.date(2015, 1, 1), dt.date(2026, 1, 1)))
    code = data.draw(st.sampled_from(PRACTICES.codes()))
    since = data.draw(st.dates(dt.date(2015, 1, 1), day))
    others = [r for r in gov.practices if not (r.practice == code and r.since == since)]
    implemented = attrs.evolve(
        gov, practices=[*others, PracticeRecord(code, PracticeState.IMPLEMENTED, since, EVIDENCE)]
    )
    absent = attrs.evolve(
        gov, practices=[*others, PracticeRecord(code, PracticeState.ABSENT, since, EVIDENCE)]
    )
    before = assess(implemented, day)
    after = assess(absent, day)
    for was, now in zip(before.results, after.results, strict=True):
        assert not (not was.met and now.met)
        assert set(was.missing) <= set(now.missing)
