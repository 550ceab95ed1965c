"""A value past a limit is named by its ``$.path``, however it is nested and whatever its key;
a document too deep is found at its path, or at its line and column when the parser gives up,
however its strings hide brackets."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from countycare.errors import DataError
from countycare.io.documents import parse_document
from countycare.io.limits import MAX_DEPTH, MAX_PROBLEMS, _leaf_problem, tree_problems


def test_each_problem_at_its_path_in_document_order() -> None:
    """Lists give ``[index]``, identifier keys ``.key``, other keys ``['key']``; the values
    come in the order of the document, each with its own message (a key too long is found
    with its object, before the values in it)."""
    data = {
        "institutions": [{"id": "a"}, {"id": "b", "name": "x" * 10_001}],
        "a b": {"beds": float("inf"), "opened": dt.datetime(2024, 1, 1, 8, 0)},
        "k" * 201: 1,
        "fine": [1, 2.5, "text", True, None],
    }
    found = [(p.path, p.message) for p in tree_problems(data)]
    assert found == [
        ("$", "a key of 201 characters"),
        ("$.institutions[1].name", "a text of 10,001 characters; at most 10,000"),
        ("$['a b'].beds", "not a number (inf); write a finite number"),
        ("$['a b'].opened", "a date and time 2024-01-01T08:00:00; write a date only (YYYY-MM-DD)"),
    ]


def test_a_deep_document_is_named_where_it_goes_too_deep() -> None:
    """Nesting past the limit is one problem at the list that is too deep, with its path."""
    deep: list[object] = []
    inner = deep
    for _ in range(MAX_DEPTH + 5):
        inner.append([])
        inner = inner[0]  # type: ignore[assignment]
    problems = tree_problems({"x": deep}, root="county.json")
    assert [(p.path, p.message) for p in problems] == [
        ("county.json.x" + "[0]" * (MAX_DEPTH - 1), f"nested deeper than {MAX_DEPTH} levels")
    ]


#: Strings that hold brackets, valid in their format: the scan must not count their brackets.
_DECOYS = [
    ("json", '"[[[{"'), ("json", '"a\\"[["'),
    ("toml", '"[[[{"'), ("toml", '"a\\"[["'), ("toml", "'{{[['"), ("toml", '"""[[{"""'),
    ("toml", "'''[['''"),
]  # fmt: skip


@settings(max_examples=50, deadline=None)
@given(
    case=st.sampled_from(_DECOYS),
    depth=st.integers(3_000, 20_000),
)
def test_a_document_the_parser_gives_up_on_is_named_at_its_line_and_column(
    case: tuple[str, str], depth: int
) -> None:
    """A document nested thousands deep stops the parser (it recurses); the problem is then
    placed at the bracket that first goes too deep, whatever brackets a string before it
    holds, and never reported as a crash or as invalid syntax."""
    fmt, decoy = case
    opening = "x = [" if fmt == "toml" else '{"x": ['
    head = f"{opening}{decoy}, "
    text = head + "[" * depth + "]" * depth + ("]" if fmt == "toml" else "]}")
    with pytest.raises(DataError) as caught:
        parse_document(text, fmt, f"county.{fmt}")
    (problem,) = caught.value.problems
    # the deep brackets start at level 2 (TOML: in the list x) or 3 (JSON: in {"x": [)
    column = len(head) + MAX_DEPTH - (1 if fmt == "json" else 0)
    assert problem.path == f"line 1, column {column}"
    assert problem.message.startswith(f"nested deeper than {MAX_DEPTH} levels")


def test_a_document_deep_but_parsed_is_named_at_its_path() -> None:
    """A document a little too deep parses: the walk of the tree names the list at its path."""
    text = '{"x": ' + "[" * (MAX_DEPTH + 3) + "]" * (MAX_DEPTH + 3) + "}"
    with pytest.raises(DataError) as caught:
        parse_document(text, "json", "county.json")
    assert [p.path for p in caught.value.problems] == ["$.x" + "[0]" * (MAX_DEPTH - 1)]


def _reference_problems(value: object, path: str, depth: int = 0) -> list[tuple[str, str]]:
    """The problems of a tree by plain recursion over every value: what the walk must find."""
    if isinstance(value, dict):
        if depth >= MAX_DEPTH:
            return [(path, f"nested deeper than {MAX_DEPTH} levels")]
        # a key too long is found with its object, before the values in it
        found = [(path, f"a key of {len(k):,} characters") for k in value if len(k) > 200]
        for key, item in value.items():
            if len(key) <= 200:
                step = f"{path}.{key}" if key.isidentifier() else f"{path}[{key!r}]"
                found += _reference_problems(item, step, depth + 1)
        return found
    if isinstance(value, list):
        if depth >= MAX_DEPTH:
            return [(path, f"nested deeper than {MAX_DEPTH} levels")]
        return [
            p
            for i, item in enumerate(value)
            for p in _reference_problems(item, f"{path}[{i}]", depth + 1)
        ]
    message = _leaf_problem(value)
    return [(path, message)] if message else []


_LEAVES = st.one_of(
    st.text(max_size=5),
    st.just("x" * 10_001),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(),
)
_TREES = st.recursive(
    _LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["id", "a b", "k" * 201, "x"]), inner, max_size=3)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(tree=_TREES)
def test_the_walk_finds_what_plain_recursion_finds(tree: object) -> None:
    """The walk passes short text and small whole numbers over without visiting them: it must
    still find every problem, at the same path and in document order, as a plain recursion
    over every value does (up to the cap on problems)."""
    found = [(p.path, p.message) for p in tree_problems(tree)]
    assert found == _reference_problems(tree, "$")[: len(found)]
    assert len(found) == min(len(_reference_problems(tree, "$")), MAX_PROBLEMS)
