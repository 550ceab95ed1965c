"""Shared fixtures: one small synthetic province written to disk once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from countycare.province.model import Province
from countycare.province.synth import PROVINCE_FILE, write_synthetic_province


@pytest.fixture(scope="session")
def province_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five synthetic counties (scale 0.005, seed 3), one year (2024) of every kind of record."""
    root = tmp_path_factory.mktemp("province")
    write_synthetic_province(root, 5, [2024], seed=3, scale=0.005)
    return root


@pytest.fixture(scope="session")
def province(province_dir: Path) -> Province:
    """The province of :func:`province_dir`, loaded from its file."""
    from countycare.province.files import load_province

    return load_province(province_dir / PROVINCE_FILE)
