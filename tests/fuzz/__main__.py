"""``python -m tests.fuzz``: the fuzzer at any length, with its figures.

The suite runs a short pass (``tests/test_fuzz.py``); the long one is::

    python -m tests.fuzz --cases 100000 --subprocess 1000 --seed 1

Every case is rebuilt from its number, so a failure printed here ("seed N:
...") is run again with ``python -m tests.fuzz --case N``. (A case that damages
the cache or sends Ctrl-C is replayed as a plain case.)
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.fuzz import oracle
from tests.fuzz.cases import make_case

CACHE_EVERY = 10  # every tenth in-process case also damages the cache between runs
INTERRUPT_EVERY = 25  # every 25th subprocess run is interrupted with Ctrl-C
MEMORY_LIMIT_MB = 100  # above a bare start-up


@dataclass
class Summary:
    cases: int = 0
    subprocess_runs: int = 0
    interrupted: int = 0
    cache_cases: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    slowest: float = 0.0
    slowest_case: str = ""
    over_one_second: int = 0
    rss_mb: float = 0.0  # subprocess peak above start-up
    baseline_mb: float = 0.0

    def lines(self) -> list[str]:
        return [
            f"cases run: {self.cases} in-process ({self.cache_cases} with cache damage),"
            f" {self.subprocess_runs} subprocess runs ({self.interrupted} interrupted)",
            f"failures: {len(self.failures)}",
            f"time: {self.seconds:.1f} s; slowest case {self.slowest:.2f} s"
            f" ({self.slowest_case}); cases over 1 s: {self.over_one_second}",
            f"peak memory of a subprocess run: {self.rss_mb:.0f} MB above start-up"
            f" ({self.baseline_mb:.0f} MB)",
        ]


def _record(summary: Summary, outcome: oracle.Outcome, verbose: bool = False) -> None:
    if outcome.seconds > summary.slowest:
        summary.slowest, summary.slowest_case = outcome.seconds, outcome.case.describe()[:120]
    summary.over_one_second += outcome.seconds > 1.0
    for failure in outcome.failures:
        summary.failures.append(f"{outcome.case.describe()[:200]}: {failure}")
        if verbose:  # as they come, so a long run's log is useful before it ends
            print(f"FAIL {summary.failures[-1]}", file=sys.stderr, flush=True)


def fuzz(
    cases: int, subprocesses: int, seed: int = 1, limit: float = 10.0, verbose: bool = False
) -> Summary:
    summary = Summary()
    start = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="claimlint-fuzz-"))
    try:
        cache = work / "cache"
        baseline = oracle.Outcome(make_case(0))
        probe = [sys.executable, "-m", "linter", "rules"]
        oracle._spawn(
            probe, work, {**oracle.os.environ, "PYTHONPATH": str(oracle.REPO)}, 60, baseline
        )
        summary.baseline_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        n = 0
        number = seed * 1_000_000
        while n < cases:
            case = make_case(number)
            number += 1
            if case.subprocess_only:
                continue
            root = work / f"c{number}"
            root.mkdir()
            if n % CACHE_EVERY == CACHE_EVERY - 1:
                outcome = oracle.run_cache_case(case, root, cache / str(number), limit, number)
                summary.cache_cases += 1
            else:
                outcome = oracle.run_in_process(case, root, cache / "shared", limit)
            _record(summary, outcome, verbose)
            shutil.rmtree(root, ignore_errors=True)
            n += 1
            summary.cases = n
            if verbose and n % 500 == 0:
                elapsed = time.perf_counter() - start
                print(
                    f"{n} cases, {len(summary.failures)} failures, {elapsed:.0f} s",
                    file=sys.stderr,
                    flush=True,
                )
        for i in range(subprocesses):
            case = make_case(seed * 1_000_000 + 500_000 + i)
            root = work / f"s{i}"
            root.mkdir()
            if i % INTERRUPT_EVERY == INTERRUPT_EVERY - 1:
                case.argv = ["check", "--no-cache", "--output-format", "concise"]
                case.fix = case.diff = False
                case.output = None
                outcome = oracle.run_interrupt_case(case, root, cache / "sig", 60, i)
                summary.interrupted += 1
            else:
                outcome = oracle.run_subprocess(case, root, cache / "sub", limit)
            _record(summary, outcome, verbose)
            shutil.rmtree(root, ignore_errors=True)
            summary.subprocess_runs = i + 1
            if verbose and (i + 1) % 100 == 0:
                print(
                    f"{i + 1} subprocess runs, {len(summary.failures)} failures",
                    file=sys.stderr,
                    flush=True,
                )
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        summary.rss_mb = max(0.0, peak - summary.baseline_mb)
        if summary.rss_mb > MEMORY_LIMIT_MB:
            summary.failures.append(
                f"a subprocess run peaked {summary.rss_mb:.0f} MB above start-up"
                f" (limit {MEMORY_LIMIT_MB} MB)"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary.seconds = time.perf_counter() - start
    return summary


def replay(number: int, limit: float) -> int:
    """One case again, with its command line, output and failures."""
    case = make_case(number)
    work = Path(tempfile.mkdtemp(prefix="claimlint-fuzz-"))
    try:
        run = oracle.run_subprocess if case.subprocess_only else oracle.run_in_process
        outcome = run(case, work / "case", work / "cache", limit)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(case.describe())
    print(f"exit {outcome.code} in {outcome.seconds:.2f} s")
    print("--- stdout\n" + outcome.stdout + "--- stderr\n" + outcome.stderr)
    for failure in outcome.failures:
        print(f"FAIL {failure}")
    return 1 if outcome.failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fuzz", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--cases", type=int, default=2000, help="in-process cases (default 2000)")
    parser.add_argument("--subprocess", type=int, default=40, help="subprocess runs (default 40)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=float, default=10.0, help="seconds a case may take")
    parser.add_argument("--case", type=int, help="run this one case number again, verbosely")
    args = parser.parse_args(argv)
    if args.case is not None:
        return replay(args.case, args.limit)
    summary = fuzz(args.cases, args.subprocess, args.seed, args.limit, verbose=True)
    for failure in summary.failures:
        print(f"FAIL {failure}")
    print("\n".join(summary.lines()))
    return 1 if summary.failures else 0


if __name__ == "__main__":
    sys.exit(main())
