"""Read targets and reference values from a TOML or JSON file.

.. code-block:: toml

    [[target]]
    indicator = "primary_visit_share"
    sets = ["nhc-2024"]        # the indicator sets the target was issued for
    comparator = "ge"          # ge, le, eq, about (with tolerance), range (with upper)
    threshold = 70
    unit = "percent"
    scope = "county"           # national, province, county
    scope_id = "wanrong"       # the province or county id (not for national)
    valid_from = 2024-01-01    # the target judges periods wholly inside valid_from … valid_to
    valid_to = 2025-12-31      # optional: open-ended without it
    source = "Wanrong medical group work plan"   # or a table (see below)

    [[reference]]              # a reported figure shown beside a value, never a verdict
    indicator = "primary_visit_share"
    sets = ["nhc-2024"]
    period = "2024"
    value = 61.0
    unit = "percent"
    scope = "province"
    scope_id = "shanxi"
    status = "official"        # official, secondary, reconstructed
    source = { document = "Provincial statistical bulletin", issuer = "…", date = 2025-05-01 }

A ``source`` table has the keys ``document`` (required), ``issuer``, ``number``, ``year``,
``date``, ``clause``, ``url`` and ``note``. An ``about`` target needs a ``tolerance`` (in the
target's unit) and may say ``tolerance_status``: ``official`` when the source states the width,
``reconstructed`` (the default) when it is the file's own reading.

Every problem is reported with its path (``$.target[2].comparator``, ``$.target[0].sets[1]``)
and the file's name: an unknown or missing key, a set the library does not ship or that does not
define the indicator (a typo would otherwise leave the target silently unused), a unit that does
not convert to the indicator's (``unit`` is required: ``65`` without a unit would be the pure
number 65, that is 6,500 %).

Examples
--------
>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "targets.toml"
>>> _ = path.write_text('''[[target]]
... indicator = "primary_visit_share"
... sets = ["nhc-2024"]
... comparator = "ge"
... threshold = 70
... unit = "percent"
... scope = "county"
... scope_id = "wanrong"
... valid_from = 2024-01-01
... source = "Illustrative plan"
... ''')
>>> [t.describe() for t in read_targets(path).targets]
['≥ 70 % (county wanrong)']
>>> _ = path.write_text(path.read_text().replace("threshold", "treshold"))
>>> try:
...     read_targets(path)
... except DataError as error:
...     print(error.problems[0])
$.target[0].treshold: unknown key 'treshold'; did you mean 'threshold'?
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from countycare.coerce.arguments import boundary
from countycare.errors import ArgumentError, CountyCareError, DataError, Problem
from countycare.indicators.catalogues import SETS
from countycare.indicators.definitions import Reference
from countycare.indicators.targets import (
    Comparator,
    ReferenceValue,
    Target,
    TargetBook,
    TargetScope,
)
from countycare.labels import SourceStatus
from countycare.periods import Period
from countycare.units import require_compatible

__all__ = ["read_targets", "reference_from_mapping", "target_from_mapping"]

_TARGET_FIELDS = {
    "indicator",
    "sets",
    "comparator",
    "threshold",
    "unit",
    "scope",
    "scope_id",
    "valid_from",
    "valid_to",
    "upper",
    "tolerance",
    "tolerance_status",
    "source",
    "note",
}
_TARGET_REQUIRED = (
    "indicator",
    "sets",
    "comparator",
    "threshold",
    "unit",
    "scope",
    "valid_from",
    "source",
)
_REFERENCE_FIELDS = {
    "indicator",
    "sets",
    "period",
    "value",
    "unit",
    "scope",
    "scope_id",
    "status",
    "source",
    "note",
}
_REFERENCE_REQUIRED = ("indicator", "sets", "period", "value", "unit", "status", "source")
_SOURCE_FIELDS = {"document", "issuer", "number", "year", "date", "clause", "url", "note"}


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError(f"expected a date without a time of day, got {value!r}")
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _unknown(record: Mapping[str, Any], fields: set[str], where: str) -> list[Problem]:
    problems = []
    for key in sorted(set(record) - fields):
        close = difflib.get_close_matches(str(key), sorted(fields), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        problems.append(Problem(f"{where}.{key}", f"unknown key {key!r}{hint}"))
    return problems


def _source_problems(value: object, where: str) -> list[Problem]:
    if isinstance(value, str):
        return [] if value.strip() else [Problem(where, "the source is empty")]
    if not isinstance(value, Mapping):
        return [Problem(where, f"expected text or a table, got {value!r}")]
    problems = _unknown(value, _SOURCE_FIELDS, where)
    if not isinstance(value.get("document"), str) or not value["document"].strip():
        problems.append(Problem(f"{where}.document", "required: the document's title"))
    year = value.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        problems.append(Problem(f"{where}.year", f"expected a whole number, got {year!r}"))
    if value.get("date") is not None:
        try:
            _date(value["date"])
        except ValueError:
            problems.append(Problem(f"{where}.date", f"expected a date, got {value['date']!r}"))
    for key in ("issuer", "number", "clause", "url", "note"):
        if key in value and not isinstance(value[key], str):
            problems.append(Problem(f"{where}.{key}", f"expected text, got {value[key]!r}"))
    return problems


def _reference(value: object) -> Reference:
    if isinstance(value, str):
        return Reference(value)
    assert isinstance(value, Mapping)
    fields = {str(k): v for k, v in value.items()}
    if fields.get("date") is not None:
        fields["date"] = _date(fields["date"])
    return Reference(**fields)


def _vocabulary_problems(record: Mapping[str, Any], where: str) -> list[Problem]:
    problems = []
    vocabularies: tuple[tuple[str, type[Any]], ...] = (
        ("comparator", Comparator),
        ("scope", TargetScope),
        ("status", SourceStatus),
        ("tolerance_status", SourceStatus),
    )
    for key, vocabulary in vocabularies:
        if key in record and record[key] not in vocabulary.codes():
            codes = ", ".join(vocabulary.codes())
            problems.append(Problem(f"{where}.{key}", f"{record[key]!r} is not one of {codes}"))
    return problems


def _number_problems(record: Mapping[str, Any], keys: tuple[str, ...], where: str) -> list[Problem]:
    problems = []
    for key in keys:
        number = record.get(key)
        if number is not None and (isinstance(number, bool) or not isinstance(number, int | float)):
            problems.append(Problem(f"{where}.{key}", f"expected a number, got {number!r}"))
    return problems


def _set_problems(record: Mapping[str, Any], where: str) -> list[Problem]:
    """The sets must be a non-empty list of shipped sets that define the indicator, and the unit
    must convert to each definition's."""
    sets, code = record.get("sets"), record.get("indicator")
    if not isinstance(sets, list) or not sets:
        return [Problem(f"{where}.sets", f"expected a non-empty list of set codes, got {sets!r}")]
    problems = []
    for j, set_code in enumerate(sets):
        here = f"{where}.sets[{j}]"
        if not isinstance(set_code, str):  # a list or table is unhashable: no lookup
            problems.append(Problem(here, f"expected a set code (text), got {set_code!r}"))
            continue
        if set_code not in SETS:
            close = difflib.get_close_matches(str(set_code), list(SETS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(Problem(here, f"no indicator set {set_code!r}{hint}"))
            continue
        found = SETS[set_code].by_code().get(str(code))
        if found is None:
            known = SETS[set_code].codes()
            close = difflib.get_close_matches(str(code), known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(
                Problem(f"{where}.indicator", f"set {set_code!r} has no indicator {code!r}{hint}")
            )
            continue
        if isinstance(record.get("unit"), str) and found.unit:
            try:
                require_compatible(record["unit"], found.unit, what=f"indicator {code!r}")
            except CountyCareError as exc:
                problems.append(Problem(f"{where}.unit", str(exc)))
    return problems


def _record_problems(
    record: Mapping[str, Any], fields: set[str], required: tuple[str, ...], where: str
) -> list[Problem]:
    problems = _unknown(record, fields, where)
    problems += [
        Problem(f"{where}.{key}", "required key is missing")
        for key in required
        if key not in record
    ]
    problems += _vocabulary_problems(record, where)
    problems += _number_problems(record, ("threshold", "upper", "tolerance", "value"), where)
    for key in ("valid_from", "valid_to"):
        if record.get(key) is not None:
            try:
                _date(record[key])
            except ValueError:
                problems.append(Problem(f"{where}.{key}", f"expected a date, got {record[key]!r}"))
    if "period" in record:
        try:
            Period.parse(str(record["period"]))
        except CountyCareError as exc:
            problems.append(Problem(f"{where}.period", str(exc)))
    if "source" in record:
        problems += _source_problems(record["source"], f"{where}.source")
    if "indicator" in record:
        problems += _set_problems(record, where)
    return problems


def target_from_mapping(record: Mapping[str, Any]) -> Target:
    """One target from a ``[[target]]`` table already checked (raises ``ValueError``,
    ``TypeError``, ``KeyError`` or a :class:`CountyCareError` otherwise)."""
    unknown = sorted(set(record) - _TARGET_FIELDS)
    if unknown:
        raise KeyError(f"unknown field(s) {', '.join(unknown)}")
    tolerance = record.get("tolerance")
    status = record.get("tolerance_status", "reconstructed" if tolerance is not None else None)
    return Target(
        indicator=str(record["indicator"]),
        sets=tuple(str(s) for s in record["sets"]),
        comparator=record["comparator"],
        threshold=record["threshold"],
        unit=str(record["unit"]),
        scope=record["scope"],
        source=_reference(record["source"]),
        valid_from=_date(record["valid_from"]),
        valid_to=_date(record["valid_to"]) if record.get("valid_to") is not None else None,
        scope_id=record.get("scope_id"),
        upper=record.get("upper"),
        tolerance=tolerance,
        tolerance_status=status,
        note=str(record.get("note", "")),
    )


def reference_from_mapping(record: Mapping[str, Any]) -> ReferenceValue:
    """One reference value from a ``[[reference]]`` table already checked."""
    unknown = sorted(set(record) - _REFERENCE_FIELDS)
    if unknown:
        raise KeyError(f"unknown field(s) {', '.join(unknown)}")
    return ReferenceValue(
        indicator=str(record["indicator"]),
        sets=tuple(str(s) for s in record["sets"]),
        period=str(record["period"]),
        value=record["value"],
        unit=str(record["unit"]),
        source=_reference(record["source"]),
        status=record["status"],
        scope=record.get("scope", "national"),
        scope_id=record.get("scope_id"),
        note=str(record.get("note", "")),
    )


def _load(path: Path, source: str) -> Any:
    """The document, its limits checked first (size, encoding, depth, no nan or date-time)."""
    from countycare.io.documents import read_document

    return read_document(path)


@boundary
def read_targets(path: str | Path) -> TargetBook:
    """Read a targets file (``.toml`` or ``.json``); :class:`DataError` lists every problem."""
    path = Path(path)
    source = str(path)
    payload = _load(path, source)
    if not isinstance(payload, dict):
        raise DataError(
            [Problem("$", "expected a table with 'target' and 'reference' lists")], source
        )
    problems = _unknown(payload, {"target", "reference"}, "$")
    if "target" not in payload and "reference" not in payload:
        problems.append(Problem("$.target", "expected a list of targets (or of references)"))
    targets: list[Target] = []
    references: list[ReferenceValue] = []
    kinds: tuple[tuple[str, set[str], tuple[str, ...], Any, list[Any]], ...] = (
        ("target", _TARGET_FIELDS, _TARGET_REQUIRED, target_from_mapping, targets),
        ("reference", _REFERENCE_FIELDS, _REFERENCE_REQUIRED, reference_from_mapping, references),
    )
    for key, fields, required, build, out in kinds:
        records = payload.get(key, [])
        if not isinstance(records, list):
            problems.append(Problem(f"$.{key}", "expected a list of tables"))
            continue
        for i, record in enumerate(records):
            where = f"$.{key}[{i}]"
            if not isinstance(record, Mapping):
                problems.append(Problem(where, f"expected a table, got {record!r}"))
                continue
            found = _record_problems(record, fields, required, where)
            if found:
                problems += found
                continue
            try:
                out.append(build(record))
            except ArgumentError as exc:  # a field refused by the constructor: at its path
                place = f"{where}.{exc.argument}" if exc.argument else where
                problems.append(Problem(place, exc.reason))
            except (KeyError, TypeError, ValueError, CountyCareError) as exc:
                problems.append(Problem(where, str(exc)))
    if problems:
        raise DataError(problems, source)
    return TargetBook(targets, references)
