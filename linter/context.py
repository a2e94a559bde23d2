"""What every rule sees: the registry, the corpus, the settings, and shared results.

Quote verification is computed once for all claims in a batch (so quotes not
found where cited are resolved in one pass over the corpus) and shared by the
Q-rules (``verdicts``); the fact analysis once, shared by the F-rules and the
report (``facts``). Both are cached properties, computed on first use.
"""

from __future__ import annotations

import dataclasses
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
        return self._verify_counted(items)[0]

    def _verify_counted(
        self, items: list[tuple[str, str]], prepared: Callable[[str], tuple | None] | None = None
    ) -> tuple[list[Verdict], dict[str, int], dict[str, tuple]]:
        """The verdicts; how many documents hold each word the corpus pass read; and the
        documents normalized (not ``prepared`` by an earlier run), by key."""
        from linter.text.verify import QuoteMatcher

        # Documents are read and normalized here; forked workers pick and align
        # (``QuoteMatcher.verify_many``), sending back only candidates and verdicts.
        matcher = QuoteMatcher(
            self.corpus.texts(), threshold=self.config.threshold, prepared=prepared
        )
        verdicts = matcher.verify_many(items)
        states = {p: s for p in matcher.normalized if (s := matcher.state(p)) is not None}
        return verdicts, matcher.counts, states

    def _verify_cached(self, items: list[tuple[str, str]]) -> list[Verdict]:
        """Verdicts from the cache where their inputs are unchanged; the rest computed
        and stored (``linter.cache.verdicts``: which edits a verdict depends on)."""
        from linter import cache

        store = cache.VerdictCache(cache.cache_folder())
        try:
            return cache.verdicts(
                store,
                self.corpus.documents,
                items,
                self.config.threshold,
                self._verify_counted,
            )
        finally:
            store.close()

    def span(self, span: Span | None) -> SourceSpan | None:
        """A located source span for a diagnostic."""
        if span is None or span.doc not in self.corpus.documents:
            return None
        if self.config.cache:  # located before, or located now and kept for the next run
            found = self._places.get((span.doc, span.start, span.end))
            if found is not None:
                return found
        return self._located(span)

    def _located(self, span: Span) -> SourceSpan:
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

    @cached_property
    def _places(self) -> dict[tuple[str, int, int], SourceSpan]:
        """Every verdict's span, located once ever: the place is kept by content hash
        (``linter.cache``), so a warm run reads no source. A span of a document read this
        run is located from the text in hand and kept too: the first warm run after a cold
        one would otherwise read every source again to locate its spans."""
        from linter import cache

        documents = self.corpus.documents
        spans = {
            (v.span.doc, v.span.start, v.span.end): v.span
            for v in self.verdicts.values()
            if v.span is not None and v.span.doc in documents
        }
        if not spans:
            return {}
        store = cache.VerdictCache(cache.cache_folder())
        try:
            keys = {k: cache.place_key(documents[k[0]].digest, k[1], k[2]) for k in spans}
            known = store.get_places(keys.values())
            located, fresh = {}, []
            for key, span in spans.items():
                found = known.get(keys[key])
                if found is None:
                    found = self._located(span)
                    fresh.append((keys[key], found))
                located[key] = dataclasses.replace(found, path=documents[span.doc].display)
            store.put_places(fresh)
            return located
        finally:
            store.close()

    def display(self, key: str) -> str:
        doc = self.corpus.documents.get(key)
        return doc.display if doc else key
