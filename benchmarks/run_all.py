"""Run the benchmark scripts in this folder, one after another (``make bench``).

Benchmarks print medians and ratios against a hand-written query and against pandas; they are
never timed assertions in the tests. Each script takes its own size options (see its --help).

    python benchmarks/run_all.py                          # every script
    python benchmarks/run_all.py records_measure province_year   # only these (make bench-records)

The records benchmarks also write what they print to ``docs/explanation/_figures/``, which the
"Performance" page includes as it is: a quiet re-run regenerates the page's figures.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main(names: list[str]) -> int:
    """Run the scripts named (default every ``*.py`` here but this one and ``_*``); return the
    first non-zero exit code (2 for a name that is no script here)."""
    here = Path(__file__).resolve().parent
    every = [
        s for s in sorted(here.glob("*.py")) if s.name != Path(__file__).name and s.name[0] != "_"
    ]
    known = {s.stem: s for s in every}
    unknown = [n for n in names if n.removesuffix(".py") not in known]
    if unknown:
        print(f"no benchmark {', '.join(unknown)}: choose among {', '.join(known)}")
        return 2
    chosen = [known[n.removesuffix(".py")] for n in names] if names else every
    status = 0
    for script in chosen:
        print(f"== {script.name}", flush=True)
        code = subprocess.run([sys.executable, str(script)], check=False).returncode
        status = status or code
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
