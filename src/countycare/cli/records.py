"""Subcommands about records: ``synth`` (a synthetic dataset), ``measure`` (records → measures)."""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from countycare.cli._common import (
    EXIT_OK,
    UsageError,
    int_in,
    memory_limit,
    out_dir,
    out_file,
    prepare_out,
    print_json,
    require_extra,
    set_code,
)
from countycare.community import County
from countycare.errors import DataError, Problem
from countycare.indicators.catalogues import SETS
from countycare.indicators.dependencies import required_measures
from countycare.indicators.files import write_measures
from countycare.indicators.table import MeasureTable
from countycare.io import dump_county, load_county
from countycare.records.dataset import clone_county, dataset_paths, dataset_years, write_dataset
from countycare.records.derivable import DERIVABLE, kinds_for
from countycare.records.pipeline import MeasureResult, resolve_measures
from countycare.records.privacy import suppress_small_cells, write_published_csv
from countycare.records.scenario import Scenario
from countycare.records.schemas import RecordKind
from countycare.records.synthetic import generate
from countycare.records.validation import ValidationReport

__all__ = ["register"]

_COUNTIES_DIR = "counties"


#: Years a record dataset may cover; synthetic data for other years would be meaningless.
YEARS = (2000, 2100)
#: The largest seed: NumPy takes any non-negative integer, 2³²-1 keeps it portable.
MAX_SEED = 2**32 - 1
_MEASURE_SUFFIXES = (".csv", ".tsv", ".json", ".parquet")


def _scale(text: str) -> float:
    """argparse type for ``--scale``: a number above 0 and at most 10, else a usage error."""
    try:
        value = float(text) if len(text) <= 20 else math.nan
    except ValueError:
        value = math.nan
    if not 0 < value <= 10:  # NaN fails too
        raise argparse.ArgumentTypeError(f"must be a number above 0 and at most 10, got {text!r}")
    return value


def register(subparsers: Any) -> None:
    """Add the record subcommands."""
    synth = subparsers.add_parser(
        "synth", help="write a synthetic record dataset (Parquet) for a county and years"
    )
    synth.add_argument(
        "county", nargs="?", help="a .toml/.json county file or dataset name (default: wanrong)"
    )
    synth.add_argument("--county", dest="county_option", metavar="COUNTY", help=argparse.SUPPRESS)
    synth.add_argument(
        "--years",
        type=int_in(*YEARS),
        nargs="+",
        required=True,
        help=f"calendar years, each from {YEARS[0]} to {YEARS[1]}",
    )
    synth.add_argument(
        "--out", type=out_dir, required=True, help="the dataset folder to write (created)"
    )
    synth.add_argument(
        "--seed", type=int_in(0, MAX_SEED), default=0, help=f"random seed, 0 to {MAX_SEED}"
    )
    synth.add_argument(
        "--counties",
        type=int_in(1, 100),
        default=1,
        help="write N counties (1 to 100): the county and N-1 clones",
    )
    synth.add_argument(
        "--province",
        type=int_in(1, 5000),
        metavar="N",
        help="write a synthetic province of N counties (structure of --county, populations, "
        "care patterns and founding dates spread at random) and DIR/province.toml",
    )
    synth.add_argument(
        "--scale",
        type=_scale,
        default=1.0,
        help="with --province: multiply every population (above 0, at most 10)",
    )
    synth.set_defaults(handler=_synth)

    measure = subparsers.add_parser(
        "measure", help="compute the measures of an indicator set from a record dataset"
    )
    measure.add_argument("dataset", help="a dataset folder written by `countycare synth` or alike")
    which = measure.add_mutually_exclusive_group(required=True)
    which.add_argument("--county", help="county id in the dataset, a county file or dataset name")
    which.add_argument(
        "--province", help="province file: measure every county in one run (or --counties)"
    )
    measure.add_argument(
        "--counties", nargs="+", metavar="ID", help="with --province: only these counties"
    )
    measure.add_argument(
        "--set",
        dest="set_code",
        type=set_code,
        choices=sorted(SETS),
        help="indicator set (default: every measure)",
    )
    measure.add_argument("--measures", nargs="+", help="measure codes (instead of --set)")
    measure.add_argument(
        "--years",
        type=int_in(*YEARS),
        nargs="+",
        help="years (default: all in the dataset)",
    )
    measure.add_argument(
        "--out",
        type=out_file(*_MEASURE_SUFFIXES),
        required=True,
        help="measures file to write: .csv, .tsv, .json or .parquet (its folder is created)",
    )
    measure.add_argument(
        "--lenient",
        action="store_true",
        help="skip rows that fail a check and report them (read = used + rejected, by reason); "
        "by default any such row is an error naming its file, row and column",
    )
    # The default since issue #12; still accepted so that scripts written before keep working.
    measure.add_argument("--strict", action="store_true", help=argparse.SUPPRESS)
    measure.add_argument(
        "--assume-unique-ids",
        action="store_true",
        help="skip the duplicate-id check (faster, less memory) for ids unique by construction; "
        "a repeated id then counts twice",
    )
    measure.add_argument(
        "--no-id-cache",
        action="store_true",
        help="check repeated ids even in files a run before found free of them",
    )
    measure.add_argument(
        "--suppress",
        type=int_in(1, 1000),
        metavar="N",
        help="publish: suppress counts below N, 1 to 1000 (.csv or .tsv only; default: none)",
    )
    measure.add_argument(
        "--engine", choices=("duckdb", "spark"), default="duckdb", help="duckdb or spark"
    )
    measure.add_argument(
        "--memory-limit",
        type=memory_limit,
        default="500MB",
        help="DuckDB memory limit: a number and a unit such as 500MB, 2GB or 80%%",
    )
    measure.add_argument("--quiet", action="store_true", help="no progress on standard error")
    measure.add_argument(
        "--json", action="store_true", help="print the rows read, used and rejected as JSON"
    )
    measure.set_defaults(handler=_measure)


def _synth(args: argparse.Namespace) -> int:
    if args.county and args.county_option:
        raise UsageError("give the county once: countycare synth COUNTY")
    args.county = args.county or args.county_option or "wanrong"
    if args.province is not None:
        return _synth_province(args)
    base = load_county(args.county)
    out = prepare_out(args.out, folder=True)
    prepare_out(out / _COUNTIES_DIR, folder=True)
    scenario = Scenario()
    for number in range(1, args.counties + 1):
        county = base if number == 1 else clone_county(base, number)
        dump_county(county, out / _COUNTIES_DIR / f"{county.id}.toml")
        started = time.perf_counter()
        tables = {y: generate(county, y, scenario, seed=args.seed) for y in args.years}
        write_dataset(out, county, tables)
        rows = sum(t[RecordKind.ENCOUNTERS].num_rows for t in tables.values())
        print(
            f"{county.id}: {rows:,} encounters in {len(args.years)} year(s), "
            f"{time.perf_counter() - started:.1f} s → {out}"
        )
    return EXIT_OK


def _synth_province(args: argparse.Namespace) -> int:
    from countycare.province.synth import PROVINCE_FILE, write_synthetic_province

    started = time.perf_counter()
    province = write_synthetic_province(
        args.out,
        args.province,
        args.years,
        seed=args.seed,
        scale=args.scale,
        base=load_county(args.county),
        report=print,
    )
    print(
        f"{province.id}: {len(province.counties)} counties in {len(province.prefectures)} "
        f"prefectures, {time.perf_counter() - started:.1f} s → {Path(args.out) / PROVINCE_FILE}"
    )
    return EXIT_OK


def _county(dataset: Path, name: str) -> County:
    written = dataset / _COUNTIES_DIR / f"{name}.toml"
    return load_county(written if written.exists() else name)


def _progress_bar(step: str, done: int, total: int) -> None:
    if not sys.stderr.isatty():  # a log or a pipe gets one line per step, not a redrawn bar
        print(f"{done}/{total} {step}", file=sys.stderr, flush=True)
        return
    width = 24
    filled = round(width * done / total)
    end = "\n" if done == total else ""
    print(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total} {step:<30}", end=end,
          file=sys.stderr, flush=True)  # fmt: skip


def _check_args(args: argparse.Namespace) -> None:
    """Refuse what the command could not do, before the work."""
    if args.suppress is not None and args.out.suffix.lower() not in (".csv", ".tsv"):
        raise UsageError("--suppress: a suppressed table is written as .csv or .tsv only")
    if args.set_code and args.measures:
        raise UsageError("give --set or --measures, not both")
    if args.lenient and args.strict:
        raise UsageError("give --lenient or --strict (the default), not both")
    if args.engine == "spark":
        require_extra("pyspark", "--engine spark")
    dataset = Path(args.dataset)
    if not dataset.is_dir():
        what = "is a file, not a dataset folder" if dataset.exists() else "no such folder"
        raise DataError([Problem("$", what)], str(dataset))


def _codes(args: argparse.Namespace) -> set[str]:
    """The measures to compute: ``--measures``, or those of ``--set`` (default every derivable
    measure) that records give; the others are named on stderr."""
    if args.measures:
        return set(resolve_measures(args.measures))  # an unknown code is named, not a KeyError
    wanted = required_measures(args.set_code) if args.set_code else DERIVABLE
    others = sorted(wanted - DERIVABLE)
    if others:
        print(
            f"not derivable from records (supply them in a measures file): {', '.join(others)}",
            file=sys.stderr,
        )
    return set(wanted & DERIVABLE)


def _print_reports(reports: Iterable[ValidationReport]) -> None:
    """Each kind's rows read, used and rejected, and the rejected rows it names, on stderr."""
    for report in reports:
        print(report.summary(), file=sys.stderr)
        for line in report.lines():
            print(f"  {line}", file=sys.stderr)


def _write(table: MeasureTable, args: argparse.Namespace) -> None:
    """Write the measures to ``--out``, small cells suppressed with ``--suppress``."""
    if args.suppress is not None:
        published = suppress_small_cells(table, args.suppress)
        write_published_csv(published, args.out)
        print(
            f"{published.suppressed_count} cells below {args.suppress} suppressed", file=sys.stderr
        )
    else:
        write_measures(table, args.out)


def _measure(args: argparse.Namespace) -> int:
    _check_args(args)
    prepare_out(args.out)
    if args.province is not None:
        return _measure_province(args)
    if args.counties:
        raise UsageError("--counties only with --province")
    dataset = Path(args.dataset)
    county = _county(dataset, args.county)
    years = args.years or list(dataset_years(dataset, county.id))
    codes = _codes(args)
    found = {k: {y: dataset_paths(dataset, k, county.id, [y]) for y in years} for k in RecordKind}
    sources = {k: [p for y in years for p in found[k][y]] for k in RecordKind}
    lacking = {k: [y for y in years if not found[k][y]] for k in RecordKind}
    # A measure whose records are absent for a year is not computed (it would read as a false 0).
    absent = {code for code in codes if any(lacking[k] for k in kinds_for({code}))}
    if absent:
        kinds = sorted({k for c in absent for k in kinds_for({c}) if lacking[k]})
        what = ", ".join(f"{k.value} records for {'/'.join(map(str, lacking[k]))}" for k in kinds)
        names = ", ".join(sorted(absent))
        print(f"no {what} in {dataset}: not computed: {names}", file=sys.stderr)
        codes -= absent
    if not codes:
        raise DataError(
            [Problem(str(dataset), f"no measure can be computed for {county.id} in {years}")],
            source=str(dataset),
        )
    sources = {k: v for k, v in sources.items() if v}
    progress = None if args.quiet else _progress_bar
    result = _run(args, county, sources, years, codes, progress)
    _print_reports(result.reports.values())
    if len(result.table) == 0:
        raise DataError(
            [Problem("$", f"no records of {county.id} in {years}: no measure value computed")],
            source=str(dataset),
        )
    _write(result.table, args)
    if args.json:  # the result's one document; what was written goes to standard error
        print_json(result.to_dict())
        print(f"{len(result.table):,} measure values → {args.out}", file=sys.stderr)
        return EXIT_OK
    print(f"{len(result.table):,} measure values → {args.out}")
    return EXIT_OK


def _measure_province(args: argparse.Namespace) -> int:
    from countycare.province.files import load_province
    from countycare.province.measure import measure_province

    province = load_province(args.province)
    codes = _codes(args)
    result = measure_province(
        province,
        args.dataset,
        years=args.years,
        measures=codes,
        counties=args.counties,
        engine=args.engine,
        lenient=args.lenient,
        check_duplicate_ids=not args.assume_unique_ids,
        id_cache=not args.no_id_cache,
        memory_limit=args.memory_limit,
        progress=None if args.quiet else _progress_bar,
    )
    for code, why in sorted(result.not_computed.items()):
        print(f"not computed: {code}: {why}", file=sys.stderr)
    _print_reports(result.reports.values())
    _write(result.table, args)
    print(f"{len(result.table):,} measure values of {len(result.counties)} counties → {args.out}")
    return EXIT_OK


def _run(
    args: argparse.Namespace,
    county: County,
    sources: dict[RecordKind, list[Path]],
    years: list[int],
    codes: set[str],
    progress: Any,
) -> MeasureResult:
    if args.engine == "spark":
        from countycare.records.engine_spark import local_session, measure_records_spark

        return measure_records_spark(
            local_session(),
            county,
            sources,
            years,
            codes,
            lenient=args.lenient,
            progress=progress,
            check_duplicate_ids=not args.assume_unique_ids,
        )
    from countycare.records.engine_duckdb import connect, measure_records

    return measure_records(
        county,
        sources,
        years,
        codes,
        lenient=args.lenient,
        connection=connect(args.memory_limit),
        progress=progress,
        check_duplicate_ids=not args.assume_unique_ids,
        id_cache=not args.no_id_cache,
    )
