"""The docs and examples import only public names, from where the public-API rule says.

Public is the ``__all__`` of ``countycare`` and of its packages, and of the modules
``countycare.coerce``, ``countycare.forms`` and ``countycare.tabular``
(docs/reference/public-api.md). A how-to that imports from a module inside a package teaches a
path that may change in any release, and escapes the API tests, which walk packages: the Spark
engine went unwrapped that way, and ``evaluate_baseline`` too.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: The modules whose own names are public besides the packages.
PUBLIC_MODULES = {"countycare.coerce", "countycare.forms", "countycare.tabular"}
IMPORT = re.compile(r"^\s*(?:>>> |\.\.\. )?from (countycare(?:\.[a-z_0-9]+)*) import (.+)$")


def _sources() -> list[Path]:
    pages = [p for p in (ROOT / "docs").rglob("*.md") if "_build" not in p.parts]
    pages = [p for p in pages if "generated" not in p.parts]
    return sorted([*pages, *(ROOT / "examples").glob("*.py"), ROOT / "README.md"])


def _imports() -> list[tuple[str, int, str, list[str]]]:
    found = []
    for path in _sources():
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            match = IMPORT.match(line)
            if match is None:
                continue
            listed = match.group(2).strip()
            if listed.startswith("("):  # the names on the lines that follow, up to ")"
                rest = [listed[1:]]
                for following in lines[number:]:
                    rest.append(following.replace("...", "", 1))
                    if ")" in following:
                        break
                listed = " ".join(rest).split(")")[0]
            names = [n.strip().split(" as ")[0] for n in listed.split(",") if n.strip()]
            found.append((str(path.relative_to(ROOT)), number, match.group(1), names))
    return found


IMPORTS = _imports()


def test_the_imports_are_found() -> None:
    """The scan sees the docs' imports: the test below would pass on nothing."""
    assert len(IMPORTS) > 50


@pytest.mark.parametrize(
    ("where", "number", "module", "names"),
    IMPORTS,
    ids=[f"{w}:{n}" for w, n, _, _ in IMPORTS],
)
def test_docs_import_public_names_from_packages(
    where: str, number: int, module: str, names: list[str]
) -> None:
    """Each import is from a package (or a public module) whose ``__all__`` lists the name."""
    imported = importlib.import_module(module)
    is_package = hasattr(imported, "__path__")
    assert is_package or module in PUBLIC_MODULES, (
        f"{where}:{number} imports from the module {module}; import from its package"
    )
    missing = [n for n in names if n not in getattr(imported, "__all__", ())]
    assert not missing, f"{where}:{number}: {missing} not in {module}.__all__"
