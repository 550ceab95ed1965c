"""Errors raised by countycare, and the problems they carry.

Every message names *where* (a file, a path such as ``$.institutions[3].tier``, or a row and
column) and *what* is wrong, quoting the offending value. Errors that concern many places at once
carry a tuple of :class:`Problem` so that a user sees every problem in one pass.

Examples
--------
>>> p = Problem(path="$.institutions[3].tier", message="unknown tier 'city'")
>>> str(p)
"$.institutions[3].tier: unknown tier 'city'"
>>> str(DataError([p], source="county.toml"))
"county.toml: $.institutions[3].tier: unknown tier 'city'"
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from countycare.calls import calls_checked
from countycare.labels import BilingualEnum

__all__ = [
    "ArgumentError",
    "CallError",
    "CountyCareError",
    "DataError",
    "DefinitionError",
    "FieldError",
    "PeriodError",
    "Problem",
    "Severity",
    "UndefinedError",
    "UnitError",
    "UnknownKeyError",
]


class Severity(BilingualEnum):
    """How serious a problem is: an ``error`` makes the data unusable, a ``warning`` does not."""

    ERROR = ("error", "Error", "错误")
    WARNING = ("warning", "Warning", "警告")


#: The longest cell value a row's problem quotes; a longer one is described, not echoed.
QUOTE_LIMIT = 32
_QUOTED = re.compile(r"'([^']*)'")


def row_message(message: str) -> str:
    """A row's problem with each quoted cell value kept short and on one line.

    A mangled file can put a whole stretch of rows (patient ids included) into one quoted cell;
    the message names the row and column, so a long or multi-line value is described instead
    of echoed.

    >>> row_message("status 'completd' is not one of completed, pending")
    "status 'completd' is not one of completed, pending"
    >>> row_message("status 'cancelled\\nR2,PX1,a,b' is not one of completed")
    'status (a value of 20 characters over 2 lines) is not one of completed'
    """

    def quote(found: re.Match[str]) -> str:
        value = found.group(1)
        if len(value) <= QUOTE_LIMIT and "\n" not in value and "\r" not in value:
            return found.group(0)
        lines = len(value.splitlines()) or 1
        over = f" over {lines} lines" if lines > 1 else ""
        return f"(a value of {len(value):,} characters{over})"

    return _QUOTED.sub(quote, message)


def _of_kind(field: str, value: object, kind: type, words: str) -> None:
    """A validator of this module, which the checks of :mod:`countycare.coerce` import: a
    value of the wrong kind is a :class:`FieldError` naming the field."""
    if not isinstance(value, kind):
        from countycare.coerce.values import describe

        raise FieldError(field, f"{field}: expected {words}, got {describe(value)}")


@calls_checked
@attrs.frozen
class Problem:
    """One thing wrong with some input: where it is, what is wrong, and how serious it is.

    ``path`` is a JSON-path-like location (``$.institutions[12].parent``) or a row and column
    (``row 14, column value``).
    """

    path: str = attrs.field(validator=lambda i, a, v: _of_kind(a.name, v, str, "text"))
    message: str = attrs.field(validator=lambda i, a, v: _of_kind(a.name, v, str, "text"))
    severity: Severity = attrs.field(
        default=Severity.ERROR,
        validator=lambda i, a, v: _of_kind(a.name, v, Severity, "a severity"),
    )

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.path}: {prefix}{self.message}"

    def located(self, source: str | None) -> str:
        """The problem as one line, prefixed with its source file when known."""
        return f"{source}: {self}" if source else str(self)

    def to_dict(self) -> dict[str, str]:
        """JSON-ready: ``{"path": ..., "message": ..., "severity": "error" | "warning"}``.

        >>> Problem("$.id", "must not be empty").to_dict()
        {'path': '$.id', 'message': 'must not be empty', 'severity': 'error'}
        """
        return {"path": self.path, "message": self.message, "severity": self.severity.value}


class CountyCareError(Exception):
    """The base of every error that countycare raises on purpose."""


class DataError(CountyCareError):
    """Input data (a file, a table, a set of records) has one or more problems.

    ``problems`` lists every problem found, not only the first; ``source`` names the file or
    table when there is one. When there are too many to list (a million rejected rows), the
    problems are the first few and a closing line saying how many more, and ``total`` is how
    many problems there are in all: :attr:`count` is then ``total``, not the lines listed.

    >>> shown = [Problem("row 1, column age", "negative"), Problem("$", "… and 9 more")]
    >>> DataError(shown, "deaths.csv", total=10).count, DataError(shown[:1]).count
    (10, 1)
    """

    def __init__(
        self, problems: Iterable[Problem], source: str | None = None, *, total: int | None = None
    ) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        self.total = total
        super().__init__("\n".join(p.located(source) for p in self.problems))

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems of severity ``error``."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def count(self) -> int:
        """How many problems in all: ``total`` when the list was cut short (its closing line is
        no problem of its own), else the errors listed. The CLI's ``FILE: N problems``."""
        return len(self.errors) if self.total is None else self.total

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: the source, every problem listed (see :meth:`Problem.to_dict`) and how
        many problems there are in all (``count``)."""
        return {
            "source": self.source,
            "problems": [p.to_dict() for p in self.problems],
            "count": self.count,
        }


class ArgumentError(CountyCareError, ValueError):
    """A value given for an argument (or a field of a model) has the wrong type or value.

    ``argument`` names it (None when the caller reports the place itself, as a file loader does
    with a ``$.path``); ``reason`` says what was given and what is accepted. The message is
    ``argument: reason``.

    >>> str(ArgumentError("kind", "unknown institution kind 'clinc'"))
    "kind: unknown institution kind 'clinc'"
    """

    def __init__(self, argument: str | None, reason: str) -> None:
        self.argument = argument
        self.reason = reason
        super().__init__(f"{argument}: {reason}" if argument else reason)

    def named(self, argument: str) -> ArgumentError:
        """The same refusal, naming ``argument`` (kept when it already names one; a place
        inside it, ``[2]`` or ``.year``, is put after it)."""
        if self.argument and not self.argument.startswith(("[", ".")):
            return self
        return type(self)(f"{argument}{self.argument or ''}", self.reason)


class CallError(CountyCareError, TypeError):
    """A public function was called with arguments its signature cannot take: one missing, one
    too many, or a keyword it does not have.

    Python raises a plain ``TypeError`` for such a call; countycare's public functions raise
    this instead, with Python's sentence and the function's signature, so that one ``except
    CountyCareError`` catches every refusal of the library. It is still a ``TypeError``, as
    code written against Python's convention expects.

    >>> error = CallError("f() missing 1 required positional argument: 'year'", "f(county, year)")
    >>> str(error)
    "f() missing 1 required positional argument: 'year'; the signature is f(county, year)"
    >>> isinstance(error, TypeError) and isinstance(error, CountyCareError)
    True
    """

    def __init__(self, reason: str, signature: str) -> None:
        self.reason = reason
        self.signature = signature
        super().__init__(f"{reason}; the signature is {signature}")


class FieldError(ArgumentError):
    """A validator's complaint about one field; loaders report it at the field's path.

    Validators raise this (rather than a bare ``ValueError``) so that a file loader can say
    ``$.institutions[3].beds`` instead of only ``$.institutions[3]``. Unlike
    :class:`ArgumentError`, the message is the validator's own sentence, which names the field.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(field, message)
        self.args = (message,)

    @property
    def field(self) -> str:
        """The field the validator complained about."""
        return self.argument or ""

    def __str__(self) -> str:
        return self.reason

    def named(self, argument: str) -> ArgumentError:
        """A validator's complaint already names its field."""
        return self


class UnknownKeyError(CountyCareError, KeyError):
    """A code or id was looked up that the collection does not hold (an assessment's item, a
    report's fact). Still a ``KeyError``, as a lookup's failure is in Python; its message is
    the sentence itself, not Python's quoted key.

    >>> str(UnknownKeyError("no checklist item 'x1' in this assessment"))
    "no checklist item 'x1' in this assessment"
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class UnitError(CountyCareError):
    """A unit is unknown, or two units that must agree do not."""


class DefinitionError(CountyCareError):
    """A definition (of a measure, an indicator, a rule) is inconsistent in itself."""


class PeriodError(CountyCareError):
    """A period is malformed, or no definition is in force for it."""


class UndefinedError(CountyCareError):
    """A value that is undefined was asked for as if it were a number."""
