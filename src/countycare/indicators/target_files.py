"""Read targets from a TOML or JSON file: a list ``target`` of tables.

.. code-block:: toml

    [[target]]
    indicator = "primary_visit_share"
    comparator = "ge"          # ge, le, range (with upper), toward (with tolerance)
    value = 70
    unit = "percent"
    scope = "county"           # national, province, county
    scope_id = "wanrong"       # the province or county id (not for national)
    valid_from = "2024-01-01"
    source = "Wanrong medical group work plan"   # or a table: document, number, year, clause, url

Every problem is reported with its path (``$.target[2].comparator``) and the file's name: an
unknown or missing key, an indicator no shipped set defines (a typo would otherwise leave the
target silently unused), a unit that does not convert to the indicator's (``unit`` is required:
``65`` without a unit would be the pure number 65, that is 6,500 %).

Examples
--------
>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "targets.toml"
>>> _ = path.write_text('''[[target]]
... indicator = "primary_visit_share"
... comparator = "ge"
... value = 70
... unit = "percent"
... scope = "county"
... scope_id = "wanrong"
... valid_from = 2024-01-01
... source = "Illustrative plan"
... ''')
>>> [t.describe() for t in read_targets(path).targets]
['≥ 70 % (county wanrong)']
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from countycare.errors import CountyCareError, DataError, Problem
from countycare.indicators.catalogues import all_definitions
from countycare.indicators.definitions import Reference
from countycare.indicators.targets import Comparator, Target, TargetBook, TargetScope
from countycare.io.documents import read_document, unknown_key_problems
from countycare.io.limits import shown
from countycare.units import require_compatible

__all__ = ["read_targets", "target_from_mapping"]

_FIELDS = {
    "indicator",
    "comparator",
    "value",
    "unit",
    "scope",
    "scope_id",
    "valid_from",
    "valid_to",
    "upper",
    "tolerance",
    "set",
    "source",
    "note",
}


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError("a date and time; write a date only")
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError("not a date")
    return dt.date.fromisoformat(value)


def _reference(value: object) -> Reference:
    if isinstance(value, str):
        return Reference(value)
    if isinstance(value, Mapping):
        return Reference(**{str(k): v for k, v in value.items()})
    raise TypeError(f"source must be text or a table, got {value!r}")


_REQUIRED = ("indicator", "comparator", "value", "unit", "scope", "valid_from", "source")


def _field_problems(record: Mapping[str, Any], where: str) -> list[Problem]:
    """Problems of single fields, each at its own path: unknown or missing keys, an indicator no
    shipped set defines, a unit that does not convert to the indicator's."""
    problems = []
    for key in sorted(set(record) - _FIELDS):
        close = difflib.get_close_matches(key[:60], sorted(_FIELDS), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        problems.append(Problem(f"{where}.{key}", f"unknown key {key!r}{hint}"))
    problems += [
        Problem(f"{where}.{key}", "required key is missing")
        for key in _REQUIRED
        if key not in record
    ]
    for key, vocabulary in (("comparator", Comparator), ("scope", TargetScope)):
        if key in record and record[key] not in vocabulary.codes():
            codes = ", ".join(vocabulary.codes())
            problems.append(
                Problem(f"{where}.{key}", f"{shown(record[key])} is not one of {codes}")
            )
    for key in ("value", "upper", "tolerance"):
        number = record.get(key)
        if number is not None and (isinstance(number, bool) or not isinstance(number, int | float)):
            problems.append(Problem(f"{where}.{key}", f"expected a number, got {shown(number)}"))
    dates: dict[str, dt.date] = {}
    for key in ("valid_from", "valid_to"):
        if record.get(key) is not None:
            try:
                dates[key] = _date(record[key])
            except (ValueError, TypeError):
                message = f"expected a date (YYYY-MM-DD), got {shown(record[key])}"
                problems.append(Problem(f"{where}.{key}", message))
    if len(dates) == 2 and dates["valid_to"] < dates["valid_from"]:
        problems.append(
            Problem(
                f"{where}.valid_to",
                f"{dates['valid_to']} is before valid_from {dates['valid_from']}",
            )
        )
    code = record.get("indicator")
    if "indicator" not in record:
        return problems
    found = [d for d in all_definitions() if d.code == code]
    if record.get("set") is not None:
        found = [d for d in found if d.set_code == record["set"]]
    if not found:
        in_set = f" in set {record['set']!r}" if record.get("set") is not None else ""
        known = sorted({d.code for d in all_definitions()})
        close = difflib.get_close_matches(str(code)[:60], known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        problems.append(Problem(f"{where}.indicator", f"no indicator {shown(code)}{in_set}{hint}"))
        return problems
    if isinstance(record.get("unit"), str):
        for unit in sorted({d.unit for d in found if d.unit}):
            try:
                require_compatible(record["unit"], unit, what=f"indicator {code!r}")
            except CountyCareError as exc:
                problems.append(Problem(f"{where}.unit", str(exc)))
                break
    return problems


def target_from_mapping(record: Mapping[str, Any]) -> Target:
    """One target from a table of the file (raises ``ValueError``/``TypeError``/``KeyError``)."""
    unknown = sorted(set(record) - _FIELDS)
    if unknown:
        raise KeyError(f"unknown field(s) {', '.join(unknown)}")
    return Target(
        indicator=str(record["indicator"]),
        comparator=record["comparator"],
        value=record["value"],
        unit=str(record["unit"]),
        scope=record["scope"],
        source=_reference(record["source"]),
        valid_from=_date(record["valid_from"]),
        valid_to=_date(record["valid_to"]) if record.get("valid_to") else None,
        scope_id=record.get("scope_id"),
        upper=float(record["upper"]) if record.get("upper") is not None else None,
        tolerance=float(record["tolerance"]) if record.get("tolerance") is not None else None,
        set_code=record.get("set"),
        note=str(record.get("note", "")),
    )


def read_targets(path: str | Path) -> TargetBook:
    """Read a targets file (``.toml`` or ``.json``); :class:`DataError` lists every problem."""
    path = Path(path)
    source = str(path)
    payload = read_document(path)
    top = unknown_key_problems(payload, ["target"])
    if top:
        raise DataError(top, source)
    records = payload.get("target")
    if not isinstance(records, list):
        raise DataError([Problem("$.target", "expected a list of targets")], source)
    targets, problems = [], []
    for i, record in enumerate(records):
        where = f"$.target[{i}]"
        if not isinstance(record, Mapping):
            problems.append(Problem(where, f"expected a table, got {shown(record)}"))
            continue
        found = _field_problems(record, where)
        if found:
            problems += found
            continue
        try:
            targets.append(target_from_mapping(record))
        except (KeyError, TypeError, ValueError, CountyCareError) as exc:
            problems.append(Problem(where, str(exc)))
    if problems:
        raise DataError(problems, source)
    return TargetBook(targets)
