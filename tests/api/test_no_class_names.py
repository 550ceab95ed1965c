"""Messages speak the user's words: no Python class name reaches a user.

The CLI side (every command's ``--json`` and error output) is scanned in
``test_one_document.py``; here the library's own messages, and the source itself: a class name
may be formatted into text in four places only, each for a reason.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs
import pytest

from countycare import County, load_county
from countycare.coerce import describe
from countycare.indicators.formulas import Component
from countycare.io.dhis2.expressions import NotExpressibleError, fraction
from countycare.io.structuring import structure_collecting

_SOURCE = Path(__file__).parents[2] / "src" / "countycare"

#: Where a class name may be formatted into text, and why.
_ALLOWED = {
    "coerce/values.py": "describe(): a foreign object with no readable repr, the last resort",
    "tabular.py": "source_name(): '<pandas DataFrame>' names the table a caller passed",
    "cli/__init__.py": "an internal error (a bug in countycare) names the exception for the report",
    "calls.py": "a CallError names the function or method the caller called",
}


def test_no_other_module_formats_a_class_name() -> None:
    """``{….__name__}`` or ``__class__`` in the package's text only where listed above."""
    found = {
        str(path.relative_to(_SOURCE))
        for path in _SOURCE.rglob("*.py")
        if re.search(r"__name__\}|__class__", path.read_text(encoding="utf-8"))
    }
    assert found <= set(_ALLOWED), found - set(_ALLOWED)


@attrs.frozen
class _MyFormula:
    """A formula kind of a caller's own (the Formula protocol, no DHIS2 form)."""

    def components(self) -> tuple[Component, ...]:
        return ()


def test_a_formula_without_a_dhis2_form_is_named_in_words() -> None:
    """The DHIS2 exporter says which kinds have a form, not ``no DHIS2 form for _MyFormula``."""
    with pytest.raises(NotExpressibleError) as caught:
        fraction(_MyFormula(), lambda component: component.key)  # type: ignore[arg-type]
    assert "_MyFormula" not in str(caught.value)
    assert "only a count, a ratio, a ratio of ratios and a growth" in str(caught.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (lambda: load_county("wanrong"), "a county 'wanrong'"),
        (lambda: load_county("wanrong").institutions[0], "an institution 'wr-cgh'"),
        (lambda: load_county("wanrong").name, "a name"),
    ],
)
def test_countycare_objects_are_described_in_words(value: Any, expected: str) -> None:
    """An object of countycare quoted in a refusal is named as the user knows it, never by its
    repr (``County(id='wanrong', name=Name(…``)."""
    assert describe(value()) == expected


def test_a_document_that_is_no_table_says_what_it_got() -> None:
    """A county document that is a list: 'expected a table of keys, got [1, 2]', not 'list'."""
    county, problems = structure_collecting([1, 2], County)
    assert county is None
    assert [p.message for p in problems] == ["expected a table of keys, got [1, 2]"]
