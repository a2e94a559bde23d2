"""Speed on a real corpus: claimlint cold, warm and after one edit, against the plain design.

From the news collections in CORPUS_DIR (Reuters-21578 and BBC News, JSON Lines)
it writes one text file per document and a deterministic registry of claims of
known verdict (verbatim, typographic, inexact, a changed number, misattributed,
fabricated), then times, in one run and as whole processes:

- claimlint cold (its cache cleared), warm (nothing changed), after one edited
  source and after one edited claim;
- the plain reference design (benchmarks/plain.py) on the same four steps;

and prints wall time, CPU time, peak memory, the ratios, and each design's
verdict agreement with the labels. ``--large`` merges the same text into
documents of 1-2 MB; ``--synthetic N`` builds N small documents from real
sentences (for the 100,000-document figure).

Usage: python benchmarks/bench_real.py ../shared/data/news [--claims 10000] [--large]
                                                           [--synthetic 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_scale import (  # noqa: E402
    Run,
    clear_cache,
    fmt_mb,
    fmt_seconds,
    machine,
    median_run,
    run_claimlint,
)
from benchmarks.generate import inexact, number_altered, typographic  # noqa: E402
from benchmarks.naive import light_normalize  # noqa: E402

COLLECTIONS = ("reuters21578.jsonl", "bbc_news.jsonl")
# A sentence starts at a capital that opens a token: "G, thinks ..." cut out of "3G, thinks"
# drops a digit of the source, a changed number (Q103), not a verbatim quote.
SENTENCE = re.compile(r"(?<![\w.,'’-])[A-Z][^.!?]{50,220}[.!?](?=\s|$)")
MIX = (  # outcome, share of the registry
    ("verbatim", 0.40),
    ("typographic", 0.15),
    ("inexact", 0.15),
    ("meaning-changed", 0.15),
    ("misattributed", 0.10),
    ("not-found", 0.05),
)
LABEL = {"typographic": "verbatim"}  # what claimlint must say: a typographic quote passes
LARGE_BYTES = 1_500_000
NEAR = 70  # partial_ratio at or above which a document "nearly says" a sentence


@dataclass
class Workload:
    folder: Path
    labels: dict[str, str]  # claim id -> expected outcome
    documents: int
    corpus_bytes: int
    edit_source: Path  # a cited source the "one edited source" step appends to
    edit_claim: tuple[str, str]  # (old quote, new quote) for the "one edited claim" step


def read_collections(corpus_dir: Path) -> list[tuple[str, str]]:
    """(doc id, text) of every document with a body, in file order."""
    docs = []
    for name in COLLECTIONS:
        path = corpus_dir / name
        if not path.is_file():
            raise SystemExit(f"bench_real: {path} not found (expected the news collections)")
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                text = (row.get("text") or "").strip()
                if len(text) > 200:
                    docs.append((str(row["doc_id"]), text + "\n"))
    return docs


def sentences_of(text: str) -> list[str]:
    """Whole sentences on one line of the document (so a quote is a literal span)."""
    return [" ".join(m.group().split()) for m in SENTENCE.finditer(text) if "\n" not in m.group()]


def merged(docs: list[tuple[str, str]], size: int) -> list[tuple[str, str]]:
    """The same text in documents of about ``size`` bytes each."""
    out: list[tuple[str, str]] = []
    parts: list[str] = []
    total = 0
    for _, text in docs:
        parts.append(text)
        total += len(text)
        if total >= size:
            out.append((f"merged-{len(out):04d}", "\n".join(parts)))
            parts, total = [], 0
    if parts:
        out.append((f"merged-{len(out):04d}", "\n".join(parts)))
    return out


def synthetic(docs: list[tuple[str, str]], count: int, rng: random.Random) -> list[tuple[str, str]]:
    """``count`` documents of 8-20 real sentences each, drawn at random.

    The news holds about 33,000 distinct sentences, so across 100,000 documents
    each recurs dozens of times, and a quote of a recurring sentence has no clear
    verdict (``build`` draws none): up to half the sentences are therefore kept
    for one document each, one a document, and the rest are shared.
    """
    pool = list(dict.fromkeys(s for _, text in docs for s in sentences_of(text)))
    rng.shuffle(pool)
    kept = min(count, len(pool) // 2)
    own, shared = pool[:kept], pool[kept:]
    out = []
    for i in range(count):
        sentences = rng.sample(shared, rng.randint(8, 20) - (i < kept))
        if i < kept:
            sentences.insert(rng.randrange(len(sentences) + 1), own[i])
        out.append((f"synthetic-{i:06d}", "\n".join(sentences) + "\n"))
    return out


def build(
    out: Path, docs: list[tuple[str, str]], claims: int, seed: int, *, unique: bool = False
) -> Workload:
    """Write ``docs`` under out/sources and a registry of ``claims`` labeled claims.

    ``unique``: quote only documents' sentences found nowhere else (for a corpus
    where most sentences recur, a draw at random would rarely find one).
    """
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "sources").mkdir(parents=True)
    by_doc: dict[str, list[str]] = {}
    normalized = {doc_id: light_normalize(text) for doc_id, text in docs}
    known: set[str] = set()  # every normalized sentence of the corpus
    size = 0
    for doc_id, text in docs:
        (out / "sources" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
        found = sentences_of(text)
        known.update(light_normalize(s) for s in found)
        if found:
            by_doc[doc_id] = found
    counts = Counter(light_normalize(s) for found in by_doc.values() for s in found)
    if unique:
        by_doc = {
            d: mine
            for d, found in by_doc.items()
            if (mine := [s for s in found if counts[light_normalize(s)] == 1])
        }
    ids = sorted(by_doc)
    entries: list[str] = []
    labels: dict[str, str] = {}
    plan = [kind for kind, share in MIX for _ in range(round(share * claims))][:claims]
    rng.shuffle(plan)
    for number, kind in enumerate(plan):
        for _ in range(50):  # draw until a sentence suits this kind
            doc = rng.choice(ids)
            sentence = rng.choice(by_doc[doc])
            if counts[light_normalize(sentence)] != 1:
                continue  # repeated across documents: the right verdict is ambiguous
            cited, quote = doc, sentence
            if kind == "typographic":
                quote = typographic(sentence, rng)
            elif kind == "inexact":
                quote = inexact(sentence, rng)
            elif kind == "meaning-changed":
                quote = number_altered(sentence, rng)
            elif kind == "misattributed":
                cited = rng.choice(ids)
                near = fuzz.partial_ratio(light_normalize(sentence), normalized[cited])
                if cited == doc or near >= NEAR:
                    continue  # the cited document says nearly the same: not a clear case
            elif kind == "not-found":
                # Two-word pieces of sentences of six documents: real words, said nowhere.
                pieces = []
                for _ in range(6):
                    words = rng.choice(by_doc[rng.choice(ids)]).split()
                    at = rng.randrange(max(1, len(words) - 1))
                    pieces.extend(words[at : at + 2])
                quote = " ".join(pieces)
            if quote is None or (
                kind != "verbatim"
                and kind != "typographic"
                and kind != "misattributed"
                and light_normalize(quote) in known
            ):
                continue
            break
        else:
            continue
        claim_id = f"c{number:05d}"
        labels[claim_id] = LABEL.get(kind, kind)
        entries.append(
            f"  - id: {claim_id}\n    source: sources/{cited}.txt\n"
            f"    quote: {json.dumps(quote, ensure_ascii=False)}\n"
        )
    (out / "claims.yaml").write_text("claims:\n" + "".join(entries), encoding="utf-8")
    (out / "pyproject.toml").write_text('[tool.claimlint]\nregistry = "claims.yaml"\n')
    verbatim = next(c for c, label in labels.items() if label == "verbatim")
    registry = yaml.safe_load((out / "claims.yaml").read_text(encoding="utf-8"))["claims"]
    first = next(c for c in registry if c["id"] == verbatim)
    edited = next(c for c in registry if c["id"] != verbatim and labels[c["id"]] == "verbatim")
    return Workload(
        folder=out,
        labels=labels,
        documents=len(docs),
        corpus_bytes=size,
        edit_source=out / edited["source"],
        edit_claim=(
            json.dumps(first["quote"], ensure_ascii=False),
            json.dumps(first["quote"][:-1], ensure_ascii=False),
        ),
    )


def run_plain(folder: Path, cache: Path, label: str) -> Run:
    """Time benchmarks/plain.py as a whole process, like claimlint."""
    command = [
        sys.executable,
        str(ROOT / "benchmarks" / "plain.py"),
        str(folder),
        "--cache",
        str(cache),
    ]
    with tempfile.TemporaryFile("w+b") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0)
        verdicts = json.loads(out.read().decode("utf-8") or "{}")
    return Run(
        label,
        seconds,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss * 1024,
        os.waitstatus_to_exitcode(status),
        verdicts,
        process.stderr.read().decode("utf-8", "replace") if process.stderr else "",
    )


def agreement(run: Run, labels: dict[str, str]) -> tuple[int, Counter]:
    """Claims whose verdict is the label's, and the confusions (label, verdict)."""
    wrong = Counter(
        (label, run.verdicts.get(claim, "missing"))
        for claim, label in labels.items()
        if run.verdicts.get(claim) != label
    )
    return len(labels) - sum(wrong.values()), wrong


def steps(work: Workload, repeat: int) -> dict[str, tuple[Run, Run]]:
    """(claimlint, plain) per step; the edits are made between the steps and undone after."""
    folder = work.folder
    ids = list(work.labels)
    plain_cache = folder.parent / f"{folder.name}-plain.cache"
    for suffix in (".verdicts", ".docs"):
        Path(str(plain_cache) + suffix).unlink(missing_ok=True)
    clear_cache(folder)
    results = {
        "cold": (run_claimlint(folder, "cold", ids), run_plain(folder, plain_cache, "cold")),
    }
    results["warm"] = (
        median_run([run_claimlint(folder, "warm", ids) for _ in range(repeat)]),
        median_run([run_plain(folder, plain_cache, "warm") for _ in range(repeat)]),
    )
    original = work.edit_source.read_bytes()
    work.edit_source.write_bytes(original + b"An added closing line.\n")
    results["one edited source"] = (
        run_claimlint(folder, "edited source", ids),
        run_plain(folder, plain_cache, "edited source"),
    )
    registry = folder / "claims.yaml"
    text = registry.read_text(encoding="utf-8")
    old, new = work.edit_claim
    registry.write_text(text.replace(old, new, 1), encoding="utf-8")
    results["one edited claim"] = (
        run_claimlint(folder, "edited claim", ids),
        run_plain(folder, plain_cache, "edited claim"),
    )
    registry.write_text(text, encoding="utf-8")
    work.edit_source.write_bytes(original)
    return results


def report(work: Workload, results: dict[str, tuple[Run, Run]], title: str) -> None:
    print(f"\n## {title}")
    print(
        f"{work.documents:,} documents, {work.corpus_bytes / 1e6:.1f} MB,"
        f" {len(work.labels):,} claims; {machine()}"
    )
    print(
        "\n| step | claimlint | plain design | plain / claimlint | claimlint CPU | claimlint peak |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for step, (ours, plain) in results.items():
        failed = "" if ours.exit_code in (0, 1) else f" (exit {ours.exit_code})"
        print(
            f"| {step} | {fmt_seconds(ours.seconds)}{failed} | {fmt_seconds(plain.seconds)}"
            f" | {plain.seconds / ours.seconds:.2f}x | {fmt_seconds(ours.cpu)}"
            f" | {fmt_mb(ours.peak)} |"
        )
    cold_ours, cold_plain = results["cold"]
    for name, run in (("claimlint", cold_ours), ("plain design", cold_plain)):
        right, wrong = agreement(run, work.labels)
        print(f"\n{name}: {right:,} of {len(work.labels):,} verdicts agree with the labels")
        for (label, verdict), count in wrong.most_common(8):
            print(f"  labeled {label}, got {verdict}: {count}")
    # The cached runs must say what the cold run said (the edits change one source's
    # last line and one quote's last character: a labeled verdict they do not touch).
    for step, (ours, _) in results.items():
        differ = [c for c in work.labels if ours.verdicts.get(c) != cold_ours.verdicts.get(c)]
        if step != "cold":
            print(f"claimlint {step}: {len(differ):,} verdicts differ from cold {differ[:5]}")
    if cold_ours.exit_code not in (0, 1):
        print(f"\nclaimlint failed: {cold_ours.stderr[-2000:]}")
    memory = cold_ours.peak
    print(
        f"\npeak memory, cold: claimlint {fmt_mb(memory)} (target: 2 x corpus + 100 MB ="
        f" {fmt_mb(2 * work.corpus_bytes + 100e6)}), plain {fmt_mb(cold_plain.peak)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of the news collections (JSON Lines)")
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the warm step (median)")
    parser.add_argument("--large", action="store_true", help="also documents of 1-2 MB")
    parser.add_argument("--synthetic", type=int, metavar="N", help="also N small documents")
    parser.add_argument("--only-extra", action="store_true", help="skip the real-corpus run")
    parser.add_argument(
        "--out", type=Path, default=Path(tempfile.gettempdir()) / "claimlint-bench-real"
    )
    args = parser.parse_args(argv)
    docs = read_collections(args.corpus)
    variants: list[tuple[str, list[tuple[str, str]], bool]] = []  # title, documents, unique
    if not args.only_extra:
        variants.append(("Real corpus: one file a document", docs, False))
    if args.large:
        title = f"Large documents (about {LARGE_BYTES / 1e6:.1f} MB each)"
        variants.append((title, merged(docs, LARGE_BYTES), False))
    if args.synthetic:
        title = f"{args.synthetic:,} synthetic documents of real sentences"
        variants.append((title, synthetic(docs, args.synthetic, random.Random(args.seed)), True))
    for number, (title, variant, unique) in enumerate(variants):
        start = time.perf_counter()
        work = build(args.out / f"v{number}", variant, args.claims, args.seed, unique=unique)
        print(f"(built the workload in {time.perf_counter() - start:.1f} s)", file=sys.stderr)
        report(work, steps(work, args.repeat), title)
    return 0


if __name__ == "__main__":
    sys.exit(main())
