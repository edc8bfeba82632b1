"""`make bench`: figures and ratios measured in one run, printed, never asserted.

Each measured step runs the real console command in a child process, so its wall time and its
peak memory (the child's maximum resident set size) are its own. Baselines run in the same run
on the same data. Usage: python -m benchmarks [--only NAME ...] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from benchmarks import bulk_load, casework, monitoring, referral
from benchmarks.harness import Report

SUITES = {
    "referral": referral.run,
    "bulk-load": bulk_load.run,
    "casework": casework.run,
    "monitoring": monitoring.run,
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__)
    parser.add_argument("--only", nargs="*", choices=sorted(SUITES), help="run only these")
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kuntakokeilu-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    report = Report()
    try:
        for name in args.only or SUITES:
            SUITES[name](work, report)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    report.print_summary()


if __name__ == "__main__":
    main()
