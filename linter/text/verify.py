"""The matcher: each quote's verdict, from the cheapest search that settles it.

Exact search on normalized text settles most quotes cheaply. Only the rest go
on: one pass over the corpus matches their words against every document's word
set (an inverted index of the unresolved quotes' vocabulary, never a fuzzy scan
of every document), then the few candidate documents (``candidates.py``) are
searched exactly and, failing that, aligned near-match by near-match and judged
(``judge.py``). The verdict types are in ``verdict.py``.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import TypeVar

from linter.text.align import Aligned
from linter.text.candidates import Candidates, Narrowing, pick, vocabulary
from linter.text.judge import Near, editorial_changes, judge, near, only_meaning_differs
from linter.text.lookalike import find_suspects
from linter.text.normalize import NormalizedDocument
from linter.text.parallel import available_workers, can_fork, fan_out
from linter.text.quote import PieceMatch, Quote
from linter.text.verdict import Outcome, Span, Verdict

__all__ = ["QuoteMatcher"]

T = TypeVar("T")

_PARALLEL_DOCS = 200  # documents, and quotes per process, that make forking worth it
_QUOTES_PER_WORKER = 100
_QUOTES_PER_TASK = 50  # small tasks keep the load even
_DOCS_PER_NARROWING = 25


class _Deferred(Span):
    """A span still in normalized offsets, as a worker returns it.

    Mapping offsets back reads the original text, and in a forked worker reading
    an object copies its page; the parent, which owns the texts, maps it instead.
    """


_EMPTY = Verdict(Outcome.NOT_FOUND)  # a quote with no words of its own


class _Doc:
    """One document, normalized on first use (only its normalized text is kept)."""

    __slots__ = ("_aligned", "norm", "path")

    def __init__(self, path: str, norm: NormalizedDocument) -> None:
        self.path = path
        self.norm = norm
        self._aligned: Aligned | None = None

    @property
    def text(self) -> str:
        return self.norm.text

    def aligned(self) -> Aligned:
        """The text prepared for alignment; kept for the next quote where it is long."""
        if self._aligned is not None:
            return self._aligned
        found = Aligned(self.text)
        if found.long:
            self._aligned = found
        return found

    def span(self, start: int, end: int, *, deferred: bool = False) -> Span:
        if deferred:  # in a worker: the parent maps it (see ``_Deferred``)
            return _Deferred(self.path, start, end)
        s, e = self.norm.original_span(start, end)
        return Span(self.path, s, e)


class QuoteMatcher:
    """Verifies quotes against a corpus (``path -> text``); documents are normalized lazily."""

    def __init__(
        self,
        documents: Mapping[str, str],
        *,
        threshold: float = 0.8,
        workers: int | None = None,
        prepared: Callable[[str], tuple | None] | None = None,
    ) -> None:
        """``workers``: processes for the corpus-wide steps (None: the CPUs available);
        ``prepared``: a document's ``NormalizedDocument.state()`` kept from an earlier
        run, if any (``linter.cache``), so it is not normalized again."""
        self._texts = documents  # not copied: it may read texts lazily
        self._prepared = prepared
        self.normalized: set[str] = set()  # documents normalized here, not prepared
        self.threshold = threshold
        self.workers = available_workers() if workers is None else max(1, workers)
        self._docs: dict[str, _Doc] = {}
        self._in_worker = False  # set in forked workers, which leave spans to the parent
        # Documents holding each word of the corpus passes so far (what verdicts not
        # settled where cited depend on: ``linter.text.dependence``).
        self.counts: dict[str, int] = {}

    def _doc(self, path: str) -> _Doc | None:
        doc = self._docs.get(path)
        if doc is None and path in self._texts:
            state = self._prepared(path) if self._prepared is not None else None
            if state is not None:
                norm = NormalizedDocument.restore(self._reader(path), state)
            else:
                norm = NormalizedDocument(self._reader(path))
                self.normalized.add(path)
            doc = self._docs[path] = _Doc(path, norm)
        return doc

    def state(self, path: str) -> tuple | None:
        """A document's normalized state, if this matcher holds it."""
        doc = self._docs.get(path)
        return doc.norm.state() if doc is not None else None

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
        """Verdicts in order; quotes not verbatim where cited share one corpus pass.

        Reading and normalizing the corpus happen here, in this process, which
        keeps the only copy; picking candidates and aligning, each quote on its
        own, are then shared among forked workers that read the prepared corpus
        copy-on-write and send back only candidates and verdicts (small).
        """
        verdicts: list[Verdict | None] = [None] * len(items)
        for index, verdict in self._exact_where_cited(items):
            verdicts[index] = verdict
        pending = [
            (i, Quote(items[i][0]), items[i][1]) for i, v in enumerate(verdicts) if v is None
        ]
        if pending:
            candidates = self._candidates([(q, c) for _, q, c in pending])
            jobs = self._jobs(len(pending))

            def resolve(task: range) -> list[Verdict]:
                self._in_worker = jobs > 1
                out = []
                for k in task:
                    _, quote, cited = pending[k]
                    out.append(self._resolve(quote, cited, candidates[k]))
                return out

            resolved = itertools.chain.from_iterable(
                fan_out(resolve, _ranges(len(pending), jobs), jobs)
            )
            for (index, _, _), verdict in zip(pending, resolved, strict=True):
                verdicts[index] = self._undefer(verdict)
        return [v for v in verdicts if v is not None]

    def _exact_where_cited(
        self, items: Sequence[tuple[str, str]]
    ) -> list[tuple[int, Verdict | None]]:
        """Each quote's verdict if verbatim (or bracket-changed) where cited, else None.

        Here, not in workers: this normalizes the cited documents, which a worker
        would have to send back whole (measured slower than doing it here, and
        twice the memory).
        """
        by_doc: dict[str, list[int]] = defaultdict(list)
        for index, (_, path) in enumerate(items):
            by_doc[path].append(index)
        results: list[tuple[int, Verdict | None]] = []
        for path, indexes in by_doc.items():
            for i in indexes:
                quote = Quote(items[i][0])
                results.append((i, self._verbatim(quote, path) if quote.pieces else _EMPTY))
        return results

    def _undefer(self, verdict: Verdict) -> Verdict:
        """A verdict from a worker with its span mapped to original offsets, here."""
        span = verdict.span
        if not isinstance(span, _Deferred):
            return verdict
        doc = self._doc(span.doc)
        assert doc is not None
        return dataclasses.replace(verdict, span=doc.span(span.start, span.end))

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
        changes = editorial_changes(doc.text, found)
        if changes:
            return Verdict(Outcome.MEANING_CHANGED, span, 1.0, None, changes)
        return Verdict(Outcome.VERBATIM, span, 1.0)

    # -- the corpus pass ------------------------------------------------------------

    def _candidates(self, pending: list[tuple[Quote, str]]) -> list[Candidates]:
        """For each quote, the documents (other than its cited one) worth searching.

        One pass, here (it normalizes every document), intersects each document's
        space-separated tokens, at C speed, with the pending quotes' interior
        tokens; the picking is shared among workers. Quotes whose words are common
        to many documents are narrowed by a second pass over just those documents,
        with token trigrams.
        """
        words = vocabulary(q for q, _ in pending)
        postings: dict[str, list[str]] = defaultdict(list)
        for path in self._texts:
            for word in words.intersection(self._tokens(path)):
                postings[word].append(path)
        self.counts.update((word, len(where)) for word, where in postings.items())
        documents = len(self._texts)

        def picked(task: range) -> list[Candidates]:
            return [
                pick(pending[k][0], pending[k][1], postings, documents, self._holding) for k in task
            ]

        jobs = self._jobs(len(pending))
        found = list(
            itertools.chain.from_iterable(fan_out(picked, _ranges(len(pending), jobs), jobs))
        )
        postings.clear()  # corpus-long lists: freed before the workers fork again
        self._narrow([q for q, _ in pending], found)
        return found

    def _tokens(self, path: str) -> list[str]:
        return self._doc(path).text.split(" ")  # type: ignore[union-attr]

    def _holding(self, text: str) -> set[str]:
        """The documents whose normalized text contains ``text``."""
        return {p for p in self._texts if text in self._doc(p).text}  # type: ignore[union-attr]

    def _narrow(self, quotes: list[Quote], found: list[Candidates]) -> None:
        """Drop would-be holders lacking trigrams of the quote (see ``Narrowing``), in workers."""
        narrowing = Narrowing(quotes, found)
        if not narrowing.busy:
            return
        pairs = list(narrowing.busy.items())
        jobs = self._jobs(sum(map(len, narrowing.busy.values())))
        tasks = _parts(pairs, _DOCS_PER_NARROWING) if jobs > 1 else [pairs]

        def narrow(task: int) -> list[tuple[int, str]]:
            """The (quote, document) pairs that survive: few, so cheap to send back."""
            kept = []
            for path, indexes in tasks[task]:
                kept += narrowing.kept(path, indexes, self._tokens(path))
            return kept

        survivors = set(itertools.chain.from_iterable(fan_out(narrow, range(len(tasks)), jobs)))
        narrowing.apply(found, survivors)

    # -- the verdict for quotes not verbatim where cited -----------------------------

    def _resolve(self, quote: Quote, cited: str, found: Candidates) -> Verdict:
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
        where = near(quote, cited, cited_doc.aligned()) if cited_doc else None
        if where and where.score >= self.threshold:
            return self._judge(quote, where)
        others = [n for p in found.near if (n := near(quote, p, self._doc(p).aligned()))]  # type: ignore[union-attr]
        others.sort(key=lambda n: (-n.score, n.path))
        close = [n for n in others if n.score >= self.threshold]
        if close:
            verdict = self._judge(quote, close[0])
            return Verdict(
                Outcome.MISATTRIBUTED,
                verdict.span,
                verdict.score,
                verdict.diff,
                verdict.changes,
                tuple(sorted(n.path for n in close)),
                verdict.suspects,
            )
        if where and only_meaning_differs(quote, where):
            return self._judge(quote, where)  # a short quote: one number is much of it
        best = max([n for n in (where, *others) if n], key=lambda n: n.score, default=None)
        if best is None:
            return Verdict(Outcome.NOT_FOUND, suspects=find_suspects(quote.text))
        verdict = self._judge(quote, best)  # the closest text, as a hint; a diff would be noise
        return Verdict(Outcome.NOT_FOUND, verdict.span, verdict.score, suspects=verdict.suspects)

    def _judge(self, quote: Quote, match: Near) -> Verdict:
        doc = self._doc(match.path)
        assert doc is not None
        return judge(quote, match, doc.span(match.start, match.end, deferred=self._in_worker))


def _parts(items: list[T], size: int) -> list[list[T]]:
    return [items[k : k + size] for k in range(0, len(items), size)] or [[]]


def _ranges(count: int, jobs: int) -> list[range]:
    """Indexes ``0..count`` in tasks: one where serial, else ``_QUOTES_PER_TASK`` each."""
    if jobs <= 1:
        return [range(count)]
    return [range(k, min(k + _QUOTES_PER_TASK, count)) for k in range(0, count, _QUOTES_PER_TASK)]
