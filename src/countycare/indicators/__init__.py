"""Indicators: the measures they are computed from, and (in later modules) their definitions."""

from countycare.indicators.measures import (
    MEASURES,
    Measure,
    MeasureKind,
    PeriodRule,
    measure,
)
from countycare.indicators.table import MeasureRow, MeasureTable

__all__ = [
    "MEASURES",
    "Measure",
    "MeasureKind",
    "MeasureRow",
    "MeasureTable",
    "PeriodRule",
    "measure",
]
