"""Compute the nhc-2024 and five-up-three-down scorecards of Wanrong from the packaged figures.

The packaged measures are illustrative (the library says so); the scorecard is also written as
JSON to ``scorecard.json`` in the current folder.
"""

from __future__ import annotations

import json
from pathlib import Path

from countycare.indicators import ChecklistAnswer, build_scorecard, packaged_measures, roll_up
from countycare.indicators.catalogues import indicator_set
from countycare.io import load_county


def main() -> None:
    """Print two scorecards and save one as JSON."""
    county = load_county("wanrong")
    table, info = packaged_measures("wanrong")
    table = roll_up(table, county)
    print(info.label)
    answers = {
        "democratic_decision_making": ChecklistAnswer(
            "democratic_decision_making", "met", evidence=("illustrative answer",)
        )
    }
    card = build_scorecard(indicator_set("nhc-2024"), table, county.id, "2024", answers=answers)
    print(card.to_text())
    line = card["3.1"]  # or card["primary_visit_share"]
    beside = line.reference.describe() if line.reference else "-"
    print(
        f"\n3.1 {line.code}: {line.value.value:.2f} % [{line.definition_status.value}], "
        f"verdict {line.verdict.value}; beside it: {beside}"
    )
    print(card.to_arrow().select(["item", "code", "value", "verdict"]).slice(6, 3))
    print()
    five_up = build_scorecard(
        indicator_set("wanrong-five-up-three-down"),
        table,
        county.id,
        "2021",
        baseline_period="2017",
    )
    print(five_up.to_text())
    Path("scorecard.json").write_text(
        json.dumps(card.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    print("\nwrote scorecard.json")


if __name__ == "__main__":
    main()
