"""Every example in the documentation runs and shows what the page says it shows.

A page's examples are of three sorts, all checked against what countycare really does:

* ``pycon`` blocks (``>>>`` lines and their output), run as one doctest per page;
* files the page shows in a ``{code-block}`` with a ``:caption:`` naming the file, written to the
  working folder before the page's examples run;
* ``console`` blocks: each ``$ countycare ...`` line is run through :func:`countycare.cli.main`
  and its output (standard output and standard error, as a terminal shows them) compared with the
  lines below it. A command may end in ``; echo $?`` to show its exit code;
* ``python`` blocks: run in order, in one namespace per page, so that a snippet with an undefined
  name fails here. A block that needs a system the tests do not have (a Spark cluster) starts
  with a ``# not run: <reason>`` line and is skipped; the reason is required.

This applies to every page under ``docs/``: show output that is illustrative rather than exact
in a ``text`` or ``shell`` block, which is not run.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest

from countycare.cli import main

DOCS = Path(__file__).resolve().parents[2] / "docs"
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

_FENCE = re.compile(r"^(`{3,})(\S*)[ \t]*(\S*)[^\n]*\n(.*?)^\1[ \t]*$", re.M | re.S)


def blocks(text: str) -> Iterator[tuple[str, str, str]]:
    """``(language, argument, body)`` of each fenced block; for ``{code-block} toml`` the
    language is ``{code-block}`` and the argument ``toml``."""
    for match in _FENCE.finditer(text):
        yield match.group(2), match.group(3), match.group(4)


def captioned_files(text: str) -> dict[str, str]:
    """Files shown in ``{code-block}`` blocks with a ``:caption:`` (name → content)."""
    files = {}
    for language, _, body in blocks(text):
        if language != "{code-block}":
            continue
        options = re.match(r"((?::[\w-]+:.*\n)+)\n?", body)
        caption = re.search(r"^:caption:\s*(\S+)", options.group(1), re.M) if options else None
        if caption and options:
            files[caption.group(1)] = body[options.end() :]
    return files


def console_examples(text: str) -> Iterator[tuple[str, str]]:
    """``(command, expected output)`` for every ``$ countycare`` line of the console blocks."""
    for language, _, body in blocks(text):
        if language != "console":
            continue
        parts = re.split(r"^\$ (.*)\n", body, flags=re.M)
        yield from zip(parts[1::2], parts[2::2], strict=True)


def run_command(command: str) -> str:
    """Run one ``countycare ...`` command line in-process; return what a terminal would show."""
    show_code = command.endswith("; echo $?")
    argv = shlex.split(command.removesuffix("; echo $?"))
    assert argv[0] == "countycare", f"only countycare commands can be checked: {command!r}"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        try:
            code = main(argv[1:])
        except SystemExit as exit_:  # argparse's usage errors
            code = int(exit_.code or 0)
    return buffer.getvalue() + (f"{code}\n" if show_code else "")


def same_output(want: str, got: str) -> bool:
    """Compare as doctest does, with ``...`` and whitespace normalised."""
    return doctest.OutputChecker().check_output(want, got, FLAGS)


def run_doctests(path: Path) -> doctest.TestResults:
    """Run the ``>>>`` examples of a page as one doctest; return failures and attempts."""
    text = path.read_text(encoding="utf-8")
    test = doctest.DocTestParser().get_doctest(text, {}, path.name, str(path), 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test)
    return runner.summarize(verbose=False)


PAGES = sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts)
WITH_DOCTESTS = [p for p in PAGES if ">>> " in p.read_text(encoding="utf-8")]
WITH_COMMANDS = [p for p in PAGES if list(console_examples(p.read_text(encoding="utf-8")))]


def _id(path: Path) -> str:
    return str(path.relative_to(DOCS))


@pytest.mark.parametrize("page", WITH_DOCTESTS, ids=_id)
def test_page_doctests(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's ``>>>`` examples run in an empty folder and print what the page shows."""
    monkeypatch.chdir(tmp_path)
    for name, content in captioned_files(page.read_text(encoding="utf-8")).items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    results = run_doctests(page)
    assert results.attempted > 0
    assert results.failed == 0, f"{results.failed} examples of {_id(page)} failed (output above)"


@pytest.mark.parametrize("page", WITH_COMMANDS, ids=_id)
def test_page_commands(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each ``$ countycare ...`` line of the page prints the output shown under it."""
    monkeypatch.chdir(tmp_path)
    text = page.read_text(encoding="utf-8")
    for name, content in captioned_files(text).items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    for command, want in console_examples(text):
        got = run_command(command)
        assert same_output(want, got), f"{command}\n--- page shows:\n{want}--- got:\n{got}"


def test_the_pages_have_examples() -> None:
    """The collection above finds the tutorial's examples (a broken parser would skip them all)."""
    names = {_id(p) for p in WITH_DOCTESTS} & {_id(p) for p in WITH_COMMANDS}
    assert "tutorials/build-and-check-a-county.md" in names


_NOT_RUN = re.compile(r"^# not run: \S")


def python_blocks(text: str) -> list[str]:
    """The bodies of the page's ```` ```python ```` blocks, in order."""
    return [body for language, _, body in blocks(text) if language == "python"]


WITH_CODE = [p for p in PAGES if python_blocks(p.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("page", WITH_CODE, ids=_id)
def test_page_python_blocks(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's python blocks run to the end, one after the other, in one namespace."""
    monkeypatch.chdir(tmp_path)
    text = page.read_text(encoding="utf-8")
    for name, content in captioned_files(text).items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for number, body in enumerate(python_blocks(text), start=1):
        if _NOT_RUN.match(body):
            continue
        exec(compile(body, f"{page.name}, python block {number}", "exec"), namespace)


def test_the_python_blocks_are_found() -> None:
    """The networkx how-to's blocks are collected (a broken parser would skip them all)."""
    assert any(p.name == "use-with-networkx.md" for p in WITH_CODE)
