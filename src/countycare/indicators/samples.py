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

import tomllib
from pathlib import Path
from typing import Any

import attrs

from countycare.datasets import resource
from countycare.errors import DataError, Problem
from countycare.indicators.files import read_measures
from countycare.indicators.table import MeasureTable
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
    try:
        data: dict[str, Any] = tomllib.loads(companion.read_text(encoding="utf-8"))
        provenance = Provenance(
            sources=[Source(**s) for s in data.get("sources", [])],
            facts=[Fact(**{**f, "origin": Origin(f["origin"])}) for f in data.get("facts", [])],
        )
        return MeasuresFileInfo(str(data["label"]), provenance)
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise DataError(
            [Problem("$", f"bad provenance companion: {exc}")], str(companion)
        ) from None


def packaged_measures(name: str = "wanrong") -> tuple[MeasureTable, MeasuresFileInfo]:
    """The measures file shipped with dataset ``name`` and its label."""
    path = resource(f"{name}.measures.csv")
    info = read_file_info(path)
    if info is None:
        raise DataError([Problem("$", "a packaged measures file must have a label")], str(path))
    return read_measures(path), info
