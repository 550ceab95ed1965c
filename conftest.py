"""Pytest configuration for the whole tree: the doctests of ``src/countycare`` and ``tests``."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def _temporary_files_under_pytest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Folders made with ``tempfile.mkdtemp()`` (the doctests' examples write files there) go
    under pytest's own temporary folder, which pytest prunes, not loose in the system's."""
    before = tempfile.tempdir
    tempfile.tempdir = str(tmp_path_factory.mktemp("tempfile"))
    yield
    tempfile.tempdir = before
