"""Subcommands that export to other systems' formats: ``export fhir``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from countycare.cli._common import EXIT_OK
from countycare.io import load_county
from countycare.io.fhir import county_to_fhir

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add ``countycare export``."""
    export = subparsers.add_parser(
        "export", help="export to FHIR (institutions) or DHIS2 (measures)"
    )
    targets = export.add_subparsers(dest="target", metavar="FORMAT", required=True)
    fhir = targets.add_parser("fhir", help="a county as a FHIR R4 Bundle of Organizations")
    fhir.add_argument("county", nargs="?", default="wanrong", help="a county file or dataset name")
    fhir.add_argument("--out", type=Path, help="write to this file instead of standard output")
    fhir.set_defaults(handler=_fhir)


def _write(document: dict[str, Any], out: Path | None) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=2)
    if out is None:
        print(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {out}")


def _fhir(args: argparse.Namespace) -> int:
    _write(county_to_fhir(load_county(args.county)), args.out)
    return EXIT_OK
