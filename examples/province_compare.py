"""A province in one run: draw six counties, measure them all at once, rank them.

Writes a small synthetic province to ./province (six counties copied from the Wanrong model, each
with its own population, care pattern and founding date; scale 0.01), measures every county's
visits, primary visits and fund spending in one scan of each kind of record, and compares the
counties on two ``nhc-2024`` indicators: rank, quartile, the prefectures and the province as
ratios of sums, and the national reference where the library ships one.
"""

from __future__ import annotations

from countycare.province import compare_province, measure_province, write_synthetic_province

province = write_synthetic_province("province", 6, [2024], seed=1, scale=0.01)
print(f"{province.name.en}: {len(province.counties)} counties, {province.population:,} residents")

result = measure_province(
    province,
    "province",
    measures=[
        "visits",
        "visits_primary",
        "fund_spending_in_county_ex_pharmacy",
        "fund_spending_insured_ex_pharmacy",
    ],
)
print(f"rows read: {sum(r.read for r in result.reports.values()):,}, rejected: {result.rejected}")

comparison = compare_province(
    result.table,
    province,
    "nhc-2024",
    "2024",
    indicators=["primary_visit_share", "fund_in_county_share"],
)
print(comparison.to_text())

share = next(i for i in comparison.indicators if i.definition.code == "primary_visit_share")
visits = result.table.get(province.id, "2024", "visits")
primary = result.table.get(province.id, "2024", "visits_primary")
assert visits is not None and primary is not None
print(f"province share = {primary:,.0f} / {visits:,.0f} = {share.province.value:.2f} %")
