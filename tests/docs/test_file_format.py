"""The county file format reference documents every key the loader accepts.

``docs/reference/county-file-format.md`` has a section per class, headed with the class name in
backticks; every attrs field of the class must appear in that section as `` `field` ``. A field
added to the model without documentation fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from countycare.community import County, MedicalCommunity, Membership
from countycare.geography import Township, Village
from countycare.institutions import Institution, Staff
from countycare.provenance import Fact, Provenance, Source

PAGE = Path(__file__).resolve().parents[2] / "docs" / "reference" / "county-file-format.md"
#: Each class of the file and the section that documents it (Source and Fact share Provenance's).
CLASSES = {
    County: "County",
    Township: "Township",
    Village: "Village",
    Institution: "Institution",
    Staff: "Staff",
    MedicalCommunity: "MedicalCommunity",
    Membership: "Membership",
    Provenance: "Provenance",
    Source: "Provenance",
    Fact: "Provenance",
}


def _sections() -> dict[str, str]:
    text = PAGE.read_text(encoding="utf-8")
    sections = {}
    for block in re.split(r"^### ", text, flags=re.M)[1:]:
        heading, _, body = block.partition("\n")
        name = re.match(r"`(\w+)`", heading)
        if name:
            sections[name.group(1)] = body.split("\n## ")[0]
    return sections


@pytest.mark.parametrize("cls", list(CLASSES), ids=lambda c: c.__name__)
def test_every_key_is_documented(cls: type) -> None:
    """Each field of the class is named in its section of the reference."""
    section = _sections()[CLASSES[cls]]
    missing = [f.name for f in attrs.fields(cls) if f"`{f.name}`" not in section]
    assert not missing, f"{cls.__name__} keys missing from the file format reference: {missing}"


@pytest.mark.parametrize(
    "cls", [c for c, s in CLASSES.items() if c.__name__ == s], ids=lambda c: c.__name__
)
def test_required_column_matches_the_model(cls: type) -> None:
    """A key is marked required ("yes") exactly when the model gives it no default."""
    section = _sections()[cls.__name__]
    rows = dict(re.findall(r"^\| `(\w+)` \| [^|]+ \| (\w+)", section, flags=re.M))
    for field in attrs.fields(cls):
        required = field.default is attrs.NOTHING
        assert (rows[field.name] == "yes") == required, f"{cls.__name__}.{field.name}"
