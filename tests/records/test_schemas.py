"""The record schemas document themselves, and the generator writes exactly those schemas."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pytest

from countycare.records.reference import measures_markdown, schemas_markdown
from countycare.records.schemas import SCHEMAS, RecordKind, field_unit, schema


@pytest.mark.parametrize("kind", list(RecordKind), ids=lambda k: k.value)
def test_every_field_has_a_unit_and_a_description(kind: RecordKind) -> None:
    """Each column states its unit and meaning, so the reference pages can be generated."""
    for field in schema(kind):
        assert field_unit(kind, field.name)
        assert field.metadata and field.metadata[b"description"]


def test_encounter_columns_are_those_of_the_issue() -> None:
    """The encounter columns are the contract users' files are written to."""
    assert schema("encounters").names == [
        "encounter_id", "patient_id", "institution_id", "date", "setting", "tcm", "insured",
        "resident", "total_cost", "fund_paid", "discharge_date",
    ]  # fmt: skip
    assert field_unit("encounters", "total_cost") == "yuan"


def test_referral_columns_reuse_the_referral_names() -> None:
    """Referral records use the referral package's column names, so one file serves both."""
    assert schema(RecordKind.REFERRALS).names == [
        "referral_id", "patient_id", "from_id", "to_id", "date", "setting", "status",
    ]  # fmt: skip


@pytest.mark.parametrize("kind", list(RecordKind), ids=lambda k: k.value)
def test_generated_tables_conform(records: dict[RecordKind, pa.Table], kind: RecordKind) -> None:
    """Synthetic tables carry the canonical schema, metadata included."""
    assert records[kind].schema.equals(SCHEMAS[kind], check_metadata=True)


@pytest.mark.parametrize(
    ("page", "make"),
    [("records-schemas.md", schemas_markdown), ("records-measures.md", measures_markdown)],
)
def test_reference_pages_are_generated_from_the_code(page: str, make: Callable[[], str]) -> None:
    """The reference pages equal what the code generates (regenerate them when this fails)."""
    path = Path(__file__).resolve().parents[2] / "docs" / "reference" / page
    assert path.read_text(encoding="utf-8") == make()
