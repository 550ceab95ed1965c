"""The roll-up of a province: sums per county, zero-filled per county, as before per institution."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.compute as pc
import pytest

from countycare.province.model import Province
from countycare.records.dataset import dataset_paths
from countycare.records.derivable import SPECS
from countycare.records.engine_duckdb import connect, measure_region
from countycare.records.region_index import Region
from countycare.records.rollup import measure_table, rollup_sql
from countycare.records.schemas import RecordKind

CODES = ["lead_discharges", "visits", "visits_primary"]


@pytest.fixture(scope="module")
def region_run(province: Province, province_dir: Path) -> tuple[Any, Province]:
    """A DuckDB connection holding the partial sums of every county's encounters of 2024."""
    region = Region(
        province.id,
        province.counties,
        {c.id: province.prefecture_of(c.id).id for c in province.counties},
    )
    sources = {
        c.id: {"encounters": dataset_paths(province_dir, RecordKind.ENCOUNTERS, c.id, [2024])}
        for c in province.counties
    }
    con = connect()
    measure_region(region, sources, [2024], CODES, connection=con, id_cache=False)
    return con, province


def test_a_province_rolls_up_per_county_not_per_institution(
    region_run: tuple[Any, Province],
) -> None:
    """The province's roll-up never makes a row per institution and month (117 counties made
    that most of a re-run): its SQL zero-fills counties, and it names no institution."""
    sql = rollup_sql([SPECS[c] for c in CODES], "p", province=True)
    assert "SELECT DISTINCT d.cty" in sql
    con, province = region_run
    table = measure_table(con, CODES, province.id, province=True)
    scopes = set(table.scope.tolist())
    assert scopes == {province.id} | {c.id for c in province.counties} | {
        p.id for p in province.prefectures
    }


def test_a_county_with_no_institution_a_measure_applies_to_gets_no_row(
    region_run: tuple[Any, Province],
) -> None:
    """A county without a lead hospital (its hospital no longer marked the lead) has no lead
    discharges at all, not zero of them (zero would pass for a hospital that discharged
    nobody); its other measures are unchanged, and the province's lead discharges are the
    other counties' sum."""
    con, province = region_run
    before = measure_table(con, CODES, province.id, province=True)
    without = province.counties[0].id
    dims = con.sql("SELECT * FROM dim_institutions").to_arrow_table()
    leads = pc.and_(pc.equal(dims["county_id"], without), dims["is_lead"])
    assert pc.any(leads).as_py()
    at = dims.schema.get_field_index("is_lead")
    demoted = dims.set_column(at, "is_lead", pc.and_(dims["is_lead"], pc.invert(leads)))
    con.register("dim_institutions", demoted)
    after = measure_table(con, CODES, province.id, province=True)
    assert after.get(without, "2024", "lead_discharges") is None
    assert after.get(without, "2024-03", "lead_discharges") is None
    assert after.get(without, "2024", "visits") == before.get(without, "2024", "visits")
    others = [c.id for c in province.counties[1:]]
    assert after.get(province.id, "2024", "lead_discharges") == sum(
        before.get(c, "2024", "lead_discharges") or 0 for c in others
    )
    assert before.get(without, "2024", "lead_discharges")
