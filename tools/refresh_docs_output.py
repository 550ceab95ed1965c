"""Rewrite the output shown under each ``$ countycare …`` line of the docs when it has changed.

The docs test (``tests/docs/test_pages.py``) runs every console example and compares its output
with the page. After a deliberate change of output, run
``python tools/refresh_docs_output.py [PAGE …]`` and review the diff: only blocks whose output
no longer matches are rewritten (a block that matches through ``...`` is left as written).
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "docs"))

from test_pages import (  # noqa: E402
    _FENCE,
    DOCS,
    captioned_files,
    run_command,
    same_output,
)


def refresh(page: Path) -> bool:
    """Rewrite the stale outputs of ``page``; return whether anything changed."""
    text = page.read_text(encoding="utf-8")
    changed = False
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path.cwd()
        os.chdir(tmp)
        try:
            for name, content in captioned_files(text).items():
                Path(name).write_text(content, encoding="utf-8")

            def fix_block(match: re.Match[str]) -> str:
                nonlocal changed
                fence, language, body = match.group(1), match.group(2), match.group(4)
                if language != "console":
                    return match.group(0)
                parts = re.split(r"^(\$ .*\n)", body, flags=re.M)
                out = [parts[0]]
                for command_line, want in zip(parts[1::2], parts[2::2], strict=True):
                    got = run_command(command_line[2:].rstrip("\n"))
                    out.append(command_line)
                    if same_output(want, got):
                        out.append(want)
                    else:
                        changed = True
                        out.append(got)
                head = match.group(0)[: match.start(4) - match.start(0)]
                return head + "".join(out) + fence

            new = _FENCE.sub(fix_block, text)
        finally:
            os.chdir(cwd)
    if changed:
        page.write_text(new, encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    pages = [Path(a).resolve() for a in argv] or sorted(
        p for p in DOCS.rglob("*.md") if "_build" not in p.parts
    )
    for page in pages:
        if refresh(page):
            print(f"rewrote {page.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
