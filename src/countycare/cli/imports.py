"""``countycare import fhir|dhis2 FILE --out …``: read the peers' formats back.

A FHIR bundle holding the county (Locations, Organizations, OrganizationAffiliations) becomes a
county file; one holding MeasureReports becomes a measures file (with both, ``--out`` gets the
county and ``--measures-out`` the measures). A DHIS2 data value set (JSON, or DHIS2's CSV form,
or the ``{"metadata", "dataValueSet"}`` document ``export dhis2 --what all`` writes) becomes a
measures file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from countycare.cli._common import EXIT_OK, EXIT_USAGE
from countycare.errors import DataError, Problem
from countycare.indicators.files import write_measures
from countycare.io import dump_county, load_county
from countycare.io.dhis2 import Ids, mapping_from_metadata, read_dhis2_data, read_mapping
from countycare.io.fhir import county_from_fhir, measures_from_fhir

__all__ = ["register"]

_COUNTY_TYPES = frozenset({"Location", "Organization", "OrganizationAffiliation"})


def register(subparsers: Any) -> None:
    """Add ``countycare import``."""
    parser = subparsers.add_parser(
        "import", help="read a FHIR bundle or DHIS2 data values back into countycare files"
    )
    formats = parser.add_subparsers(dest="source_format", metavar="FORMAT", required=True)
    fhir = formats.add_parser("fhir", help="a FHIR R4B Bundle → a county file and/or measures")
    fhir.add_argument("file", type=Path, help="the bundle (.json)")
    fhir.add_argument(
        "--out",
        type=Path,
        required=True,
        help="the county file (.toml/.json) or, for a bundle of MeasureReports only, the "
        "measures file (.csv/.tsv/.json/.parquet)",
    )
    fhir.add_argument(
        "--measures-out", type=Path, help="where the measures go when the bundle holds both"
    )
    fhir.set_defaults(handler=_fhir)
    dhis2 = formats.add_parser("dhis2", help="DHIS2 data values (JSON or CSV) → a measures file")
    dhis2.add_argument("file", type=Path, help="a dataValueSet (.json) or DHIS2 CSV (.csv)")
    dhis2.add_argument(
        "--out", type=Path, required=True, help="the measures file (.csv/.tsv/.json/.parquet)"
    )
    dhis2.add_argument("--county", help="a county file or dataset name: resolves org unit UIDs")
    dhis2.add_argument("--metadata", type=Path, help="a DHIS2 metadata package: resolves UIDs")
    dhis2.add_argument("--mapping", help="a CSV or JSON file of code → UID")
    dhis2.set_defaults(handler=_dhis2)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise DataError(
            [Problem("$", f"cannot read the file: {exc.strerror}")], str(path)
        ) from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise DataError([Problem(where, exc.msg)], str(path)) from None


def _written(path: Path) -> None:
    print(f"wrote {path}")


def _fhir(args: argparse.Namespace) -> int:
    bundle = _read_json(args.file)
    source = str(args.file)
    types = {
        str(e.get("resource", {}).get("resourceType"))
        for e in (bundle.get("entry") or [] if isinstance(bundle, dict) else [])
        if isinstance(e, dict) and isinstance(e.get("resource"), dict)
    }
    has_county, has_reports = bool(types & _COUNTY_TYPES), "MeasureReport" in types
    if not has_county and not has_reports:
        county_from_fhir(bundle, source=source)  # raises the located problem
    if has_county and has_reports and args.measures_out is None:
        print(
            "countycare import fhir: the bundle holds a county and MeasureReports; "
            "--out gets the county, give --measures-out FILE for the measures",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if has_county:
        _written(dump_county(county_from_fhir(bundle, source=source), args.out))
    if has_reports:
        out = args.measures_out if has_county else args.out
        _written(write_measures(measures_from_fhir(bundle, source=source), out))
    return EXIT_OK


def _dhis2(args: argparse.Namespace) -> int:
    mapping: dict[str, str] = {}
    if args.metadata is not None:
        metadata = _read_json(args.metadata)
        if not isinstance(metadata, dict):
            raise DataError([Problem("$", "expected a DHIS2 metadata object")], str(args.metadata))
        mapping.update(mapping_from_metadata(metadata.get("metadata", metadata)))
    if args.mapping:
        mapping.update(read_mapping(args.mapping))
    county = load_county(args.county) if args.county else None
    table = read_dhis2_data(args.file, ids=Ids(mapping), county=county)
    _written(write_measures(table, args.out))
    return EXIT_OK
