"""Targets: issued for sets and periods, scoped, the most local wins, undefined never judged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from countycare.errors import ArgumentError, DataError, DefinitionError, FieldError
from countycare.indicators.definitions import Direction, Reference
from countycare.indicators.evaluation import IndicatorValue, UndefinedReason
from countycare.indicators.national_targets import (
    HEALTHY_CHINA_TARGETS,
    NATIONAL_REFERENCES,
    NATIONAL_TARGETS_2015,
    national_book,
)
from countycare.indicators.target_files import read_targets
from countycare.indicators.targets import (
    Comparator,
    Target,
    TargetBook,
    TargetScope,
    TargetStatus,
)
from countycare.labels import SourceStatus

SRC = Reference("test plan")


def _value(
    v: float | None,
    code: str = "primary_visit_share",
    period: str = "2024",
    set_code: str = "nhc-2024",
) -> IndicatorValue:
    if v is None:
        return IndicatorValue(
            set_code, code, "wr", period, None, "percent", UndefinedReason.ZERO_DENOMINATOR, "x"
        )
    return IndicatorValue(set_code, code, "wr", period, v, "percent")


def _target(comparator: Comparator, threshold: float, **extra: object) -> Target:
    fields: dict[str, object] = {
        "indicator": "primary_visit_share",
        "sets": ("nhc-2024",),
        "comparator": comparator,
        "threshold": threshold,
        "unit": "percent",
        "scope": TargetScope.NATIONAL,
        "source": SRC,
        "valid_from": dt.date(2020, 1, 1),
    }
    fields.update(extra)
    return Target(**fields)  # type: ignore[arg-type]


def test_the_2015_pilot_standards_ship_for_their_set_and_years_only() -> None:
    """About 90 % keeps its 'about'; ≥ 65 %, ≥ 95 %; all for hierarchical-care-2015, 2015–2017."""
    described = {t.indicator: t.describe() for t in NATIONAL_TARGETS_2015}
    assert described == {
        "county_visit_rate": "about 90 % (± 2, the library's reading; national)",
        "primary_visit_share": "≥ 65 % (national)",
        "primary_standard_rate": "≥ 95 % (national)",
    }
    for t in NATIONAL_TARGETS_2015:
        assert t.source.number == "国办发〔2015〕70号"
        assert t.sets == ("hierarchical-care-2015",)
        assert (t.valid_from, t.valid_to) == (dt.date(2015, 1, 1), dt.date(2017, 12, 31))
    about = NATIONAL_TARGETS_2015[0]
    assert about.comparator is Comparator.ABOUT
    assert about.tolerance_status is SourceStatus.RECONSTRUCTED
    assert "90%左右" in about.note


def test_the_2015_standards_no_longer_judge_2024_or_2020_lines() -> None:
    """63.4 % of nhc-2024 in 2024 used to be 'not_met' against ≥ 65 %; now it has no target."""
    book = national_book()
    assert book.judge(_value(63.4))[1] is TargetStatus.NO_TARGET
    assert book.judge(_value(63.4, set_code="nhc-2020", period="2021"))[1] is (
        TargetStatus.NO_TARGET
    )
    pilot = _value(63.4, set_code="hierarchical-care-2015", period="2017")
    assert book.judge(pilot)[1] is TargetStatus.NOT_MET
    assert book.judge(_value(63.4, set_code="hierarchical-care-2015", period="2018"))[1] is (
        TargetStatus.NO_TARGET
    )


def test_the_national_2024_value_is_a_reference_never_a_verdict() -> None:
    """nhc-2024 3.1 in 2024 shows 63.4 % beside it; the reference judges nothing."""
    (ref,) = NATIONAL_REFERENCES
    assert (ref.indicator, ref.period, ref.value) == ("primary_visit_share", "2024", 63.4)
    assert ref.source.date == dt.date(2025, 11, 27)
    assert not hasattr(ref, "judge")
    book = national_book()
    assert book.reference_for(_value(50.0)) is ref
    assert book.reference_for(_value(50.0, period="2023")) is None


def test_healthy_china_targets_carry_their_citation() -> None:
    """Premature NCD mortality ≤ 15.9 % by 2022; health literacy ≥ 22 % by 2022, ≥ 30 % by 2030."""
    described = [(t.indicator, t.describe(), t.valid_to) for t in HEALTHY_CHINA_TARGETS]
    assert described == [
        ("premature_ncd_mortality", "≤ 15.9 % (national)", dt.date(2022, 12, 31)),
        ("health_literacy", "≥ 22 % (national)", dt.date(2022, 12, 31)),
        ("health_literacy", "≥ 30 % (national)", dt.date(2030, 12, 31)),
    ]
    assert [t.source.number or t.source.document[:6] for t in HEALTHY_CHINA_TARGETS] == [
        "国发〔2019〕13号",
        "健康中国行动",
        "健康中国行动",
    ]
    assert all(t.source.issuer and t.source.date for t in HEALTHY_CHINA_TARGETS)
    literacy = IndicatorValue("nhc-2020", "health_literacy", "wr", "2025", 25.0, "percent")
    assert national_book().judge(literacy)[1] is TargetStatus.NOT_MET


@pytest.mark.parametrize(
    ("target", "value", "status"),
    [
        (_target(Comparator.AT_LEAST, 65), 65.0, TargetStatus.MET),
        (_target(Comparator.AT_LEAST, 65), 64.9, TargetStatus.NOT_MET),
        (_target(Comparator.AT_MOST, 10), 10.0, TargetStatus.MET),
        (_target(Comparator.AT_MOST, 10), 10.1, TargetStatus.NOT_MET),
        (_target(Comparator.EQUAL, 100), 100.0, TargetStatus.MET),
        (_target(Comparator.EQUAL, 100), 99.9, TargetStatus.NOT_MET),
        (_target(Comparator.RANGE, 50, upper=60), 55.0, TargetStatus.MET),
        (_target(Comparator.RANGE, 50, upper=60), 61.0, TargetStatus.NOT_MET),
        (_target(Comparator.ABOUT, 100, tolerance=5, tolerance_status="official"), 96.0, "met"),
        (_target(Comparator.ABOUT, 100, tolerance=5, tolerance_status="official"), 94.0, "not_met"),
        (_target(Comparator.AT_LEAST, 0.65, unit="ratio"), 65.0, TargetStatus.MET),
        (_target(Comparator.AT_LEAST, 65), None, TargetStatus.UNDEFINED),
    ],
)
def test_comparators(target: Target, value: float | None, status: str) -> None:
    """Each comparator judges in the value's unit; an undefined value is undefined, not not_met."""
    assert TargetBook([target]).judge(_value(value))[1] == status


def test_about_is_met_beyond_the_figure_on_the_better_side() -> None:
    """Raising the rate 'to about 90 %' is met by 95 % (higher is better), not by 85 %."""
    about = _target(Comparator.ABOUT, 90, tolerance=2, tolerance_status="reconstructed")
    book = TargetBook([about])
    assert book.judge(_value(95.0), direction=Direction.INCREASE)[1] is TargetStatus.MET
    assert book.judge(_value(95.0))[1] is TargetStatus.NOT_MET
    assert book.judge(_value(88.0), direction=Direction.INCREASE)[1] is TargetStatus.MET
    assert book.judge(_value(87.9), direction=Direction.INCREASE)[1] is TargetStatus.NOT_MET


def test_no_target_when_none_applies() -> None:
    """An indicator without a target, a period not wholly inside the validity: no_target."""
    book = TargetBook([_target(Comparator.AT_LEAST, 65, valid_from=dt.date(2020, 7, 1))])
    assert book.judge(_value(50.0, code="tcm_visit_share"))[1] is TargetStatus.NO_TARGET
    assert book.judge(_value(50.0, period="2020"))[1] is TargetStatus.NO_TARGET
    assert book.judge(_value(50.0, period="2020Q3"))[1] is TargetStatus.NOT_MET


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
    """A national target with a scope id, a range without an upper bound, an 'about' without a
    tolerance or its status, a target for no set… are refused."""
    with pytest.raises(DefinitionError, match="national"):
        _target(Comparator.AT_LEAST, 65, scope_id="wr")
    with pytest.raises(DefinitionError, match="range"):
        _target(Comparator.RANGE, 65)
    with pytest.raises(DefinitionError, match="about"):
        _target(Comparator.ABOUT, 65)
    with pytest.raises(DefinitionError, match="status"):
        _target(Comparator.ABOUT, 65, tolerance=1)
    with pytest.raises(FieldError, match="sets: name at least one indicator set"):
        _target(Comparator.AT_LEAST, 65, sets=())


def test_targets_and_reference_values_describe_themselves_in_chinese() -> None:
    """``describe("zh")`` keeps the figures, the tolerance and its status, and says the scope
    and "about" in Chinese; a language other than en and zh is an ArgumentError naming it."""
    about = _target(Comparator.ABOUT, 90, tolerance=2, tolerance_status="reconstructed")
    assert about.describe("zh") == "90 % 左右(± 2，本库的解读；国家)"
    stated = _target(Comparator.ABOUT, 90, tolerance=2, tolerance_status="official")
    assert stated.describe("zh") == "90 % 左右(± 2，来源所述；国家)"
    band = _target(Comparator.RANGE, 60, upper=70, scope="province", scope_id="sx")
    assert band.describe("zh") == "60–70 %(省 sx)" and band.describe() == "60–70 % (province sx)"
    reported = NATIONAL_REFERENCES[0]
    assert reported.describe("zh").endswith("(国家 2024，报告值)")
    with pytest.raises(ArgumentError, match="language: expected 'en' or 'zh', got 'fr'"):
        about.describe("fr")


def test_a_target_as_data_keeps_comparator_threshold_unit_scope_and_source() -> None:
    """``to_dict`` gives the target's parts as data beside its display text."""
    data = NATIONAL_TARGETS_2015[0].to_dict()
    assert data["comparator"] == "about"
    assert (data["threshold"], data["tolerance"], data["unit"]) == (90.0, 2.0, "percent")
    assert data["tolerance_status"] == "reconstructed"
    assert data["scope"] == "national"
    assert data["sets"] == ["hierarchical-care-2015"]
    assert data["source"]["number"] == "国办发〔2015〕70号"
    assert data["text"].startswith("about 90 %")


def test_targets_file_problems_name_their_place(tmp_path: Path) -> None:
    """A bad comparator and missing fields are all reported, each at its field's path."""
    path = tmp_path / "t.toml"
    path.write_text(
        '[[target]]\nindicator = "primary_visit_share"\nsets = ["nhc-2024"]\ncomparator = "gte"\n'
        'threshold = 1\nunit = "percent"\nscope = "national"\nvalid_from = 2020-01-01\n'
        'source = "s"\n[[target]]\nindicator = "primary_visit_share"\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        read_targets(path)
    paths = [p.path for p in info.value.problems]
    assert paths[0] == "$.target[0].comparator"
    assert "gte" in str(info.value.problems[0])
    assert "$.target[1].comparator" in paths and "$.target[1].unit" in paths
    assert "$.target[1].sets" in paths


def _one_target(tmp_path: Path, **changes: str) -> list[str]:
    fields = {
        "indicator": '"primary_visit_share"',
        "sets": '["nhc-2024"]',
        "comparator": '"ge"',
        "threshold": "70",
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
        "$.target[0].indicator: set 'nhc-2024' has no indicator 'primary_visit_shar'; "
        "did you mean 'primary_visit_share'?"
    ]


def test_a_set_the_library_does_not_ship_is_refused_at_its_place(tmp_path: Path) -> None:
    """``sets = ["nhc-2042"]`` is found at ``$.target[0].sets[0]`` with a suggestion."""
    assert _one_target(tmp_path, sets='["nhc-2042"]') == [
        "$.target[0].sets[0]: no indicator set 'nhc-2042'; did you mean 'nhc-2024'?"
    ]


def test_a_set_that_is_not_a_code_is_refused_at_its_place(tmp_path: Path) -> None:
    """``sets = [[]]`` (a list where a code is meant) is a located problem, not a TypeError
    from a lookup of an unhashable value (found by the mutation suite)."""
    assert _one_target(tmp_path, sets="[[]]") == [
        "$.target[0].sets[0]: expected a set code (text), got []"
    ]


def test_a_value_the_target_refuses_is_placed_at_its_key(tmp_path: Path) -> None:
    """A value the file checks leave to the constructor (a number as ``scope_id``) is reported
    at its own path, in the constructor's words, not stored as it is."""
    assert _one_target(tmp_path, scope='"county"', scope_id="5") == [
        "$.target[0].scope_id: expected text, got 5"
    ]


def test_a_target_unit_foreign_to_its_indicator_is_refused_when_read(tmp_path: Path) -> None:
    """Yuan for a percentage is found in the file, at its path, not later while judging."""
    (problem,) = _one_target(tmp_path, unit='"yuan"')
    assert problem.startswith("$.target[0].unit: indicator 'primary_visit_share': unit 'yuan'")


def test_a_target_without_a_unit_is_refused(tmp_path: Path) -> None:
    """``threshold = 70`` without a unit would be the pure number 70, i.e. 7,000 %."""
    assert _one_target(tmp_path, unit="") == ["$.target[0].unit: required key is missing"]


def test_a_misspelt_key_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    """``vaild_to`` must not vanish, leaving the target in force for ever."""
    assert _one_target(tmp_path, vaild_to="2025-12-31") == [
        "$.target[0].vaild_to: unknown key 'vaild_to'; did you mean 'valid_to'?"
    ]


def test_an_unknown_key_in_a_source_table_is_refused_with_its_path(tmp_path: Path) -> None:
    """``source = {documnet = …}`` names ``$.target[0].source.documnet`` and the missing title."""
    assert _one_target(tmp_path, source='{ documnet = "plan" }') == [
        "$.target[0].source.documnet: unknown key 'documnet'; did you mean 'document'?",
        "$.target[0].source.document: required: the document's title",
    ]


def test_about_targets_and_reference_values_are_read(tmp_path: Path) -> None:
    """An 'about' target takes its tolerance (reconstructed unless said); a [[reference]] table
    gives a reference value with its status and dated source."""
    path = tmp_path / "t.toml"
    path.write_text(
        '[[target]]\nindicator = "county_visit_rate"\nsets = ["nhc-2020"]\ncomparator = "about"\n'
        'threshold = 90\ntolerance = 3\nunit = "percent"\nscope = "province"\nscope_id = "sx"\n'
        "valid_from = 2024-01-01\nvalid_to = 2024-12-31\n"
        'source = { document = "plan", issuer = "bureau", date = 2024-02-01 }\n'
        '[[reference]]\nindicator = "primary_visit_share"\nsets = ["nhc-2024"]\nperiod = "2024"\n'
        'value = 61.0\nunit = "percent"\nscope = "province"\nscope_id = "sx"\n'
        'status = "official"\nsource = "bulletin"\n',
        encoding="utf-8",
    )
    book = read_targets(path)
    (target,) = book.targets
    assert target.tolerance_status is SourceStatus.RECONSTRUCTED
    assert target.source.date == dt.date(2024, 2, 1)
    (ref,) = book.references
    assert ref.describe() == "61 % (province sx 2024, reported)"


def test_a_threshold_is_described_with_all_its_digits() -> None:
    """A money threshold keeps its fen in the description (``:g`` cut 12345.67 to 12345.7),
    and float noise does not show (0.1 + 0.2 is 0.3)."""
    assert "12345.67" in _target(Comparator.AT_MOST, 12345.67).describe()
    assert "≥ 0.3" in _target(Comparator.AT_LEAST, 0.1 + 0.2).describe()
