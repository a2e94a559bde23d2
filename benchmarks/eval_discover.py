"""``claimlint discover`` measured: seeds recall and precision, Reuters precision, time.

Usage: ``python benchmarks/eval_discover.py ../shared/data/news [--docs 1000]
[--sample 40] [--seed 13] [--show]``

1. **Seeds**: discovery over the five seeds with no registry, against the real
   disagreements of ``tests/eval/discover_seeds.yaml`` (recall), and how many of its
   findings are one of them (precision).
2. **Reuters precision**: Reuters-21578 stories grouped into events (two titles
   sharing two rare words, dated at most three days apart; groups of 2 to 8
   stories), every grouped story written to a folder, ``discover`` run over all of
   them with each story's date as its ``published``. A seeded sample of findings is
   judged by reading: verdicts are kept in ``benchmarks/data/discover_judged.yaml``
   (a finding's key, ``real: true|false`` and why); a finding not judged yet is
   printed for a person to judge and left out of the figure.
3. **Time**: ``claimlint discover FOLDER`` end to end (start-up and reading
   included) on the first ``--docs`` grouped stories, per document.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.discover import Doc, Finding, discover  # noqa: E402

LABELS = ROOT / "tests" / "eval" / "discover_seeds.yaml"
JUDGED = ROOT / "benchmarks" / "data" / "discover_judged.yaml"
_TITLE_STOP_TEXT = """the a an of to in on for and or at by with from as is its it be vs says said
    say up down new us u.s. inc corp co ltd year first quarter net shr 1st 2nd 3rd 4th qtr
    nine six months mths dividend sets raises cuts"""
_TITLE_STOP = frozenset(_TITLE_STOP_TEXT.split())
# Which finding kinds answer which kinds of labeled disagreement.
_KINDS = {
    "count": {"count", "quantity", "frequency"},
    "duration": {"duration"},
    "name": {"name", "body"},
    "title": {"title"},
    "date": {"date"},
    "role": {"role"},
    "text": {"first"},
}


# --- seeds ---------------------------------------------------------------------------


def seed_findings() -> list[Finding]:
    docs = [
        Doc(f"seeds/{p.name}", f"seeds/{p.name}", p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    return discover(docs)


def matches(finding: Finding, label: dict[str, Any]) -> bool:
    """Two mentions of the finding, of two documents and two values, each on the label.

    A mention is on the label when it is of the label's kind, in the document the
    label names, and its value as written is within the label's words or holds them.
    """
    if finding.kind not in _KINDS.get(label["kind"], set()):
        return False
    hits = set()
    for value in finding.values:
        for place in value.places:
            for mention in label["mentions"]:
                said = _said(mention["says"], place.quote)
                written = _said(place.written, mention["says"]) or _said(
                    mention["says"], place.written
                )
                if place.doc == mention["source"] and said and written:
                    hits.add((place.doc, value.display))
    return len({doc for doc, _ in hits}) >= 2 and len({v for _, v in hits}) >= 2


def _said(says: str, sentence: str) -> bool:
    return " ".join(says.split()) in " ".join(sentence.split())


def seeds_score(findings: Sequence[Finding]) -> dict[str, Any]:
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["disagreements"]
    found = [lab["id"] for lab in labels if any(matches(f, lab) for f in findings)]
    real = [f for f in findings if any(matches(f, lab) for lab in labels)]
    return {
        "labels": len(labels),
        "found": found,
        "missed": [lab["id"] for lab in labels if lab["id"] not in found],
        "findings": len(findings),
        "real": len(real),
        "false": [f.topic for f in findings if f not in real],
    }


# --- Reuters ---------------------------------------------------------------------------


def _day(row: dict[str, Any]) -> dt.date:
    return dt.datetime.strptime(row["date"].split()[0], "%d-%b-%Y").date()


def _title_words(title: str) -> set[str]:
    words = re.findall(r"[a-z][a-z'.-]+", title.lower())
    return {w for w in words if w not in _TITLE_STOP and len(w) > 2}


def event_groups(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Stories of one event: titles sharing two rare words, at most three days apart."""
    index: dict[str, list[int]] = defaultdict(list)
    words = [_title_words(r["title"]) for r in rows]
    for i, ws in enumerate(words):
        for w in ws:
            index[w].append(i)
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for ids in index.values():
        if len(ids) > 40:
            continue  # a common title word ("oil", "bank") joins nothing
        for n, a in enumerate(ids):
            for b in ids[n + 1 :]:
                close = abs((_day(rows[a]) - _day(rows[b])).days) <= 3
                if close and len(words[a] & words[b]) >= 2:
                    parent[root(a)] = root(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(rows)):
        groups[root(i)].append(i)
    chosen = [g for g in groups.values() if 2 <= len(g) <= 8]
    return [[rows[i] for i in g] for g in sorted(chosen, key=min)]


def reuters_rows(news: Path) -> list[dict[str, Any]]:
    path = news / "reuters21578.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return [r for r in rows if r.get("text") and r.get("title")]


def story_text(row: dict[str, Any]) -> str:
    return row["title"] + "\n\n" + row["text"]


def key_of(finding: Finding) -> str:
    """A finding's identity across runs: its kind, values and documents."""
    values = sorted(v.display for v in finding.values)
    docs = sorted(
        {p.doc.rsplit("/", 1)[-1].removesuffix(".txt") for v in finding.values for p in v.places}
    )
    return f"{finding.kind}|{'|'.join(values)}|{','.join(docs)}"


def write_corpus(stories: list[dict[str, Any]], folder: Path) -> None:
    """The stories as files, with a registry giving each its date (``published``)."""
    (folder / "news").mkdir(parents=True, exist_ok=True)
    sources = {}
    for row in stories:
        name = f"news/{row['doc_id']}.txt"
        (folder / name).write_text(story_text(row), encoding="utf-8")
        sources[name] = {"published": _day(row).isoformat()}
    registry = {"sources": sources, "claims": []}
    (folder / "claims.yaml").write_text(yaml.safe_dump(registry), encoding="utf-8")


def run_cli(folder: Path) -> tuple[list[dict[str, Any]], float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "linter", "discover", "news", "--format", "json"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"claimlint discover failed ({done.returncode}): {done.stderr}")
    return json.loads(done.stdout)["findings"], elapsed


def judged() -> dict[str, dict[str, Any]]:
    if not JUDGED.is_file():
        return {}
    data = yaml.safe_load(JUDGED.read_text(encoding="utf-8")) or {}
    return {entry["key"]: entry for entry in data.get("findings", [])}


def show(finding: Finding) -> str:
    lines = [f"  {key_of(finding)}", f"    {finding.fact}: {finding.why}"]
    for value in finding.values:
        for place in value.places:
            lines.append(
                f"    {value.display:>14} {place.doc} {place.published}: {place.sentence[:200]}"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("news", type=Path, help="the folder holding reuters21578.jsonl")
    parser.add_argument("--docs", type=int, default=1000, help="stories timed (default 1000)")
    parser.add_argument("--sample", type=int, default=40, help="findings judged (default 40)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show", action="store_true", help="print every finding of the sample")
    args = parser.parse_args(argv)

    score = seeds_score(seed_findings())
    print(
        f"seeds: recall {len(score['found'])}/{score['labels']}"
        f", precision {score['real']}/{score['findings']}"
    )
    print(f"  found: {', '.join(score['found']) or '-'}")
    print(f"  missed: {', '.join(score['missed']) or '-'}")
    if score["false"]:
        print(f"  not real: {', '.join(score['false'])}")

    groups = event_groups(reuters_rows(args.news))
    stories = [row for group in groups for row in group]
    print(f"reuters: {len(groups)} events, {len(stories)} stories")
    docs = [
        Doc(f"news/{r['doc_id']}.txt", r["doc_id"], story_text(r), _day(r).isoformat())
        for r in stories
    ]
    started = time.perf_counter()
    findings = discover(docs)
    elapsed = time.perf_counter() - started
    print(
        f"  discover over all {len(docs)} stories: {len(findings)} findings in {elapsed:.1f} s"
        f" ({1000 * elapsed / len(docs):.2f} ms per document)"
    )
    kinds = defaultdict(int)
    for finding in findings:
        kinds[finding.kind] += 1
    print(f"  by kind: {dict(sorted(kinds.items()))}")
    sample = random.Random(args.seed).sample(findings, min(args.sample, len(findings)))
    verdicts = judged()
    real = [f for f in sample if verdicts.get(key_of(f), {}).get("real") is True]
    false = [f for f in sample if verdicts.get(key_of(f), {}).get("real") is False]
    unjudged = [f for f in sample if key_of(f) not in verdicts]
    done = len(real) + len(false)
    ratio = f"{len(real) / done:.2f}" if done else "n/a"
    print(
        f"  precision on a sample of {len(sample)}: {len(real)}/{done} = {ratio}"
        f" ({len(unjudged)} not judged yet)"
    )
    for finding in false:
        print(f"  not real: {key_of(finding)} ({verdicts[key_of(finding)].get('why', '')})")
    if unjudged:
        print("  to judge (add to benchmarks/data/discover_judged.yaml):")
        for finding in unjudged:
            print(show(finding))
    elif args.show:
        for finding in sample:
            print(show(finding))

    with tempfile.TemporaryDirectory(prefix="claimlint-discover-") as tmp:
        folder = Path(tmp)
        write_corpus(stories[: args.docs], folder)
        found, seconds = run_cli(folder)
    count = min(args.docs, len(stories))
    print(
        f"time: claimlint discover on {count} stories: {seconds:.2f} s"
        f" ({1000 * seconds / count:.2f} ms per document, {len(found)} findings); target < 10 s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
