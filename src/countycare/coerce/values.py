"""The values at the boundary: vocabulary codes, text, counts, numbers, dates, names, collections.

Each function takes what a caller has and returns the model's one form, or raises an
:class:`~countycare.errors.ArgumentError` naming the argument; see :mod:`countycare.coerce`.
"""

from __future__ import annotations

import datetime as dt
import decimal
import difflib
import enum
import functools
import math
import numbers
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from countycare.errors import ArgumentError

if TYPE_CHECKING:
    from countycare.labels import BilingualEnum, Name

__all__ = [
    "bilingual_name",
    "count",
    "date",
    "describe",
    "elements",
    "frozen_set",
    "iterable_items",
    "name_arguments",
    "non_blank",
    "noun",
    "number",
    "numeric",
    "optional_count",
    "optional_date",
    "optional_name",
    "optional_number",
    "optional_text",
    "optional_vocabulary",
    "refuse",
    "suggest",
    "text",
    "to_tuple",
    "vocabulary",
    "yes_no",
]

_E = TypeVar("_E", bound="BilingualEnum")
_T = TypeVar("_T")


# -- messages ------------------------------------------------------------------------------------


def describe(value: object) -> str:
    """How a refused value is quoted: its repr, shortened; an object of countycare in the
    user's words (``a county 'wanrong'``, never ``County(...)``); a class's name only as a
    last resort.

    >>> from countycare.labels import Tier
    >>> len(describe("x" * 80)), describe(3.5), describe(Tier.VILLAGE)
    (60, '3.5', "a tier 'village'")
    """
    kind = type(value)
    if kind.__module__.split(".")[0] == "countycare":
        what = noun(kind)
        article = "an" if what[:1] in "aeiou" else "a"
        code = getattr(value, "value", None) if isinstance(value, enum.Enum) else None
        code = getattr(value, "id", None) if code is None else code
        return f"{article} {what}" + (f" {code!r}"[:40] if isinstance(code, str) else "")
    if kind.__module__.split(".")[0] == "polars" and kind.__name__ == "LazyFrame":
        return "a polars LazyFrame (call .collect() on it first: a DataFrame is taken)"
    text = repr(value)
    if text.startswith("<") and text.endswith(">"):
        text = f"an object of kind {kind.__name__}"
    return text if len(text) <= 60 else text[:56] + "...'"


def refuse(argument: str | None, expected: str, value: object) -> ArgumentError:
    """The error for ``value`` given where ``expected`` is accepted (returned, for ``raise``)."""
    return ArgumentError(argument, f"expected {expected}, got {describe(value)}")


def suggest(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest choice, else the list of choices.

    >>> suggest("twonship", ["county", "township"])
    "; did you mean 'township'?"
    """
    options = list(choices)
    close = difflib.get_close_matches(word.casefold(), options, n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f"; expected one of: {', '.join(options)}"


def noun(cls: type) -> str:
    """The words a user reads for a vocabulary: ``InstitutionKind`` → ``institution kind``.

    A class may set ``__noun__`` when its name says it badly.
    """
    own = getattr(cls, "__noun__", None)
    if isinstance(own, str):
        return own
    return re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()


# -- vocabularies --------------------------------------------------------------------------------


@functools.cache
def _codes(cls: type[BilingualEnum]) -> dict[str, BilingualEnum]:
    """The members of ``cls`` by their code in lower case (the first member wins a tie)."""
    return {member.value.casefold(): member for member in reversed(list(cls))}


def vocabulary(cls: type[_E], value: object, argument: str | None = None) -> _E:
    """The member of the vocabulary ``cls`` that ``value`` names.

    A member, its code in any case, or its English or Chinese label when that label names
    exactly one member. An unknown code gets a suggestion.
    """
    if isinstance(value, cls):
        return value
    if isinstance(value, str):  # a code, the common case: one lookup, not a search
        found = _codes(cls).get(value.strip().casefold())
        if found is not None:
            return cast("_E", found)
    what = noun(cls)
    if not isinstance(value, str):
        raise refuse(argument, f"a code of {what} ({', '.join(cls.codes())})", value)
    wanted = value.strip().casefold()
    labelled = {m for m in cls if wanted in (m.en.casefold(), m.zh.casefold())}
    if len(labelled) == 1:
        return labelled.pop()
    if len(labelled) > 1:
        codes = ", ".join(sorted(m.value for m in labelled))
        raise ArgumentError(argument, f"{what} {value!r} is ambiguous: it labels {codes}")
    raise ArgumentError(argument, f"unknown {what} {value!r}{suggest(wanted, cls.codes())}")


def optional_vocabulary(cls: type[_E], value: object, argument: str | None = None) -> _E | None:
    """:func:`vocabulary`, or None when no member is given (a filter left open)."""
    return None if value is None else vocabulary(cls, value, argument)


# -- scalars -------------------------------------------------------------------------------------


def text(value: object, argument: str | None = None) -> str:
    """Text as it is (numpy strings become ``str``); anything else is refused."""
    if type(value) is str:  # the common case, without the subclass check
        return value
    if isinstance(value, str):
        return str(value)
    raise refuse(argument, "text", value)


def optional_text(value: object) -> str | None:
    """:func:`text`, or None when absent."""
    return None if value is None else text(value)


def yes_no(value: object, argument: str | None = None) -> bool:
    """``True`` or ``False`` (numpy's too); numbers and text are refused, never guessed.

    >>> import numpy as np
    >>> yes_no(np.bool_(True)), yes_no(False)
    (True, False)
    """
    import numpy as np

    if isinstance(value, np.bool_):
        return bool(value)
    if not isinstance(value, bool):
        raise refuse(argument, "True or False", value)
    return value


def _decimal_as_float(value: object) -> object:
    """A ``Decimal`` (what a database driver gives for a NUMERIC column) as a float; anything
    else as it is. Money to the fen survives: a float holds 15 significant digits."""
    if not isinstance(value, decimal.Decimal):
        return value
    return math.nan if value.is_nan() else float(value)  # a signalling NaN too


def count(value: object, argument: str | None = None) -> int:
    """A whole number from a Python or numpy integer, or a float or ``Decimal`` with no
    fraction."""
    if type(value) is int:  # the common case, without the checks against numbers' ABCs
        return value
    value = _decimal_as_float(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise refuse(argument, "a whole number", value)
    if isinstance(value, numbers.Integral):
        return int(value)
    as_float = float(value)
    if not as_float.is_integer():
        raise ArgumentError(argument, f"expected a whole number, got a fraction {as_float!r}")
    return int(as_float)


def number(value: object, argument: str | None = None, *, finite: bool = True) -> float:
    """A finite number from a Python or numpy scalar or a ``Decimal``; ``NaN`` and infinities
    are refused.

    With ``finite=False`` they pass, for a reader that checks them later with a message of its
    own (a corridor, an amount).

    >>> import decimal
    >>> number(decimal.Decimal("9800.12"))
    9800.12
    """
    value = _decimal_as_float(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise refuse(argument, "a number", value)
    as_float = float(value)
    if finite and not math.isfinite(as_float):
        raise ArgumentError(argument, f"expected a finite number, got {as_float!r}")
    return as_float


def numeric(value: object) -> object:
    """attrs converter for a number judged by the field's validator: a Python or numpy number
    (or a ``Decimal``) becomes a ``float``; anything else passes unchanged, for the validator to
    refuse in its own words (a share, a ratio, a corridor).

    >>> import numpy as np
    >>> numeric(np.float32(0.5)), numeric(1), numeric("x")
    (0.5, 1.0, 'x')
    """
    value = _decimal_as_float(value)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return float(value)
    return value


def date(value: object, argument: str | None = None) -> dt.date:
    """A calendar day from a date, ISO text, a midnight datetime, a Timestamp or a datetime64."""
    if type(value).__name__ == "datetime64":
        value = _from_datetime64(value, argument)
    if isinstance(value, str):
        value = _from_iso(value, argument)
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise ArgumentError(
                argument, f"expected a date, got a date with a time of day ({value})"
            )
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return value
    raise refuse(argument, "a date (YYYY-MM-DD)", value)


def _from_datetime64(value: Any, argument: str | None) -> dt.date | dt.datetime:
    import numpy as np

    if np.isnat(value):
        raise ArgumentError(argument, "expected a date, got a missing date (NaT)")
    converted = value.astype("datetime64[us]").item()
    if not isinstance(converted, dt.date):
        raise refuse(argument, "a date (YYYY-MM-DD)", value)
    return converted


def _from_iso(value: str, argument: str | None) -> dt.date | dt.datetime:
    raw = value.strip()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(raw)
    except ValueError:
        raise refuse(argument, "a date (YYYY-MM-DD)", value) from None


def optional_date(value: object, argument: str | None = None) -> dt.date | None:
    """:func:`date`, or None for an open end."""
    return None if value is None else date(value, argument)


def optional_count(value: object) -> int | None:
    """:func:`count`, or None when unknown."""
    return None if value is None else count(value)


def optional_number(value: object) -> float | None:
    """:func:`number`, or None when unknown."""
    return None if value is None else number(value)


def bilingual_name(value: object, argument: str | None = None) -> Name:
    """A bilingual name: a Name, an ``(en, zh)`` pair or a mapping with ``en`` and ``zh``.

    >>> bilingual_name(("Wanrong County", "万荣县"))
    Name(en='Wanrong County', zh='万荣县')
    """
    from countycare.labels import Name

    if isinstance(value, Name):
        return value
    accepts = "a name: Name(en, zh), an (English, Chinese) pair or {'en': ..., 'zh': ...}"
    if isinstance(value, Mapping) and set(value) == {"en", "zh"}:
        value = (value["en"], value["zh"])
    if isinstance(value, tuple | list) and len(value) == 2:
        return Name(text(value[0], argument), text(value[1], argument))
    raise refuse(argument, accepts, value)


def optional_name(value: object) -> Name | None:
    """:func:`bilingual_name`, or None when absent."""
    return None if value is None else bilingual_name(value)


# -- collections ---------------------------------------------------------------------------------


def iterable_items(values: object, argument: str | None, what: str) -> list[Any]:
    """The items of any iterable but text or a mapping; else a refusal saying ``what``."""
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise refuse(argument, what, values)
    return list(values)


def to_tuple(values: object) -> tuple[Any, ...]:
    """Any iterable but text, as a tuple (frozen models hold tuples, not lists)."""
    return tuple(iterable_items(values, None, "a list"))


def elements(values: object, cls: type[_T], what: str, plural: str | None = None) -> tuple[_T, ...]:
    """Any iterable but text of ``cls`` objects (a ``what`` each, ``plural`` for several: by
    default ``what`` + s), as a tuple."""
    items = iterable_items(values, None, f"a list of {plural or what + 's'}")
    for index, item in enumerate(items):
        if not isinstance(item, cls):
            raise refuse(f"[{index}]", f"a {what}", item)
    return tuple(items)


def frozen_set(
    values: object, element: Callable[[Any, str | None], _T], argument: str | None = None
) -> frozenset[_T]:
    """Any iterable but text, each item converted by ``element``, as a frozenset."""
    items = iterable_items(values, argument, "a list or set")
    converted = []
    for index, item in enumerate(items):
        try:
            converted.append(element(item, None))
        except ArgumentError as exc:
            where = f"{argument}[{index}]" if argument else f"[{index}]"
            raise ArgumentError(where, exc.reason) from None
    return frozenset(converted)


# -- attrs classes -------------------------------------------------------------------------------


def non_blank(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """attrs validator: text with something in it; a refusal names the field."""
    from countycare.errors import FieldError

    if not value.strip():
        raise FieldError(attribute.name, f"{attribute.name} must not be empty, got {value!r}")


def name_arguments(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """attrs ``field_transformer``: a refusal by a field's converter names the field.

    Converters are the plain functions above (``converter=count``), which mypy's attrs plugin
    understands; this wraps each so that ``Village(..., population="many")`` says
    ``population: expected a whole number, got 'many'``.
    """
    return [
        f if f.converter is None else f.evolve(converter=_named(f.name, f.converter))
        for f in fields
    ]


def _named(field: str, converter: Any) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        try:
            return converter(value)
        except ArgumentError as exc:
            raise exc.named(field) from None

    convert.__name__ = getattr(converter, "__name__", "convert")
    return convert
