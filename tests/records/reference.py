"""A plain-Python reference for the engine: count and sum records one by one (small inputs only)."""

from __future__ import annotations

from collections import defaultdict

import pyarrow as pa

from countycare.community import County
from countycare.labels import InstitutionKind


def encounter_measures(county: County, table: pa.Table, year: int) -> dict[tuple[str, str], float]:
    """(scope, measure) → value for the year, from encounters, by plain loops."""
    out: dict[tuple[str, str], float] = defaultdict(float)
    lead = county.communities[0].lead
    for row in table.to_pylist():
        inst = county.institution(row["institution_id"])
        scopes = [inst.id, county.id]
        town = county.township_of(inst.id)
        if town is not None:
            scopes.append(town.id)
        visit = row["setting"] != "inpatient"
        admitted = row["setting"] == "inpatient"
        for scope in scopes:
            if visit:
                out[(scope, "visits")] += 1
                out[(scope, "visits_tcm")] += row["tcm"]
                if inst.is_primary:
                    out[(scope, "visits_primary")] += 1
            if row["setting"] == "outpatient" and inst.kind in (
                InstitutionKind.TOWNSHIP_HEALTH_CENTRE,
                InstitutionKind.TOWNSHIP_BRANCH,
            ):
                out[(scope, "township_outpatient_visits")] += 1
            if admitted and row["insured"]:
                out[(scope, "admissions_insured_in_county")] += 1
                out[(scope, "inpatient_cost_insured_in_county")] += row["total_cost"]
            discharge = row["discharge_date"]
            if admitted and inst.id == lead and discharge is not None and discharge.year == year:
                out[(scope, "lead_discharges")] += 1
        if row["resident"]:
            out[(county.id, "total_cost_residents")] += row["total_cost"]
            out[(county.id, "fund_paid_residents")] += row["fund_paid"]
    return dict(out)


def claim_measures(county: County, table: pa.Table) -> dict[tuple[str, str], float]:
    """(scope, measure) → value for the year, from claims, by plain loops."""
    out: dict[tuple[str, str], float] = defaultdict(float)
    for row in table.to_pylist():
        if row["pharmacy"]:
            continue
        out[(county.id, "fund_spending_insured_ex_pharmacy")] += row["fund_paid"]
        out[(county.id, "admissions_insured_total")] += row["setting"] == "inpatient"
        if row["institution_id"] == "outside":
            continue
        out[(county.id, "fund_spending_in_county_ex_pharmacy")] += row["fund_paid"]
        inst = county.institution(row["institution_id"])
        if inst.is_primary:
            town = county.township_of(inst.id)
            for scope in (inst.id, county.id, *([town.id] if town else [])):
                out[(scope, "fund_spending_primary")] += row["fund_paid"]
    return dict(out)
