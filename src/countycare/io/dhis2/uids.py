"""DHIS2 identifiers for countycare codes: deterministic UIDs, the id scheme, mapping files.

DHIS2 names every object by an 11-character UID, a letter then ten letters or digits
(:data:`UID_PATTERN`, as DHIS2's ``CodeGenerator`` makes them). countycare derives each UID from
the object's type and code with SHA-256 (:func:`derive_uid`), so the same county and measures give
the same UIDs on every run and every machine. A user who targets an instance that already has
its own UIDs gives a mapping file (:func:`read_mapping`), code → UID, which wins over the derived
UIDs.

Data can name objects by UID or by code (:class:`IdScheme`); with ``code``, the data value set
declares ``idScheme``, ``dataElementIdScheme``, ``orgUnitIdScheme`` and
``categoryOptionComboIdScheme`` as ``CODE`` in its payload, so DHIS2 matches codes.

Examples
--------
>>> derive_uid("dataElement", "visits")
'...'
>>> bool(UID_PATTERN.match(derive_uid("dataElement", "visits")))
True
>>> derive_uid("dataElement", "visits") == derive_uid("dataElement", "visits")
True
>>> Ids({"organisationUnit:wanrong": "ImspTQPwCqd"}).uid("organisationUnit", "wanrong")
'ImspTQPwCqd'
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import attrs

from countycare.calls import calls_checked
from countycare.coerce.arguments import boundary
from countycare.coerce.values import refuse
from countycare.errors import DataError, Problem
from countycare.io.text import csv_delimiter
from countycare.labels import BilingualEnum

__all__ = ["UID_PATTERN", "IdScheme", "Ids", "derive_uid", "read_mapping"]

#: DHIS2's UID: a letter, then ten letters or digits.
UID_PATTERN = re.compile(r"^[a-zA-Z][a-zA-Z0-9]{10}$")

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ALPHANUMERIC = "0123456789" + _LETTERS


class IdScheme(BilingualEnum):
    """How data values name their data elements, organisation units and option combos."""

    UID = ("uid", "DHIS2 UIDs", "DHIS2 标识符")
    CODE = ("code", "countycare codes (DHIS2 CODE id scheme)", "编码")


@boundary
def derive_uid(object_type: str, code: str) -> str:
    """The deterministic UID of the countycare ``code`` of a DHIS2 ``object_type``."""
    number = int.from_bytes(
        hashlib.sha256(f"countycare/{object_type}/{code}".encode()).digest(), "big"
    )
    number, first = divmod(number, len(_LETTERS))
    chars = [_LETTERS[first]]
    for _ in range(10):
        number, digit = divmod(number, len(_ALPHANUMERIC))
        chars.append(_ALPHANUMERIC[digit])
    return "".join(chars)


def _frozen(value: Mapping[str, str]) -> Mapping[str, str]:
    """The mapping of :class:`Ids`, read-only, once each entry is found to map a code (text)
    to a DHIS2 UID; else an ``ArgumentError`` naming the entry."""
    if not isinstance(value, Mapping):
        raise refuse("mapping", "a mapping of codes to DHIS2 UIDs", value)
    for code, uid in value.items():
        if not isinstance(code, str) or not code:
            raise refuse("mapping", "codes as non-empty text", code)
        if not isinstance(uid, str) or not UID_PATTERN.match(uid):
            raise refuse(
                f"mapping[{code[:40]!r}]", "a DHIS2 UID (a letter, then 10 letters or digits)", uid
            )
    return MappingProxyType(dict(value))


@calls_checked
@attrs.frozen
class Ids:
    """The UIDs to write: a mapping (``code`` or ``objectType:code`` → UID) over derived UIDs."""

    mapping: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen)

    def uid(self, object_type: str, code: str) -> str:
        """The UID of ``code``: a typed mapping entry, an untyped one, else the derived UID."""
        return (
            self.mapping.get(f"{object_type}:{code}")
            or self.mapping.get(code)
            or derive_uid(object_type, code)
        )


def _check(pairs: list[tuple[str, str, str]], source: str) -> dict[str, str]:
    problems = []
    out: dict[str, str] = {}
    for where, code, uid in pairs:
        if not code:
            problems.append(Problem(where, "the code is empty"))
        elif not UID_PATTERN.match(uid):
            problems.append(
                Problem(where, f"{uid!r} is not a DHIS2 UID (a letter, then 10 letters or digits)")
            )
        elif code in out and out[code] != uid:
            problems.append(Problem(where, f"code {code!r} mapped twice ({out[code]!r}, {uid!r})"))
        else:
            out[code] = uid
    if problems:
        raise DataError(problems, source)
    return out


@boundary
def read_mapping(path: str | Path) -> dict[str, str]:
    """Read a mapping file: CSV (or tab-separated ``.tsv``) with columns ``code,uid`` (and
    optionally ``type``), or JSON
    ``{"code": "uid"}`` (optionally ``{"type": {"code": "uid"}}``).

    A typed entry is keyed ``type:code`` (e.g. ``organisationUnit:wanrong``). Problems (a bad
    UID, a code mapped twice, a missing column) name the row and column or the JSON path.
    """
    path = Path(path)
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DataError([Problem("$", f"cannot read the file: {exc.strerror}")], source) from None
    pairs: list[tuple[str, str, str]] = []
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataError([Problem(f"line {exc.lineno}", exc.msg)], source) from None
        if not isinstance(data, dict):
            raise DataError([Problem("$", "expected an object of code → UID")], source)
        for key, value in data.items():
            if isinstance(value, dict):
                for code, uid in value.items():
                    pairs.append((f"$.{key}.{code}", f"{key}:{code}", str(uid)))
            else:
                pairs.append((f"$.{key}", str(key), str(value)))
        return _check(pairs, source)
    reader = csv.DictReader(io.StringIO(text), delimiter=csv_delimiter(path))
    missing = {"code", "uid"} - set(reader.fieldnames or ())
    if missing:
        raise DataError(
            [Problem("row 1", f"missing column(s) {', '.join(sorted(missing))}")], source
        )
    for n, row in enumerate(reader, start=2):
        kind = (row.get("type") or "").strip()
        code = (row.get("code") or "").strip()
        key = f"{kind}:{code}" if kind and code else code
        pairs.append((f"row {n}, column uid", key, (row.get("uid") or "").strip()))
    return _check(pairs, source)
