"""The DuckDB engine: its measures equal plain counts and sums, whatever the input's form."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from countycare.community import County
from countycare.errors import DataError, DefinitionError, PeriodError
from countycare.indicators.measures import MEASURES, PeriodRule
from countycare.indicators.table import MeasureTable
from countycare.records.derivable import DERIVABLE, NOT_DERIVABLE
from countycare.records.engine_duckdb import measure_records
from countycare.records.schemas import RecordKind
from countycare.testing.records import claim_tables, encounter_tables, small_record_county

from .reference import claim_measures, encounter_measures

ENCOUNTER_MEASURES = [
    "visits", "visits_primary", "visits_tcm", "township_outpatient_visits",
    "admissions_insured_in_county", "inpatient_cost_insured_in_county", "lead_discharges",
    "total_cost_residents", "fund_paid_residents",
]  # fmt: skip
CLAIM_MEASURES = [
    "fund_spending_insured_ex_pharmacy", "fund_spending_in_county_ex_pharmacy",
    "fund_spending_primary", "admissions_insured_total",
]  # fmt: skip


def _year_values(table: MeasureTable, year: str) -> dict[tuple[str, str], float]:
    return {(r.scope, r.measure): r.value for r in table.select(period=year)}


def _agree(engine: dict[tuple[str, str], float], plain: dict[tuple[str, str], float]) -> None:
    for key, value in engine.items():
        assert math.isclose(value, plain.get(key, 0.0), rel_tol=1e-9, abs_tol=1e-6), key
    for key, value in plain.items():
        assert key in engine or value == 0, key


@settings(max_examples=30)
@given(encounter_tables(), claim_tables())
def test_measures_equal_plain_counts_and_sums(encounters: pa.Table, claims: pa.Table) -> None:
    """On small random records, every measure equals a plain loop's count or sum."""
    county = small_record_county()
    result = measure_records(
        county, {"encounters": encounters, "claims": claims}, [2024],
        ENCOUNTER_MEASURES + CLAIM_MEASURES,
    )  # fmt: skip
    plain = encounter_measures(county, encounters, 2024) | claim_measures(county, claims)
    _agree(_year_values(result.table, "2024"), plain)


@settings(max_examples=20)
@given(encounter_tables(), st.data())
def test_partitions_sum_to_the_whole(encounters: pa.Table, data: st.DataObject) -> None:
    """Splitting the records into two parts and adding the parts' measures gives the whole's."""
    county = small_record_county()
    cut = data.draw(st.integers(0, encounters.num_rows))
    parts = [encounters.slice(0, cut), encounters.slice(cut)]
    whole = measure_records(county, {"encounters": encounters}, [2024], ENCOUNTER_MEASURES)
    summed: dict[tuple[str, str, str, str], float] = {}
    for part in parts:
        for key, value in (
            measure_records(county, {"encounters": part}, [2024], ENCOUNTER_MEASURES)
            .table.mapping()
            .items()
        ):
            summed[key] = summed.get(key, 0.0) + value
    assert whole.table.isclose(MeasureTable.from_rows([(*k, v) for k, v in summed.items()]))


def test_the_same_numbers_whatever_the_input(
    county: County, records: dict[RecordKind, pa.Table], tmp_path: Path
) -> None:
    """Arrow, pandas, polars, Parquet and CSV inputs of the same records give the same table,
    to the last bit (money is summed exactly to the fen), and reject the same rows (here a
    repeated id and a negative cost)."""
    enc = records[RecordKind.ENCOUNTERS].slice(0, 3000)
    bad = enc.slice(1, 1).to_pylist()[0] | {"encounter_id": "x", "total_cost": -1.0}
    extra = pa.Table.from_pylist([enc.slice(0, 1).to_pylist()[0], bad], schema=enc.schema)
    enc = pa.concat_tables([enc, extra])
    pq.write_table(enc, tmp_path / "enc.parquet")
    pacsv.write_csv(enc, tmp_path / "enc.csv")
    inputs = {
        "arrow": enc,
        "pandas": enc.to_pandas(),
        "polars": pl.from_arrow(enc),
        "parquet": tmp_path / "enc.parquet",
        "csv": str(tmp_path / "enc.csv"),
    }
    results = {
        name: measure_records(county, {"encounters": src}, [2024], ENCOUNTER_MEASURES, lenient=True)
        for name, src in inputs.items()
    }
    for name, result in results.items():
        assert result.table == results["arrow"].table, name
        report = result.reports[RecordKind.ENCOUNTERS]
        assert (report.read, report.rejected) == (3002, 3), name
    assert isinstance(inputs["pandas"], pd.DataFrame)


def test_a_year_is_the_sum_or_mean_of_its_months(
    county: County, records: dict[RecordKind, pa.Table]
) -> None:
    """Flows sum over months; stocks given monthly take the mean, as each measure declares."""
    table = measure_records(county, records, [2024]).table
    months = [f"2024-{m:02d}" for m in range(1, 13)]
    checked = 0
    for row in table.select(period="2024", scope=county.id):
        found = [table.get(county.id, m, row.measure, row.category) for m in months]
        if found[0] is None:
            continue  # measures with yearly values only
        monthly = [v for v in found if v is not None]
        assert len(monthly) == len(months), row.measure
        rule = MEASURES[row.measure].period_rule
        expected = math.fsum(monthly) if rule is PeriodRule.SUM else math.fsum(monthly) / 12
        assert math.isclose(row.value, expected, rel_tol=1e-9), row.measure
        checked += 1
    assert checked > 10


def test_townships_and_county_are_sums_of_their_parts(
    county: County, records: dict[RecordKind, pa.Table]
) -> None:
    """A township's visits are its institutions'; the county's are all institutions'."""
    table = measure_records(county, records, [2024], ["visits"]).table
    for township in county.townships:
        inside = county.institutions_in(township.id)
        parts = math.fsum(table.get(i.id, "2024", "visits") or 0 for i in inside)
        assert table.get(township.id, "2024", "visits") == parts
    total = math.fsum(table.get(i.id, "2024", "visits") or 0 for i in county.institutions)
    assert table.get(county.id, "2024", "visits") == total


def test_every_derivable_measure_is_computed(
    county: County, records: dict[RecordKind, pa.Table]
) -> None:
    """By default the engine gives every derivable measure for the county and year."""
    table = measure_records(county, records, [2024]).table
    assert set(table.select(scope=county.id, period="2024").measure.tolist()) == DERIVABLE
    assert "survey_respondents" in NOT_DERIVABLE


def test_area_measures_never_appear_at_institutions(
    county: County, records: dict[RecordKind, pa.Table]
) -> None:
    """Measures counted for an area's residents have no institution rows."""
    table = measure_records(county, records, [2024]).table
    at_institutions = set(table.select(scope=[i.id for i in county.institutions]).measure)
    assert "fund_paid_residents" not in at_institutions
    assert "managed_chronic_patients" not in at_institutions
    assert "visits" in at_institutions


def test_refuses_measures_it_cannot_derive(county: County) -> None:
    """A survey measure cannot come from records: the engine says so instead of giving 0."""
    with pytest.raises(DefinitionError, match="not derivable from records: survey_respondents"):
        measure_records(county, {}, [2024], ["survey_respondents"])


def test_names_the_missing_kind_of_record(county: County) -> None:
    """Asking for fund measures without claims names the claims as missing."""
    with pytest.raises(DataError, match="claims: no insurance fund claims records given"):
        measure_records(county, {}, [2024], ["fund_spending_primary"])


def test_years_must_be_consecutive(county: County, records: dict[RecordKind, pa.Table]) -> None:
    """A period with a gap is refused rather than silently spanning the gap."""
    with pytest.raises(PeriodError, match="consecutive"):
        measure_records(county, records, [2022, 2024], ["visits"])


def test_records_of_another_year_are_rejected_not_counted(
    county: County, records: dict[RecordKind, pa.Table]
) -> None:
    """Reading 2024 records for the period 2025 rejects every row."""
    enc = records[RecordKind.ENCOUNTERS]
    result = measure_records(county, {"encounters": enc}, [2025], ["visits"], lenient=True)
    report = result.reports[RecordKind.ENCOUNTERS]
    assert report.used == 0 and report.rejected == enc.num_rows
    assert result.table.get(county.id, "2025", "visits") == 0.0
    assert "outside the period 2025" in report.problems[0].message
