"""Diagnostics are plain data: detection builds them, formatters render them.

Keeping them separate from both (as pyflakes does with its messages) lets one
check feed the terminal, JSON, SARIF and the discrepancy report alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Location:
    """A 1-based line and column in a file (``path`` as the user should see it)."""

    path: str
    line: int
    column: int
    place: str = ""  # "page 2, line 3, column 5" in a PDF, where line:column would mislead
    page: int | None = None  # in a PDF (``line`` is then the line on the page)
    paragraph: int | None = None  # in a Word file (``line`` is then the paragraph too)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """The span of a source document a diagnostic points at (closest match, holder, ...)."""

    path: str
    line: int
    column: int
    text: str
    start: int = 0  # offsets into the document's extracted text
    end: int = 0
    # "page 2, line 3, column 5" (PDF) or "paragraph 4, column 1" (Word): line:column alone
    # would mislead there; empty for text and web pages, located by line and column.
    place: str = ""
    page: int | None = None  # in a PDF (``line`` is then the line on the page)
    paragraph: int | None = None  # in a Word file (``line`` is then the paragraph too)

    @property
    def where(self) -> str:
        if self.place:
            return f"{self.path} ({self.place})"
        return f"{self.path}:{self.line}:{self.column}"


def line_column(
    text: str, offset: int, start: int = 0, line: int = 1, column: int = 1
) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text`` (only a line feed ends a line),
    counting from ``start``, which is at (``line``, ``column``): the one way claimlint
    turns an offset into a position."""
    breaks = text.count("\n", start, offset)
    if not breaks:
        return line, column + offset - start
    return line + breaks, offset - text.rfind("\n", start, offset)


def placement(where: Location | SourceSpan) -> dict[str, Any]:
    """The page, paragraph and readable place of a location, for machine-readable outputs.

    Tools cannot parse "page 2, line 3, column 5" reliably, so PDF and Word
    locations are also given as numbers; each is None where it does not apply
    (``place`` too: a text file or web page is located by its line and column).
    """
    return {"page": where.page, "paragraph": where.paragraph, "place": where.place or None}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found. ``name`` and ``severity`` come from the rule that found it."""

    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    claim: str | None = None
    source: SourceSpan | None = None
    score: float | None = None
    # A compact word-level diff of quote against source, e.g. "five-man -> four-man".
    diff: str | None = None
    # The source the claim cites, as written: with the code and claim, a finding's identity
    # across runs (fingerprints). Set by the rules about a claim's source or quote.
    cited: str | None = None
    # The other claims a finding involves (F101, F103): a ``--diff-base`` run that touches
    # any of them keeps it. None where the rule names no other claims.
    others: tuple[str, ...] | None = None
    # Free-form structured details for machine-readable outputs (values, holders, ...).
    details: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def path(self) -> str:
        return self.location.path

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column

    def sort_key(self) -> tuple:
        return (self.location.path, self.location.line, self.location.column, self.code)
