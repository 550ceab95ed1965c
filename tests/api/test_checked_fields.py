"""Result classes validate their fields by their annotations (``checked_fields``).

The classes the library builds for its callers (a ratio, a settlement, a comparison) took any
value when a caller built one directly, and the wrong value failed later, in a method, with a
raw ``TypeError`` (``ReferralRatio("r", "many", 2.0, "a", "b").value``). These tests protect
the validation: a value the annotation refuses raises a ``FieldError`` naming the field, a
value it takes is kept as given, and every class that uses it refuses wrong values.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

import attrs
import numpy as np
import pytest

import countycare
from countycare.coerce.fields import checked_fields
from countycare.errors import FieldError
from countycare.periods import Period
from countycare.referrals.results import ReferralRatio


@attrs.frozen(field_transformer=checked_fields)
class _Result:
    count: int
    share: float
    label: str
    period: Period
    note: str | None = None
    anything: Any = None


def test_a_value_the_annotation_refuses_names_the_field() -> None:
    """Text for a number, None for a required text, an object of no kind for a period: a
    ``FieldError`` naming the field, before the object exists."""
    good: dict[str, Any] = {"count": 1, "share": 0.5, "label": "a", "period": Period.parse("2024")}
    for field, wrong in (("count", "many"), ("share", "half"), ("label", None),
                         ("period", object()), ("count", 2.5)):  # fmt: skip
        with pytest.raises(FieldError) as refused:
            _Result(**{**good, field: wrong})
        assert refused.value.argument == field
        assert str(refused.value).startswith(f"{field}: expected")


def test_a_value_the_annotation_takes_is_kept_as_given() -> None:
    """Validation converts nothing: an ``int`` in a field of ``float`` stays an ``int``, a
    numpy integer is taken for an ``int``, and ``Any`` takes anything."""
    numpy_count: Any = np.int64(3)
    built = _Result(numpy_count, 1, "a", Period.parse("2024"), None, object())
    assert type(built.share) is int
    assert isinstance(built.count, np.int64)
    assert _Result(1, 0.5, "a", Period.parse("2024"), note="n").note == "n"


def test_a_ratio_built_wrong_is_refused_not_left_to_fail_later() -> None:
    """``ReferralRatio`` of text raised ``TypeError`` on ``.value``; it is now refused."""
    with pytest.raises(FieldError, match="numerator"):
        ReferralRatio("r", "many", 2.0, "a", "b")  # type: ignore[arg-type]
    assert ReferralRatio("r", 1, 2, "a", "b").value == 0.5


def _checked(cls: type) -> bool:
    """Whether ``cls`` validates some field by its annotation."""
    return attrs.has(cls) and any(
        getattr(f.validator, "__qualname__", "").startswith("_annotated") for f in attrs.fields(cls)
    )


def _checked_classes() -> list[type]:
    """Every class of the package that validates its fields by their annotations."""
    found: dict[str, type] = {}
    for info in pkgutil.walk_packages(countycare.__path__, "countycare."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if inspect.isclass(value) and value.__module__ == info.name and _checked(value):
                found[f"{info.name}.{value.__qualname__}"] = value
    return [found[k] for k in sorted(found)]


class _Unknown:
    """An object of a kind no field takes."""


CHECKED_CLASSES = _checked_classes()


def test_the_checked_classes_are_found() -> None:
    """The results the library hands out are among them: the test below runs on them."""
    names = {c.__name__ for c in CHECKED_CLASSES}
    assert len(CHECKED_CLASSES) >= 20
    assert {"ReferralRatio", "Comparison", "MeasureResult", "DipResult", "Assessment"} <= names


@pytest.mark.parametrize("cls", CHECKED_CLASSES, ids=[c.__qualname__ for c in CHECKED_CLASSES])
def test_a_result_built_with_wrong_values_is_refused(cls: type) -> None:
    """An object of no kind in every required field is refused with a ``FieldError`` naming
    one of the class's fields (the test of every public class lets a result be built of such
    values; these are not)."""
    required = [p.name for p in inspect.signature(cls).parameters.values() if p.default is p.empty]
    with pytest.raises(FieldError) as refused:
        cls(**dict.fromkeys(required, _Unknown()))
    assert refused.value.argument in {f.name for f in attrs.fields(cls)}, str(refused.value)
    assert "_Unknown(" not in str(refused.value)


def test_a_problem_built_wrong_is_refused() -> None:
    """``Problem`` (whose module the checks import) checks its fields itself: a severity's
    code raised ``AttributeError`` when the problem was turned into a dict, and a number was
    kept for a path."""
    from countycare.errors import Problem, Severity

    assert str(Problem("$.id", "must not be empty", Severity.WARNING)) == (
        "$.id: warning: must not be empty"
    )
    for args, field in (((1, "b"), "path"), (("$", None), "message"),
                        (("$", "b", "error"), "severity")):  # fmt: skip
        with pytest.raises(FieldError) as refused:
            Problem(*args)
        assert refused.value.argument == field
