"""Peak memory of records → measures at province scale (100 million encounters, from Parquet).

Ten copies of a 10-million-row Wanrong encounter file (each with encounter ids of its own)
stand for 100 million records (the size of
a province's 40 county-years). ``measure_records`` runs in a child process with DuckDB's memory
limit and prints its own peak resident set size (``ru_maxrss``). Prints the peak, the
time, and the rows per second.

    python benchmarks/records_memory.py [--rows 100000000] [--memory-limit 400MB]
                                        [--assume-unique-ids]

The duplicate-id check groups every id, so its memory grows with the rows; with
``--assume-unique-ids`` (ids unique by construction) the scan streams in bounded memory.

Goal (issue 6): peak memory under 600 MiB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _records_data import ENCOUNTER_MEASURES, ROOT, encounter_file

CHILD = """
import resource, sys, time
from countycare.io import load_county
from countycare.records.engine_duckdb import connect, measure_records
files = sys.argv[2:]
started = time.perf_counter()
result = measure_records(load_county("wanrong"), {{"encounters": files}}, [2024], {measures!r},
                         connection=connect(sys.argv[1]), check_duplicate_ids={check!r})
report = result.reports[next(iter(result.reports))]
print(report.summary(), f"in {{time.perf_counter() - started:.1f}} s")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


COPY = """
import sys, duckdb
source, copy, number = sys.argv[1:]
duckdb.connect().execute(
    f"COPY (SELECT * REPLACE (concat('p{number}-', encounter_id) AS encounter_id) "
    f"FROM read_parquet('{source}')) TO '{copy}' "
    "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000000)"
)
"""


def _copy(source: Path, copy: Path, number: int) -> None:
    """Copy the file, its encounter ids made its own (a repeated id would reject its rows).

    The copy runs in a child of its own: a large parent would pass its size on to the measured
    child (Linux keeps the peak of the forked image across ``exec``).
    """
    subprocess.run([sys.executable, "-c", COPY, str(source), str(copy), str(number)], check=True)


def main() -> None:
    """Build the province-scale files once, then measure the child's peak memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000_000)
    parser.add_argument("--memory-limit", default="400MB")
    parser.add_argument("--keep", action="store_true", help="keep the copies afterwards")
    parser.add_argument(
        "--assume-unique-ids", action="store_true", help="waive the duplicate-id check"
    )
    args = parser.parse_args()
    chunk = 10_000_000
    source = encounter_file(chunk)
    folder = ROOT / "province"
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for k in range(max(args.rows // chunk, 1)):
        copy = folder / f"part-{k:03d}.parquet"
        if not copy.exists():
            _copy(source, copy, k)
        files.append(str(copy))
    size = sum(os.path.getsize(f) for f in files) / 2**30
    print(f"{len(files) * chunk:,} encounter rows in {len(files)} files, {size:.1f} GiB of Parquet")
    code = CHILD.format(measures=ENCOUNTER_MEASURES, check=not args.assume_unique_ids)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, args.memory_limit, *files],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    summary, peak = done.stdout.strip().splitlines()
    peak_kib = int(peak)
    print(summary)
    print(f"peak resident memory of the child: {peak_kib / 1024:.0f} MiB (goal < 600 MiB), "
          f"DuckDB memory_limit {args.memory_limit}")  # fmt: skip
    rate = len(files) * chunk / seconds / 1e6
    print(f"wall time {seconds:.1f} s including start-up, {rate:.1f} million rows/s")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
