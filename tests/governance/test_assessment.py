"""The tightness assessment: three-valued items, why a practice is missing, dated records,
monotonicity under more evidence, the answer shape and the score's assumption."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import assume, given
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
from countycare.governance.assessment import ChecklistItem, ItemAnswer, MissingReason
from countycare.governance.catalogue import PRACTICES
from countycare.labels import ItemStatus, Name
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
    assert all(r.status is ItemStatus.MET for r in a.results)
    assert a.verdict is Verdict.TIGHT
    assert a.score().require() == 100.0
    assert a.to_record() == ()


def test_partial_is_recorded_absent_by_default_but_can_count() -> None:
    """The 2024 test is 'actually implemented': partial is a recorded, final 'not met' unless
    the caller counts it."""
    gov = _everything("partial")
    a = assess(gov, DAY)
    assert a.verdict is Verdict.NOT_TIGHT
    assert {m.reason for r in a.results for m in r.missing} == {MissingReason.RECORDED_ABSENT}
    lenient = assess(gov, DAY, satisfying=("implemented", "partial"))
    assert lenient.verdict is Verdict.TIGHT


def test_implemented_without_evidence_is_unknown_and_asks_for_evidence() -> None:
    """An implemented practice without evidence does not count; the item cannot be told until
    the evidence is recorded (unless evidence is waived)."""
    gov = _everything(evidence=())
    a = assess(gov, DAY)
    assert all(r.status is ItemStatus.UNKNOWN for r in a.results)
    assert a.verdict is Verdict.CANNOT_TELL
    assert {m.reason for r in a.results for m in r.missing} == {MissingReason.NO_EVIDENCE}
    assert all("record the evidence" in w for w in a.to_record())
    assert assess(gov, DAY, require_evidence=False).verdict is Verdict.TIGHT


def test_only_unrecorded_practices_make_an_item_unknown_not_unmet() -> None:
    """Missing practices that are only unrecorded leave the item unknown, and the verdict says
    what must be recorded to decide; recording one as absent makes it not met."""
    gov = _everything()
    without = attrs.evolve(gov, practices=[r for r in gov.practices if r.practice != "pay_balance"])
    a = assess(without, DAY)
    result = a.result("unified_resource_management")
    assert result.status is ItemStatus.UNKNOWN
    assert result.unrecorded == ("pay_balance",)
    assert a.verdict is Verdict.CANNOT_TELL
    assert a.to_record() == ("pay_balance: record whether it is in place",)
    absent = attrs.evolve(
        without,
        practices=[*without.practices, PracticeRecord("pay_balance", "absent", DAY, EVIDENCE)],
    )
    decided = assess(absent, DAY)
    assert decided.result("unified_resource_management").status is ItemStatus.NOT_MET
    assert decided.verdict is Verdict.NOT_TIGHT
    assert decided.result("unified_resource_management").to_record == ()


def test_a_recorded_absence_decides_even_beside_unrecorded_practices() -> None:
    """One requirement recorded absent makes the item not met whatever the unrecorded rest."""
    gov = CommunityGovernance(
        "g", "lead", practices=[PracticeRecord("group_charter", "absent", DAY, EVIDENCE)]
    )
    result = assess(gov, DAY).result("democratic_decision_making")
    assert result.status is ItemStatus.NOT_MET
    assert result.missing[0].reason is MissingReason.RECORDED_ABSENT
    assert set(result.unrecorded) == {
        "members_in_decisions",
        "primary_care_representative_in_leadership",
        "lead_signs_insurance_agreement",
    }


def test_alternatives_in_a_requirement() -> None:
    """One account *or* centralised accounting satisfies the accounting requirement of 1.1;
    with both unrecorded the item is unknown, and recording only one absent does not decide."""
    gov = _everything()
    without_single = attrs.evolve(
        gov, practices=[r for r in gov.practices if r.practice != "single_account"]
    )
    assert assess(without_single, DAY).result("unified_resource_management").status.value == "met"
    without_both = attrs.evolve(
        without_single,
        practices=[r for r in without_single.practices if r.practice != "centralised_accounting"],
    )
    result = assess(without_both, DAY).result("unified_resource_management")
    assert result.status is ItemStatus.UNKNOWN
    assert result.missing_codes == ("centralised_accounting", "single_account")
    assert result.unrecorded == result.missing_codes
    one_absent = attrs.evolve(
        without_both,
        practices=[*without_both.practices, PracticeRecord("single_account", "absent", DAY)],
    )
    result = assess(one_absent, DAY).result("unified_resource_management")
    assert result.status is ItemStatus.UNKNOWN
    assert result.to_record == ("centralised_accounting: record whether it is in place",)


def test_as_of_uses_the_record_in_force() -> None:
    """Before the implemented record takes effect, the planned one governs (recorded absent)."""
    planned = PracticeRecord("group_charter", "planned", dt.date(2018, 1, 1), EVIDENCE)
    done = PracticeRecord("group_charter", "implemented", dt.date(2020, 6, 1), EVIDENCE)
    gov = attrs.evolve(
        _everything(),
        practices=[r for r in _everything().practices if r.practice != "group_charter"]
        + [planned, done],
    )
    before = assess(gov, dt.date(2020, 5, 31)).result("democratic_decision_making")
    after = assess(gov, dt.date(2020, 6, 1)).result("democratic_decision_making")
    assert before.status is ItemStatus.NOT_MET
    assert [str(m) for m in before.missing] == ["group_charter (recorded absent: planned)"]
    assert after.status is ItemStatus.MET


def test_answers_have_exactly_the_checklist_fields() -> None:
    """answers() gives (code, status, missing, evidence, to_record) per nhc-2024 item, the
    fields of the indicators' ChecklistAnswer."""
    answers = assess(_everything(), DAY).answers()
    assert [a.code for a in answers] == [
        "unified_resource_management",
        "democratic_decision_making",
        "service_coordination",
    ]
    assert [f.name for f in attrs.fields(ItemAnswer)] == [
        "code",
        "status",
        "missing",
        "evidence",
        "to_record",
    ]
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


def test_score_with_unknown_items_is_undefined_unless_an_assumption_is_given() -> None:
    """Unknown items are never counted as 0 silently: the score is undefined until the caller
    states how to count them, and then it carries the assumption."""
    gov = _everything()
    without = attrs.evolve(
        gov, practices=[r for r in gov.practices if r.practice != "telemedicine"]
    )
    score = assess(without, DAY).score()
    assert score.value is None and score.unknown == ("service_coordination",)
    with pytest.raises(UndefinedError, match="service_coordination"):
        score.require()
    low = assess(without, DAY).score(unknown_as="not_met")
    assert low.require() == pytest.approx(200 / 3)
    assert low.assumption == "1 unknown item counted as not met"
    assert assess(without, DAY).score(unknown_as="met").require() == 100.0
    assert score.to_dict()["status"] == "reconstructed"
    with pytest.raises(ValueError, match="unknown_as"):
        assess(without, DAY).score(unknown_as="unknown")


def test_shipped_items_cite_and_declare_status() -> None:
    """Every shipped item has a citation; the 2024 names are official and every mapping is the
    library's reading, tagged reconstructed as the indicator catalogue tags items 1.1-1.3."""
    for item in TIGHTNESS_ITEMS:
        assert item.citation
        assert item.status.value == "reconstructed"
        if item.item_set == NHC_2024:
            assert item.name_status.value == "official"


def test_the_catalogue_tags_items_1_1_to_1_3_like_the_assessment() -> None:
    """One status for items 1.1-1.3 everywhere: the catalogue's definitions agree."""
    from countycare.indicators.catalogues import indicator_set

    catalogue = indicator_set(NHC_2024)
    for item in TIGHTNESS_ITEMS:
        if item.item_set == NHC_2024:
            assert catalogue.get(item.code).status is item.status


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
        assert not (was.status is not ItemStatus.MET and now.status is ItemStatus.MET)
        assert set(was.missing_codes) <= set(now.missing_codes)


@given(community_governance(), st.data())
def test_more_evidence_never_moves_a_decided_item_back_to_unknown(
    gov: CommunityGovernance, data: st.DataObject
) -> None:
    """Adding evidence — a record for a practice unrecorded on the day, or evidence to a record
    in force — can move an item from unknown to met or not met, never the reverse, and never
    changes a decided item."""
    day = data.draw(st.dates(dt.date(2015, 1, 1), dt.date(2026, 1, 1)))
    in_force = {r.practice: r for r in gov.as_of(day).practices}
    code = data.draw(st.sampled_from(PRACTICES.codes()))
    if code in in_force:
        record = in_force[code]
        more = attrs.evolve(record, evidence=(*record.evidence, *EVIDENCE))
        practices = [more if r is record else r for r in gov.practices]
    else:
        state = data.draw(st.sampled_from(PracticeState))
        evidence = data.draw(st.sampled_from([(), EVIDENCE]))
        since = data.draw(st.dates(dt.date(2015, 1, 1), day))
        assume(since not in {r.since for r in gov.practices if r.practice == code})
        practices = [*gov.practices, PracticeRecord(code, state, since, evidence)]
    before = assess(gov, day)
    after = assess(attrs.evolve(gov, practices=practices), day)
    for was, now in zip(before.results, after.results, strict=True):
        if was.status is not ItemStatus.UNKNOWN:
            assert now.status is was.status, (was.code, was.status, now.status)
