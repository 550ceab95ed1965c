"""Methods of the results take the forms a caller has, and never answer a wrong form with 0.

A new-user trial of the methods (the functions were covered by the boundary): a code where a
vocabulary member was compared by identity, a year number where the table holds text, a set's
code in capitals. Each gave a silent wrong answer — ``flow.count(status="completed")`` was 0
for a flow of 17,301 completed referrals, ``table.get("wanrong", 2024, …)`` None for a row
that is there, ``county.institutions_of_tier("村级")`` no institution — or an
``AttributeError`` from inside. Each test compares the natural form with the canonical one on
Wanrong, so a regression shows as a different number, not only as an error.
"""

from __future__ import annotations

import numpy as np
import pytest

from countycare import assess, load_county
from countycare.errors import ArgumentError, CountyCareError, UnknownKeyError
from countycare.indicators import roll_up
from countycare.indicators.samples import packaged_measures
from countycare.labels import CareSetting, ReferralStatus, Tier, UnifiedDimension
from countycare.periods import Period, PeriodKind
from countycare.report.content import packaged_inputs


def test_a_flow_counts_by_code_and_label() -> None:
    """A status or setting by its code, in any case, or its label counts what the member
    counts; an unknown code is refused by name."""
    network = packaged_inputs("wanrong")["network"]
    flows = [flow for _, _, flow in network.flows()]
    by_member = sum(f.count(status=ReferralStatus.COMPLETED) for f in flows)
    assert by_member > 0
    assert sum(f.count(status="completed") for f in flows) == by_member
    assert sum(f.count(status="COMPLETED") for f in flows) == by_member
    inpatient = sum(f.count(CareSetting.INPATIENT) for f in flows)
    assert sum(f.count("inpatient") for f in flows) == inpatient
    with pytest.raises(ArgumentError, match=r"^status: unknown"):
        flows[0].count(status="complete-ish")


def test_a_table_looks_up_a_period_in_any_form() -> None:
    """``get`` and ``select`` take a year number, a numpy integer or a ``Period`` for the
    text the table holds; text is looked up as written."""
    table = roll_up(packaged_measures("wanrong")[0], "wanrong")
    code = "township_outpatient_visits"
    expected = table.get("wanrong", "2024", code)
    assert expected == 373_000.0
    assert table.get("wanrong", 2024, code) == expected
    assert table.get("wanrong", np.int64(2024), code) == expected
    assert table.get("wanrong", Period.parse("2024"), code) == expected
    assert len(table.select(period=2024)) == len(table.select(period="2024")) > 0
    both = table.select(period=[2023, Period.parse("2024")])
    assert len(both) == len(table.select(period=["2023", "2024"]))
    with pytest.raises(ArgumentError, match=r"^period: expected a period"):
        table.get("wanrong", 2024.5, code)  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=r"^period\[1\]: expected a period"):
        table.select(period=[2024, object()])  # type: ignore[list-item]


def test_a_county_finds_institutions_by_tier_code_or_label() -> None:
    """A tier by member, code, English or Chinese label finds the same institutions."""
    county = load_county("wanrong")
    villages = county.institutions_of_tier(Tier.VILLAGE)
    assert len(villages) > 0
    for form in ("village", "Village", "村级"):
        assert county.institutions_of_tier(form) == villages
    assert county.institutions_of_tier("county", Tier.TOWNSHIP) == county.institutions_of_tier(
        Tier.COUNTY, Tier.TOWNSHIP
    )
    with pytest.raises(ArgumentError, match=r"^tiers\[0\]: unknown"):
        county.institutions_of_tier("hamlet")


def test_a_catalogue_lists_a_dimension_by_code_or_label() -> None:
    """The practices of a dimension by its code or Chinese label are those of the member."""
    catalogue = packaged_inputs("wanrong")["governance"].catalogue
    for dimension in UnifiedDimension:
        wanted = catalogue.of_dimension(dimension)
        assert catalogue.of_dimension(dimension.value) == wanted
        assert catalogue.of_dimension(dimension.zh) == wanted
    assert sum(len(catalogue.of_dimension(d)) for d in UnifiedDimension) > 0


def test_a_period_of_a_day_in_any_form() -> None:
    """``Period.of_date`` takes ISO text and ``numpy.datetime64`` (an ``AttributeError``
    before) and a kind by its code."""
    import datetime as dt

    quarter = Period.of_date(dt.date(2024, 5, 3), PeriodKind.QUARTER)
    assert Period.of_date("2024-05-03", "quarter") == quarter
    assert Period.of_date(np.datetime64("2024-05-03"), "QUARTER") == quarter
    assert str(Period.of_date("2024-05-03")) == "2024-05"
    with pytest.raises(CountyCareError, match=r"^day: "):
        Period.of_date(20240503)  # type: ignore[arg-type]


def test_an_assessment_takes_a_set_code_in_any_case_and_names_an_unknown_item() -> None:
    """``of_set("NHC-2024")`` gave no item and ``score("NHC-2024")`` an undefined score;
    ``result`` of an unknown code raised a bare ``KeyError``."""
    assessment = assess(packaged_inputs("wanrong")["governance"], "2024-12-31")
    assert assessment.of_set("NHC-2024") == assessment.of_set("nhc-2024") != ()
    assert assessment.score("NHC-2024") == assessment.score("nhc-2024")
    with pytest.raises(UnknownKeyError, match="no checklist item 'nope'") as refused:
        assessment.result("nope")
    assert isinstance(refused.value, KeyError)


def test_a_report_names_an_unknown_basic_fact() -> None:
    """``facts["nope"]`` raised ``KeyError('nope')``; it now says which facts there are."""
    from countycare.report import basic_facts

    facts = basic_facts("wanrong")
    with pytest.raises(UnknownKeyError, match="no basic fact 'nope'; the facts are"):
        facts["nope"]


def test_a_change_and_a_measure_take_codes_and_labels() -> None:
    """``NetworkChange.change("上转")`` raised a bare ``KeyError`` and ``change("UP")`` too;
    ``measure.counts_at("村级")`` answered False for a tier it counts at."""
    from countycare.indicators.measures import measure
    from countycare.labels import ReferralDirection
    from countycare.referrals import build_network, difference, synthetic_referrals

    before = build_network(
        synthetic_referrals("wanrong", "2024Q1", 300, seed=1), "wanrong", "2024Q1"
    )
    after = build_network(
        synthetic_referrals("wanrong", "2024Q2", 400, seed=2), "wanrong", "2024Q2"
    )
    change = difference(before, after)
    up = change.change(ReferralDirection.UP)
    assert up != 0
    for form in ("up", "UP", ReferralDirection.UP.zh, ReferralDirection.UP.en):
        assert change.change(form) == up
    primary = measure("visits_primary")
    assert primary.counts_at(Tier.VILLAGE) is True
    assert primary.counts_at("village") is primary.counts_at(Tier.VILLAGE.zh) is True
    assert primary.counts_at("county") is False
    with pytest.raises(ArgumentError, match=r"^tier: unknown"):
        primary.counts_at("hamlet")


def test_a_period_contains_a_day_in_any_form() -> None:
    """``Period.contains("2024-05-03")`` raised ``TypeError`` from a comparison inside."""
    import datetime as dt

    quarter = Period.parse("2024Q2")
    for day in ("2024-05-03", np.datetime64("2024-05-03"), dt.date(2024, 5, 3)):
        assert quarter.contains(day)
    assert not quarter.contains("2024-07-01")
    with pytest.raises(ArgumentError, match=r"^other: "):
        quarter.contains(2024)  # type: ignore[arg-type]


def test_assess_takes_satisfying_states_by_code_or_label() -> None:
    """``assess(satisfying=…)`` states as codes or labels give the member's assessment, and
    a wrong one is named by its place (``satisfying[1]``), not only by its value."""
    from countycare.governance.practices import PracticeState

    governance = packaged_inputs("wanrong")["governance"]
    by_member = assess(governance, "2024-12-31", satisfying=[PracticeState.IMPLEMENTED])
    assert assess(governance, "2024-12-31", satisfying=["已实施"]) == by_member
    assert assess(governance, "2024-12-31", satisfying=("IMPLEMENTED",)) == by_member
    with pytest.raises(ArgumentError, match=r"^satisfying\[1\]: unknown practice state"):
        assess(governance, "2024-12-31", satisfying=["implemented", "bogus"])
