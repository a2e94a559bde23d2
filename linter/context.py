"""What every rule sees: the registry, the corpus, the settings, and shared results.

Quote verification is computed once for all claims in a batch (so quotes not
found where cited are resolved in one pass over the corpus) and shared by the
Q-rules; other expensive results are shared through ``memo``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from linter.config import Config
from linter.corpus import Corpus
from linter.diagnostics import SourceSpan
from linter.model import Claim, Registry

if TYPE_CHECKING:
    from linter.text.verify import Span, Verdict

T = TypeVar("T")


@dataclass
class Context:
    registry: Registry
    corpus: Corpus
    config: Config
    _memo: dict[str, Any] = field(default_factory=dict)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def verdict(self, claim: Claim) -> Verdict | None:
        """The verification of a claim's quote, or None when its source could not be read."""
        return self.memo("verdicts", self._verify_all).get(id(claim))

    def _verify_all(self) -> dict[int, Verdict]:
        from linter.text.verify import QuoteMatcher

        checkable = [
            (claim, key)
            for claim in self.registry.claims
            if (key := self.corpus.keys.get(claim.source)) in self.corpus.documents
        ]
        if not checkable:
            return {}
        matcher = QuoteMatcher(self.corpus.texts(), threshold=self.config.threshold)
        verdicts = matcher.verify_many([(claim.quote, key) for claim, key in checkable])
        return {id(claim): verdict for (claim, _), verdict in zip(checkable, verdicts, strict=True)}

    def span(self, span: Span | None) -> SourceSpan | None:
        """A located source span for a diagnostic."""
        if span is None or span.doc not in self.corpus.documents:
            return None
        doc = self.corpus.documents[span.doc]
        line, column = doc.position(span.start)
        return SourceSpan(
            path=doc.display,
            line=line,
            column=column,
            text=doc.text[span.start : span.end],
            start=span.start,
            end=span.end,
        )

    def display(self, key: str) -> str:
        doc = self.corpus.documents.get(key)
        return doc.display if doc else key
