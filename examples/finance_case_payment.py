"""Pay 10,000 synthetic inpatient cases by DRG, by DIP and by bed-day, on numpy arrays.

DRG: weight × base rate × the hospital's coefficient, with explicit outlier rules. DIP: the
point value is in total-cost terms — (fund budget ÷ the fund's payment ratio) ÷ total points —
outlier cases (偏差病例, above 2× or below 0.5× their group's average cost) are re-pointed, and the
fund pays each case its value less what the patient paid; fund and patients together pay the
total-cost budget. Every parameter is explicit; the data are synthetic.
"""

from __future__ import annotations

import numpy as np

from countycare import Q_
from countycare.finance import (
    DipOutlierRules,
    DipRules,
    DrgRules,
    dip_payments,
    drg_payments,
    per_bed_day_payments,
)

rng = np.random.default_rng(2024)
n = 10_000
weights = rng.gamma(shape=2.0, scale=0.5, size=n)
group_cost = weights * 9_000  # each case's group average cost
costs = Q_(group_cost * rng.lognormal(0.0, 0.35, size=n), "yuan")
hospital = rng.choice([1.1, 1.0, 0.9], size=n)  # county hospital, TCM hospital, township centre

rules = DrgRules(
    base_rate=Q_(9_000, "yuan"), high_ratio=3.0, high_extra_share=0.9, low_ratio=0.4,
    low_cost_share=1.0,
)  # fmt: skip
drg = drg_payments(weights, costs, rules, coefficients=hospital)
total, cost = drg.sum().to("wan_yuan"), costs.sum().to("wan_yuan")
print(f"DRG: {n} cases, total {total:.1f}, actual cost {cost:.1f}")

budget = Q_(6_500, "wan_yuan")  # about 70 % of the year's inpatient cost
payment_ratio = 0.7  # the fund pays 70 % of inpatient cost
patients = costs * (1 - payment_ratio)  # what each patient paid
dip_rules = DipRules(
    payment_ratio=payment_ratio,
    fund_share="net_of_patient_paid",
    outliers=DipOutlierRules(high_ratio=2.0, low_ratio=0.5),
)
dip = dip_payments(
    weights * 100,
    budget,
    dip_rules,
    patient_paid=patients,
    costs=costs,
    group_costs=Q_(group_cost, "yuan"),
)
fund, paid = dip.payments.sum().to("wan_yuan"), patients.sum().to("wan_yuan")
print(
    f"DIP: point value {dip.point_value:.2f} (total-cost terms); "
    f"{int(dip.high.sum())} high and {int(dip.low.sum())} low outliers re-pointed; "
    f"fund {fund:.1f} + patients {paid:.1f} = {(fund + paid):.1f} (= budget ÷ {payment_ratio})"
)

days = Q_(rng.integers(1, 90, size=200), "bed_day")
beds = per_bed_day_payments(days, Q_(220, "yuan / bed_day"), cap=60)
print(f"bed-day: 200 long stays, total {beds.sum().to('wan_yuan'):.2f}")
