"""What every rule sees: the registry, the corpus, the settings, and shared results.

Quote verification is computed once for all claims in a batch (so quotes not
found where cited are resolved in one pass over the corpus) and shared by the
Q-rules (``verdicts``); the fact analysis once, shared by the F-rules and the
report (``facts``). Both are cached properties, computed on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from linter.config import Config
from linter.corpus import Corpus
from linter.diagnostics import SourceSpan
from linter.model import Claim, Registry

if TYPE_CHECKING:
    from linter.facts.analysis import FactAnalysis
    from linter.text.verdict import Span, Verdict

PROGRESS_CHUNK = 2000  # claims verified between progress reports (on a terminal only)


@dataclass
class Context:
    registry: Registry
    corpus: Corpus
    config: Config
    # Told (claims checked, claims) as quotes are verified; set only when progress is
    # shown, since each chunk past the first repeats the pass over the corpus.
    on_verified: Callable[[int, int], None] | None = None

    def verdict(self, claim: Claim) -> Verdict | None:
        """The verification of a claim's quote, or None when its source could not be read."""
        return self.verdicts.get(id(claim))

    @cached_property
    def facts(self) -> FactAnalysis:
        """The registry's facts analyzed once (topics, name variants, alias index)."""
        from linter.facts.analysis import analyze

        return analyze(self.registry)

    @cached_property
    def verdicts(self) -> dict[int, Verdict]:
        """Every checkable claim's verdict, by ``id(claim)``: all quotes verified at once."""
        checkable = [
            (claim, key)
            for claim in self.registry.claims
            if (key := self.corpus.keys.get(claim.source)) in self.corpus.documents
        ]
        if not checkable:
            return {}
        items = [(claim.quote, key) for claim, key in checkable]
        verify = self._verify_cached if self.config.cache else self._verify
        step = PROGRESS_CHUNK if self.on_verified is not None else len(items)
        verdicts: list[Verdict] = []
        for start in range(0, len(items), step):
            verdicts += verify(items[start : start + step])
            if self.on_verified is not None:
                self.on_verified(len(verdicts), len(items))
        return {id(claim): verdict for (claim, _), verdict in zip(checkable, verdicts, strict=True)}

    def _verify(self, items: list[tuple[str, str]]) -> list[Verdict]:
        from linter.text.verify import QuoteMatcher

        # Serial: forked workers ship normalized texts back to the parent, which
        # measured slower (1.3x the wall time) and twice the memory (issue 11).
        matcher = QuoteMatcher(self.corpus.texts(), threshold=self.config.threshold, workers=1)
        return matcher.verify_many(items)

    def _verify_cached(self, items: list[tuple[str, str]]) -> list[Verdict]:
        """Verdicts from the cache where their inputs are unchanged; the rest computed and stored.

        A verbatim verdict depends only on the cited document; any other also on
        the whole corpus, so it is keyed by the corpus fingerprint.
        """
        from linter import cache
        from linter.text.verdict import Outcome

        store = cache.VerdictCache(cache.cache_folder())
        try:
            documents = self.corpus.documents
            threshold = self.config.threshold
            local = [cache.verdict_key(q, k, documents[k].digest, threshold) for q, k in items]
            found = store.get_many(local)
            results: list[Verdict | None] = [
                v if (v := found.get(key)) and v.outcome is Outcome.VERBATIM else None
                for key in local
            ]
            if any(r is None for r in results):
                fingerprint = cache.corpus_fingerprint(
                    {key: doc.digest for key, doc in documents.items()}
                )
                wide = {
                    i: cache.verdict_key(q, k, fingerprint, threshold)
                    for i, ((q, k), r) in enumerate(zip(items, results, strict=True))
                    if r is None
                }
                found = store.get_many(wide.values())
                for i, key in wide.items():
                    results[i] = found.get(key)
                missing = [i for i, r in enumerate(results) if r is None]
                if missing:
                    fresh = self._verify([items[i] for i in missing])
                    stored = []
                    for i, verdict in zip(missing, fresh, strict=True):
                        results[i] = verdict
                        key = local[i] if verdict.outcome is Outcome.VERBATIM else wide[i]
                        stored.append((key, verdict))
                    store.put_many(stored)
            return results  # type: ignore[return-value]
        finally:
            store.close()

    def span(self, span: Span | None) -> SourceSpan | None:
        """A located source span for a diagnostic."""
        if span is None or span.doc not in self.corpus.documents:
            return None
        doc = self.corpus.documents[span.doc]
        place = doc.place(span.start)
        return SourceSpan(
            path=doc.display,
            line=place.line,
            column=place.column,
            text=doc.text[span.start : span.end],
            start=span.start,
            end=span.end,
            **place.located(),
        )

    def display(self, key: str) -> str:
        doc = self.corpus.documents.get(key)
        return doc.display if doc else key
