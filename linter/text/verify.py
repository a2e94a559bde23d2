"""The verdict on a quote: verbatim, inexact, meaning changed, misattributed or not found.

Exact search on normalized text settles most quotes cheaply. Only the rest go
on: one pass over the corpus matches their words against every document's word
set (an inverted index of the unresolved quotes' vocabulary, never a fuzzy scan
of every document), then the few candidate documents are searched exactly and,
failing that, aligned near-match by near-match.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from typing import TypeVar

from linter.text.align import (
    Alignment,
    align_piece,
    describe_changes,
    negation_changes,
    number_changes,
    word_diff,
)
from linter.text.lookalike import find_suspects
from linter.text.normalize import NormalizedDocument
from linter.text.numbers import compared_numbers, find_negations
from linter.text.parallel import available_workers, can_fork, fan_out
from linter.text.quote import WORD, PieceMatch, Quote

__all__ = ["Outcome", "QuoteMatcher", "Span", "Verdict"]

T = TypeVar("T")

_PARALLEL_DOCS = 200  # documents, and quotes per process, that make forking worth it
_QUOTES_PER_WORKER = 100
_DOCS_PER_TASK = 25  # small tasks keep each worker small and the load even
_QUOTES_PER_TASK = 50
_SHORT_GAP = 3  # words an ellipsis may omit before a negation among them changes the meaning
_NEAR_DOCS = 3  # other documents aligned per unresolved quote, best-voted first
_NEAR_TIED = 12  # ... or more, where they tie with the last of them
_VOTE_WORDS = 10  # a quote's rarest tokens that pick those documents
_VOTE_SHARE = 0.7  # ... of which a document must hold this share
_COMMON_SHARE = 0.2  # a word in more than this share of documents picks none
_FILTER_WORDS = 24  # a quote's rarest words every verbatim holder must have
_NARROW_FROM = 100  # quotes searching one document that make its trigrams worth computing
_STRIDE = 3  # documents' trigrams taken at every third token (see ``_phases``)
_IDLE_WORDS = 2  # filter words in a row that rule no document out end the filtering


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


class _Deferred(Span):
    """A span still in normalized offsets, as a worker returns it.

    Mapping offsets back reads the original text, and in a forked worker reading
    an object copies its page; the parent, which owns the texts, maps it instead.
    """


_EMPTY = Verdict(Outcome.NOT_FOUND)  # a quote with no words of its own


class _Doc:
    """One document, normalized on first use (only its normalized text is kept)."""

    __slots__ = ("norm", "path")

    def __init__(self, path: str, norm: NormalizedDocument) -> None:
        self.path = path
        self.norm = norm

    @property
    def text(self) -> str:
        return self.norm.text

    def span(self, start: int, end: int, *, deferred: bool = False) -> Span:
        if deferred:  # in a worker: the parent maps it (see ``_Deferred``)
            return _Deferred(self.path, start, end)
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

    def __init__(
        self, documents: Mapping[str, str], *, threshold: float = 0.8, workers: int | None = None
    ) -> None:
        """``workers``: processes for the corpus-wide steps (None: the CPUs available)."""
        self._texts = documents  # not copied: it may read texts lazily
        self.threshold = threshold
        self.workers = available_workers() if workers is None else max(1, workers)
        self._docs: dict[str, _Doc] = {}
        self._in_worker = False  # set in forked workers, which leave spans to the parent

    def _doc(self, path: str) -> _Doc | None:
        doc = self._docs.get(path)
        if doc is None and path in self._texts:
            doc = self._docs[path] = _Doc(path, NormalizedDocument(self._reader(path)))
        return doc

    def _reader(self, path: str) -> Callable[[], str]:
        """The text of ``path`` on demand: a plain dict's str costs nothing to
        keep, and a lazy mapping (the corpus) decodes it only when a span is mapped."""
        texts = self._texts
        if isinstance(texts, dict):
            text = texts[path]
            return lambda: text
        return partial(texts.__getitem__, path)

    # -- public API -----------------------------------------------------------------

    def verify(self, quote: str, cited: str) -> Verdict:
        return self.verify_many([(quote, cited)])[0]

    def verify_many(self, items: Sequence[tuple[str, str]]) -> list[Verdict]:
        """Verdicts in order; quotes not verbatim where cited share one corpus pass."""
        verdicts: list[Verdict | None] = [None] * len(items)
        for index, verdict in self._exact_where_cited(items):
            verdicts[index] = verdict
        pending = [
            (i, Quote(items[i][0]), items[i][1]) for i, v in enumerate(verdicts) if v is None
        ]
        if pending:
            candidates = self._candidates([(q, c) for _, q, c in pending])
            jobs = self._jobs(len(pending))
            work = [
                (i, q if jobs == 1 else q.raw, c, found)
                for (i, q, c), found in zip(pending, candidates, strict=True)
            ]
            tasks = _parts(work, _QUOTES_PER_TASK) if jobs > 1 else [work]

            def resolve(task: list[tuple]) -> list[tuple[int, Verdict]]:
                # In a worker the quote arrives as text and is parsed there, anew.
                self._in_worker = jobs > 1
                return [
                    (i, self._resolve(q if isinstance(q, Quote) else Quote(q), c, found))
                    for i, q, c, found in task
                ]

            for resolved in fan_out(resolve, tasks, jobs):
                for index, verdict in resolved:
                    verdicts[index] = self._undefer(verdict)
        return [v for v in verdicts if v is not None]

    def _exact_where_cited(
        self, items: Sequence[tuple[str, str]]
    ) -> list[tuple[int, Verdict | None]]:
        """Each quote's verdict if verbatim (or bracket-changed) where cited, else None.

        In parallel, each task takes a few cited documents and the quotes citing
        them (parsing them there), and sends the normalized documents back for
        the later steps.
        """
        by_doc: dict[str, list[int]] = defaultdict(list)
        for index, (_, path) in enumerate(items):
            by_doc[path].append(index)
        jobs = self._jobs(len(items))
        groups = list(by_doc.items())
        tasks = _parts(groups, _DOCS_PER_TASK) if jobs > 1 else [groups]

        def exact(task: int) -> tuple[list[tuple[int, Verdict | None]], dict[str, tuple]]:
            known = set(self._docs)
            out = []
            for path, indexes in tasks[task]:
                for i in indexes:
                    quote = Quote(items[i][0])
                    out.append((i, self._verbatim(quote, path) if quote.pieces else _EMPTY))
            return out, self._release(known) if jobs > 1 else {}

        results: list[tuple[int, Verdict | None]] = []
        for part, states in fan_out(exact, range(len(tasks)), jobs):
            results += part
            self._adopt(states)
        return results

    def _undefer(self, verdict: Verdict) -> Verdict:
        """A verdict from a worker with its span mapped to original offsets, here."""
        span = verdict.span
        if not isinstance(span, _Deferred):
            return verdict
        doc = self._doc(span.doc)
        assert doc is not None
        return dataclasses.replace(verdict, span=doc.span(span.start, span.end))

    def _release(self, known: set[str]) -> dict[str, tuple]:
        """In a worker: hand over (and forget) the documents normalized by this task.

        Forgetting them keeps each worker small; the parent keeps the only copy,
        which later workers share copy-on-write.
        """
        fresh = [p for p in self._docs if p not in known]
        return {p: self._docs.pop(p).norm.state() for p in fresh}

    def _adopt(self, states: dict[str, tuple]) -> None:
        for path, state in states.items():
            if path not in self._docs:
                norm = NormalizedDocument.restore(self._reader(path), state)
                self._docs[path] = _Doc(path, norm)

    def _jobs(self, quotes: int) -> int:
        """Processes worth starting for ``quotes`` quotes (forking one costs ~20 ms)."""
        if len(self._texts) < _PARALLEL_DOCS or not can_fork():
            return 1
        return max(1, min(self.workers, quotes // _QUOTES_PER_WORKER))

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
        changes = _editorial_changes(doc.text, found)
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
        vocabulary.update(form for q, _ in pending for forms in q.edges for form in forms)
        jobs = self._jobs(len(pending))
        tasks = _parts(list(self._texts), _DOCS_PER_TASK) if jobs > 1 else [list(self._texts)]

        def scan(task: int) -> tuple[dict[str, list[str]], dict[str, tuple]]:
            known = set(self._docs)
            hits: dict[str, list[str]] = defaultdict(list)
            for path in tasks[task]:
                for word in vocabulary.intersection(self._tokens(path)):
                    hits[word].append(path)
            return hits, self._release(known) if jobs > 1 else {}

        postings: dict[str, list[str]] = defaultdict(list)
        for part_postings, states in fan_out(scan, range(len(tasks)), jobs):
            for word, where in part_postings.items():
                postings[word].extend(where)
            self._adopt(states)
        found = [self._pick(quote, cited, postings) for quote, cited in pending]
        del postings  # corpus-long lists: freed before the workers fork again
        self._narrow([q for q, _ in pending], found)
        return found

    def _tokens(self, path: str) -> list[str]:
        return self._doc(path).text.split(" ")  # type: ignore[union-attr]

    def _pick(self, quote: Quote, cited: str, postings: dict[str, list[str]]) -> _Candidates:
        """The documents that may hold ``quote`` verbatim, and the few best for a near match."""
        found = _Candidates()
        words = sorted(quote.tokens, key=lambda w: len(postings.get(w, ())))[:_FILTER_WORDS]
        if words:
            holders = set(postings.get(words[0], ()))
            idle = 0
            for word in words[1:]:
                # Exact search settles a few holders cheaply; and once the ever
                # commoner words stop ruling documents out, their (corpus-long)
                # postings cost more than they save: trigrams narrow the rest.
                if len(holders) <= 2 or idle >= _IDLE_WORDS:
                    break
                before = len(holders)
                holders.intersection_update(postings.get(word, ()))
                idle = idle + 1 if len(holders) == before else 0
        else:  # too short to have interior words: a plain scan for its core
            core = quote.core
            holders = {p for p in self._texts if core in self._doc(p).text}  # type: ignore[union-attr]
        found.exact = sorted(holders - {cited})
        found.near = self._vote(quote, cited, postings)
        return found

    def _vote(self, quote: Quote, cited: str, postings: dict[str, list[str]]) -> list[str]:
        """The few documents sharing most of the quote's rarest words, best first.

        Tokens found nowhere are the changed words; of the rest, a near match
        shares most of the distinctive ones, and the rarer a word, the more its
        vote counts. The edge words vote too: often the names a quote opens or
        ends with. A changed word may itself be one of the rare ones, so a
        document may always lack one of them.
        """
        # Sets are built only for words rare enough to vote: a common word's
        # corpus-long list costs more to copy than the whole vote.
        common = max(2, len(self._texts) * _COMMON_SHARE)
        where: dict[str, set[str]] = {}
        too_common: set[str] = set()
        for w in quote.tokens:
            if (docs := postings.get(w)) is not None:
                if len(docs) > common:
                    too_common.add(w)
                else:
                    where[w] = set(docs)
        for forms in quote.edges:
            key = min(forms)
            lists = [found for f in forms if (found := postings.get(f))]
            if key in too_common or not lists:
                continue
            small = all(len(found) <= common for found in lists)
            merged = where.get(key, set()).union(*lists) if small else set()
            if not small or len(merged) > common:
                too_common.add(key)
                where.pop(key, None)
            else:
                where[key] = merged
        known = list(where)
        rare = sorted(known, key=lambda w: (len(where[w]), w))[:_VOTE_WORDS]
        weight = {w: math.log(len(self._texts) / len(where[w])) + 1 for w in rare}
        votes: Counter[str] = Counter()
        score: dict[str, float] = defaultdict(float)
        for word in rare:
            for path in where[word]:
                votes[path] += 1
                score[path] += weight[word]
        need = max(1, min(math.ceil(len(rare) * _VOTE_SHARE), len(rare) - 1))
        ranked = [p for p, n in votes.items() if n >= need and p != cited]
        ranked.sort(key=lambda p: (-score[p], p))
        # Documents sharing boilerplate ("The issue is available in denominations
        # of ...") tie on every word: only aligning tells them apart.
        if len(ranked) <= _NEAR_DOCS:
            return ranked
        edge = score[ranked[_NEAR_DOCS - 1]]
        tied = itertools.takewhile(lambda p: score[p] == edge, ranked[_NEAR_DOCS:])
        return ranked[:_NEAR_DOCS] + list(itertools.islice(tied, _NEAR_TIED - _NEAR_DOCS))

    def _narrow(self, quotes: list[Quote], found: list[_Candidates]) -> None:
        """Drop would-be holders lacking trigrams of the quote, where that saves work.

        Trigrams of a document cost about as much as a few dozen exact searches
        in it, so they are computed only for documents many quotes would search,
        by the workers, and only every third one (see ``_phases``).
        """
        phases = {i: p for i, q in enumerate(quotes) if found[i].exact and (p := _phases(q))}
        wanted: dict[str, list[int]] = defaultdict(list)
        for index in phases:
            for path in found[index].exact:
                wanted[path].append(index)
        busy = {path: ixs for path, ixs in wanted.items() if len(ixs) >= _NARROW_FROM}
        if not busy:
            return
        needed = {i for ixs in busy.values() for i in ixs}
        grams = set().union(*(c for i in needed for chunk in phases[i] for c in chunk))
        pairs = list(busy.items())
        jobs = self._jobs(sum(map(len, busy.values())))
        tasks = _parts(pairs, _DOCS_PER_TASK) if jobs > 1 else [pairs]

        def narrow(task: int) -> list[tuple[int, str]]:
            """The (quote, document) pairs that survive: few, so cheap to send back."""
            kept = []
            for path, indexes in tasks[task]:
                tokens = self._tokens(path)
                heads, seconds, thirds = (tokens[k::_STRIDE] for k in range(3))
                present = grams.intersection(zip(heads, seconds, thirds, strict=False))
                kept += [
                    (i, path)
                    for i in indexes
                    if all(any(c <= present for c in chunk) for chunk in phases[i])
                ]
            return kept

        survivors = set(itertools.chain.from_iterable(fan_out(narrow, range(len(tasks)), jobs)))
        for index, candidates in enumerate(found):
            if candidates.exact:
                candidates.exact = [
                    p for p in candidates.exact if p not in busy or (index, p) in survivors
                ]

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
                doc.span(match[0].start, match[-1].end, deferred=self._in_worker),
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
        if near and _only_meaning_differs(quote, near):
            return self._judge(quote, near)  # a short quote: one number is much of it
        best = max([n for n in (near, *others) if n], key=lambda n: n.score, default=None)
        if best is None:
            return Verdict(Outcome.NOT_FOUND, suspects=find_suspects(quote.text))
        verdict = self._judge(quote, best)  # the closest text, as a hint; a diff would be noise
        return Verdict(Outcome.NOT_FOUND, verdict.span, verdict.score, suspects=verdict.suspects)

    @staticmethod
    def _near(quote: Quote, doc: _Doc) -> _Near | None:
        pieces = []
        lower = doc.text.lower()  # not kept: memory matters more than 20 µs
        for piece in quote.plain:
            found = align_piece(piece, doc.text, lower)
            if found is None:
                return None
            pieces.append(found)
        weights = [len(p) for p in quote.plain]
        score = sum(w * a.score for w, a in zip(weights, pieces, strict=True)) / sum(weights)
        return _Near(doc, pieces, score)

    def _judge(self, quote: Quote, near: _Near) -> Verdict:
        """INEXACT or MEANING_CHANGED for a near match, with diff, changes and suspects."""
        texts = near.texts()
        source, said = " ... ".join(texts), " ... ".join(quote.plain)
        changes = describe_changes(source, said)
        diffs = [d for s, q in zip(texts, quote.plain, strict=True) if (d := word_diff(s, q))]
        outcome = Outcome.MEANING_CHANGED if changes else Outcome.INEXACT
        return Verdict(
            outcome,
            near.doc.span(near.start, near.end, deferred=self._in_worker),
            round(near.score, 4),
            " … ".join(diffs) or None,
            changes,
            suspects=find_suspects(quote.text, source),
        )


def _masked(text: str) -> list[str]:
    """The words of ``text`` without its numbers and negations."""
    spans = [(t.start, t.end) for t in (*compared_numbers(text), *find_negations(text))]
    kept, at = [], 0
    for start, end in sorted(spans):
        kept.append(text[at:start])
        at = max(at, end)
    kept.append(text[at:])
    # Brackets left out: the quote's may be editorial ("[T]he"), the source's are text.
    return WORD.findall(" ".join(kept).lower().replace("[", "").replace("]", ""))


def _only_meaning_differs(quote: Quote, near: _Near) -> bool:
    """Whether the near match has every word of the quote but for numbers and negations.

    Below the similarity threshold, a short quote ("27 hundred jobs could be") is
    still its source with one number changed: Q103, never "not found".
    """
    texts = near.texts()
    if not describe_changes(" ... ".join(texts), " ... ".join(quote.plain)):
        return False
    return all(_masked(s) == _masked(q) for s, q in zip(texts, quote.pieces, strict=True))


def _parts(items: list[T], size: int) -> list[list[T]]:
    return [items[k : k + size] for k in range(0, len(items), size)] or [[]]


def _phases(quote: Quote) -> tuple[tuple[frozenset[tuple[str, str, str]], ...], ...]:
    """Per stretch of the quote long enough, its token trigrams in ``_STRIDE`` classes
    by position.

    A document holding the stretch at token ``p`` holds its ``k``-th trigram at
    ``p + k``; of the document's trigrams at multiples of ``_STRIDE`` (a third
    of the work of all of them), one class is therefore all there.
    """
    out = []
    for tokens in quote._chunks:  # the stretches exact search needs
        grams = list(zip(tokens, tokens[1:], tokens[2:], strict=False))
        if len(grams) >= _STRIDE:
            out.append(tuple(frozenset(grams[r::_STRIDE]) for r in range(_STRIDE)))
    return tuple(out)


def _editorial_changes(text: str, found: list[PieceMatch]) -> tuple[str, ...]:
    """Meaning changed under cover of quoting conventions.

    A bracket that puts one number where the source has another, or that drops
    or adds a negation ("they [do] want" for "they do not want"); an ellipsis
    that leaves out just a few words, one a negation ("did ... attend").
    """
    out: list[str] = []
    for match in found:
        for bracket in match.brackets:
            replaced = text[bracket.start : bracket.end]
            inserted = compared_numbers(bracket.content)
            numbers = compared_numbers(replaced)
            if inserted and numbers:
                out += number_changes(numbers, inserted)
            out += negation_changes(find_negations(replaced), find_negations(bracket.content))
    for before, after in itertools.pairwise(found):
        gap = text[before.end : after.start]
        if len(gap.split()) <= _SHORT_GAP:
            out += [f'negation "{t.text}" left out by an ellipsis' for t in find_negations(gap)]
    return tuple(out)
