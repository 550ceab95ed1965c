"""The Wanrong county, its indicators and measures to FHIR and DHIS2, and back again.

Run: ``python examples/export_fhir_dhis2.py`` (writes two JSON files in the current folder).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from countycare import load_county
from countycare.datasets import resource
from countycare.indicators import MeasureTable
from countycare.io.dhis2 import Ids, from_data_value_set, mapping_from_metadata, to_dhis2
from countycare.io.fhir import county_from_fhir, measures_from_fhir, to_fhir_bundle

county = load_county("wanrong")
table = MeasureTable.read(resource("wanrong.measures.csv"), county=county)

# FHIR R4B: the county as Locations and Organizations, definitions as Measures, values as
# MeasureReports, and a CodeSystem for every countycare vocabulary.
bundle = to_fhir_bundle(county, table=table, what="all")
Path("wanrong-fhir.json").write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
kinds = Counter(e["resource"]["resourceType"] for e in bundle["entry"])
print("FHIR bundle:", ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())))
assert county_from_fhir(bundle) == county
assert measures_from_fhir(bundle) == table
print("FHIR read back: the same county and the same measures")

# DHIS2: a metadata package and a data value set with derived, stable UIDs.
document = to_dhis2(county, table=table, what="all")
Path("wanrong-dhis2.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
metadata = document["metadata"]
print(
    f"DHIS2 metadata: {len(metadata['organisationUnits'])} organisation units, "
    f"{len(metadata['dataElements'])} data elements, {len(metadata['indicators'])} indicators"
)
first = metadata["indicators"][0]
print(f"  {first['code']}: {first['numerator']} / {first['denominator']}")
ids = Ids(mapping_from_metadata(metadata))
assert from_data_value_set(document["dataValueSet"], ids=ids) == table
print(f"DHIS2 read back: {len(table)} values, identical table")
