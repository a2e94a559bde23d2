"""Two claims share an id.

Ids name claims in reports, in ``--fix`` and in discussions between
fact-checkers; a reused id makes every one of those ambiguous.  The second
and later claims with the id are reported at their ``id:`` value, naming the
line of the first.

Passes:

    claims:
      - id: mixed-results
        source: seeds/000_592aeca20ffb493b.txt
        quote: "The Moscow conference had its ups and downs."
      - id: delegations-count
        source: seeds/001_3de99958f30674d8.txt
        quote: which was attended by representatives of 11 countries

Fails:

    claims:
      - id: mixed-results
        source: seeds/000_592aeca20ffb493b.txt
        quote: "The Moscow conference had its ups and downs."
      - id: mixed-results              # same id as the claim above
        source: seeds/001_3de99958f30674d8.txt
        quote: which was attended by representatives of 11 countries
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.diagnostics import Diagnostic, Severity
from linter.rules._registry import registry_diagnostics
from linter.rules.base import define

if TYPE_CHECKING:
    from linter.context import Context

RULE = define("R103", "duplicate-id", Severity.ERROR, __doc__)


def check(ctx: Context) -> Iterator[Diagnostic]:
    """Found by the loader while reading claims; here they are only reported."""
    yield from registry_diagnostics(ctx, RULE)
