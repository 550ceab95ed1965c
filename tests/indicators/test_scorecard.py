"""Scorecards and the five-up-three-down claims: exact JSON shape, changes by kind, no guessing."""

from __future__ import annotations

import inspect
from collections.abc import Iterable

import pytest

from countycare.indicators.answers import ChecklistAnswer
from countycare.indicators.catalogues import indicator_set
from countycare.indicators.change import ChangeKind
from countycare.indicators.claims import WANRONG_CLAIMS, ReportedChange, claim_for
from countycare.indicators.rollup import roll_up
from countycare.indicators.samples import packaged_measures
from countycare.indicators.scorecard import build_scorecard
from countycare.indicators.table import MeasureTable
from countycare.io import load_county


def _wanrong() -> MeasureTable:
    table, _ = packaged_measures("wanrong")
    return roll_up(table, load_county("wanrong"))


def test_scorecard_json_has_exactly_the_documented_shape() -> None:
    """{"set", "set_status", "scope", "period", "indicators": [line]}: each line with the keys the
    export module documents; a verdict apart from the definition's status; undefined lines give
    their reason as a code and a text."""
    card = build_scorecard(indicator_set("nhc-2024"), _wanrong(), "wanrong", "2024")
    payload = card.to_dict()
    assert list(payload) == ["set", "set_status", "scope", "period", "indicators"]
    assert len(payload["indicators"]) == 16
    for entry in payload["indicators"]:
        growth = ["compared_with"] if entry["code"] == "inpatient_cost_growth" else []
        assert list(entry) == [
            "item",
            "code",
            "name",
            "value",
            "unit",
            "unit_display",
            "value_text",
            "numerator",
            "denominator",
            "verdict",
            "target",
            "target_text",
            "reference",
            "reference_text",
            "reason",
            "in_doubt",
            "doubt",
            "definition_status",
            "citation",
            *growth,  # a growth names the period it is compared with
        ]
        assert entry["verdict"] in {"met", "not_met", "no_target", "undefined"}
        assert entry["definition_status"] in {"official", "secondary", "reconstructed"}
        assert (entry["value"] is None) == (entry["reason"] is not None)
        assert (entry["value"] is None) == (entry["verdict"] == "undefined")
        if entry["reason"] is not None:
            assert set(entry["reason"]) == {"code", "text"}


def test_checklist_answers_reach_the_scorecard() -> None:
    """Items 1.1–1.3 are true/false with an answer and null (undefined) without one."""
    answers = {"service_coordination": ChecklistAnswer("service_coordination", "not_met")}
    card = build_scorecard(
        indicator_set("nhc-2024"),
        _wanrong(),
        "wanrong",
        "2024",
        answers=answers,
    )
    entries = {e["code"]: e for e in card.to_dict()["indicators"]}
    assert entries["service_coordination"]["value"] is False
    assert entries["unified_resource_management"]["value"] is None


def test_five_up_three_down_compares_baseline_and_current() -> None:
    """With a baseline every change says its kind; the '+4 %' claim is checked both ways."""
    card = build_scorecard(
        indicator_set("wanrong-five-up-three-down"),
        _wanrong(),
        "wanrong",
        "2021",
        baseline_period="2017",
    )
    entries = {e["code"]: e for e in card.to_dict()["indicators"]}
    acr = entries["actual_compensation_ratio"]
    assert acr["baseline"] == pytest.approx(55.0)
    assert set(acr["change"]) == {"relative", "percentage_points"}
    assert acr["claim"]["ambiguous"] is True
    assert acr["claim"]["consistent"] == {"relative": False, "percentage_points": True}
    visits = entries["township_outpatient_visits"]
    assert set(visits["change"]) == {"relative"}
    assert visits["claim"]["consistent"] == {"relative": True}


def test_claims_default_to_the_packaged_ones_and_can_be_replaced() -> None:
    """``claims`` defaults to None, read as the packaged Wanrong claims: its default was the
    tuple itself, whose 5,600-character repr filled ``help(build_scorecard)`` and the
    reference page. ``()`` checks no claim; a list of one checks that one only."""
    assert inspect.signature(build_scorecard).parameters["claims"].default is None
    five_up = indicator_set("wanrong-five-up-three-down")

    def claimed(claims: Iterable[ReportedChange] | None) -> set[str]:
        card = build_scorecard(
            five_up, _wanrong(), "wanrong", "2021", baseline_period="2017", claims=claims
        )
        return {e["code"] for e in card.to_dict()["indicators"] if e.get("claim")}

    packaged = claimed(None)
    assert packaged == {c.indicator for c in WANRONG_CLAIMS} & {d.code for d in five_up}
    assert claimed(()) == set()
    assert claimed([claim_for("township_outpatient_visits")]) == {"township_outpatient_visits"}


def test_the_ambiguity_of_plus_four_percent_is_recorded_not_resolved() -> None:
    """'医保实际补偿比上升4%' admits both readings; a count's '+37.8 %' admits only relative."""
    acr = claim_for("actual_compensation_ratio")
    assert acr.ambiguous
    assert set(acr.readings) == {ChangeKind.RELATIVE, ChangeKind.PERCENTAGE_POINTS}
    assert "does not say" in acr.ambiguity
    assert "补偿比上升4%" in acr.quote
    assert claim_for("township_outpatient_visits").readings == (ChangeKind.RELATIVE,)
    assert len(WANRONG_CLAIMS) == 8
    assert {c.indicator for c in WANRONG_CLAIMS} == set(
        indicator_set("wanrong-five-up-three-down").codes()
    )


def test_text_scorecard_shows_reasons_for_undefined_values() -> None:
    """The text form never prints an undefined value as a number: it prints why."""
    card = build_scorecard(indicator_set("nhc-2024"), _wanrong(), "wanrong", "2023")
    text = card.to_text()
    assert "not_in_force" in text
    assert "undefined" in text


def test_a_baseline_without_changes_ends_its_line_cleanly() -> None:
    """A qualitative item has no change to show: its baseline line has no dangling '; '."""
    card = build_scorecard(
        indicator_set("nhc-2024"), _wanrong(), "wanrong", "2024", baseline_period="2023"
    )
    lines = card.to_text().splitlines()
    assert not [line for line in lines if line.rstrip().endswith(";")]
    assert "baseline undefined" in [line.strip() for line in lines]


def test_governance_assessment_answers_the_qualitative_items() -> None:
    """The governance assessment's answers feed items 1.1–1.3, with the same practice codes."""
    import datetime as dt

    from countycare.governance import TIGHTNESS_ITEMS, assess
    from countycare.governance.files import load_governance
    from countycare.indicators.answers import answers_by_code
    from countycare.indicators.formulas import Checklist

    assessment = assess(load_governance("wanrong"), dt.date(2024, 12, 31))
    answers = answers_by_code(assessment.answers())
    card = build_scorecard(
        indicator_set("nhc-2024"), _wanrong(), "wanrong", "2024", answers=answers
    )
    entries = {e["code"]: e for e in card.to_dict()["indicators"]}
    for item in (
        "unified_resource_management",
        "democratic_decision_making",
        "service_coordination",
    ):
        assert entries[item]["value"] is answers[item].met
        expected = {True: "met", False: "not_met", None: "undefined"}[answers[item].met]
        assert entries[item]["verdict"] == expected  # unknown answers leave the item undefined
        assert entries[item]["target_text"] == "met"
    governance = {i.code: {"|".join(r.any_of) for r in i.requirements} for i in TIGHTNESS_ITEMS}
    for d in indicator_set("nhc-2024"):
        if isinstance(d.formula, Checklist):
            assert set(d.formula.requirements) == governance[d.code]


def test_a_baseline_before_the_sets_first_year_uses_the_current_definition() -> None:
    """nhc-2024 has no definition in force for 2023: the 2023 baseline is computed with the 2024
    definition (as a trend is) and says so in the JSON, instead of being undefined."""
    card = build_scorecard(
        indicator_set("nhc-2024"), _wanrong(), "wanrong", "2024", baseline_period="2023"
    )
    row = card["inpatient_cost_per_admission"]
    assert row.baseline is not None and row.baseline.value is not None
    assert row.baseline.definition_period == "2024"
    entry = {e["code"]: e for e in card.to_dict()["indicators"]}["inpatient_cost_per_admission"]
    assert entry["baseline"] == row.baseline.value
    assert entry["baseline_provenance"]["definition_period"] == "2024"
