"""A value past a limit is named by its ``$.path``, however it is nested and whatever its key;
a document too deep is found however its strings hide brackets."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from countycare.io.documents import _TOKENS, _deepest
from countycare.io.limits import MAX_DEPTH, tree_problems


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


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["[", "]", "{", "}", '"[', '"', "'", "'{'", '"""[\n]"""', "# [[\n", "\\", "x"]
        ),
        max_size=80,
    )
)
def test_the_quick_depth_is_the_depth_of_the_tokens(parts: list[str]) -> None:
    """The depth measured after cutting strings and comments out is the depth of the bracket
    tokens the full scan sees, on any mix of brackets, quotes, comments and escapes: the
    quick measure can never let a too-deep document through to the parser."""
    text = "".join(parts)
    depth = deepest = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth = max(0, depth - 1)
    assert _deepest(text) == deepest


#: The tokens as first written, a double-quoted string as one alternation per character.
_PLAIN_TOKENS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]'
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(['"', "\\", "\n", "x", "[", "'", "#", '"""']), max_size=60))
def test_the_unrolled_string_pattern_finds_the_same_tokens(parts: list[str]) -> None:
    """The faster spelling of a double-quoted string matches exactly the strings of the plain
    one, escapes and unterminated quotes included."""
    text = "".join(parts)
    assert [m.span() for m in _TOKENS.finditer(text)] == [
        m.span() for m in _PLAIN_TOKENS.finditer(text)
    ]
