"""A claim names a topic that the ``topics`` section does not define.

A topic must be declared (with its kind) before claims can compare values on
it; an undeclared one is usually a typo, and its facts would silently never be
compared. The message suggests the closest declared topic. A topic declared
but invalid (a missing or unknown ``kind``) is not unknown: R102 reports it once,
and its claims get no F104 as well.

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
    registry = ctx.registry
    topics = list(registry.topics)
    for claim in registry.claims:
        if claim.topic is None or claim.topic in registry.topics:
            continue
        if claim.topic in registry.invalid_topics:
            continue  # declared, but invalid: its R102 already explains the problem
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
