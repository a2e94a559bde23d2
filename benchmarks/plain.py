"""The plain reference design that claimlint's speed is held against (issue 11).

What a competent engineer writes in an afternoon, and no more:

- each document read once, normalized (benchmarks/naive.py's light normalization),
  and its word set kept, in a cache keyed by the file's signature (size, mtime,
  inode), so a warm run reads nothing it has seen;
- a quote is first looked for exactly in the cited document; failing that,
  ``rapidfuzz`` aligns it there (Q102 or, when a number or negation differs, Q103);
- a quote not in its cited document is looked for in the few documents its rarest
  words vote for (a one-pass vocabulary index), exactly, then by alignment (Q104);
  else it is not found (Q101);
- verdicts cached by (quote, cited document's signature, corpus signature).

It prints the verdict of every claim as JSON (``{"claim-id": "verbatim", ...}``),
the vocabulary of benchmarks/bench_scale.py.

Usage: python benchmarks/plain.py FOLDER [--cache FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.naive import THRESHOLD, light_normalize, meaning_changed  # noqa: E402

TEXT_SUFFIXES = (".txt", ".md", ".text")
WORD = re.compile(r"[a-z0-9]+")
CANDIDATES = 5  # documents the rare words vote for
RARE_WORDS = 6
CACHE_VERSION = 1

Signature = tuple[int, int, int]  # size, mtime_ns, inode


def signature(stat: os.stat_result) -> Signature:
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


def scan(folders: set[str]) -> dict[str, tuple[str, Signature]]:
    """Every text document of ``folders``: key (relative path) -> (absolute path, signature)."""
    found: dict[str, tuple[str, Signature]] = {}
    for folder, prefix in sorted(folders):
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.lower().endswith(TEXT_SUFFIXES) and entry.is_file():
                    found[prefix + entry.name] = (entry.path, signature(entry.stat()))
    return found


class Plain:
    """Documents prepared once per signature; claims checked against them."""

    def __init__(self, root: Path, cache: Path | None) -> None:
        self.root = root
        self.cache_path = cache
        # Two files: a warm run needs only the verdicts, not the prepared documents.
        self.verdicts: dict[str, str] = self._load(".verdicts") or {}
        self._docs: dict[str, tuple[Signature, str, frozenset[str]]] | None = None
        self._index: dict[str, list[str]] | None = None

    def _load(self, suffix: str) -> dict | None:
        if self.cache_path is None:
            return None
        try:
            with open(str(self.cache_path) + suffix, "rb") as handle:
                saved = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return None
        return saved.get("data") if saved.get("version") == CACHE_VERSION else None

    def _save(self, suffix: str, data: dict) -> None:
        if self.cache_path is None:
            return
        target = str(self.cache_path) + suffix
        with open(target + ".tmp", "wb") as handle:
            pickle.dump({"version": CACHE_VERSION, "data": data}, handle, protocol=5)
        os.replace(target + ".tmp", target)

    @property
    def docs(self) -> dict[str, tuple[Signature, str, frozenset[str]]]:
        if self._docs is None:
            self._docs = self._load(".docs") or {}
        return self._docs

    def prepare(self, files: dict[str, tuple[str, Signature]]) -> bool:
        """Read and normalize the documents whose signature is new; drop the vanished ones.

        True when anything changed.
        """
        docs = self.docs
        changed = False
        for key in [k for k in docs if k not in files]:
            del docs[key]
            changed = True
        for key, (path, sig) in files.items():
            known = docs.get(key)
            if known is not None and known[0] == sig:
                continue
            with open(path, encoding="utf-8") as handle:
                text = light_normalize(handle.read().removeprefix("\ufeff"))
            docs[key] = (sig, text, frozenset(WORD.findall(text.lower())))
            changed = True
        return changed

    def index(self) -> dict[str, list[str]]:
        """Word -> documents holding it, built on first need."""
        if self._index is None:
            postings: dict[str, list[str]] = defaultdict(list)
            for key, (_, _, words) in self.docs.items():
                for word in words:
                    postings[word].append(key)
            self._index = postings
        return self._index

    def check(self, quote: str, cited: str) -> str:
        q = light_normalize(quote)
        doc = self.docs.get(cited)
        if not q or doc is None:
            return "not-found"
        text = doc[1]
        if q in text:
            return "verbatim"
        found = fuzz.partial_ratio_alignment(q, text, score_cutoff=THRESHOLD * 100)
        if found is not None:
            span = text[found.dest_start : found.dest_end]
            return "meaning-changed" if meaning_changed(q, span) else "inexact"
        index = self.index()
        words = sorted(set(WORD.findall(q.lower())), key=lambda w: len(index.get(w, ())))
        votes = Counter(
            key for word in words[:RARE_WORDS] for key in index.get(word, ()) if key != cited
        )
        for key, _ in votes.most_common(CANDIDATES):
            other = self.docs[key][1]
            if q in other or fuzz.partial_ratio(q, other, score_cutoff=THRESHOLD * 100):
                return "misattributed"
        return "not-found"

    def save(self, documents_changed: bool) -> None:
        self._save(".verdicts", self.verdicts)
        if documents_changed:
            self._save(".docs", self.docs)


def run(folder: Path, cache: Path | None) -> dict[str, str]:
    """Every claim's verdict for ``folder/claims.yaml``: cited sources and their siblings."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(folder / "claims.yaml", encoding="utf-8") as handle:
        claims = yaml.load(handle, Loader=loader)["claims"]
    folders = set()
    for claim in claims:
        sub, _, _ = claim["source"].rpartition("/")
        folders.add((os.path.join(folder, sub) if sub else str(folder), f"{sub}/" if sub else ""))
    files = scan(folders)
    plain = Plain(folder, cache)
    corpus = hashlib.blake2b(repr(sorted(files.items())).encode(), digest_size=16).hexdigest()
    verdicts: dict[str, str] = {}
    fresh: dict[str, str] = {}
    prepared = changed = False
    for claim in claims:
        cited = files.get(claim["source"])
        key = f"{corpus}\0{cited[1] if cited else None}\0{claim['source']}\0{claim['quote']}"
        verdict = plain.verdicts.get(key)
        if verdict is None:
            if not prepared:
                changed = plain.prepare(files)
                prepared = True
            verdict = plain.check(claim["quote"], claim["source"])
        fresh[key] = verdict
        verdicts[claim["id"]] = verdict
    if fresh.keys() != plain.verdicts.keys():
        plain.verdicts = fresh
        plain.save(changed)
    return verdicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder holding claims.yaml")
    parser.add_argument("--cache", type=Path, help="the cache file (default: none)")
    args = parser.parse_args(argv)
    json.dump(run(args.folder, args.cache), sys.stdout, separators=(",", ":"))
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
