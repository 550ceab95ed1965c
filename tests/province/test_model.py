"""Province files and checks: counties inline or by path, problems located, as_of."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from countycare.errors import DataError
from countycare.io.county_files import dump_county
from countycare.labels import Name
from countycare.province.files import dump_province, load_province, province_problems
from countycare.province.model import Prefecture, Province, errors_of, validate_province
from countycare.testing.records import small_record_county


def _province(*groups: tuple[str, ...]) -> Province:
    return Province(
        "sp",
        Name("Small Province", "小省"),
        tuple(
            Prefecture(f"pf{n}", Name(f"P{n}", f"市{n}"), tuple(small_record_county(c) for c in g))
            for n, g in enumerate(groups)
        ),
    )


def test_round_trip_inline_and_by_path(tmp_path: Path) -> None:
    """A province written with counties inline, or in files of their own, loads back equal,
    in TOML and in JSON."""
    p = _province(("a1", "a2"), ("b1",))
    for name, inline in (("inline.toml", True), ("paths.toml", False), ("p.json", False)):
        assert load_province(dump_province(p, tmp_path / name, inline=inline)) == p


def test_mixed_entries_and_relative_paths(tmp_path: Path) -> None:
    """A prefecture may list a county inline beside a path relative to the province file."""
    (tmp_path / "c").mkdir()
    dump_county(small_record_county("a1"), tmp_path / "c" / "a1.toml")
    p = _province(("a1", "a2"))
    path = dump_province(p, tmp_path / "p.toml", inline=True)
    text = path.read_text(encoding="utf-8")
    import tomllib

    import tomli_w

    data = tomllib.loads(text)
    data["prefectures"][0]["counties"][0] = "c/a1.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    assert load_province(path) == p


def test_ids_must_be_unique_across_the_province() -> None:
    """Two counties with the same township and institution ids: every clash is named at its
    place in the province file, with the first use."""
    p = _province(("a1",), ("a1",))
    problems = [str(x) for x in errors_of(validate_province(p))]
    assert problems[0].startswith("$.prefectures[1].counties[0]: county 'a1' is listed twice")
    q = Province("sp", Name("S", "省"), (
        Prefecture("pa", Name("A", "甲"), (small_record_county("x"),)),
        Prefecture("pb", Name("B", "乙"), (
            attrs_evolve_id(small_record_county("x"), "y"),)),
    ))  # fmt: skip
    found = [str(x) for x in errors_of(validate_province(q))]
    assert any(
        f.startswith("$.prefectures[1].counties[0].townships[0].id: duplicate id 'x-t1' "
                     "(first used at $.prefectures[0].counties[0].townships[0].id)")
        for f in found
    )  # fmt: skip


def attrs_evolve_id(county: object, new_id: str) -> object:
    import attrs

    return attrs.evolve(county, id=new_id)  # type: ignore[misc]


def test_problems_of_a_county_file_name_the_file(tmp_path: Path) -> None:
    """A bad value in a county file listed by path is reported at the county's place in the
    province file and in the county file."""
    p = _province(("a1",))
    path = dump_province(p, tmp_path / "p.toml")
    county_file = tmp_path / "counties" / "a1.toml"
    county_file.write_text(
        county_file.read_text(encoding="utf-8").replace("beds = 20", "beds = -20", 1),
        encoding="utf-8",
    )
    _, problems = province_problems(path)
    with pytest.raises(DataError) as caught:
        load_province(path)
    text = str(caught.value)
    assert "$.prefectures[0].counties[0]" in text and "a1.toml" in text
    assert problems


def test_a_missing_county_file_is_named(tmp_path: Path) -> None:
    """A county path that does not exist is one problem at its place, naming the file."""
    path = tmp_path / "p.toml"
    path.write_text(
        'id = "sp"\nname = { en = "S", zh = "省" }\n[[prefectures]]\nid = "pa"\n'
        'name = { en = "A", zh = "甲" }\ncounties = ["nowhere.toml"]\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"\$\.prefectures\[0\]\.counties\[0\].*nowhere\.toml"):
        load_province(path)


def test_as_of_reduces_every_county() -> None:
    """``as_of`` is each county's ``as_of``: memberships not yet valid are dropped."""
    p = _province(("a1", "a2"))
    day = dt.date(2000, 1, 1)
    assert p.as_of(day).counties == tuple(c.as_of(day) for c in p.counties)
