"""The public functions at the boundary: a wrong argument is a library error, never a raw one.

The constructors are covered by the other ``test_boundary_*`` files. These tests take every
*function* in the ``__all__`` of ``countycare`` and of its packages (the public names of
docs/reference/public-api.md) and protect three promises: each converts its arguments in the one
place (:func:`countycare.coerce.arguments.boundary`); a wrong value of any kind given for its
arguments — an object of no known kind, an unknown code, None, a fraction — gives a
``CountyCareError`` naming an argument, never an ``AttributeError``, ``TypeError``,
``KeyError`` or bare ``ValueError`` from inside; and the natural forms a caller has (a dataset
name for a county, ``2024`` for a period, a numpy integer for a count) are converted.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Collection, Sequence
from typing import Any

import numpy as np
import pytest

import countycare
from countycare import CountyCareError
from countycare.errors import ArgumentError

#: Public functions that are not wrapped, and why.
UNWRAPPED = {
    # the converters themselves: their first argument is the value to judge, of any type
    "countycare.coerce": "the converters judge any value themselves",
    # the command line: arguments as text in, an exit code out; it reports its own errors
    "countycare.cli": "argv in, exit status out (tests/cli)",
}


class _Unknown:
    """An object of a kind no function accepts."""


WRONG: list[Any] = [_Unknown(), "zz-not-valid", None, 3.5]


def _public_objects() -> list[Any]:
    """What the public packages export (their ``__all__``), countycare's own objects only."""
    packages = [countycare]
    for info in pkgutil.walk_packages(countycare.__path__, "countycare."):
        if info.ispkg and not any(p.startswith("_") for p in info.name.split(".")):
            packages.append(importlib.import_module(info.name))
    values = [getattr(package, name, None) for package in packages for name in package.__all__]
    return [v for v in values if getattr(v, "__module__", "").startswith("countycare")]


def _public_functions() -> list[tuple[str, Callable[..., Any]]]:
    found: dict[str, Callable[..., Any]] = {}
    for value in _public_objects():
        if inspect.isfunction(value):
            found.setdefault(f"{value.__module__}.{value.__name__}", value)
    return sorted(found.items())


def _public_classes() -> list[type]:
    """Each public class (not an enumeration nor an error), once, by qualified name."""
    import enum

    found: dict[str, type] = {}
    for value in _public_objects():
        if inspect.isclass(value) and not issubclass(value, enum.Enum | BaseException):
            found.setdefault(f"{value.__module__}.{value.__qualname__}", value)
    return [found[k] for k in sorted(found)]


def _required(function: Callable[..., Any]) -> list[inspect.Parameter]:
    parameters = inspect.signature(function).parameters.values()
    variable = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    return [p for p in parameters if p.default is p.empty and p.kind not in variable]


FUNCTIONS = _public_functions()
CHECKED = [(name, f) for name, f in FUNCTIONS if not name.startswith(tuple(UNWRAPPED))]
CLASSES = _public_classes()


def test_the_public_functions_are_found() -> None:
    """The list is the package's, not an empty one: the tests below would pass on nothing."""
    names = {name.rsplit(".", 1)[1] for name, _ in CHECKED}
    assert len(CHECKED) > 150
    assert {"measure_records", "build_network", "settle", "build_scorecard"} <= names


@pytest.mark.parametrize(("name", "function"), CHECKED, ids=[n for n, _ in CHECKED])
def test_every_public_function_converts_at_the_boundary(
    name: str, function: Callable[..., Any]
) -> None:
    """Each public function goes through the one boundary (it is wrapped by ``boundary``)."""
    assert hasattr(function, "__wrapped__"), f"{name} is not wrapped by coerce.arguments.boundary"


#: The functions with an argument to get wrong (the others take none: a strategy, a dataset).
TAKING = [(n, f) for n, f in CHECKED if any(_required(f))]


@pytest.mark.parametrize(("name", "function"), TAKING, ids=[n for n, _ in TAKING])
def test_a_wrong_argument_is_a_library_error(
    name: str, function: Callable[..., Any], tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every required argument given a wrong value (each kind in turn) is refused with a
    ``CountyCareError``; an ``ArgumentError`` names one of the function's arguments. Run in an
    empty folder: a refused call must leave no file behind."""
    monkeypatch.chdir(tmp_path)
    parameters = inspect.signature(function).parameters.values()
    required = _required(function)
    names = {p.name for p in parameters}
    for wrong in WRONG:
        args = [wrong for p in required if p.kind != p.KEYWORD_ONLY]
        kwargs = {p.name: wrong for p in required if p.kind == p.KEYWORD_ONLY}
        refused: CountyCareError | None = None
        try:
            function(*args, **kwargs)
        except CountyCareError as exc:  # anything else fails the test with its traceback
            refused = exc
        if isinstance(refused, ArgumentError) and refused.argument is not None:
            assert refused.argument.split("[")[0].split(".")[0] in names, str(refused)
        assert "_Unknown(" not in str(refused) and "Attribute(" not in str(refused)
        written = list(tmp_path.iterdir())
        assert refused is None or written == [], f"a refused call wrote {written}"
        for path in written:  # a call that took text for a path may write there
            if path.is_file():
                path.unlink()


@pytest.mark.parametrize(("name", "function"), CHECKED, ids=[n for n, _ in CHECKED])
def test_a_call_its_signature_cannot_take_is_a_library_error(
    name: str, function: Callable[..., Any]
) -> None:
    """An unknown keyword (and, where one is required, a missing argument) raises a
    ``CallError``: a ``CountyCareError``, so one ``except`` catches every refusal, and still
    a ``TypeError``; its message names the function and shows the signature to call it by.
    Python's own ``TypeError`` escaped before."""
    from countycare.errors import CallError

    kinds = {p.kind for p in inspect.signature(function).parameters.values()}
    calls: list[dict[str, Any]] = []
    if inspect.Parameter.VAR_KEYWORD not in kinds:  # **options would take any keyword
        calls.append({"no_such_keyword": 1})
    if _required(function):
        calls.append({})
    for kwargs in calls:
        with pytest.raises(CallError) as refused:
            function(**kwargs)
        assert isinstance(refused.value, TypeError)
        assert str(refused.value).startswith(f"{function.__name__}(): ")
        assert f"the signature is {function.__name__}(" in str(refused.value)
        shown = refused.value.signature.split("(", 1)[1]
        assert ": '" not in shown and "<" not in shown  # no annotations, no object reprs


def test_natural_forms_reach_the_body() -> None:
    """A dataset name is a county, ``2024`` a period, a code a vocabulary member, a numpy
    integer a count: the wrapped functions take the forms the constructors take."""
    from countycare.indicators.table import MeasureTable
    from countycare.labels import ReferralDirection, ReferralStatus, Tier
    from countycare.records.privacy import suppress_small_cells
    from countycare.referrals import (
        build_network,
        direction_between,
        synthetic_referrals,
        totals_by_direction,
    )

    records = synthetic_referrals("wanrong", 2024, np.int64(200), seed=np.int64(1))
    network = build_network(records, "wanrong", 2024)
    assert network.county_id == "wanrong"
    by_code = totals_by_direction(network, status="completed")
    assert by_code == totals_by_direction(network, status=ReferralStatus.COMPLETED)
    assert direction_between("village", "COUNTY") is direction_between(Tier.VILLAGE, Tier.COUNTY)
    assert direction_between("village", "county") is ReferralDirection.UP
    cells = MeasureTable.from_rows([("a", "2024", "visits", "", 3.0)])
    assert suppress_small_cells(cells, np.int64(5)).suppressed_count == 1


def test_a_wrong_item_of_a_collection_is_named_by_its_place() -> None:
    """Where a function takes objects of the model, a wrong item is refused at its index, and
    text is never read as a collection of its characters."""
    from countycare.governance import DecisionRight, separation_problems

    with pytest.raises(ArgumentError, match=r"bodies\[0\]: expected a body"):
        separation_problems(["regulator"], [DecisionRight("assessment", "x")])  # type: ignore[list-item]
    with pytest.raises(ArgumentError, match="bodies: expected"):
        separation_problems("regulator", [])  # type: ignore[arg-type]


def _boundary_callables() -> list[tuple[str, Callable[..., Any]]]:
    """The public functions, and the public methods of the public classes, that convert their
    arguments at the boundary (the ones wrapped by ``boundary`` itself)."""
    found = [(name, f) for name, f in CHECKED]
    for cls in CLASSES:
        for key, value in vars(cls).items():
            function = getattr(value, "__func__", value)
            if key.startswith("_") or not callable(function):
                continue
            code = getattr(function, "__code__", None)
            if code is not None and code.co_filename.endswith("arguments.py"):
                found.append((f"{cls.__module__}.{cls.__qualname__}.{key}", function))
    return found


def _value_collection(hint: Any) -> bool:
    """Whether ``hint`` asks for a collection of values a caller writes by hand (numbers, text,
    dates, codes, periods), alone or as a member of a union."""
    import typing

    from countycare.coerce import arguments

    if arguments._is_collection(hint):
        item = typing.get_args(hint)[0] if typing.get_args(hint) else Any
        return arguments._item_check(item) is not None
    return any(_value_collection(m) for m in typing.get_args(hint))


def _collection_parameters() -> list[tuple[str, str, Any]]:
    """Each (callable, parameter, annotation) of the boundary taking a collection of values."""
    from countycare.coerce import arguments

    found = []
    for name, function in _boundary_callables():
        hints = arguments._hints(inspect.unwrap(function))
        for parameter in inspect.signature(function).parameters:
            if parameter in hints and _value_collection(hints[parameter]):
                found.append((name, parameter, hints[parameter]))
    return found


COLLECTION_PARAMETERS = _collection_parameters()


def test_collections_of_values_are_found() -> None:
    """The list below is the package's: ``years``, ``measures``, ``indicators`` among them."""
    names = {parameter for _, parameter, _ in COLLECTION_PARAMETERS}
    assert len(COLLECTION_PARAMETERS) > 20
    assert {"years", "measures", "indicators"} <= names


@pytest.mark.parametrize(
    ("name", "parameter", "hint"),
    COLLECTION_PARAMETERS,
    ids=[f"{n}-{p}" for n, p, _ in COLLECTION_PARAMETERS],
)
def test_a_wrong_item_among_values_is_named_by_its_place(
    name: str, parameter: str, hint: Any
) -> None:
    """A collection of numbers, text, codes or periods with a wrong item is refused at the
    boundary, naming the item's place (``years[0]``): ``years=["2024"]`` reached the body,
    which failed with a raw ``TypeError`` (can only concatenate str to int)."""
    from countycare.coerce import arguments

    check = arguments._check_for(hint)
    assert check is not None
    for wrong in ([_Unknown()], (_Unknown(),)):
        with pytest.raises(ArgumentError) as refused:
            check(wrong, parameter)
        assert refused.value.argument == f"{parameter}[0]", str(refused.value)
        assert "_Unknown(" not in str(refused.value)


def test_values_in_a_collection_take_their_natural_forms() -> None:
    """Items are converted like lone arguments (a numpy integer is a year), text among years is
    refused, one year alone is the collection of that year, and a collection nothing changes
    in is passed on as it is."""
    from countycare.coerce import arguments
    from countycare.records.engine_duckdb import measure_records
    from countycare.records.synthetic import generate
    from countycare.testing.records import small_record_county

    small = small_record_county()
    records = generate(small, 2024, seed=3)
    expected = measure_records(small, records, [2024], ["visits"]).table
    given: list[Any] = [2024, np.int64(2024), [np.int64(2024)], (2024,), {2024}, range(2024, 2025)]
    for years in given:
        assert measure_records(small, records, years, ["visits"]).table == expected
    wrong: Any = [2024, "2025"]
    with pytest.raises(ArgumentError, match=r"years\[1\]: expected a whole number, got '2025'"):
        measure_records(small, records, wrong, ["visits"])
    with pytest.raises(
        ArgumentError,
        match=r"^years: expected a collection .*, each item a whole number, got .2024.$",
    ):
        measure_records(small, records, "2024", ["visits"])  # type: ignore[arg-type]
    check = arguments._check_for(Sequence[int])
    assert check is not None
    kept = [2024, 2025]
    assert check(kept, "years") is kept
    assert check([np.int64(2024)], "years") == [2024]
    assert type(check([np.int64(2024)], "years")[0]) is int
    check_set = arguments._check_for(Collection[int])
    assert check_set is not None
    assert check_set(frozenset({np.int64(1)}), "years") == frozenset({1})


def _results() -> dict[str, Any]:
    """The results a caller holds on Wanrong: the county, its measures, governance, referral
    network, scorecard and report, and a record run's result and validation report."""
    from countycare import build_scorecard, load_county
    from countycare.records.engine_duckdb import measure_records
    from countycare.records.synthetic import generate
    from countycare.report.content import build_report, packaged_inputs
    from countycare.testing.records import small_record_county

    county = load_county("wanrong")
    inputs = packaged_inputs("wanrong")
    small = small_record_county()
    run = measure_records(small, generate(small, 2024, seed=3), [2024], ["visits"])
    return {
        "county": county,
        "measures": inputs["measures"],
        "governance": inputs["governance"],
        "network": inputs["network"],
        "scorecard": build_scorecard("nhc-2024", inputs["measures"], "wanrong", 2024),
        "report": build_report(county, **inputs),
        "measure result": run,
        "validation report": next(iter(run.reports.values())),
    }


def test_methods_of_results_refuse_wrong_arguments(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every public method (and ``[]``) of the results a caller holds, given wrong values for
    its required arguments, answers or raises a ``CountyCareError``: ``network.tier(x)`` of an
    unknown id, ``table.isclose(object())`` and the like raised ``KeyError`` or
    ``AttributeError`` from inside."""
    monkeypatch.chdir(tmp_path)
    called = 0
    for what, result in _results().items():
        for name in dir(result):
            method = getattr(result, name, None)
            if (name.startswith("_") and name != "__getitem__") or not inspect.ismethod(method):
                continue
            required = _required(method)
            if not required:
                continue
            for wrong in WRONG:
                args = [wrong for p in required if p.kind != p.KEYWORD_ONLY]
                kwargs = {p.name: wrong for p in required if p.kind == p.KEYWORD_ONLY}
                try:
                    method(*args, **kwargs)
                except CountyCareError:
                    pass
                except Exception as exc:  # the test's failure, named
                    pytest.fail(f"{what}.{name}({wrong!r}) raised {type(exc).__name__}: {exc}")
                called += 1
    assert called > 40


def test_an_unknown_language_is_a_library_error() -> None:
    """A label or the report's words in a language other than English or Chinese is an
    ``ArgumentError`` naming ``language`` (both raised a bare ``ValueError``)."""
    from countycare.labels import Tier
    from countycare.report.text import Words

    with pytest.raises(ArgumentError, match="language: expected 'en' or 'zh', got 'fr'"):
        Tier.COUNTY.label("fr")
    with pytest.raises(ArgumentError, match="language"):
        Words("fr")  # type: ignore[arg-type]


def _public_methods() -> list[tuple[str, type, str]]:
    """Each public class's own public methods (instance, class and static), by name."""
    found = []
    for cls in CLASSES:
        for key, raw in vars(cls).items():
            if key.startswith("_"):
                continue
            if inspect.isfunction(raw) or isinstance(raw, classmethod | staticmethod):
                found.append((f"{cls.__module__}.{cls.__qualname__}.{key}", cls, key))
    return found


METHODS = _public_methods()


@pytest.mark.parametrize(("name", "cls", "key"), METHODS, ids=[n for n, _, _ in METHODS])
def test_a_method_call_its_signature_cannot_take_is_a_library_error(
    name: str, cls: type, key: str
) -> None:
    """A public method called without its arguments (an instance method without its
    instance too), or with an unknown keyword, raises a ``CallError`` naming
    ``Class.method``: ``county.institution()`` raised Python's plain ``TypeError``."""
    from countycare.errors import CallError

    raw = vars(cls)[key]
    method = getattr(cls, key)
    if isinstance(raw, classmethod | staticmethod):
        parameters = inspect.signature(method).parameters.values()
        if any(p.kind is p.VAR_KEYWORD for p in parameters):
            pytest.skip("**options take any keyword")
        call: dict[str, Any] = {} if _required(method) else {"no_such_keyword": 1}
    else:
        call = {}  # through the class: the instance itself is missing
    with pytest.raises(CallError) as refused:
        method(**call)
    assert f"{cls.__name__}.{key}(): " in str(refused.value), str(refused.value)
    assert isinstance(refused.value, TypeError)


@pytest.mark.parametrize("cls", CLASSES, ids=[c.__qualname__ for c in CLASSES])
def test_a_constructor_call_its_signature_cannot_take_is_a_library_error(cls: type) -> None:
    """A public class built with an unknown keyword (``DrgRules(base_rate=…, rate=…)``) or
    without its required fields raised Python's plain ``TypeError`` from the ``__init__``
    attrs writes; it now raises a ``CallError`` naming ``Class()`` and its signature."""
    from countycare.errors import CallError

    for call in ({"no_such_keyword": 1}, {}):
        if not call and not any(
            p.default is p.empty for p in inspect.signature(cls).parameters.values()
        ):
            continue  # every field has a default: a call without arguments is right
        with pytest.raises(CallError) as refused:
            cls(**call)
        assert str(refused.value).startswith(f"{cls.__name__}(): "), str(refused.value)
        assert f"the signature is {cls.__name__}(" in str(refused.value)


@pytest.mark.parametrize("cls", CLASSES, ids=[c.__qualname__ for c in CLASSES])
def test_a_constructor_given_wrong_values_raises_a_library_error(cls: type) -> None:
    """A public class built with wrong values (an object of no kind, text that names
    nothing, None, a fraction), in all its required fields at once or in one field at a
    time, is built or raises a ``CountyCareError``: ``Ids("x")``, ``ReadSummary`` of a
    number, ``ClassifiedDeaths`` or ``IndicatorValue`` of text raised ``TypeError``,
    ``AttributeError`` or ``AssertionError``."""
    parameters = list(inspect.signature(cls).parameters.values())
    required = [p.name for p in parameters if p.default is p.empty]
    calls = [dict.fromkeys(required, wrong) for wrong in WRONG] if required else []
    if not required:
        calls = [{p.name: wrong} for p in parameters for wrong in WRONG]
    for call in calls:
        try:
            cls(**call)
        except CountyCareError:
            pass
        except Exception as exc:  # the test's failure, named
            pytest.fail(f"{cls.__name__}(**{call!r}) raised {type(exc).__name__}: {exc}")


def test_the_public_classes_are_found() -> None:
    """The list is the package's: the test above would pass on nothing."""
    names = {c.__name__ for c in CLASSES}
    assert len(CLASSES) > 80
    assert {"County", "DrgRules", "MeasureTable", "Name", "Problem", "Province"} <= names


def test_the_public_methods_are_found() -> None:
    """The list is the package's: the test above would pass on nothing."""
    names = {name.rsplit(".", 2)[1] + "." + name.rsplit(".", 1)[1] for name, _, _ in METHODS}
    assert len(METHODS) > 150
    assert {"County.institution", "MeasureTable.get", "Period.parse", "ReferralFlow.count"} <= names
