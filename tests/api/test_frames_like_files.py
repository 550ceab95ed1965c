"""A reader given a pandas or polars DataFrame or an Arrow table gives the same problems for the
same rows as the file, through the one frame-to-Arrow path (:mod:`countycare.tabular`).

The measures reader is covered in ``test_data_out.py``; here the record engine, the referral
records and the NCD death records, and the refusal of what is no table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from countycare import build_network
from countycare.errors import ArgumentError, DataError, Problem
from countycare.indicators.ncd_deaths import classify_deaths
from countycare.periods import Period
from countycare.records.engine_duckdb import measure_records
from countycare.records.schemas import RecordKind
from countycare.records.sources import as_arrow
from countycare.records.synthetic import generate
from countycare.referrals.synthetic import synthetic_referrals
from countycare.testing.networks import small_referral_county
from countycare.testing.records import small_record_county


def _forms(table: pa.Table, tmp_path: Path) -> dict[str, Any]:
    """The same rows as Arrow, pandas, polars, a Parquet file and a CSV file."""
    pq.write_table(table, tmp_path / "rows.parquet")
    pacsv.write_csv(table, tmp_path / "rows.csv")
    return {
        "arrow": table,
        "pandas": table.to_pandas(),
        "polars": pl.from_arrow(table),
        "parquet": str(tmp_path / "rows.parquet"),
        "csv": str(tmp_path / "rows.csv"),
    }


def _problems(call: Any) -> tuple[Problem, ...]:
    with pytest.raises(DataError) as caught:
        call()
    return caught.value.problems


def test_records_give_the_same_problems_in_any_form(tmp_path: Path) -> None:
    """The record engine refuses a repeated id and a negative cost at the same rows and
    columns, with the same words, whether the encounters come as a frame or a file."""
    county = small_record_county()
    enc = generate(county, 2024, seed=3)[RecordKind.ENCOUNTERS].slice(0, 200)
    bad = enc.slice(1, 1).to_pylist()[0] | {"encounter_id": "x", "total_cost": -1.0}
    enc = pa.concat_tables(
        [enc, pa.Table.from_pylist([enc.slice(0, 1).to_pylist()[0], bad], schema=enc.schema)]
    )
    found = {
        name: _problems(
            lambda s=source: measure_records(county, {"encounters": s}, [2024], {"visits"})
        )
        for name, source in _forms(enc, tmp_path).items()
    }
    assert len(set(found.values())) == 1, found
    assert [p.path for p in found["arrow"][:3]] == [
        "row 1, column encounter_id", "row 201, column encounter_id", "row 202, column total_cost",
    ]  # fmt: skip


def test_referrals_give_the_same_problems_in_any_form(tmp_path: Path) -> None:
    """Referral records with defects: the same rows named, the same reasons, in any form."""
    county = small_referral_county()
    records = synthetic_referrals(county, Period.parse("2024"), 400, seed=3, defects=0.05)
    found = {
        name: _problems(lambda s=source: build_network(s, county, "2024"))
        for name, source in _forms(records, tmp_path).items()
    }
    assert len(set(found.values())) == 1, found
    assert found["arrow"][0].path.startswith("row ")


def test_a_frame_indexed_by_a_column_it_needs_is_read_with_that_column() -> None:
    """A pandas frame indexed by its record id (``set_index("encounter_id")``), measures
    indexed by their key after a ``groupby``, referrals by their id: the index level named as
    a column the reader expects is read as that column (it was refused as "missing"). An index
    of row numbers, or one the reader does not know, is still left out."""
    from countycare import read_measures

    county = small_record_county()
    enc = generate(county, 2024, seed=3)[RecordKind.ENCOUNTERS].slice(0, 2_000)
    expected = measure_records(county, {"encounters": enc}, [2024], ["visits"]).table
    indexed = enc.to_pandas().set_index("encounter_id")
    assert measure_records(county, {"encounters": indexed}, [2024], ["visits"]).table == expected
    assert as_arrow(indexed).column_names == [c for c in enc.column_names if c != "encounter_id"]

    frame = expected.to_pandas()
    by_key = frame.groupby(["scope", "period", "measure", "category"]).sum()
    assert read_measures(by_key) == expected
    unknown = frame.rename_axis("row")  # a named index no reader knows: left out, not refused
    assert read_measures(unknown) == expected

    referrals = synthetic_referrals(small_referral_county(), Period.parse("2024"), 300, seed=1)
    by_id = referrals.to_pandas().set_index("referral_id")
    assert build_network(by_id, small_referral_county(), "2024").total == 300


def test_ncd_deaths_read_every_frame_alike() -> None:
    """Death records as Arrow, pandas, polars or plain rows give the same counts, and a bad
    row the same problem (one conversion)."""
    table = pa.table(
        {
            "scope": ["c", "c", "c"],
            "period": ["2024", "2024", "2024"],
            "icd10": ["I21", "C34", "A09"],
            "age": [55.0, 62.0, 40.0],
        }
    )
    forms = (table, table.to_pandas(), pl.from_arrow(table), table.to_pylist())
    results = [classify_deaths(form) for form in forms]
    assert all(r == results[0] for r in results) and results[0].records == 3
    bad = table.set_column(3, "age", pa.array([55.0, -1.0, 40.0]))
    forms = (bad, bad.to_pandas(), pl.from_arrow(bad), bad.to_pylist())
    found = {_problems(lambda f=form: classify_deaths(f)) for form in forms}
    assert len(found) == 1 and next(iter(found))[0].path.startswith("row 2")


@pytest.mark.parametrize("source", [42, {"a": [1]}, object()])
def test_records_that_are_no_table_are_refused_in_words(source: object) -> None:
    """A number, a mapping or an unknown object where records belong: an ArgumentError naming
    ``sources`` and what they may be — never a Python class name of countycare."""
    with pytest.raises(ArgumentError, match=r"^sources: expected records as a Parquet or CSV"):
        as_arrow(source)
