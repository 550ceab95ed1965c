"""Load and dump a :class:`~countycare.community.County` as TOML or JSON; a round trip is lossless.

Examples
--------
>>> import tempfile, pathlib
>>> county = load_county("wanrong")
>>> path = dump_county(county, pathlib.Path(tempfile.mkdtemp()) / "w.json")
>>> load_county(path) == county
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.datasets import county_path, names
from countycare.errors import DataError, Problem, Severity
from countycare.io.converters import converter, toml_converter
from countycare.io.documents import format_of, read_document, write_document
from countycare.io.structuring import structure, structure_collecting

__all__ = ["county_from_dict", "county_problems", "county_to_dict", "dump_county", "load_county"]


@boundary
def county_to_dict(county: County) -> dict[str, Any]:
    """The county as plain data (what the files hold)."""
    data: dict[str, Any] = converter.unstructure(county)
    return data


@boundary
def county_from_dict(data: dict[str, Any], *, source: str | None = None) -> County:
    """Build a county from plain data; a :class:`DataError` lists every structural problem."""
    return structure(data, County, source=source)


def _resolve(source: str | Path) -> Path:
    if isinstance(source, str) and source in names():
        return county_path(source)
    path = Path(source)
    if not path.suffix and not path.exists():
        available = ", ".join(names())
        raise DataError(
            [Problem("$", f"no such file, and no packaged dataset of that name ({available})")],
            str(source),
        )
    return path


@boundary
def county_problems(source: str | Path) -> tuple[County | None, tuple[Problem, ...]]:
    """Read a county file (or dataset name) and return it with *every* problem found.

    Structural problems (bad types, unknown keys) come first, then, when the county could be
    built, the checks of :func:`countycare.validation.validate_county`. The county is None when
    it could not be built.
    """
    from countycare.validation import validate_county

    data = read_document(_resolve(source))
    county, problems = structure_collecting(data, County)
    if county is None:
        return None, tuple(problems)
    return county, (*problems, *validate_county(county))


@boundary
def load_county(source: str | Path, *, check: bool = True) -> County:
    """Load a county from a ``.toml`` or ``.json`` file, or a packaged dataset name.

    With ``check`` (the default) the county must also pass
    :func:`~countycare.validation.validate_county` without errors (warnings are allowed);
    otherwise a :class:`DataError` lists every problem with its path.
    """
    county, problems = county_problems(source)
    path = str(_resolve(source))
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if county is None or (check and errors):
        raise DataError(errors or problems, path)
    return county


@boundary
def dump_county(county: County, path: str | Path) -> Path:
    """Write ``county`` to ``path`` (``.toml`` or ``.json``); return the path.

    Dates are TOML dates in a TOML file (``valid_from = 2017-04-01``) and ISO text in JSON.
    """
    path = Path(path)
    if format_of(path) == "toml":
        return write_document(toml_converter.unstructure(county), path)
    return write_document(county_to_dict(county), path)
