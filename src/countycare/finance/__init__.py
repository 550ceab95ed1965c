"""Money: the global budget, its year-end settlement, and case-based payment (DRG, DIP, bed-day).

- :mod:`~countycare.finance.formulas`: every formula with unit, citation and status;
- :mod:`~countycare.finance.budget`: history-based, capitation and fixed budgets;
- :mod:`~countycare.finance.settlement`: surplus retained, reasonable overspend shared;
- :mod:`~countycare.finance.payment`: DRG, DIP, per-bed-day, compensation ratio, out-of-pocket;
- :mod:`~countycare.finance.rules_file`: the TOML file of ``countycare settle``.

Amounts are pint quantities of the one registry (:mod:`countycare.units`), never bare floats.
"""

from countycare.finance.budget import Budget, CapitationBudget, FixedBudget, HistoryBudget
from countycare.finance.formulas import FORMULAS, Formula
from countycare.finance.payment import (
    DipResult,
    DrgRules,
    actual_compensation_ratio,
    dip_payments,
    drg_payments,
    out_of_pocket,
    per_bed_day_payments,
)
from countycare.finance.settlement import (
    ScoreBand,
    ScoreLinkedShare,
    Settlement,
    SettlementRules,
    Spending,
    YearInput,
    settle,
    settle_years,
)

__all__ = [
    "FORMULAS",
    "Budget",
    "CapitationBudget",
    "DipResult",
    "DrgRules",
    "FixedBudget",
    "Formula",
    "HistoryBudget",
    "ScoreBand",
    "ScoreLinkedShare",
    "Settlement",
    "SettlementRules",
    "Spending",
    "YearInput",
    "actual_compensation_ratio",
    "dip_payments",
    "drg_payments",
    "out_of_pocket",
    "per_bed_day_payments",
    "settle",
    "settle_years",
]
