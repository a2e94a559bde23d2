"""The naive quote checker most tools are: fuzzy-match each quote, brute-force the rest.

Written the way a competent person would with rapidfuzz, as the baseline the
scale benchmark measures claimlint against: typography normalized once per
document, ``fuzz.partial_ratio_alignment`` of each quote against its cited
document, and for a quote not found there a ``fuzz.partial_ratio`` scan of every
other document (with a rising ``score_cutoff``, so hopeless documents are cut
short). Verdicts use claimlint's vocabulary and its number and negation parser,
so the two can be compared claim by claim.

Usage: python benchmarks/naive.py REGISTRY_DIR [--claims ID,...]  (prints JSON verdicts)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from linter.text.numbers import find_negations, find_numbers  # noqa: E402

THRESHOLD = 0.8  # claimlint's default similarity threshold

_LIGHT = str.maketrans(
    {
        **dict.fromkeys(map(ord, "‘’‚‛′ʼ"), "'"),
        **dict.fromkeys(map(ord, "“”„‟″«»"), '"'),
        **dict.fromkeys(map(ord, "‐‑‒–—―−"), "-"),
        **dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None),
        ord("…"): "...",
    }
)


def light_normalize(text: str) -> str:
    """NFC, straight quotes, one kind of dash, no zero-width characters, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_LIGHT).split())


@dataclass(frozen=True, slots=True)
class NaiveVerdict:
    outcome: str  # verbatim | inexact | meaning-changed | misattributed | not-found
    score: float  # 0-100
    doc: str | None  # where the best match is


def _word_span(quote: str, text: str, start: int, end: int, slack: int = 12) -> str:
    """The whole-word span of ``text`` near ``start:end`` most like ``quote``.

    ``partial_ratio`` aligns a window as long as the quote, so when a word was
    replaced by a longer or shorter one the window is shifted and cuts words at
    its edges; the numbers compared must be the span's own, read whole.
    """
    starts = [
        i
        for i in range(max(0, start - slack), min(len(text), start + slack) + 1)
        if i == 0 or text[i - 1] == " "
    ] or [start]
    ends = [
        j
        for j in range(max(0, end - slack), min(len(text), end + slack) + 1)
        if j == len(text) or text[j] == " "
    ] or [end]
    _, i, j = max((fuzz.ratio(quote, text[i:j]), i, j) for i in starts for j in ends if j > i)
    return text[i:j]


def meaning_changed(quote: str, span: str) -> bool:
    """Whether the numbers or negations of ``quote`` and ``span`` differ (in order, as Q103)."""
    if [t.value for t in find_numbers(quote)] != [t.value for t in find_numbers(span)]:
        return True
    return [t.kind for t in find_negations(quote)] != [t.kind for t in find_negations(span)]


class NaiveChecker:
    """Every document normalized once, then each quote checked on its own.

    ``exact_first`` adds the obvious shortcut of an exact substring test before
    any fuzzy matching, which the benchmark also reports, to be fair.
    """

    def __init__(
        self, documents: dict[str, str], threshold: float = THRESHOLD, exact_first: bool = False
    ) -> None:
        self.documents = {key: light_normalize(text) for key, text in documents.items()}
        self.cutoff = threshold * 100
        self.exact_first = exact_first

    def _align(self, quote: str, doc: str):
        """Best alignment of ``quote`` in ``doc``; a capital or small first letter both match."""
        found = fuzz.partial_ratio_alignment(quote, doc, score_cutoff=self.cutoff)
        if (found is None or found.score < 100) and quote[:1].isalpha():
            swapped = quote[0].swapcase() + quote[1:]
            other = fuzz.partial_ratio_alignment(swapped, doc, score_cutoff=self.cutoff)
            if other is not None and (found is None or other.score > found.score):
                found = other
        return found

    def check(self, quote: str, cited: str) -> NaiveVerdict:
        q = light_normalize(quote)
        if not q:
            return NaiveVerdict("not-found", 0.0, None)
        doc = self.documents[cited]
        if self.exact_first and (q in doc or (q[0].swapcase() + q[1:]) in doc):
            return NaiveVerdict("verbatim", 100.0, cited)
        found = self._align(q, doc)
        if found is not None:
            if found.score >= 100:
                return NaiveVerdict("verbatim", 100.0, cited)
            span = _word_span(q, doc, found.dest_start, found.dest_end)
            outcome = "meaning-changed" if meaning_changed(q, span) else "inexact"
            return NaiveVerdict(outcome, found.score, cited)
        best, best_key = 0.0, None
        for key, text in self.documents.items():
            if key == cited:
                continue
            score = fuzz.partial_ratio(q, text, score_cutoff=max(self.cutoff, best))
            if score > best:
                best, best_key = score, key
                if score >= 100:
                    break
        if best_key is not None and best < 100:
            aligned = self._align(q, self.documents[best_key])  # the first-letter retry
            best = max(best, aligned.score if aligned else 0.0)
        if best_key is None:
            return NaiveVerdict("not-found", 0.0, None)
        return NaiveVerdict("misattributed", best, best_key)


def load_workload(folder: Path) -> tuple[list[dict], dict[str, str]]:
    """Claims of ``folder/claims.yaml`` and the text of every document they can cite.

    The corpus is what claimlint reads by default: cited sources and the text
    files beside them. Keys are paths relative to the registry's folder.
    """
    registry = folder / "claims.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed
    claims = yaml.load(registry.read_text(encoding="utf-8"), Loader=loader)["claims"]
    folders = {(folder / c["source"]).parent for c in claims}
    documents: dict[str, str] = {}
    for sub in sorted(folders):
        for path in sorted(sub.iterdir()):
            if path.suffix.lower() in {".txt", ".md", ".text"} and path.is_file():
                key = path.relative_to(folder).as_posix()
                documents[key] = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    return claims, documents


def run(
    checker: NaiveChecker, claims: Iterable[dict]
) -> tuple[dict[str, NaiveVerdict], dict[str, float]]:
    """Verdict and seconds taken per claim id."""
    verdicts: dict[str, NaiveVerdict] = {}
    seconds: dict[str, float] = {}
    for claim in claims:
        start = time.perf_counter()
        verdicts[claim["id"]] = checker.check(claim["quote"], claim["source"])
        seconds[claim["id"]] = time.perf_counter() - start
    return verdicts, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder holding claims.yaml")
    parser.add_argument("--claims", help="comma-separated claim ids (default: all)")
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    args = parser.parse_args(argv)
    claims, documents = load_workload(args.folder)
    if args.claims:
        wanted = set(args.claims.split(","))
        claims = [c for c in claims if c["id"] in wanted]
    checker = NaiveChecker(documents, args.threshold)
    verdicts, _ = run(checker, claims)
    json.dump({k: v.outcome for k, v in verdicts.items()}, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
