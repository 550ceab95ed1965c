"""The natural forms of the public API, as types a type checker can read.

A public function takes a county as the object, a packaged dataset name or a path; a period as
a :class:`~countycare.periods.Period`, ``"2024"`` or ``2024``; and so on
(:mod:`countycare.coerce`). The functions that callers most often give a short form to annotate
those parameters with the aliases below, so that ``mypy --strict`` accepts
``roll_up(table, "wanrong")`` as readily as Python runs it. The function converts the argument
once, on entry, with the converter of :mod:`countycare.coerce` the alias names.

============================  ==============================================================
alias                         what it accepts, converted by
============================  ==============================================================
:data:`CountyLike`            a ``County``, a dataset name or the path of a county file
                              (:func:`countycare.coerce.county`)
:data:`ProvinceLike`          a ``Province`` or the path of a province file
                              (:func:`countycare.coerce.province`)
:data:`PeriodLike`            a ``Period``, ``"2024"``, ``"2024Q1"``, ``"2024-03"`` or a year
                              number, numpy's included (:func:`countycare.coerce.period`)
:data:`IndicatorSetLike`      an ``IndicatorSet`` or a shipped set's code, any case
                              (:func:`countycare.coerce.indicator_set`)
:data:`MeasuresLike`          a ``MeasureTable``, the path of a measures file, or a pandas or
                              polars DataFrame or Arrow table with its columns
                              (:func:`countycare.coerce.measure_table`)
:data:`DateLike`              a ``datetime.date``, ISO text or a ``numpy.datetime64``
                              (:func:`countycare.coerce.date`)
:data:`IntLike`               an ``int`` or a numpy integer (``numpy.int64`` from a
                              DataFrame), converted to an ``int``
``Coded[E]``                  a member of the vocabulary ``E``, its code in any case or its
                              English or Chinese label (:func:`countycare.coerce.vocabulary`)
============================  ==============================================================

``MeasuresLike`` ends in ``Any``: a frame's type belongs to an optional package, so the type
checker lets any value through and the function's converter judges it (an
:class:`~countycare.errors.ArgumentError` naming the argument).

Examples
--------
>>> import typing
>>> from countycare.community import County
>>> County in typing.get_args(CountyLike) and str in typing.get_args(CountyLike)
True
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any, TypeAlias, TypeVar

import numpy as np

from countycare.community import County
from countycare.indicators.definitions import IndicatorSet
from countycare.indicators.table import MeasureTable
from countycare.labels import BilingualEnum
from countycare.periods import Period
from countycare.province.model import Province

__all__ = [
    "Coded",
    "CountyLike",
    "DateLike",
    "IndicatorSetLike",
    "IntLike",
    "MeasuresLike",
    "PeriodLike",
    "ProvinceLike",
]

#: A county: the object, a packaged dataset name (``"wanrong"``) or the path of a county file.
CountyLike: TypeAlias = County | str | os.PathLike[str]

#: A province: the object or the path of a province file (``province.toml``).
ProvinceLike: TypeAlias = Province | str | os.PathLike[str]

#: A period: the object, ``"2024"``, ``"2024Q1"``, ``"2024-03"`` or a year number.
PeriodLike: TypeAlias = Period | str | int | np.integer[Any]

#: An indicator set: the object or the code of a shipped set (``"nhc-2024"``, any case).
IndicatorSetLike: TypeAlias = IndicatorSet | str

#: A measure table: the object, the path of a measures file, or a DataFrame or Arrow table.
MeasuresLike: TypeAlias = MeasureTable | str | os.PathLike[str] | Any

#: A day: a ``datetime.date`` (a ``pandas.Timestamp`` at midnight is one), ISO text or a
#: ``numpy.datetime64``.
DateLike: TypeAlias = dt.date | str | np.datetime64

#: A whole number: an ``int`` or a numpy integer (what a DataFrame's ``max()`` or ``len`` of an
#: array gives); the function receives an ``int``.
IntLike: TypeAlias = int | np.integer[Any]

_E = TypeVar("_E", bound=BilingualEnum)

#: A member of a vocabulary ``E``, or its code in any case, or its English or Chinese label
#: (``Coded[Tier]``: ``Tier.VILLAGE``, ``"village"``, ``"Village"``, ``"村级"``).
Coded: TypeAlias = _E | str
