"""Export the Wanrong county to FHIR, and a table of measures to a DHIS2 data value set.

Run: ``python examples/export_fhir_dhis2.py`` (writes two JSON files in the current folder).
"""

from __future__ import annotations

import json
from pathlib import Path

from countycare import load_county
from countycare.indicators.table import MeasureTable
from countycare.io.dhis2 import from_data_value_set, to_data_value_set
from countycare.io.fhir import county_to_fhir

county = load_county("wanrong")

# FHIR: every institution becomes an Organization; memberships become OrganizationAffiliations.
bundle = county_to_fhir(county)
Path("wanrong-fhir.json").write_text(
    json.dumps(bundle, ensure_ascii=False, indent=2), encoding="utf-8"
)
kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
print(
    f"FHIR bundle: {kinds.count('Organization')} Organizations, "
    f"{kinds.count('OrganizationAffiliation')} OrganizationAffiliations"
)

# DHIS2: a (made-up) month of visits per township centre, with org-unit UIDs of a target instance.
table = MeasureTable.from_rows(
    [(f"wr-thc-{t:02d}", "2024-03", "visits", "", 9000.0 + 250 * t) for t in range(1, 15)]
)
org_units = {f"wr-thc-{t:02d}": f"WRthc{t:06d}" for t in range(1, 15)}
document = to_data_value_set(table, org_units=org_units, data_set="CountyCare01")
Path("visits-dhis2.json").write_text(json.dumps(document, indent=2), encoding="utf-8")
print(
    f"DHIS2 data value set: {len(document['dataValues'])} values, first {document['dataValues'][0]}"
)
assert from_data_value_set(document, org_units=org_units) == table
print("read back: identical table")
