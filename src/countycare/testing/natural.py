"""Hypothesis strategies for the natural forms of a value, and for values of the wrong type.

Every public constructor of countycare accepts the forms a caller has at hand
(:mod:`countycare.coerce`): a code in any case or a label for a vocabulary member, ISO text or a
``pandas.Timestamp`` for a date, a numpy scalar for a number, any iterable for a collection. These
strategies draw those forms *of a given canonical value*, so that a test can check that each
builds the same object; :func:`wrong_values` draws what no argument accepts.

Examples
--------
>>> import datetime as dt
>>> from hypothesis import given, settings
>>> from countycare import coerce
>>> @settings(max_examples=20)
... @given(natural_dates(dt.date(2024, 3, 1)))
... def check(form):
...     assert coerce.date(form) == dt.date(2024, 3, 1)
>>> check()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
from hypothesis import strategies as st

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.labels import BilingualEnum, Name
from countycare.periods import Period, PeriodKind

if TYPE_CHECKING:
    from countycare.forms import IntLike

__all__ = [
    "natural_codes",
    "natural_collections",
    "natural_counts",
    "natural_dates",
    "natural_money",
    "natural_names",
    "natural_numbers",
    "natural_periods",
    "wrong_values",
]

_T = TypeVar("_T")


@boundary
def natural_codes(member: BilingualEnum) -> st.SearchStrategy[Any]:
    """The member, its code in several cases, and each label that names it alone."""
    cls = type(member)
    forms: list[Any] = [member, member.value, member.value.upper(), member.value.title()]
    for label in (member.en, member.zh):
        named = [m for m in cls if label.casefold() in (m.en.casefold(), m.zh.casefold())]
        codes = [m for m in cls if m.value.casefold() == label.casefold()]
        if named == [member] and codes in ([], [member]):
            forms.append(label)
    return st.sampled_from(forms)


@boundary
def natural_dates(day: dt.date) -> st.SearchStrategy[Any]:
    """The date, ISO text, a midnight datetime (naive or aware), a numpy datetime64 and, when
    pandas is installed, a ``pandas.Timestamp``."""
    forms: list[Any] = [
        day,
        day.isoformat(),
        f" {day.isoformat()} ",
        dt.datetime(day.year, day.month, day.day),
        dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC),
        f"{day.isoformat()}T00:00:00",
        np.datetime64(day.isoformat()),
        np.datetime64(day.isoformat(), "ns"),
    ]
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dev dependency
        pass
    else:
        forms.append(pd.Timestamp(day))
    return st.sampled_from(forms)


@boundary
def natural_counts(n: IntLike) -> st.SearchStrategy[Any]:
    """A whole number as a Python int, numpy integers of several widths, or floats with no
    fraction."""
    n = coerce.count(n, "n")
    forms: list[Any] = [n, np.int64(n), float(n), np.float64(n)]
    if n < 2**31:
        forms.append(np.int32(n))
    if n >= 0:
        forms.append(np.uint64(n))
    return st.sampled_from(forms)


@boundary
def natural_numbers(x: float) -> st.SearchStrategy[Any]:
    """A number as a Python float, a numpy float64, or an int when it has no fraction."""
    forms: list[Any] = [x, np.float64(x)]
    if float(x).is_integer():
        forms += [int(x), np.int64(int(x))]
    return st.sampled_from(forms)


def natural_money(amount: Any) -> st.SearchStrategy[Any]:
    """An amount of money (a pint quantity) as itself or as an ``(amount, unit)`` pair, the
    amount a Python or numpy number, the unit in any spelling a user writes (``万元``,
    ``10k yuan``).

    >>> from hypothesis import given, settings
    >>> from countycare import coerce
    >>> from countycare.units import Q_
    >>> @settings(max_examples=10)
    ... @given(natural_money(Q_(12.5, "wan_yuan")))
    ... def check(form):
    ...     assert coerce.money(form) == Q_(12.5, "wan_yuan")
    >>> check()
    """
    from countycare.units import MONEY_UNITS

    magnitude = float(amount.magnitude)
    unit = format(amount.units, "D")  # the unit's name (str() gives its symbol, 万元)
    spellings = (unit, *MONEY_UNITS.get(unit, ()))  # 万元, 10k yuan…: as a user writes it
    pairs = [
        (number, spelling)
        for number in (magnitude, np.float64(magnitude))
        for spelling in spellings
    ]
    return st.sampled_from([amount, *pairs])


@boundary
def natural_collections(items: Iterable[_T], *, ordered: bool = True) -> st.SearchStrategy[Any]:
    """The items as a tuple, a list, a generator or a numpy object array; a set too unless
    their order matters (``ordered``)."""
    values = list(items)
    kinds = ["tuple", "list", "generator", "array"] + ([] if ordered else ["set"])
    return st.sampled_from(kinds).map(lambda kind: _collection(kind, values))


def _collection(kind: str, values: list[Any]) -> Any:
    if kind == "tuple":
        return tuple(values)
    if kind == "list":
        return list(values)
    if kind == "set":
        return set(values)
    if kind == "generator":
        return (v for v in values)
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


@boundary
def natural_names(name: Name) -> st.SearchStrategy[Any]:
    """A Name, an ``(en, zh)`` tuple or list, or a mapping with ``en`` and ``zh``."""
    return st.sampled_from([name, (name.en, name.zh), [name.en, name.zh], attrs_dict(name)])


def attrs_dict(name: Name) -> dict[str, str]:
    """``{"en": ..., "zh": ...}``."""
    return {"en": name.en, "zh": name.zh}


@boundary
def natural_periods(period: Period) -> st.SearchStrategy[Any]:
    """The period, its text, and for a year the year number (Python or numpy)."""
    forms: list[Any] = [period, str(period)]
    if period.kind is PeriodKind.YEAR:
        forms += [period.year_number, np.int64(period.year_number), str(period.year_number)]
    return st.sampled_from(forms)


@boundary
def wrong_values() -> st.SearchStrategy[Any]:
    """Values of a type no argument of countycare accepts: bytes, complex numbers, ``object()``,
    functions, dictionaries of nonsense, ``Ellipsis``."""
    return st.one_of(
        st.binary(min_size=1, max_size=4),
        st.complex_numbers(allow_nan=False, min_magnitude=1).filter(lambda z: z.imag != 0),
        st.just(object()),
        st.just(print),
        st.just(Ellipsis),
        st.dictionaries(st.sampled_from(["x", "y"]), st.integers(), min_size=1, max_size=2),
    )
