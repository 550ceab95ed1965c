"""Drawn tables made figures a reader takes, for the round-trip tests of the exchange formats.

The public strategy ``measure_tables`` draws any value for any key, so a part may exceed its
whole (primary visits above all visits). The DHIS2 and FHIR readers refuse such a table, as a
measures file's reader does; a round trip is about the format, so each part is capped at its
whole before the table is written.
"""

from __future__ import annotations

import math

from countycare.indicators.plausibility import PARTS
from countycare.indicators.table import MeasureTable


def plausible(table: MeasureTable) -> MeasureTable:
    """``table`` with every part (:data:`PARTS`) at most its whole, at the same key; a whole
    number stays whole (capped at the whole rounded down)."""
    values = table.mapping()
    for (scope, period, code, category), value in list(values.items()):
        for part, whole in PARTS:
            total = values.get((scope, period, whole, category))
            if code == part and total is not None and value > total:
                whole_number = value == math.floor(value)
                values[(scope, period, code, category)] = (
                    float(math.floor(total)) if whole_number else total
                )
    return MeasureTable.from_rows([(*key, value) for key, value in values.items()])


def whole(table: MeasureTable) -> MeasureTable:
    """``table`` with every value rounded to a whole number: a count of a flow is whole (a
    reader refuses 1.5 referrals), and a round trip is about the format, not the fractions."""
    return MeasureTable.from_rows(
        [(*key, float(round(value))) for key, value in table.mapping().items()]
    )
