"""Money: the global budget, its year-end settlement, and case-based payment (DRG, DIP, bed-day).

- :mod:`~countycare.finance.formulas`: every formula with unit, citation and status;
- :mod:`~countycare.finance.budget`: history-based, capitation and fixed budgets;
- :mod:`~countycare.finance.rules`: the local rules of a settlement (shares, score bands,
  corridors);
- :mod:`~countycare.finance.settlement`: surplus retained, reasonable overspend shared;
- :mod:`~countycare.finance.payment`: DRG, per-bed-day, compensation ratios, out-of-pocket;
- :mod:`~countycare.finance.dip`: DIP point value in total-cost terms, outliers, fund payment;
- :mod:`~countycare.finance.rules_file`: the TOML file of ``countycare settle``.

Amounts are pint quantities of the one registry (:mod:`countycare.units`), never bare floats.
"""

from countycare.finance.budget import Budget, CapitationBudget, FixedBudget, HistoryBudget
from countycare.finance.dip import (
    DipFundShare,
    DipOutlierRules,
    DipResult,
    DipRules,
    dip_payments,
)
from countycare.finance.formulas import FORMULAS, Formula
from countycare.finance.payment import (
    DrgRules,
    actual_compensation_ratio,
    drg_payments,
    in_scope_reimbursement_rate,
    out_of_pocket,
    per_bed_day_payments,
)
from countycare.finance.rules_file import load_settlement_case
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
    "DipFundShare",
    "DipOutlierRules",
    "DipResult",
    "DipRules",
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
    "in_scope_reimbursement_rate",
    "load_settlement_case",
    "out_of_pocket",
    "per_bed_day_payments",
    "settle",
    "settle_years",
]
