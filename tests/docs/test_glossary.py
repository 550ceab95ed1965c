"""The glossary names every code of every vocabulary, with the library's Chinese label.

The glossary (``docs/reference/glossary.md``) has one section per vocabulary, headed with the
class name in backticks (``## Tiers — `Tier```). Each code must appear there as `` `code` `` and
each member's Chinese label must appear in the same section, so that adding a member, or
rewording a label, without updating the glossary fails here.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from countycare import errors, hierarchy, labels, periods, provenance
from countycare.indicators import measures
from countycare.labels import BilingualEnum

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "reference" / "glossary.md"

#: Modules whose vocabularies the glossary covers: all of ``labels`` and the foundation's others.
MODULES = (labels, errors, hierarchy, periods, provenance, measures)


def _vocabularies() -> list[type[BilingualEnum]]:
    found = []
    for module in MODULES:
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(obj, BilingualEnum)
                and obj is not BilingualEnum
                and obj.__module__ == module.__name__
            ):
                found.append(obj)
    return found


def _sections() -> dict[str, str]:
    """Section text by every class name its heading quotes in backticks."""
    text = GLOSSARY.read_text(encoding="utf-8")
    sections: dict[str, str] = {}
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        heading, _, body = block.partition("\n")
        for name in re.findall(r"`(\w+)`", heading):
            sections[name] = body
    return sections


VOCABULARIES = _vocabularies()


def test_all_label_vocabularies_are_collected() -> None:
    """Every vocabulary in ``countycare.labels`` is among those checked (none slips through)."""
    in_labels = {
        name
        for name, obj in inspect.getmembers(labels, inspect.isclass)
        if issubclass(obj, BilingualEnum) and obj is not BilingualEnum
    }
    assert in_labels <= {v.__name__ for v in VOCABULARIES}
    assert len(in_labels) >= 12


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_vocabulary_is_in_the_glossary(vocabulary: type[BilingualEnum]) -> None:
    """The vocabulary has a section, and each of its codes and Chinese labels appears in it."""
    sections = _sections()
    assert vocabulary.__name__ in sections, f"no glossary section for {vocabulary.__name__}"
    section = sections[vocabulary.__name__]
    missing = [m.value for m in vocabulary if f"`{m.value}`" not in section]
    assert not missing, f"{vocabulary.__name__} codes missing from the glossary: {missing}"
    unlabelled = [f"{m.value} ({m.zh})" for m in vocabulary if m.zh not in section]
    assert not unlabelled, f"{vocabulary.__name__} Chinese labels missing: {unlabelled}"


@pytest.mark.parametrize(
    "term",
    [
        "常住人口", "户籍人口", "医共体", "医疗集团", "牵头单位", "分院", "乡村一体化", "管办分离",
        "医管委", "紧密型", "双向转诊", "基层医疗卫生机构", "三医联动", "县强、乡活、村稳",
        "总额付费、结余留用、合理超支分担", "DRG", "DIP", "实际补偿比", "县域内就诊率",
    ],
)  # fmt: skip
def test_concept_is_defined(term: str) -> None:
    """The reform's concepts named in the brief have a glossary term (a term line, not prose)."""
    text = GLOSSARY.read_text(encoding="utf-8")
    blocks = re.findall(r"^```\{glossary\}\n(.*?)^```", text, flags=re.M | re.S)
    term_lines = [
        line for block in blocks for line in block.splitlines() if line and line[0] != " "
    ]
    assert len(term_lines) > 100
    assert any(term in line for line in term_lines), f"{term} is not a glossary term"
