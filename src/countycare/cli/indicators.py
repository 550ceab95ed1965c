"""Subcommands about indicators: ``indicators`` (list, ``show CODE``) and ``scorecard``."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

from countycare.cli._common import EXIT_OK, UsageError, print_json, set_code
from countycare.community import County
from countycare.datasets import names, resource
from countycare.errors import DataError, Problem
from countycare.indicators.answer_files import read_answers
from countycare.indicators.answers import ChecklistAnswer, answers_by_code
from countycare.indicators.catalogues import SETS, definitions_of, indicator_set
from countycare.indicators.definitions import IndicatorDefinition
from countycare.indicators.docs import formula_text
from countycare.indicators.files import read_measures
from countycare.indicators.national_targets import national_book
from countycare.indicators.rollup import roll_up, roll_up_periods
from countycare.indicators.samples import read_file_info
from countycare.indicators.scorecard import build_scorecard
from countycare.indicators.target_files import read_targets
from countycare.io import load_county
from countycare.periods import Period

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add ``indicators`` and ``scorecard``."""
    listing = subparsers.add_parser("indicators", help="list the shipped indicator definitions")
    listing.add_argument(
        "--set", dest="set_code", type=set_code, choices=sorted(SETS), help="only this set"
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of text")
    listing.set_defaults(handler=_list)
    actions = listing.add_subparsers(dest="action", metavar="ACTION", required=False)
    show = actions.add_parser(
        "show", help="show every definition of one indicator (by code or item number)"
    )
    show.add_argument(
        "code", help="an indicator code (primary_visit_share) or an item number (3.1)"
    )
    show.add_argument(
        "--set",
        dest="show_set",
        type=set_code,
        choices=sorted(SETS),
        help="only this set (default: every set)",
    )
    show.add_argument("--json", action="store_true", help="print JSON instead of text")
    show.set_defaults(handler=_show)

    card = subparsers.add_parser(
        "scorecard", help="evaluate an indicator set on a measures file and judge the targets"
    )
    card.add_argument(
        "measures", help="a measures file (.csv/.tsv/.json/.parquet) or a dataset name (wanrong)"
    )
    card.add_argument("--county", help="county file or dataset name, for roll-up and scope checks")
    card.add_argument(
        "--set",
        dest="set_code",
        default="nhc-2024",
        type=set_code,
        choices=sorted(SETS),
        help="the indicator set (default: nhc-2024)",
    )
    card.add_argument("--scope", help="the area or institution id (default: the county)")
    card.add_argument("--period", help="2024, 2024Q1 or 2024-03 (default: the latest in the file)")
    card.add_argument("--baseline-period", help="compare with this period")
    card.add_argument(
        "--targets",
        help="a TOML/JSON file of targets and reference values, added to the shipped national ones",
    )
    card.add_argument("--answers", help="a TOML/JSON file of answers to qualitative items")
    card.add_argument(
        "--governance",
        help="a governance file or dataset name: answer items 1.1–1.3 by assessing it on the "
        "last day of the period (explicit --answers win)",
    )
    card.add_argument("--province", help="province id that province-scoped targets name")
    card.add_argument("--json", action="store_true", help="print JSON instead of text")
    card.set_defaults(handler=_scorecard)


def _describe(d: IndicatorDefinition) -> dict[str, Any]:
    return {
        "code": d.code,
        "set": d.set_code,
        "item": d.item,
        "name": {"en": d.name.en, "zh": d.name.zh},
        "formula": formula_text(d),
        "measures": list(d.measures),
        "unit": d.unit,
        "direction": d.direction.value if d.direction else None,
        "toward": d.toward,
        "valid_from": d.valid_from.isoformat(),
        "valid_to": d.valid_to.isoformat() if d.valid_to else None,
        "reference": {
            "document": d.reference.document,
            "number": d.reference.number,
            "year": d.reference.year,
            "clause": d.reference.clause,
            "url": d.reference.url,
        },
        "status": d.status.value,
        "note": d.note,
    }


def _list(args: argparse.Namespace) -> int:
    sets = [indicator_set(args.set_code)] if args.set_code else list(SETS.values())
    if args.json:
        print_json([_describe(d) for s in sets for d in s])
        return EXIT_OK
    for s in sets:
        print(f"{s.code}: {s.name.en} / {s.name.zh} [{s.status.value}]")
        for d in s:
            print(f"  {d.item:<6} {d.code:<32} {d.unit:<34} {d.status.value}")
    return EXIT_OK


def _find(code: str, set_code: str | None) -> tuple[IndicatorDefinition, ...]:
    """The definitions of an indicator code, or of an item number such as ``3.1``."""
    sets = [indicator_set(set_code)] if set_code else list(SETS.values())
    if re.fullmatch(r"\d{1,3}(\.\d{1,3}){0,3}", code):
        found = tuple(d for s in sets for d in s if d.item == code)
        if not found:
            where = f"set {set_code}" if set_code else "any shipped set"
            raise DataError([Problem("item", f"no indicator numbered {code!r} in {where}")])
        return found
    found = tuple(d for d in definitions_of(code) if set_code is None or d.set_code == set_code)
    if not found:
        raise DataError([Problem("code", f"set {set_code} has no indicator {code!r}")])
    return found


def _show(args: argparse.Namespace) -> int:
    found = _find(args.code, args.show_set)
    if args.json:
        print_json([_describe(d) for d in found])
        return EXIT_OK
    for d in found:
        print(f"{d.code} — {d.name.en} / {d.name.zh}")
        print(f"  set {d.set_code}, item {d.item}; status {d.status.value}")
        print(f"  formula: {formula_text(d)}")
        direction = d.direction.value if d.direction else "met / not met"
        toward = f" {d.toward:g}" if d.toward is not None else ""
        print(f"  unit: {d.unit or '(met / not met)'}; direction: {direction}{toward}")
        print(f"  valid: {d.validity()}")
        print(f"  reference: {d.reference}")
        if d.reference.url:
            print(f"  url: {d.reference.url}")
        if d.note:
            print(f"  note: {d.note}")
    return EXIT_OK


def _measures_path(text: str) -> tuple[Path, str | None]:
    if text in names() and not Path(text).exists():
        return resource(f"{text}.measures.csv"), text
    return Path(text), None


def _scorecard(args: argparse.Namespace) -> int:
    path, dataset = _measures_path(args.measures)
    county_source = args.county or dataset
    county: County | None = load_county(county_source) if county_source else None
    table = read_measures(path, county=county)
    table = roll_up_periods(table, source=str(path))
    if county is not None:
        table = roll_up(table, county, source=str(path))
    scope = args.scope or (county.id if county else None)
    if scope is None:
        scopes = sorted(set(table.scope.tolist()))
        if not scopes:
            raise DataError([Problem("$", "the file has no rows of figures")], str(path))
        if len(scopes) != 1:
            raise UsageError(
                f"give --scope or --county (the file has {len(scopes)} scopes: {_some(scopes)})"
            )
        scope = scopes[0]
    period = args.period or _latest(table, scope, str(path))
    _require_rows(table, scope, str(Period.parse(period)), str(path))
    targets = national_book()
    if args.targets:
        targets = targets + read_targets(args.targets)
    answers: dict[str, ChecklistAnswer] = {}
    if args.governance:
        answers.update(_assessed(args.governance, county, Period.parse(period).end))
    if args.answers:
        answers.update(read_answers(args.answers))
    card = build_scorecard(
        indicator_set(args.set_code),
        table,
        scope,
        str(Period.parse(period)),
        baseline_period=str(Period.parse(args.baseline_period)) if args.baseline_period else None,
        targets=targets,
        answers=answers,
        county=county.id if county else None,
        province=args.province,
    )
    info = read_file_info(path)
    if args.json:
        if info is not None:
            print("note: " + "\n".join(info.banner()), file=sys.stderr)
        print_json(card.to_dict())
        return EXIT_OK
    for warning in card.warnings:
        print(f"warning: {warning}")
    if info is not None:
        print("\n".join(info.banner()))
    print(card.to_text())
    return EXIT_OK


def _some(values: list[str], at_most: int = 5) -> str:
    shown = ", ".join(values[:at_most])
    return shown + (f" and {len(values) - at_most} more" if len(values) > at_most else "")


def _require_rows(table: Any, scope: str, period: str, source: str) -> None:
    """Exit 1 with what was asked and what the file holds when no figure matches the scope."""
    pairs = set(zip(table.scope.tolist(), table.period.tolist(), strict=True))
    if any(s == scope and str(Period.parse(p)) == period for s, p in pairs):
        return
    scopes = sorted({s for s, _ in pairs})
    periods = sorted({p for s, p in pairs if s == scope})
    if periods:
        held = f"it holds {scope} for {_some(periods)}"
    else:
        held = f"it holds scopes {_some(scopes)}" if scopes else "it holds no figures"
    raise DataError([Problem("$", f"no figures for scope {scope} in {period}; {held}")], source)


def _assessed(source: str, county: County | None, day: dt.date) -> dict[str, ChecklistAnswer]:
    from countycare.governance import assess
    from countycare.governance.files import load_governance

    return answers_by_code(assess(load_governance(source, county), day).answers())


def _latest(table: Any, scope: str, source: str) -> str:
    periods = {
        p for s, p in zip(table.scope.tolist(), table.period.tolist(), strict=True) if s == scope
    }
    if not periods:
        raise DataError([Problem("$", f"no figures for scope {scope!r}")], source)
    return str(max((Period.parse(p) for p in periods), key=lambda p: (p.end, -p.days)))
