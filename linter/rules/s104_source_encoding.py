"""The cited source's encoding was repaired, or holds mojibake that was not.

Sources should be UTF-8. A file in Windows-1252 or UTF-16 is refused (S103)
unless ``repair-encoding = true`` (or ``--repair-encoding``) is set; then it
is decoded, and this rule says so (an info), naming the encoding and why. Text
that is UTF-8 but holds mojibake (Windows-1252 curly quotes read as Latin-1,
U+0093 where “ belongs, or "â€™" for ’) is reported with its line and column
(a warning: quotes with curly quotes, dashes or accents will not match there);
with repair on, ftfy repairs it (the ``encodings`` extra) and an info says so.
Repairs are never silent: the text quotes are checked against is not the file's.

Passes:

    claims:
      - id: lavrov-promise
        source: seeds/001_3de99958f30674d8.txt   # UTF-8, no mojibake
        quote: promised to work for a united and peaceful Afghanistan

Fails:

    claims:
      - id: lavrov-promise
        source: docs/examples/mojibake.txt       # U+0093 and U+0094 around "united"
        quote: promised to work for a “united” and peaceful Afghanistan
"""

from collections.abc import Iterator

from linter.context import Context
from linter.diagnostics import Diagnostic, Severity
from linter.rules.base import define

RULE = define("S104", "source-encoding", Severity.WARNING, __doc__)


def check(ctx: Context) -> Iterator[Diagnostic]:
    for claim in ctx.registry.claims:
        document = ctx.corpus.cited(claim.source)
        for note in document.notes if document is not None else ():
            yield RULE.diagnostic(
                f"source '{claim.source}': {note.message}",
                claim.at("source"),
                claim=claim.id,
                severity=Severity(note.severity),
                cited=claim.source,
            )
