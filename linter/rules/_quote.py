"""What the Q-rules share: one diagnostic per claim whose verdict is the rule's outcome.

The wording is each rule's own (its module's ``message``), from a typed ``QuoteFinding``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from linter.context import Context
from linter.diagnostics import Diagnostic
from linter.rules.base import Rule
from linter.rules.outcomes import CODE_OUTCOME


@dataclass(frozen=True)
class QuoteFinding:
    """What a quote message may say: the cited source and where the verdict found text."""

    cited: str
    where: str | None  # the located span, "path:line:column", if any
    located: str | None  # the located span's document, as displayed
    score: float | None
    suspects: tuple[str, ...]
    changes: tuple[str, ...]
    holders: tuple[str, ...]  # every document holding the quote, as displayed

    @property
    def similarity(self) -> str:
        return f" (similarity {self.score:.2f})" if self.score is not None else ""


def quote_diagnostics(
    ctx: Context, rule: Rule, message: Callable[[QuoteFinding], str]
) -> Iterator[Diagnostic]:
    """One diagnostic per claim whose verdict has ``rule``'s outcome, worded by ``message``."""
    outcome = CODE_OUTCOME[rule.code]
    for claim in ctx.registry.claims:
        verdict = ctx.verdict(claim)
        if verdict is None or verdict.outcome != outcome:
            continue
        source = ctx.span(verdict.span)
        holders = tuple(ctx.display(h) for h in verdict.holders)
        finding = QuoteFinding(
            cited=claim.source,
            where=source.where if source else None,
            located=source.path if source else None,
            score=verdict.score,
            suspects=tuple(verdict.suspects),
            changes=tuple(verdict.changes),
            holders=holders,
        )
        yield rule.diagnostic(
            message(finding),
            claim.at("quote"),
            claim=claim.id,
            source=source,
            score=round(verdict.score, 3) if verdict.score is not None else None,
            diff=verdict.diff,
            cited=claim.source,
            details={
                "holders": list(holders),
                "changes": list(verdict.changes),
                "suspects": list(verdict.suspects),
            },
        )
