"""Facts on real text: F103 precision and recall, values read from whole sentences.

Usage: ``python benchmarks/eval_facts.py ../shared/data/news [--docs 3600] [--seed 7]``

1. **F103 precision**: a registry of verbatim quotes (sentences naming someone) from
   unrelated news documents, with no topics, the way a team registers quotes. Every
   F103 there is a false alarm unless two documents really spell one person two
   ways; each one fired is printed for a reader to judge.
2. **F103 recall**: into that registry, pairs of claims quoting one real sentence
   twice, the second with one name respelled by an edit class (an added or dropped
   letter, a transposition, a doubled letter, a transliteration alternation). A pair
   is found when F103 reports the respelled word with the original.
3. **Values from whole sentences**: the hand-labeled sentences of
   ``benchmarks/data/facts_labeled.yaml`` read as a claim without ``value`` on its
   topic, against the label; then each sentence with its number written the other
   way ("two" / "2"), which must not conflict with the first reading.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from linter.diagnostics import Location
from linter.facts.analysis import name_variants
from linter.facts.compare import conflicting
from linter.facts.names import AliasIndex, norm
from linter.facts.values import Unreadable, read_given, read_quote
from linter.facts.variants import names_in
from linter.model import Claim, Registry
from linter.text.numbers import UNITS

LABELED = Path(__file__).resolve().parent / "data" / "facts_labeled.yaml"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")
EDIT_CLASSES = ("insertion", "deletion", "transposition", "doubled", "transliteration")
_VOWELS = "aeiou"
# Transliteration alternations, each way: c/k, v/b, ph/f, y/i, ou/u, sh/sch.
_ALTERNATIONS = [("c", "k"), ("k", "c"), ("v", "b"), ("b", "v"), ("ph", "f"), ("f", "ph")]
_ALTERNATIONS += [("y", "i"), ("i", "y"), ("ou", "u"), ("sch", "sh"), ("sh", "sch")]


# --- the corpus -------------------------------------------------------------------------


def load_documents(corpus: Path) -> list[dict[str, Any]]:
    docs = []
    for path in sorted(corpus.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            docs.extend(json.loads(line) for line in handle if line.strip())
    return docs


def sentences(doc: dict[str, Any]) -> Iterator[str]:
    text = " ".join(str(doc.get("text", "")).split())
    for sentence in _SENTENCE.split(text):
        if 30 <= len(sentence) <= 240:
            yield sentence


def _claim(claim_id: str, source: str, quote: str) -> Claim:
    return Claim(claim_id, source, quote, Location("claims.yaml", 1, 1))


def unrelated_quotes(docs: list[dict[str, Any]], n_docs: int, rng: random.Random) -> list[Claim]:
    """Up to four sentences naming someone from each of ``n_docs`` random documents."""
    claims = []
    for doc in rng.sample(docs, min(n_docs, len(docs))):
        named = [s for s in sentences(doc) if any(len(n) >= 2 for n in names_in(s))]
        for i, sentence in enumerate(named[:4]):
            claims.append(_claim(f"{doc['doc_id']}-{i}", f"news/{doc['doc_id']}.txt", sentence))
    return claims


# --- constructed spelling variants ----------------------------------------------------------


def respell(word: str, edit: str, rng: random.Random) -> str | None:
    """``word`` changed by one edit of the class, keeping its first and last letters."""
    inner = range(1, len(word) - 1)
    lower = word.lower()
    if edit == "insertion":
        spots = [
            i
            for i in inner
            if lower[i] not in _VOWELS and lower[i + 1] not in _VOWELS and lower[i] != lower[i + 1]
        ]
        if not spots:
            return None
        i = rng.choice(spots) + 1
        return word[:i] + rng.choice("aeiou") + word[i:]
    if edit == "deletion":
        spots = [i for i in inner if lower[i] in _VOWELS + "h" and len(word) > 4]
        return None if not spots else (lambda i: word[:i] + word[i + 1 :])(rng.choice(spots))
    if edit == "transposition":
        spots = [i for i in range(1, len(word) - 2) if lower[i] != lower[i + 1]]
        if not spots:
            return None
        i = rng.choice(spots)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if edit == "doubled":
        spots = [i for i in inner if lower[i] not in _VOWELS and lower[i] != lower[i - 1]]
        return None if not spots else (lambda i: word[:i] + word[i] + word[i:])(rng.choice(spots))
    options = [(a, b) for a, b in _ALTERNATIONS if a in lower[1:]]
    if not options:
        return None
    old, new = rng.choice(options)
    at = lower.index(old, 1)
    return word[:at] + new + word[at + len(old) :]


_COMPANY_TEXT = "inc corp co ltd plc group bank corporation company"
_COMPANY = frozenset(_COMPANY_TEXT.split())


def _person(sentence: str, name: tuple[str, ...]) -> bool:
    """Whether the sentence writes ``name`` as a person's: "X said", "said X", "Mr X", "X, 41,"."""
    if len(name) < 2 or not all(w.isalpha() and len(w) >= 3 for w in name):
        return False
    if name[-1].lower() in _COMPANY:
        return False
    written = re.escape(" ".join(name))
    return bool(
        re.search(rf"{written},? (?:said|says|told)\b|\b(?:said|says) {written}\b", sentence)
        or re.search(rf"\b(?:Mr|Mrs|Ms|Dr|President|Minister|Senator|Judge)\.? {written}", sentence)
        or re.search(rf"{written}, \d\d,", sentence)
    )


def variant_pairs(
    docs: list[dict[str, Any]], per_class: int, rng: random.Random
) -> list[tuple[str, Claim, Claim, str, str]]:
    """(edit class, original claim, respelled claim, word, respelled word)."""
    pool = []
    for doc in rng.sample(docs, min(3000, len(docs))):
        for sentence in sentences(doc):
            for name in names_in(sentence):
                if _person(sentence, name):
                    pool.append((doc["doc_id"], sentence, name))
                    break
    pairs = []
    for edit in EDIT_CLASSES:
        made = 0
        for doc_id, sentence, name in rng.sample(pool, len(pool)):
            if made >= per_class:
                break
            word = name[rng.randrange(len(name))]
            changed = respell(word, edit, rng)
            if not changed or norm(changed) == norm(word) or word not in sentence:
                continue
            original = _claim(f"v-{edit}-{made}-a", f"news/{doc_id}.txt", sentence)
            altered = _claim(
                f"v-{edit}-{made}-b",
                f"other/{doc_id}.txt",
                re.sub(rf"\b{re.escape(word)}\b", changed, sentence),
            )
            pairs.append((edit, original, altered, word, changed))
            made += 1
    return pairs


def f103_reports(registry: Registry) -> list[tuple[str, str, tuple[str, ...]]]:
    """What F103 reports: (claim, its minority spelling, all spellings), as the rule does."""
    found = []
    for variant in name_variants(registry, AliasIndex.build({})):
        majority = set(variant.by_spelling[0][1])
        for spelling, ids in variant.by_spelling[1:]:
            found += [(c, spelling, variant.spellings) for c in ids if c not in majority]
    return found


def evaluate_f103(docs: list[dict[str, Any]], n_docs: int, per_class: int, seed: int) -> None:
    rng = random.Random(seed)
    quotes = unrelated_quotes(docs, n_docs, rng)
    pairs = variant_pairs(docs, per_class, rng)
    alone = Registry(Path("claims.yaml"), "claims.yaml")
    alone.claims = quotes
    started = time.perf_counter()
    false = f103_reports(alone)
    took = time.perf_counter() - started
    mixed = Registry(Path("claims.yaml"), "claims.yaml")
    mixed.claims = quotes + [c for _, a, b, _, _ in pairs for c in (a, b)]
    reports = f103_reports(mixed)
    constructed = {c.id for _, a, b, _, _ in pairs for c in (a, b)}
    flagged_pairs = {r[0].rsplit("-", 1)[0] for r in reports if r[0] in constructed}
    true = [r for r in reports if r[0] in constructed]
    n_docs_used = len({c.source for c in quotes})
    per_1000 = 1000 * len(false) / len(quotes)
    print("## F103 on unrelated verbatim quotes\n")
    print(f"- {len(quotes)} quotes naming someone, from {n_docs_used} documents, no topics")
    print(f"- F103 warnings: {len(false)} ({per_1000:.2f} per 1,000 quotes)")
    print(f"- quotes with an F103 warning: {100 * len({r[0] for r in false}) / len(quotes):.2f}%")
    print(f"- name analysis time for {len(quotes)} claims: {took:.2f} s")
    for claim_id, spelling, spellings in false[:40]:
        print(f"  - judge: {claim_id}: {spelling!r} among {', '.join(spellings)}")
    print(f"\nWith {len(pairs)} constructed pairs added ({len(mixed.claims)} claims):")
    fired = len(reports)
    precision = len(true) / fired if fired else 1.0
    print(
        f"- reports on the constructed variants / all reports: {precision:.3f} "
        "(every report on a real quote counted false, unjudged)"
    )
    print("\n## F103 recall on constructed spelling variants\n")
    print("| edit class | pairs | reported | recall |")
    print("|---|---:|---:|---:|")
    total = hit = 0
    for edit in EDIT_CLASSES:
        mine = [p for p in pairs if p[0] == edit]
        found = sum(p[2].id.rsplit("-", 1)[0] in flagged_pairs for p in mine)
        total, hit = total + len(mine), hit + found
        print(f"| {edit} | {len(mine)} | {found} | {found / len(mine) if mine else 0:.2f} |")
    print(f"| all | {total} | {hit} | {hit / total if total else 0:.2f} |")
    short = [p for p in pairs if min(len(p[3]), len(p[4])) <= 4]
    short_hit = sum(p[2].id.rsplit("-", 1)[0] in flagged_pairs for p in short)
    long_total, long_hit = total - len(short), hit - short_hit
    print(
        f"\nOf these, {len(short)} leave a word of four letters or fewer, where only "
        f"alternations and doubled letters count ({short_hit} reported); on the "
        f"{long_total} others recall is {long_hit / long_total if long_total else 0:.2f}."
    )
    missed = [p for p in pairs if p[2].id.rsplit("-", 1)[0] not in flagged_pairs]
    for edit, _, _, word, changed in missed[:12]:
        print(f"  - missed ({edit}): {word} / {changed}")


# --- values from whole sentences ----------------------------------------------------------


def load_labeled(path: Path = LABELED) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["sentences"]


def read_labeled(entry: dict[str, Any], text: str | None = None) -> tuple[bool, str, Any]:
    """Read one labeled sentence as a claim without ``value``: (right?, what was read, fact)."""
    kind, published = entry["kind"], entry.get("published")
    published = str(published) if published else None
    try:
        fact = read_quote(
            kind,
            text or entry["text"],
            topic_name="",
            topic_about=entry["about"],
            published=published,
        )
    except Unreadable as problem:
        return entry["expect"] == "none", f"F105 ({problem})", None
    if entry["expect"] == "none":
        return False, fact.display, fact
    expected = read_given(kind, entry["expect"], published=published)
    return expected.key == fact.key, fact.display, fact


_DIGITS = {str(v): w for w, v in UNITS.items() if 1 < v < 20}
_WORDS = {w: str(v) for w, v in UNITS.items() if 1 < v < 20}


def rewritten(text: str) -> str | None:
    """The sentence with its first small number written the other way ("two" <-> "2")."""
    for match in re.finditer(r"(?<![\w,.])(\d{1,2}|[A-Za-z]+)(?![\w]|[,.]\d)", text):
        word = match.group()
        other = _DIGITS.get(word) or _WORDS.get(word.lower())
        if other:
            return text[: match.start()] + other + text[match.end() :]
    return None


def evaluate_values() -> None:
    labeled = load_labeled()
    results = [(entry, *read_labeled(entry)) for entry in labeled]
    right = sum(ok for _, ok, _, _ in results)
    print("\n## Values read from whole sentences (hand-labeled)\n")
    print(f"- {right} of {len(results)} right ({right / len(results):.1%})")
    by_kind = Counter(e["kind"] for e in labeled)
    for kind, count in sorted(by_kind.items()):
        ok = sum(r[1] for r in results if r[0]["kind"] == kind)
        print(f"  - {kind}: {ok}/{count}")
    for entry, ok, got, _ in results:
        if not ok:
            where = f"{entry['doc']} ({entry['about']})"
            print(f"  - wrong: {where}: read {got}, labeled {entry['expect']}")
    pairs = conflicts = 0
    for entry, ok, _, fact in results:
        other_text = rewritten(entry["text"]) if entry["kind"] in ("count", "quantity") else None
        if not ok or fact is None or other_text is None:
            continue
        _, _, other = read_labeled(entry, other_text)
        if other is None:
            continue
        pairs += 1
        conflicts += conflicting(fact, other)
    print(
        f"- agreeing pairs (a number written as a word and as digits): {pairs}, "
        f"false conflicts: {conflicts}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of JSON Lines news (../shared/data/news)")
    parser.add_argument("--docs", type=int, default=3600, help="unrelated documents to quote")
    parser.add_argument("--per-class", type=int, default=60, help="constructed pairs per edit")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"eval_facts: {args.corpus} is not a folder of .jsonl files", file=sys.stderr)
        return 2
    started = time.perf_counter()
    docs = load_documents(args.corpus)
    evaluate_f103(docs, args.docs, args.per_class, args.seed)
    evaluate_values()
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
