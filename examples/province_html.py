"""The counties of a province compared, as one self-contained HTML page (Chinese and English).

Draws a tiny synthetic province (four counties at scale 0.005), measures every county in one
run, then writes the comparison page of three ``nhc-2024`` indicators: per indicator the
prefectures and the province (ratios of sums), the national reference, a chart and a table of
the counties ranked, the counties off target flagged and those undefined with their reason.
The same page comes from ``countycare compare MEASURES --province FILE … --html FILE``.

Run: python examples/province_html.py   (writes province-zh.html and province-en.html here)
"""

from countycare.province import compare_province, measure_province, write_synthetic_province
from countycare.report import build_province_report, render_province_html, write_html

province = write_synthetic_province("province", 4, [2024], seed=2, scale=0.005)
table = measure_province(province, "province").table

comparison = compare_province(
    table,
    province,
    "nhc-2024",
    "2024",
    indicators=["primary_visit_share", "fund_in_county_share", "tcm_visit_share"],
)
report = build_province_report(comparison, province)  # the page: the comparison, with names
share = comparison.indicators[0]
best = share.ranked[0]
print(
    f"{share.definition.name.en}: province {share.province.value:.2f} %, "
    f"best {best.county} ({best.value.value:.2f} %), national reference "
    f"{share.reference.describe() if share.reference else 'none'}"
)
print(f"figures in doubt: {len(comparison.doubts)}")
for lang in ("zh", "en"):
    path = write_html(render_province_html(report, lang), f"province-{lang}.html")
    print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")
