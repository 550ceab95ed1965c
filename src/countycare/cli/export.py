"""``countycare export fhir|dhis2 COUNTY``: the county, its indicators and measures in the peers'
formats (FHIR R4B bundle; DHIS2 metadata and data value set)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from countycare.cli._common import EXIT_OK, EXIT_USAGE, out_file, prepare_out, set_code
from countycare.community import County
from countycare.datasets import names, resource
from countycare.errors import DataError, Problem
from countycare.indicators.catalogues import SETS
from countycare.indicators.definitions import IndicatorSet
from countycare.indicators.files import read_measures
from countycare.indicators.table import MeasureTable
from countycare.io import load_county
from countycare.io.dhis2 import Ids, IdScheme, metadata_package, read_mapping, to_data_value_set
from countycare.io.fhir import to_fhir_bundle

__all__ = ["register", "write_json"]


def register(subparsers: Any) -> None:
    """Add ``countycare export``."""
    export = subparsers.add_parser(
        "export", help="export a county, its indicators and measures to FHIR or DHIS2"
    )
    targets = export.add_subparsers(dest="target", metavar="FORMAT", required=True)
    fhir = targets.add_parser(
        "fhir", help="a FHIR R4B Bundle: Location, Organization, Measure, MeasureReport, …"
    )
    dhis2 = targets.add_parser(
        "dhis2", help="DHIS2 metadata (org units, data elements, indicators) and data values"
    )
    for parser in (fhir, dhis2):
        parser.add_argument("county", help="a county file or dataset name (wanrong)")
        parser.add_argument(
            "--measures",
            help="a measures file (.csv/.tsv/.json/.parquet) or dataset name; for --what data or "
            "all "
            "(default: the dataset's packaged measures)",
        )
        parser.add_argument(
            "--set",
            dest="sets",
            action="append",
            type=set_code,
            choices=sorted(SETS),
            metavar="CODE",
            help="an indicator set to export (repeatable; default: every shipped set)",
        )
        parser.add_argument(
            "--what",
            choices=("metadata", "data", "all"),
            default="metadata",
            help="the model and definitions, the measures, or both (default: metadata)",
        )
        parser.add_argument(
            "--out",
            type=out_file(".json"),
            help="write to this .json file, not standard output (its folder is created)",
        )
    dhis2.add_argument(
        "--id-scheme",
        choices=[s.value for s in IdScheme],
        default=IdScheme.UID.value,
        help="name objects in data values by UID (default) or by code",
    )
    dhis2.add_argument(
        "--mapping", help="a CSV (code,uid[,type]) or JSON file of an instance's existing UIDs"
    )
    fhir.set_defaults(handler=_fhir)
    dhis2.set_defaults(handler=_dhis2)


def write_json(document: dict[str, Any], out: Path | None) -> None:
    """Print the document, or write it to ``out`` and say so."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    if out is None:
        print(text)
        return
    prepare_out(out)
    try:
        out.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise DataError(
            [Problem("$", f"cannot write the file: {exc.strerror}")], str(out)
        ) from None
    print(f"wrote {out}")


def _table(args: argparse.Namespace, county: County) -> MeasureTable | None:
    """The measures table, when ``--what`` needs one; None when it is missing (usage)."""
    if args.what == "metadata":
        return None
    source = args.measures or (args.county if args.county in names() else None)
    if source is None:
        return None
    path = resource(f"{source}.measures.csv") if source in names() else Path(source)
    return read_measures(path, county=county)


def _sets(args: argparse.Namespace) -> list[IndicatorSet] | None:
    return [SETS[code] for code in dict.fromkeys(args.sets)] if args.sets else None


def _needs_measures(args: argparse.Namespace) -> int:
    print(
        f"countycare export {args.target}: --what {args.what} needs --measures FILE "
        "(or a packaged dataset as COUNTY)",
        file=sys.stderr,
    )
    return EXIT_USAGE


def _fhir(args: argparse.Namespace) -> int:
    county = load_county(args.county)
    table = _table(args, county)
    if args.what != "metadata" and table is None:
        return _needs_measures(args)
    write_json(to_fhir_bundle(county, table=table, sets=_sets(args), what=args.what), args.out)
    return EXIT_OK


def _dhis2(args: argparse.Namespace) -> int:
    county = load_county(args.county)
    table = _table(args, county)
    if args.what != "metadata" and table is None:
        return _needs_measures(args)
    ids = Ids(read_mapping(args.mapping)) if args.mapping else Ids()
    scheme = IdScheme(args.id_scheme)
    metadata = None
    if args.what != "data":
        package = metadata_package(county, sets=_sets(args), ids=ids)
        for warning in package.skipped:
            print(str(warning), file=sys.stderr)
        metadata = package.document
    data = None
    if table is not None:
        data = to_data_value_set(
            table,
            ids=ids,
            scheme=scheme,
            data_set=f"countycare_{county.id}",
            county=county,
            source=str(args.measures or args.county),
        )
    if metadata is not None and data is not None:
        document = {"metadata": metadata, "dataValueSet": data}
    else:
        document = metadata if metadata is not None else data or {}
    write_json(document, args.out)
    return EXIT_OK
