"""Files: strict structuring, unknown keys, and errors that name the file and the place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from countycare.errors import DataError
from countycare.io import county_problems, county_to_dict, load_county, read_document

MINIMAL = {
    "id": "x",
    "name": {"en": "X County", "zh": "某县"},
    "townships": [
        {
            "id": "t1",
            "name": {"en": "T1", "zh": "一乡"},
            "villages": [{"id": "v1", "name": {"en": "V1", "zh": "一村"}, "population": 10}],
        }
    ],
    "institutions": [
        {
            "id": "h",
            "name": {"en": "H", "zh": "医院"},
            "kind": "county_general_hospital",
            "ownership": "public",
            "area": "x",
            "beds": 10,
        }
    ],
}


def _write(tmp_path: Path, data: object, name: str = "c.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _paths(path: Path) -> dict[str, str]:
    _, problems = county_problems(path)
    return {p.path: p.message for p in problems}


def test_minimal_county_loads(tmp_path: Path) -> None:
    """A minimal file with one township, one village and one hospital loads."""
    county = load_county(_write(tmp_path, MINIMAL))
    assert county.population == 10


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("12", "whole number"), (12.7, "whole number"), (True, "whole number"), (-1, "negative")],
)
def test_counts_are_not_coerced(tmp_path: Path, value: object, fragment: str) -> None:
    """'12', 12.7 and true are refused for a count, a negative count too, at the field's path."""
    data = json.loads(json.dumps(MINIMAL))
    data["institutions"][0]["beds"] = value
    problems = _paths(_write(tmp_path, data))
    assert fragment in problems["$.institutions[0].beds"]
    assert (
        repr(value) in problems["$.institutions[0].beds"]
        or str(value) in problems["$.institutions[0].beds"]
    )


def test_unknown_code_suggests_the_closest(tmp_path: Path) -> None:
    """An unknown kind quotes the value in the user's words and suggests the closest code;
    a code far from every other lists them all."""
    data = json.loads(json.dumps(MINIMAL))
    data["institutions"][0]["kind"] = "village_clinc"
    message = _paths(_write(tmp_path, data))["$.institutions[0].kind"]
    assert message == "unknown institution kind 'village_clinc'; did you mean 'village_clinic'?"
    data["institutions"][0]["kind"] = "zzz"
    message = _paths(_write(tmp_path, data))["$.institutions[0].kind"]
    assert "'zzz'" in message and "county_general_hospital" in message


def test_unknown_key_suggests_the_closest(tmp_path: Path) -> None:
    """A typo is an error with a suggestion, never silently dropped."""
    data = json.loads(json.dumps(MINIMAL))
    data["townships"][0]["villages"][0]["populaton"] = 3
    message = _paths(_write(tmp_path, data))["$.townships[0].villages[0].populaton"]
    assert "did you mean 'population'" in message


def test_text_where_a_list_is_expected_is_not_read_letter_by_letter(tmp_path: Path) -> None:
    """``services = "ecg"`` is one problem, not three unknown services 'e', 'c', 'g'."""
    data = json.loads(json.dumps(MINIMAL))
    data["institutions"][0]["services"] = "ecg"
    assert _paths(_write(tmp_path, data)) == {
        "$.institutions[0].services": "expected a list, got 'ecg'"
    }


def test_a_table_where_a_list_is_expected_is_refused(tmp_path: Path) -> None:
    """Institutions keyed by id (a table, not a list) are refused, not read as their keys."""
    data = json.loads(json.dumps(MINIMAL))
    data["institutions"] = {"h": data["institutions"][0]}
    message = _paths(_write(tmp_path, data))["$.institutions"]
    assert message.startswith("expected a list, got {'h': ")


def test_text_where_a_table_is_expected_names_the_value(tmp_path: Path) -> None:
    """``name = "H"`` says a table of keys was expected, not a Python AttributeError."""
    data = json.loads(json.dumps(MINIMAL))
    data["institutions"][0]["name"] = "H"
    assert _paths(_write(tmp_path, data)) == {
        "$.institutions[0].name": "expected a table of keys, got 'H'"
    }


def test_missing_required_key(tmp_path: Path) -> None:
    """A missing required key is reported at its path."""
    data = json.loads(json.dumps(MINIMAL))
    del data["institutions"][0]["ownership"]
    assert "missing" in _paths(_write(tmp_path, data))["$.institutions[0].ownership"]


def test_load_refuses_and_names_the_file(tmp_path: Path) -> None:
    """load_county raises a DataError whose text starts with the file name."""
    data = json.loads(json.dumps(MINIMAL))
    data["institutions"][0]["area"] = "atlantis"
    path = _write(tmp_path, data)
    with pytest.raises(DataError) as info:
        load_county(path)
    assert str(info.value).startswith(f"{path}: $.institutions[0].area: area 'atlantis'")


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    """A syntax error is located by line and column."""
    path = tmp_path / "c.json"
    path.write_text('{"id": "x",\n "name": }', encoding="utf-8")
    with pytest.raises(DataError, match=r"c\.json: line 2, column 10: not valid JSON"):
        read_document(path)


def test_unsupported_suffix_and_missing_file(tmp_path: Path) -> None:
    """Other suffixes and absent files are clear errors, not tracebacks."""
    with pytest.raises(DataError, match=r"unsupported file type '\.yaml'"):
        read_document(tmp_path / "c.yaml")
    with pytest.raises(DataError, match="file not found"):
        read_document(tmp_path / "absent.toml")
    with pytest.raises(DataError, match="no packaged dataset"):
        load_county("narnia")


def test_dates_are_iso_text_in_json() -> None:
    """Membership dates are written as ISO text so that JSON can carry them."""
    data = county_to_dict(load_county("wanrong"))
    assert data["communities"][0]["memberships"][0]["valid_from"] == "2017-04-01"
