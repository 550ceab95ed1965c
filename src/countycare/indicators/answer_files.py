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
>>> _ = path.write_text('[[answer]]\\ncode = "charter"\\nmet = true\\n')
>>> read_answers(path)["charter"].met
True
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from pathlib import Path

from countycare.errors import CountyCareError, DataError, Problem
from countycare.indicators.definitions import ChecklistAnswer

__all__ = ["read_answers"]


def read_answers(path: str | Path) -> Mapping[str, ChecklistAnswer]:
    """The answers of a file by item code; :class:`DataError` lists every problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        payload = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except OSError as exc:
        raise DataError(
            [Problem("$", f"cannot read the file: {exc.strerror}")], str(path)
        ) from None
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise DataError([Problem("$", f"not valid TOML/JSON: {exc}")], str(path)) from None
    records = payload.get("answer") if isinstance(payload, dict) else None
    if not isinstance(records, list):
        raise DataError([Problem("$.answer", "expected a list of answers")], str(path))
    answers: dict[str, ChecklistAnswer] = {}
    problems = []
    for i, record in enumerate(records):
        where = f"$.answer[{i}]"
        try:
            if not isinstance(record, dict) or set(record) - {"code", "met", "missing", "evidence"}:
                raise TypeError(f"expected a table of code, met, missing, evidence: {record!r}")
            answer = ChecklistAnswer(
                record["code"],
                record["met"],
                tuple(record.get("missing", ())),
                tuple(record.get("evidence", ())),
            )
        except KeyError as exc:
            problems.append(Problem(where, f"missing field {exc.args[0]!r}"))
            continue
        except (TypeError, ValueError, CountyCareError) as exc:
            problems.append(Problem(where, str(exc)))
            continue
        if answer.code in answers:
            problems.append(Problem(f"{where}.code", f"a second answer for {answer.code!r}"))
        answers[answer.code] = answer
    if problems:
        raise DataError(problems, str(path))
    return answers
