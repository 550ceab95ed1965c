"""The generated docs pages are current: the catalogue page is what the definitions say now."""

from __future__ import annotations

from pathlib import Path

import pytest

from countycare.indicators.catalogues import all_definitions
from countycare.indicators.docs import PAGES, catalogue_markdown

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("relative", sorted(PAGES))
def test_generated_page_is_current(relative: str) -> None:
    """Regenerate with `python -m countycare.indicators.docs` when a definition changes."""
    committed = (ROOT / relative).read_text(encoding="utf-8")
    assert committed == PAGES[relative](), (
        f"{relative} is stale: run `.venv/bin/python -m countycare.indicators.docs`"
    )


def test_catalogue_shows_every_definition_with_its_status() -> None:
    """Each shipped definition appears with its unit, status and formula as math."""
    text = catalogue_markdown()
    for d in all_definitions():
        assert f"### `{d.code}` ({d.set_code} {d.item})" in text
    assert text.count("- **Status**: reconstructed") >= 30
    assert text.count("$$") >= 2 * 30
