"""Time ``claimlint check`` on this repository, start-up included (what pre-commit feels).

Runs ``python -m linter check`` as a subprocess N times and prints the median
wall time (and the fastest and slowest), so interpreter start-up and imports
count as they do for a user.

Usage: python benchmarks/bench_small.py [--runs 7] [--no-cache] [FOLDER]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def time_check(
    folder: Path, runs: int, extra: list[str], command: list[str] | None = None
) -> tuple[list[float], int]:
    """Wall seconds of each run and the last exit code."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    command = command or [sys.executable, "-m", "linter", "check", *extra]
    times: list[float] = []
    code = 0
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=folder, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        code = done.returncode
        if code not in (0, 1):
            sys.stderr.write(done.stderr.decode("utf-8", "replace"))
            break
    return times, code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT, help="default: this repo")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-cache", action="store_true", help="pass --no-cache to claimlint")
    args = parser.parse_args(argv)
    extra = ["--no-cache"] if args.no_cache else []
    times, code = time_check(args.folder, max(1, args.runs), extra)
    if code not in (0, 1):
        print(f"claimlint check failed with exit code {code}", file=sys.stderr)
        return 1
    bare, _ = time_check(args.folder, max(1, args.runs), [], [sys.executable, "-c", "pass"])
    print(
        f"claimlint check on {args.folder} ({len(times)} runs, start-up included):"
        f" median {statistics.median(times) * 1000:.0f} ms,"
        f" min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
        f" (a bare Python start-up: {statistics.median(bare) * 1000:.0f} ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
