"""The converter for governance and finance files: the library's, with exact enum hooks.

:func:`countycare.io.make_converter` registers a structure hook for ``str``; cattrs dispatches a
:class:`~countycare.labels.BilingualEnum` (a ``str`` subclass) to it before the enum predicate, so
an unknown code reaches the attrs converter and is reported at the record (``$.practices[0]``)
rather than the field. Registering each vocabulary's hook by class restores the field path
(``$.practices[0].state``) and the list of valid codes.
"""

from __future__ import annotations

import functools
from typing import Any

import cattrs

from countycare.io import make_converter
from countycare.labels import BilingualEnum

__all__ = ["file_converter"]


def _all_subclasses(cls: type[BilingualEnum]) -> list[type[BilingualEnum]]:
    found: list[type[BilingualEnum]] = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_all_subclasses(sub))
    return found


def _structure_enum(value: Any, cls: type[BilingualEnum]) -> BilingualEnum:
    if isinstance(value, cls):
        return value
    try:
        return cls(value)
    except ValueError:
        codes = ", ".join(cls.codes())
        raise ValueError(f"unknown {cls.__name__} {value!r}; expected one of: {codes}") from None


@functools.cache
def file_converter() -> cattrs.Converter:
    """A fresh library converter with a structure hook for every vocabulary defined so far."""
    import countycare.finance
    import countycare.governance  # noqa: F401

    conv = make_converter()
    for cls in _all_subclasses(BilingualEnum):
        conv.register_structure_hook(cls, _structure_enum)
    return conv
