"""The readers the mutation suite attacks: each with a valid seed file and how to read it.

A reader takes the path of a (mutated) file and reads it as a user's command would, returning
the number of rows or items it *rejected* (0 when the reader is all-or-nothing): a lenient
reader that accepts a surely invalid file must at least count a row as rejected.
"""

from __future__ import annotations

import functools
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from hypothesis import strategies as st

from countycare.community import County
from countycare.io import dump_county, load_county
from countycare.periods import Period

from . import mutations as m

#: Patient ids of the seed records: no error message may quote one.
PATIENT_PREFIX = "PX"


@attrs.frozen
class Reader:
    """A reader under attack: its seed bytes, the file name, how to read, how to mutate."""

    name: str
    filename: str
    seed: bytes
    read: Callable[[Path], int]
    mutate: Callable[[bytes], st.SearchStrategy[m.Mutant]]
    guarantees: str


@functools.cache
def county() -> County:
    """The small two-township county of :mod:`countycare.testing.records`."""
    from countycare.testing.records import small_record_county

    return small_record_county()


def _county_bytes(suffix: str) -> bytes:
    folder = Path(__file__).parent / ".seeds"
    folder.mkdir(exist_ok=True)
    path = dump_county(county(), folder / f"county{suffix}")
    return path.read_bytes()


def _read_county(path: Path) -> int:
    load_county(path)
    return 0


def _measures_rows() -> list[dict[str, Any]]:
    rows = []
    for year in ("2023", "2024"):
        for code, value, unit in (
            ("visits", 1200, ""),
            ("visits_primary", 700, ""),
            ("resident_population", 5000, "person"),
            ("fund_paid_residents", 41.3, "wan_yuan"),
            ("admissions_insured_in_county", 80, ""),
            ("admissions_insured_total", 100, ""),
        ):
            rows.append(
                {
                    "scope": "sc",
                    "period": year,
                    "measure": code,
                    "category": "",
                    "value": value,
                    "unit": unit,
                }
            )
    return rows


def _measures_csv() -> bytes:
    columns = ["scope", "period", "measure", "category", "value", "unit"]
    lines = [",".join(columns)]
    lines += [",".join(str(r[c]) for c in columns) for r in _measures_rows()]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _measures_parquet() -> bytes:
    table = pa.Table.from_pylist([{**r, "value": float(r["value"])} for r in _measures_rows()])
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def _read_measures(path: Path) -> int:
    from countycare.indicators.files import read_measures

    read_measures(path, county=county())
    return 0


#: Targets in the current format: sets, every comparator, a source table, and a reference.
_TARGETS = b"""[[target]]
indicator = "primary_visit_share"
sets = ["nhc-2024"]
comparator = "ge"
threshold = 65
unit = "percent"
scope = "county"
scope_id = "sc"
valid_from = 2024-01-01
valid_to = 2026-12-31
source = { document = "Illustrative plan", issuer = "County health commission", year = 2024 }

[[target]]
indicator = "in_county_admission_share"
sets = ["nhc-2024"]
comparator = "about"
threshold = 90
tolerance = 2
tolerance_status = "reconstructed"
unit = "percent"
scope = "national"
valid_from = 2024-01-01
source = "Illustrative national goal"

[[target]]
indicator = "inpatient_cost_growth"
sets = ["nhc-2024"]
comparator = "le"
threshold = 0.05
unit = "dimensionless"
scope = "province"
scope_id = "p1"
valid_from = 2024-01-01
valid_to = 2024-12-31
source = { document = "Illustrative provincial plan", number = "No. 1", date = 2024-03-01 }

[[target]]
indicator = "stationed_physicians_per_10k"
sets = ["nhc-2024"]
comparator = "range"
threshold = 1
upper = 3
unit = "physician / ten_thousand_persons"
scope = "county"
scope_id = "sc"
valid_from = 2024-01-01
source = "Illustrative plan"

[[reference]]
indicator = "primary_visit_share"
sets = ["nhc-2024"]
period = "2024"
value = 61.0
unit = "percent"
scope = "province"
scope_id = "p1"
status = "official"
source = { document = "Illustrative statistical bulletin", date = 2025-05-01 }
"""


def _read_targets(path: Path) -> int:
    from countycare.indicators.target_files import read_targets

    read_targets(path)
    return 0


_ANSWERS = b"""[[answer]]
code = "service_coordination"
met = false
missing = ["infectious_disease_early_warning"]
evidence = ["county health commission notice 2023-12"]

[[answer]]
code = "unified_resource_management"
met = true
"""


def _read_answers(path: Path) -> int:
    from countycare.indicators.answer_files import read_answers

    read_answers(path)
    return 0


def _governance_bytes() -> bytes:
    from countycare.datasets import resource

    return resource("wanrong.governance.toml").read_bytes()


def _read_governance(path: Path) -> int:
    import datetime as dt

    from countycare.governance.assessment import assess
    from countycare.governance.files import load_governance

    assess(load_governance(path), dt.date(2024, 12, 31))
    return 0


def _rules_bytes() -> bytes:
    return (Path(__file__).parents[2] / "examples" / "finance_rules.toml").read_bytes()


def _read_rules(path: Path) -> int:
    from countycare.finance.rules_file import load_settlement_case

    load_settlement_case(path).settle()
    return 0


def _provenance_bytes() -> bytes:
    from countycare.datasets import resource

    return resource("wanrong.measures.provenance.toml").read_bytes()


def _read_provenance(path: Path) -> int:
    from countycare.indicators.samples import read_file_info

    measures = path.with_name("m.csv")
    companion = path.with_name("m.provenance.toml")
    shutil.copyfile(path, companion)
    measures.touch()
    read_file_info(measures)
    return 0


@functools.cache
def _referral_table() -> pa.Table:
    from countycare.referrals.synthetic import synthetic_referrals

    table = synthetic_referrals(county(), Period.parse("2024"), 40, seed=3)
    ids = pa.array([f"{PATIENT_PREFIX}{i:06d}" for i in range(table.num_rows)])
    return table.set_column(table.column_names.index("patient_id"), "patient_id", ids)


def _referrals_csv() -> bytes:
    sink = io.BytesIO()
    pacsv.write_csv(_referral_table(), sink)
    return sink.getvalue().replace(b'"', b"")


def _referrals_parquet() -> bytes:
    sink = io.BytesIO()
    pq.write_table(_referral_table(), sink)
    return sink.getvalue()


def _read_referrals(path: Path) -> int:
    from countycare.referrals.network import build_network

    network = build_network(path, county())
    return sum(s.rows_rejected for s in network.summaries)


@functools.cache
def _encounters() -> pa.Table:
    from countycare.records.schemas import RecordKind
    from countycare.records.synthetic import generate

    table = generate(county(), 2024, seed=7)[RecordKind.ENCOUNTERS].slice(0, 60)
    if "patient_id" in table.column_names:
        ids = pa.array([f"{PATIENT_PREFIX}{i:06d}" for i in range(table.num_rows)])
        table = table.set_column(table.column_names.index("patient_id"), "patient_id", ids)
    return table


def _records_parquet() -> bytes:
    sink = io.BytesIO()
    pq.write_table(_encounters(), sink)
    return sink.getvalue()


@functools.cache
def _connection() -> Any:
    from countycare.records.engine_duckdb import connect

    return connect("200MB", threads=1)


def _read_records(path: Path) -> int:
    """Measure a dataset whose 2024 encounters partition is the mutated file."""
    from countycare.records.dataset import dataset_paths
    from countycare.records.engine_duckdb import measure_records
    from countycare.records.schemas import RecordKind

    root = path.parent / "dataset"
    folder = root / "encounters" / "county=sc" / "year=2024"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, folder / "part-0.parquet")
    sources = {RecordKind.ENCOUNTERS: dataset_paths(root, RecordKind.ENCOUNTERS, "sc", [2024])}
    result = measure_records(
        county(), sources, [2024], {"visits", "visits_primary"}, connection=_connection()
    )
    return sum(r.rejected for r in result.reports.values())


def _text_numeric(*names: str) -> tuple[str, ...]:
    return names


def build_readers() -> tuple[Reader, ...]:
    """Every reader of countycare that takes a file, with its seed and mutations."""
    measure_numeric = _text_numeric("value")
    referral_numeric: tuple[str, ...] = ()
    records_numeric = tuple(
        n
        for n in _encounters().column_names
        if pa.types.is_floating(_encounters().schema.field(n).type)
    )
    county_toml = _county_bytes(".toml")
    county_json = _county_bytes(".json")
    rules = _rules_bytes()
    return (
        Reader(
            "county TOML", "county.toml", county_toml, _read_county,
            functools.partial(m.document_mutations, fmt="toml", closed=False),
            "limits, encoding, every structural problem at its $.path, then the model's checks",
        ),
        Reader(
            "county JSON", "county.json", county_json, _read_county,
            functools.partial(m.document_mutations, fmt="json", closed=False),
            "as the TOML county",
        ),
        Reader(
            "measures CSV", "m.csv", _measures_csv(), _read_measures,
            functools.partial(m.csv_mutations, numeric=measure_numeric),
            "every row checked at row N, column C; all rows used or the file refused",
        ),
        Reader(
            "measures JSON", "m.json",
            json.dumps(_measures_rows()).encode("utf-8"), _read_measures,
            functools.partial(m.document_mutations, fmt="json", closed=False),
            "as the CSV, with the document limits",
        ),
        Reader(
            "measures Parquet", "m.parquet", _measures_parquet(), _read_measures,
            functools.partial(m.parquet_mutations, numeric=measure_numeric),
            "column types checked before the rows; then as the CSV",
        ),
        Reader(
            "targets", "t.toml", _TARGETS, _read_targets,
            functools.partial(m.document_mutations, fmt="toml", closed=True),
            "unknown keys with did-you-mean, dates in order, units that convert",
        ),
        Reader(
            "answers", "a.toml", _ANSWERS, _read_answers,
            functools.partial(m.document_mutations, fmt="toml", closed=True),
            "unknown keys with did-you-mean, item codes checked",
        ),
        Reader(
            "governance", "g.toml", _governance_bytes(), _read_governance,
            functools.partial(m.document_mutations, fmt="toml", closed=False),
            "structure at $.path; practices and dates checked; then assessed",
        ),
        Reader(
            "settlement rules", "r.toml", rules, _read_rules,
            functools.partial(m.document_mutations, fmt="toml", closed=False),
            "amounts parsed by a grammar (never evaluated); then settled",
        ),
        Reader(
            "provenance companion", "p.toml", _provenance_bytes(), _read_provenance,
            functools.partial(m.document_mutations, fmt="toml", closed=True),
            "unknown keys with did-you-mean; origins and sources checked",
        ),
        Reader(
            "referrals CSV", "r.csv", _referrals_csv(), _read_referrals,
            functools.partial(m.csv_mutations, numeric=referral_numeric),
            "encoding, header and row length checked first; bad rows counted as rejected",
        ),
        Reader(
            "referrals Parquet", "r.parquet", _referrals_parquet(), _read_referrals,
            m.parquet_mutations,
            "unreadable files named; bad rows counted as rejected",
        ),
        Reader(
            "record dataset", "part.parquet", _records_parquet(), _read_records,
            functools.partial(m.parquet_mutations, numeric=records_numeric),
            "unreadable partitions named; NaN and bad rows counted as rejected",
        ),
    )  # fmt: skip
