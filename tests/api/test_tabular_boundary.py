"""The functions of countycare.tabular, a public module, refuse a wrong value with the library's
error, and take any table the readers take.

The test of every public function walks the packages' ``__all__``; ``countycare.tabular`` is a
module the public API names too (docs/reference/public-api.md), and its ``require``,
``to_pandas`` and ``to_polars`` let an ``AttributeError`` or ``TypeError`` escape.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

from countycare import CountyCareError, tabular
from countycare.errors import ArgumentError


class _Unknown:
    """An object of a kind no function accepts."""


FUNCTIONS = [
    getattr(tabular, name)
    for name in tabular.__all__
    if inspect.isfunction(getattr(tabular, name)) and name != "is_table"  # a question: any value
]


@pytest.mark.parametrize("function", FUNCTIONS, ids=[f.__name__ for f in FUNCTIONS])
@pytest.mark.parametrize("wrong", [_Unknown(), None, 3.5, ""], ids=["object", "None", "3.5", "''"])
def test_a_wrong_value_is_a_library_error(function: Callable[..., Any], wrong: object) -> None:
    """Each function given a value of no kind it takes raises a ``CountyCareError`` (an
    ``ArgumentError`` naming its argument where it has one to name), never a raw error."""
    if function is tabular.source_name:
        assert isinstance(function(wrong), str)  # it names anything, for a message
        return
    with pytest.raises(CountyCareError) as refused:
        function(wrong)
    if isinstance(refused.value, ArgumentError) and refused.value.argument:
        assert refused.value.argument in inspect.signature(function).parameters or (
            refused.value.argument == "table"
        )


def test_a_frame_goes_out_as_the_other_kind_of_frame() -> None:
    """to_pandas and to_polars take a pandas or polars DataFrame as well as an Arrow table."""
    table = pa.table({"scope": ["wanrong"], "value": [3.0]})
    assert tabular.to_pandas(pl.from_arrow(table)).to_dict("list") == {
        "scope": ["wanrong"],
        "value": [3.0],
    }
    frame = tabular.to_polars(table.to_pandas())
    assert frame.to_dicts() == [{"scope": "wanrong", "value": 3.0}]
    assert isinstance(tabular.to_pandas(table), pd.DataFrame)


def test_a_polars_lazy_frame_is_refused_with_what_to_do() -> None:
    """A polars LazyFrame, a natural form to a polars user, was refused as "an object of kind
    LazyFrame"; the message now says to collect it first, wherever a frame is refused."""
    from countycare.records.engine_duckdb import measure_records
    from countycare.testing.records import small_record_county

    lazy = pl.DataFrame({"scope": ["wanrong"], "value": [3.0]}).lazy()
    with pytest.raises(ArgumentError, match=r"polars LazyFrame \(call \.collect\(\)"):
        tabular.to_pandas(lazy)
    with pytest.raises(ArgumentError, match=r"sources: .*call \.collect\(\)"):
        measure_records(small_record_county(), {"encounters": lazy}, [2024], ["visits"])
