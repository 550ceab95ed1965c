"""Packaged datasets: the embedded Wanrong county and the files that go with it.

A dataset is a county file ``NAME.toml`` in this folder; companion files share its stem
(``NAME.measures.csv``, ``NAME.governance.toml``, …).

Examples
--------
>>> "wanrong" in names()
True
>>> resource("wanrong.toml").name
'wanrong.toml'
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from countycare.coerce.arguments import boundary
from countycare.errors import CountyCareError

__all__ = ["DatasetNotFoundError", "county_path", "names", "resource"]


class DatasetNotFoundError(CountyCareError):
    """No packaged dataset or file has the name asked for."""


def _folder() -> Path:
    return Path(str(resources.files("countycare.datasets")))


@boundary
def names() -> tuple[str, ...]:
    """Names of the packaged counties, sorted."""
    return tuple(sorted(p.stem for p in _folder().glob("*.toml") if "." not in p.stem))


@boundary
def resource(filename: str) -> Path:
    """The path of a packaged file, e.g. ``wanrong.measures.csv``."""
    path = _folder() / filename
    if not path.is_file():
        available = ", ".join(sorted(p.name for p in _folder().iterdir() if p.suffix != ".py"))
        raise DatasetNotFoundError(f"no packaged file {filename!r}; available: {available}")
    return path


@boundary
def county_path(name: str) -> Path:
    """The county file of the packaged dataset ``name``."""
    if name not in names():
        raise DatasetNotFoundError(
            f"no packaged dataset {name!r}; available: {', '.join(names()) or 'none'}"
        )
    return resource(f"{name}.toml")
