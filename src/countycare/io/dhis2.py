"""Exchange measure values with DHIS2 as a ``dataValueSet`` (JSON), both ways.

DHIS2, the health information system many provincial and district platforms run, exchanges
numbers as data value sets: one ``dataValue`` per (data element, period, org unit, category
option combo). countycare's :class:`~countycare.indicators.table.MeasureTable` has the same long
shape, so the mapping is one to one:

===================  ===========================  ==========================================
countycare           DHIS2                        note
===================  ===========================  ==========================================
``measure``          ``dataElement``              through ``data_elements`` when given
``period``           ``period``                   ``2024``, ``2024Q1``; months ``2024-03`` →
                                                  ``202403``
``scope``            ``orgUnit``                  through ``org_units`` when given
``category``         ``categoryOptionCombo``      through ``category_option_combos``; empty
                                                  → omitted (DHIS2's default combo)
``value``            ``value``                    text, in the measure's own unit
===================  ===========================  ==========================================

DHIS2 identifies everything by 11-character UIDs; pass mappings from countycare codes to UIDs
(and the same mappings back) when the target instance needs them.

Examples
--------
>>> from countycare.indicators.table import MeasureTable
>>> table = MeasureTable.from_rows([("wanrong", "2024-03", "visits", "", 210000.0)])
>>> doc = to_data_value_set(table, org_units={"wanrong": "Wr0000000001"})
>>> doc["dataValues"][0]
{'dataElement': 'visits', 'period': '202403', 'orgUnit': 'Wr0000000001', 'value': '210000'}
>>> from_data_value_set(doc, org_units={"wanrong": "Wr0000000001"}) == table
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from countycare.errors import DataError, Problem
from countycare.indicators.table import MeasureTable

__all__ = ["from_data_value_set", "to_data_value_set"]

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DHIS2_MONTH = re.compile(r"^(\d{4})(\d{2})$")


def _period_out(period: str) -> str:
    match = _MONTH.match(period)
    return f"{match.group(1)}{match.group(2)}" if match else period


def _period_in(period: str) -> str:
    match = _DHIS2_MONTH.match(period)
    return f"{match.group(1)}-{match.group(2)}" if match else period


def _value_text(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def to_data_value_set(
    table: MeasureTable,
    *,
    data_elements: Mapping[str, str] | None = None,
    org_units: Mapping[str, str] | None = None,
    category_option_combos: Mapping[str, str] | None = None,
    data_set: str | None = None,
) -> dict[str, Any]:
    """The table as a DHIS2 ``dataValueSet`` JSON document (plain data).

    Codes without a mapping are written as they are.
    """
    data_elements = data_elements or {}
    org_units = org_units or {}
    combos = category_option_combos or {}
    values = []
    for row in table.rows():
        value: dict[str, str] = {
            "dataElement": data_elements.get(row.measure, row.measure),
            "period": _period_out(row.period),
            "orgUnit": org_units.get(row.scope, row.scope),
        }
        if row.category:
            value["categoryOptionCombo"] = combos.get(row.category, row.category)
        value["value"] = _value_text(row.value)
        values.append(value)
    document: dict[str, Any] = {"dataValues": values}
    if data_set is not None:
        document = {"dataSet": data_set, **document}
    return document


def from_data_value_set(
    document: Mapping[str, Any],
    *,
    data_elements: Mapping[str, str] | None = None,
    org_units: Mapping[str, str] | None = None,
    category_option_combos: Mapping[str, str] | None = None,
    source: str | None = None,
) -> MeasureTable:
    """Read a DHIS2 ``dataValueSet`` back into a table; the mappings are the same as for export.

    Every data value must carry a numeric value; problems are reported at
    ``$.dataValues[i].field`` and raised together as one :class:`DataError`.
    """
    back = {
        "dataElement": {v: k for k, v in (data_elements or {}).items()},
        "orgUnit": {v: k for k, v in (org_units or {}).items()},
        "categoryOptionCombo": {v: k for k, v in (category_option_combos or {}).items()},
    }
    values = document.get("dataValues")
    if not isinstance(values, list):
        raise DataError([Problem("$.dataValues", "expected a list of data values")], source)
    rows: list[tuple[str, str, str, str, float]] = []
    problems: list[Problem] = []
    for i, item in enumerate(values):
        where = f"$.dataValues[{i}]"
        if not isinstance(item, Mapping):
            problems.append(Problem(where, f"expected an object, got {item!r}"))
            continue
        missing = [k for k in ("dataElement", "period", "orgUnit", "value") if k not in item]
        if missing:
            problems.append(Problem(where, f"missing {', '.join(missing)}"))
            continue
        try:
            number = float(item["value"])
        except (TypeError, ValueError):
            problems.append(Problem(f"{where}.value", f"not a number: {item['value']!r}"))
            continue
        if not math.isfinite(number):
            problems.append(Problem(f"{where}.value", f"not a finite number: {item['value']!r}"))
            continue
        combo = str(item.get("categoryOptionCombo", ""))
        rows.append(
            (
                back["orgUnit"].get(str(item["orgUnit"]), str(item["orgUnit"])),
                _period_in(str(item["period"])),
                back["dataElement"].get(str(item["dataElement"]), str(item["dataElement"])),
                back["categoryOptionCombo"].get(combo, combo),
                number,
            )
        )
    if problems:
        raise DataError(problems, source)
    return MeasureTable.from_rows(rows)
