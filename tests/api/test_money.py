"""Money in the user's units, and money out exact to the fen.

In: an amount of money is ``(amount, unit)`` with the unit as a Chinese or English user writes
it (``元``, ``万元``, ``亿元``, ``yuan``, ``wan_yuan``, ``10k yuan``…), at the Python boundary and
in the files that carry a unit (settlement rules, measures files); any other unit is refused
with the accepted ones listed. Out: every printed amount (settlement text, scorecard text, the
HTML report's money table) is the JSON amount to the fen, with no float noise.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from countycare import Q_, SettlementRules, Spending, coerce, read_measures, settle
from countycare.cli import main
from countycare.errors import ArgumentError, DataError
from countycare.finance.budget import FixedBudget
from countycare.finance.rules_file import SettlementCase, load_settlement_case
from countycare.finance.summary import render_settlement
from countycare.units import MONEY_UNITS, fen, money_number, money_unit

_EXAMPLES = Path(__file__).parents[2] / "examples"
_AMOUNTS = st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False)
_FACTORS = {"yuan": 1, "hundred_yuan": 100, "wan_yuan": 10_000, "yi_yuan": 100_000_000}


@given(_AMOUNTS)
def test_wan_yuan_as_a_chinese_user_writes_it(x: float) -> None:
    """``(x, "万元")`` is ``x × 10,000 yuan``, and the same quantity as ``(x, "wan_yuan")``."""
    amount = coerce.money((x, "万元"))
    assert amount == coerce.money((x, "wan_yuan"))
    assert amount.to("yuan").magnitude == pytest.approx(x * 10_000, rel=1e-12, abs=1e-9)


@pytest.mark.parametrize(
    ("unit", "spelling"),
    [(unit, s) for unit, spellings in MONEY_UNITS.items() for s in (unit, *spellings)],
)
def test_every_spelling_of_a_unit_of_money_is_that_unit(unit: str, spelling: str) -> None:
    """Each listed spelling — Chinese, registry name, English phrase, any case — is its unit."""
    for written in (spelling, spelling.upper(), f"  {spelling} "):
        amount = coerce.money((12.5, written), "budget")
        assert amount.to("yuan").magnitude == pytest.approx(12.5 * _FACTORS[unit])


@pytest.mark.parametrize("unit", ["万圆", "wan_yaun", "visit", "yuan / person", "", "9**9**9"])
def test_a_unit_that_is_not_money_is_refused_listing_the_units(unit: str) -> None:
    """A misspelt or non-money unit: an ArgumentError naming the argument and listing every
    accepted unit of money, in Chinese and English."""
    with pytest.raises(ArgumentError) as caught:
        coerce.money((100, unit), "budget")
    message = str(caught.value)
    assert message.startswith("budget: ")
    for listed in ("元", "万元", "亿元", "yuan", "wan_yuan", "10k yuan"):
        assert listed in message


def test_a_misspelt_unit_gets_a_suggestion() -> None:
    """``wan_yaun`` is close to ``wan_yuan``: the message says so."""
    with pytest.raises(Exception, match="did you mean 'wan_yuan'"):
        money_unit("wan_yaun")


def test_model_fields_of_money_take_the_same_units() -> None:
    """Spending, budgets and settle() take ``(amount, "万元")`` as they take ``wan_yuan``; a
    wrong unit names the field."""
    rules = SettlementRules(0.5, 0.5, include_out_of_county=True)
    chinese = settle((100, "万元"), Spending((90, "万元"), (0, "元")), rules)
    english = settle((100, "wan_yuan"), Spending((90, "10k yuan"), (0, "yuan")), rules)
    assert chinese.to_dict() == english.to_dict()
    assert FixedBudget((1, "亿元")).amount() == Q_(1e8, "yuan")
    with pytest.raises(ArgumentError, match=r"^out_of_county: '万圆' is not a unit of money"):
        Spending((90, "万元"), (0, "万圆"))


def test_a_rules_file_takes_chinese_units(tmp_path: Path) -> None:
    """A settlement file written in 万元 and 亿元 settles as the same file in yi_yuan; a wrong
    unit is a located problem listing the units."""
    original = (_EXAMPLES / "finance_rules.toml").read_text(encoding="utf-8")
    chinese = original.replace('"1.43 yi_yuan"', '"14300 万元"').replace(
        '"0.21 yi_yuan"', '"0.21亿元"'
    )
    assert chinese != original
    path = tmp_path / "rules.toml"
    path.write_text(chinese, encoding="utf-8")
    expected = load_settlement_case(_EXAMPLES / "finance_rules.toml").settle().to_dict()
    assert load_settlement_case(path).settle().to_dict() == expected
    path.write_text(chinese.replace("14300 万元", "14300 万圆"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_settlement_case(path)
    (problem,) = caught.value.problems
    assert problem.path == "$.actual.in_county" and "万元 (wan_yuan, 10k yuan)" in problem.message


def test_a_measures_file_takes_chinese_units(tmp_path: Path) -> None:
    """A measures file's ``unit`` of 万元 converts as ``wan_yuan`` does."""
    rows = "scope,period,measure,category,value,unit\n"
    for unit in ("万元", "wan_yuan", "10k yuan"):
        path = tmp_path / "m.csv"
        path.write_text(rows + f"wanrong,2024,fund_paid_residents,,12.5,{unit}\n", "utf-8")
        assert read_measures(path).get("wanrong", "2024", "fund_paid_residents") == 125_000.0


@given(st.integers(0, 10**13), st.sampled_from([("万元", 10**6), ("亿元", 10**10), ("元", 100)]))
def test_money_read_in_any_unit_is_stored_to_the_fen(fen_count: int, unit: tuple[str, int]) -> None:
    """An amount exact to the fen in 万元, 亿元 or 元 is stored in yuan exactly to the fen:
    no conversion noise (0.07 万元 was 700.0000000000001 yuan)."""
    name, fen_per_unit = unit
    frame = pd.DataFrame(
        {"scope": ["wanrong"], "period": ["2024"], "measure": ["fund_paid_residents"],
         "value": [fen_count / fen_per_unit], "unit": [name]}
    )  # fmt: skip
    assert read_measures(frame).get("wanrong", "2024", "fund_paid_residents") == fen_count / 100


# -- out: to the fen --------------------------------------------------------------------------

#: A printed number: digits with thousands separators and decimals.
_NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})*\.\d+")


def _exact(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _amount_lines(text: str) -> dict[str, Decimal]:
    """The settlement text's amount lines: ``field label: number`` (in 万元)."""
    found = {}
    for line in text.splitlines():
        head, _, number = line.rpartition(": ")
        if line.startswith("  ") and _NUMBER.fullmatch(number):
            found[head.strip()] = _exact(number)
    return found


def test_settle_prints_every_amount_exact_to_the_fen(capsys: pytest.CaptureFixture[str]) -> None:
    """``countycare settle examples/finance_rules.toml``: each amount printed in 万元 is the
    JSON amount in yuan (to the fen) ÷ 10,000, exactly; no number carries float noise."""
    rules = str(_EXAMPLES / "finance_rules.toml")
    assert main(["settle", rules]) == 0
    text = capsys.readouterr().out
    assert main(["settle", rules, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    printed = list(_amount_lines(text).values())
    fields = ["budget", "actual", "excluded", "surplus", "retained_surplus", "returned_surplus",
              "overspend", "reasonable_overspend", "fund_overspend", "fund_payment",
              "community_burden"]  # fmt: skip
    assert len(printed) == len(fields)
    for field, shown in zip(fields, printed, strict=True):
        assert shown * 10_000 == Decimal(repr(data[field])), field
    assert "16,604.848" in text  # the budget, 166,048,480.00 yuan: 16,604.85 lost 20 yuan
    assert not re.search(r"\d\.\d{7,}", text)


@given(
    st.floats(0, 1e10, allow_nan=False),
    st.floats(0, 1e10, allow_nan=False),
    st.floats(0, 1e9, allow_nan=False),
)
def test_any_settlement_prints_its_amounts_to_the_fen(
    budget: float, in_county: float, out_of_county: float
) -> None:
    """Whatever the amounts, each printed 万元 figure × 10,000 is the amount rounded to the fen,
    with at most six decimals (the fen of a 万元)."""
    case = SettlementCase(
        "2024",
        FixedBudget(Q_(budget, "yuan")),
        Spending(Q_(in_county, "yuan"), Q_(out_of_county, "yuan")),
        SettlementRules(0.5, 0.5, include_out_of_county=True, surplus_corridor=0.1),
        None,
    )
    settlement = case.settle()
    printed = _amount_lines(render_settlement(case, settlement))
    data = settlement.to_dict()
    assert len(printed) == 11
    for field, shown in zip(
        ["budget", "actual", "excluded", "surplus", "retained_surplus", "returned_surplus",
         "overspend", "reasonable_overspend", "fund_overspend", "fund_payment",
         "community_burden"],
        printed.values(),
        strict=True,
    ):  # fmt: skip
        assert shown * 10_000 == Decimal(repr(data[field]))
        assert -shown.as_tuple().exponent <= 6  # type: ignore[operator]


@given(_AMOUNTS, st.sampled_from(["yuan", "wan_yuan", "yi_yuan"]))
def test_money_number_is_the_fen_in_any_unit(yuan: float, unit: str) -> None:
    """``money_number`` in 元, 万元 or 亿元 is exactly the amount rounded to the fen."""
    shown = _exact(money_number(Q_(yuan, "yuan"), unit))
    assert shown * {"yuan": 1, "wan_yuan": 10**4, "yi_yuan": 10**8}[unit] == Decimal(
        repr(fen(Q_(yuan, "yuan")))
    )


def test_the_scorecard_prints_money_as_its_json_does(capsys: pytest.CaptureFixture[str]) -> None:
    """A money line of the scorecard text (yuan per person) is its JSON value, to the fen."""
    argv = ["scorecard", "wanrong", "--county", "wanrong", "--period", "2021",
            "--set", "wanrong-five-up-three-down"]  # fmt: skip
    assert main(argv) == 0
    text = capsys.readouterr().out
    assert main([*argv, "--json"]) == 0
    lines = json.loads(capsys.readouterr().out)["indicators"]
    money = [x for x in lines if x["unit"].startswith("yuan") and x["value"] is not None]
    assert money
    for line in money:
        shown = next(t for t in text.splitlines() if f" {line['code']} " in t)
        number = _NUMBER.search(shown)
        assert number is not None and _exact(number.group()) == Decimal(repr(line["value"]))


def test_a_decimal_from_a_database_is_a_number() -> None:
    """A ``Decimal`` (what a database driver gives for a NUMERIC column) is a number: a budget
    in 万元, a share, a village's population as a whole number. It was refused as "expected
    a number, got Decimal('9800.12')"; a fraction where a whole number is asked, a NaN (a
    signalling one raised a raw ``ValueError``) and an infinity are still refused by name."""
    import decimal

    from countycare import Village
    from countycare.coerce import count, number

    surplus_share: Any = decimal.Decimal("0.6")  # typed as a float: a Decimal is converted
    rules = SettlementRules(surplus_share, 0.5, include_out_of_county=False)
    spending = Spending((decimal.Decimal("9500"), "万元"), (300, "万元"))
    by_decimal = settle((decimal.Decimal("9800.12"), "万元"), spending, rules, year=2024)
    float_rules = SettlementRules(0.6, 0.5, include_out_of_county=False)
    float_spending = Spending((9500.0, "万元"), (300, "万元"))
    by_float = settle((9800.12, "万元"), float_spending, float_rules, year=2024)
    assert by_decimal.to_dict() == by_float.to_dict()
    assert Village("v", ("A", "甲"), population=decimal.Decimal("1200")).population == 1200
    assert number(decimal.Decimal("9800.12")) == 9800.12 and count(decimal.Decimal("5")) == 5
    for wrong in ("5.5", "NaN", "sNaN", "Infinity"):
        with pytest.raises(ArgumentError, match=r"^n: expected"):
            count(decimal.Decimal(wrong), "n")
    for wrong in ("NaN", "sNaN", "-Infinity"):
        with pytest.raises(ArgumentError, match=r"^x: expected a finite number"):
            number(decimal.Decimal(wrong), "x")
