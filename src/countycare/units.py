"""The one pint unit registry of countycare, loaded from the packaged ``units.txt``.

Each counted thing has a dimension of its own (person, visit, admission, referral, bed,
physician, clinic, read, death, institution, point, yuan), so ``visits / admissions`` keeps its
unit and cannot pass for a percentage. Money has ``yuan`` with ``wan_yuan`` (万元, 10⁴) and
``yi_yuan`` (亿元, 10⁸); rate bases such as ``ten_thousand_persons`` (万人) express "per 10,000
residents". A unit is read by its registry name or its Chinese name (``万元``, ``元/人``), and a
unit of money also as the English phrase a user writes (``"10k yuan"``, ``"100 million yuan"``):
:data:`MONEY_UNITS` lists them.

Arithmetic on many numbers should run on numpy arrays: wrap an array once in a Quantity, never one
Quantity per number.

Examples
--------
>>> from countycare.units import Q_, parse_unit, convert
>>> Q_(3, "wan_yuan").to("yuan")
<Quantity(30000, 'yuan')>
>>> str(parse_unit("physician / ten_thousand_persons").dimensionality)
'[physician] / [person]'
>>> convert(2.5, "wan_yuan", "yuan")
25000.0
>>> parse_unit("万元") == parse_unit("10k yuan") == parse_unit("wan_yuan")
True
>>> (Q_(12, "visit") / Q_(3, "admission")).dimensionless
False
"""

from __future__ import annotations

import functools
import math
import numbers
import re
from importlib import resources
from typing import Any, TypeVar

import numpy as np
import pint

from countycare.errors import ArgumentError, UnitError

__all__ = [
    "MONEY_UNITS",
    "MONEY_UNITS_TEXT",
    "Q_",
    "Quantity",
    "Unit",
    "conversion_factor",
    "convert",
    "convert_array",
    "fen",
    "money_number",
    "money_text",
    "money_unit",
    "parse_quantity",
    "parse_unit",
    "require_compatible",
    "round_to_fen",
    "unit_name",
    "ureg",
]


def _load_registry() -> Any:
    definitions = resources.files("countycare").joinpath("units.txt")
    with resources.as_file(definitions) as path:
        registry: Any = pint.UnitRegistry(str(path), autoconvert_offset_to_baseunit=False)
    registry.formatter.default_format = "~"
    return registry


#: The registry every countycare quantity belongs to. Never create another.
ureg: Any = _load_registry()
Quantity = ureg.Quantity
Unit = ureg.Unit
_CURRENCY = ureg.yuan.dimensionality
#: Shorthand for ``ureg.Quantity``: ``Q_(3, "wan_yuan")`` is a quantity in the one registry.
Q_ = ureg.Quantity

_Number = TypeVar("_Number", float, "np.ndarray[Any, np.dtype[np.float64]]")


#: The units of money, by registry name, with the other spellings a user writes: the Chinese
#: name (also known to the registry) and English phrases, which pint cannot hold as unit names.
#: Case and spacing do not matter.
MONEY_UNITS: dict[str, tuple[str, ...]] = {
    "yuan": ("元", "CNY", "RMB"),
    "hundred_yuan": ("百元", "100 yuan"),
    "wan_yuan": ("万元", "10k yuan", "10,000 yuan", "10000 yuan", "ten thousand yuan"),
    "yi_yuan": ("亿元", "100 million yuan", "100,000,000 yuan", "100m yuan"),
}
_SPELLINGS = {
    " ".join(spelling.casefold().split()): name
    for name, spellings in MONEY_UNITS.items()
    for spelling in (name, *spellings)
}

#: A unit is names joined by ``*`` and ``/``, each with an optional small integer power; nothing
#: else is ever handed to pint, which would evaluate ``9**9**9`` as an expression. A name may be
#: Chinese (``万元``, ``人``), as the registry defines some.
_HAN = "\u4e00-\u9fff"
_NAME = rf"(?:[A-Za-z_{_HAN}][A-Za-z0-9_{_HAN}]{{0,63}}|1)"
_TERM = rf"{_NAME}(?:\s*(?:\*\*|\^)\s*-?[1-4])?"
_UNIT = re.compile(rf"{_TERM}(?:\s*[*/]\s*{_TERM}){{0,8}}")
_NUMBER = re.compile(r"[-+]?(?:\d{1,20}(?:\.\d{0,20})?|\.\d{1,20})(?:[eE][-+]?\d{1,3})?")
#: The longest unit text accepted; longer text is refused before any parsing.
MAX_UNIT_CHARS = 200


def parse_unit(text: str) -> Any:
    """Parse a unit of the countycare registry: names, ``*``, ``/`` and small integer powers.

    A name is a registry name or a Chinese one (``万元``); a unit of money may also be written
    as an English phrase of :data:`MONEY_UNITS` (``"10k yuan"``, any case). An empty string
    means dimensionless. The text is checked against that grammar before pint sees it, so a
    unit is never evaluated as an expression. Raises
    :class:`~countycare.errors.UnitError` naming the text when it is not a unit.

    >>> parse_unit("visit / person")
    <Unit('visit / person')>
    >>> parse_unit("furlong")
    Traceback (most recent call last):
    ...
    countycare.errors.UnitError: unknown unit 'furlong': ...
    >>> parse_unit("9**9**9")
    Traceback (most recent call last):
    ...
    countycare.errors.UnitError: malformed unit '9**9**9': write unit names joined by * and /, ...
    """
    if not isinstance(text, str):
        raise UnitError(f"a unit must be written as text, not {text!r}")
    stripped = text.strip()
    if len(stripped) > MAX_UNIT_CHARS:
        raise UnitError(f"a unit of {len(stripped):,} characters; at most {MAX_UNIT_CHARS}")
    return _parsed_unit(stripped)


# A file of measures names a handful of units over thousands of rows: each text is parsed by
# pint once (a pint Unit is immutable; a refusal raises and is not remembered).
@functools.lru_cache(maxsize=1024)
def _parsed_unit(stripped: str) -> Any:
    if not stripped:
        return ureg.parse_units("dimensionless")
    stripped = _SPELLINGS.get(" ".join(stripped.casefold().split()), stripped)
    if _UNIT.fullmatch(stripped) is None:
        raise UnitError(
            f"malformed unit {stripped[:60]!r}: write unit names joined by * and /, "
            "with powers from -4 to 4 (e.g. 'physician / ten_thousand_persons')"
        )
    try:
        return ureg.parse_units(stripped)
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, ValueError) as exc:
        raise UnitError(f"unknown unit {stripped!r}: {exc}") from None
    except Exception as exc:  # pint raises assorted errors for malformed expressions
        raise UnitError(f"malformed unit {stripped!r}: {exc}") from None


def parse_quantity(text: str) -> Any:
    """Parse ``'<number> <unit>'`` (``'1.2 yi_yuan'``, ``'450 yuan / person'``) without evaluating.

    The number is a plain decimal (an exponent of at most three digits) and must be finite; the
    unit follows :func:`parse_unit`.

    >>> parse_quantity("1.2 yi_yuan")
    <Quantity(1.2, 'yi_yuan')>
    >>> parse_quantity("1e400 yuan")
    Traceback (most recent call last):
    ...
    countycare.errors.UnitError: not a finite number: '1e400 yuan'
    """
    if not isinstance(text, str):
        raise UnitError(f"a quantity must be written as text, not {text!r}")
    stripped = text.strip()
    if len(stripped) > MAX_UNIT_CHARS + 64:
        raise UnitError(f"a quantity of {len(stripped):,} characters; too long")
    match = _NUMBER.match(stripped)
    if match is None:
        raise UnitError(f"expected a number and a unit (e.g. '1.2 yi_yuan'), got {stripped[:60]!r}")
    magnitude = float(match.group())
    if not math.isfinite(magnitude):
        raise UnitError(f"not a finite number: {stripped[:60]!r}")
    return Q_(magnitude, parse_unit(stripped[match.end() :]))


def unit_name(text: str) -> str:
    """The machine form of a unit: the text as written when it is one (trimmed), else the
    registry's names for a unit written in Chinese or as an English phrase, so that a stored
    unit never depends on how a user spelt it.

    >>> unit_name(" percent * referral / admission"), unit_name("元/人"), unit_name("10k yuan")
    ('percent * referral / admission', 'yuan / person', 'wan_yuan')
    """
    unit = parse_unit(text)
    written = text.strip()
    if (
        written.isascii()
        and _SPELLINGS.get(" ".join(written.casefold().split()), written) == written
    ):
        return written
    return f"{unit:D}"


def money_unit(text: str) -> Any:
    """The unit of money ``text`` names, in any spelling of :data:`MONEY_UNITS` or the registry.

    Raises :class:`~countycare.errors.UnitError` listing the accepted spellings otherwise.

    >>> money_unit("万元"), money_unit("100 Million Yuan"), money_unit("yuan")
    (<Unit('wan_yuan')>, <Unit('yi_yuan')>, <Unit('yuan')>)
    >>> money_unit("wan_yaun")
    Traceback (most recent call last):
    ...
    countycare.errors.UnitError: 'wan_yaun' is not a unit of money (did you mean 'wan_yuan'?); ...
    """
    try:
        unit = parse_unit(text)
    except UnitError:
        unit = None
    if unit is None or unit.dimensionality != _CURRENCY:
        raise UnitError(f"{_not_money(text)}; {MONEY_UNITS_TEXT}")
    return unit


def _not_money(text: object) -> str:
    """``'x' is not a unit of money``, with the closest spelling when there is one."""
    import difflib

    if not isinstance(text, str):
        return f"{text!r} is not a unit of money"
    shown = text.strip()[:60]
    close = difflib.get_close_matches(" ".join(shown.casefold().split()), _SPELLINGS, 1, 0.75)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{shown!r} is not a unit of money{hint}"


#: The accepted units of money as an error message lists them: the Chinese name, the registry
#: name and one English phrase of each (the others are accepted too).
MONEY_UNITS_TEXT = "money is written in " + ", ".join(
    f"{spellings[0]} ({name}, {spellings[1]})" for name, spellings in MONEY_UNITS.items()
)


def require_compatible(unit: str, expected: str, *, what: str = "value") -> None:
    """Raise :class:`UnitError` unless ``unit`` converts to ``expected``; the message names both.

    >>> require_compatible("wan_yuan", "yuan")
    >>> require_compatible("visit", "admission", what="denominator")
    Traceback (most recent call last):
    ...
    countycare.errors.UnitError: denominator: unit 'visit' ([visit]) does not convert to ...
    """
    got = parse_unit(unit)
    want = parse_unit(expected)
    if not _same_dimensions(unit.strip(), expected.strip()):
        raise UnitError(
            f"{what}: unit {unit!r} ({got.dimensionality}) does not convert to "
            f"{expected!r} ({want.dimensionality})"
        )


@functools.lru_cache(maxsize=1024)
def _same_dimensions(unit: str, expected: str) -> bool:
    """Whether two units already parsed have the same dimensions (pint works them out anew on
    every call, and a file asks the same question of each of its rows)."""
    return bool(_parsed_unit(unit).dimensionality == _parsed_unit(expected).dimensionality)


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert one number between two compatible units.

    >>> convert(1, "yi_yuan", "wan_yuan")
    10000.0
    """
    return float(convert_array(np.asarray([value], dtype=np.float64), from_unit, to_unit)[0])


def convert_array(
    values: np.ndarray[Any, np.dtype[np.float64]], from_unit: str, to_unit: str
) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Convert a numpy array between two compatible units in one operation.

    >>> convert_array(np.array([1.0, 2.0]), "percent", "ratio")
    array([0.01, 0.02])
    """
    return np.asarray(values, dtype=np.float64) * conversion_factor(from_unit, to_unit)


def conversion_factor(from_unit: str, to_unit: str) -> float:
    """The number that a value in ``from_unit`` is multiplied by to be in ``to_unit``; raises
    :class:`UnitError` when the units do not convert. Each pair is worked out once (a file of
    thousands of rows converts between a few units).

    >>> conversion_factor("wan_yuan", "yuan")
    10000.0
    """
    require_compatible(from_unit, to_unit)
    return _factor(from_unit.strip(), to_unit.strip())


@functools.lru_cache(maxsize=1024)
def _factor(from_unit: str, to_unit: str) -> float:
    return float(Q_(1.0, _parsed_unit(from_unit)).to(_parsed_unit(to_unit)).magnitude)


def fen(amount: Any) -> float:
    """An amount of money in yuan, rounded to the fen (0.01 yuan): what JSON and text show.

    >>> fen(Q_(-124.08000000000001, "wan_yuan"))
    -1240800.0
    >>> fen(Q_(0.125, "yuan")), fen(Q_(1, "yi_yuan"))
    (0.13, 100000000.0)
    >>> fen(Q_(3, "visit"))
    Traceback (most recent call last):
    ...
    countycare.errors.UnitError: not an amount of money: <Quantity(3, 'visit')>
    """
    try:
        yuan = Q_(amount).to("yuan").magnitude
    except (pint.errors.PintError, TypeError, ValueError):  # pint's errors, not the library's
        raise UnitError(f"not an amount of money: {amount!r}"[:120]) from None
    return round_to_fen(float(yuan))


def round_to_fen(yuan: float | np.floating[Any] | np.integer[Any]) -> float:
    """A number of yuan rounded half up to the fen (0.01 yuan), as :func:`fen` rounds: for a
    column of numbers already in yuan, without building a quantity for each.

    >>> round_to_fen(700.0000000000001), round_to_fen(0.125), round_to_fen(-0.001)
    (700.0, 0.13, 0.0)
    """
    from decimal import ROUND_HALF_UP, Decimal

    if isinstance(yuan, bool) or not isinstance(yuan, numbers.Real):
        raise ArgumentError("yuan", f"expected a number of yuan, got {yuan!r}"[:120])
    number = float(yuan)
    if not math.isfinite(number) or abs(number) >= 1e15:
        return number + 0.0  # beyond 1e15 a float cannot hold fen: nothing to round
    rounded = Decimal(repr(number)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return float(rounded) + 0.0  # + 0.0 turns -0.0 into 0.0


_FEN_DIGITS = {"yuan": 2, "wan_yuan": 6, "yi_yuan": 10}
_SYMBOLS = {"yuan": "元", "wan_yuan": "万元", "yi_yuan": "亿元"}


def money_number(amount: Any, unit: str = "wan_yuan") -> str:
    """An amount as a number in ``unit`` (yuan, wan_yuan or yi_yuan), exact to the fen: at
    least two decimals, and as many more as the fen needs (万元 has up to six); no float noise.

    >>> money_number(Q_(-124.08000000000001, "wan_yuan")), money_number(Q_(166048480, "yuan"))
    ('-124.08', '16,604.848')
    >>> money_number(Q_(0.125, "yuan"), "yuan"), money_number(Q_(1.01, "yuan"))
    ('0.13', '0.000101')
    """
    from decimal import Decimal

    if unit not in _FEN_DIGITS:
        raise UnitError(f"money is shown in yuan, wan_yuan or yi_yuan, not {unit!r}")
    exact = Decimal(repr(fen(amount))).scaleb(-(_FEN_DIGITS[unit] - 2))
    text = f"{exact:,.{_FEN_DIGITS[unit]}f}"
    whole, _, decimals = text.partition(".")
    return f"{whole}.{decimals.rstrip('0').ljust(2, '0')}"


def money_text(amount: Any, unit: str = "wan_yuan") -> str:
    """An amount as text in ``unit`` (yuan, wan_yuan or yi_yuan), exact to the fen, no float noise.

    >>> money_text(Q_(-124.08000000000001, "wan_yuan"))
    '-124.08 万元'
    >>> money_text(Q_(1234.5, "yuan"), "yuan"), money_text(Q_(3, "wan_yuan"), "yi_yuan")
    ('1,234.50 元', '0.0003 亿元')
    """
    return f"{money_number(amount, unit)} {_SYMBOLS[unit]}"
