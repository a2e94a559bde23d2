"""The cited source file does not exist.

Paths are relative to the folder holding the registry. Check the spelling,
or add the document to the repository.

Passes:

    claims:
      - id: lavrov-promise
        source: seeds/001_3de99958f30674d8.txt
        quote: promised to work for a united and peaceful Afghanistan

Fails:

    claims:
      - id: lavrov-promise
        source: seeds/001_3de99958f30674d8.text
        quote: promised to work for a united and peaceful Afghanistan
"""

from collections.abc import Iterator

from linter.context import Context
from linter.diagnostics import Diagnostic, Severity
from linter.rules._source import source_diagnostics
from linter.rules.base import define

RULE = define("S101", "source-missing", Severity.ERROR, __doc__)


def check(ctx: Context) -> Iterator[Diagnostic]:
    yield from source_diagnostics(ctx, RULE)
