"""Governance files: a community's governance as TOML or JSON, and the packaged Wanrong one.

A governance file holds one :class:`~countycare.governance.record.CommunityGovernance` (its keys
are the field names). It is read with the library's converter (:mod:`countycare.io`): unknown keys,
bad types and unknown codes are reported together, each with its ``$.path``; then the checks of
:meth:`~countycare.governance.record.CommunityGovernance.problems` run (unknown practice codes,
unknown bodies, a decision area decided twice, a body both regulating and operating).

A packaged county ``NAME`` may ship ``NAME.governance.toml``; pass the county name to load it.

Examples
--------
>>> gov = load_governance("wanrong")
>>> gov.community, gov.lead, len(gov.autonomies)
('wr-group', 'wr-cgh', 6)
"""

from __future__ import annotations

from pathlib import Path

from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.datasets import names, resource
from countycare.errors import DataError, Problem
from countycare.governance.record import CommunityGovernance
from countycare.io import converter, read_document, write_document
from countycare.io.converters import toml_converter
from countycare.io.documents import format_of
from countycare.io.structuring import structure_collecting

__all__ = [
    "dump_governance",
    "governance_path",
    "governance_problems",
    "load_governance",
]


def governance_path(source: str | Path) -> Path:
    """The file of ``source``: a path, or the packaged ``NAME.governance.toml`` of a county."""
    if isinstance(source, str) and source in names():
        return resource(f"{source}.governance.toml")
    path = Path(source)
    if not path.suffix and not path.exists():
        raise DataError(
            [
                Problem(
                    "$",
                    f"not a packaged county (packaged: {', '.join(names())}) nor a file",
                )
            ],
            str(source),
        )
    return path


def governance_problems(
    source: str | Path, county: County | None = None
) -> tuple[CommunityGovernance | None, tuple[Problem, ...]]:
    """Read a governance file and return it (None if it could not be built) with every problem.

    With ``county``, the community id must name one of its communities and the lead must be that
    community's lead.
    """
    data = read_document(governance_path(source))
    governance, problems = structure_collecting(data, CommunityGovernance)
    if governance is None:
        return None, tuple(problems)
    problems.extend(governance.problems())
    if county is not None:
        problems.extend(_county_problems(governance, county))
    return governance, tuple(problems)


def _county_problems(governance: CommunityGovernance, county: County) -> list[Problem]:
    ids = [c.id for c in county.communities]
    if governance.community not in ids:
        return [
            Problem(
                "$.community",
                f"county {county.id!r} has no community {governance.community!r} "
                f"(it has: {', '.join(ids) or 'none'})",
            )
        ]
    lead = county.community(governance.community).lead
    if governance.lead != lead:
        return [Problem("$.lead", f"the community's lead is {lead!r}, not {governance.lead!r}")]
    return []


@boundary
def load_governance(source: str | Path, county: County | None = None) -> CommunityGovernance:
    """Load a governance file (or a packaged county's); a :class:`DataError` lists every problem."""
    governance, problems = governance_problems(source, county)
    if governance is None or problems:
        raise DataError(problems, str(governance_path(source)))
    return governance


def dump_governance(governance: CommunityGovernance, path: str | Path) -> Path:
    """Write ``governance`` as TOML or JSON (by suffix); :func:`load_governance` reads it back.

    Dates are TOML dates in a TOML file (``since = 2019-01-01``) and ISO text in JSON.
    """
    chosen = toml_converter if format_of(Path(path)) == "toml" else converter
    return write_document(chosen.unstructure(governance), path)
