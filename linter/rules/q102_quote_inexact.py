"""The quote is close to a span of its source, but some word differs.

Typography never counts (curly or straight quotes, dashes, white space,
zero-width characters, Unicode composition, the case of the first letter), nor
do editorial marks (``...`` for omitted text, ``[brackets]`` for insertions).
Anything else does: a changed, added or dropped word, a letter's case inside
the quote, or a look-alike character from another script (a Cyrillic "і" in
"Sergei"), which the message names. ``claimlint check --fix`` replaces the
quote with the source's exact words.

Passes:

    claims:
      - id: talks-jovial
        source: seeds/001_3de99958f30674d8.txt
        quote: the atmosphere was jovial and almost festive

Fails:

    claims:
      - id: talks-jovial
        source: seeds/001_3de99958f30674d8.txt
        quote: the atmosphere was jovial and very festive
"""

from collections.abc import Iterator

from linter.context import Context
from linter.diagnostics import Diagnostic, Severity
from linter.rules._quote import QuoteFinding, quote_diagnostics
from linter.rules.base import define

RULE = define("Q102", "quote-inexact", Severity.WARNING, __doc__)


def check(ctx: Context) -> Iterator[Diagnostic]:
    yield from quote_diagnostics(ctx, RULE, message)


def message(f: QuoteFinding) -> str:
    suspects = "; suspect look-alike character: " + "; ".join(f.suspects) if f.suspects else ""
    return (
        f"quote differs from the source at {f.where}{f.similarity}{suspects}; copy the source's"
        " exact words (claimlint check --fix does it), or mark editorial changes with [brackets]"
    )
