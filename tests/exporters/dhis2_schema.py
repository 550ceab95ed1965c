"""A small checker of DHIS2 documents, written from DHIS2's documentation, for the tests.

No maintained Python library validates DHIS2 metadata offline, so this checks what DHIS2's
metadata and data value import would: the UID pattern (``CodeGenerator``: a letter, then ten
letters or digits), the fields each object type requires and their lengths (names ≤ 230,
short names and codes ≤ 50, unique per type), enumerations (value and aggregation types, period
types), that every reference names an object of the package, and that each indicator expression
parses under DHIS2's indicator expression grammar (``#{de}``, ``#{de.coc}``, ``#{de.*}``,
``#{de.coc.aoc}``, ``C{…}``, ``OUG{…}``, ``R{ds.METRIC}``, ``N{…}``, ``D{…}``, ``I{…}``,
``[days]``, numbers, ``+ - * / % ^``, parentheses and ``.periodOffset(n)``), naming only data
elements and option combos that exist. Sources: the DHIS2 developer manual (metadata import,
data values, indicators) and the ``Expression.g4`` grammar of ``dhis2/dhis2-core``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

UID = re.compile(r"^[a-zA-Z][a-zA-Z0-9]{10}$")
VALUE_TYPES = frozenset(
    {
        "NUMBER",
        "INTEGER",
        "INTEGER_POSITIVE",
        "INTEGER_NEGATIVE",
        "INTEGER_ZERO_OR_POSITIVE",
        "PERCENTAGE",
        "UNIT_INTERVAL",
        "TEXT",
        "LONG_TEXT",
        "BOOLEAN",
        "TRUE_ONLY",
        "DATE",
    }
)
AGGREGATION_TYPES = frozenset(
    {
        "SUM",
        "AVERAGE",
        "AVERAGE_SUM_ORG_UNIT",
        "LAST",
        "LAST_AVERAGE_ORG_UNIT",
        "LAST_IN_PERIOD",
        "LAST_IN_PERIOD_AVERAGE_ORG_UNIT",
        "FIRST",
        "FIRST_AVERAGE_ORG_UNIT",
        "COUNT",
        "STDDEV",
        "VARIANCE",
        "MIN",
        "MAX",
        "NONE",
        "CUSTOM",
        "DEFAULT",
    }
)
PERIOD_TYPES = frozenset(
    {
        "Daily",
        "Weekly",
        "Monthly",
        "BiMonthly",
        "Quarterly",
        "SixMonthly",
        "SixMonthlyApril",
        "Yearly",
        "FinancialApril",
        "FinancialJuly",
        "FinancialOct",
    }
)
PERIOD = re.compile(r"^\d{4}(Q[1-4]|0[1-9]|1[0-2]|S[12]|W([1-9]|[1-4]\d|5[0-3])|\d{4})?$")

#: Per object type: the fields DHIS2 requires, and the references each field holds.
REQUIRED: Mapping[str, tuple[str, ...]] = {
    "organisationUnits": ("id", "name", "shortName", "openingDate"),
    "organisationUnitLevels": ("id", "name", "level"),
    "categoryOptions": ("id", "name", "shortName"),
    "categories": ("id", "name", "shortName", "dataDimensionType", "categoryOptions"),
    "categoryCombos": ("id", "name", "dataDimensionType", "categories"),
    "categoryOptionCombos": ("id", "categoryCombo", "categoryOptions"),
    "dataElements": ("id", "name", "shortName", "valueType", "aggregationType", "domainType"),
    "indicatorTypes": ("id", "name", "factor"),
    "indicators": ("id", "name", "shortName", "indicatorType", "numerator", "denominator"),
    "indicatorGroups": ("id", "name", "indicators"),
    "dataSets": ("id", "name", "shortName", "periodType", "dataSetElements"),
}
REFERENCES: Mapping[str, Mapping[str, str]] = {
    "organisationUnits": {"parent": "organisationUnits"},
    "categories": {"categoryOptions": "categoryOptions"},
    "categoryCombos": {"categories": "categories"},
    "categoryOptionCombos": {
        "categoryCombo": "categoryCombos",
        "categoryOptions": "categoryOptions",
    },
    "dataElements": {"categoryCombo": "categoryCombos"},
    "indicators": {"indicatorType": "indicatorTypes"},
    "indicatorGroups": {"indicators": "indicators"},
    "dataSets": {"organisationUnits": "organisationUnits"},
}

_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)"
    r"|(?P<operand>(?P<kind>#|C|OUG|R|N|D|I|A)\{(?P<body>[^{}]*)\})"
    r"|(?P<days>\[days\])"
    r"|(?P<offset>\.periodOffset\()"
    r"|(?P<op>[-+*/%^()]))"
)


def _tokens(expression: str) -> list[tuple[str, str, str]]:
    out, at = [], 0
    while at < len(expression):
        if expression[at:].strip() == "":
            break
        match = _TOKEN.match(expression, at)
        if not match:
            raise ValueError(f"cannot read {expression[at:]!r}")
        at = match.end()
        if match.group("number"):
            out.append(("number", match.group("number"), ""))
        elif match.group("operand"):
            out.append(("operand", match.group("kind"), match.group("body")))
        elif match.group("days"):
            out.append(("number", "[days]", ""))
        elif match.group("offset"):
            out.append(("offset", "", ""))
        else:
            out.append(("op", match.group("op"), ""))
    return out


class _Parser:
    """Recursive descent over DHIS2's indicator arithmetic; collects the operands it meets."""

    def __init__(self, expression: str) -> None:
        self.tokens = _tokens(expression)
        self.at = 0
        self.operands: list[tuple[str, str]] = []

    def peek(self) -> tuple[str, str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> tuple[str, str, str]:
        token = self.peek()
        if token is None:
            raise ValueError("unexpected end of expression")
        self.at += 1
        return token

    def parse(self) -> list[tuple[str, str]]:
        self.sum()
        if self.peek() is not None:
            raise ValueError(f"unexpected {self.peek()!r}")
        return self.operands

    def sum(self) -> None:
        self.product()
        while (t := self.peek()) and t[0] == "op" and t[1] in "+-":
            self.take()
            self.product()

    def product(self) -> None:
        self.unary()
        while (t := self.peek()) and t[0] == "op" and t[1] in "*/%^":
            self.take()
            self.unary()

    def unary(self) -> None:
        t = self.peek()
        if t and t[0] == "op" and t[1] in "+-":
            self.take()
        self.postfix()

    def postfix(self) -> None:
        self.atom()
        while (t := self.peek()) and t[0] == "offset":
            self.take()
            sign = self.peek()
            if sign and sign[0] == "op" and sign[1] in "+-":
                self.take()
            number = self.take()
            if number[0] != "number" or not number[1].isdigit():
                raise ValueError(".periodOffset( needs a whole number")
            close = self.take()
            if close != ("op", ")", ""):
                raise ValueError(".periodOffset( is not closed")

    def atom(self) -> None:
        t = self.take()
        if t[0] == "number":
            return
        if t[0] == "operand":
            self.operands.append((t[1], t[2]))
            return
        if t == ("op", "(", ""):
            self.sum()
            if self.take() != ("op", ")", ""):
                raise ValueError("a parenthesis is not closed")
            return
        raise ValueError(f"unexpected {t[1]!r}")


def expression_problems(expression: str, elements: set[str], combos: set[str]) -> list[str]:
    """What DHIS2 would reject in an indicator expression (syntax, unknown UIDs)."""
    try:
        operands = _Parser(expression).parse()
    except ValueError as exc:
        return [f"{expression!r}: {exc}"]
    problems = []
    for kind, body in operands:
        if kind != "#":
            continue
        parts = body.split(".")
        if not 1 <= len(parts) <= 3 or not UID.match(parts[0]):
            problems.append(f"{expression!r}: bad data element operand #{{{body}}}")
            continue
        if parts[0] not in elements:
            problems.append(f"{expression!r}: data element {parts[0]} is not in the package")
        for part in parts[1:]:
            if part != "*" and part not in combos:
                problems.append(f"{expression!r}: option combo {part} is not in the package")
    return problems


def _refs(value: Any) -> Iterator[Any]:
    if isinstance(value, list):
        yield from (v.get("id") if isinstance(v, Mapping) else v for v in value)
    elif isinstance(value, Mapping):
        yield value.get("id")


def metadata_problems(document: Mapping[str, Any]) -> list[str]:
    """Every problem DHIS2's metadata import would raise on ``document`` (empty when valid)."""
    problems: list[str] = []
    ids: dict[str, set[str]] = {kind: set() for kind in REQUIRED}
    unknown = set(document) - set(REQUIRED)
    problems.extend(f"unknown object type {k!r}" for k in sorted(unknown))
    for kind, objects in document.items():
        if kind not in REQUIRED:
            continue
        names: set[str] = set()
        shorts: set[str] = set()
        codes: set[str] = set()
        for n, obj in enumerate(objects):
            where = f"{kind}[{n}]"
            problems.extend(
                f"{where}: missing {f}" for f in REQUIRED[kind] if obj.get(f) in (None, "", [])
            )
            uid = obj.get("id", "")
            if not UID.match(str(uid)):
                problems.append(f"{where}: id {uid!r} is not a DHIS2 UID")
            if uid in ids[kind]:
                problems.append(f"{where}: id {uid!r} repeated")
            ids[kind].add(uid)
            if len(obj.get("name", "")) > 230:
                problems.append(f"{where}: name longer than 230")
            if len(obj.get("shortName", "")) > 50:
                problems.append(f"{where}: shortName longer than 50")
            if len(obj.get("code", "")) > 50:
                problems.append(f"{where}: code longer than 50")
            if kind != "organisationUnits":  # names and short names are unique per type
                for seen, field in ((names, "name"), (shorts, "shortName")):
                    if obj.get(field) and obj[field] in seen:
                        problems.append(f"{where}: {field} {obj[field]!r} repeated")
                    seen.add(obj.get(field))
            if obj.get("code"):
                if obj["code"] in codes:
                    problems.append(f"{where}: code {obj['code']!r} repeated")
                codes.add(obj["code"])
            if kind == "dataElements":
                if obj.get("valueType") not in VALUE_TYPES:
                    problems.append(f"{where}: valueType {obj.get('valueType')!r}")
                if obj.get("aggregationType") not in AGGREGATION_TYPES:
                    problems.append(f"{where}: aggregationType {obj.get('aggregationType')!r}")
                if obj.get("domainType") not in ("AGGREGATE", "TRACKER"):
                    problems.append(f"{where}: domainType {obj.get('domainType')!r}")
            if kind == "dataSets" and obj.get("periodType") not in PERIOD_TYPES:
                problems.append(f"{where}: periodType {obj.get('periodType')!r}")
            if kind == "indicatorTypes" and not isinstance(obj.get("factor"), int):
                problems.append(f"{where}: factor must be a whole number")
            if kind == "organisationUnits" and not re.match(
                r"^\d{4}-\d{2}-\d{2}$", obj.get("openingDate", "")
            ):
                problems.append(f"{where}: openingDate {obj.get('openingDate')!r}")
    for kind, fields in REFERENCES.items():
        for n, obj in enumerate(document.get(kind, ())):
            for field, target in fields.items():
                for ref in _refs(obj.get(field)):
                    if ref not in ids[target]:
                        problems.append(f"{kind}[{n}].{field}: {ref!r} names no {target}")
    for n, data_set in enumerate(document.get("dataSets", ())):
        for element in data_set.get("dataSetElements", ()):
            if element.get("dataElement", {}).get("id") not in ids["dataElements"]:
                problems.append(f"dataSets[{n}]: dataSetElement names no data element")
    for n, indicator in enumerate(document.get("indicators", ())):
        for side in ("numerator", "denominator"):
            for problem in expression_problems(
                indicator.get(side, ""), ids["dataElements"], ids["categoryOptionCombos"]
            ):
                problems.append(f"indicators[{n}].{side}: {problem}")
    return problems


def data_value_set_problems(
    document: Mapping[str, Any], metadata: Mapping[str, Any] | None = None
) -> list[str]:
    """What DHIS2's data value import would reject: missing fields, a period it cannot parse, a
    value that is not text, ids of the wrong form for the declared id scheme; with ``metadata``,
    ids that name no object of it."""
    problems: list[str] = []
    scheme = str(document.get("idScheme", "UID")).upper()
    known: dict[str, set[str]] = {}
    if metadata is not None:
        key = "code" if scheme == "CODE" else "id"
        for field, kind in (
            ("dataElement", "dataElements"),
            ("orgUnit", "organisationUnits"),
            ("categoryOptionCombo", "categoryOptionCombos"),
        ):
            known[field] = {o.get(key) for o in metadata.get(kind, ())}
    for n, value in enumerate(document.get("dataValues", ())):
        where = f"dataValues[{n}]"
        for field in ("dataElement", "period", "orgUnit", "value"):
            if not value.get(field):
                problems.append(f"{where}: missing {field}")
        if not isinstance(value.get("value"), str):
            problems.append(f"{where}: value must be text")
        if not PERIOD.match(str(value.get("period", ""))):
            problems.append(f"{where}: period {value.get('period')!r}")
        for field in ("dataElement", "orgUnit", "categoryOptionCombo"):
            if field not in value:
                continue
            if scheme == "UID" and not UID.match(value[field]):
                problems.append(f"{where}.{field}: {value[field]!r} is not a UID")
            if field in known and value[field] not in known[field]:
                problems.append(f"{where}.{field}: {value[field]!r} names nothing in the metadata")
    return problems
