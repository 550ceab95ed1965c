"""The check of a county file as a result: the county, every problem, and the verdict.

:func:`check_county_file` reads a county file (or a packaged dataset name), collects every
structural problem and every problem of :func:`countycare.validation.validate_county`, and
returns a :class:`CountyFileCheck`; its :meth:`~CountyFileCheck.to_dict` is exactly what
``countycare validate FILE --json`` prints.

Examples
--------
>>> check = check_county_file("wanrong")
>>> check.valid, check.to_dict()["institutions"] > 0
(True, True)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from countycare.calls import calls_checked
from countycare.coerce.arguments import boundary
from countycare.coerce.fields import checked_fields
from countycare.community import County
from countycare.errors import Problem, Severity

__all__ = ["CountyFileCheck", "check_county_file"]


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class CountyFileCheck:
    """A county file checked: the county (None when it could not be built) and its problems.

    With ``strict`` a warning counts as an error.
    """

    file: str
    county: County | None = attrs.field(repr=False)
    problems: tuple[Problem, ...]
    strict: bool = False

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that make the file invalid (every one, with ``strict``)."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR or self.strict)

    @property
    def valid(self) -> bool:
        """Whether the county was built and has no error."""
        return self.county is not None and not self.errors

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: exactly what ``countycare validate FILE --json`` prints.

        ``file``, ``valid``, ``institutions`` (None when the county could not be built) and
        every problem (:meth:`~countycare.errors.Problem.to_dict`), warnings included.
        """
        return {
            "file": self.file,
            "valid": self.valid,
            "institutions": None if self.county is None else len(self.county.institutions),
            "problems": [p.to_dict() for p in self.problems],
        }


@boundary
def check_county_file(source: str | Path, *, strict: bool = False) -> CountyFileCheck:
    """Check a county file (``.toml``/``.json``) or a packaged dataset name; never raises for a
    problem of the county itself (an unreadable file still raises a ``DataError``)."""
    from countycare.io.county_files import county_problems

    county, problems = county_problems(source)
    return CountyFileCheck(str(source), county, problems, strict)
