"""Reporting periods: a year (``2024``), a quarter (``2024Q1``) or a month (``2024-03``).

Examples
--------
>>> p = Period.parse("2024Q2")
>>> str(p), p.start.isoformat(), p.end.isoformat()
('2024Q2', '2024-04-01', '2024-06-30')
>>> [str(m) for m in p.months()]
['2024-04', '2024-05', '2024-06']
>>> Period.parse("2024").contains(p)
True
>>> str(Period.parse("2024-01").previous())
'2023-12'
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import TYPE_CHECKING

import attrs

from countycare.calls import calls_checked
from countycare.errors import PeriodError
from countycare.labels import BilingualEnum

if TYPE_CHECKING:
    from countycare.forms import Coded, DateLike

__all__ = ["Period", "PeriodKind"]


class PeriodKind(BilingualEnum):
    """The length of a reporting period."""

    YEAR = ("year", "Year", "年")
    QUARTER = ("quarter", "Quarter", "季度")
    MONTH = ("month", "Month", "月")


_PATTERNS = (
    (re.compile(r"^(\d{4})$"), PeriodKind.YEAR),
    (re.compile(r"^(\d{4})Q([1-4])$"), PeriodKind.QUARTER),
    (re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"), PeriodKind.MONTH),
)
_MONTHS_PER = {PeriodKind.YEAR: 12, PeriodKind.QUARTER: 3, PeriodKind.MONTH: 1}
_PER_YEAR = {PeriodKind.YEAR: 1, PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12}


#: The years a period may lie in (reporting data; a typo such as 1024 is refused).
YEARS = range(1900, 2201)


def _year_in_range(instance: Period, attribute: attrs.Attribute[int], value: int) -> None:
    if value not in YEARS:
        raise PeriodError(f"year must lie between {YEARS[0]} and {YEARS[-1]}, got {value!r}")


def _index_in_range(instance: Period, attribute: attrs.Attribute[int], value: int) -> None:
    if not 1 <= value <= _PER_YEAR[instance.kind]:
        raise PeriodError(
            f"{instance.kind.value} index must be 1..{_PER_YEAR[instance.kind]}, got {value!r}"
        )


@calls_checked
@attrs.frozen(order=False)
class Period:
    """A calendar period; build with :meth:`parse`, :meth:`year`, :meth:`quarter`, :meth:`month`."""

    kind: PeriodKind
    year_number: int = attrs.field(validator=_year_in_range)
    index: int = attrs.field(default=1, validator=_index_in_range)

    @classmethod
    def parse(cls, text: str | int | Period) -> Period:
        """Read ``2024``, ``2024Q1`` or ``2024-03``; else raise :class:`PeriodError` quoting it."""
        if isinstance(text, Period):
            return text
        raw = str(text).strip()
        return _parsed(raw) if len(raw) <= 16 else _parsed.__wrapped__(raw)

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year ``year``."""
        return cls(PeriodKind.YEAR, year, 1)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Quarter ``quarter`` (1–4) of ``year``."""
        return cls(PeriodKind.QUARTER, year, quarter)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """Month ``month`` (1–12) of ``year``."""
        return cls(PeriodKind.MONTH, year, month)

    @classmethod
    def of_date(cls, day: DateLike, kind: Coded[PeriodKind] = PeriodKind.MONTH) -> Period:
        """The period of ``kind`` that contains ``day`` (a date, ISO text or a
        ``numpy.datetime64``; ``kind`` a member or its code).

        >>> str(Period.of_date("2024-05-03", "quarter"))
        '2024Q2'
        """
        from countycare import coerce  # coerce builds periods: imported when first used

        day = coerce.date(day, "day")
        kind = coerce.vocabulary(PeriodKind, kind, "kind")
        index = (day.month - 1) // _MONTHS_PER[kind] + 1
        return cls(kind, day.year, index)

    def __str__(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return f"{self.year_number:04d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year_number:04d}Q{self.index}"
        return f"{self.year_number:04d}-{self.index:02d}"

    def __lt__(self, other: Period) -> bool:
        return (self.start, self.end) < (other.start, other.end)

    @property
    def first_month(self) -> int:
        """The calendar month (1–12) the period starts in."""
        return (self.index - 1) * _MONTHS_PER[self.kind] + 1

    @property
    def start(self) -> dt.date:
        """The first day of the period."""
        return dt.date(self.year_number, self.first_month, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the period (inclusive)."""
        last_month = self.first_month + _MONTHS_PER[self.kind] - 1
        return dt.date(
            self.year_number, last_month, calendar.monthrange(self.year_number, last_month)[1]
        )

    @property
    def days(self) -> int:
        """Number of days in the period."""
        return (self.end - self.start).days + 1

    def contains(self, other: Period | DateLike) -> bool:
        """Whether a day (a date, ISO text or a ``numpy.datetime64``) or a whole period lies
        inside this period.

        >>> Period.parse("2024Q2").contains("2024-05-03"), Period.parse("2024").contains(
        ...     Period.parse("2024-12"))
        (True, True)
        """
        if isinstance(other, Period):
            return self.start <= other.start and other.end <= self.end
        from countycare import coerce  # coerce builds periods: imported when first used

        return self.start <= coerce.date(other, "other") <= self.end

    def months(self) -> tuple[Period, ...]:
        """The months of the period, in order."""
        first = self.first_month
        return tuple(
            Period.month(self.year_number, first + i) for i in range(_MONTHS_PER[self.kind])
        )

    def enclosing_year(self) -> Period:
        """The calendar year that contains this period."""
        return Period.year(self.year_number)

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        if self.index > 1:
            return Period(self.kind, self.year_number, self.index - 1)
        return Period(self.kind, self.year_number - 1, _PER_YEAR[self.kind])

    def next(self) -> Period:
        """The period of the same kind just after this one."""
        if self.index < _PER_YEAR[self.kind]:
            return Period(self.kind, self.year_number, self.index + 1)
        return Period(self.kind, self.year_number + 1, 1)


# Thousands of rows name a few dozen periods: each text is read once (a Period is immutable; a
# refusal raises and is not remembered). Longer text than any period is read without the cache.
@functools.lru_cache(maxsize=4096)
def _parsed(raw: str) -> Period:
    for pattern, kind in _PATTERNS:
        match = pattern.match(raw)
        if match:
            index = int(match.group(2)) if kind is not PeriodKind.YEAR else 1
            try:
                return Period(kind, int(match.group(1)), index)
            except PeriodError as exc:
                raise PeriodError(f"period {raw!r}: {exc}") from None
    raise PeriodError(
        f"period {raw!r} is not a year (2024), a quarter (2024Q1) or a month (2024-03)"
    )
