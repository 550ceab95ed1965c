"""Assess the Wanrong County Medical Group's tightness from its recorded practices.

Loads the packaged governance (from the 2022 interview with the group's head), assesses it on the
day of the interview and before the group existed, and shows that each item is met, not met or
unknown: practices the source does not mention are *unrecorded*, so the items they belong to
cannot be told, and the verdict lists what must be recorded. The rule "tight = every item met"
and the score are the library's reading [reconstructed].
"""

from __future__ import annotations

import datetime as dt

import attrs

from countycare import load_governance
from countycare.governance import Evidence, PracticeRecord, assess
from countycare.io import load_county

county = load_county("wanrong")
governance = load_governance("wanrong", county)

for day in (dt.date(2016, 12, 31), dt.date(2022, 3, 28)):
    result = assess(governance, day)
    print(f"{day}: {result.verdict.en}")
    for item in result.of_set("nhc-2024"):
        why = ", ".join(str(m) for m in item.missing)
        print(f"  {item.item.item} {item.item.name.zh} {item.status.value}: missing {why}")
    score = result.score()
    print(f"  score {score.describe()}")
    print(f"  if unknown counted as not met: {result.score(unknown_as='not_met').describe()}")

# What if the group showed documents for the two practices 1.1 lacks?
documents = (Evidence("document", "illustrative: a notice on county-township pay balance"),)
extra = [
    PracticeRecord("pay_balance", "implemented", dt.date(2019, 1, 1), documents),
    PracticeRecord("shared_diagnostic_centres", "implemented", dt.date(2019, 1, 1), documents),
]
what_if = attrs.evolve(governance, practices=(*governance.practices, *extra))
item = assess(what_if, dt.date(2022, 3, 28)).result("unified_resource_management")
print(f"with pay balance and shared centres recorded, 1.1 is {item.status.value}")

# And if the file recorded that the lead does not sign the insurance agreement for all members?
absent = PracticeRecord("lead_signs_insurance_agreement", "absent", dt.date(2019, 1, 1))
what_if = attrs.evolve(what_if, practices=(*what_if.practices, absent))
assessment = assess(what_if, dt.date(2022, 3, 28))
print(
    f"with the agreement recorded absent, 1.2 is "
    f"{assessment.result('democratic_decision_making').status.value}: {assessment.verdict.en}"
)
