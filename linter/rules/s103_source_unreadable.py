"""The cited source is not readable text.

Sources must be UTF-8 text files. A binary file (one holding NUL bytes), a file
in another encoding, a directory or a file that cannot be opened is reported
with the reason. A UTF-8 byte order mark and CRLF line ends are fine.

Passes:
    - id: lavrov-promise
      source: seeds/001_3de99958f30674d8.txt   # UTF-8 text
      quote: promised to work for a united and peaceful Afghanistan

Fails:
    - id: lavrov-promise
      source: seeds/scan.pdf                   # binary
      quote: promised to work for a united and peaceful Afghanistan
"""

from collections.abc import Iterator

from linter.context import Context
from linter.diagnostics import Diagnostic, Severity
from linter.rules._source import source_diagnostics
from linter.rules.base import define

RULE = define("S103", "source-unreadable", Severity.ERROR, __doc__)


def check(ctx: Context) -> Iterator[Diagnostic]:
    yield from source_diagnostics(ctx, RULE)
