"""Hostile input is refused with a located message, never a traceback, never silently.

Writes a few broken files into the current folder — a measures CSV saved in GBK, a targets file
with ``nan`` and a misspelt key, a measures file where a part exceeds its whole, a JSON nested
ten thousand deep, an amount written as ``9**9**9`` — and prints what countycare says of each.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from countycare import CountyCareError
from countycare.finance import load_settlement_case
from countycare.indicators import read_measures, read_targets
from countycare.io import load_county

HEADER = "scope,period,measure,category,value,unit\n"


def attempt(what: str, read: Callable[[Path], Any], path: Path) -> None:
    """Read ``path``; print the error's lines (every one names the file and the place)."""
    try:
        read(path)
    except CountyCareError as exc:
        print(f"{what}:")
        for line in str(exc).splitlines():
            print(f"  {line}")
    else:
        raise SystemExit(f"{what}: accepted, but it should have been refused")


def main() -> None:
    """Write five hostile files and show that each is refused where it is wrong."""
    gbk = Path("gbk.csv")
    gbk.write_bytes((HEADER + "万荣,2024,visits,,7,\n").encode("gb18030"))
    attempt("a CSV saved in GBK", read_measures, gbk)

    targets = Path("targets.toml")
    targets.write_text(
        "[[targte]]\nindicator = 'primary_visit_share'\n\n[[target]]\nindicator = "
        "'primary_visit_share'\ncomparator = 'ge'\nvalue = nan\nunit = 'percent'\n"
        "scope = 'national'\nvalid_from = 2024-01-01\nsource = 'plan'\n",
        encoding="utf-8",
    )
    attempt("a target of nan", read_targets, targets)

    parts = Path("parts.csv")
    parts.write_text(HEADER + "c,2024,visits,,100,\nc,2024,visits_primary,,200,\n")
    attempt("a part above its whole", read_measures, parts)

    deep = Path("deep.json")
    deep.write_text('{"id": ' + "[" * 10_000 + "]" * 10_000 + "}")
    attempt("nesting ten thousand deep", load_county, deep)

    rules = Path("rules.toml")
    rules.write_text(
        "year = '2024'\nbudget = { method = 'fixed', amount = '9**9**9 yuan' }\n"
        "actual = { in_county = '1 yuan', out_of_county = '0 yuan' }\n"
        "settlement = { surplus_share = 0.5, fund_overspend_share = 0.5, "
        "include_out_of_county = true }\n",
        encoding="utf-8",
    )
    attempt("an amount that is an expression", load_settlement_case, rules)


if __name__ == "__main__":
    main()
