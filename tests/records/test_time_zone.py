"""A moment is dated in China: records with time-zone-aware timestamps count on the right day.

Protects the rule of :mod:`countycare.records.time_zone`. Before it, a timestamp with a time
zone took the day of the engine's session zone (UTC on this machine): a visit at 07:59 on
1 March in Shanghai counted in February, a referral at midnight on 1 January fell out of the
first quarter, and the counts depended on the machine the run was on.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from countycare.community import County
from countycare.records.engine_duckdb import connect, measure_records
from countycare.records.schemas import RecordKind
from countycare.records.time_zone import RECORDS_TIME_ZONE, dates_of_timestamps
from countycare.referrals import build_network, synthetic_referrals

#: The measures of encounters alone (a visit's date, an admission's discharge date).
MEASURES = ["visits", "visits_primary", "lead_discharges", "admissions_insured_in_county"]

#: Times of day (hours after midnight in China) and the zones the same moment is written in.
HOURS = (0, 7.99, 16, 23.99)
ZONES = ("Asia/Shanghai", "UTC", "America/New_York")


def as_moments(table: pa.Table, column: str, hours: float, zone: str) -> pa.Table:
    """``table`` with the dates of ``column`` as moments ``hours`` after midnight in China,
    written in ``zone``."""
    dates = table.column(column)
    midnight = dates.cast(pa.timestamp("s")).cast(pa.int64())  # seconds of the local midnight
    local = pc.add(midnight, pa.scalar(round(hours * 3600), pa.int64())).cast(pa.timestamp("s"))
    china = pc.assume_timezone(local, RECORDS_TIME_ZONE)
    moments = china.cast(pa.timestamp("us", zone))
    return table.set_column(table.schema.get_field_index(column), column, moments)


@pytest.fixture(scope="module")
def encounters(records: dict[RecordKind, pa.Table]) -> pa.Table:
    return records[RecordKind.ENCOUNTERS].slice(0, 30_000)


@pytest.fixture(scope="module")
def expected(county: County, encounters: pa.Table) -> object:
    return measure_records(county, {"encounters": encounters}, [2024], MEASURES).table


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("hours", HOURS)
def test_a_table_of_moments_counts_each_on_its_day_in_china(
    county: County, encounters: pa.Table, expected: object, hours: float, zone: str
) -> None:
    """Visits and admissions given as moments (any time of the Chinese day, written in any
    zone) give the measures of the same records given as dates."""
    moments = as_moments(as_moments(encounters, "date", hours, zone), "discharge_date", hours, zone)
    assert measure_records(county, {"encounters": moments}, [2024], MEASURES).table == expected


@pytest.mark.parametrize("zone", ZONES)
def test_a_parquet_file_of_moments_counts_each_on_its_day_in_china(
    county: County, encounters: pa.Table, expected: object, zone: str, tmp_path: Path
) -> None:
    """The same moments in a Parquet file (read by DuckDB itself, not through Arrow), on a
    connection whose session zone is neither UTC nor China's: the day is still China's."""
    path = tmp_path / "encounters.parquet"
    pq.write_table(as_moments(encounters, "date", 0.5, zone), path)  # 00:30 in China
    con = connect()
    con.execute("SET TimeZone = 'America/Los_Angeles'")
    result = measure_records(
        county, {"encounters": path}, [2024], MEASURES, connection=con, id_cache=False
    )
    assert result.table == expected


def test_a_wall_clock_time_keeps_its_own_day(
    county: County, encounters: pa.Table, expected: object
) -> None:
    """A timestamp without a zone is the time on the wall: 23:59 is still that day."""
    at = encounters.schema.get_field_index("date")
    late = pc.add(
        encounters.column("date").cast(pa.timestamp("s")), pa.scalar(86_340, pa.duration("s"))
    )
    table = encounters.set_column(at, "date", late)
    assert measure_records(county, {"encounters": table}, [2024], MEASURES).table == expected


def test_dates_of_timestamps_in_duckdb_and_arrow_agree() -> None:
    """The Arrow conversion and DuckDB's expression give the same day for moments across the
    day, the year's turn and before 1970."""
    from countycare.records.time_zone import duckdb_date

    moments = pa.array(
        [dt.datetime(2024, 2, 29, 15, 59), dt.datetime(2024, 2, 29, 16, 0),
         dt.datetime(2023, 12, 31, 16, 0), dt.datetime(1969, 12, 31, 15, 0), None],
        pa.timestamp("us", "UTC"),
    )  # fmt: skip
    arrow = dates_of_timestamps(pa.table({"d": moments})).column("d").to_pylist()
    assert arrow == [dt.date(2024, 2, 29), dt.date(2024, 3, 1), dt.date(2024, 1, 1),
                     dt.date(1969, 12, 31), None]  # fmt: skip
    con = duckdb.connect()
    con.execute("SET TimeZone = 'Pacific/Auckland'")
    con.register("t", pa.table({"d": moments}))
    column_type = con.execute("SELECT typeof(d) FROM t LIMIT 1").fetchall()[0][0]
    in_duckdb = con.execute(f"SELECT {duckdb_date('d', column_type)} FROM t").fetchall()
    assert [row[0] for row in in_duckdb] == arrow


@pytest.mark.parametrize("zone", ZONES)
def test_referrals_given_as_moments_are_dated_in_china(zone: str) -> None:
    """A referral at midnight on 1 January in China is in the first quarter, whatever zone
    the moment is written in (it fell into the last quarter of the year before)."""
    records = synthetic_referrals("wanrong", 2024, 3_000, seed=1)
    expected = build_network(records, "wanrong", "2024Q1").total
    for hours in (0, 23.99):
        moments = as_moments(records, "date", hours, zone)
        assert build_network(moments, "wanrong", "2024Q1").total == expected
