"""What a rule is: a stable code, a kebab-case name, a default severity and its docs.

Each rule lives in its own module (as in yamllint): the module docstring is the
documentation ``claimlint rule CODE`` prints, with a passing and a failing
example, and ``check(ctx)`` yields the rule's diagnostics.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from linter.diagnostics import Diagnostic, Location, Severity, SourceSpan

if TYPE_CHECKING:
    from linter.context import Context

_LITERAL = re.compile(r"``(.+?)``", re.DOTALL)
# A docstring section "Passes:" or "Fails:" and the indented registry below it.
_EXAMPLE = re.compile(r"^(Passes|Fails):\n((?:[ \t]*\n|[ \t]+\S.*\n?)+)", re.MULTILINE)


@dataclass(frozen=True)
class Example:
    """A registry from a rule's docs: with it, the rule reports (``fails``) or not."""

    fails: bool
    registry: str


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    summary_markdown: str = ""
    doc: str = ""
    examples: tuple[Example, ...] = ()
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
        cited: str | None = None,
        others: Iterable[str] | None = None,
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
            cited=cited,
            others=tuple(others) if others is not None else None,
            details=details or {},
        )


def plain(doc: str) -> str:
    """A docstring as plain text: ````--fix```` (reStructuredText literal) prints as ``--fix``."""
    return _LITERAL.sub(r"\1", doc)


def markdown(text: str) -> str:
    """reStructuredText literals as Markdown code: ````value```` becomes `value`."""
    return _LITERAL.sub(r"`\1`", text)


def examples(doc: str) -> tuple[Example, ...]:
    """The registries under the docstring's ``Passes:`` and ``Fails:`` headings."""
    return tuple(
        Example(fails=m.group(1) == "Fails", registry=textwrap.dedent(m.group(2)).strip() + "\n")
        for m in _EXAMPLE.finditer(doc)
    )


def define(code: str, name: str, severity: Severity, doc: str | None) -> Rule:
    """Build a rule from its module docstring; the first line is its summary.

    The docstring is kept as plain text: it is printed by ``claimlint rule``
    and shipped in SARIF, neither of which renders reStructuredText; the
    summary keeps its literals for the README's table (Markdown).
    """
    raw = (doc or "").strip()
    text = plain(raw)
    summary = raw.splitlines()[0] if raw else name
    return Rule(
        code=code,
        name=name,
        severity=severity,
        summary=plain(summary),
        summary_markdown=markdown(summary),
        doc=text,
        examples=examples(text),
    )
