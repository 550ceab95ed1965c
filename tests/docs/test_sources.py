"""The product cites public documents only, and the "Sources" page lists each one it relies on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from countycare.errors import CountyCareError
from countycare.labels import SourceStatus
from countycare.sources import DOCUMENTS, PAGE, document, sources_markdown

ROOT = Path(__file__).resolve().parents[2]
#: What no user has: the planning brief, the steering folder and the seeds' file names.
PRIVATE = re.compile(r"domain\.md|shared/|000_d4d9753ab64dd56f|002_de8ac3bb32f98192|seed-000")


def _shipped_files() -> list[Path]:
    roots = [ROOT / "src", ROOT / "docs", ROOT / "examples", ROOT / "tools"]
    files = [ROOT / "README.md"]
    for root in roots:
        files += [
            p
            for p in root.rglob("*")
            if p.is_file()
            and "_build" not in p.parts
            and "generated" not in p.parts
            and p.suffix in {".py", ".md", ".toml", ".csv", ".json", ".txt", ".rst"}
        ]
    return files


def test_no_shipped_file_cites_what_users_do_not_have() -> None:
    """No file in src/, docs/, examples/, tools/ or README cites shared/ or a seed's file name."""
    offenders = [
        str(p.relative_to(ROOT))
        for p in _shipped_files()
        if PRIVATE.search(p.read_text(encoding="utf-8", errors="replace"))
    ]
    assert offenders == []


def test_sources_page_is_current() -> None:
    """The committed page is what the register generates (`python -m countycare.sources`)."""
    committed = (ROOT / PAGE).read_text(encoding="utf-8")
    assert committed == sources_markdown(), f"{PAGE} is stale: run python -m countycare.sources"


def test_every_document_says_what_it_supports_and_how_far_to_trust_it() -> None:
    """Each entry has an issuer, a title, what it supports, and a status; ids are unique."""
    ids = [d.id for d in DOCUMENTS]
    assert len(ids) == len(set(ids))
    for doc in DOCUMENTS:
        assert doc.issuer and doc.title and doc.supports
        assert doc.status in set(SourceStatus)
        assert doc.url or doc.note or doc.number, f"{doc.id}: say where to find it, or why not"


def test_an_unknown_document_is_a_library_error_with_a_suggestion() -> None:
    """A typo'd id raises a CountyCareError that suggests the nearest id."""
    with pytest.raises(CountyCareError, match="did you mean 'gov-2015-70'"):
        document("gov-2015-07")


def test_wanrong_sources_are_in_the_register() -> None:
    """The packaged datasets cite the interview by its register id."""
    from countycare import load_county

    ids = {s.id for s in load_county("wanrong").provenance.sources}
    assert ids <= {d.id for d in DOCUMENTS}
