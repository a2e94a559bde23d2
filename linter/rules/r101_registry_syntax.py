"""The registry file is not valid YAML, or uses YAML features a registry must not.

claimlint reads ``claims.yaml`` strictly: a syntax error, bytes that are not
UTF-8, control characters, tabs used for indentation, a second document, or
any YAML anchor/alias or custom tag is reported at its line and column, and
nothing after a fatal error is checked.  Aliases are refused outright (a few
nested aliases can expand to billions of nodes), as are nestings deeper than
50 levels and files larger than 50 MB.  A UTF-8 byte-order mark and CRLF line
ends are fine.

Passes:

    claims:
      - id: lavrov-promise
        source: seeds/001_3de99958f30674d8.txt
        quote: "Lavrov on Friday promised to work for a united and peaceful Afghanistan"

Fails:

    claims:
      - id: lavrov-promise
        source: seeds/001_3de99958f30674d8.txt
        quote: Lavrov on Friday: promised to work   # ': ' in a plain value; quote it
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.diagnostics import Diagnostic, Severity
from linter.rules._registry import registry_diagnostics
from linter.rules.base import define

if TYPE_CHECKING:
    from linter.context import Context

RULE = define("R101", "registry-syntax", Severity.ERROR, __doc__)


def check(ctx: Context) -> Iterator[Diagnostic]:
    """Found by the loader, which sees the YAML events; here they are only reported."""
    yield from registry_diagnostics(ctx, RULE)
