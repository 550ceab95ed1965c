"""The synthetic generator: seeded, realistic in volume and cost, valid against the county."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings

from countycare.community import County
from countycare.records.dataset import clone_county, dataset_paths, dataset_years, write_dataset
from countycare.records.engine_duckdb import measure_records
from countycare.records.scenario import Scenario
from countycare.records.schemas import RecordKind
from countycare.records.synthetic import generate
from countycare.testing import counties


def test_same_seed_same_records_other_seed_other_records(county: County) -> None:
    """Seeded generation is reproducible, and the seed matters."""
    a = generate(county, 2024, seed=1)[RecordKind.ENCOUNTERS]
    assert a.equals(generate(county, 2024, seed=1)[RecordKind.ENCOUNTERS])
    assert not a.equals(generate(county, 2024, seed=2)[RecordKind.ENCOUNTERS])


def test_volumes_follow_the_scenario(county: County, records: dict[RecordKind, pa.Table]) -> None:
    """Visits per resident and admissions per resident are the scenario's (domain §7)."""
    s = Scenario()
    enc = records[RecordKind.ENCOUNTERS]
    inpatient = pc.sum(pc.equal(enc["setting"], "inpatient")).as_py()
    assert enc.num_rows - inpatient == round(s.visits_per_resident * county.population)
    assert inpatient == round(s.admissions_per_resident * county.population)


def test_mean_costs_are_near_the_national_means(records: dict[RecordKind, pa.Table]) -> None:
    """Mean cost per visit ≈ 362 yuan and per admission ≈ 10,316 yuan (NHC 2023)."""
    enc = records[RecordKind.ENCOUNTERS]
    inpatient = pc.equal(enc["setting"], "inpatient")
    visit_mean = pc.mean(enc.filter(pc.invert(inpatient))["total_cost"]).as_py()
    admission_mean = pc.mean(enc.filter(inpatient)["total_cost"]).as_py()
    assert visit_mean == pytest.approx(362, rel=0.05)
    assert admission_mean == pytest.approx(10_316, rel=0.08)


def test_generated_records_pass_validation(
    county: County, records: dict[RecordKind, pa.Table]
) -> None:
    """Every generated row is valid: no row of any kind is rejected."""
    result = measure_records(county, records, [2024])
    assert {k: r.rejected for k, r in result.reports.items()} == dict.fromkeys(result.reports, 0)


def test_costs_and_dates_are_in_range(records: dict[RecordKind, pa.Table]) -> None:
    """Costs are non-negative, the fund never pays more than the cost, dates lie in the year."""
    enc = records[RecordKind.ENCOUNTERS]
    assert pc.min(enc["total_cost"]).as_py() >= 0
    assert pc.all(pc.less_equal(enc["fund_paid"], enc["total_cost"])).as_py()
    assert pc.min(enc["date"]).as_py() >= dt.date(2024, 1, 1)
    assert pc.max(enc["date"]).as_py() <= dt.date(2024, 12, 31)


def test_clone_renames_every_id(county: County) -> None:
    """A clone shares no id with the original, and its references follow the new ids."""
    clone = clone_county(county, 3)
    old = {i.id for i in county.institutions} | {t.id for t in county.townships}
    new = {i.id for i in clone.institutions} | {t.id for t in clone.townships}
    assert not old & new
    assert all(i.parent is None or clone.has_institution(i.parent) for i in clone.institutions)
    assert all(clone.has_area(i.area) for i in clone.institutions)
    assert clone.communities[0].lead in {i.id for i in clone.institutions}


def test_dataset_is_partitioned_by_county_and_year(county: County, tmp_path: object) -> None:
    """Files land under kind/county=…/year=…, and the years can be read back."""
    root = tmp_path
    write_dataset(root, county, {2023: generate(county, 2023), 2024: generate(county, 2024)})  # type: ignore[arg-type]
    assert dataset_years(root, county.id) == (2023, 2024)  # type: ignore[arg-type]
    paths = dataset_paths(root, RecordKind.ENCOUNTERS, county.id, [2024])  # type: ignore[arg-type]
    assert [p.parent.name for p in paths] == ["year=2024"]
    assert paths[0].parent.parent.name == f"county={county.id}"


@settings(max_examples=15)
@given(counties())
def test_records_of_any_valid_county_pass_validation(any_county: County) -> None:
    """Whatever the (valid) county, its synthetic records are valid against it: none rejected."""
    light = Scenario(visits_per_resident=0.05, admissions_per_resident=0.01)
    result = measure_records(any_county, generate(any_county, 2024, light, seed=1), [2024])
    assert all(report.ok for report in result.reports.values())
