"""Read DHIS2 data values back into a :class:`~countycare.indicators.table.MeasureTable`: a
``dataValueSet`` JSON document, DHIS2's CSV form, or the ``{"metadata", "dataValueSet"}``
document ``countycare export dhis2 --what all`` writes.

A declared ``CODE`` id scheme takes the codes as they are; otherwise each UID is looked up among
the UIDs of the known codes (the data dictionary, the age bands, the county's areas and
institutions, a mapping file or a metadata package). DHIS2 periods ``2024``, ``2024Q1`` and
``202403`` become ``2024``, ``2024Q1`` and ``2024-03``. Every bad row is reported at its place
(``$.dataValues[3].value``, ``row 4, column value``) and all are raised together.

Examples
--------
>>> doc = {"idScheme": "CODE", "dataValues": [
...     {"dataElement": "visits", "period": "202403", "orgUnit": "wanrong", "value": "210000"}]}
>>> from_data_value_set(doc).to_dict()["rows"]
[{'scope': 'wanrong', 'period': '2024-03', 'measure': 'visits', 'category': '', 'value': 210000.0,
  'unit': 'visit'}]
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.errors import DataError, Problem
from countycare.indicators.measure_checks import check_measure_row, plausibility_problems
from countycare.indicators.measures import MEASURES
from countycare.indicators.table import MeasureTable
from countycare.io.dhis2.data import FIELDS
from countycare.io.dhis2.uids import Ids
from countycare.io.text import csv_delimiter

__all__ = [
    "CSV_COLUMNS",
    "from_data_value_set",
    "from_dhis2_csv",
    "mapping_from_metadata",
    "read_dhis2_data",
]

#: The columns of DHIS2's CSV data value export, in order (the header may use the short
#: ``catoptcombo`` / ``attroptcombo`` names).
CSV_COLUMNS = (
    "dataelement",
    "period",
    "orgunit",
    "categoryoptioncombo",
    "attributeoptioncombo",
    "value",
    "storedby",
    "lastupdated",
    "comment",
    "followup",
    "deleted",
)
_SHORT = {"catoptcombo": "categoryoptioncombo", "attroptcombo": "attributeoptioncombo"}
_DHIS2_MONTH = re.compile(r"^(\d{4})(0[1-9]|1[0-2])$")
_YEAR_OR_QUARTER = re.compile(r"^\d{4}(Q[1-4])?$")


def _period_in(text: str) -> str | None:
    match = _DHIS2_MONTH.match(text)
    if match:
        return f"{match.group(1)}-{match.group(2)}"
    return text if _YEAR_OR_QUARTER.match(text) else None


def _object(field: str) -> str:
    return {"dataElement": "dataElement", "orgUnit": "organisationUnit"}.get(
        field, "categoryOptionCombo"
    )


@boundary
def mapping_from_metadata(document: Mapping[str, Any]) -> dict[str, str]:
    """``type:code`` → UID for every coded object of a DHIS2 metadata document."""
    kinds = {
        "organisationUnits": "organisationUnit",
        "dataElements": "dataElement",
        "categoryOptionCombos": "categoryOptionCombo",
        "dataSets": "dataSet",
    }
    out: dict[str, str] = {}
    for key, kind in kinds.items():
        for item in document.get(key, ()) or ():
            if isinstance(item, Mapping) and item.get("code") and item.get("id"):
                out[f"{kind}:{item['code']}"] = str(item["id"])
    return out


class _Resolver:
    """Turns the ids of a data value back into countycare codes."""

    def __init__(self, ids: Ids, county: County | None, schemes: Mapping[str, str]) -> None:
        known: dict[str, set[str]] = {
            "dataElement": set(MEASURES),
            "organisationUnit": set(),
            "categoryOptionCombo": {c for m in MEASURES.values() for c in m.categories},
        }
        if county is not None:
            known["organisationUnit"] |= {county.id, *(i.id for i in county.institutions)}
            known["organisationUnit"] |= {t.id for t in county.townships}
            known["organisationUnit"] |= {v.id for v in county.villages}
        for key in ids.mapping:
            kind, _, code = key.rpartition(":")
            for k in (kind,) if kind else known:
                if k in known:
                    known[k].add(code)
        self.known = known
        self.back = {k: {ids.uid(k, code): code for code in codes} for k, codes in known.items()}
        self.schemes = schemes

    def code(self, field: str, text: str) -> str:
        kind = _object(field)
        if self.schemes.get(field) == "CODE":
            return text
        if text in self.back[kind]:
            return self.back[kind][text]
        if text in self.known[kind]:
            return text
        raise KeyError(
            f"unknown {kind} {text!r}: not the UID of a known code (give the county, a mapping "
            "file or the metadata package)"
        )


def _schemes(document: Mapping[str, Any], where: str) -> tuple[dict[str, str], list[Problem]]:
    schemes: dict[str, str] = {}
    problems = []
    general = str(document.get("idScheme", "UID")).upper()
    for field in FIELDS:
        declared = str(document.get(f"{field}IdScheme", general)).upper()
        if declared == "ID":
            declared = "UID"
        if declared not in ("UID", "CODE"):
            problems.append(
                Problem(f"{where}.{field}IdScheme", f"id scheme {declared!r} is not UID or CODE")
            )
        schemes[field] = declared
    return schemes, problems


def _rows(
    items: Iterable[tuple[str, Mapping[str, str], Mapping[str, str]]],
    resolver: _Resolver,
    source: str | None,
) -> MeasureTable:
    """Rows from ``(where, item, columns)``: ``columns`` names each field's place for messages."""
    rows: list[tuple[str, str, str, str, float]] = []
    seen: dict[tuple[str, str, str, str], str] = {}
    value_at: dict[tuple[str, str, str, str], str] = {}
    problems: list[Problem] = []
    for where, item, columns in items:
        missing = [k for k in ("dataElement", "period", "orgUnit", "value") if not item.get(k)]
        if missing:
            problems.append(Problem(where, f"missing {', '.join(missing)}"))
            continue
        bad = False
        codes: dict[str, str] = {}
        for field in FIELDS:
            text = item.get(field) or ""
            if field == "categoryOptionCombo" and not text:
                codes[field] = ""
                continue
            try:
                codes[field] = resolver.code(field, text)
            except KeyError as exc:
                if field == "categoryOptionCombo" and _has_no_categories(codes.get("dataElement")):
                    codes[field] = ""  # the instance's default combo
                    continue
                problems.append(Problem(columns[field], str(exc.args[0])))
                bad = True
        period = _period_in(item["period"])
        if period is None:
            problems.append(
                Problem(
                    columns["period"],
                    f"period {item['period']!r} is not a year, quarter or month "
                    "(2024, 2024Q1, 202403)",
                )
            )
            bad = True
        try:
            number = float(item["value"])
        except (TypeError, ValueError):
            problems.append(Problem(columns["value"], f"not a number: {item['value']!r}"))
            continue
        if not math.isfinite(number):
            problems.append(Problem(columns["value"], f"not a finite number: {item['value']!r}"))
            continue
        if bad or period is None:
            continue
        record = {
            "scope": codes["orgUnit"],
            "period": period,
            "measure": codes["dataElement"],
            "category": codes["categoryOptionCombo"],
            "value": item["value"],
        }
        # the checks of a measures file's row: a known measure and category, a finite value
        # from 0 to 10^15 (a negative count or 1e300 visits is no figure)
        wrong, row = check_measure_row(record, where, None, _place_in(columns))
        problems.extend(wrong)
        if row is None:
            continue
        key, number = row[:4], row[4]
        if key in seen:
            problems.append(Problem(where, f"a second value for {key!r} (first at {seen[key]})"))
            continue
        seen[key] = where
        value_at[key] = columns["value"]
        rows.append((*key, number))
    if problems:
        raise DataError(problems, source)
    table = MeasureTable.from_rows(rows)
    problems = plausibility_problems(table, value_at)  # 12.5 visits, a part above its whole
    if problems:
        raise DataError(problems, source)
    return table


#: The field of a data value that holds each column of a measures file's row.
_FIELD = {
    "scope": "orgUnit",
    "period": "period",
    "measure": "dataElement",
    "category": "categoryOptionCombo",
    "value": "value",
    "unit": "value",
}


def _place_in(columns: Mapping[str, str]) -> Callable[[str], str]:
    """Where a column of the measures row made of a data value is named: at its field."""
    return lambda column: columns[_FIELD[column]]


def _has_no_categories(measure: str | None) -> bool:
    found = MEASURES.get(measure or "")
    return found is not None and not found.categories


@boundary
def from_data_value_set(
    document: Mapping[str, Any],
    *,
    ids: Ids | None = None,
    county: County | None = None,
    source: str | None = None,
    root: str = "$",
) -> MeasureTable:
    """Read a DHIS2 ``dataValueSet`` JSON document back into a table.

    Set-level ``period`` and ``orgUnit`` apply to values that lack their own. Problems are
    reported at ``$.dataValues[i].field`` and raised together as one :class:`DataError`.
    """
    values = document.get("dataValues")
    if not isinstance(values, list):
        raise DataError([Problem(f"{root}.dataValues", "expected a list of data values")], source)
    schemes, problems = _schemes(document, root)
    if problems:
        raise DataError(problems, source)
    resolver = _Resolver(ids or Ids(), county, schemes)
    items = []
    shape_problems = []
    for i, item in enumerate(values):
        where = f"{root}.dataValues[{i}]"
        if not isinstance(item, Mapping):
            shape_problems.append(Problem(where, f"expected an object, got {item!r}"))
            continue
        merged = {k: document.get(k) for k in ("period", "orgUnit") if document.get(k)}
        merged.update({k: v for k, v in item.items() if v is not None})
        text = {k: str(v) for k, v in merged.items()}
        columns = {
            k: f"{where}.{k}"
            for k in ("dataElement", "period", "orgUnit", "categoryOptionCombo", "value")
        }
        items.append((where, text, columns))
    if shape_problems:
        raise DataError(shape_problems, source)
    return _rows(items, resolver, source)


@boundary
def from_dhis2_csv(
    text: str,
    *,
    ids: Ids | None = None,
    county: County | None = None,
    source: str | None = None,
    delimiter: str = ",",
) -> MeasureTable:
    """Read DHIS2's CSV data value form (``dataelement,period,orgunit,categoryoptioncombo,
    attributeoptioncombo,value,…``; a header row is optional) back into a table.

    Codes or UIDs are both accepted (CSV declares no id scheme); a row marked ``deleted`` is a
    problem, not silently kept or dropped.
    """
    reader = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not reader:
        return MeasureTable.empty()
    header = [_SHORT.get(h.strip().lower(), h.strip().lower()) for h in reader[0]]
    if "dataelement" in header:
        columns, body, first = header, reader[1:], 2
    else:
        columns, body, first = list(CSV_COLUMNS), reader, 1
    missing = {"dataelement", "period", "orgunit", "value"} - set(columns)
    if missing:
        raise DataError(
            [Problem("row 1", f"missing column(s) {', '.join(sorted(missing))}")], source
        )
    names = {
        "dataelement": "dataElement",
        "orgunit": "orgUnit",
        "categoryoptioncombo": "categoryOptionCombo",
        "period": "period",
        "value": "value",
    }
    items = []
    problems = []
    for n, raw in enumerate(body, start=first):
        if not any(cell.strip() for cell in raw):
            problems.append(Problem(f"row {n}", "an empty row"))
            continue
        cells = dict(zip(columns, (c.strip() for c in raw), strict=False))
        if cells.get("deleted", "").lower() == "true":
            problems.append(
                Problem(f"row {n}, column deleted", "the value is marked deleted in DHIS2")
            )
            continue
        item = {names[c]: v for c, v in cells.items() if c in names}
        where = {names[c]: f"row {n}, column {c}" for c in names}
        items.append((f"row {n}", item, where))
    if problems:
        raise DataError(problems, source)
    return _rows(items, _Resolver(ids or Ids(), county, {}), source)


@boundary
def read_dhis2_data(
    path: str | Path, *, ids: Ids | None = None, county: County | None = None
) -> MeasureTable:
    """Read a data file: ``.csv`` or ``.tsv`` (DHIS2's CSV form; tab-separated for ``.tsv``),
    or JSON — a ``dataValueSet``, or the
    ``{"metadata", "dataValueSet"}`` document ``countycare export dhis2 --what all`` writes (its
    metadata then resolves the UIDs)."""
    path = Path(path)
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DataError([Problem("$", f"cannot read the file: {exc.strerror}")], source) from None
    ids = ids or Ids()
    if path.suffix.lower() in (".csv", ".tsv"):
        return from_dhis2_csv(
            text, ids=ids, county=county, source=source, delimiter=csv_delimiter(path)
        )
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            [Problem(f"line {exc.lineno}, column {exc.colno}", exc.msg)], source
        ) from None
    if not isinstance(document, dict):
        raise DataError([Problem("$", "expected a JSON object")], source)
    if "dataValueSet" in document:
        metadata = document.get("metadata") or {}
        ids = Ids({**mapping_from_metadata(metadata), **ids.mapping})
        document = document["dataValueSet"]
        if not isinstance(document, dict):
            raise DataError([Problem("$.dataValueSet", "expected a JSON object")], source)
        return from_data_value_set(
            document, ids=ids, county=county, source=source, root="$.dataValueSet"
        )
    return from_data_value_set(document, ids=ids, county=county, source=source)
