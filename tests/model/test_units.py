"""The unit registry keeps counted things apart and converts money exactly."""

from __future__ import annotations

import numpy as np
import pytest

from countycare.errors import ArgumentError, UnitError
from countycare.units import (
    Q_,
    conversion_factor,
    convert,
    convert_array,
    parse_unit,
    require_compatible,
    round_to_fen,
    ureg,
)
from countycare.units import fen as units_fen

COUNTED = [
    "person",
    "visit",
    "admission",
    "referral",
    "bed",
    "physician",
    "clinic",
    "read",
    "death",
]


@pytest.mark.parametrize("a", COUNTED)
@pytest.mark.parametrize("b", COUNTED)
def test_each_counted_thing_is_its_own_dimension(a: str, b: str) -> None:
    """A ratio of two different counted things is never dimensionless (cannot pose as %)."""
    ratio = Q_(1, a) / Q_(1, b)
    assert ratio.dimensionless is (a == b)


def test_money_multiples() -> None:
    """万元 and 亿元 are 10⁴ and 10⁸ yuan."""
    assert convert(1, "wan_yuan", "yuan") == 10_000
    assert convert(1, "yi_yuan", "wan_yuan") == 10_000
    assert Q_(1, "万元").to("yuan").magnitude == 10_000


def test_rate_base_per_ten_thousand() -> None:
    """'per 10,000 persons' is a unit: 2 physicians per 10⁴ persons = 0.0002 per person."""
    rate = Q_(2, "physician / ten_thousand_persons")
    assert rate.to("physician / person").magnitude == pytest.approx(2e-4)


def test_unknown_and_incompatible_units_name_the_unit() -> None:
    """Errors quote the unit text and both dimensions."""
    with pytest.raises(UnitError, match="'furlong'"):
        parse_unit("furlong")
    with pytest.raises(UnitError, match=r"'visit'.*'admission'"):
        require_compatible("visit", "admission")


def test_array_conversion_is_one_operation() -> None:
    """Arrays convert elementwise and stay numpy arrays."""
    out = convert_array(np.array([1.0, 2.5]), "wan_yuan", "yuan")
    assert isinstance(out, np.ndarray)
    np.testing.assert_allclose(out, [10_000, 25_000])


def test_single_registry() -> None:
    """Quantities built through the package share one registry."""
    assert Q_(1, "visit")._REGISTRY is ureg


@pytest.mark.parametrize("unit", ["furlong", "9**9**9", "visit / "])
def test_a_refused_unit_is_refused_every_time(unit: str) -> None:
    """Units are parsed once and remembered: a refusal must not be remembered as a unit."""
    for _ in range(2):
        with pytest.raises(UnitError):
            parse_unit(unit)
        with pytest.raises(UnitError):
            conversion_factor(unit, "yuan")


def test_a_remembered_unit_is_the_same_unit_however_written() -> None:
    """Spaces around a unit and its English money phrases reach the same parsed unit, and a
    pair of units converts by the same factor as pint says."""
    assert parse_unit("  wan_yuan ") == parse_unit("wan_yuan") == parse_unit("10k yuan")
    assert conversion_factor(" wan_yuan", "yuan ") == 10_000.0
    assert conversion_factor("percent", "ratio") == Q_(1, "percent").to("ratio").magnitude
    with pytest.raises(UnitError, match=r"'visit'.*'admission'"):
        conversion_factor("visit", "admission")


@pytest.mark.parametrize(
    ("yuan", "fen"), [(700.0000000000001, 700.0), (0.125, 0.13), (-0.001, 0.0), (1e16, 1e16)]
)
def test_round_to_fen_rounds_as_fen_does(yuan: float, fen: float) -> None:
    """A number of yuan rounds half up to the fen, as an amount of money does."""
    assert round_to_fen(yuan) == fen == units_fen(Q_(yuan, "yuan"))


@pytest.mark.parametrize("amount", ["x", None, Q_(3, "visit"), [1, 2]])
def test_fen_refuses_what_is_not_money_with_a_library_error(amount: object) -> None:
    """fen of anything but an amount of money is a UnitError, never pint's own error (an
    AttributeError subclass) or a TypeError."""
    with pytest.raises(UnitError, match="not an amount of money"):
        units_fen(amount)


@pytest.mark.parametrize("yuan", ["12.5", None, True])
def test_round_to_fen_refuses_what_is_not_a_number(yuan: object) -> None:
    """round_to_fen of text, None or a bool is an ArgumentError naming the argument."""
    with pytest.raises(ArgumentError, match="yuan: expected a number of yuan"):
        round_to_fen(yuan)  # type: ignore[arg-type]


def test_round_to_fen_takes_a_numpy_number() -> None:
    """A numpy scalar, as a column gives it, is a number of yuan like any other."""
    assert round_to_fen(np.float32(0.125)) == 0.13
    assert round_to_fen(np.int64(7)) == 7.0
