"""Roll institution figures up to townships and the county, and see why ratios pool as sums.

Two townships with very different sizes: the county's primary visit share is the ratio of the
summed visits, not the mean of the townships' shares.
"""

from __future__ import annotations

from countycare.indicators import MeasureTable, combine, evaluate, evaluate_many, roll_up
from countycare.indicators.catalogues import indicator_set
from countycare.testing import small_county


def main() -> None:
    """Print township and county values, and the (wrong) mean of ratios for contrast."""
    county = small_county()
    table = MeasureTable.from_rows(
        [
            ("c", "2024", "visits", "", 900.0),  # county hospital, in township t1
            ("t1-thc", "2024", "visits", "", 80.0),
            ("t1-vc", "2024", "visits", "", 20.0),
            ("t2-thc", "2024", "visits", "", 9.0),
        ]
    )
    rolled = roll_up(table, county)
    share = indicator_set("nhc-2024").get("primary_visit_share")
    townships = [t.id for t in county.townships]
    values = evaluate_many(share, rolled, townships, ["2024"] * len(townships))
    for value in values:
        print(f"{value.scope}: {value.value:.1f} % of visits at primary institutions")
    pooled = combine(values, county.id, "2024")
    direct = evaluate(share, rolled, county.id, "2024")
    mean = sum(v.require() for v in values) / len(values)
    print(f"county (ratio of sums): {pooled.require():.1f} % = {direct.require():.1f} %")
    print(f"mean of the townships' ratios (not the indicator): {mean:.1f} %")


if __name__ == "__main__":
    main()
