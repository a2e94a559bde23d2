"""No value can be read for a claim on a topic: none given, none in the quote.

A claim on a topic takes part in comparisons only through its value. Without
``value``, it is read from the quote by the topic's kind: a number (digits,
number words, "five-man", "1.5 million", "almost 30", "between 600,000 and
1.5 million"), a date (a missing year comes from the source's ``published``
date and is never guessed), a list of names, or a name. When the quote holds
none, or several different ones, say which with ``value``. A ``value`` that is
not of the topic's kind, and an ``acknowledged`` value that is not, are
reported too.

Passes:

    topics:
      delegation-size: {kind: count}
    claims:
      - id: delegation
        source: seeds/004_09030c89965f0637.txt
        quote: the group's five-person delegation
        topic: delegation-size

Fails:

    topics:
      delegation-size: {kind: count}
    claims:
      - id: delegation
        source: seeds/004_09030c89965f0637.txt
        quote: The U.S. and India sent observers.
        topic: delegation-size
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.diagnostics import Diagnostic, Severity
from linter.rules._facts import topics, value_at
from linter.rules.base import define

RULE = define("F105", "value-unreadable", Severity.ERROR, __doc__)


def check(ctx: Context) -> Iterator[Diagnostic]:
    for analysis, readings in topics(ctx):
        topic = analysis.topic
        for claim, reading in readings:
            if reading.problem is None:
                continue
            yield RULE.diagnostic(
                f"no {topic.kind} value for '{topic.name}' can be read: {reading.problem}",
                value_at(claim),
                claim=claim.id,
                details={"topic": topic.name, "kind": topic.kind, "given": claim.value is not None},
            )
        if topic.acknowledged is not None:
            for problem in analysis.acknowledged_unreadable:
                yield RULE.diagnostic(
                    f"an acknowledged value of '{topic.name}' is not a {topic.kind}: {problem}",
                    topic.acknowledged.location,
                    details={"topic": topic.name, "kind": topic.kind},
                )
