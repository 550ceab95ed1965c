"""Settle three years of a history-based global budget with a score-linked surplus share.

Each year's budget rolls the previous year's counted spending into the history; the surplus share
rises with the assessment score. Amounts are illustrative, not Wanrong's.
"""

from __future__ import annotations

from countycare import Q_
from countycare.finance import (
    HistoryBudget,
    ScoreBand,
    ScoreLinkedShare,
    SettlementRules,
    Spending,
    YearInput,
    settle_years,
)

rules = SettlementRules(
    surplus_share=ScoreLinkedShare((ScoreBand(0, 0.3), ScoreBand(60, 0.5), ScoreBand(90, 0.7))),
    fund_overspend_share=0.5,
    include_out_of_county=True,
    surplus_corridor=0.10,
    reasonable_overspend_corridor=0.05,
)
start = HistoryBudget(
    past_actual=(Q_(1.55, "yi_yuan"), Q_(1.62, "yi_yuan"), Q_(1.70, "yi_yuan")),
    weights=(0.2, 0.3, 0.5),
    growth=0.04,
    reserve_share=0.03,
)
years = [
    YearInput("2022", Spending(Q_(1.40, "yi_yuan"), Q_(0.22, "yi_yuan")), score=67.0),
    YearInput("2023", Spending(Q_(1.52, "yi_yuan"), Q_(0.24, "yi_yuan")), score=100.0),
    YearInput("2024", Spending(Q_(1.55, "yi_yuan"), Q_(0.20, "yi_yuan")), score=33.0),
]
print(
    f"{'year':<6}{'budget':>10}{'actual':>10}{'retained':>10}{'fund pays':>11}{'borne':>9}  (万元)"
)
for year, s in settle_years(start, years, rules):
    row = [s.budget, s.actual, s.retained_surplus, s.fund_payment, s.community_burden]
    values = [q.to("wan_yuan").magnitude for q in row]
    print(f"{year:<6}" + "".join(f"{v:>10,.0f}" for v in values) + f"   r={s.surplus_share}")
print(f"formula status: {s.formula.status.value} ({s.formula.code})")
