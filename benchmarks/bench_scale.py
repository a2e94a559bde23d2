"""Scale benchmark: claimlint against the naive fuzzy checker, on one workload, in one run.

Steps: generate a workload (or take ``--corpus DIR``), time a cold ``claimlint
check --format json`` (cache cleared) and a repeat run as subprocesses, with
peak memory; run the naive design (benchmarks/naive.py) on a stratified random
sample of claims and extrapolate its cost to the whole workload; compare
verdicts claim by claim (and with ``labels.json`` when there is one); with
``--growth N`` also time claimlint on N documents; print a table of figures.

Usage: python benchmarks/bench_scale.py [--docs 1000 --claims 10000] [--growth 8000]
       python benchmarks/bench_scale.py --corpus DIR   (a folder holding claims.yaml)
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from benchmarks.naive import NaiveChecker, load_workload  # noqa: E402
from linter.rules.outcomes import CODE_OUTCOME  # noqa: E402

FOUND = ("verbatim", "inexact", "meaning-changed")  # resolved in the cited document
UNFOUND = ("misattributed", "not-found")  # need a search of the whole corpus
COLD = "claimlint check, cold (cache cleared)"
REPEAT = "claimlint check, repeat (nothing changed)"
NOCACHE = "claimlint check --no-cache"

# Targets from the project issue (10,000 claims, 1,000 sources, this 2-core machine).
TARGET_COLD = 5.0
TARGET_REPEAT = 1.5
TARGET_RATIO = 30.0
TARGET_GROWTH = 1.5
TARGET_MEMORY_FACTOR, TARGET_MEMORY_EXTRA = 3.0, 150e6


@dataclass
class Run:
    """One claimlint subprocess: wall seconds, peak RSS bytes, exit code, verdicts."""

    label: str
    seconds: float
    cpu: float  # user + system seconds: less sensitive than wall time to a busy machine
    peak: int
    exit_code: int
    verdicts: dict[str, str]
    stderr: str


class TreeMemory(threading.Thread):
    """Peak memory of a process and all its descendants, sampled every ``interval`` seconds.

    ``ru_maxrss`` is the peak of the largest single process, which undercounts
    forked workers running side by side. Summing proportional set sizes (PSS,
    Linux's smaps_rollup) counts pages shared copy-on-write once.
    """

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = 0
        self.done = threading.Event()

    @staticmethod
    def _tree(pid: int) -> list[int]:
        found, todo = [], [pid]
        while todo:
            current = todo.pop()
            found.append(current)
            for task in Path(f"/proc/{current}/task").glob("*/children"):
                with contextlib.suppress(OSError, ValueError):  # the process just ended
                    todo.extend(int(c) for c in task.read_text().split())
        return found

    @staticmethod
    def _pss(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
        except (OSError, ValueError, IndexError):
            pass
        return 0

    def run(self) -> None:
        if not Path("/proc/self/smaps_rollup").exists():
            return
        while not self.done.is_set():
            self.peak = max(self.peak, sum(self._pss(p) for p in self._tree(self.pid)))
            self.done.wait(self.interval)


def work_dir(folder: Path) -> Path:
    """Where the benchmark keeps what it writes about ``folder``: never in the folder itself."""
    digest = hashlib.sha1(str(folder).encode()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / "claimlint-bench-work" / f"{folder.name}-{digest}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir(folder: Path) -> Path:
    """The benchmark's own claimlint cache (``CLAIMLINT_CACHE_DIR``), never the user's."""
    return work_dir(folder) / "cache"


def clear_cache(folder: Path) -> None:
    """Remove the benchmark's claimlint cache, so the next run is cold."""
    shutil.rmtree(cache_dir(folder), ignore_errors=True)


def claimlint_env(folder: Path) -> dict[str, str]:
    path = str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")
    return dict(os.environ, PYTHONPATH=path, CLAIMLINT_CACHE_DIR=str(cache_dir(folder)))


def verdicts_from_json(text: str, claim_ids: list[str]) -> dict[str, str]:
    """claimlint's quote outcome per claim: no Q diagnostic = verbatim; S101-S103 as codes."""
    data = json.loads(text)
    outcome = dict.fromkeys(claim_ids, "verbatim")
    for diag in data["diagnostics"]:
        claim = diag.get("claim")
        if claim is None or claim not in outcome:
            continue
        code = diag["code"]
        if code in CODE_OUTCOME:
            outcome[claim] = CODE_OUTCOME[code]
        elif code.startswith("S") and outcome[claim] == "verbatim":
            outcome[claim] = code  # the source could not be read: the quote was not checked
        # Fact rules (F...) and registry rules (R...) say nothing about the quote.
    return outcome


def run_claimlint(
    folder: Path,
    label: str,
    claim_ids: list[str],
    save: Path | None = None,
    extra: tuple[str, ...] = (),
    sample: bool = False,
) -> Run:
    """Time ``python -m linter check --format json`` in ``folder``.

    With ``sample``, also the peak memory of its whole process tree; reading
    /proc/PID/smaps_rollup slows the process read, so timed runs go unsampled
    and their peak is the largest single process's.
    """
    env = claimlint_env(folder)
    command = [sys.executable, "-m", "linter", "check", "--format", "json", *extra]
    with tempfile.TemporaryFile("w+b") as out, tempfile.TemporaryFile("w+b") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=folder, env=env, stdout=out, stderr=err)
        sampler = TreeMemory(process.pid)
        if sample:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        sampler.done.set()
        if sample:
            sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if save is not None:  # kept for a look at the messages behind any disagreement
        save.write_text(stdout, encoding="utf-8")
    verdicts: dict[str, str] = {}
    if process.returncode in (0, 1):
        try:
            verdicts = verdicts_from_json(stdout, claim_ids)
        except (ValueError, KeyError) as exc:
            stderr += f"\n(bench: unreadable JSON output: {exc})"
    cpu = usage.ru_utime + usage.ru_stime  # the child and every worker it waited for
    peak = max(usage.ru_maxrss * 1024, sampler.peak)
    return Run(label, seconds, cpu, peak, process.returncode, verdicts, stderr)


def median_run(runs: list[Run]) -> Run:
    """The run of median wall time, with the highest peak memory of them all."""
    ordered = sorted(runs, key=lambda r: r.seconds)
    middle = ordered[(len(ordered) - 1) // 2]
    middle.peak = max(r.peak for r in runs)
    return middle


def ensure_workload(folder: Path, docs: int, claims: int, seed: int) -> float | None:
    """Generate the workload unless ``folder`` already holds this very one; seconds taken.

    A stamp of the parameters and of the generator's and seeds' bytes says whether
    a folder left by an earlier run can be reused (8,000 documents take a while).
    """
    digest = hashlib.sha256(f"{docs}/{claims}/{seed}".encode())
    for path in [Path(generate.__code__.co_filename), *sorted((ROOT / "seeds").glob("*.txt"))]:
        digest.update(path.read_bytes())
    stamp = folder / ".generated"
    if stamp.is_file() and stamp.read_text() == digest.hexdigest():
        return None
    start = time.perf_counter()
    generate(folder, docs, claims, seed)
    stamp.write_text(digest.hexdigest())
    return time.perf_counter() - start


def stratified_sample(
    outcomes: dict[str, str], found: int, unfound: int, rng: random.Random
) -> dict[str, list[str]]:
    """Claim ids per outcome: ``found`` spread over FOUND outcomes, ``unfound`` over UNFOUND.

    Each group is split in proportion to the outcome's share, with a floor so a
    rare outcome still gets enough claims to time.
    """
    by_outcome: dict[str, list[str]] = {}
    for claim_id, outcome in outcomes.items():
        by_outcome.setdefault(outcome, []).append(claim_id)
    sample: dict[str, list[str]] = {}
    for group, size in ((FOUND, found), (UNFOUND, unfound)):
        total = sum(len(by_outcome.get(o, [])) for o in group)
        for outcome in group:
            ids = by_outcome.get(outcome, [])
            if not ids or not total:
                continue
            want = max(round(size * len(ids) / total), min(len(ids), max(3, size // 10)))
            sample[outcome] = rng.sample(ids, min(want, len(ids)))
    return sample


def quote_of(claim: dict, width: int = 90) -> str:
    quote = " ".join(claim["quote"].split())
    return repr(quote if len(quote) <= width else quote[: width - 1] + "…")


def fmt_seconds(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds < 100 else f"{seconds:,.0f} s"


def fmt_mb(size: float) -> str:
    return f"{size / 1e6:,.0f} MB"


def mark(ok: bool) -> str:
    return "ok  " if ok else "MISS"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


@dataclass
class NaiveResult:
    """The naive design's cost, extrapolated from a sample to the whole workload."""

    wall: float  # seconds, setup included
    cpu: float
    setup: float  # wall seconds to read the registry and corpus and normalize the corpus
    # outcome -> (claims sampled, claims in the workload, mean wall s, mean CPU s)
    per_outcome: dict[str, tuple[int, int, float, float]]
    verdicts: dict[str, str]  # sampled claim id -> naive verdict


def naive_benchmark(
    folder: Path, sample: dict[str, list[str]], counts: Counter, exact_first: bool = False
) -> NaiveResult:
    """Time the naive checker on ``sample`` (ids per outcome); scale each outcome's mean up."""
    wall0, cpu0 = time.perf_counter(), time.process_time()
    claims, documents = load_workload(folder)
    checker = NaiveChecker(documents, exact_first=exact_first)
    setup, setup_cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    result = NaiveResult(setup, setup_cpu, setup, {}, {})
    by_id = {c["id"]: c for c in claims}
    for outcome, ids in sample.items():
        walls, cpus = [], []
        for claim_id in ids:
            claim = by_id[claim_id]
            wall0, cpu0 = time.perf_counter(), time.process_time()
            result.verdicts[claim_id] = checker.check(claim["quote"], claim["source"]).outcome
            walls.append(time.perf_counter() - wall0)
            cpus.append(time.process_time() - cpu0)
        wall, cpu = statistics.fmean(walls), statistics.fmean(cpus)
        result.per_outcome[outcome] = (len(ids), counts[outcome], wall, cpu)
        result.wall += wall * counts[outcome]
        result.cpu += cpu * counts[outcome]
    return result


def profile_claimlint(folder: Path, top: int) -> str:
    """cProfile of one cache-less, one-CPU claimlint run: top functions by own and total time."""
    import pstats
    from io import StringIO

    stats_file = work_dir(folder) / "claimlint.prof"
    env = claimlint_env(folder)
    # Pinned to one CPU, claimlint forks no workers, so the profile sees all the work.
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    command = [*pin, sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "linter"]
    output = str(work_dir(folder) / "profile.json")
    command += ["check", "--format", "json", "--no-cache", "-o", output]
    subprocess.run(command, cwd=folder, env=env, check=False, capture_output=True)
    if not stats_file.exists():
        return "(profile failed)"
    buffer = StringIO()
    stats = pstats.Stats(str(stats_file), stream=buffer)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats("/linter/", top)  # claimlint's own functions
    return buffer.getvalue().replace(str(ROOT) + os.sep, "")


def parse_args(argv: list[str] | None) -> tuple[argparse.ArgumentParser, argparse.Namespace]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(tempfile.gettempdir()) / "claimlint-bench",
        help="where generated workloads go (default: %(default)s)",
    )
    parser.add_argument("--corpus", type=Path, help="a real folder with claims.yaml instead")
    parser.add_argument(
        "--runs", type=int, default=3, help="claimlint runs of each kind; the median is shown"
    )
    parser.add_argument("--naive-found", type=int, default=300, help="sampled found claims")
    parser.add_argument("--naive-unfound", type=int, default=30, help="sampled unfound claims")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive design")
    parser.add_argument(
        "--growth", type=int, metavar="DOCS", help="also time claimlint on DOCS documents"
    )
    parser.add_argument(
        "--growth-claims",
        type=int,
        metavar="N",
        help="claims of the --growth workload (default: the same claims per document as"
        " --claims/--docs, so the corpus and the registry grow together, as they do in use)",
    )
    parser.add_argument(
        "--profile", type=int, metavar="N", help="print claimlint's top N functions (cProfile)"
    )
    return parser, parser.parse_args(argv)


@dataclass
class Workload:
    """The registry and corpus measured: a generated folder, or the one ``--corpus`` names."""

    folder: Path
    claims: list[dict]
    size: int  # bytes of source text
    documents: int
    labels: dict[str, str] | None  # ``labels.json``: claim id -> expected outcome
    note: str | None = None  # how a generated workload came to be

    @property
    def ids(self) -> list[str]:
        return [c["id"] for c in self.claims]


@dataclass
class Growth:
    """claimlint cold on a larger workload of the same shape (``--growth``)."""

    run: Run
    claims: int
    size: int
    folder: Path
    documents: int


@dataclass
class Measured:
    """Everything one benchmark run timed: the figures ``judge`` and the printers read."""

    runs: list[Run]  # cold, repeat, no cache: each the median of ``--runs``
    outcomes: dict[str, str]  # claimlint's cold verdicts, else the labels
    naive: NaiveResult | None = None
    shortcut: NaiveResult | None = None  # the naive design with an exact-substring test first
    growth: Growth | None = None

    @property
    def cold(self) -> Run:
        return self.runs[0]

    @property
    def repeat(self) -> Run:
        return self.runs[1]


@dataclass
class Target:
    """One of the issue's targets, met or not, as one line (and a line of detail)."""

    met: bool
    text: str
    detail: str | None = None


def load(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Workload:
    """The workload: ``--corpus``, or one generated (reused when it already exists)."""
    note = None
    if args.corpus:
        folder = args.corpus.resolve()
        if not (folder / "claims.yaml").is_file():
            parser.error(f"{folder}/claims.yaml does not exist")
    else:
        folder = (args.out / f"docs{args.docs}-claims{args.claims}-seed{args.seed}").resolve()
        took = ensure_workload(folder, args.docs, args.claims, args.seed)
        done = f"generated in {fmt_seconds(took)}" if took is not None else "reused"
        note = f"workload ({done}): {folder}"
    claims, documents = load_workload(folder)
    size = sum(len(t.encode("utf-8")) for t in documents.values())
    labels_path = folder / "labels.json"
    labels = json.loads(labels_path.read_text()) if labels_path.is_file() else None
    return Workload(folder, claims, size, len(documents), labels, note)


def measure(work: Workload, args: argparse.Namespace) -> Measured:
    """Time claimlint (cold, repeat, no cache; then peak memory), the naive design on a
    sample, and claimlint on the ``--growth`` workload; progress is printed as it goes."""
    folder, claim_ids = work.folder, work.ids
    colds: list[Run] = []
    repeats: list[Run] = []
    nocaches: list[Run] = []
    for _ in range(max(1, args.runs)):  # cold then repeat, N times over
        clear_cache(folder)
        save = None if colds else work_dir(folder) / "claimlint.json"
        colds.append(run_claimlint(folder, COLD, claim_ids, save))
        repeats.append(run_claimlint(folder, REPEAT, claim_ids))
    for _ in range(max(1, args.runs)):
        nocaches.append(run_claimlint(folder, NOCACHE, claim_ids, extra=("--no-cache",)))
    runs = [median_run(r) for r in (colds, repeats, nocaches)]
    # Peak memory of the whole process tree: one more, untimed run of each kind.
    clear_cache(folder)
    for run, extra in zip(runs, ((), (), ("--no-cache",)), strict=True):
        sampled = run_claimlint(folder, run.label, claim_ids, extra=extra, sample=True)
        run.peak = max(run.peak, sampled.peak)
    for run in runs:
        if run.exit_code not in (0, 1) or not run.verdicts:
            print(f"\n{run.label} failed (exit {run.exit_code}):\n{run.stderr[-3000:]}")
    measured = Measured(runs, runs[0].verdicts or (work.labels or {}))

    if not args.no_naive and measured.outcomes:
        # Stratified by claimlint's verdicts: a quote found where cited costs the naive
        # design one fuzzy match, one not found there a fuzzy scan of every document.
        sample = stratified_sample(
            measured.outcomes, args.naive_found, args.naive_unfound, random.Random(args.seed)
        )
        counts = Counter(measured.outcomes.values())
        sampled = sum(map(len, sample.values()))
        print(f"\nnaive design: timing {sampled} sampled claims ...", flush=True)
        measured.naive = naive_benchmark(folder, sample, counts)
        print("naive design with an exact-substring test first: the same sample ...", flush=True)
        measured.shortcut = naive_benchmark(folder, sample, counts, exact_first=True)

    if args.growth:
        gclaims_n = args.growth_claims or round(args.claims * args.growth / args.docs)
        gfolder = (args.out / f"docs{args.growth}-claims{gclaims_n}-seed{args.seed}").resolve()
        print(f"\ngrowth: {args.growth:,} documents ...", flush=True)
        ensure_workload(gfolder, args.growth, gclaims_n, args.seed)
        gclaims, gdocs = load_workload(gfolder)
        gsize = sum(len(t.encode("utf-8")) for t in gdocs.values())
        del gdocs
        clear_cache(gfolder)
        label = f"claimlint cold, {gclaims_n:,} claims, {args.growth:,} sources"
        gids = [c["id"] for c in gclaims]
        grun = run_claimlint(gfolder, label, gids)
        clear_cache(gfolder)
        grun.peak = max(grun.peak, run_claimlint(gfolder, label, gids, sample=True).peak)
        measured.growth = Growth(grun, len(gclaims), gsize, gfolder, args.growth)
    return measured


def judge(work: Workload, m: Measured) -> list[Target]:
    """The issue's targets against the figures measured."""
    cold, repeat, n = m.cold, m.repeat, len(work.claims)
    targets = [
        Target(
            cold.seconds <= TARGET_COLD, f"cold run {fmt_seconds(cold.seconds)} <= {TARGET_COLD} s"
        ),
        Target(
            repeat.seconds <= TARGET_REPEAT,
            f"repeat run {fmt_seconds(repeat.seconds)} <= {TARGET_REPEAT} s",
        ),
    ]
    if m.naive and m.shortcut:
        ratio = m.naive.wall / cold.seconds
        targets.append(
            Target(
                ratio >= TARGET_RATIO,
                f"naive / claimlint cold = {ratio:,.1f}x >= 30x",
                f"(CPU time: {m.naive.cpu / max(cold.cpu, 1e-9):,.1f}x;"
                f" with the exact-substring shortcut: {m.shortcut.wall / cold.seconds:,.1f}x;"
                f" naive / repeat run: {m.naive.wall / repeat.seconds:,.1f}x)",
            )
        )
    memory_limit = TARGET_MEMORY_FACTOR * work.size + TARGET_MEMORY_EXTRA
    peak = max(r.peak for r in m.runs)
    targets.append(
        Target(
            peak <= memory_limit,
            f"peak memory {fmt_mb(peak)} <= 3 x corpus + 150 MB = {fmt_mb(memory_limit)}",
        )
    )
    if m.growth:
        g = m.growth
        factor = (g.run.seconds / g.claims) / (cold.seconds / n)
        cpu_factor = (g.run.cpu / g.claims) / max(cold.cpu / n, 1e-12)
        targets.append(
            Target(
                factor <= TARGET_GROWTH,
                f"time per claim at {g.documents:,} sources ({fmt_mb(g.size)}, {g.claims:,}"
                f" claims) is {factor:.2f}x that at {work.documents:,} (CPU {cpu_factor:.2f}x)"
                f" <= {TARGET_GROWTH}x",
            )
        )
        glimit = TARGET_MEMORY_FACTOR * g.size + TARGET_MEMORY_EXTRA
        targets.append(
            Target(
                g.run.peak <= glimit,
                f"peak memory at {g.documents:,} sources {fmt_mb(g.run.peak)} <= {fmt_mb(glimit)}",
            )
        )
    return targets


def print_table(work: Workload, m: Measured, runs: int) -> None:
    """Wall, CPU, peak memory and wall per claim of every run, the naive design's after."""
    print("\n" + work.note if work.note else "")
    header = f"{'':46} {'wall':>9} {'CPU':>9} {'peak mem':>9} {'wall/claim':>11}"
    print(header)
    print("-" * len(header))

    def row(label: str, wall: float, cpu: float, peak: str, claims: int) -> None:
        print(
            f"{label:46} {fmt_seconds(wall):>9} {fmt_seconds(cpu):>9} {peak:>9}"
            f" {wall / claims * 1000:>8.3f} ms"
        )

    n = len(work.claims)
    for run in m.runs:
        row(run.label, run.seconds, run.cpu, fmt_mb(run.peak), n)
    naive, shortcut = m.naive, m.shortcut
    if naive and shortcut:
        row("naive rapidfuzz design (extrapolated*)", naive.wall, naive.cpu, "", n)
        row("  same, exact-substring test first (extrap.*)", shortcut.wall, shortcut.cpu, "", n)
    if m.growth:
        grun = m.growth.run
        row(grun.label, grun.seconds, grun.cpu, fmt_mb(grun.peak), m.growth.claims)
    print(
        f"(claimlint: median wall time of {max(1, runs)} unsampled runs of each kind;"
        " peak mem = the highest of their largest RSS and of one more run's process tree,"
        " summed PSS sampled every 50 ms)"
    )
    if naive and shortcut:
        print(
            f"\n* naive: timed on {len(naive.verdicts)} claims sampled per claimlint verdict;"
            " each verdict's mean time x the workload's claims with that verdict,"
            f" plus {fmt_seconds(naive.setup)} to read the registry and corpus and normalize it"
            " (no interpreter start-up, which claimlint's figures include):"
        )
        for outcome, (sampled, count, wall, _) in naive.per_outcome.items():
            fast = shortcut.per_outcome[outcome][2]
            print(
                f"    {outcome:16} {sampled:4} sampled {wall * 1000:9.2f} ms each"
                f" ({fast * 1000:.2f} with the shortcut) x {count:6,} = {fmt_seconds(wall * count)}"
            )


def print_targets(targets: list[Target]) -> None:
    print("\ntargets (issue):")
    for target in targets:
        print(f"  {mark(target.met)} {target.text}")
        if target.detail:
            print(f"       {target.detail}")


def print_verdicts(work: Workload, m: Measured) -> None:
    """claimlint's verdicts against the labels, the repeat run and the naive design."""
    cold, repeat, n, labels = m.cold, m.repeat, len(work.claims), work.labels
    by_id = {c["id"]: c for c in work.claims}
    if labels and cold.verdicts:
        wrong = {k: v for k, v in labels.items() if cold.verdicts.get(k) != v}
        print(f"\nclaimlint vs labels.json: {n - len(wrong):,} of {len(labels):,} claims agree")
        confusion = Counter((v, cold.verdicts.get(k, "?")) for k, v in wrong.items())
        for (expected, got), count in confusion.most_common():
            print(f"    expected {expected:16} got {got:16} {count:6,}")
        for claim_id in sorted(wrong)[:20]:
            print(f"    {claim_id}: {quote_of(by_id[claim_id])}")
        if wrong:
            print(f"    (claimlint's messages: {work_dir(work.folder) / 'claimlint.json'})")
    g = m.growth
    if g and g.run.verdicts and (g.folder / "labels.json").is_file():
        glabels = json.loads((g.folder / "labels.json").read_text())
        gwrong = sorted(k for k, v in glabels.items() if g.run.verdicts.get(k) != v)
        print(
            f"claimlint vs labels.json at {g.documents:,} sources:"
            f" {len(glabels) - len(gwrong):,} of {len(glabels):,} claims agree"
            + (f" (differ: {', '.join(gwrong[:10])})" if gwrong else "")
        )
    if repeat.verdicts and cold.verdicts and repeat.verdicts != cold.verdicts:
        changed = sum(cold.verdicts[k] != repeat.verdicts.get(k) for k in cold.verdicts)
        print(f"\nWARNING: the repeat run changed {changed} verdicts (cache bug?)")
    if m.naive:
        outcomes = m.outcomes
        differ = {k: v for k, v in m.naive.verdicts.items() if outcomes.get(k) != v}
        source = "claimlint" if cold.verdicts else "labels.json"
        print(
            f"\nnaive vs {source} on the {len(m.naive.verdicts)} sampled claims:"
            f" {len(m.naive.verdicts) - len(differ)} agree, {len(differ)} differ"
        )
        for claim_id, verdict in sorted(differ.items()):
            print(
                f"    {claim_id}: {source} {outcomes.get(claim_id)}, naive {verdict}:"
                f" {quote_of(by_id[claim_id])}"
            )


def print_profile(work: Workload, m: Measured, top: int) -> None:
    print(
        f"\nclaimlint profile, {work.documents:,} sources"
        f" (cProfile, --no-cache, one CPU, top {top}):"
    )
    print(profile_claimlint(work.folder, top))
    if m.growth:
        print(f"\nclaimlint profile, {m.growth.documents:,} sources:")
        print(profile_claimlint(m.growth.folder, top))


def main(argv: list[str] | None = None) -> int:
    """Measure, then judge against the targets, then print: each its own function."""
    parser, args = parse_args(argv)
    work = load(args, parser)
    print(
        f"claimlint scale benchmark: {len(work.claims):,} claims, {work.documents:,} sources,"
        f" {fmt_mb(work.size)}"
    )
    print(f"machine: {machine()}")
    measured = measure(work, args)
    print_table(work, measured, args.runs)
    print_targets(judge(work, measured))
    print_verdicts(work, measured)
    if args.profile:
        print_profile(work, measured, args.profile)
    return 0 if all(r.exit_code in (0, 1) for r in measured.runs) else 1


if __name__ == "__main__":
    sys.exit(main())
