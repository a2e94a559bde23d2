"""The quote differs from its source in a number or a negation.

This is the error a fact-checker must never let through: "five-man" become
"four-man", "not" dropped, "doubled" turned into "tripled". Numbers include
digits, number words, hyphenated compounds ("five-man", "nine-year"),
multipliers and years, compared in order (swapping two numbers is a change);
any digit counts, glued to letters or not ("G7" -> "G8", ".925"), and so does
every number word of a compound ("one-for-one"); the message names the word
holding it. The same value written differently ("eleven" for "11") is only Q102.
Negations include not, no, never, n't, neither/nor, without. ``--fix`` never
touches these: a changed number needs a human.

Passes:

    claims:
      - id: delegation
        source: seeds/001_3de99958f30674d8.txt
        quote: sitting between a five-man Taliban delegation and four members

Fails:

    claims:
      - id: delegation
        source: seeds/001_3de99958f30674d8.txt
        quote: sitting between a four-man Taliban delegation and five members
"""

from collections.abc import Iterator

from linter.context import Context
from linter.diagnostics import Diagnostic, Severity
from linter.rules._quote import QuoteFinding, quote_diagnostics
from linter.rules.base import define

RULE = define("Q103", "quote-meaning-changed", Severity.ERROR, __doc__)


def check(ctx: Context) -> Iterator[Diagnostic]:
    yield from quote_diagnostics(ctx, RULE, message)


def message(f: QuoteFinding) -> str:
    changes = "; ".join(f.changes) or "a number or negation differs"
    return (
        f"quote changes the meaning of the source at {f.where}{f.similarity}: {changes}; quote"
        " the source's numbers and negations exactly"
    )
