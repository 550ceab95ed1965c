"""Pay 10,000 synthetic inpatient cases by DRG, by DIP and by bed-day, on numpy arrays.

DIP's point value is the budget divided by the total points, so its payments add up to the
budget exactly; DRG's total depends on the case mix and the outlier rules. Data are synthetic.
"""

from __future__ import annotations

import numpy as np

from countycare.finance import DrgRules, dip_payments, drg_payments, per_bed_day_payments
from countycare.units import Q_

rng = np.random.default_rng(2024)
n = 10_000
weights = rng.gamma(shape=2.0, scale=0.5, size=n)
costs = Q_(weights * 9_000 * rng.lognormal(0.0, 0.35, size=n), "yuan")

rules = DrgRules(
    base_rate=Q_(9_000, "yuan"), high_ratio=3.0, high_extra_share=0.9, low_ratio=0.4,
    low_cost_share=1.0,
)  # fmt: skip
drg = drg_payments(weights, costs, rules)
total, cost = drg.sum().to("wan_yuan"), costs.sum().to("wan_yuan")
print(f"DRG: {n} cases, total {total:.1f}, actual cost {cost:.1f}")

budget = Q_(9_000, "wan_yuan")
dip = dip_payments(points=weights * 100, budget=budget)
paid = dip.payments.sum().to("wan_yuan")
print(f"DIP: point value {dip.point_value:.2f}, total {paid:.1f} (= budget)")

days = Q_(rng.integers(1, 90, size=200), "bed_day")
beds = per_bed_day_payments(days, Q_(220, "yuan / bed_day"), cap=60)
print(f"bed-day: 200 long stays, total {beds.sum().to('wan_yuan'):.2f}")
