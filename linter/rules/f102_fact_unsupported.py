"""A claim's ``value`` is not what its own quote says.

The value is what the registry asserts; the quote is the evidence. If the
quote says "11 countries" and the value is 12, one of them is wrong. Numbers
and dates are read from the quote as for a claim without ``value`` (a quote
holding several numbers supports any of them); every member of a set must be
named in the quote; a name or text must appear in it (in any spelling listed
under ``aliases``).

Passes:

    topics:
      countries-invited: {kind: count}
    claims:
      - id: eleven-countries
        source: seeds/001_3de99958f30674d8.txt
        quote: which was attended by representatives of 11 countries
        topic: countries-invited
        value: eleven

Fails:

    topics:
      countries-invited: {kind: count}
    claims:
      - id: eleven-countries
        source: seeds/001_3de99958f30674d8.txt
        quote: which was attended by representatives of 11 countries
        topic: countries-invited
        value: 12
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.context import Context
from linter.diagnostics import Diagnostic, Severity
from linter.rules._facts import topics
from linter.rules.base import define

RULE = define("F102", "fact-unsupported", Severity.ERROR, __doc__)


def check(ctx: Context) -> Iterator[Diagnostic]:
    for analysis, readings in topics(ctx):
        for claim, reading in readings:
            if reading.unsupported is None or reading.fact is None:
                continue
            yield RULE.diagnostic(
                f"value {reading.fact.display} on '{analysis.topic.name}' is not what the "
                f"quote says: {reading.unsupported}",
                claim.at("value"),
                claim=claim.id,
                details={
                    "topic": analysis.topic.name,
                    "value": reading.fact.display,
                    "why": reading.unsupported,
                },
            )
