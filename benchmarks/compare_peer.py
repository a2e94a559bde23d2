"""claimlint against its closest public peer, linkml-reference-validator, on the same quotes.

linkml-reference-validator (PyPI) checks that supporting text is a substring of the
reference it cites after normalization (case, punctuation and whitespace folded),
with ``[editorial]`` brackets and ``...`` ellipses. It answers valid or invalid; it
does not say that a number changed or which other document holds a quote. So the
comparison is on that one question, per case: should the quote pass (the label is
``verbatim``) or be flagged (anything else)?

Two sets of quotes of known verdict, each checked by both tools on the same files:

- the labeled evaluation set, ``tests/eval/quotes.yaml`` over the seeds and fixtures;
- the real-text evaluation of ``benchmarks/eval_real.py`` on ``CORPUS_DIR`` (Reuters-21578
  and BBC News), with every class it generates.

The peer runs in its own virtual environment (``--peer-python``, or a scratch one made
under the benchmark work folder with ``pip install linkml-reference-validator==0.4.0``),
through its Python API's ``validate(quote, "file:PATH")``, the entry point its
``validate`` command uses for ``file:`` references. The script prints, per class, how
often each tool is right, then every case the peer gets right and claimlint does not
(the promise is that there are none), then a sample of the reverse.

Usage: python benchmarks/compare_peer.py ../shared/data/news [--claims 4000] [--docs 6000]
                                         [--seed 9] [--peer-python PATH] [--list 15]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks import eval_harness as harness  # noqa: E402
from benchmarks.bench_scale import work_dir  # noqa: E402
from benchmarks.eval_real import build, judge, sample  # noqa: E402

PEER = "linkml-reference-validator==0.4.0"

# Runs inside the peer's environment: JSON cases on stdin, one verdict per case out.
PEER_RUNNER = """
import json, sys, tempfile
from linkml_reference_validator.models import ReferenceValidationConfig
from linkml_reference_validator.validation.supporting_text_validator import (
    SupportingTextValidator,
)
cases = json.load(sys.stdin)
with tempfile.TemporaryDirectory() as cache:
    validator = SupportingTextValidator(ReferenceValidationConfig(cache_dir=cache))
    out = []
    for case in cases:
        result = validator.validate(case["quote"], "file:" + case["path"])
        out.append({"valid": bool(result.is_valid), "message": result.message or ""})
json.dump(out, sys.stdout)
"""


@dataclass(frozen=True)
class Case:
    """One quote as both tools see it, and what each concluded."""

    set: str  # "labeled" or "real text"
    kind: str  # the class of the case (verbatim, typographic, edit, ...)
    ident: str
    quote: str
    path: Path  # the cited file, absolute
    expect: str  # the label (verbatim, inexact, meaning-changed, misattributed, not-found)
    ours: str  # claimlint's verdict, in the same words
    ours_exact: bool  # claimlint's verdict is the label (and names the holder for Q104)
    peer_valid: bool = False
    peer_message: str = ""

    @property
    def should_pass(self) -> bool:
        return self.expect == "verbatim"

    @property
    def ours_right(self) -> bool:
        """Right on the peer's question: pass what should pass, flag what should not."""
        return (self.ours == "verbatim") == self.should_pass

    @property
    def peer_right(self) -> bool:
        return self.peer_valid == self.should_pass


def peer_python(given: Path | None) -> Path:
    """The interpreter of an environment that has the peer installed (made if needed)."""
    if given:
        return given
    venv = work_dir(ROOT) / "peer-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", PEER], check=True)
    return python


def run_peer(python: Path, cases: list[Case]) -> tuple[list[Case], float]:
    payload = json.dumps([{"quote": c.quote, "path": str(c.path)} for c in cases])
    start = time.perf_counter()
    proc = subprocess.run(
        [str(python), "-c", PEER_RUNNER],
        input=payload,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"compare_peer: the peer failed (exit {proc.returncode}):\n{proc.stderr}")
    verdicts = json.loads(proc.stdout)
    judged = [
        Case(**{**c.__dict__, "peer_valid": v["valid"], "peer_message": v["message"]})
        for c, v in zip(cases, verdicts, strict=True)
    ]
    return judged, seconds


def labeled_cases(folder: Path) -> tuple[list[Case], float]:
    """tests/eval/quotes.yaml, checked by claimlint in a copy of the seeds and fixtures."""
    root = harness.make_workspace(folder)
    start = time.perf_counter()
    results = harness.evaluate_quotes(root, harness.load_cases("quotes.yaml"))
    seconds = time.perf_counter() - start
    cases = [
        Case(
            "labeled",
            r.case.get("category", "?"),
            r.case["id"],
            r.case["quote"],
            (root / r.case["source"]).resolve(),
            r.expected,
            r.predicted,
            r.correct,
        )
        for r in results
    ]
    return cases, seconds


def real_cases(corpus: Path, folder: Path, docs: int, claims: int, seed: int):
    """eval_real's registry on the news collections, checked by claimlint."""
    work = sample(corpus, docs, seed)
    plan = build(folder, work, claims, seed)
    results, seconds = judge(folder, plan)
    cases = [
        Case(
            "real text",
            r.claim.kind,
            r.claim.id,
            r.claim.quote,
            (folder / "sources" / f"{r.claim.cited}.txt").resolve(),
            r.claim.expect,
            r.got,
            r.ok,
        )
        for r in results
    ]
    return cases, seconds


def table(cases: list[Case]) -> list[str]:
    groups: dict[tuple[str, str], list[Case]] = defaultdict(list)
    for c in cases:
        groups[(c.set, c.kind)].append(c)
    lines = [
        "| set | class | cases | claimlint right | peer right | peer right, claimlint not"
        " | claimlint's exact verdict |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for (where, kind), group in sorted(groups.items()):
        n = len(group)
        ours = sum(c.ours_right for c in group)
        peer = sum(c.peer_right for c in group)
        lost = sum(c.peer_right and not c.ours_right for c in group)
        exact = sum(c.ours_exact for c in group)
        lines.append(f"| {where} | {kind} | {n:,} | {ours:,} | {peer:,} | {lost:,} | {exact:,} |")
    n = len(cases)
    ours = sum(c.ours_right for c in cases)
    peer = sum(c.peer_right for c in cases)
    lost = sum(c.peer_right and not c.ours_right for c in cases)
    exact = sum(c.ours_exact for c in cases)
    lines.append(f"| **all** | | {n:,} | {ours:,} | {peer:,} | **{lost:,}** | {exact:,} |")
    return lines


def listing(title: str, cases: list[Case], limit: int) -> list[str]:
    lines = [f"\n## {title}: {len(cases):,}"]
    for c in cases[:limit]:
        peer = "valid" if c.peer_valid else f"invalid ({c.peer_message[:70]})"
        lines.append(
            f"- [{c.set} / {c.kind}] {c.ident}: label {c.expect}, claimlint {c.ours},"
            f" peer {peer}\n  quote: {json.dumps(c.quote, ensure_ascii=False)[:160]}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of the news collections (JSON Lines)")
    parser.add_argument("--claims", type=int, default=4000)
    parser.add_argument("--docs", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--peer-python", type=Path, help="python of a venv with the peer installed")
    parser.add_argument("--list", type=int, default=15, help="cases listed per section")
    args = parser.parse_args(argv)
    python = peer_python(args.peer_python)
    with tempfile.TemporaryDirectory(prefix="claimlint-peer-") as tmp:
        labeled, t_labeled = labeled_cases(Path(tmp) / "labeled")
        real, t_real = real_cases(
            args.corpus, Path(tmp) / "real", args.docs, args.claims, args.seed
        )
        cases = labeled + real
        cases, t_peer = run_peer(python, cases)
    print(
        f"# claimlint against {PEER} on {len(cases):,} quotes"
        f" ({len(labeled):,} labeled, {len(real):,} from real text, seed {args.seed})\n"
    )
    print("Right means: passes what should pass, flags what should not (the peer's question).")
    print("claimlint's exact verdict also needs the right code (and for Q104 the right holder).\n")
    print("\n".join(table(cases)))
    print(f"\nclaimlint {t_labeled + t_real:.1f} s; peer {t_peer:.1f} s (each one process per set)")
    lost = [c for c in cases if c.peer_right and not c.ours_right]
    won = [c for c in cases if c.ours_right and not c.peer_right]
    print("\n".join(listing("Peer right, claimlint not", lost, len(lost))))
    print("\n".join(listing("claimlint right, peer not (first few)", won, args.list)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
