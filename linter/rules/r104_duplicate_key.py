"""A mapping repeats a key.

YAML loaders silently keep only the last of two equal keys, so a claim with
two ``quote:`` lines would have one quote quietly dropped.  claimlint reports
the second occurrence (naming the line of the first) anywhere in the file and
reads the first.

Passes:

    claims:
      - id: mixed-results
        source: seeds/000_592aeca20ffb493b.txt
        quote: "The Moscow conference had its ups and downs."

Fails:

    claims:
      - id: mixed-results
        source: seeds/000_592aeca20ffb493b.txt
        quote: "The Moscow conference had its ups and downs."
        quote: "It was not a peace process"   # a second 'quote' key
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.diagnostics import Diagnostic, Severity
from linter.rules._registry import registry_diagnostics
from linter.rules.base import define

if TYPE_CHECKING:
    from linter.context import Context

RULE = define("R104", "duplicate-key", Severity.ERROR, __doc__)


def check(ctx: Context) -> Iterator[Diagnostic]:
    """Found by the loader, which sees the YAML events; here they are only reported."""
    yield from registry_diagnostics(ctx, RULE)
