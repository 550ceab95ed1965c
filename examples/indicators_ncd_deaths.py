"""Classify death records by ICD-10 code and age into the ncd4_deaths measure of item 5.2.

The records here are invented for the example; real ones come from the death registration
system with the underlying cause coded in ICD-10.
"""

from __future__ import annotations

from countycare.indicators import (
    AGE_BANDS_30_69,
    MeasureTable,
    classify_deaths,
    evaluate,
    indicator_set,
)


def main() -> None:
    """Classify a handful of deaths and compute the premature NCD mortality."""
    records = [
        {"scope": "wanrong", "period": "2024", "icd10": code, "age": age}
        for code, age in [
            ("I21.9", 58),
            ("I63.9", 66),
            ("C34.1", 64),
            ("C16.9", 52),
            ("J44.1", 68),
            ("E11.9", 47),
            ("A15.0", 52),
            ("V89.2", 35),
            ("I63.9", 81),
        ]
    ]
    result = classify_deaths(records)
    print(
        f"{result.records} records: {result.ncd_in_bands} NCD deaths aged 30-69, "
        f"{result.other_causes} other causes, {result.outside_ages} outside 30-69"
    )
    for group, count in result.by_group.items():
        print(f"  {group.en} ({group.zh}): {count}")
    population = MeasureTable.from_rows(
        ("wanrong", "2024", "population_by_age", band, 30_000.0) for band in AGE_BANDS_30_69
    )
    table = MeasureTable.concat([result.table, population])
    definition = indicator_set("nhc-2024").get("premature_ncd_mortality")
    value = evaluate(definition, table, "wanrong", "2024")
    print(f"premature NCD mortality, 2024: {value.value:.3f} %")


if __name__ == "__main__":
    main()
