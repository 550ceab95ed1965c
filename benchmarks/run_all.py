"""Run every benchmark script in this folder, one after another (``make bench``).

Benchmarks print medians and ratios against a hand-written query and against pandas; they are
never timed assertions in the tests. Each script takes its own size options (see its --help).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    """Run each ``*.py`` script here except this one; return the first non-zero exit code."""
    here = Path(__file__).resolve().parent
    status = 0
    for script in sorted(here.glob("*.py")):
        if script.name == Path(__file__).name or script.name.startswith("_"):
            continue
        print(f"== {script.name}", flush=True)
        code = subprocess.run([sys.executable, str(script)], check=False).returncode
        status = status or code
    return status


if __name__ == "__main__":
    sys.exit(main())
