"""The quote is not in the source it cites, but another document holds it.

Citing the wrong document is a common slip when several articles cover the
same event. The message names every document of the corpus that holds the
quote. An exact match elsewhere wins over a mere near match in the cited
source. The corpus is every cited source plus every text file in the folders
that hold them, and any ``corpus`` globs set in ``[tool.claimlint]``.

Passes:

    claims:
      - id: observers
        source: seeds/004_09030c89965f0637.txt
        quote: The U.S. and India sent observers.

Fails:

    claims:
      - id: observers
        source: seeds/001_3de99958f30674d8.txt
        quote: The U.S. and India sent observers.
"""

from collections.abc import Iterator

from linter.context import Context
from linter.diagnostics import Diagnostic, Severity
from linter.rules._quote import QuoteFinding, quote_diagnostics
from linter.rules.base import define

RULE = define("Q104", "quote-misattributed", Severity.ERROR, __doc__)


def check(ctx: Context) -> Iterator[Diagnostic]:
    yield from quote_diagnostics(ctx, RULE, message)


def message(f: QuoteFinding) -> str:
    holders = list(f.holders)
    if f.located is not None and f.located in holders:  # the located holder first, with its place
        holders.remove(f.located)
        holders.insert(0, f.where or f.located)
    exact = f.score is not None and f.score >= 1.0
    kind = "is in" if exact else f"closely matches{f.similarity} text in"
    return (
        f"quote is not in the cited source '{f.cited}' but {kind} {', '.join(holders)};"
        " cite the source that holds it"
    )
