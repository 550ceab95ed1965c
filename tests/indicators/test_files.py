"""Measures files: CSV, JSON and Parquet round trips; every bad row rejected with its place."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from countycare.errors import ArgumentError, DataError
from countycare.indicators import writing_problems
from countycare.indicators.answer_files import read_answers
from countycare.indicators.files import read_measures, write_measures
from countycare.indicators.measures import MEASURES
from countycare.indicators.plausibility import PARTS
from countycare.indicators.samples import packaged_measures
from countycare.indicators.table import MeasureTable
from countycare.indicators.target_files import read_targets
from countycare.testing.measures import (
    institution_tables,
    measure_tables,
    part_whole_tables,
    small_county,
)

HEADER = "scope,period,measure,category,value,unit\n"


def _csv(tmp_path: Path, body: str, name: str = "m.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _problems(path: Path, **kwargs: object) -> list[str]:
    with pytest.raises(DataError) as info:
        read_measures(path, **kwargs)  # type: ignore[arg-type]
    assert info.value.source == str(path)
    return [str(p) for p in info.value.problems]


def test_wan_yuan_is_converted_to_yuan(tmp_path: Path) -> None:
    """Chinese statistics report money in 万元; the table holds the measure's own unit."""
    path = _csv(
        tmp_path,
        "c,2024,fund_paid_residents,,1.5,wan_yuan\n"
        "c,2024,total_cost_residents,,0.5,yi_yuan\n"
        "c,2024,visits,,7,\n",
    )
    table = read_measures(path)
    assert table.get("c", "2024", "fund_paid_residents") == 15_000.0
    assert table.get("c", "2024", "total_cost_residents") == 50_000_000.0
    assert table.get("c", "2024", "visits") == 7.0


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("c,2024,vists,,7,", "row 3, column measure: unknown measure 'vists'"),
        ("c,2024,visits,,7,yuan", "row 3, column unit: measure 'visits': unit 'yuan'"),
        ("c,2024,visits,,-7,", "row 3, column value: a count cannot be negative: '-7'"),
        ("c,2024,visits,,seven,", "row 3, column value: not a number: 'seven'"),
        ("c,2024,visits_primary,,,", "row 3, column value: the value is empty"),
        ("c,2024,visits,,7,furlong", "row 3, column unit: unknown unit 'furlong'"),
        ("c,24,visits,,7,", "row 3, column period: period '24'"),
        (
            "c,2024,ncd4_deaths,,7,",
            "row 3, column category: measure 'ncd4_deaths' needs a category",
        ),
        ("c,2024,visits,30-34,7,", "row 3, column category: measure 'visits' has no categories"),
        ("c,2024,visits,,7,", "row 3, column measure: duplicate of row 2"),
    ],
)
def test_bad_rows_are_rejected_with_row_and_column(tmp_path: Path, row: str, expected: str) -> None:
    """Unknown measure, unconvertible unit, negative count, empty value (once quoted as "not a
    number: ''"), duplicate row… each names its row."""
    path = _csv(tmp_path, f"c,2024,visits,,7,\n{row}\n")
    problems = _problems(path)
    assert any(p.startswith(expected) for p in problems), problems


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    """A file with three bad rows lists three problems, not the first one only."""
    path = _csv(tmp_path, "c,2024,vists,,7,\nc,2024,visits,,-1,\nc,2024,visits,,1,person\n")
    assert len(_problems(path)) == 3


def test_scopes_are_checked_against_the_county(tmp_path: Path) -> None:
    """With a county, a scope that is neither its area nor its institution is rejected."""
    path = _csv(tmp_path, "small,2024,visits,,7,\nnowhere,2024,visits,,7,\n")
    problems = _problems(path, county=small_county())
    assert problems == ["row 3, column scope: no area or institution 'nowhere' in county 'small'"]


def test_missing_columns_are_named(tmp_path: Path) -> None:
    """A file without a value column is rejected on its header row."""
    path = tmp_path / "m.csv"
    path.write_text("scope,period,measure\nc,2024,visits\n", encoding="utf-8")
    assert _problems(path) == ["row 1: missing column(s) value"]


def test_unknown_columns_are_rejected_not_ignored(tmp_path: Path) -> None:
    """A misspelt ``unit`` column must not leave 12.5 万元 read silently as 12.5 yuan."""
    path = tmp_path / "m.csv"
    path.write_text(
        "scope,period,measure,category,value,unti\nc,2024,fund_paid_residents,,12.5,wan_yuan\n",
        encoding="utf-8",
    )
    assert _problems(path) == ["row 1, column unti: unknown column 'unti'; did you mean 'unit'?"]


def test_unknown_keys_of_json_records_are_rejected_once(tmp_path: Path) -> None:
    """In JSON every record may have its own keys: each unknown key is named where first seen."""
    path = tmp_path / "m.json"
    path.write_text(
        '[{"scope": "c", "period": "2024", "measure": "visits", "value": 1},'
        ' {"scope": "c", "period": "2024", "measure": "visits_primary", "value": 1, "catgory": ""},'
        ' {"scope": "c", "period": "2023", "measure": "visits", "value": 1, "catgory": ""}]'
    )
    assert _problems(path) == [
        "row 2, column catgory: unknown column 'catgory'; did you mean 'category'?"
    ]


def test_a_csv_line_with_more_values_than_columns_is_rejected(tmp_path: Path) -> None:
    """A stray comma (``1,5`` for 1.5) makes an extra value: the row is rejected, not cut."""
    path = _csv(tmp_path, "c,2024,visits,,1,5,\n")
    assert _problems(path) == [
        "row 2: 7 values for 6 columns; quote values that contain the delimiter"
    ]


@pytest.mark.parametrize("suffix", [".csv", ".json", ".parquet"])
def test_round_trip(tmp_path: Path, suffix: str) -> None:
    """What is written is read back unchanged, in every format."""
    table, _ = packaged_measures("wanrong")
    path = write_measures(table, tmp_path / f"m{suffix}")
    assert read_measures(path).isclose(table)


def test_a_table_no_file_may_hold_is_refused_before_writing(tmp_path: Path) -> None:
    """A table built in Python may hold an unknown measure or a category a measure does not
    have: ``write_measures`` wrote them (unit '') into a file that ``read_measures`` then
    refused. It now refuses them, naming each row by its key, and writes nothing."""
    table = MeasureTable.from_rows(
        [
            ("w", "2024", "visits", "30-34", 3.0),
            ("w", "2024", "no_such_measure", "", 1.0),
        ]
    )
    path = tmp_path / "m.csv"
    with pytest.raises(DataError) as caught:
        write_measures(table, path)
    assert caught.value.source == str(path)
    assert [str(p) for p in caught.value.problems] == [
        "w 2024 no_such_measure, column measure: unknown measure 'no_such_measure'",
        "w 2024 visits [30-34], column category: measure 'visits' has no categories; got '30-34'",
    ]
    assert not path.exists()


def test_writing_problems_answers_for_a_frame_too() -> None:
    """A user's own writer asks ``writing_problems`` of the frame it holds: the frame is read
    as ``read_measures`` reads it, and its problems come back named by row and column (not
    raised), as a table's come back named by key."""
    import pandas as pd

    frame = pd.DataFrame(
        {
            "scope": ["w", "w"],
            "period": ["2024", "2024"],
            "measure": ["visits", "visits_primary"],
            "value": [100, 150],
        }
    )
    assert [str(p) for p in writing_problems(frame)] == [
        "row 2, column value: 150 is more than its whole visits (100)"
    ]
    assert writing_problems(frame.assign(value=[100, 50])) == []


def test_no_table_holds_an_empty_infinite_or_negative_value() -> None:
    """A table built in Python held NaN, infinities and negative values that every reader
    refuses: -5 primary visits of 100 gave a primary visit share of -5.00 %, printed plain
    by the scorecard. The table itself now refuses them, naming each by its key, whether
    built from rows or from columns."""
    rows = [
        ("w", "2024", "visits", "", 100.0),
        ("w", "2024", "visits_primary", "", -5.0),
        ("w", "2023", "visits", "", math.inf),
        ("w", "2022", "visits", "", math.nan),
    ]
    expected = [
        "w 2024 visits_primary: a measure value cannot be negative: -5.0",
        "w 2023 visits: not a finite number: inf",
        "w 2022 visits: the value is empty (NaN)",
    ]
    with pytest.raises(DataError) as caught:
        MeasureTable.from_rows(rows)
    assert [str(p) for p in caught.value.problems] == expected
    with pytest.raises(DataError) as caught:
        MeasureTable.from_columns(*zip(*rows, strict=True))
    assert [str(p) for p in caught.value.problems] == expected
    assert MeasureTable.from_rows(rows[:1]).get("w", "2024", "visits") == 100.0


def test_the_constructor_takes_arrays_and_names_a_column_that_is_not() -> None:
    """With the value test, a list or an array of text given to the constructor raised a raw
    ``TypeError`` from NumPy (before it, such a table was built and failed later). Each
    column is now checked to be a one-dimensional array, the value one of float64."""
    text = np.asarray(["w"], dtype=object)
    with pytest.raises(ArgumentError, match=r"^scope: expected a one-dimensional NumPy array"):
        MeasureTable(["w"], text, text, text, np.asarray([1.0]))  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=r"^value: .* got a 1-dimensional array of object"):
        MeasureTable(text, text, text, text, np.asarray(["5"], dtype=object))


@settings(max_examples=50)
@given(st.lists(st.floats(), min_size=1, max_size=30))
def test_a_table_holds_exactly_the_values_a_reader_takes(values: list[float]) -> None:
    """Any floats: the table is built exactly when every value is finite and ≥ 0, and then
    holds them unchanged; otherwise it refuses with one problem per bad value (at most 20,
    then a count of the rest)."""
    rows = [(f"s{n}", "2024", "visits_tcm", "", v) for n, v in enumerate(values)]
    bad = [v for v in values if not (math.isfinite(v) and v >= 0)]
    if bad:
        with pytest.raises(DataError) as caught:
            MeasureTable.from_rows(rows)
        assert len(caught.value.problems) == min(len(bad), 20) + (len(bad) > 20)
    else:
        assert list(MeasureTable.from_rows(rows).value) == values


@settings(max_examples=30)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["visits", "visits_primary", "inpatient_cost_insured_in_county"]),
            st.sampled_from(["2023", "2024Q1", "2024-03"]),
            st.one_of(st.floats(), st.floats(0, 1e15)),
        ),
        unique_by=lambda row: row[:2],
    ),
    st.sampled_from([".csv", ".json", ".parquet"]),
)
def test_what_is_written_reads_back_or_is_refused(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str, float]], suffix: str
) -> None:
    """Any rows, with any float for a value: written, they read back equal; or the table
    refuses them (an empty, infinite or negative value) or the writer does, leaving no file,
    exactly when the reader refuses the same rows written by hand (a fractional count, a part
    above its whole, a value out of range)."""
    folder = tmp_path_factory.mktemp("written")
    by_hand = folder / "by-hand.csv"
    lines = ["scope,period,measure,category,value"]
    lines += [f"w,{period},{code},,{v!r}" for code, period, v in rows]
    by_hand.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        read_measures(by_hand)
        readable = True
    except DataError:
        readable = False
    try:
        table = MeasureTable.from_rows([("w", period, code, "", v) for code, period, v in rows])
    except DataError:  # an empty, infinite or negative value: no table holds it
        assert not readable
        return
    path = folder / f"m{suffix}"
    try:
        write_measures(table, path)
    except DataError:
        assert not path.exists() and not readable
        return
    assert readable and read_measures(path).isclose(table)


_PART_WHOLE = st.sampled_from(PARTS).flatmap(
    lambda pair: part_whole_tables(*pair) if not MEASURES[pair[1]].categories else st.nothing()
)


@settings(max_examples=60)
@given(
    st.one_of(
        measure_tables(scopes=("small", "small-t1"), periods=("2023", "2024Q1", "2024-03")),
        institution_tables(small_county(), sorted(MEASURES)),
        _PART_WHOLE,
    )
)
def test_the_public_strategies_draw_tables_a_file_may_hold(
    tmp_path_factory: pytest.TempPathFactory, table: MeasureTable
) -> None:
    """The strategies users test their code with drew 12.5 visits and primary visits above
    all visits, tables that ``write_measures`` and every reader refuse. What they draw now
    passes the readers' checks, and is written and read back equal."""
    path = tmp_path_factory.mktemp("drawn") / "m.parquet"
    assert read_measures(write_measures(table, path)).isclose(table)


def test_implausible_tables_are_drawn_on_request() -> None:
    """``plausible=False`` keeps any value with any key: it draws the tables every writer
    refuses, a part above its whole or a fraction of a visit, to test the refusals."""
    strategy = measure_tables(["visits", "visits_primary"], periods=("2024",), plausible=False)
    found = find(strategy, lambda table: writing_problems(table) != [])  # raises if none is
    assert writing_problems(found)


def test_json_rows_are_numbered_from_one(tmp_path: Path) -> None:
    """JSON records have no header: the first record is row 1."""
    path = tmp_path / "m.json"
    path.write_text('[{"scope": "c", "period": "2024", "measure": "visits", "value": -1}]')
    assert _problems(path) == ["row 1, column value: a count cannot be negative: '-1'"]


def test_unknown_format_and_unreadable_file(tmp_path: Path) -> None:
    """An unknown suffix or a missing file is a DataError naming the file, not a traceback."""
    assert "unknown format" in _problems(tmp_path / "m.xlsx")[0]
    assert "file not found" in _problems(tmp_path / "absent.csv")[0]


def test_packaged_wanrong_file_is_labelled_illustrative() -> None:
    """The shipped measures are invented; the library says so with every use."""
    table, info = packaged_measures("wanrong")
    assert info.illustrative
    assert "ILLUSTRATIVE" in info.label
    assert len(table) > 50
    assert isinstance(table, MeasureTable)


def test_answers_files_name_each_bad_field(tmp_path: Path) -> None:
    """A misspelt item code, ``met = "yes"`` and text for a list are each named at their key."""
    path = tmp_path / "answers.toml"
    path.write_text(
        '[[answer]]\ncode = "service_coordinaton"\nmet = true\n'
        '[[answer]]\ncode = "democratic_decision_making"\nmet = "yes"\n'
        '[[answer]]\ncode = "unified_resource_management"\nmet = false\nmissing = "pay_balance"\n'
        '[[answer]]\ncode = "service_coordination"\nmet = true\nevidense = ["visit"]\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        read_answers(path)
    assert [str(p) for p in info.value.problems] == [
        "$.answer[0].code: 'service_coordinaton' is not a qualitative item; they are "
        "democratic_decision_making, service_coordination, unified_resource_management",
        "$.answer[1].met: expected true or false, got 'yes'",
        "$.answer[2].missing: expected a list of text, got 'pay_balance'",
        "$.answer[3].evidense: unknown key 'evidense'; did you mean 'evidence'?",
    ]


@pytest.mark.parametrize("name", ["m.csv", "m.json"])
def test_a_file_not_in_utf8_is_named_not_a_traceback(tmp_path: Path, name: str) -> None:
    """Excel on a Chinese system saves CSV in GBK: the file is refused with how to fix it."""
    path = tmp_path / name
    body = HEADER + "万荣,2024,visits,,7,\n" if name.endswith(".csv") else '[{"scope": "万荣"}]'
    path.write_bytes(body.encode("gbk"))
    (problem,) = _problems(path)
    where = "row 2" if name.endswith(".csv") else "line 1"
    assert problem.startswith(f"{where}: not UTF-8 text: the file is encoded in GBK/GB18030")
    assert "iconv -f GB18030 -t UTF-8" in problem


def test_targets_and_answers_not_in_utf8_are_refused(tmp_path: Path) -> None:
    """The targets and answers readers report the encoding too, with the file's name."""
    path = tmp_path / "t.toml"
    path.write_bytes('[[target]]\nnote = "万荣"\n'.encode("gbk"))
    for read in (read_targets, read_answers):
        with pytest.raises(DataError) as info:
            read(path)
        assert info.value.source == str(path)
        assert "not UTF-8 text" in str(info.value)


def test_a_damaged_parquet_file_is_named_not_a_traceback(tmp_path: Path) -> None:
    """A file ending in .parquet that is not Parquet is one problem naming it."""
    path = tmp_path / "m.parquet"
    path.write_text("scope,period\n", encoding="utf-8")
    (problem,) = _problems(path)
    assert problem.startswith("$: not a readable Parquet file: ")
