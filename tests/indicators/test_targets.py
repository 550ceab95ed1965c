"""Targets: dated and scoped, the most local wins, and undefined values are never judged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from countycare.errors import DataError, DefinitionError
from countycare.indicators.definitions import Reference
from countycare.indicators.evaluation import IndicatorValue, UndefinedReason
from countycare.indicators.target_files import read_targets
from countycare.indicators.targets import (
    NATIONAL_TARGETS_2015,
    Comparator,
    Target,
    TargetBook,
    TargetScope,
    TargetStatus,
)

SRC = Reference("test plan")


def _value(
    v: float | None, code: str = "primary_visit_share", period: str = "2024"
) -> IndicatorValue:
    if v is None:
        return IndicatorValue(
            "nhc-2024", code, "wr", period, None, "percent", UndefinedReason.ZERO_DENOMINATOR, "x"
        )
    return IndicatorValue("nhc-2024", code, "wr", period, v, "percent")


def _target(comparator: Comparator, value: float, **extra: object) -> Target:
    fields: dict[str, object] = {
        "indicator": "primary_visit_share",
        "comparator": comparator,
        "value": value,
        "unit": "percent",
        "scope": TargetScope.NATIONAL,
        "source": SRC,
        "valid_from": dt.date(2020, 1, 1),
    }
    fields.update(extra)
    return Target(**fields)  # type: ignore[arg-type]


def test_the_2015_national_targets_ship() -> None:
    """≈ 90 % in-county care, ≥ 65 % primary visits, ≥ 95 % primary institutions up to standard."""
    described = {t.indicator: t.describe() for t in NATIONAL_TARGETS_2015}
    assert described == {
        "county_visit_rate": "≥ 90 % (national)",
        "primary_visit_share": "≥ 65 % (national)",
        "primary_standard_rate": "≥ 95 % (national)",
    }
    assert all(t.source.number == "国办发〔2015〕70号" for t in NATIONAL_TARGETS_2015)
    assert "90%左右" in NATIONAL_TARGETS_2015[0].note


@pytest.mark.parametrize(
    ("target", "value", "status"),
    [
        (_target(Comparator.AT_LEAST, 65), 65.0, TargetStatus.MET),
        (_target(Comparator.AT_LEAST, 65), 64.9, TargetStatus.NOT_MET),
        (_target(Comparator.AT_MOST, 10), 10.0, TargetStatus.MET),
        (_target(Comparator.AT_MOST, 10), 10.1, TargetStatus.NOT_MET),
        (_target(Comparator.RANGE, 50, upper=60), 55.0, TargetStatus.MET),
        (_target(Comparator.RANGE, 50, upper=60), 61.0, TargetStatus.NOT_MET),
        (_target(Comparator.TOWARD, 100, tolerance=5), 96.0, TargetStatus.MET),
        (_target(Comparator.TOWARD, 100, tolerance=5), 94.0, TargetStatus.NOT_MET),
        (_target(Comparator.AT_LEAST, 0.65, unit="ratio"), 65.0, TargetStatus.MET),
        (_target(Comparator.AT_LEAST, 65), None, TargetStatus.UNDEFINED),
    ],
)
def test_comparators(target: Target, value: float | None, status: TargetStatus) -> None:
    """Each comparator judges in the value's unit; an undefined value is undefined, not not_met."""
    assert TargetBook([target]).judge(_value(value))[1] is status


def test_no_target_when_none_applies() -> None:
    """An indicator without a target, or before the target's date, has status no_target."""
    assert TargetBook(NATIONAL_TARGETS_2015).judge(_value(50.0, code="tcm_visit_share"))[1] is (
        TargetStatus.NO_TARGET
    )
    assert TargetBook(NATIONAL_TARGETS_2015).judge(_value(50.0, period="2014"))[1] is (
        TargetStatus.NO_TARGET
    )


def test_county_overrides_province_overrides_national() -> None:
    """The most local target in force wins; another county's target does not apply."""
    national = _target(Comparator.AT_LEAST, 65)
    province = _target(Comparator.AT_LEAST, 55, scope=TargetScope.PROVINCE, scope_id="qinghai")
    county = _target(Comparator.AT_LEAST, 60, scope=TargetScope.COUNTY, scope_id="wr")
    other = _target(Comparator.AT_LEAST, 10, scope=TargetScope.COUNTY, scope_id="elsewhere")
    book = TargetBook([national, province, county, other])
    value = _value(58.0)
    assert book.judge(value) == (county, TargetStatus.NOT_MET)
    assert TargetBook([national, province, other]).judge(value, province="qinghai") == (
        province,
        TargetStatus.MET,
    )
    assert TargetBook([national, province, other]).judge(value) == (national, TargetStatus.NOT_MET)


def test_targets_are_checked_when_made() -> None:
    """A national target with a scope id, a range without an upper bound… are refused."""
    with pytest.raises(DefinitionError, match="national"):
        _target(Comparator.AT_LEAST, 65, scope_id="wr")
    with pytest.raises(DefinitionError, match="range"):
        _target(Comparator.RANGE, 65)
    with pytest.raises(DefinitionError, match="toward"):
        _target(Comparator.TOWARD, 65)


def test_targets_file_problems_name_their_place(tmp_path: Path) -> None:
    """A bad comparator and a missing field are both reported, each at its field's path."""
    path = tmp_path / "t.toml"
    path.write_text(
        '[[target]]\nindicator = "primary_visit_share"\ncomparator = "gte"\nvalue = 1\n'
        'unit = "percent"\nscope = "national"\nvalid_from = 2020-01-01\nsource = "s"\n'
        '[[target]]\nindicator = "primary_visit_share"\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        read_targets(path)
    paths = [p.path for p in info.value.problems]
    assert paths[0] == "$.target[0].comparator"
    assert "gte" in str(info.value.problems[0])
    assert "$.target[1].comparator" in paths and "$.target[1].unit" in paths


def _one_target(tmp_path: Path, **changes: str) -> list[str]:
    fields = {
        "indicator": '"primary_visit_share"',
        "comparator": '"ge"',
        "value": "70",
        "unit": '"percent"',
        "scope": '"national"',
        "valid_from": "2024-01-01",
        "source": '"plan"',
    }
    fields.update(changes)
    path = tmp_path / "t.toml"
    body = "".join(f"{k} = {v}\n" for k, v in fields.items() if v)
    path.write_text("[[target]]\n" + body, encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_targets(path)
    assert info.value.source == str(path)
    return [str(p) for p in info.value.problems]


def test_a_misspelt_indicator_is_refused_not_left_unused(tmp_path: Path) -> None:
    """A target for no known indicator would never apply: the file is refused instead."""
    assert _one_target(tmp_path, indicator='"primary_visit_shar"') == [
        "$.target[0].indicator: no indicator 'primary_visit_shar'; "
        "did you mean 'primary_visit_share'?"
    ]


def test_a_target_unit_foreign_to_its_indicator_is_refused_when_read(tmp_path: Path) -> None:
    """Yuan for a percentage is found in the file, at its path, not later while judging."""
    (problem,) = _one_target(tmp_path, unit='"yuan"')
    assert problem.startswith("$.target[0].unit: indicator 'primary_visit_share': unit 'yuan'")


def test_a_target_without_a_unit_is_refused(tmp_path: Path) -> None:
    """``value = 70`` without a unit would be the pure number 70, i.e. 7,000 %."""
    assert _one_target(tmp_path, unit="") == ["$.target[0].unit: required key is missing"]


def test_a_misspelt_key_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    """``vaild_to`` must not vanish, leaving the target in force for ever."""
    assert _one_target(tmp_path, vaild_to="2025-12-31") == [
        "$.target[0].vaild_to: unknown key 'vaild_to'; did you mean 'valid_to'?"
    ]
