"""Shared fixtures for the record tests: a small county and one synthetic year of its records."""

from __future__ import annotations

import pyarrow as pa
import pytest

from countycare.community import County
from countycare.records.schemas import RecordKind
from countycare.records.synthetic import generate
from countycare.testing.records import small_record_county


@pytest.fixture(scope="session")
def county() -> County:
    """The small two-township county of :mod:`countycare.testing.records`."""
    return small_record_county()


@pytest.fixture(scope="session")
def records(county: County) -> dict[RecordKind, pa.Table]:
    """One synthetic year (2024) of every kind of record for the small county."""
    return generate(county, 2024, seed=7)
