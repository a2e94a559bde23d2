"""Shared logic of the S-rules: report each claim whose cited source had a problem."""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.diagnostics import Diagnostic
from linter.rules.base import Rule


def source_diagnostics(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    for claim in ctx.registry.claims:
        problem = ctx.corpus.problems.get(claim.source)
        if problem is not None and problem.code == rule.code:
            yield rule.diagnostic(
                problem.message,
                claim.at("source"),
                claim=claim.id,
                cited=claim.source,
            )
