"""A compact way to write catalogue entries (private to the catalogues)."""

from __future__ import annotations

import datetime as dt

import attrs

from countycare.indicators.definitions import Direction, IndicatorDefinition, Reference
from countycare.indicators.formulas import Formula
from countycare.labels import Name, SourceStatus


def define(
    set_code: str,
    reference: Reference,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
) -> _Define:
    """A builder of definitions that share a set, a reference and a validity."""
    return _Define(set_code, reference, valid_from, valid_to)


class _Define:
    def __init__(
        self, set_code: str, reference: Reference, valid_from: dt.date, valid_to: dt.date | None
    ) -> None:
        self.set_code, self.reference = set_code, reference
        self.valid_from, self.valid_to = valid_from, valid_to

    def __call__(
        self,
        item: str,
        code: str,
        en: str,
        zh: str,
        formula: Formula,
        unit: str,
        direction: Direction | None,
        status: SourceStatus,
        *,
        toward: float | None = None,
        clause: str = "",
        note: str = "",
    ) -> IndicatorDefinition:
        reference = self.reference
        if clause:
            reference = attrs.evolve(reference, clause=clause)
        return IndicatorDefinition(
            code=code,
            name=Name(en, zh),
            set_code=self.set_code,
            item=item,
            formula=formula,
            unit=unit,
            direction=direction,
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            reference=reference,
            status=status,
            toward=toward,
            note=note,
        )
