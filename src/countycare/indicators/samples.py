"""Measures files that ship with the datasets, and the provenance label that goes with them.

A measures file may have a companion ``STEM.provenance.toml`` (``wanrong.measures.csv`` →
``wanrong.measures.provenance.toml``) with a one-line ``label`` and the sources and facts of a
:class:`~countycare.provenance.Provenance`. The packaged Wanrong file is **illustrative**: its
label says so, and every scorecard made from it prints that label.

Examples
--------
>>> table, info = packaged_measures("wanrong")
>>> info.label.startswith("ILLUSTRATIVE")
True
>>> table.get("wanrong", "2021", "fund_paid_residents")  # given as 36993 wan_yuan
369930000.0
>>> [f.origin.value for f in info.provenance.facts][:2]
['illustrative', 'source']
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from countycare.coerce.arguments import boundary
from countycare.datasets import resource
from countycare.errors import CountyCareError, DataError, Problem
from countycare.indicators.files import read_measures
from countycare.indicators.table import MeasureTable
from countycare.io.documents import read_document, unknown_key_problems
from countycare.io.limits import shown
from countycare.provenance import Fact, Origin, Provenance, Source

__all__ = ["MeasuresFileInfo", "companion_of", "packaged_measures", "read_file_info"]


@attrs.frozen
class MeasuresFileInfo:
    """What a measures file is: a label to print with every result, and its provenance."""

    label: str
    provenance: Provenance

    @property
    def illustrative(self) -> bool:
        """Whether any of the file's figures are illustrative rather than from a source."""
        return bool(self.provenance.illustrative())

    def banner(self) -> list[str]:
        """The label, then each fact that is not purely illustrative, with its source's id.

        A label such as "illustrative, except where a fact below says so" is only honest when
        those facts are printed beside it.

        >>> _, info = packaged_measures("wanrong")
        >>> lines = info.banner()
        >>> lines[0].startswith("ILLUSTRATIVE")
        True
        >>> any("362,000" in line for line in lines[1:])
        True
        """
        lines = [self.label]
        for fact in self.provenance.facts:
            if fact.origin is Origin.ILLUSTRATIVE and fact.source is None:
                continue
            cited = f"; {fact.source}" if fact.source else ""
            lines.append(f"  - {fact.subject}: {fact.statement} [{fact.origin.value}{cited}]")
        return lines


def companion_of(path: str | Path) -> Path:
    """The provenance companion of a measures file (which may not exist)."""
    path = Path(path)
    return path.with_name(path.stem + ".provenance.toml")


def read_file_info(path: str | Path) -> MeasuresFileInfo | None:
    """The companion of a measures file, or None when it has none."""
    companion = companion_of(path)
    if not companion.is_file():
        return None
    data = read_document(companion)
    source = str(companion)
    problems = unknown_key_problems(data, _TOP)
    label = data.get("label")
    if not isinstance(label, str) or not label.strip():
        problems.append(Problem("$.label", f"required: one line of text, got {shown(label)}"))
    sources = _tables(data, "sources", _SOURCE_KEYS, ("id", "title"), problems)
    facts = _tables(data, "facts", _FACT_KEYS, ("subject", "statement", "origin"), problems)
    for i, fact in enumerate(facts):
        if "origin" in fact and fact["origin"] not in Origin.codes():
            codes = ", ".join(Origin.codes())
            problems.append(
                Problem(f"$.facts[{i}].origin", f"{shown(fact['origin'])} is not one of {codes}")
            )
    if problems:
        raise DataError(problems, source)
    try:
        provenance = Provenance(
            sources=[Source(**s) for s in sources],
            facts=[Fact(**{**f, "origin": Origin(f["origin"])}) for f in facts],
        )
    except (KeyError, TypeError, ValueError, CountyCareError) as exc:
        raise DataError([Problem("$.facts", str(exc)[:200])], source) from None
    return MeasuresFileInfo(str(label), provenance)


_TOP = ("label", "sources", "facts")
_SOURCE_KEYS = ("id", "title", "citation", "url")
_FACT_KEYS = ("subject", "statement", "origin", "source")


def _tables(
    data: dict[str, Any],
    key: str,
    known: tuple[str, ...],
    required: tuple[str, ...],
    problems: list[Problem],
) -> list[dict[str, Any]]:
    """The tables of ``data[key]`` whose keys are known and whose values are text."""
    value = data.get(key, [])
    if not isinstance(value, list):
        problems.append(Problem(f"$.{key}", f"expected a list of tables, got {shown(value)}"))
        return []
    good = []
    for i, item in enumerate(value):
        where = f"$.{key}[{i}]"
        if not isinstance(item, dict):
            problems.append(Problem(where, f"expected a table, got {shown(item)}"))
            continue
        found = unknown_key_problems(item, known, where)
        found += [
            Problem(f"{where}.{k}", "required key is missing") for k in required if k not in item
        ]
        found += [
            Problem(f"{where}.{k}", f"expected text, got {shown(v)}")
            for k, v in item.items()
            if k in known and not isinstance(v, str)
        ]
        problems.extend(found)
        if not found:
            good.append(item)
    return good


@boundary
def packaged_measures(name: str = "wanrong") -> tuple[MeasureTable, MeasuresFileInfo]:
    """The measures file shipped with dataset ``name`` and its label."""
    path = resource(f"{name}.measures.csv")
    info = read_file_info(path)
    if info is None:
        raise DataError([Problem("$", "a packaged measures file must have a label")], str(path))
    return read_measures(path), info
