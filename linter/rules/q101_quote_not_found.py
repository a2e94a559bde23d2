"""The quote is in no source: not in the one it cites, nor anywhere in the corpus.

A quote must be the source's own words. A paraphrase, a summary or an invented
sentence is not a quote; put such wording under ``claim:`` instead. The
message shows the closest text found, if any, and its similarity.

Passes:

    claims:
      - id: lavrov-promise
        source: seeds/001_3de99958f30674d8.txt
        quote: promised to work for a united and peaceful Afghanistan

Fails:

    claims:
      - id: lavrov-promise
        source: seeds/001_3de99958f30674d8.txt
        quote: Lavrov vowed to bring peace and unity to Afghanistan
"""

from collections.abc import Iterator

from linter.context import Context
from linter.diagnostics import Diagnostic, Severity
from linter.rules._quote import QuoteFinding, quote_diagnostics
from linter.rules.base import define

RULE = define("Q101", "quote-not-found", Severity.ERROR, __doc__)


def check(ctx: Context) -> Iterator[Diagnostic]:
    yield from quote_diagnostics(ctx, RULE, message)


def message(f: QuoteFinding) -> str:
    closest = f"; the closest text, at {f.where}{f.similarity}, is too different" if f.where else ""
    return (
        f"quote not found in '{f.cited}' nor in any other source{closest}; a paraphrase is not"
        " a quote: copy the exact words from the source, or move the wording to 'claim:'"
    )
