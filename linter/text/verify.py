"""The verdict on a quote: verbatim, inexact, meaning changed, misattributed or not found.

Exact search on normalized text settles most quotes cheaply. Only the rest go
on: one pass over the corpus matches their words against every document's word
set (an inverted index of the unresolved quotes' vocabulary, never a fuzzy scan
of every document), then the few candidate documents are searched exactly and,
failing that, aligned near-match by near-match.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import chain

from linter.text.align import (
    Alignment,
    align_piece,
    describe_changes,
    number_changes,
    word_diff,
)
from linter.text.lookalike import find_suspects
from linter.text.normalize import NormalizedDocument
from linter.text.numbers import find_numbers
from linter.text.quote import PieceMatch, Quote

__all__ = ["Outcome", "QuoteMatcher", "Span", "Verdict"]

_NEAR_DOCS = 3  # other documents aligned per unresolved quote, best-voted first
_VOTE_WORDS = 10  # a quote's rarest tokens that pick those documents
_VOTE_SHARE = 0.6  # ... of which a document must hold this share
_COMMON_SHARE = 0.2  # a word in more than this share of documents picks none
_FILTER_WORDS = 24  # a quote's rarest words every verbatim holder must have
_NARROW_FROM = 100  # quotes searching one document that make its trigrams worth computing


class Outcome(StrEnum):
    VERBATIM = "verbatim"
    INEXACT = "inexact"
    MEANING_CHANGED = "meaning-changed"
    MISATTRIBUTED = "misattributed"
    NOT_FOUND = "not-found"


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets in the original (not normalized) text of ``doc``."""

    doc: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Verdict:
    outcome: Outcome
    span: Span | None = None
    score: float | None = None
    diff: str | None = None
    changes: tuple[str, ...] = ()
    holders: tuple[str, ...] = ()
    suspects: tuple[str, ...] = ()


class _Doc:
    """One document, normalized on first use; its lowercase text likewise."""

    __slots__ = ("_lower", "norm", "path")

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.norm = NormalizedDocument(text)
        self._lower: str | None = None

    @property
    def text(self) -> str:
        return self.norm.text

    @property
    def lower(self) -> str:
        if self._lower is None:
            self._lower = self.norm.text.lower()
        return self._lower

    def span(self, start: int, end: int) -> Span:
        s, e = self.norm.original_span(start, end)
        return Span(self.path, s, e)


@dataclass(slots=True)
class _Near:
    """A near match of every piece of a quote in one document."""

    doc: _Doc
    pieces: list[Alignment]
    score: float

    @property
    def start(self) -> int:
        return min(p.start for p in self.pieces)

    @property
    def end(self) -> int:
        return max(p.end for p in self.pieces)

    def texts(self) -> list[str]:
        return [self.doc.text[p.start : p.end] for p in self.pieces]


@dataclass(slots=True)
class _Candidates:
    exact: list[str] = field(default_factory=list)  # may hold the quote verbatim
    near: list[str] = field(default_factory=list)  # share the most rare words, best first


class QuoteMatcher:
    """Verifies quotes against a corpus (``path -> text``); documents are normalized lazily."""

    def __init__(self, documents: Mapping[str, str], *, threshold: float = 0.8) -> None:
        self._texts = dict(documents)
        self.threshold = threshold
        self._docs: dict[str, _Doc] = {}

    def _doc(self, path: str) -> _Doc | None:
        doc = self._docs.get(path)
        if doc is None and path in self._texts:
            doc = self._docs[path] = _Doc(path, self._texts[path])
        return doc

    # -- public API -----------------------------------------------------------------

    def verify(self, quote: str, cited: str) -> Verdict:
        return self.verify_many([(quote, cited)])[0]

    def verify_many(self, items: Sequence[tuple[str, str]]) -> list[Verdict]:
        """Verdicts in order; quotes not verbatim where cited share one corpus pass."""
        verdicts: list[Verdict | None] = []
        pending: list[tuple[int, Quote, str]] = []
        for index, (raw, cited) in enumerate(items):
            quote = Quote(raw)
            verdict = self._verbatim(quote, cited) if quote.pieces else Verdict(Outcome.NOT_FOUND)
            verdicts.append(verdict)
            if verdict is None:
                pending.append((index, quote, cited))
        if pending:
            candidates = self._candidates([(q, c) for _, q, c in pending])
            for (index, quote, cited), found in zip(pending, candidates, strict=True):
                verdicts[index] = self._resolve(quote, cited, found)
        return [v for v in verdicts if v is not None]

    # -- exact ----------------------------------------------------------------------

    @staticmethod
    def _find(quote: Quote, doc: _Doc) -> list[PieceMatch] | None:
        return quote.find_literal(doc.text) or quote.find_bracketed(doc.text)

    def _verbatim(self, quote: Quote, cited: str) -> Verdict | None:
        doc = self._doc(cited)
        found = self._find(quote, doc) if doc else None
        if not found:
            return None
        span = doc.span(found[0].start, found[-1].end)
        changes = _bracket_changes(doc.text, found)
        if changes:
            return Verdict(Outcome.MEANING_CHANGED, span, 1.0, None, changes)
        return Verdict(Outcome.VERBATIM, span, 1.0)

    # -- the corpus pass ------------------------------------------------------------

    def _candidates(self, pending: list[tuple[Quote, str]]) -> list[_Candidates]:
        """For each quote, the documents (other than its cited one) worth searching.

        One pass intersects each document's space-separated tokens, at C speed,
        with the pending quotes' interior tokens. Quotes whose words are common
        to many documents are narrowed by a second pass over just those documents,
        with token trigrams.
        """
        vocabulary = set().union(*(q.tokens for q, _ in pending))
        postings: dict[str, list[str]] = defaultdict(list)
        for path in self._texts:
            for word in vocabulary.intersection(self._tokens(path)):
                postings[word].append(path)
        found = [self._pick(quote, cited, postings) for quote, cited in pending]
        self._narrow([q for q, _ in pending], found)
        return found

    def _tokens(self, path: str) -> list[str]:
        return self._doc(path).text.split(" ")  # type: ignore[union-attr]

    def _pick(self, quote: Quote, cited: str, postings: dict[str, list[str]]) -> _Candidates:
        found = _Candidates()
        words = sorted({w for k in quote.required for w in ((k,) if isinstance(k, str) else k)},
                       key=lambda w: len(postings.get(w, ())))[:_FILTER_WORDS]  # fmt: skip
        if words:
            holders = set(postings.get(words[0], ()))
            for word in words[1:]:
                if len(holders) <= 2:  # exact search settles the rest cheaply
                    break
                holders.intersection_update(postings.get(word, ()))
        else:  # too short to have interior words: a plain scan for its core
            core = quote.core
            holders = {p for p in self._texts if core in self._doc(p).text}  # type: ignore[union-attr]
        found.exact = sorted(holders - {cited})
        # Tokens found nowhere are the changed words; of the rest, a near match
        # shares most of the distinctive ones, which pick the documents to align.
        common = max(2, len(self._texts) * _COMMON_SHARE)
        known = [w for w in quote.tokens if 0 < len(postings.get(w, ())) <= common]
        rare = sorted(known, key=lambda w: (len(postings[w]), w))[:_VOTE_WORDS]
        votes = Counter(chain.from_iterable(postings[word] for word in rare))
        need = max(1, math.ceil(len(rare) * _VOTE_SHARE))
        ranked = [p for p, n in votes.items() if n >= need and p != cited]
        ranked.sort(key=lambda p: (-votes[p], p))
        found.near = ranked[:_NEAR_DOCS]
        return found

    def _narrow(self, quotes: list[Quote], found: list[_Candidates]) -> None:
        """Drop would-be holders lacking a trigram of the quote, where that saves work.

        Trigrams of a document cost about as much as a few dozen exact searches
        in it, so they are computed only for documents many quotes would search.
        """
        wanted: dict[str, list[int]] = defaultdict(list)
        for index, (quote, candidates) in enumerate(zip(quotes, found, strict=True)):
            if quote.trigrams:
                for path in candidates.exact:
                    wanted[path].append(index)
        busy = {path: ixs for path, ixs in wanted.items() if len(ixs) >= _NARROW_FROM}
        if not busy:
            return
        grams = set().union(*(quotes[i].trigrams for i in {i for v in busy.values() for i in v}))
        dropped: dict[int, set[str]] = defaultdict(set)
        for path, indexes in busy.items():
            tokens = self._tokens(path)
            present = grams.intersection(zip(tokens, tokens[1:], tokens[2:], strict=False))
            for i in indexes:
                if not quotes[i].trigrams <= present:
                    dropped[i].add(path)
        for index, paths in dropped.items():
            found[index].exact = [p for p in found[index].exact if p not in paths]

    # -- the verdict for quotes not verbatim where cited -----------------------------

    def _resolve(self, quote: Quote, cited: str, found: _Candidates) -> Verdict:
        holders: list[tuple[_Doc, list[PieceMatch]]] = []
        for path in found.exact:
            doc = self._doc(path)
            match = self._find(quote, doc) if doc else None
            if match:
                holders.append((doc, match))
        if holders:
            doc, match = holders[0]
            return Verdict(
                Outcome.MISATTRIBUTED,
                doc.span(match[0].start, match[-1].end),
                1.0,
                holders=tuple(d.path for d, _ in holders),
            )
        cited_doc = self._doc(cited)
        near = self._near(quote, cited_doc) if cited_doc else None
        if near and near.score >= self.threshold:
            return self._judge(quote, near)
        others = [n for p in found.near if (n := self._near(quote, self._doc(p)))]
        others.sort(key=lambda n: (-n.score, n.doc.path))
        close = [n for n in others if n.score >= self.threshold]
        if close:
            verdict = self._judge(quote, close[0])
            return Verdict(
                Outcome.MISATTRIBUTED,
                verdict.span,
                verdict.score,
                verdict.diff,
                verdict.changes,
                tuple(sorted(n.doc.path for n in close)),
                verdict.suspects,
            )
        best = max([n for n in (near, *others) if n], key=lambda n: n.score, default=None)
        if best is None:
            return Verdict(Outcome.NOT_FOUND, suspects=find_suspects(quote.text))
        verdict = self._judge(quote, best)  # the closest text, as a hint; a diff would be noise
        return Verdict(Outcome.NOT_FOUND, verdict.span, verdict.score, suspects=verdict.suspects)

    @staticmethod
    def _near(quote: Quote, doc: _Doc) -> _Near | None:
        pieces = []
        for piece in quote.plain:
            found = align_piece(piece, doc.text, doc.lower)
            if found is None:
                return None
            pieces.append(found)
        weights = [len(p) for p in quote.plain]
        score = sum(w * a.score for w, a in zip(weights, pieces, strict=True)) / sum(weights)
        return _Near(doc, pieces, score)

    @staticmethod
    def _judge(quote: Quote, near: _Near) -> Verdict:
        """INEXACT or MEANING_CHANGED for a near match, with diff, changes and suspects."""
        texts = near.texts()
        source, said = " ... ".join(texts), " ... ".join(quote.plain)
        changes = describe_changes(source, said)
        diffs = [d for s, q in zip(texts, quote.plain, strict=True) if (d := word_diff(s, q))]
        outcome = Outcome.MEANING_CHANGED if changes else Outcome.INEXACT
        return Verdict(
            outcome,
            near.doc.span(near.start, near.end),
            round(near.score, 4),
            " … ".join(diffs) or None,
            changes,
            suspects=find_suspects(quote.text, source),
        )


def _bracket_changes(text: str, found: list[PieceMatch]) -> tuple[str, ...]:
    """A bracket that puts one number where the source has another changes the meaning."""
    out: list[str] = []
    for match in found:
        for bracket in match.brackets:
            inserted = find_numbers(bracket.content)
            replaced = find_numbers(text[bracket.start : bracket.end])
            if inserted and replaced:
                out += number_changes(replaced, inserted)
    return tuple(out)
