"""A claim names a topic that the ``topics`` section does not define.

A topic must be declared (with its kind) before claims can compare values on
it; an undeclared one is usually a typo, and its facts would silently never be
compared. The message suggests the closest declared topic.

Passes:

    topics:
      delegation-size: {kind: count}
    claims:
      - id: five-man
        source: seeds/001_3de99958f30674d8.txt
        quote: sitting between a five-man Taliban delegation
        topic: delegation-size

Fails:

    topics:
      delegation-size: {kind: count}
    claims:
      - id: five-man
        source: seeds/001_3de99958f30674d8.txt
        quote: sitting between a five-man Taliban delegation
        topic: delegation-sise
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.diagnostics import Diagnostic, Severity
from linter.rules.base import define
from linter.suggest import closest

RULE = define("F104", "unknown-topic", Severity.ERROR, __doc__)


def check(ctx: Context) -> Iterator[Diagnostic]:
    topics = list(ctx.registry.topics)
    for claim in ctx.registry.claims:
        if claim.topic is None or claim.topic in ctx.registry.topics:
            continue
        close = closest(claim.topic, topics)
        if close:
            hint = f"; did you mean '{close}'?"
        elif topics:
            hint = f"; declared topics: {', '.join(topics)}"
        else:
            hint = "; declare it under 'topics:' with its kind"
        yield RULE.diagnostic(
            f"unknown topic '{claim.topic}'{hint}",
            claim.at("topic"),
            claim=claim.id,
            details={"topic": claim.topic, "suggestion": close},
        )
