"""The cited source is not readable text.

Sources are UTF-8 text files, web pages (``.html``), PDFs and Word files
(``.docx``), whose text is extracted. A binary file of another kind, a file in
another encoding (with the line and column of its first bad byte and the
encoding it looks like), a PDF with no text in it (a scan), a directory or a
file that cannot be opened is reported with the reason. So is a PDF or Word
file when the library that reads it is not installed: the message names the
extra to install (``pip install 'claimlint-citations[pdf]'``). A UTF-8 byte
order mark and CRLF line ends are fine.

Passes:

    claims:
      - id: lavrov-promise
        source: seeds/001_3de99958f30674d8.txt   # UTF-8 text
        quote: promised to work for a united and peaceful Afghanistan

Fails:

    claims:
      - id: lavrov-promise
        source: seeds                            # a folder, not a file
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
