"""Indicators: measures, dated definitions with citations, catalogues, evaluation and targets.

Examples
--------
>>> from countycare.indicators import MeasureTable, evaluate, indicator_set
>>> t = MeasureTable.from_rows(
...     [("c", "2024", "visits_tcm", "", 17.0), ("c", "2024", "visits", "", 100.0)]
... )
>>> evaluate(indicator_set("nhc-2024").get("tcm_visit_share"), t, "c", "2024").value
17.0
"""

from countycare.indicators.answers import ChecklistAnswer
from countycare.indicators.baselines import evaluate_baseline
from countycare.indicators.catalogues import SETS, all_definitions, definitions_of, indicator_set
from countycare.indicators.change import (
    Change,
    ChangeKind,
    change_between,
    percentage_point_change,
    relative_change,
)
from countycare.indicators.claims import WANRONG_CLAIMS, ReportedChange
from countycare.indicators.definitions import (
    Direction,
    IndicatorDefinition,
    IndicatorSet,
    Reference,
)
from countycare.indicators.dependencies import dependency_graph, required_measures
from countycare.indicators.evaluation import (
    IndicatorValue,
    IndicatorValues,
    UndefinedReason,
    ValueStatus,
    combine,
    evaluate,
    evaluate_many,
    evaluate_set,
)
from countycare.indicators.files import read_measures, write_measures
from countycare.indicators.measure_checks import writing_problems
from countycare.indicators.measures import (
    AGE_BANDS_30_69,
    MEASURES,
    Measure,
    MeasureKind,
    MeasureLevel,
    PeriodRule,
    measure,
)
from countycare.indicators.national_targets import (
    NATIONAL_REFERENCES,
    NATIONAL_TARGETS,
    NATIONAL_TARGETS_2015,
    national_book,
)
from countycare.indicators.ncd_deaths import ClassifiedDeaths, classify_deaths, ncd_group
from countycare.indicators.rollup import roll_up, roll_up_periods
from countycare.indicators.samples import packaged_measures
from countycare.indicators.scorecard import (
    Scorecard,
    ScorecardRow,
    UnknownLineError,
    build_scorecard,
)
from countycare.indicators.table import MeasureRow, MeasureTable
from countycare.indicators.target_files import read_targets
from countycare.indicators.targets import (
    Comparator,
    ReferenceValue,
    Target,
    TargetBook,
    TargetScope,
    TargetStatus,
)

__all__ = [
    "AGE_BANDS_30_69",
    "MEASURES",
    "NATIONAL_REFERENCES",
    "NATIONAL_TARGETS",
    "NATIONAL_TARGETS_2015",
    "SETS",
    "WANRONG_CLAIMS",
    "Change",
    "ChangeKind",
    "ChecklistAnswer",
    "ClassifiedDeaths",
    "Comparator",
    "Direction",
    "IndicatorDefinition",
    "IndicatorSet",
    "IndicatorValue",
    "IndicatorValues",
    "Measure",
    "MeasureKind",
    "MeasureLevel",
    "MeasureRow",
    "MeasureTable",
    "PeriodRule",
    "Reference",
    "ReferenceValue",
    "ReportedChange",
    "Scorecard",
    "ScorecardRow",
    "Target",
    "TargetBook",
    "TargetScope",
    "TargetStatus",
    "UndefinedReason",
    "UnknownLineError",
    "ValueStatus",
    "all_definitions",
    "build_scorecard",
    "change_between",
    "classify_deaths",
    "combine",
    "definitions_of",
    "dependency_graph",
    "evaluate",
    "evaluate_baseline",
    "evaluate_many",
    "evaluate_set",
    "indicator_set",
    "measure",
    "national_book",
    "ncd_group",
    "packaged_measures",
    "percentage_point_change",
    "read_measures",
    "read_targets",
    "relative_change",
    "required_measures",
    "roll_up",
    "roll_up_periods",
    "write_measures",
    "writing_problems",
]
