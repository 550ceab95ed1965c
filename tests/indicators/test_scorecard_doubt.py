"""A county scorecard never shows an implausible share plain: a ratio of a part to its whole
above 100 % is marked in the text, the JSON, the Arrow table and the HTML report; a measures
file carrying such a pair is refused before any scorecard; and every share of every shipped
catalogue is a known part of its whole (or named as not one, with the reason)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from countycare.cli import main
from countycare.indicators.catalogues import SETS, indicator_set
from countycare.indicators.change import is_percent_scale
from countycare.indicators.formulas import Ratio
from countycare.indicators.plausibility import PARTS, part_above_whole
from countycare.indicators.scorecard import build_scorecard
from countycare.indicators.table import MeasureTable

FUND = "primary_fund_share"
PART = "fund_spending_primary"
WHOLE = "fund_spending_in_county_ex_pharmacy"

#: Shares of the shipped catalogues that are not a part over its whole: their value may pass
#: 100 % in a real county (see the comment on PARTS).
NOT_PARTS = {
    ("consumables_cost", "medical_revenue_ex_drugs"),
    ("survey_cases", "survey_population"),
    ("lead_downward_referrals", "lead_discharges"),
    ("out_of_county_referrals", "admissions_insured_total"),
}


def _table(primary_fund: float) -> MeasureTable:
    return MeasureTable.from_rows([
        ("c", "2024", "visits", "", 100.0), ("c", "2024", "visits_primary", "", 60.0),
        ("c", "2024", WHOLE, "", 100.0), ("c", "2024", PART, "", primary_fund),
    ])  # fmt: skip


def test_a_share_above_100_percent_is_marked_in_every_form() -> None:
    """Primary fund spending of 120 over 100 of in-county spending, in a table built in Python
    (no file reader checked it): the line carries the reason, ``in_doubt`` in its JSON, a
    ``doubt`` in its Arrow row and ``⚠ IN DOUBT`` in the text; a plausible line carries none."""
    card = build_scorecard("nhc-2024", _table(120.0), "c", "2024")
    line = card[FUND]
    why = f"120 is more than its whole {WHOLE} (100)"
    assert line.value.value == pytest.approx(120.0) and line.doubt == why
    assert line.to_dict()["in_doubt"] is True and line.to_dict()["doubt"] == why
    assert card["primary_visit_share"].doubt is None
    assert card["primary_visit_share"].to_dict()["in_doubt"] is False
    doubts = {r["code"]: r["doubt"] for r in card.to_arrow().to_pylist()}
    assert doubts[FUND] == why and doubts["primary_visit_share"] is None
    text = card.to_text()
    block = text[text.index(FUND) :].split("\n", 3)
    assert f"⚠ IN DOUBT: {why}" in "\n".join(block[:2])
    assert text.count("IN DOUBT") == 1


def test_the_html_report_marks_the_same_value() -> None:
    """The county report's scorecard shows the 120 % with the ⚠ mark and the reason."""
    pytest.importorskip("matplotlib")
    from countycare.io import load_county
    from countycare.report.html import html_report

    table = MeasureTable.from_rows(
        [("wanrong", "2024", r.measure, r.category, r.value) for r in _table(120.0)]
    )
    page = html_report(load_county("wanrong"), lang="en", measures=table, period="2024",
                       sets=["nhc-2024"])  # fmt: skip
    assert '<span class="doubt" title="120 is more than its whole' in page


def test_a_measures_file_with_the_pair_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same figures in a measures file: ``scorecard`` exits 1 naming the file and the row,
    and prints no line (before, the file was read and 120.00 % printed plain). The file is
    written by hand: ``write_measures`` refuses such a table, as the reader does."""
    path = tmp_path / "m.csv"
    lines = ["scope,period,measure,category,value"]
    lines += [",".join([*key, repr(value)]) for key, value in _table(120.0).mapping().items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["scorecard", str(path), "--scope", "c", "--set", "nhc-2024",
                 "--period", "2024"]) == 1  # fmt: skip
    out, err = capsys.readouterr()
    assert out == "" and f"{path}: row " in err and f"120 is more than its whole {WHOLE}" in err


_SHARES = [
    (s.code, d)
    for s in SETS.values()
    for d in s
    if isinstance(d.formula, Ratio) and is_percent_scale(d.unit)
]


def test_every_share_is_a_known_part_of_its_whole() -> None:
    """Each share (a ratio in percent) of every shipped catalogue is a pair of PARTS, so a file
    with its part above its whole is refused — or is named here as not a part, with why."""
    for _, d in _SHARES:
        assert isinstance(d.formula, Ratio)
        pair = (d.formula.numerator, d.formula.denominator)
        assert pair in PARTS or pair in NOT_PARTS, f"{d.set_code} {d.code}: {pair}"


@given(
    st.sampled_from([d for _, d in _SHARES]),
    st.floats(0, 1e12, allow_nan=False),
    st.floats(1e-3, 1e12, allow_nan=False),
)
def test_doubt_exactly_when_the_part_passes_its_whole(d: object, part: float, whole: float) -> None:
    """For every share: in doubt exactly when it is a part of its whole and the part is larger
    than the whole (beyond rounding); never for a share of 100 % or less."""
    from countycare.indicators.definitions import IndicatorDefinition

    assert isinstance(d, IndicatorDefinition) and isinstance(d.formula, Ratio)
    doubt = part_above_whole(d, part, whole)
    known = (d.formula.numerator, d.formula.denominator) in PARTS
    if part <= whole:
        assert doubt is None
    elif part > whole * (1 + 1e-9):
        assert (doubt is not None) == known
        if doubt is not None:
            assert d.formula.denominator in doubt


def test_no_doubt_without_both_figures() -> None:
    """An undefined share (no denominator, or a zero one) is undefined with its reason, not in
    doubt."""
    d = indicator_set("nhc-2024").get(FUND)
    assert part_above_whole(d, 5.0, None) is None and part_above_whole(d, 5.0, 0.0) is None
    assert part_above_whole(d, None, 5.0) is None
