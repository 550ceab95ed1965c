"""Build the Wanrong referral network from records, read its numbers, and draw it.

The records are synthetic (seeded) and include a few bad rows on purpose, to show that every row
is either counted or rejected with its reason: ``lenient=True`` skips and counts them (without it,
a bad row is an error naming its row and column). Writes ``wanrong_referrals.png`` to the current
directory when matplotlib (the ``plot`` extra) is installed.
"""

from __future__ import annotations

import pyarrow.csv as pacsv

from countycare import CareSetting, Period, ReferralDirection, ReferralStatus, load_county
from countycare.indicators import MeasureTable
from countycare.referrals import (
    PlotUnavailableError,
    build_network,
    difference,
    down_up_ratio,
    lead_concentration,
    referral_measures,
    referral_rate,
    save_network_plot,
    synthetic_referrals,
    totals_by_direction,
    township_bypass,
    unreachable_members,
)

county = load_county("wanrong")
q1, q2 = Period.parse("2024Q1"), Period.parse("2024Q2")

# Records as a user would have them: a CSV file per quarter, with a few bad rows.
for period, seed in ((q1, 1), (q2, 2)):
    records = synthetic_referrals(county, period, 40_000, seed=seed, defects=0.005)
    pacsv.write_csv(records, f"referrals-{period}.csv")

first = build_network(f"referrals-{q1}.csv", county, q1, lenient=True)
second = build_network(f"referrals-{q2}.csv", county, q2, lenient=True)

read = first.summaries[0]
print(
    f"{read.source}: {read.rows_read} rows read = {read.rows_accepted} accepted "
    f"+ {read.rows_rejected} rejected"
)
for reason, n in read.rejected_by_reason().items():
    print(f"  {reason.en}: {n}")
print("  first:", read.problems(limit=1)[0])

half_year = first + second
# Issued and completed: the measures (downward_referrals …) count completed referrals only,
# on this path as in `countycare measure`; pending and cancelled ones are measures of their own.
completed = totals_by_direction(half_year, status=ReferralStatus.COMPLETED)
print(f"\nReferrals in {half_year.period_label()} by direction (issued, completed):")
for direction, n in totals_by_direction(half_year).items():
    print(f"  {direction.en:<16} {direction.zh:<3} {n:>7,} {completed[direction]:>7,}")
print(down_up_ratio(half_year))
print(lead_concentration(half_year, county))

bypass = sorted(township_bypass(half_year, county), key=lambda b: -(b.bypass_share.value or 0))
print("\nTownships whose villages most often bypass the township centre:")
for b in bypass[:3]:
    print(f"  {b.township}: {b.bypass_share.value:.0%} of {b.total} upward referrals")
print(
    "Members with no referral path to the lead:", unreachable_members(half_year, county) or "none"
)

change = difference(first, second)
print(f"\nUpward referrals, {q1} → {q2}: {change.change(ReferralDirection.UP):+d}")

# A rate names its denominator: here the lead hospital's inpatients sent down per discharge.
# The discharge count is an illustrative input, not a figure from a source.
discharges = MeasureTable.from_rows([("wr-cgh", str(q1), "lead_discharges", "", 9_000.0)])
rate = referral_rate(
    first,
    ReferralDirection.DOWN,
    discharges,
    "lead_discharges",
    scope="wr-cgh",
    setting=CareSetting.INPATIENT,
)
print(rate)

measures = referral_measures(first, county)
print(
    f"\n{len(measures)} measure rows for {q1}; county upward_referrals =",
    measures.get("wanrong", str(q1), "upward_referrals"),
)

try:
    path = save_network_plot(half_year, county, "wanrong_referrals.png")
    print("Picture:", path)
except PlotUnavailableError as exc:
    print(exc)
