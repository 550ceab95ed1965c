"""The basic facts: the figures a county reform report opens with, computed from the model,
each with its origin; undefined ones with a reason, never 0. Also the model fields they need
(area, town/township kind, residents' committees) in the county file format."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from countycare.community import County
from countycare.errors import CountyCareError
from countycare.geography import Township, TownshipKind
from countycare.indicators.samples import packaged_measures
from countycare.io import county_problems, county_to_dict, load_county
from countycare.labels import InstitutionKind
from countycare.provenance import Origin
from countycare.report.facts import basic_facts
from countycare.report.sections_model import paragraph_zh
from countycare.testing.county import counties


def test_wanrong_facts_and_their_origins() -> None:
    """Wanrong: 1,081.5 km², 4 towns and 10 townships, 207 villages, 362,000 residents, 274
    village clinics; the area and counts are from a source, the split illustrative."""
    facts = basic_facts(load_county("wanrong"), as_of=dt.date(2022, 3, 28))
    expected = {
        "area": (1081.5, Origin.SOURCE),
        "towns": (4, Origin.ILLUSTRATIVE),
        "townships": (10, Origin.ILLUSTRATIVE),
        "township_level": (14, Origin.SOURCE),
        "villages": (207, Origin.SOURCE),
        "population": (362_000, Origin.SOURCE),
        "township_health_centres": (14, Origin.SOURCE),
        "village_clinics": (274, Origin.SOURCE),
        "county_beds": (620, Origin.ILLUSTRATIVE),
    }
    for code, (value, origin) in expected.items():
        assert (facts[code].value, facts[code].origin) == (value, origin), code


def test_year_figures_come_from_the_measures_with_their_origin() -> None:
    """Visits are read from the measures at the county's scope; a measure the file lacks is
    not recorded with the reason naming it."""
    table, info = packaged_measures("wanrong")
    facts = basic_facts(load_county("wanrong"), table, "2024", measures_info=info)
    assert facts["visits"].value == 2_460_000
    assert facts["visits"].origin is Origin.ILLUSTRATIVE
    assert facts["medical_revenue"].value is None
    assert "medical_revenue" in facts["medical_revenue"].reason


def test_paragraph_in_the_template_form() -> None:
    """The Chinese paragraph reads like the template's, with the county's figures, and marks
    what the model does not record as XX with the reason."""
    table, info = packaged_measures("wanrong")
    text = paragraph_zh(basic_facts(load_county("wanrong"), table, "2024", measures_info=info))
    assert text.startswith("万荣县县域面积1,081.5平方公里，辖4镇10乡、207个行政村和9个居委会，")
    assert "总人口36.2万人" in text
    assert "万荣县医疗集团（医共体）于2017年4月1日正式挂牌运行" in text
    assert "由万荣县人民医院联合14个乡镇卫生院（另有3个分院）及274家公办村卫生室组成" in text
    assert "门急诊量246.00万人次（县级<mark" in text
    assert "其中高级职称77人（主任医师<mark" in text
    assert '<mark class="missing" title="the model records health technicians' in text


@given(counties())
def test_counts_follow_the_model(county: County) -> None:
    """For any county, the facts' counts are the model's: townships, villages, population,
    village clinics among the community's members; a kind or committee count not recorded
    leaves its figure undefined with a reason."""
    facts = basic_facts(county, as_of=dt.date(2030, 1, 1))
    assert facts["township_level"].value == len(county.townships)
    assert facts["villages"].value == len(county.villages)
    assert facts["population"].value == county.population
    assert facts["towns"].value is None and facts["towns"].reason
    assert facts["residents_committees"].value is None and facts["residents_committees"].reason
    assert facts["area"].value is None and "area_km2" in facts["area"].reason
    if county.communities:
        members = county.communities[0].member_ids(dt.date(2030, 1, 1))
        clinics = [
            i
            for i in county.institutions
            if i.kind is InstitutionKind.VILLAGE_CLINIC and i.id in members
        ]
        assert facts["village_clinics"].value == len(clinics)


@given(counties(), st.lists(st.sampled_from(list(TownshipKind)), min_size=1, max_size=4))
def test_towns_and_townships_add_up(county: County, kinds: list[TownshipKind]) -> None:
    """With every kind recorded, towns and townships are counted by kind and never exceed the
    township-level divisions."""
    townships = [
        attrs.evolve(t, kind=kinds[n % len(kinds)], residents_committees=n)
        for n, t in enumerate(county.townships)
    ]
    facts = basic_facts(attrs.evolve(county, townships=townships))
    towns = sum(1 for t in townships if t.kind is TownshipKind.TOWN)
    rural = sum(1 for t in townships if t.kind is TownshipKind.TOWNSHIP)
    assert (facts["towns"].value, facts["townships"].value) == (towns, rural)
    assert towns + rural <= len(townships)
    assert facts["residents_committees"].value == sum(range(len(townships)))


@pytest.mark.parametrize("area", [0, -3.0, float("nan"), True, "1081"])
def test_area_must_be_a_positive_number(area: object) -> None:
    """An area is a finite number of km² above zero; the library error names the field."""
    county = load_county("wanrong")
    with pytest.raises(CountyCareError, match="area_km2"):
        attrs.evolve(county, area_km2=area)


def test_new_fields_round_trip_through_a_county_file(tmp_path: Path) -> None:
    """area_km2, a township's kind and residents' committees are written and read back."""
    data = county_to_dict(load_county("wanrong"))
    assert data["area_km2"] == 1081.5
    assert data["townships"][0]["kind"] == "town"
    assert data["townships"][0]["residents_committees"] == 6
    path = tmp_path / "w.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    again = load_county(path)
    assert again.area_km2 == 1081.5 and again.townships[4].kind is TownshipKind.TOWNSHIP


def test_a_bad_kind_is_reported_at_its_path(tmp_path: Path) -> None:
    """An unknown kind is reported at $.townships[0].kind, listing the valid codes."""
    data = county_to_dict(load_county("wanrong"))
    data["townships"][0]["kind"] = "city"
    data["townships"][1]["residents_committees"] = -1
    path = tmp_path / "w.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _, problems = county_problems(path)
    where = {p.path: p.message for p in problems}
    assert "town" in where["$.townships[0].kind"]
    assert "negative" in where["$.townships[1].residents_committees"]


def test_township_kind_labels() -> None:
    """Each kind has its Chinese label, as the template writes it."""
    assert [k.zh for k in TownshipKind] == ["镇", "乡", "民族乡", "街道"]
    assert Township("t", load_county("wanrong").townships[0].name).kind is None
