"""A settlement as plain data (for JSON) and as text; rendering only, no arithmetic of its own.

Examples
--------
>>> from countycare.finance.budget import FixedBudget
>>> from countycare.finance.rules_file import SettlementCase
>>> from countycare.finance.settlement import SettlementRules, Spending
>>> from countycare.units import Q_
>>> case = SettlementCase("2024", FixedBudget(Q_(100, "wan_yuan")),
...                       Spending(Q_(90, "wan_yuan"), Q_(0, "yuan")),
...                       SettlementRules(0.5, 0.5, include_out_of_county=True), None)
>>> print(render_settlement(case, case.settle()).splitlines()[0])
Settlement of 2024 (amounts in 万元 wan_yuan)
"""

from __future__ import annotations

from typing import Any

from countycare.finance.rules_file import SettlementCase
from countycare.finance.settlement import Settlement
from countycare.governance.score import Score
from countycare.units import money_number

__all__ = ["render_settlement", "settlement_summary"]

_ROWS = (
    ("budget", "Budget B", "预算"),
    ("actual", "Actual fund spending counted A", "实际基金支出"),
    ("excluded", "Out-of-county spending not counted", "未计入的县外支出"),
    ("surplus", "Surplus S = max(B − A, 0)", "结余"),
    ("retained_surplus", "Surplus retained by the community", "结余留用"),
    ("returned_surplus", "Surplus kept by the fund", "结余返还基金"),
    ("overspend", "Overspend O = max(A − B, 0)", "超支"),
    ("reasonable_overspend", "Reasonable overspend", "合理超支"),
    ("fund_overspend", "Overspend shared by the fund", "基金分担"),
    ("fund_payment", "Fund payment", "基金支付"),
    ("community_burden", "Borne by the community (negative: kept)", "医共体承担"),
)


def settlement_summary(case: SettlementCase, settlement: Settlement) -> dict[str, Any]:
    """The settlement of ``case`` as JSON-ready data: :meth:`Settlement.to_dict` of the case's
    settlement (kept for callers of 0.1; ``case.settle().to_dict()`` is the one document)."""
    if settlement.rules is None:
        settlement = case.settle()
    return settlement.to_dict()


def render_settlement(case: SettlementCase, settlement: Settlement) -> str:
    """The settlement as a two-column table in 万元, each amount exact to the fen (as many
    decimals as it needs, up to six), with the rules and the formula's status."""
    lines = [f"Settlement of {case.year} (amounts in 万元 wan_yuan)"]
    for field, en, zh in _ROWS:
        lines.append(f"  {en} ({zh}): {money_number(getattr(settlement, field), 'wan_yuan')}")
    rules = case.rules
    score = ""
    if isinstance(case.score, Score):
        score = f" at assessment score {case.score.assuming(case.unknown_as).describe()}"
    elif settlement.score is not None:
        score = f" at assessment score {settlement.score:g} (given in the file)"
    lines.append(f"Surplus share r = {settlement.surplus_share:g}{score}")
    if settlement.score_assumption:
        lines.append(f"ASSUMPTION stated by the rules: {settlement.score_assumption}")
    surplus_corridor = "none" if rules.surplus_corridor is None else f"{rules.surplus_corridor:g}"
    overspend_corridor = (
        "none"
        if rules.reasonable_overspend_corridor is None
        else f"{rules.reasonable_overspend_corridor:g}"
    )
    lines.append(
        f"Fund overspend share s = {rules.fund_overspend_share:g}; corridors (share of B): "
        f"surplus {surplus_corridor}, reasonable overspend {overspend_corridor}"
    )
    formula = settlement.formula
    lines.append(f"Formula {formula.code} [{formula.status.value}]: {formula.citation}")
    return "\n".join(lines)
