"""Time and memory of ``claimlint check`` on hostile input (README: "Hostile and broken input").

Each case is a small project in a temporary folder, checked by a real
``python -m linter check --no-cache`` subprocess; the figures are wall time and
peak memory (RSS) of that process, next to a bare start-up (``claimlint rules``):

- a 10,000-character token quoted beside a real sentence, in a source holding it;
- a 5 KB quote of repeated words;
- a registry of a million tiny claims (43 MB, under the 50 MB cap), as a block list
  with LF, CR-only and LS (U+2028) line ends, as a flow list ``claims: [...]`` and as
  JSON; a ``sources:`` mapping of 1.5 million names; a flow list of a million values in
  a section of its own, and as one claim's ``value``;
- ``--registry`` naming a named pipe with no writer.

Usage: python benchmarks/bench_hostile.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "001_3de99958f30674d8.txt"


def run(folder: Path, *args: str) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of one claimlint run in ``folder``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    command = [sys.executable, "-m", "linter", *args]
    start = time.perf_counter()
    with subprocess.Popen(
        command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    ) as proc:
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, proc.returncode


def project(folder: Path, source: str, quote: str) -> None:
    folder.mkdir()
    (folder / "source.txt").write_text(source, encoding="utf-8")
    (folder / "claims.yaml").write_text(
        f"claims:\n  - id: one\n    source: source.txt\n    quote: '{quote}'\n", encoding="utf-8"
    )


def main() -> int:
    text = SEED.read_text(encoding="utf-8")
    work = Path(tempfile.mkdtemp(prefix="claimlint-hostile-"))
    try:
        rows = []
        base_time, base_mb, _ = run(work, "rules")
        rows.append(("start-up (claimlint rules)", base_time, base_mb, 0))
        token = "x" * 10_000
        project(work / "token", text[:2000] + " " + token + " " + text[2000:], text[:40] + token)
        rows.append(("10,000-character token", *run(work / "token", "check", "--no-cache")))
        project(work / "repeat", text, "great game " * 470)
        rows.append(("5 KB of repeated words", *run(work / "repeat", "check", "--no-cache")))
        # Written line by line: this process must stay small, since a child's peak
        # memory counts from its parent's size at the fork.
        claim = "{{id: c{i}, source: s.txt, quote: q}}"
        json_claim = '{{"id": "c{i}", "source": "s.txt", "quote": "q"}}'
        shapes = {  # name: (head, each entry, separator, tail, entries)
            "10^6 tiny claims": ("claims:\n", "  - " + claim, "\n", "\n", 10**6),
            "10^6 claims, CR ends": ("claims:\r", "  - " + claim, "\r", "\r", 10**6),
            "10^6 claims, LS ends": ("claims:\u2028", "  - " + claim, "\u2028", "\n", 10**6),
            "10^6 claims, flow list": ("claims: [\n", claim, ",\n", "\n]\n", 10**6),
            "10^6 claims, JSON": ('{"claims": [', json_claim, ", ", "]}\n", 10**6),
            "1.5M sources entries": (
                "claims: []\nsources:\n",
                "  s{i}.txt: {{}}",
                "\n",
                "\n",
                1_500_000,
            ),
            "10^6 values, flow list": ("claims: []\nextra: [", "1", ", ", "]\n", 10**6),
            "10^6 values in a claim": (
                "claims:\n  - {id: a, source: s.txt, quote: q, value: [",
                "1",
                ", ",
                "]}\n",
                10**6,
            ),
        }
        for name, (head, entry, separator, tail, count) in shapes.items():
            many = work / "many"
            many.mkdir()
            with open(many / "claims.yaml", "w", encoding="utf-8", newline="") as handle:
                handle.write(head)
                for i in range(count):
                    handle.write((separator if i else "") + entry.format(i=i))
                handle.write(tail)
            size = (many / "claims.yaml").stat().st_size / 1e6
            rows.append((f"{name} ({size:.0f} MB)", *run(many, "check", "--no-cache")))
            shutil.rmtree(many)
        os.mkfifo(work / "fifo.yaml")
        rows.append(("--registry FIFO", *run(work, "check", "--registry", "fifo.yaml")))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'case':<40} {'seconds':>8} {'peak MB':>8} {'above start-up':>15} {'exit':>5}")
    for name, seconds, mb, code in rows:
        print(f"{name:<40} {seconds:>8.2f} {mb:>8.0f} {mb - base_mb:>15.0f} {code:>5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
