"""Measures from the smaller kinds of record, each against hand-counted records."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from countycare.community import County
from countycare.records.engine_duckdb import measure_records
from countycare.records.schemas import RecordKind, schema
from countycare.records.synthetic import generate

D = dt.date


def _table(kind: RecordKind, rows: list[dict[str, object]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema(kind))


def test_referral_directions_follow_the_tiers(county: County) -> None:
    """Village → township is up, county → township down, county → outside out; only completed
    referrals count, attributed to the referring institution."""

    def ref(n: int, src: str, dst: str, status: str = "completed") -> dict[str, object]:
        return {"referral_id": f"r{n}", "patient_id": "p", "from_id": src, "to_id": dst,
                "date": D(2024, 6, 1), "setting": "outpatient", "status": status}  # fmt: skip

    rows = [
        ref(1, "sc-vc-11", "sc-thc-1"),
        ref(2, "sc-thc-1", "sc-cgh"),
        ref(3, "sc-cgh", "sc-thc-2"),
        ref(4, "sc-cgh", "outside"),
        ref(5, "sc-cgh", "outside", "cancelled"),
        ref(6, "sc-thc-1", "sc-thc-2"),  # lateral: in none of the three measures
        ref(7, "outside", "sc-cgh"),  # inbound: neither
    ]
    codes = ["upward_referrals", "downward_referrals", "out_of_county_referrals"]
    table = measure_records(
        county, {"referrals": _table(RecordKind.REFERRALS, rows)}, [2024], codes
    ).table
    assert [table.get("sc", "2024", c) for c in codes] == [2.0, 1.0, 1.0]
    assert table.get("sc-vc-11", "2024-06", "upward_referrals") == 1.0
    assert table.get("sc-cgh", "2024", "out_of_county_referrals") == 1.0


def test_stationed_physicians_need_title_home_host_and_six_months(county: County) -> None:
    """Only intermediate/senior physicians of county hospitals posted ≥ 183 days of the year to a
    primary institution count, once per physician."""

    def post(
        n: int, staff: str, home: str, host: str, title: str, start: dt.date, end: dt.date
    ) -> dict[str, object]:
        return {"posting_id": f"s{n}", "staff_id": staff, "home_institution_id": home,
                "host_institution_id": host, "title": title, "start_date": start,
                "end_date": end}  # fmt: skip

    rows = [
        post(1, "a", "sc-cgh", "sc-thc-1", "senior", D(2024, 1, 1), D(2024, 7, 1)),  # 183 days
        post(2, "b", "sc-cgh", "sc-thc-1", "senior", D(2024, 1, 1), D(2024, 6, 30)),  # 182
        post(3, "c", "sc-cgh", "sc-thc-2", "junior", D(2024, 1, 1), D(2024, 12, 31)),
        post(4, "d", "sc-cdc", "sc-thc-2", "senior", D(2024, 1, 1), D(2024, 12, 31)),
        post(5, "e", "sc-tcm", "sc-vc-11", "intermediate", D(2023, 9, 1), D(2025, 3, 1)),
    ]
    result = measure_records(
        county, {"postings": _table(RecordKind.POSTINGS, rows)}, [2024], ["stationed_physicians"]
    )
    table = result.table
    assert table.get("sc", "2024", "stationed_physicians") == 2.0
    assert table.get("sc-thc-1", "2024", "stationed_physicians") == 1.0
    assert table.get("sc-t1", "2024", "stationed_physicians") == 2.0
    assert result.reports[RecordKind.POSTINGS].used == 5


def test_deaths_fall_in_age_bands_and_only_the_four_ncds_count(county: County) -> None:
    """Deaths from the four NCD groups at ages 30–69 count in their five-year band."""

    def death(n: int, age: int, cause: str) -> dict[str, object]:
        return {"death_id": f"d{n}", "area_id": "sc-t1", "date": D(2024, 2, 2), "age": age,
                "cause": cause}  # fmt: skip

    rows = [death(1, 30, "cancer"), death(2, 34, "diabetes"), death(3, 69, "cardiovascular"),
            death(4, 70, "cancer"), death(5, 50, "other"), death(6, 29, "cancer")]  # fmt: skip
    table = measure_records(
        county, {"deaths": _table(RecordKind.DEATHS, rows)}, [2024], ["ncd4_deaths"]
    ).table
    assert table.get("sc", "2024", "ncd4_deaths", "30-34") == 2.0
    assert table.get("sc-t1", "2024-02", "ncd4_deaths", "65-69") == 1.0
    assert table.get("sc", "2024", "ncd4_deaths", "50-54") == 0.0
    assert table.get("sc-t2", "2024", "ncd4_deaths", "30-34") == 0.0


def test_register_snapshots_of_two_years_agree(county: County) -> None:
    """Reading the register's 2023 and 2024 snapshots together gives 2024 the same managed
    patients as the 2024 snapshot alone (exits known in 2024 end the 2023 rows)."""
    years = {y: generate(county, y, seed=5) for y in (2023, 2024)}
    kinds = (RecordKind.CHRONIC_REGISTER, RecordKind.ENCOUNTERS)
    both = {k: pa.concat_tables([years[2023][k], years[2024][k]]) for k in kinds}
    one = {k: years[2024][k] for k in kinds}
    codes = ["managed_chronic_patients"]
    together = measure_records(county, both, [2023, 2024], codes).table
    alone = measure_records(county, one, [2024], codes).table
    assert together.select(period="2024").isclose(alone.select(period="2024"))
