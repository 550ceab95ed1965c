"""Small readers of FHIR elements for :mod:`countycare.io.fhir.read`: identifiers, codings,
extensions, references, each raising :class:`Bad` with the JSON path of what is wrong."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from countycare.errors import DataError, FieldError, Problem
from countycare.io.fhir.codesystems import extension_url, identifier_system, system
from countycare.labels import BilingualEnum, Name

_E = TypeVar("_E", bound=BilingualEnum)


class Bad(Exception):  # noqa: N818 (internal: always turned into a Problem)
    """A problem at a path inside one resource (turned into a :class:`Problem`)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def bundle_resources(
    bundle: Mapping[str, Any], source: str | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """The resources of a ``Bundle`` with their paths (``$.entry[i].resource``)."""
    if not isinstance(bundle, Mapping) or bundle.get("resourceType") != "Bundle":
        raise DataError([Problem("$.resourceType", "expected a FHIR Bundle")], source)
    entries = bundle.get("entry", [])
    if not isinstance(entries, list):
        raise DataError([Problem("$.entry", "expected a list of entries")], source)
    out = []
    problems = []
    for i, entry in enumerate(entries):
        resource = entry.get("resource") if isinstance(entry, Mapping) else None
        if not isinstance(resource, dict) or "resourceType" not in resource:
            problems.append(Problem(f"$.entry[{i}]", "expected an entry with a resource"))
            continue
        out.append((f"$.entry[{i}].resource", resource))
    if problems:
        raise DataError(problems, source)
    return out


# -- small readers of one element -----------------------------------------------------------------


def extensions(resource: Mapping[str, Any], name: str, path: str) -> Iterator[tuple[str, Any]]:
    url = extension_url(name) if "/" not in name and ":" not in name else name
    for i, ext in enumerate(resource.get("extension", ())):
        if isinstance(ext, Mapping) and ext.get("url") in (url, name):
            yield f"{path}.extension[{i}]", ext


def value(ext: Mapping[str, Any], value_type: str, path: str) -> Any:
    key = f"value{value_type}"
    if key not in ext:
        raise Bad(path, f"expected {key}")
    return ext[key]


def one(
    resource: Mapping[str, Any], name: str, value_type: str, path: str, default: Any = None
) -> Any:
    found = list(extensions(resource, name, path))
    if not found:
        return default
    if len(found) > 1:
        raise Bad(found[1][0], f"extension {name!r} given twice")
    where, ext = found[0]
    return value(ext, value_type, where)


def integer(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Bad(path, f"expected a whole number, got {value!r}")
    return value


def number(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Bad(path, f"expected a number, got {value!r}")
    return float(value)


def identifier(resource: Mapping[str, Any], kind: str, path: str) -> str:
    for ident in resource.get("identifier", ()):
        if isinstance(ident, Mapping) and ident.get("system") == identifier_system(kind):
            value = ident.get("value")
            if isinstance(value, str):
                return value
    raise Bad(f"{path}.identifier", f"no identifier in system {identifier_system(kind)}")


def name(resource: Mapping[str, Any], path: str) -> Name:
    """The bilingual name: ``name`` (Chinese) and the first ``alias`` (English)."""
    zh = resource.get("name")
    alias = resource.get("alias") or [zh]
    try:
        return Name(en=alias[0], zh=zh)  # Name checks the types
    except (FieldError, TypeError, ValueError) as exc:
        raise Bad(f"{path}.name", str(exc)) from None


def code(concept: Any, name: str, enum: type[_E], path: str) -> _E:
    """The member of ``enum`` coded in a CodeableConcept or Coding from system ``name``."""
    codings = concept.get("coding", [concept]) if isinstance(concept, Mapping) else []
    for c in codings:
        if isinstance(c, Mapping) and c.get("system") == system(name):
            try:
                return enum(str(c.get("code")))
            except ValueError:
                raise Bad(path, f"unknown {name} code {c.get('code')!r}") from None
    raise Bad(path, f"no coding in {system(name)}")


def typed(resource: Mapping[str, Any], name: str, enum: type[_E], path: str) -> _E:
    for i, concept in enumerate(resource.get("type", ())):
        try:
            return code(concept, name, enum, f"{path}.type[{i}]")
        except Bad as bad:
            if bad.message.startswith("unknown"):
                raise
    raise Bad(f"{path}.type", f"no type coded in {system(name)}")


def type_code(resource: Mapping[str, Any], name: str) -> str | None:
    for concept in resource.get("type", ()):
        for c in concept.get("coding", ()) if isinstance(concept, Mapping) else ():
            if isinstance(c, Mapping) and c.get("system") == system(name):
                return str(c.get("code"))
    return None


def target(ref: Any, by_ref: Mapping[str, str], path: str) -> str:
    text = ref.get("reference") if isinstance(ref, Mapping) else None
    if not isinstance(text, str) or text not in by_ref:
        raise Bad(path, f"reference {text!r} names no resource of the bundle")
    return by_ref[text]


def date(value: Any, path: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise Bad(path, f"not a date (YYYY-MM-DD): {value!r}") from None


def parts(ext: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for part in ext.get("extension", ()):
        if isinstance(part, Mapping):
            values = [v for k, v in part.items() if k.startswith("value")]
            if values:
                out[str(part.get("url"))] = values[0]
    return out
