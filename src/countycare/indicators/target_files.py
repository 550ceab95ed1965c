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

Every problem is reported with its path (``$.target[2].comparator``) and the file's name.

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
import json
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from countycare.errors import CountyCareError, DataError, Problem
from countycare.indicators.definitions import Reference
from countycare.indicators.targets import Target, TargetBook

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
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _reference(value: object) -> Reference:
    if isinstance(value, str):
        return Reference(value)
    if isinstance(value, Mapping):
        return Reference(**{str(k): v for k, v in value.items()})
    raise TypeError(f"source must be text or a table, got {value!r}")


def target_from_mapping(record: Mapping[str, Any]) -> Target:
    """One target from a table of the file (raises ``ValueError``/``TypeError``/``KeyError``)."""
    unknown = sorted(set(record) - _FIELDS)
    if unknown:
        raise KeyError(f"unknown field(s) {', '.join(unknown)}")
    return Target(
        indicator=str(record["indicator"]),
        comparator=record["comparator"],
        value=record["value"],
        unit=str(record.get("unit", "")),
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
    try:
        text = path.read_text(encoding="utf-8")
        payload = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except OSError as exc:
        raise DataError([Problem("$", f"cannot read the file: {exc.strerror}")], source) from None
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise DataError([Problem("$", f"not valid TOML/JSON: {exc}")], source) from None
    records = payload.get("target") if isinstance(payload, dict) else None
    if not isinstance(records, list):
        raise DataError([Problem("$.target", "expected a list of targets")], source)
    targets, problems = [], []
    for i, record in enumerate(records):
        try:
            if not isinstance(record, Mapping):
                raise TypeError(f"expected a table, got {record!r}")
            targets.append(target_from_mapping(record))
        except KeyError as exc:
            problems.append(Problem(f"$.target[{i}]", f"missing or unknown field: {exc.args[0]}"))
        except (TypeError, ValueError, CountyCareError) as exc:
            problems.append(Problem(f"$.target[{i}]", str(exc)))
    if problems:
        raise DataError(problems, source)
    return TargetBook(targets)
