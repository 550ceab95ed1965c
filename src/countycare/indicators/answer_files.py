"""Read explicit answers to qualitative items (nhc-2024 1.1–1.3) from a TOML or JSON file.

.. code-block:: toml

    [[answer]]
    code = "service_coordination"
    met = false
    missing = ["infectious_disease_early_warning"]
    evidence = ["county health commission notice 2023-12"]

Examples
--------
>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "answers.toml"
>>> _ = path.write_text('[[answer]]\\ncode = "service_coordination"\\nmet = true\\n')
>>> read_answers(path)["service_coordination"].met
True
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path

from countycare.errors import CountyCareError, DataError, Problem
from countycare.indicators.catalogues import all_definitions
from countycare.indicators.definitions import ChecklistAnswer
from countycare.io.documents import read_document, unknown_key_problems
from countycare.io.limits import shown

_KEYS = ("code", "met", "missing", "evidence")


def _record_problems(record: object, where: str) -> list[Problem]:
    """Problems of one answer, each at its key: a misspelt key or item code must not vanish."""
    if not isinstance(record, dict):
        return [Problem(where, f"expected a table of {', '.join(_KEYS)}, got {shown(record)}")]
    problems = []
    for key in sorted(set(record) - set(_KEYS)):
        close = difflib.get_close_matches(key[:60], _KEYS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        problems.append(Problem(f"{where}.{key}", f"unknown key {key!r}{hint}"))
    for key in ("code", "met"):
        if key not in record:
            problems.append(Problem(f"{where}.{key}", "required key is missing"))
    items = sorted({d.code for d in all_definitions() if d.is_checklist})
    if "code" in record and record["code"] not in items:
        problems.append(
            Problem(
                f"{where}.code",
                f"{shown(record['code'])} is not a qualitative item; they are {', '.join(items)}",
            )
        )
    if "met" in record and not isinstance(record["met"], bool):
        problems.append(
            Problem(f"{where}.met", f"expected true or false, got {shown(record['met'])}")
        )
    for key in ("missing", "evidence"):
        value = record.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(
                Problem(f"{where}.{key}", f"expected a list of text, got {shown(value)}")
            )
    return problems


__all__ = ["read_answers"]


def read_answers(path: str | Path) -> Mapping[str, ChecklistAnswer]:
    """The answers of a file by item code; :class:`DataError` lists every problem."""
    path = Path(path)
    payload = read_document(path)
    top = unknown_key_problems(payload, ["answer"])
    if top:
        raise DataError(top, str(path))
    records = payload.get("answer")
    if not isinstance(records, list):
        raise DataError([Problem("$.answer", "expected a list of answers")], str(path))
    answers: dict[str, ChecklistAnswer] = {}
    problems = []
    for i, record in enumerate(records):
        where = f"$.answer[{i}]"
        found = _record_problems(record, where)
        if found:
            problems += found
            continue
        assert isinstance(record, dict)  # checked above
        try:
            answer = ChecklistAnswer(
                record["code"],
                record["met"],
                tuple(record.get("missing", ())),
                tuple(record.get("evidence", ())),
            )
        except (TypeError, ValueError, CountyCareError) as exc:
            problems.append(Problem(where, str(exc)))
            continue
        if answer.code in answers:
            problems.append(Problem(f"{where}.code", f"a second answer for {answer.code!r}"))
        answers[answer.code] = answer
    if problems:
        raise DataError(problems, str(path))
    return answers
