"""What a rule is: a stable code, a kebab-case name, a default severity and its docs.

Each rule lives in its own module (as in yamllint): the module docstring is the
documentation ``claimlint rule CODE`` prints, with a passing and a failing
example, and ``check(ctx)`` yields the rule's diagnostics.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from linter.diagnostics import Diagnostic, Location, Severity, SourceSpan

if TYPE_CHECKING:
    from linter.context import Context

_LITERAL = re.compile(r"``(.+?)``", re.DOTALL)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    doc: str = ""
    check: Callable[[Context], Iterator[Diagnostic]] | None = field(default=None, compare=False)

    def diagnostic(
        self,
        message: str,
        location: Location,
        *,
        claim: str | None = None,
        source: SourceSpan | None = None,
        score: float | None = None,
        diff: str | None = None,
        severity: Severity | None = None,
        details: dict[str, Any] | None = None,
    ) -> Diagnostic:
        return Diagnostic(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=message,
            location=location,
            claim=claim,
            source=source,
            score=score,
            diff=diff,
            details=details or {},
        )


def plain(doc: str) -> str:
    """A docstring as plain text: ````--fix```` (reStructuredText literal) prints as ``--fix``."""
    return _LITERAL.sub(r"\1", doc)


def define(code: str, name: str, severity: Severity, doc: str | None) -> Rule:
    """Build a rule from its module docstring; the first line is its summary.

    The docstring is kept as plain text: it is printed by ``claimlint rule``
    and shipped in SARIF, neither of which renders reStructuredText.
    """
    text = plain((doc or "").strip())
    summary = text.splitlines()[0] if text else name
    return Rule(code=code, name=name, severity=severity, summary=summary, doc=text)
