"""Sphinx configuration for the countycare documentation."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

project = "countycare"
author = "countycare maintainers"
copyright = f"{dt.date.today().year}, {author}"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "sphinx.ext.graphviz",
    "countycare_api",  # docs/_ext: package pages list their re-exports, linked
]

myst_enable_extensions = ["colon_fence", "dollarmath", "deflist", "substitution"]
myst_heading_anchors = 3
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
# Package pages (docs/_templates/autosummary/module.rst) link re-exports instead of
# documenting them a second time.
templates_path = ["_templates"]

autodoc_default_options = {"members": True, "show-inheritance": True}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
# The aliases of countycare.forms, imported only for type checking, are shown by name (not
# Coded: Coded[IdScheme] would leave an ambiguous link to IdScheme).
from countycare import forms  # noqa: E402 (importable once src is on sys.path, above)

autodoc_type_aliases = {
    name: f"countycare.forms.{name}" for name in forms.__all__ if name.endswith("Like")
}
autosummary_generate = True
napoleon_numpy_docstring = True
napoleon_google_docstring = False
# attrs-generated and forward-referenced annotations cannot always be resolved by autodoc.
nitpicky = False


intersphinx_mapping: dict[str, tuple[str, None]] = {}

html_theme = "furo"
html_title = "countycare"
html_static_path = ["_static"]
language = "en"
