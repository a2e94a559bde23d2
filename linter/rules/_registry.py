"""Shared logic of R101-R104: report what the loader recorded under the rule's code."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.diagnostics import Diagnostic
from linter.rules.base import Rule

if TYPE_CHECKING:
    from linter.context import Context


def registry_diagnostics(ctx: Context, rule: Rule) -> Iterator[Diagnostic]:
    """Only the loader sees the YAML nodes, so it finds these; the rule names and reports them."""
    for problem in ctx.registry.problems:
        if problem.code == rule.code:
            yield rule.diagnostic(
                problem.message, problem.location, claim=problem.claim, details=problem.details
            )
