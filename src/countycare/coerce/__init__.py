"""The public boundary: every natural form a caller has, turned into the model's one form.

Every public constructor and function converts its arguments here, and the file converter
(:mod:`countycare.io.converters`) is built on the same functions, so that a value means the same
thing whether it comes from Python, a TOML file or a JSON document:

* vocabulary codes in any case, or an English or Chinese label when it names one member:
  ``"village_clinic"``, ``"Village clinic"``, ``"村卫生室"``;
* dates as :class:`datetime.date`, ISO text, a ``datetime`` at midnight, a ``pandas.Timestamp``
  or a ``numpy.datetime64`` (stored as :class:`datetime.date`; a time of day is refused);
* counts as Python or numpy integers, or floats with nothing after the point (stored as ``int``;
  a fraction is refused); numbers as Python or numpy scalars (stored as ``float``); ``True`` is
  never a number;
* collections as any iterable but text (stored as a tuple or a frozenset);
* units as text or a pint unit (stored as text); indicators and indicator sets as objects or
  codes where a field holds a code; citations as a ``Reference``, a title or a mapping;
  comparators as codes, labels or symbols (``≥``);
* periods as a :class:`~countycare.periods.Period`, ``"2024"``, ``"2024Q1"``, ``"2024-03"`` or
  ``2024``; money as a pint quantity or an ``(amount, unit)`` pair; counties as a
  :class:`~countycare.community.County`, a packaged dataset name or a path; provinces as a
  :class:`~countycare.province.model.Province` or the path of a province file.

A refusal is an :class:`~countycare.errors.ArgumentError` naming the argument, quoting what it
got and saying what it accepts, in the user's words (``institution kind``, not a class name), with
a suggestion for a misspelt code.

Examples
--------
>>> import datetime as dt
>>> import numpy as np
>>> from countycare.labels import InstitutionKind
>>> vocabulary(InstitutionKind, "Village_Clinic")
<InstitutionKind.VILLAGE_CLINIC: 'village_clinic'>
>>> vocabulary(InstitutionKind, "村卫生室") is InstitutionKind.VILLAGE_CLINIC
True
>>> vocabulary(InstitutionKind, "village_clinc", "kind")
Traceback (most recent call last):
...
countycare.errors.ArgumentError: kind: unknown institution kind 'village_clinc'; did you mean ...
>>> date(np.datetime64("2024-03-01")), date("2024-03-01T00:00")
(datetime.date(2024, 3, 1), datetime.date(2024, 3, 1))
>>> date(dt.datetime(2024, 3, 1, 9, 30), "valid_from")
Traceback (most recent call last):
...
countycare.errors.ArgumentError: valid_from: expected a date, got a date with a time of day (...)
>>> count(np.int64(1200)), count(12.0)
(1200, 12)
>>> count(True, "population")
Traceback (most recent call last):
...
countycare.errors.ArgumentError: population: expected a whole number, got True
"""

from countycare.coerce.indicators import (
    comparator,
    indicator_code,
    reference,
    set_code,
    set_codes,
)
from countycare.coerce.objects import (
    county,
    indicator_set,
    measure_table,
    money,
    money_pair,
    optional_period_text,
    period,
    period_text,
    periods,
    province,
    quantity_pair,
)
from countycare.coerce.units import unit
from countycare.coerce.values import (
    bilingual_name,
    count,
    date,
    describe,
    elements,
    frozen_set,
    iterable_items,
    name_arguments,
    non_blank,
    noun,
    number,
    numeric,
    optional_count,
    optional_date,
    optional_name,
    optional_number,
    optional_text,
    optional_vocabulary,
    refuse,
    suggest,
    text,
    to_tuple,
    vocabulary,
    yes_no,
)

__all__ = [
    "bilingual_name",
    "comparator",
    "count",
    "county",
    "date",
    "describe",
    "elements",
    "frozen_set",
    "indicator_code",
    "indicator_set",
    "iterable_items",
    "measure_table",
    "money",
    "money_pair",
    "name_arguments",
    "non_blank",
    "noun",
    "number",
    "numeric",
    "optional_count",
    "optional_date",
    "optional_name",
    "optional_number",
    "optional_period_text",
    "optional_text",
    "optional_vocabulary",
    "period",
    "period_text",
    "periods",
    "province",
    "quantity_pair",
    "reference",
    "refuse",
    "set_code",
    "set_codes",
    "suggest",
    "text",
    "to_tuple",
    "unit",
    "vocabulary",
    "yes_no",
]
