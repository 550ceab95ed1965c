"""Record-level data: schemas, validation, a synthetic generator and the measure engines.

Records (encounters, fund claims, referrals, …) become the measures indicators need:
:func:`measure_records` (DuckDB) or :func:`measure_records_spark` (Spark, in a session such as
:func:`local_session` gives). :func:`generate` draws realistic synthetic county-years;
:func:`write_dataset` writes them as Parquet partitioned by kind, county and year.

Examples
--------
>>> from countycare.testing.records import small_record_county
>>> county = small_record_county()
>>> result = measure_records(county, generate(county, 2024), [2024], ["visits"])
>>> result.table.get("sc", "2024", "visits") > 0
True
"""

from countycare.records.dataset import clone_county, dataset_paths, dataset_years, write_dataset
from countycare.records.derivable import DERIVABLE, NOT_DERIVABLE
from countycare.records.engine_duckdb import measure_records
from countycare.records.engine_spark import local_session, measure_records_spark
from countycare.records.pipeline import MeasureResult
from countycare.records.privacy import PublishedTable, suppress_small_cells
from countycare.records.scenario import Scenario
from countycare.records.schemas import SCHEMAS, RecordKind, schema
from countycare.records.synthetic import generate
from countycare.records.validation import ValidationReport

__all__ = [
    "DERIVABLE",
    "NOT_DERIVABLE",
    "SCHEMAS",
    "MeasureResult",
    "PublishedTable",
    "RecordKind",
    "Scenario",
    "ValidationReport",
    "clone_county",
    "dataset_paths",
    "dataset_years",
    "generate",
    "local_session",
    "measure_records",
    "measure_records_spark",
    "schema",
    "suppress_small_cells",
    "write_dataset",
]
