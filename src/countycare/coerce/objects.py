"""The objects at the boundary: periods, money, counties, indicator sets, measure tables.

Each takes the object itself or the short form a caller writes (``"2024"``, ``(100, "wan_yuan")``,
``"wanrong"``, ``"nhc-2024"``, a DataFrame); see :mod:`countycare.coerce`.
"""

from __future__ import annotations

import numbers
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from countycare.coerce.values import iterable_items, number, refuse, suggest
from countycare.errors import ArgumentError, PeriodError

if TYPE_CHECKING:
    from countycare.community import County
    from countycare.indicators.definitions import IndicatorSet
    from countycare.indicators.table import MeasureTable
    from countycare.periods import Period
    from countycare.province.model import Province

__all__ = [
    "PANDAS_CALENDAR",
    "county",
    "indicator_set",
    "measure_table",
    "money",
    "money_pair",
    "optional_period_text",
    "period",
    "period_text",
    "periods",
    "province",
    "quantity_pair",
]


def period(value: object, argument: str | None = None) -> Period:
    """A period from a Period, ``"2024"``, ``"2024Q1"``, ``"2024-03"``, a year number, or a
    pandas ``Period`` of a calendar year, quarter or month.

    >>> import pandas as pd
    >>> str(period(pd.Period("2024Q1", "Q"))), str(period(pd.Period("2024-03", "M")))
    ('2024Q1', '2024-03')
    """
    from countycare.periods import Period

    if isinstance(value, Period):
        return value
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = int(value)
    if type(value).__name__ == "Period" and type(value).__module__.startswith("pandas"):
        value = _pandas_period(value, argument)
    if not isinstance(value, str | int):
        raise refuse(argument, "a period such as 2024, '2024Q1' or '2024-03'", value)
    try:
        return Period.parse(value)
    except PeriodError as exc:
        prefix = f"{argument}: " if argument else ""
        raise PeriodError(f"{prefix}{exc}") from None


#: The pandas frequencies of calendar periods, and the text of such a period here (which is
#: also what pandas' ``str`` of one gives: :mod:`countycare.tabular` relies on it).
PANDAS_CALENDAR = {
    "Y-DEC": "{year}", "Q-DEC": "{year}Q{quarter}", "M": "{year}-{month:02d}",
}  # fmt: skip


def _pandas_period(value: Any, argument: str | None) -> str:
    """A pandas ``Period`` as the text of the same period; a period of another length (a
    week, a day) or of a year not ending in December (``Q-MAR``) is refused."""
    pattern = PANDAS_CALENDAR.get(str(getattr(value, "freqstr", "")))
    if pattern is None:
        raise refuse(argument, "a period of a calendar year, quarter or month", value)
    return pattern.format(year=value.year, quarter=value.quarter, month=value.month)


def period_text(value: object, argument: str | None = None) -> str:
    """A period as its text (``"2024Q1"``), from any form :func:`period` takes.

    >>> import numpy as np
    >>> period_text(np.int64(2024)), period_text("2024Q1")
    ('2024', '2024Q1')
    """
    return str(period(value, argument))


def optional_period_text(value: object, argument: str | None = None) -> str | None:
    """:func:`period_text`, or None when no period is given."""
    return None if value is None else period_text(value, argument)


def periods(value: object, argument: str | None = None) -> Period | tuple[Period, ...] | None:
    """None, one period (any form of :func:`period`), or several as any iterable of them.

    >>> periods("2024"), periods(None), [str(p) for p in periods(["2024Q2", 2023])]
    (Period(kind=<PeriodKind.YEAR: 'year'>, year_number=2024, index=1), None, ['2023', '2024Q2'])
    """
    if value is None:
        return None
    if isinstance(value, str | numbers.Integral) or type(value).__name__ == "Period":
        return period(value, argument)
    items = iterable_items(value, argument, "a period or a list of periods")
    return tuple(sorted({period(item, f"{argument}[{i}]") for i, item in enumerate(items)}))


def money(value: object, argument: str | None = None) -> Any:
    """An amount of money: a pint quantity in a currency unit, or ``(amount, unit)`` with the
    unit as a user writes it — ``"元"``, ``"万元"``, ``"亿元"``, ``"yuan"``, ``"wan_yuan"``,
    ``"10k yuan"``… (:data:`countycare.units.MONEY_UNITS`).

    >>> money((12.5, "wan_yuan")), money((12.5, "万元"))
    (<Quantity(12.5, 'wan_yuan')>, <Quantity(12.5, 'wan_yuan')>)
    >>> money(125000, "budget")
    Traceback (most recent call last):
    ...
    countycare.errors.ArgumentError: budget: expected an amount with a unit, such as (100, ...
    >>> money((100, "furlong"), "budget")
    Traceback (most recent call last):
    ...
    countycare.errors.ArgumentError: budget: 'furlong' is not a unit of money; money is ...
    """
    from countycare.errors import UnitError
    from countycare.units import Q_, money_unit, ureg

    accepts = "an amount with a unit, such as (100, '万元') or Q_(100, 'wan_yuan')"
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], str):
        amount = number(value[0], argument)
        try:
            value = Q_(amount, money_unit(value[1]))
        except UnitError as exc:
            raise ArgumentError(argument, str(exc)) from None
    if not isinstance(value, ureg.Quantity):
        raise refuse(argument, accepts, value)
    if value.dimensionality != ureg.yuan.dimensionality:
        raise ArgumentError(argument, f"expected an amount of money, got {value:~} ({value.units})")
    return value


def money_pair(value: object) -> Any:
    """attrs converter for a money field: an ``(amount, unit)`` pair becomes a quantity, its
    unit of money in any spelling :func:`money` takes; any other value passes unchanged, for
    the field's validator to judge.

    >>> money_pair((90, "万元")), money_pair(90)
    (<Quantity(90.0, 'wan_yuan')>, 90)
    """
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], str):
        return money(value)
    return value


def quantity_pair(value: object) -> Any:
    """attrs converter for an amount field: an ``(amount, unit)`` pair becomes a quantity; any
    other value passes unchanged, for the field's validator to judge.

    >>> quantity_pair((450, "yuan / person"))
    <Quantity(450.0, 'yuan / person')>
    """
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], str):
        from countycare.errors import UnitError
        from countycare.units import Q_, parse_unit

        try:
            return Q_(number(value[0]), parse_unit(value[1]))
        except UnitError as exc:
            raise ArgumentError(None, str(exc)) from None
    return value


def county(value: object, argument: str | None = None) -> County:
    """A county: the object itself, a packaged dataset name or the path of a county file."""
    from countycare.community import County

    if isinstance(value, County):
        return value
    if isinstance(value, str | os.PathLike):
        from countycare.io.county_files import load_county

        return load_county(value if isinstance(value, str) else Path(value))
    raise refuse(argument, "a county, a dataset name such as 'wanrong' or a county file", value)


def province(value: object, argument: str | None = None) -> Province:
    """A province: the object itself or the path of a province file (``province.toml``)."""
    from countycare.province.model import Province

    if isinstance(value, Province):
        return value
    if isinstance(value, str | os.PathLike):
        from countycare.province.files import load_province

        return load_province(value if isinstance(value, str) else Path(value))
    raise refuse(argument, "a province or the path of a province file", value)


def indicator_set(value: object, argument: str | None = None) -> IndicatorSet:
    """An indicator set: the set itself or the code of a shipped one (``"nhc-2024"``, any case).

    >>> len(indicator_set("NHC-2024")) == len(indicator_set("nhc-2024"))
    True
    >>> indicator_set("nhc-2042", "indicator_set")
    Traceback (most recent call last):
    ...
    countycare.errors.ArgumentError: indicator_set: unknown indicator set 'nhc-2042'; ...?
    """
    from countycare.indicators.catalogues import SETS
    from countycare.indicators.definitions import IndicatorSet

    if isinstance(value, IndicatorSet):
        return value
    if not isinstance(value, str):
        raise refuse(argument, f"an indicator set or its code ({', '.join(SETS)})", value)
    wanted = value.strip().casefold()
    for code, found in SETS.items():
        if code.casefold() == wanted:
            return found
    raise ArgumentError(argument, f"unknown indicator set {value!r}{suggest(wanted, SETS)}")


def measure_table(value: object, argument: str | None = None) -> MeasureTable:
    """A measure table: the table itself, or a measures file or DataFrame to read (checked)."""
    from countycare.indicators.table import MeasureTable

    if isinstance(value, MeasureTable):
        return value
    from countycare.indicators.files import read_measures

    try:
        return read_measures(value)
    except ArgumentError as exc:  # read_measures names its own argument, ``path``
        if argument and exc.argument == "path":
            raise ArgumentError(argument, exc.reason) from None
        raise
