"""Assess the Wanrong County Medical Group's tightness from its recorded practices.

Loads the packaged governance (from the 2022 interview with the group's head), assesses it on the
day of the interview and before the group existed, and shows what an added practice changes.
"""

from __future__ import annotations

import datetime as dt

import attrs

from countycare.governance import Evidence, PracticeRecord, assess
from countycare.governance.files import load_governance
from countycare.io import load_county

county = load_county("wanrong")
governance = load_governance("wanrong", county)

for day in (dt.date(2016, 12, 31), dt.date(2022, 3, 28)):
    result = assess(governance, day)
    print(f"{day}: {result.verdict.en}; nhc-2024 items met: {result.score():.0f} per 100")
    for item in result.of_set("nhc-2024"):
        print(f"  {item.item.item} {item.item.name.zh} met={item.met} missing={list(item.missing)}")

# What if the group showed documents for the two practices 1.1 lacks?
documents = (Evidence("document", "illustrative: a notice on county-township pay balance"),)
extra = [
    PracticeRecord("pay_balance", "implemented", dt.date(2019, 1, 1), documents),
    PracticeRecord("shared_diagnostic_centres", "implemented", dt.date(2019, 1, 1), documents),
]
what_if = attrs.evolve(governance, practices=(*governance.practices, *extra))
item = assess(what_if, dt.date(2022, 3, 28)).result("unified_resource_management")
print(f"with pay balance and shared centres recorded, 1.1 met: {item.met}")
