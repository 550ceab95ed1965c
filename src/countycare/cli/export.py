"""Subcommands that export to other systems' formats: ``export fhir``, ``export dhis2``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from countycare.cli._common import EXIT_OK, out_file, prepare_out
from countycare.errors import DataError, Problem
from countycare.indicators.files import read_measures
from countycare.io import load_county
from countycare.io.dhis2 import to_data_value_set
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
    fhir.add_argument(
        "--out", type=out_file(".json"), help="write to this .json file instead of standard output"
    )
    fhir.set_defaults(handler=_fhir)
    dhis2 = targets.add_parser("dhis2", help="a measures file as a DHIS2 dataValueSet (JSON)")
    dhis2.add_argument("measures", help="a measures file (.csv, .tsv, .json, .parquet)")
    dhis2.add_argument("--county", help="check scopes against this county (file or dataset name)")
    dhis2.add_argument("--data-set", help="the DHIS2 dataSet UID to name in the document")
    dhis2.add_argument(
        "--out", type=out_file(".json"), help="write to this .json file instead of standard output"
    )
    dhis2.set_defaults(handler=_dhis2)


def _write(document: dict[str, Any], out: Path | None) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=2)
    if out is None:
        print(text)
    else:
        prepare_out(out)
        try:
            out.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise DataError(
                [Problem("$", f"cannot write the file: {exc.strerror}")], str(out)
            ) from None
        print(f"wrote {out}")


def _fhir(args: argparse.Namespace) -> int:
    _write(county_to_fhir(load_county(args.county)), args.out)
    return EXIT_OK


def _dhis2(args: argparse.Namespace) -> int:
    county = load_county(args.county) if args.county else None
    table = read_measures(args.measures, county=county)
    _write(to_data_value_set(table, data_set=args.data_set), args.out)
    return EXIT_OK
