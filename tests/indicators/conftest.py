"""Collect the worked cases in ``cases/*.toml``: each ``[[case]]`` becomes one test item.

A case gives measure rows (and optional checklist answers), the indicator to evaluate, and either
the hand-computed value (``expect``) or the reason it must be undefined (``undefined``). Cases
are data, as OpenFisca keeps its tests: a reader checks the arithmetic without reading Python.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from countycare.indicators.answers import ChecklistAnswer
from countycare.indicators.catalogues import indicator_set
from countycare.indicators.evaluation import evaluate
from countycare.indicators.table import MeasureTable

CASES = Path(__file__).parent / "cases"


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.File | None:
    """Collect ``cases/*.toml`` files as worked-case files."""
    if file_path.suffix == ".toml" and file_path.parent == CASES:
        return CaseFile.from_parent(parent, path=file_path)
    return None


def load_cases(path: Path) -> list[dict[str, Any]]:
    """The cases of one file (also used by the test that every indicator has a case)."""
    return list(tomllib.loads(path.read_text(encoding="utf-8"))["case"])


class CaseFile(pytest.File):
    """A TOML file of worked cases."""

    def collect(self) -> Iterator[pytest.Item]:
        for case in load_cases(self.path):
            yield CaseItem.from_parent(self, name=case["name"], case=case)


class CaseItem(pytest.Item):
    """One worked case: evaluate and compare with the hand-computed answer."""

    def __init__(self, *, case: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        case = self.case
        definition = indicator_set(case["set"]).get(case["indicator"])
        table = MeasureTable.from_rows([tuple(row) for row in case.get("rows", [])])
        answers = {
            a["code"]: ChecklistAnswer(
                a["code"], a["met"], tuple(a.get("missing", ())), tuple(a.get("evidence", ()))
            )
            for a in case.get("answers", [])
        }
        value = evaluate(definition, table, case["scope"], case["period"], answers=answers)
        if "undefined" in case:
            assert value.value is None, f"expected undefined, got {value.value!r}"
            assert value.reason is not None
            assert value.reason.value == case["undefined"], value.detail
            if "reason_mentions" in case:
                assert case["reason_mentions"] in value.detail, value.detail
        else:
            assert value.value is not None, f"undefined: {value.reason} {value.detail}"
            tolerance = case.get("tolerance", 1e-9)
            assert math.isclose(
                value.value, case["expect"], rel_tol=tolerance, abs_tol=tolerance
            ), f"{value.value!r} != {case['expect']!r}"
            if "met" in case:
                assert value.met is case["met"]

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        return f"worked case {self.name!r} ({self.path.name}): {excinfo.value}"

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"case: {self.name}"
