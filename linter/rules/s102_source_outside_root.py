"""The cited source lies outside the registry's folder.

A registry must be checkable from a clean clone, and a hook must never be
tricked into reading arbitrary files: absolute paths, ``..`` and symbolic
links that lead out of the registry's folder are refused. Copy the document
into the repository and cite it by its relative path.

Passes:

    claims:
      - id: lavrov-promise
        source: seeds/001_3de99958f30674d8.txt
        quote: promised to work for a united and peaceful Afghanistan

Fails:

    claims:
      - id: lavrov-promise
        source: /etc/passwd
        quote: root
"""

from collections.abc import Iterator

from linter.context import Context
from linter.diagnostics import Diagnostic, Severity
from linter.rules._source import source_diagnostics
from linter.rules.base import define

RULE = define("S102", "source-outside-root", Severity.ERROR, __doc__)


def check(ctx: Context) -> Iterator[Diagnostic]:
    yield from source_diagnostics(ctx, RULE)
