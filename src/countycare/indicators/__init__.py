"""Indicators: measures, dated definitions with citations, shipped catalogues and their needs."""

from countycare.indicators.catalogues import SETS, definitions_of, indicator_set
from countycare.indicators.definitions import (
    ChecklistAnswer,
    Direction,
    IndicatorDefinition,
    IndicatorSet,
    Reference,
)
from countycare.indicators.dependencies import required_measures
from countycare.indicators.measures import (
    MEASURES,
    Measure,
    MeasureKind,
    MeasureLevel,
    PeriodRule,
    measure,
)
from countycare.indicators.table import MeasureRow, MeasureTable

__all__ = [
    "MEASURES",
    "SETS",
    "ChecklistAnswer",
    "Direction",
    "IndicatorDefinition",
    "IndicatorSet",
    "Measure",
    "MeasureKind",
    "MeasureLevel",
    "MeasureRow",
    "MeasureTable",
    "PeriodRule",
    "Reference",
    "definitions_of",
    "indicator_set",
    "measure",
    "required_measures",
]
