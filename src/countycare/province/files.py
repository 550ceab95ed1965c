"""Province files (TOML or JSON): prefectures with their counties inline or by relative path.

A province file names the province and lists its prefectures; each prefecture lists its counties,
each either a county table inline (the county file's format) or the path of a county file,
relative to the province file::

    id = "sx"
    name = { en = "Shanxi", zh = "山西省" }

    [[prefectures]]
    id = "yuncheng"
    name = { en = "Yuncheng", zh = "运城市" }
    counties = ["counties/wanrong.toml", "counties/linyi.toml"]

Every problem is reported at once, each at its place: ``$.prefectures[2].counties[5]`` for the
sixth county of the third prefecture, then the path inside it
(``$.prefectures[2].counties[5].institutions[3].tier``), and the county file's name when the
county is in a file of its own.

Examples
--------
>>> import tempfile, pathlib
>>> from countycare.testing.records import small_record_county
>>> from countycare.labels import Name
>>> from countycare.province.model import Prefecture, Province
>>> p = Province("sp", Name("Small Province", "小省"), (
...     Prefecture("sp-a", Name("A", "甲市"), (small_record_county("a1"),)),))
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = dump_province(p, folder / "province.toml")
>>> sorted(f.relative_to(folder).as_posix() for f in folder.rglob("*.toml"))
['counties/a1.toml', 'province.toml']
>>> load_province(path) == p
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.errors import DataError, Problem, Severity
from countycare.io.converters import converter, toml_converter
from countycare.io.county_files import dump_county
from countycare.io.documents import format_of, read_document, write_document
from countycare.io.structuring import structure_collecting
from countycare.labels import Name
from countycare.provenance import Provenance
from countycare.province.model import Prefecture, Province, validate_province
from countycare.validation import validate_county

__all__ = ["dump_province", "load_province", "province_problems", "province_to_dict"]

_KEYS = {"id", "name", "prefectures", "provenance"}
_PREFECTURE_KEYS = {"id", "name", "counties"}


def _located(problem: Problem, here: str, source: str | None = None) -> Problem:
    path = here + problem.path.removeprefix("$")
    if source is not None:
        path = f"{path} ({source}: {problem.path})"
    return Problem(path, problem.message, problem.severity)


def _county(entry: Any, here: str, folder: Path) -> tuple[County | None, list[Problem]]:
    """One county entry: a table inline, or the path of a county file relative to ``folder``."""
    if isinstance(entry, str):
        path = folder / entry
        try:
            data = read_document(path)
        except DataError as exc:
            return None, [_located(p, here, str(path)) for p in exc.problems]
        county, problems = structure_collecting(data, County)
        found = [*problems, *(validate_county(county) if county is not None else ())]
        return county, [_located(p, here, str(path)) for p in found]
    if isinstance(entry, dict):
        county, problems = structure_collecting(entry, County)
        found = [*problems, *(validate_county(county) if county is not None else ())]
        return county, [_located(p, here) for p in found]
    return None, [Problem(here, f"a county is a table or the path of a county file, got {entry!r}")]


def _name(data: Any, here: str) -> tuple[Name | None, list[Problem]]:
    name, problems = structure_collecting(data, Name)
    return name, [_located(p, here) for p in problems]


@boundary
def province_problems(source: str | Path) -> tuple[Province | None, tuple[Problem, ...]]:
    """Read a province file and return the province with *every* problem found (None when it
    could not be built): structure first, then each county's checks, then the province's."""
    path = Path(source)
    data = read_document(path)
    folder = path.parent
    problems: list[Problem] = [
        Problem(f"$.{key}", f"unknown key {key!r}; expected one of: {', '.join(sorted(_KEYS))}")
        for key in sorted(set(data) - _KEYS)
    ]
    for key in ("id", "name", "prefectures"):
        if key not in data:
            problems.append(Problem(f"$.{key}", "missing"))
    name, found = _name(data.get("name"), "$.name") if "name" in data else (None, [])
    problems += found
    prefectures: list[Prefecture] = []
    unbuilt = False  # a county that could not be built: the checks across counties wait
    entries = data.get("prefectures", [])
    if not isinstance(entries, list):
        problems.append(Problem("$.prefectures", "expected a list of prefectures"))
        entries = []
    for p, entry in enumerate(entries):
        here = f"$.prefectures[{p}]"
        if not isinstance(entry, dict):
            problems.append(Problem(here, "expected a table with id, name and counties"))
            continue
        problems += [
            Problem(f"{here}.{key}", f"unknown key {key!r}; expected one of: "
                    f"{', '.join(sorted(_PREFECTURE_KEYS))}")
            for key in sorted(set(entry) - _PREFECTURE_KEYS)
        ]  # fmt: skip
        for key in sorted(_PREFECTURE_KEYS - set(entry)):
            problems.append(Problem(f"{here}.{key}", "missing"))
        pname, found = _name(entry.get("name"), f"{here}.name")
        problems += found
        counties: list[County] = []
        listed = entry.get("counties", [])
        if not isinstance(listed, list):
            problems.append(Problem(f"{here}.counties", "expected a list of counties"))
            listed = []
        for c, item in enumerate(listed):
            county, found = _county(item, f"{here}.counties[{c}]", folder)
            problems += found
            if county is not None:
                counties.append(county)
            else:
                unbuilt = True
        try:
            if pname is not None and isinstance(entry.get("id"), str):
                prefectures.append(Prefecture(entry["id"], pname, tuple(counties)))
        except ValueError as exc:
            problems.append(Problem(f"{here}.id", str(exc)))
    provenance = Provenance()
    if "provenance" in data:
        built, found = structure_collecting(data["provenance"], Provenance)
        problems += [_located(p, "$.provenance") for p in found]
        provenance = built or provenance
    if (
        unbuilt
        or name is None
        or not isinstance(data.get("id"), str)
        or any(p.severity is Severity.ERROR and p.path.count("counties[") == 0 for p in problems)
    ):
        return None, tuple(problems)
    try:
        province = Province(data["id"], name, tuple(prefectures), provenance)
    except ValueError as exc:
        return None, (*problems, Problem("$.id", str(exc)))
    return province, (*problems, *validate_province(province, counties=False))


@boundary
def load_province(source: str | Path, *, check: bool = True) -> Province:
    """Load a province from a ``.toml`` or ``.json`` file (counties inline or by path).

    With ``check`` (the default) the province must have no errors (warnings are allowed);
    otherwise a :class:`~countycare.errors.DataError` lists every problem with its path.
    """
    province, problems = province_problems(source)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if province is None or (check and errors):
        raise DataError(errors or problems, str(source))
    return province


def province_to_dict(
    province: Province, county_paths: dict[str, str] | None = None, *, toml: bool = False
) -> dict[str, Any]:
    """The province as plain data: counties inline, or as the paths in ``county_paths``
    (with ``toml``, dates stay dates, for a TOML file)."""
    paths = county_paths or {}
    chosen = toml_converter if toml else converter
    data: dict[str, Any] = {
        "id": province.id,
        "name": converter.unstructure(province.name),
        "prefectures": [
            {
                "id": p.id,
                "name": converter.unstructure(p.name),
                "counties": [paths.get(c.id) or chosen.unstructure(c) for c in p.counties],
            }
            for p in province.prefectures
        ],
    }
    if province.provenance != Provenance():
        data["provenance"] = chosen.unstructure(province.provenance)
    return data


@boundary
def dump_province(
    province: Province,
    path: str | Path,
    *,
    inline: bool = False,
    counties_dir: str = "counties",
    county_suffix: str | None = None,
) -> Path:
    """Write ``province`` to ``path`` (``.toml`` or ``.json``); return the path.

    By default each county goes to a file of its own, ``<counties_dir>/<county id><suffix>``
    beside the province file (``county_suffix``, default the province file's), which lists
    their relative paths; ``inline`` writes one file.
    """
    path = Path(path)
    paths: dict[str, str] = {}
    if not inline:
        folder = path.parent / counties_dir
        folder.mkdir(parents=True, exist_ok=True)
        for county in province.counties:
            name = f"{counties_dir}/{county.id}{county_suffix or path.suffix}"
            dump_county(county, path.parent / name)  # TOML dates in a TOML file
            paths[county.id] = name
    toml = format_of(path) == "toml"
    return write_document(province_to_dict(province, paths, toml=toml), path)
