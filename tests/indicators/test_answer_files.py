"""Answer files for items 1.1-1.3: three-valued answers, and an unknown one stays undefined."""

from __future__ import annotations

from pathlib import Path

import pytest

from countycare.errors import DataError
from countycare.indicators import MeasureTable, evaluate
from countycare.indicators.answer_files import read_answers
from countycare.indicators.catalogues import indicator_set
from countycare.labels import ItemStatus


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "answers.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_status_met_not_met_unknown_and_the_old_boolean(tmp_path: Path) -> None:
    """status reads all three values; met = true/false still reads as met / not met."""
    path = _write(
        tmp_path,
        '[[answer]]\ncode = "unified_resource_management"\nmet = false\n'
        '[[answer]]\ncode = "democratic_decision_making"\nstatus = "unknown"\n'
        'to_record = ["group_charter: record whether it is in place"]\n'
        '[[answer]]\ncode = "service_coordination"\nstatus = "met"\n',
    )
    answers = read_answers(path)
    assert answers["unified_resource_management"].status is ItemStatus.NOT_MET
    assert answers["democratic_decision_making"].status is ItemStatus.UNKNOWN
    assert answers["democratic_decision_making"].met is None
    assert answers["service_coordination"].met is True


def test_an_unknown_answer_leaves_the_item_undefined_with_what_to_record(tmp_path: Path) -> None:
    """Unknown is not 'not met': the indicator is undefined, never 0, and says what to record."""
    path = _write(
        tmp_path,
        '[[answer]]\ncode = "democratic_decision_making"\nstatus = "unknown"\n'
        'to_record = ["group_charter: record whether it is in place"]\n',
    )
    definition = indicator_set("nhc-2024").get("democratic_decision_making")
    value = evaluate(
        definition, MeasureTable.from_rows([]), "c", "2024", answers=read_answers(path)
    )
    assert value.value is None and value.met is None
    assert "group_charter: record whether it is in place" in value.detail


def test_bad_status_and_both_keys_are_each_reported(tmp_path: Path) -> None:
    """A status outside the three, or status and met together, is named at its key."""
    path = _write(
        tmp_path,
        '[[answer]]\ncode = "service_coordination"\nstatus = "maybe"\n'
        '[[answer]]\ncode = "democratic_decision_making"\nstatus = "met"\nmet = true\n',
    )
    with pytest.raises(DataError) as info:
        read_answers(path)
    text = str(info.value)
    assert "$.answer[0].status: expected one of met, not_met, unknown, got 'maybe'" in text
    assert "$.answer[1].met: give status or met, not both" in text
