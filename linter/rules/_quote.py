"""Shared wording for the Q-rules, so the four quote outcomes read alike."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.diagnostics import Diagnostic
from linter.rules.base import Rule


def quote_diagnostics(ctx: Context, rule: Rule, outcome: str) -> Iterator[Diagnostic]:
    """One diagnostic per claim whose verdict has ``outcome``."""
    for claim in ctx.registry.claims:
        verdict = ctx.verdict(claim)
        if verdict is None or verdict.outcome != outcome:
            continue
        source = ctx.span(verdict.span)
        yield rule.diagnostic(
            describe(ctx, rule.code, claim.source, verdict, source),
            claim.at("quote"),
            claim=claim.id,
            source=source,
            score=round(verdict.score, 3) if verdict.score is not None else None,
            diff=verdict.diff,
            details={
                "cited": claim.source,
                "holders": [ctx.display(h) for h in verdict.holders],
                "changes": list(verdict.changes),
                "suspects": list(verdict.suspects),
            },
        )


def describe(ctx: Context, code: str, cited: str, verdict, source) -> str:
    where = source.where if source else None
    score = f" (similarity {verdict.score:.2f})" if verdict.score is not None else ""
    suspects = (
        "; suspect look-alike character: " + "; ".join(verdict.suspects) if verdict.suspects else ""
    )
    if code == "Q101":
        closest = f"; the closest text, at {where}{score}, is too different" if where else ""
        return (
            f"quote not found in '{cited}' nor in any other source{closest}; a paraphrase is not"
            " a quote: copy the exact words from the source, or move the wording to 'claim:'"
        )
    if code == "Q102":
        return (
            f"quote differs from the source at {where}{score}{suspects}; copy the source's exact"
            " words (claimlint check --fix does it), or mark editorial changes with [brackets]"
        )
    if code == "Q103":
        changes = "; ".join(verdict.changes) or "a number or negation differs"
        return (
            f"quote changes the meaning of the source at {where}{score}: {changes}; quote the"
            " source's numbers and negations exactly"
        )
    holders = [ctx.display(h) for h in verdict.holders]
    # Name the located holder first, with its place.
    if source is not None and source.path in holders:
        holders.remove(source.path)
        holders.insert(0, where or source.path)
    exact = verdict.score is not None and verdict.score >= 1.0
    kind = "is in" if exact else f"closely matches{score} text in"
    return (
        f"quote is not in the cited source '{cited}' but {kind} {', '.join(holders)};"
        " cite the source that holds it"
    )
