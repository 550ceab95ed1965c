"""Scorecards you can index and export: by code or item, to dict, Arrow, pandas and polars; and
the properties of targets: never outside their sets or validity, references never a verdict."""

from __future__ import annotations

import datetime as dt
import json
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from countycare.errors import CountyCareError
from countycare.indicators.catalogues import SETS, indicator_set
from countycare.indicators.definitions import Reference
from countycare.indicators.evaluation import IndicatorValue
from countycare.indicators.rollup import roll_up
from countycare.indicators.samples import packaged_measures
from countycare.indicators.scorecard import Scorecard, UnknownLineError, build_scorecard
from countycare.indicators.table import MeasureTable
from countycare.indicators.targets import (
    Comparator,
    ReferenceValue,
    Target,
    TargetBook,
    TargetScope,
    TargetStatus,
)
from countycare.io import load_county
from countycare.labels import SourceStatus
from countycare.periods import Period


def _card() -> Scorecard:
    table, _ = packaged_measures("wanrong")
    table = roll_up(table, load_county("wanrong"))
    return build_scorecard(indicator_set("nhc-2024"), table, "wanrong", "2024")


def test_a_line_is_found_by_code_and_by_item() -> None:
    """``card["primary_visit_share"]`` and ``card["3.1"]`` are the same line."""
    card = _card()
    assert card["primary_visit_share"] is card["3.1"]
    assert card["3.1"].code == "primary_visit_share"
    assert "3.1" in card and "primary_visit_share" in card and "9.9" not in card
    assert len(card) == 16 and card.keys()[0] == "unified_resource_management"


def test_an_unknown_line_is_a_library_error_with_a_suggestion() -> None:
    """A typo raises a CountyCareError (also a KeyError) naming the closest code."""
    card = _card()
    with pytest.raises(UnknownLineError) as info:
        card["primary_visit_shar"]
    assert isinstance(info.value, CountyCareError) and isinstance(info.value, KeyError)
    assert str(info.value).startswith(
        "scorecard nhc-2024 has no line 'primary_visit_shar'; did you mean 'primary_visit_share'?"
    )


def test_the_line_json_holds_numbers_and_data_not_only_text() -> None:
    """Value and unit as a number and a code, numerator and denominator values, the reference as
    data beside its text, the definition's status and citation; it is JSON as it stands."""
    line = _card()["3.1"].to_dict()
    assert isinstance(line["value"], float) and line["unit"] == "percent"
    assert line["value"] == pytest.approx(
        100 * line["numerator"]["value"] / line["denominator"]["value"]
    )
    assert line["reference"]["value"] == 63.4 and line["reference_text"].startswith("63.4 %")
    assert line["citation"]["clause"] == "3.1"
    json.dumps(_card().to_dict())


def test_arrow_has_one_row_per_line_with_typed_columns() -> None:
    """``to_arrow`` gives one row per line; numbers are float64, verdicts and statuses text."""
    card = _card()
    table = card.to_arrow()
    assert table.num_rows == len(card)
    assert str(table.schema.field("value").type) == "double"
    rows = table.to_pylist()
    assert rows[7]["code"] == "primary_visit_share" and rows[7]["reference_value"] == 63.4
    assert [r["verdict"] for r in rows] == [r.verdict.value for r in card]
    assert [r["definition_status"] for r in rows] == [r.definition_status.value for r in card]


def test_pandas_and_polars_frames_match_arrow() -> None:
    """``to_pandas`` and ``to_polars`` give the same rows as ``to_arrow``."""
    card = _card()
    frame = card.to_pandas()
    assert list(frame["code"]) == list(card.keys())
    polars_frame = card.to_polars()
    assert polars_frame.height == len(card)
    assert polars_frame["item"].to_list() == [r.item for r in card]


def test_a_missing_optional_library_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without polars installed, ``to_polars`` raises a CountyCareError saying what to install."""
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(CountyCareError, match=r"countycare\[polars\]"):
        _card().to_polars()


def test_the_text_names_each_lines_status_and_source() -> None:
    """Every printed line carries [status] and the citation; 3.1 shows the national value."""
    text = _card().to_text()
    assert text.count("[reconstructed]") + text.count("[official]") == 16
    assert "beside: 63.4 % (national 2024, reported)" in text


def test_a_set_is_official_only_where_every_formula_is() -> None:
    """nhc-2024 has official and reconstructed formulas: the set and its scorecard say so."""
    assert SETS["nhc-2024"].status is SourceStatus.RECONSTRUCTED
    assert _card().status is SourceStatus.RECONSTRUCTED


_SET_CODES = st.sampled_from(sorted(SETS))
_YEARS = st.integers(min_value=2010, max_value=2035)
_PERIODS = st.one_of(
    _YEARS.map(str),
    st.tuples(_YEARS, st.integers(1, 4)).map(lambda yq: f"{yq[0]}Q{yq[1]}"),
    st.tuples(_YEARS, st.integers(1, 12)).map(lambda ym: f"{ym[0]}-{ym[1]:02d}"),
)


@st.composite
def _targets(draw: st.DrawFn) -> Target:
    start = dt.date(draw(_YEARS), draw(st.integers(1, 12)), 1)
    end = draw(st.one_of(st.none(), st.integers(0, 3000).map(lambda d: start + dt.timedelta(d))))
    return Target(
        indicator="primary_visit_share",
        sets=draw(st.lists(_SET_CODES, min_size=1, max_size=2, unique=True)),
        comparator=draw(st.sampled_from([Comparator.AT_LEAST, Comparator.AT_MOST])),
        threshold=draw(st.floats(0, 100)),
        unit="percent",
        scope=TargetScope.NATIONAL,
        source=Reference("drawn"),
        valid_from=start,
        valid_to=end,
    )


@given(
    target=_targets(),
    set_code=_SET_CODES,
    period=_PERIODS,
    value=st.floats(0, 100),
)
def test_a_target_never_judges_outside_its_sets_or_validity(
    target: Target, set_code: str, period: str, value: float
) -> None:
    """Whenever a verdict is met or not met, the value's set is one the target was issued for and
    its period lies wholly inside the target's validity; otherwise the verdict is no_target."""
    v = IndicatorValue(set_code, "primary_visit_share", "c", period, value, "percent")
    found, verdict = TargetBook([target]).judge(v)
    p = Period.parse(period)
    inside = target.valid_from <= p.start and (target.valid_to is None or p.end <= target.valid_to)
    if set_code in target.sets and inside:
        assert found is target and verdict in (TargetStatus.MET, TargetStatus.NOT_MET)
    else:
        assert found is None and verdict is TargetStatus.NO_TARGET


@given(period=_PERIODS, value=st.floats(0, 100), figure=st.floats(0, 100))
def test_a_reference_value_never_produces_a_verdict(
    period: str, value: float, figure: float
) -> None:
    """A book holding only a reference value gives no_target for every value it is shown
    beside (undefined when the value is), never met or not met; the reference appears exactly
    for its own period."""
    ref = ReferenceValue(
        indicator="primary_visit_share",
        sets=("nhc-2024",),
        period="2024",
        value=figure,
        unit="percent",
        source=Reference("drawn"),
        status=SourceStatus.OFFICIAL,
    )
    book = TargetBook((), (ref,))
    v = IndicatorValue("nhc-2024", "primary_visit_share", "c", period, value, "percent")
    assert book.judge(v) == (None, TargetStatus.NO_TARGET)
    assert (book.reference_for(v) is ref) == (Period.parse(period) == Period.parse("2024"))
    table = MeasureTable.from_rows(
        [("c", period, "visits", "", 100.0), ("c", period, "visits_primary", "", value)]
    )
    card = build_scorecard(indicator_set("nhc-2024"), table, "c", period, targets=book)
    assert card["3.1"].verdict in (TargetStatus.NO_TARGET, TargetStatus.UNDEFINED)
    assert card["3.1"].target is None
