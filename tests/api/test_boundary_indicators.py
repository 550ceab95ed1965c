"""The public boundary of definitions, targets, claims and the synthetic scenario.

For the constructors a caller uses to write an indicator catalogue, a target book or a synthetic
scenario of their own (``Formula``, ``Measure``, ``IndicatorDefinition``, ``IndicatorSet``,
``Target``, ``ReferenceValue``, ``TargetBook``, ``ReportedChange``, ``Scenario``), hypothesis
takes the objects the library ships and rebuilds each from the forms a caller naturally has —
codes in any case and labels, comparators as symbols, units as pint units, ISO text and
Timestamps for dates, numpy scalars, sets and indicators as objects, citations as titles or
mappings, any iterable — and checks the result is *the same* object; then it gives each argument
a value of the wrong type and checks the error is a ``CountyCareError`` naming the argument. The
other public constructors are covered by ``test_boundary_finance_governance.py`` (which lists
these nine as covered here) and ``tests/model/test_boundary.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from countycare import CountyCareError, Name
from countycare.errors import ArgumentError, FieldError
from countycare.finance import FORMULAS
from countycare.finance import Formula as FinanceFormula
from countycare.indicators import (
    MEASURES,
    IndicatorDefinition,
    IndicatorSet,
    Measure,
    Reference,
    ReferenceValue,
    ReportedChange,
    Target,
    TargetBook,
)
from countycare.indicators.catalogues import SETS
from countycare.indicators.claims import WANRONG_CLAIMS
from countycare.indicators.formulas import Ratio
from countycare.indicators.national_targets import (
    NATIONAL_REFERENCES,
    NATIONAL_TARGETS,
    NATIONAL_TARGETS_2015,
)
from countycare.indicators.targets import Comparator
from countycare.periods import Period
from countycare.records import Scenario
from countycare.testing.natural import (
    natural_codes,
    natural_collections,
    natural_dates,
    natural_names,
    natural_numbers,
    natural_periods,
    wrong_values,
)
from countycare.units import parse_unit

_SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: The nine constructors this file covers (the coverage test of the finance and governance
#: boundary lists them by these names).
COVERED = {
    "Formula", "Measure", "IndicatorDefinition", "IndicatorSet", "Target", "TargetBook",
    "ReferenceValue", "ReportedChange", "Scenario",
}  # fmt: skip

_SYMBOLS = {
    Comparator.AT_LEAST: ["≥", ">="],
    Comparator.AT_MOST: ["≤", "<="],
    Comparator.EQUAL: ["=", "=="],
    Comparator.ABOUT: ["≈"],
    Comparator.RANGE: [],
}


def _optional(draw: st.DrawFn, value: Any, forms: Any) -> Any:
    return None if value is None else draw(forms(value))


def _units(text: str) -> st.SearchStrategy[Any]:
    """The unit's text, and the pint unit when its name is that text."""
    forms: list[Any] = [text, f" {text} "]
    unit = parse_unit(text)
    if f"{unit:D}" == text:
        forms.append(unit)
    return st.sampled_from(forms)


def _references(ref: Reference) -> st.SearchStrategy[Any]:
    """The citation, its document's title when that is all it has, and a mapping of its fields
    (the year a numpy integer, the date as ISO text)."""
    forms: list[Any] = [ref]
    if ref == Reference(ref.document):
        forms.append(ref.document)
    defaults = Reference(ref.document)
    mapping: dict[str, Any] = {
        k: v for k, v in attrs.asdict(ref).items() if v != getattr(defaults, k) or k == "document"
    }
    if mapping.get("year") is not None:
        mapping["year"] = np.int64(mapping["year"])
    if mapping.get("date") is not None:
        mapping["date"] = mapping["date"].isoformat()
    forms.append(mapping)
    return st.sampled_from(forms)


def _comparators(member: Comparator) -> st.SearchStrategy[Any]:
    return natural_codes(member) | st.sampled_from(_SYMBOLS[member] or [member])


def _set_forms(codes: tuple[str, ...]) -> st.SearchStrategy[Any]:
    """Set codes as a collection of codes or of the shipped sets, or one code or set alone."""
    objects = [SETS.get(c, c) for c in codes]
    forms = [natural_collections(codes), natural_collections(objects)]
    if len(codes) == 1:
        forms.append(st.sampled_from([codes[0], objects[0]]))
    return st.one_of(forms)


def _natural_measure(draw: st.DrawFn, m: Measure) -> Measure:
    kinds = None
    if m.kinds is not None:
        kinds = draw(natural_collections([draw(natural_codes(k)) for k in m.kinds], ordered=False))
    return Measure(
        m.code,
        draw(natural_names(m.name)),
        draw(_units(m.unit)),
        draw(natural_codes(m.kind)),
        draw(natural_codes(m.period_rule)),
        m.description,
        draw(natural_collections(m.categories)),
        draw(natural_codes(m.level)),
        draw(natural_collections([draw(natural_codes(t)) for t in m.tiers], ordered=False)),
        m.derived_from,
        draw(st.sampled_from([m.lead_only, np.bool_(m.lead_only)])),
        kinds,
    )


def _natural_definition(draw: st.DrawFn, d: IndicatorDefinition) -> IndicatorDefinition:
    item: Any = int(d.item) if d.item.isdigit() else d.item
    return IndicatorDefinition(
        d.code,
        draw(natural_names(d.name)),
        draw(st.sampled_from([d.set_code, SETS.get(d.set_code, d.set_code)])),
        draw(st.sampled_from([d.item, item])),
        d.formula,
        draw(_units(d.unit)),
        _optional(draw, d.direction, natural_codes),
        draw(natural_dates(d.valid_from)),
        draw(_references(d.reference)),
        draw(natural_codes(d.status)),
        _optional(draw, d.valid_to, natural_dates),
        _optional(draw, d.toward, natural_numbers),
        d.note,
    )


def _natural_target(draw: st.DrawFn, t: Target) -> Target:
    definitions = [SETS[s].by_code()[t.indicator] for s in t.sets if s in SETS]
    return Target(
        indicator=draw(st.sampled_from([t.indicator, *definitions[:1]])),
        sets=draw(_set_forms(t.sets)),
        comparator=draw(_comparators(t.comparator)),
        threshold=draw(natural_numbers(t.threshold)),
        unit=draw(_units(t.unit)),
        scope=draw(natural_codes(t.scope)),
        source=draw(_references(t.source)),
        valid_from=draw(natural_dates(t.valid_from)),
        valid_to=_optional(draw, t.valid_to, natural_dates),
        scope_id=t.scope_id,
        upper=_optional(draw, t.upper, natural_numbers),
        tolerance=_optional(draw, t.tolerance, natural_numbers),
        tolerance_status=_optional(draw, t.tolerance_status, natural_codes),
        note=t.note,
    )


def _natural_reference_value(draw: st.DrawFn, r: ReferenceValue) -> ReferenceValue:
    return ReferenceValue(
        indicator=r.indicator,
        sets=draw(_set_forms(r.sets)),
        period=draw(natural_periods(Period.parse(r.period))),
        value=draw(natural_numbers(r.value)),
        unit=draw(_units(r.unit)),
        source=draw(_references(r.source)),
        status=draw(natural_codes(r.status)),
        scope=draw(natural_codes(r.scope)),
        scope_id=r.scope_id,
        note=r.note,
    )


def _natural_claim(draw: st.DrawFn, c: ReportedChange) -> ReportedChange:
    readings = [draw(natural_codes(k)) for k in c.readings]
    forms = [natural_collections(readings)]
    if len(readings) == 1:
        forms.append(st.just(readings[0]))
    return ReportedChange(
        draw(st.sampled_from([c.set_code, SETS.get(c.set_code, c.set_code)])),
        c.indicator,
        draw(natural_codes(c.direction)),
        _optional(draw, c.amount, natural_numbers),
        draw(st.one_of(forms)),
        c.quote,
        draw(_references(c.source)),
        c.ambiguity,
    )


def _natural_scenario(draw: st.DrawFn) -> tuple[Scenario, Scenario]:
    canonical = Scenario()
    values = attrs.asdict(canonical)
    shares = values.pop("first_contact_shares")
    natural = Scenario(
        first_contact_shares=draw(natural_collections([draw(natural_numbers(x)) for x in shares])),
        **{name: draw(natural_numbers(x)) for name, x in values.items()},
    )
    return canonical, natural


_DEFINITIONS = [d for s in SETS.values() for d in s]
_TARGETS = [*NATIONAL_TARGETS, *NATIONAL_TARGETS_2015]


@st.composite
def _twins(draw: st.DrawFn) -> list[tuple[Any, Any]]:
    """Pairs (canonical, natural) of each of the nine constructors."""
    formula = draw(st.sampled_from(list(FORMULAS.values())))
    measure = draw(st.sampled_from(list(MEASURES.values())))
    definition = draw(st.sampled_from(_DEFINITIONS))
    target = draw(st.sampled_from(_TARGETS))
    reference = draw(st.sampled_from(NATIONAL_REFERENCES))
    claim = draw(st.sampled_from(WANRONG_CLAIMS))
    small = SETS["wanrong-five-up-three-down"]
    return [
        (
            formula,
            FinanceFormula(
                formula.code,
                draw(natural_names(formula.name)),
                formula.expression,
                draw(_units(formula.unit)),
                formula.citation,
                draw(natural_codes(formula.status)),
            ),
        ),
        (measure, _natural_measure(draw, measure)),
        (definition, _natural_definition(draw, definition)),
        (
            small,
            IndicatorSet(
                small.code,
                draw(natural_names(small.name)),
                draw(_references(small.reference)),
                draw(natural_codes(small.status)),
                draw(natural_collections(small.definitions)),
                small.description,
            ),
        ),
        (target, _natural_target(draw, target)),
        (reference, _natural_reference_value(draw, reference)),
        (
            TargetBook((target,), (reference,)),
            TargetBook(draw(natural_collections([target])), draw(natural_collections([reference]))),
        ),
        (claim, _natural_claim(draw, claim)),
        _natural_scenario(draw),
    ]


@_SETTINGS
@given(_twins())
def test_natural_forms_build_the_same_definitions_targets_and_scenarios(
    pairs: list[tuple[Any, Any]],
) -> None:
    """Codes in any case and labels, comparator symbols, pint units, ISO dates and Timestamps,
    numpy numbers and booleans, sets and indicators as objects, citations as titles or mappings
    and any iterable rebuild the shipped definitions, targets and claims (and the default
    scenario) exactly, stored in their one form."""
    assert {type(c).__name__ for c, _ in pairs} == COVERED
    for canonical, natural in pairs:
        assert natural == canonical
    measure = pairs[1][1]
    assert type(measure.tiers) is frozenset and type(measure.lead_only) is bool
    target = pairs[4][1]
    assert type(target.threshold) is float and type(target.valid_from) is dt.date
    assert type(target.sets) is tuple and all(type(s) is str for s in target.sets)
    scenario = pairs[-1][1]
    assert all(type(x) is float for x in scenario.first_contact_shares)


def _valid_arguments() -> dict[type, dict[str, Any]]:
    name = Name("Share", "占比")
    ref = Reference("A plan")
    day = dt.date(2024, 1, 1)
    definition: dict[str, Any] = {
        "code": "share", "name": name, "set_code": "mine", "item": "1",
        "formula": Ratio("visits_primary", "visits"), "unit": "percent",
        "direction": "increase", "valid_from": day, "reference": ref, "status": "reconstructed",
        "valid_to": None, "toward": None, "note": "",
    }  # fmt: skip
    target: dict[str, Any] = {
        "indicator": "primary_visit_share", "sets": ("nhc-2024",), "comparator": "ge",
        "threshold": 65, "unit": "percent", "scope": "national", "source": ref,
        "valid_from": day, "valid_to": None, "scope_id": None, "upper": None,
        "tolerance": None, "tolerance_status": None, "note": "",
    }  # fmt: skip
    reference_value: dict[str, Any] = {
        "indicator": "primary_visit_share", "sets": ("nhc-2024",), "period": "2024",
        "value": 63.4, "unit": "percent", "source": ref, "status": "official",
        "scope": "national", "scope_id": None, "note": "",
    }  # fmt: skip
    return {
        FinanceFormula: {"code": "f", "name": name, "expression": "a + b", "unit": "yuan",
                         "citation": "a source", "status": "reconstructed"},
        Measure: {"code": "m", "name": name, "unit": "visit", "kind": "flow",
                  "period_rule": "sum", "description": "", "categories": (),
                  "level": "institution", "tiers": ("county",), "derived_from": None,
                  "lead_only": False, "kinds": None},
        IndicatorDefinition: definition,
        IndicatorSet: {"code": "mine", "name": name, "reference": ref,
                       "status": "reconstructed",
                       "definitions": (IndicatorDefinition(**definition),), "description": ""},
        Target: target,
        ReferenceValue: reference_value,
        TargetBook: {"targets": (Target(**target),),
                     "references": (ReferenceValue(**reference_value),)},
        ReportedChange: {"set_code": "mine", "indicator": "share", "direction": "increase",
                         "amount": 4, "readings": ("relative",), "quote": "rose 4 %",
                         "source": ref, "ambiguity": ""},
        Scenario: {f.name: getattr(Scenario(), f.name) for f in attrs.fields(Scenario)},
    }  # fmt: skip


_ARGUMENTS = [(cls, arg) for cls, kwargs in _valid_arguments().items() for arg in kwargs]


def test_the_nine_are_the_covered_ones() -> None:
    """This file covers exactly the constructors it says it covers."""
    assert {cls.__name__ for cls in _valid_arguments()} == COVERED


@pytest.mark.parametrize(("cls", "argument"), _ARGUMENTS, ids=lambda x: getattr(x, "__name__", x))
@settings(max_examples=10, deadline=None)
@given(wrong=wrong_values())
def test_a_wrong_type_is_a_library_error_naming_the_argument(
    cls: type, argument: str, wrong: Any
) -> None:
    """Any argument of these constructors given a value of the wrong type raises a
    CountyCareError whose message names the argument, with no attrs repr, no ``<class`` and no
    bare TypeError/ValueError from inside."""
    kwargs = _valid_arguments()[cls]
    cls(**kwargs)  # the valid arguments build
    kwargs[argument] = wrong
    with pytest.raises(CountyCareError) as caught:
        cls(**kwargs)
    message = str(caught.value)
    assert argument in message
    assert "Attribute(" not in message and "<class" not in message


def _build(cls: type, **changes: Any) -> Any:
    kwargs = _valid_arguments()[cls]
    kwargs.update(changes)
    return cls(**kwargs)


@pytest.mark.parametrize(
    ("build", "fragment"),
    [
        (
            lambda: _build(Target, comparator="abuot"),
            "comparator: unknown comparator 'abuot'; did you mean 'about'?",
        ),
        (lambda: _build(Target, scope="contry"), "scope: unknown target scope 'contry'"),
        (lambda: _build(Target, unit="furlong"), "unit: unknown unit 'furlong'"),
        (lambda: _build(Target, threshold=float("nan")), "threshold: expected a finite number"),
        (lambda: _build(Target, threshold="65"), "threshold: expected a number, got '65'"),
        (lambda: _build(Target, valid_from="2024-01-01T09:30"), "valid_from"),
        (lambda: _build(Target, sets=()), "sets: name at least one indicator set"),
        (lambda: _build(Target, sets=("nhc 2024",)), "sets must be letters"),
        (lambda: _build(Target, source={"title": "x"}), "source.title: unknown field"),
        (lambda: _build(Target, source={"document": "x", "year": "2024"}), "source.year"),
        (lambda: _build(ReferenceValue, period="2024Q5"), "period"),
        (lambda: _build(ReferenceValue, status="offical"), "did you mean 'official'?"),
        (lambda: _build(IndicatorDefinition, direction="increse"), "did you mean 'increase'?"),
        (lambda: _build(IndicatorDefinition, item=3.1), "item: expected an item number"),
        (lambda: _build(IndicatorDefinition, formula="visits / people"), "formula must be"),
        (lambda: _build(IndicatorDefinition, unit="yuan"), "declared unit is 'yuan'"),
        (lambda: _build(Measure, kind="flw"), "did you mean 'flow'?"),
        (lambda: _build(Measure, tiers=("county", "townhip")), "tiers[1]: unknown tier"),
        (lambda: _build(Measure, lead_only=1), "lead_only: expected True or False, got 1"),
        (lambda: _build(Measure, period_rule="mean"), "its period rule must be 'sum'"),
        (lambda: _build(ReportedChange, readings=()), "readings: a claim admits at least one"),
        (lambda: _build(ReportedChange, readings=("relatve",)), "did you mean 'relative'?"),
        (lambda: _build(FinanceFormula, expression=" "), "expression must not be empty"),
        (lambda: _build(Scenario, insured_share=1.5), "insured_share must be a share"),
        (lambda: _build(Scenario, cost_sigma=float("inf")), "cost_sigma must be a positive"),
        (lambda: _build(Scenario, first_contact_shares=(0.5, 0.5)), "first_contact_shares"),
        (lambda: _build(TargetBook, targets=[Reference("x")]), "targets[0]: expected a target"),
    ],
)
def test_a_wrong_value_is_refused_in_the_users_words(build: Any, fragment: str) -> None:
    """Wrong values, not only wrong types: a CountyCareError saying what is wrong, naming the
    argument, with a suggestion for a misspelt code (never a bare ValueError)."""
    with pytest.raises(CountyCareError) as caught:
        build()
    assert fragment in str(caught.value)


def test_refusals_are_argument_errors() -> None:
    """A refusal at a converter or a field's validator is an ArgumentError (a FieldError for a
    validator's own sentence), which file readers place at the field's path."""
    with pytest.raises(ArgumentError) as caught:
        _build(Target, comparator="abuot")
    assert caught.value.argument == "comparator"
    with pytest.raises(FieldError) as field:
        _build(Scenario, insured_share=1.5)
    assert field.value.field == "insured_share"
