"""Measure values as DHIS2 data value sets, both ways (JSON, and the CSV DHIS2 exports).

=====================  ==========================  ===============================================
countycare             DHIS2                       note
=====================  ==========================  ===============================================
``measure``            ``dataElement``             UID or code, as the id scheme says
``period``             ``period``                  ``2024``, ``2024Q1``; months ``2024-03`` ↔
                                                   ``202403``
``scope``              ``orgUnit``                 UID or code
``category``           ``categoryOptionCombo``     UID or code; ``""`` ↔ omitted (the default
                                                   combo)
``value``              ``value``                   text, in the measure's own unit
=====================  ==========================  ===============================================

With the ``code`` id scheme the document declares ``idScheme``, ``dataElementIdScheme``,
``orgUnitIdScheme`` and ``categoryOptionComboIdScheme`` = ``CODE``. Reading back, a declared
``CODE`` scheme takes the codes as they are; otherwise each UID is looked up among the UIDs of
the known codes (the data dictionary, the age bands, the county's areas and institutions, a
mapping file or a metadata package). Every bad row is reported at its place
(``$.dataValues[3].value``, ``row 4, column value``) and all are raised together.

Reading back is :mod:`countycare.io.dhis2.read`.

Examples
--------
>>> from countycare.indicators.table import MeasureTable
>>> from countycare.io.dhis2.uids import IdScheme
>>> table = MeasureTable.from_rows([("wanrong", "2024-03", "visits", "", 210000.0)])
>>> doc = to_data_value_set(table, scheme=IdScheme.CODE)
>>> doc["idScheme"], doc["dataValues"][0]
('CODE', {'dataElement': 'visits', 'period': '202403', 'orgUnit': 'wanrong', 'value': '210000'})
>>> from countycare.io.dhis2.read import from_data_value_set
>>> from_data_value_set(doc) == table
True
"""

from __future__ import annotations

import re
from typing import Any

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.errors import DataError, Problem
from countycare.indicators.measure_checks import writing_problems
from countycare.indicators.measures import MEASURES
from countycare.indicators.table import MeasureTable
from countycare.io.dhis2.metadata import value_type
from countycare.io.dhis2.uids import Ids, IdScheme

__all__ = ["FIELDS", "dhis2_period", "to_data_value_set"]

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
#: The fields of a data value that name objects, each with its own id scheme.
FIELDS = ("dataElement", "orgUnit", "categoryOptionCombo")


@boundary
def dhis2_period(period: str) -> str:
    """A countycare period as DHIS2 writes it: ``2024``, ``2024Q1``, ``202403``.

    >>> dhis2_period("2024-03"), dhis2_period("2024Q1")
    ('202403', '2024Q1')
    """
    match = _MONTH.match(period)
    return f"{match.group(1)}{match.group(2)}" if match else period


def _value_text(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


@boundary
def to_data_value_set(
    table: MeasureTable,
    *,
    ids: Ids | None = None,
    scheme: IdScheme | str = IdScheme.UID,  # Coded[IdScheme], spelt out for the docs' links
    data_set: str | None = None,
    county: County | None = None,
    source: str | None = None,
) -> dict[str, Any]:
    """The table as a DHIS2 ``dataValueSet`` JSON document (plain data).

    ``data_set`` is the data set's code (its UID is derived or mapped like the rest). Every
    measure must be in the data dictionary, a whole-number data element must get whole values
    ≥ 0, and with ``county`` every scope must be one of its areas or institutions; then the
    values get the checks :func:`~countycare.io.dhis2.read_dhis2_data` makes on reading them
    back (:func:`~countycare.indicators.writing_problems`: a finite value from 0 to
    10^15, no part above its whole…). Rows that break these are reported together in one
    :class:`DataError`, and nothing is written.
    """
    scheme = coerce.vocabulary(IdScheme, scheme, "scheme")
    ids = ids or Ids()
    problems: list[Problem] = []
    values = []

    def name(kind: str, code: str) -> str:
        return code if scheme is IdScheme.CODE else ids.uid(kind, code)

    for n, row in enumerate(table.rows()):
        where = f"row {n + 1} ({row.scope}, {row.period}, {row.measure})"
        measure = MEASURES.get(row.measure)
        if measure is None:
            problems.append(Problem(where, f"measure {row.measure!r} has no DHIS2 data element"))
            continue
        if county is not None and not (
            county.has_area(row.scope) or county.has_institution(row.scope)
        ):
            problems.append(
                Problem(where, f"scope {row.scope!r} is no area or institution of {county.id!r}")
            )
            continue
        if value_type(measure) != "NUMBER" and not (row.value.is_integer() and row.value >= 0):
            problems.append(
                Problem(
                    where,
                    f"{row.value!r} is not a whole number ≥ 0, as data element "
                    f"{row.measure!r} ({value_type(measure)}) needs",
                )
            )
            continue
        value: dict[str, str] = {
            "dataElement": name("dataElement", row.measure),
            "period": dhis2_period(row.period),
            "orgUnit": name("organisationUnit", row.scope),
        }
        if row.category:
            value["categoryOptionCombo"] = name("categoryOptionCombo", row.category)
        value["value"] = _value_text(row.value)
        values.append(value)
    if not problems:  # what is written reads back: the importer's checks of measure values
        problems = writing_problems(table)
    if problems:
        raise DataError(problems, source)
    document: dict[str, Any] = {}
    if scheme is IdScheme.CODE:
        document.update({f"{k}IdScheme": "CODE" for k in ("", *FIELDS)})
        document["idScheme"] = document.pop("IdScheme")
    if data_set is not None:
        document["dataSet"] = name("dataSet", data_set)
    document["dataValues"] = values
    return document
