"""A registry entry has the wrong shape: missing, unknown or mistyped fields.

The registry is a mapping with a ``claims:`` list and optional ``sources:``,
``aliases:`` and ``topics:`` sections.  Each claim needs ``id`` (a lower-case
slug such as ``talks-held``), ``source`` (a path) and ``quote`` (non-empty
text); it may have ``claim``, ``topic``, ``value`` (a scalar or a list of
scalars), ``complete`` (true/false) and ``ignore`` (rule code -> reason).
An unknown field is usually a typo, so it is an error with a suggestion
rather than silently ignored.  A claim with a usable id, source and quote is
still checked by the other rules.

Passes:

    claims:
      - id: delegations-count
        source: seeds/001_3de99958f30674d8.txt
        quote: which was attended by representatives of 11 countries
        claim: Eleven countries sent delegations

Fails:

    claims:
      - id: Delegations Count            # not a lower-case slug
        source: seeds/001_3de99958f30674d8.txt
        qoute: which was attended by representatives of 11 countries   # did you mean 'quote'?
        ignore:
          Q999: no such rule
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.diagnostics import Diagnostic, Severity
from linter.model import Registry
from linter.rules import all_rules, by_name_or_code
from linter.rules._registry import registry_diagnostics
from linter.rules.base import define
from linter.suggest import closest

if TYPE_CHECKING:
    from linter.context import Context

RULE = define("R102", "registry-schema", Severity.ERROR, __doc__)


def check(ctx: Context) -> Iterator[Diagnostic]:
    """The shapes the loader found wrong (only it sees the YAML nodes), then the
    ``ignore`` codes no rule has (only the catalogue knows them)."""
    yield from registry_diagnostics(ctx, RULE)
    yield from unknown_ignores(ctx.registry)


def unknown_ignores(registry: Registry) -> Iterator[Diagnostic]:
    """An ``ignore:`` entry whose code is no rule's, with the code it most likely meant."""
    codes = list(all_rules())
    for entry in registry.ignored_codes:
        if entry.code in codes:
            continue
        named = by_name_or_code(entry.code)
        if named is not None and named.code != entry.code:
            hint = f"; use the code '{named.code}'"
        elif close := closest(entry.code, codes):
            hint = f"; did you mean '{close}'?"
        else:
            hint = "; 'claimlint rules' lists them"
        yield RULE.diagnostic(
            f"unknown rule code '{entry.code}' in 'ignore' of {entry.label}{hint}",
            entry.location,
            claim=entry.claim,
        )
