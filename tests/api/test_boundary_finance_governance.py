"""The public boundary of finance and governance: natural forms in, library errors out.

For every public constructor of :mod:`countycare.finance` and :mod:`countycare.governance`
(the county model's are in ``tests/model/test_boundary.py``), hypothesis draws the forms a
caller naturally has — codes in any case and labels, ISO text and Timestamps for dates, numpy
scalars, ``(amount, unit)`` pairs for money, any iterable — for a valid object's values and
checks they build *the same* object as the canonical values; then it gives each argument a
value of the wrong type and checks the error is a ``CountyCareError`` naming the argument, with
no attrs repr. A last test lists every public attrs class of the package and checks each is
covered here, in the county-model tests, in the tests of definitions and targets
(``test_boundary_indicators.py``), or is a result the library builds (listed with why).
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import countycare
from countycare import Q_, CountyCareError, Fact, Provenance, Source
from countycare.finance import (
    CapitationBudget,
    DipFundShare,
    DipOutlierRules,
    DipRules,
    DrgRules,
    FixedBudget,
    HistoryBudget,
    ScoreBand,
    ScoreLinkedShare,
    SettlementRules,
    Spending,
    YearInput,
    settle,
)
from countycare.governance import (
    PRACTICES,
    AutonomyGrant,
    Body,
    BodyKind,
    ChecklistItem,
    CommunityGovernance,
    DecisionArea,
    DecisionRight,
    Department,
    Evidence,
    EvidenceKind,
    GovernanceRole,
    ManagementCommittee,
    Practice,
    PracticeCatalogue,
    PracticeRecord,
    PracticeState,
    Requirement,
    Score,
)
from countycare.indicators import Reference
from countycare.labels import Autonomy, ItemStatus, Name, SourceStatus, UnifiedDimension
from countycare.province import Prefecture, Province
from countycare.testing.natural import (
    natural_codes,
    natural_collections,
    natural_counts,
    natural_dates,
    natural_money,
    natural_names,
    natural_numbers,
    wrong_values,
)

_SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_shares = st.integers(0, 100).map(lambda n: n / 100)
_amounts = st.integers(0, 10_000_000).map(lambda n: Q_(n / 100, "wan_yuan"))
_days = st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))


def _bools(value: bool) -> st.SearchStrategy[Any]:
    return st.sampled_from([value, np.bool_(value)])


@st.composite
def _finance_twins(draw: st.DrawFn) -> list[tuple[Any, Any]]:
    """Pairs (canonical, natural) of every finance constructor."""
    inside, outside, budget = draw(_amounts), draw(_amounts), draw(_amounts)
    surplus, fund, reserve = draw(_shares), draw(_shares), draw(_shares)
    corridor = draw(st.none() | _shares)
    include = draw(st.booleans())
    growth = draw(st.integers(-50, 50).map(lambda n: n / 100))
    insured = draw(st.integers(0, 2_000_000))
    rate = Q_(draw(st.integers(0, 2000)), "yuan / person")
    n = draw(st.integers(1, 3))
    past = [draw(_amounts) for _ in range(n)]
    weights = {1: [1.0], 2: [0.4, 0.6], 3: [0.25, 0.25, 0.5]}[n]
    low = draw(st.integers(1, 99)) / 1
    natural_weights = draw(natural_collections([draw(natural_numbers(w)) for w in weights]))
    return [
        (
            Spending(inside, outside),
            Spending(draw(natural_money(inside)), draw(natural_money(outside))),
        ),
        (
            SettlementRules(surplus, fund, include, corridor, corridor),
            SettlementRules(
                draw(natural_numbers(surplus)),
                draw(natural_numbers(fund)),
                draw(_bools(include)),
                None if corridor is None else draw(natural_numbers(corridor)),
                reasonable_overspend_corridor=None
                if corridor is None
                else draw(natural_numbers(corridor)),
            ),
        ),
        (
            ScoreLinkedShare((ScoreBand(0, surplus), ScoreBand(low, fund))),
            ScoreLinkedShare(
                draw(
                    natural_collections(
                        [
                            ScoreBand(draw(natural_numbers(0.0)), draw(natural_numbers(surplus))),
                            ScoreBand(draw(natural_numbers(low)), draw(natural_numbers(fund))),
                        ]
                    )
                )
            ),
        ),
        (
            HistoryBudget(tuple(past), tuple(weights), growth, reserve),
            HistoryBudget(
                draw(natural_collections([draw(natural_money(a)) for a in past])),
                natural_weights,
                draw(natural_numbers(growth)),
                draw(natural_numbers(reserve)),
            ),
        ),
        (
            CapitationBudget(insured, rate, reserve),
            CapitationBudget(
                draw(natural_counts(insured)),
                draw(natural_money(rate)),
                draw(natural_numbers(reserve)),
            ),
        ),
        (FixedBudget(budget), FixedBudget(draw(natural_money(budget)))),
        (
            DrgRules(Q_(10_000, "yuan"), 2.0, surplus, fund, reserve),
            DrgRules(
                draw(natural_money(Q_(10_000, "yuan"))),
                draw(natural_numbers(2.0)),
                draw(natural_numbers(surplus)),
                draw(natural_numbers(fund)),
                draw(natural_numbers(reserve)),
            ),
        ),
        (
            DipRules(0.7, DipFundShare.TIMES_PAYMENT_RATIO, DipOutlierRules(2.0, 0.5)),
            DipRules(
                draw(natural_numbers(0.7)),
                draw(natural_codes(DipFundShare.TIMES_PAYMENT_RATIO)),
                DipOutlierRules(draw(natural_numbers(2.0)), draw(natural_numbers(0.5))),
            ),
        ),
        (
            YearInput("2024", Spending(inside, outside), 50.0, ItemStatus.NOT_MET),
            YearInput(
                draw(st.sampled_from(["2024", 2024, np.int64(2024)])),
                Spending(inside, outside),
                draw(natural_numbers(50.0)),
                draw(natural_codes(ItemStatus.NOT_MET)),
            ),
        ),
    ]


@_SETTINGS
@given(_finance_twins())
def test_natural_forms_build_the_same_finance_objects(pairs: list[tuple[Any, Any]]) -> None:
    """numpy scalars, (amount, unit) pairs, numpy booleans and any iterable build budgets,
    rules and spending equal to the canonical ones, stored as Python floats and tuples."""
    for canonical, natural in pairs:
        assert natural == canonical
    rules = pairs[1][1]
    assert type(rules.fund_overspend_share) is float and type(rules.include_out_of_county) is bool
    history = pairs[3][1]
    assert type(history.weights) is tuple and all(type(w) is float for w in history.weights)


@_SETTINGS
@given(_finance_twins(), st.integers(2000, 2040))
def test_a_settlement_from_natural_forms_is_the_same(
    pairs: list[tuple[Any, Any]], year: int
) -> None:
    """Settling with the natural twins (a budget rule, or money as a pair) gives the same
    settlement and the same document as with the canonical objects."""
    spending, natural_spending = pairs[0]
    rules, natural_rules = pairs[1]
    fixed, natural_fixed = pairs[5]
    a = settle(fixed.value, spending, rules, year=str(year))
    b = settle(natural_fixed, natural_spending, natural_rules, year=str(year))
    assert a == b and a.to_dict() == b.to_dict()


@st.composite
def _governance_twins(draw: st.DrawFn) -> list[tuple[Any, Any]]:
    """Pairs (canonical, natural) of every governance constructor."""
    name = Name("Health bureau", "卫生健康局")
    day = draw(_days)
    state = draw(st.sampled_from(list(PracticeState)))
    kind = draw(st.sampled_from(list(EvidenceKind)))
    practice = draw(st.sampled_from([p.code for p in PRACTICES.practices]))
    departments = draw(st.lists(st.sampled_from(list(Department)), unique=True, max_size=3))
    roles = draw(st.lists(st.sampled_from(list(GovernanceRole)), unique=True, max_size=2))
    autonomy = draw(st.sampled_from(list(Autonomy)))
    area = draw(st.sampled_from(list(DecisionArea)))
    evidence = Evidence(kind, "the charter", "doc-1")
    canonical_record = PracticeRecord(practice, state, day, (evidence,))
    natural_record = PracticeRecord(
        practice,
        draw(natural_codes(state)),
        draw(natural_dates(day)),
        draw(natural_collections([Evidence(draw(natural_codes(kind)), "the charter", "doc-1")])),
    )
    own = Practice("night_pharmacy", Name("Night pharmacy", "夜间药房"), "medicines_devices",
                   (EvidenceKind.SITE,))  # fmt: skip
    committee = ManagementCommittee("mc", "county head", tuple(departments), "hb")
    return [
        (canonical_record, natural_record),
        (
            Evidence(kind, "the charter"),
            Evidence(draw(natural_codes(kind)), "the charter"),
        ),
        (
            Body("hb", name, BodyKind.HEALTH_BUREAU, tuple(roles)),
            Body(
                "hb",
                draw(natural_names(name)),
                draw(natural_codes(BodyKind.HEALTH_BUREAU)),
                draw(natural_collections([draw(natural_codes(r)) for r in roles])),
            ),
        ),
        (
            committee,
            ManagementCommittee(
                "mc",
                "county head",
                draw(natural_collections([draw(natural_codes(d)) for d in departments])),
                "hb",
            ),
        ),
        (
            AutonomyGrant(autonomy, "gov", day),
            AutonomyGrant(draw(natural_codes(autonomy)), "gov", draw(natural_dates(day))),
        ),
        (
            DecisionRight(area, "mc", ("hb",)),
            DecisionRight(draw(natural_codes(area)), "mc", draw(natural_collections(["hb"]))),
        ),
        (
            own,
            Practice(
                "night_pharmacy",
                draw(natural_names(own.name)),
                draw(natural_codes(UnifiedDimension.MEDICINES_DEVICES)),
                draw(natural_collections([draw(natural_codes(EvidenceKind.SITE))])),
            ),
        ),
        (
            PracticeCatalogue((own,)),
            PracticeCatalogue(draw(natural_collections([own]))),
        ),
        (
            Requirement(("a", "b")),
            Requirement(draw(natural_collections(["a", "b"]))),
        ),
        (
            ChecklistItem(
                "x",
                "nhc-2024",
                "1.1",
                name,
                (Requirement(("a",)),),
                SourceStatus.RECONSTRUCTED,
                "a source",
            ),
            ChecklistItem(
                "x",
                "nhc-2024",
                "1.1",
                draw(natural_names(name)),
                draw(natural_collections(["a"])),
                draw(natural_codes(SourceStatus.RECONSTRUCTED)),
                "a source",
            ),
        ),
        (
            Score("nhc-2024", ("a",), ("b",), ("c",), ItemStatus.MET),
            Score(
                "nhc-2024",
                draw(natural_collections(["a"])),
                draw(natural_collections(["b"])),
                draw(natural_collections(["c"])),
                draw(natural_codes(ItemStatus.MET)),
            ),
        ),
        (
            CommunityGovernance("g", "lead", committee=committee, practices=(canonical_record,)),
            CommunityGovernance(
                "g",
                "lead",
                committee=committee,
                practices=draw(natural_collections([natural_record])),
            ),
        ),
    ]


@_SETTINGS
@given(_governance_twins())
def test_natural_forms_build_the_same_governance_objects(pairs: list[tuple[Any, Any]]) -> None:
    """Codes in any case and labels, ISO text, Timestamps and datetime64 for dates, name pairs
    and any iterable build governance records equal to the canonical ones."""
    for canonical, natural in pairs:
        assert natural == canonical
    record = pairs[0][1]
    assert type(record.since) is dt.date and type(record.evidence) is tuple


def _valid_arguments() -> dict[type, dict[str, Any]]:
    name = Name("Health bureau", "卫生健康局")
    spending = Spending(Q_(90, "wan_yuan"), Q_(0, "yuan"))
    return {
        Spending: {"in_county": Q_(1, "yuan"), "out_of_county": Q_(0, "yuan")},
        SettlementRules: {"surplus_share": 0.5, "fund_overspend_share": 0.5,
                          "include_out_of_county": True, "surplus_corridor": 0.1,
                          "reasonable_overspend_corridor": 0.05},
        ScoreBand: {"min_score": 0, "share": 0.3},
        ScoreLinkedShare: {"bands": (ScoreBand(0, 0.3),)},
        HistoryBudget: {"past_actual": (Q_(100, "wan_yuan"),), "weights": (1.0,),
                        "growth": 0.05, "reserve_share": 0.02},
        CapitationBudget: {"insured": 1000, "rate": Q_(450, "yuan / person"),
                           "reserve_share": 0.05},
        FixedBudget: {"value": Q_(100, "wan_yuan")},
        DipOutlierRules: {"high_ratio": 2.0, "low_ratio": 0.5},
        DipRules: {"payment_ratio": 0.7, "fund_share": "times_payment_ratio",
                   "outliers": DipOutlierRules(2.0, 0.5)},
        DrgRules: {"base_rate": Q_(10_000, "yuan"), "high_ratio": 2.0, "high_extra_share": 0.5,
                   "low_ratio": 0.5, "low_cost_share": 1.0},
        YearInput: {"year": "2024", "spending": spending, "score": 50.0, "unknown_as": "met"},
        Evidence: {"kind": "document", "description": "the charter", "reference": "doc-1"},
        PracticeRecord: {"practice": "single_account", "state": "implemented",
                         "since": dt.date(2020, 1, 1), "evidence": (), "origin": "source",
                         "note": ""},
        Practice: {"code": "p", "name": name, "dimension": "medicines_devices",
                   "evidence_kinds": ("site",)},
        PracticeCatalogue: {"practices": ()},
        Body: {"id": "hb", "name": name, "kind": "health_bureau", "roles": (), "head": "",
               "origin": "source"},
        ManagementCommittee: {"body": "mc", "chair": "county head", "members": ("finance",),
                              "office": "hb", "office_head": "", "origin": "source"},
        AutonomyGrant: {"autonomy": "personnel", "granted_by": "gov",
                        "granted_on": dt.date(2020, 1, 1), "scope": "", "origin": "source"},
        DecisionRight: {"area": "planning", "decided_by": "mc", "consulted": ("hb",),
                        "note": "", "origin": "source"},
        Requirement: {"any_of": ("a",)},
        ChecklistItem: {"code": "x", "item_set": "nhc-2024", "item": "1.1", "name": name,
                        "requirements": ("a",), "status": "official", "citation": "c",
                        "name_status": "official"},
        Score: {"item_set": "nhc-2024", "met": ("a",), "not_met": (), "unknown": (),
                "unknown_as": None},
        Source: {"id": "s", "title": "t", "citation": "c", "url": "https://example.org"},
        Fact: {"subject": "$.x", "statement": "st", "origin": "source", "source": None},
        Provenance: {"sources": (), "facts": ()},
        Reference: {"document": "d", "number": "n", "year": 2024, "clause": "", "url": "",
                    "note": "", "issuer": "", "date": dt.date(2024, 1, 1)},
        Prefecture: {"id": "p", "name": name, "counties": ()},
        Province: {"id": "p", "name": name, "prefectures": (), "provenance": Provenance()},
        CommunityGovernance: {"community": "g", "lead": "lead", "bodies": (), "committee": None,
                              "autonomies": (), "decision_rights": (), "practices": (),
                              "custom_practices": ()},
    }  # fmt: skip


_ARGUMENTS = [(cls, arg) for cls, kwargs in _valid_arguments().items() for arg in kwargs]


@pytest.mark.parametrize(("cls", "argument"), _ARGUMENTS, ids=lambda x: getattr(x, "__name__", x))
@settings(max_examples=10, deadline=None)
@given(wrong=wrong_values())
def test_a_wrong_type_is_a_library_error_naming_the_argument(
    cls: type, argument: str, wrong: Any
) -> None:
    """Any argument of a finance or governance constructor given a value of the wrong type
    raises a CountyCareError whose message names the argument, with no attrs repr, no
    ``<class`` and no bare TypeError/ValueError from inside."""
    kwargs = _valid_arguments()[cls]
    cls(**kwargs)  # the valid arguments build
    kwargs[argument] = wrong
    with pytest.raises(CountyCareError) as caught:
        cls(**kwargs)
    message = str(caught.value)
    assert argument in message
    assert "Attribute(" not in message and "<class" not in message


@pytest.mark.parametrize(
    ("build", "fragment"),
    [
        (lambda: SettlementRules(1.5, 0.5, include_out_of_county=True), "surplus_share"),
        (lambda: SettlementRules(0.5, 0.5, include_out_of_county=1), "include_out_of_county"),
        (lambda: SettlementRules(0.5, 0.5, True, surplus_corridor=-1), "surplus_corridor"),
        (lambda: HistoryBudget((), (), 0.0, 0.0), "past_actual"),
        (lambda: HistoryBudget(((1, "yuan"),), (0.5,), 0.0, 0.0), "weights must add up to 1"),
        (lambda: CapitationBudget(10.5, (450, "yuan / person"), 0.0), "insured"),
        (lambda: CapitationBudget(10, (450, "yuan"), 0.0), "rate"),
        (lambda: FixedBudget(125000), "value"),
        (lambda: Spending((5, "furlong"), Q_(0, "yuan")), "in_county"),
        (lambda: ScoreBand(120, 0.5), "min_score"),
        (lambda: ScoreLinkedShare((ScoreBand(10, 0.5),)), "bands"),
        (lambda: PracticeRecord("single_account", "implemnted", "2020-01-01"), "did you mean"),
        (lambda: PracticeRecord("single_account", "implemented", "2020-01-01T09:30"), "since"),
        (lambda: Evidence("document", " "), "description"),
        (lambda: ManagementCommittee("mc", "", (), "hb"), "chair"),
        (lambda: Requirement(()), "any_of"),
        (lambda: Score("s", (), (), (), "unknown"), "unknown_as"),
        (
            lambda: settle(
                125000, Spending(Q_(1, "yuan"), Q_(0, "yuan")), SettlementRules(0.5, 0.5, True)
            ),
            "budget",
        ),
        (
            lambda: settle(Q_(1, "yuan"), 3, SettlementRules(0.5, 0.5, True)),  # type: ignore[arg-type]
            "spending",
        ),
    ],
)
def test_a_wrong_value_is_refused_in_the_users_words(build: Any, fragment: str) -> None:
    """Wrong values (not only wrong types): a CountyCareError naming what is wrong, never a
    bare ValueError, with a suggestion for a misspelt code."""
    with pytest.raises(CountyCareError) as caught:
        build()
    assert fragment in str(caught.value)


#: Public attrs classes that the library builds and a caller reads: results and their parts.
_RESULTS = {
    "Assessment", "CountyFileCheck", "DipResult", "IndicatorValue", "IndicatorValues",
    "ItemAnswer", "ItemResult", "MeasureResult", "MissingPractice", "ReferralFlow",
    "ReferralNetwork", "ReferralRatio", "Scorecard", "ScorecardRow", "Settlement",
    "ValidationReport", "Problem", "PublishedTable", "MeasureTable", "MeasureRow", "Period",
    "ChecklistAnswer", "Change", "AggregatedReferrals", "EdgeChange", "EdgeFlow",
    "NetworkChange", "PairReciprocity", "ReadSummary", "TownshipBypass", "Comparison",
    "ProvinceMeasures", "BasicFact", "BasicFacts", "CountyReport", "InputNote",
    "ProvinceReport", "SetCard", "ClassifiedDeaths",
}  # fmt: skip
#: Covered by tests/api/test_boundary_indicators.py (definitions, targets, claims, the scenario).
_INDICATORS = {
    "Formula", "Measure", "IndicatorDefinition", "IndicatorSet", "Target", "TargetBook",
    "ReferenceValue", "ReportedChange", "Scenario",
}  # fmt: skip
#: Covered by tests/model/test_boundary.py (the county model).
_COUNTY_MODEL = {
    "County", "Institution", "MedicalCommunity", "Membership", "Name", "Staff", "Township",
    "Village",
}  # fmt: skip


def test_every_public_constructor_is_covered_or_listed() -> None:
    """Every public attrs class of ``countycare.__all__`` and of each subpackage's ``__all__``
    is tested at the boundary (here, with the county model or with the indicator definitions) or
    is a result the library builds; a new public class must be put in one of the lists."""
    modules = [
        importlib.import_module(f"countycare{suffix}")
        for suffix in ("", ".finance", ".governance", ".indicators", ".referrals", ".records",
                       ".io", ".province", ".report")
    ]  # fmt: skip
    public = {
        name
        for module in modules
        for name in module.__all__
        if isinstance(getattr(module, name), type) and attrs.has(getattr(module, name))
    }
    covered = {cls.__name__ for cls in _valid_arguments()}
    assert public - covered - _COUNTY_MODEL - _RESULTS - _INDICATORS == set()
    assert public >= _INDICATORS


def test_natural_forms_of_sources_references_and_provinces() -> None:
    """A year as a numpy integer, a date as text or a Timestamp, a name as a pair, counties as
    a list: the same reference, fact and province as the canonical values."""
    import pandas as pd

    assert Reference("d", year=np.int64(2024), date="2024-01-01") == Reference(
        "d", year=2024, date=dt.date(2024, 1, 1)
    )
    assert Reference("d", date=pd.Timestamp("2024-01-01")).date == dt.date(2024, 1, 1)
    assert Fact("$.x", "st", "Illustrative") == Fact("$.x", "st", countycare.Origin.ILLUSTRATIVE)
    name = Name("P", "省")
    assert Province("p", ("P", "省"), [Prefecture("q", {"en": "P", "zh": "省"})]) == Province(
        "p", name, (Prefecture("q", name),)
    )
