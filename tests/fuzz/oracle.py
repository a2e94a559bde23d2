"""Run a case and check what claimlint promises on any input.

The oracle is independent of the code under test where it can be: unsafe
characters are found with ``unicodedata`` (not ``linter.escape``), file
changes by comparing every byte and file type of the project before and
after, locations by counting the file's own lines.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import re
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from tests.fuzz.cases import SENTENCES, Case

REPO = Path(__file__).resolve().parent.parent.parent
ALLOWED_CODES = {0, 1, 2}
UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
_SUSPECT = re.compile(r"[^\x20-\x7e\n\t]")
_YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


@dataclass
class Outcome:
    case: Case
    code: int | None = None
    stdout: str = ""
    stderr: str = ""
    seconds: float = 0.0
    max_rss_kb: int = 0
    failures: list[str] = field(default_factory=list)


class Hang(BaseException):
    """Raised by the watchdog in a case that ran past its time limit."""


# --- the project on disk -----------------------------------------------------


def materialize(case: Case, root: Path) -> None:
    """Write the case's project into ``root`` (emptied first)."""
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for rel, data in case.files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for rel, kind in case.special.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "dir":
            path.mkdir(exist_ok=True)
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "device":
            if os.geteuid() == 0:  # a null device of our own, so a regression harms nothing
                os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        elif kind.startswith("link:"):
            os.symlink(kind[5:], path)


def snapshot(root: Path) -> dict[str, tuple]:
    """Every entry under ``root``: its type and, for a file, its bytes; for a link, its target."""
    found: dict[str, tuple] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            rel = path.relative_to(root).as_posix()
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                found[rel] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                found[rel] = ("file", path.read_bytes())
            else:
                found[rel] = (stat.S_IFMT(info.st_mode),)
    return found


def output_target(case: Case) -> set[str]:
    """The files ``-o`` may create or replace.

    A source is protected when the registry names it or its folder (as README's
    "Hostile and broken input" promises); a registry that names neither, say one cut
    short to a comment, leaves the file to ``-o`` like any other.
    """
    if case.output == "source" and b"seeds/" not in case.files.get("claims.yaml", b""):
        return {"seeds/s0.txt"}
    return {"new": {"out.txt"}, "link_new": {"out_target.txt"}}.get(case.output or "", set())


# --- the checks --------------------------------------------------------------


def unsafe_chars(text: str, *, allow: str = "") -> list[str]:
    bad = []
    for match in _SUSPECT.finditer(text):
        char = match.group()
        if char not in allow and unicodedata.category(char) in UNSAFE_CATEGORIES:
            bad.append(f"U+{ord(char):04X}")
    return bad


def check_files(
    outcome: Outcome, before: dict, after: dict, root: Path, registry_spans: list | None
) -> None:
    case = outcome.case
    may_change = output_target(case)
    for rel in sorted(set(before) | set(after)):
        if rel in may_change or rel.startswith(".cache"):
            continue
        old, new = before.get(rel), after.get(rel)
        if old == new:
            continue
        if rel == "claims.yaml" and case.fix and not case.diff and old and new:
            problem = fix_problem(old[1], new[1], registry_spans)
            if problem:
                outcome.failures.append(f"--fix changed claims.yaml outside quotes: {problem}")
            continue
        what = "created" if old is None else "removed" if new is None else "changed"
        outcome.failures.append(f"file {what} without --fix: {rel}")


def fix_problem(old: bytes, new: bytes, spans: list | None) -> str | None:
    """Why ``new`` is not ``old`` with only quote scalars replaced (None if it is)."""
    if spans is None:
        return "the registry had no readable quotes, yet it changed"
    old_text, new_text = old.decode("utf-8"), new.decode("utf-8")
    pieces, last = [], 0
    for start, end in sorted(spans):
        pieces.append(re.escape(old_text[last:start]))
        last = end
    pieces.append(re.escape(old_text[last:]))
    if re.fullmatch("(?s:.*?)".join(pieces), new_text, flags=re.DOTALL) is None:
        return "bytes between the quote scalars differ"
    return None


def _line_counts(path: Path) -> tuple[int, int]:
    """Lines (as YAML counts them, the most generous count) and the longest line's length."""
    text = path.read_bytes().decode("utf-8", "replace")
    lines = _YAML_BREAKS.split(text)
    return len(lines), max(len(x) for x in text.split("\n"))


def locations(outcome: Outcome, output: str, fmt: str) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    if fmt in ("json", "sarif", "gitlab"):
        try:
            data = json.loads(output)
        except ValueError as exc:
            outcome.failures.append(f"{fmt} output is not JSON: {exc}")
            return found
        if fmt == "json" and isinstance(data, dict) and "diagnostics" in data:
            for d in data["diagnostics"]:
                found.append((d["path"], d["line"], d["column"]))
                if d.get("source"):
                    found.append((d["source"]["path"], d["source"]["line"], d["source"]["column"]))
        elif fmt == "gitlab":
            found += [(i["location"]["path"], i["location"]["lines"]["begin"], 1) for i in data]
        elif fmt == "sarif":
            for result in data["runs"][0]["results"]:
                for loc in result["locations"] + result.get("relatedLocations", []):
                    where = loc["physicalLocation"]
                    uri = where["artifactLocation"]["uri"]
                    region = where["region"]
                    found.append((uri, region["startLine"], region["startColumn"]))
    elif fmt in ("full", "concise"):
        for m in re.finditer(r"(?m)^(\S[^\n]*?):(\d+):(\d+): [A-Z]\d{3} ", output):
            found.append((m.group(1), int(m.group(2)), int(m.group(3))))
    elif fmt == "github":
        for m in re.finditer(r"(?m)^::\w+ file=([^,]*),line=(\d+),col=(\d+)", output):
            found.append((m.group(1), int(m.group(2)), int(m.group(3))))
    return found


def check_locations(outcome: Outcome, root: Path, output: str) -> None:
    argv = outcome.case.argv
    if argv[0] != "check" or outcome.case.diff:
        return
    fmt = argv[argv.index("--output-format") + 1]
    for path, line, column in locations(outcome, output, fmt):
        if line < 1 or column < 1:
            outcome.failures.append(f"location {path}:{line}:{column} before the file")
            continue
        from urllib.parse import unquote

        target = root / unquote(path)
        if not target.is_file():
            continue
        lines, longest = _line_counts(target)
        if line > lines or column > longest + 1:
            outcome.failures.append(
                f"location {path}:{line}:{column} outside the file"
                f" ({lines} lines, longest {longest})"
            )


def written_by_run(case: Case, before: dict, after: dict) -> set[str]:
    """The files ``-o`` may write that the run did write (a refused ``-o`` leaves them as
    they were, and what they held before is the project's, not the run's output)."""
    return {rel for rel in output_target(case) if before.get(rel) != after.get(rel)}


def check_output(outcome: Outcome, root: Path, written_files: set[str]) -> None:
    case = outcome.case
    if outcome.code not in ALLOWED_CODES:
        outcome.failures.append(f"exit code {outcome.code}")
    allow = "\r\x0b\x0c" if case.diff else ""
    for name, text in (("stdout", outcome.stdout), ("stderr", outcome.stderr)):
        bad = unsafe_chars(text, allow=allow)
        if bad:
            outcome.failures.append(f"raw {', '.join(sorted(set(bad))[:5])} in {name}")
        if "Traceback (most recent call last)" in text:
            outcome.failures.append(f"traceback in {name}")
    written = ""
    for rel in sorted(written_files):
        path = root / rel
        if path.is_file():
            written = path.read_bytes().decode("utf-8", "surrogateescape")
            bad = unsafe_chars(written)
            if bad:
                outcome.failures.append(f"raw {', '.join(sorted(set(bad))[:5])} in -o file")
    shown = written if case.output else outcome.stdout
    if shown.strip():  # a usage error (exit 2) prints nothing on standard output
        check_locations(outcome, root, shown)


def quote_spans(root: Path) -> list[tuple[int, int]] | None:
    """Offsets of every quote scalar of the registry, as claimlint reads it before a fix."""
    from linter.registry import load_registry

    try:
        registry = load_registry(root / "claims.yaml")
    except Exception:  # an unreadable registry: a fix must then change nothing
        return None
    # Offsets are into the registry's text with its BOM, as the bytes decode.
    spans = [(c.quote_span.start, c.quote_span.end) for c in registry.claims if c.quote_span]
    return spans or None


# --- running -----------------------------------------------------------------


class _FifoReader(threading.Thread):
    """Reads a named pipe while a case writes to it (opened first, without blocking)."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        self.data = bytearray()
        self.stop = threading.Event()

    def run(self) -> None:
        import select

        while True:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                chunk = os.read(self.fd, 65536)
                if chunk:
                    self.data += chunk
                    continue
            if self.stop.is_set():
                break
        os.close(self.fd)


def _alarm(_signum, _frame):
    raise Hang()


def run_in_process(case: Case, root: Path, cache: Path, limit: float) -> Outcome:
    from linter import cli

    outcome = Outcome(case)
    materialize(case, root)
    spans = quote_spans(root) if case.fix else None
    before = snapshot(root)
    reader = _FifoReader(root / "out_fifo") if case.output == "fifo_reader" else None
    if reader:
        reader.start()
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="")
    cwd = os.getcwd()
    os.environ["CLAIMLINT_CACHE_DIR"] = str(cache)
    os.environ["NO_COLOR"] = "1"
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    start = time.perf_counter()
    try:
        os.chdir(root)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                outcome.code = cli.main(case.argv)
            except SystemExit as exc:  # argparse: usage errors and --help
                outcome.code = exc.code if isinstance(exc.code, int) else 2
    except Hang:
        outcome.failures.append(f"no answer within {limit} s")
    except BaseException as exc:
        outcome.failures.append(f"exception escaped: {type(exc).__name__}: {exc}"[:300])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        outcome.seconds = time.perf_counter() - start
        os.chdir(cwd)
        if reader:
            reader.stop.set()
            reader.join(5)
    for stream, name in ((out, "stdout"), (err, "stderr")):
        with contextlib.suppress(Exception):
            stream.flush()
        setattr(outcome, name, stream.buffer.getvalue().decode("utf-8", "surrogateescape"))
    if outcome.seconds > limit:
        outcome.failures.append(f"took {outcome.seconds:.1f} s (limit {limit} s)")
    after = snapshot(root)
    check_output(outcome, root, written_by_run(case, before, after))
    check_files(outcome, before, after, root, spans)
    return outcome


def run_subprocess(case: Case, root: Path, cache: Path, limit: float) -> Outcome:
    outcome = Outcome(case)
    materialize(case, root)
    spans = quote_spans(root) if case.fix else None
    before = snapshot(root)
    reader = _FifoReader(root / "out_fifo") if case.output == "fifo_reader" else None
    if reader:
        reader.start()
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    env["CLAIMLINT_CACHE_DIR"] = str(cache)
    start = time.perf_counter()
    outcome.code, outcome.stdout, outcome.stderr, outcome.max_rss_kb = _spawn(
        [sys.executable, "-m", "linter", *case.argv], root, env, limit, outcome
    )
    outcome.seconds = time.perf_counter() - start
    if reader:
        reader.stop.set()
        reader.join(5)
    after = snapshot(root)
    check_output(outcome, root, written_by_run(case, before, after))
    check_files(outcome, before, after, root, spans)
    return outcome


def _spawn(argv, cwd, env, limit, outcome, interrupt_after: float | None = None):
    """Run a command in its own session; (code, stdout, stderr, max RSS in KB)."""
    with open(os.devnull, "rb") as devnull:
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdin=devnull,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    if interrupt_after is not None:
        threading.Timer(interrupt_after, _interrupt, (proc.pid,)).start()
    try:
        out, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        outcome.failures.append(f"no answer within {limit} s")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, 0)  # anything left in the session: a worker that outlived the run
        outcome.failures.append("a process of the run is still alive after it exited")
        os.killpg(proc.pid, signal.SIGKILL)
    return (
        proc.returncode,
        out.decode("utf-8", "surrogateescape"),
        err.decode("utf-8", "surrogateescape"),
        usage.ru_maxrss,
    )


def _interrupt(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGINT)


# --- cache faults and Ctrl-C ---------------------------------------------------


def damage_cache(cache: Path, rng: random.Random) -> str:
    """Corrupt the verdict cache one way or another; what was done."""
    db_path = cache / "verdicts.sqlite3"
    if not db_path.exists():
        return "no cache"
    kind = rng.choice(["flip", "forge", "swap", "garbage", "truncate", "drop", "type"])
    if kind in ("garbage", "truncate"):
        data = db_path.read_bytes()
        db_path.write_bytes(os.urandom(512) if kind == "garbage" else data[: len(data) // 2])
        return kind
    db = sqlite3.connect(db_path)
    try:
        rows = db.execute("SELECT key, value FROM verdicts").fetchall()
        if kind == "drop":
            db.execute("DROP TABLE verdicts")
        for key, value in rows:
            if kind == "flip" and value:
                at = rng.randrange(len(value))
                value = value[:at] + chr(ord(value[at]) ^ (1 << rng.randrange(6))) + value[at + 1 :]
            elif kind == "forge":  # well formed, and a lie: every quote found verbatim
                check = value.split(":", 1)[0] if ":" in value else ""
                value = check + ':["found",null,1.0,null,[],[],[]]'
            elif kind == "swap" and rows:
                value = rows[rng.randrange(len(rows))][1]
            elif kind == "type":
                value = 12345
            db.execute("UPDATE verdicts SET value = ? WHERE key = ?", (value, key))
        db.commit()
    except sqlite3.Error:
        pass
    finally:
        db.close()
    return kind


def _diagnostics(stdout: str) -> object:
    try:
        return json.loads(stdout)["diagnostics"]
    except (ValueError, KeyError, TypeError):
        return stdout


def run_cache_case(case: Case, root: Path, cache: Path, limit: float, seed: int) -> Outcome:
    """A cached run after the cache was damaged must say what a --no-cache run says."""
    rng = random.Random(seed)
    argv = ["check", "--output-format", "json"]
    case.argv, case.fix, case.diff, case.output = argv, False, False, None
    first = run_in_process(case, root, cache, limit)
    if first.failures:
        return first
    how = damage_cache(cache, rng)
    case.notes.append(f"cache {how}")
    cached = run_in_process(case, root, cache, limit)
    case.argv = [*argv, "--no-cache"]
    fresh = run_in_process(case, root, cache, limit)
    fresh.failures += cached.failures
    if not fresh.failures and _diagnostics(cached.stdout) != _diagnostics(fresh.stdout):
        fresh.failures.append(f"after cache damage ({how}) the cached verdicts differ")
    return fresh


def run_interrupt_case(case: Case, root: Path, cache: Path, limit: float, seed: int) -> Outcome:
    """Ctrl-C at a random moment of a run with workers: 130 (or done), quiet, nothing left."""
    rng = random.Random(seed)
    for i in range(250):  # enough documents that the matcher forks workers
        text = " ".join(rng.sample(SENTENCES, 6)) + "\n"
        case.files[f"seeds/m{i:03d}.txt"] = text.encode()
    outcome = Outcome(case)
    materialize(case, root)
    before = snapshot(root)
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    env["CLAIMLINT_CACHE_DIR"] = str(cache)
    delay = rng.uniform(0.2, 2.5)
    case.notes.append(f"SIGINT after {delay:.2f} s")
    argv = [sys.executable, "-m", "linter", *case.argv]
    outcome.code, outcome.stdout, outcome.stderr, outcome.max_rss_kb = _spawn(
        argv, root, env, limit, outcome, interrupt_after=delay
    )
    # Killed by SIGINT (-2) when Ctrl-C comes while Python itself starts, before it
    # handles signals: a shell reports that as 130 too.
    if outcome.code not in (0, 1, 2, 130, -signal.SIGINT):
        outcome.failures.append(f"exit code {outcome.code} after Ctrl-C")
    if outcome.code in (130, -signal.SIGINT) and outcome.stderr.strip():
        outcome.failures.append(f"Ctrl-C was not quiet: {outcome.stderr[-200:]!r}")
    if "Traceback" in outcome.stderr:
        outcome.failures.append("traceback after Ctrl-C")
    check_files(outcome, before, snapshot(root), root, None)
    return outcome
