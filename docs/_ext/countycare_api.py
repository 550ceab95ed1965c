"""Sphinx directive ``countycare-public-names``: a package's ``__all__`` as a table of links.

countycare's packages re-export names that are documented in the modules defining them. Listing
the re-exports on the package page, each linked to its one documented place, keeps every name
findable from the package a user imports it from, without documenting anything twice (which
Sphinx reports as duplicate object descriptions and ambiguous cross-references).

It also makes autosummary prefer a module to a same-named attribute of its package, should a
package ever re-export a name that shadows one of its modules; otherwise the recursive API
reference would document the attribute in place of the module.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.ext import autosummary
from sphinx.util.docutils import SphinxDirective


def _modules_of(package: ModuleType) -> list[ModuleType]:
    """The plain (non-package) modules under ``package``, imported."""
    found = []
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        if not hasattr(module, "__path__"):
            found.append(module)
    return found


def canonical_name(package: ModuleType, name: str) -> str | None:
    """Where ``package.name`` is documented: its defining module for classes and functions,
    else the plain module that lists it in ``__all__`` and holds the same object."""
    obj: Any = getattr(package, name)
    module = getattr(obj, "__module__", None)
    own_package = package.__name__.split(".")[0] + "."
    if (inspect.isclass(obj) or inspect.isfunction(obj)) and (module or "").startswith(own_package):
        return f"{module}.{obj.__qualname__}"
    for candidate in _modules_of(package):
        if name in getattr(candidate, "__all__", ()) and getattr(candidate, name) is obj:
            return f"{candidate.__name__}.{name}"
    return None


class PublicNames(SphinxDirective):
    """``.. countycare-public-names:: PACKAGE``: a table of the package's re-exported names."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        package = importlib.import_module(self.arguments[0])
        rows = []
        for name in sorted(getattr(package, "__all__", ()), key=str.lower):
            if name.startswith("__"):
                continue
            target = canonical_name(package, name)
            if target == f"{package.__name__}.{name}":
                continue  # defined here, documented on this page
            if target is None:
                rows.append(f"   * - ``{name}``\n     - ")
            else:
                rows.append(f"   * - :py:obj:`{name} <{target}>`\n     - ``{target}``")
        if not rows:
            return []
        text = [
            ".. rubric:: Names re-exported here",
            "",
            ".. list-table::",
            "   :header-rows: 1",
            "   :widths: 30 70",
            "",
            f"   * - Import from ``{package.__name__}``",
            "     - Documented at",
            *rows,
        ]
        container = nodes.container()
        self.state.nested_parse(
            StringList("\n".join(text).splitlines(), source="countycare-public-names"),
            self.content_offset,
            container,
        )
        return container.children


def _prefer_modules(original: Any) -> Any:
    """Wrap autosummary's importer: a countycare name that is a module imports as the module."""

    def import_by_name(name: str, grouped_exception: bool = True) -> tuple[Any, Any, str]:
        obj, parent, modname = original(name, grouped_exception)
        if isinstance(obj, ModuleType) or not name.startswith("countycare."):
            return obj, parent, modname
        try:
            module = importlib.import_module(name)
        except ImportError:
            return obj, parent, modname
        return module, None, name

    return import_by_name


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive and the module-preferring importer."""
    autosummary._import_by_name = _prefer_modules(autosummary._import_by_name)
    app.add_directive("countycare-public-names", PublicNames)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
