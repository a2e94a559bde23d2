"""The discrepancy report as plain data: what ``build`` gathers and the renderers print.

Frozen and free of any loading or detection, so Markdown, HTML and JSON read one
shape and a test can build a report by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.diagnostics import Location
from linter.discover import Finding
from linter.facts.dates import interval


@dataclass(frozen=True)
class Excerpt:
    """A quote as the source has it, with a few words either side.

    ``found`` is False when the quote could not be located in its source;
    then ``quote`` is the quote as the registry writes it and there is no context.
    """

    before: str
    quote: str
    after: str
    found: bool
    clipped_before: bool = False  # more source text precedes ``before``
    clipped_after: bool = False


@dataclass(frozen=True)
class Citation:
    """One claim giving a value: who published it, when, and where it says so."""

    claim_id: str
    source: str  # the source path as the registry writes it
    title: str | None
    outlet: str | None
    published: str | None  # ISO date as written (YYYY, YYYY-MM or YYYY-MM-DD)
    excerpt: Excerpt
    location: Location | None  # where the quote starts in the source, if found
    claim_location: Location  # where the claim is in the registry
    problems: tuple[str, ...] = ()  # codes of quote problems reported on this claim

    @property
    def where(self) -> str:
        """``path:line`` of the quote in its source, else the source path alone."""
        if self.location is None:
            return self.source
        if self.location.place:  # a PDF's page and line, a Word file's paragraph
            return f"{self.location.path} ({self.location.place})"
        return f"{self.location.path}:{self.location.line}"


@dataclass(frozen=True)
class ValueReport:
    """One distinct value on a topic and the citations giving it, oldest first."""

    display: str
    origin: str
    citations: tuple[Citation, ...]
    latest: bool = False  # given by the most recently published source (see ``latest_value``)


@dataclass(frozen=True)
class TopicReport:
    name: str
    kind: str
    about: str | None
    status: str
    reason: str | None  # the acknowledgement's reason, when acknowledged
    acknowledged_values: tuple[str, ...]
    values: tuple[ValueReport, ...]  # ordered by their earliest publication
    conflicts: tuple[tuple[str, str], ...]
    unreadable: tuple[str, ...]  # claim ids whose value could not be read
    latest: str | None = None  # the value the latest publication gives, when one is latest
    unsupported: tuple[str, ...] = ()  # claim ids whose value their quote does not give (F102)

    def timeline(self) -> list[tuple[ValueReport, Citation]]:
        """Every citation with its value, oldest publication first.

        Read down, it shows a later report superseding an earlier one.
        """
        rows = [(value, cite) for value in self.values for cite in value.citations]
        return sorted(rows, key=lambda row: date_key(row[1].published))


@dataclass(frozen=True)
class NameVariantReport:
    canonical: str
    spellings: tuple[str, ...]
    claim_ids: tuple[str, ...]


@dataclass(frozen=True)
class ClaimRef:
    """A claim, and who published the source it cites."""

    claim_id: str
    source: str
    title: str | None
    outlet: str | None


@dataclass(frozen=True)
class SpellingUse:
    spelling: str  # as the aliases table writes it
    claims: tuple[ClaimRef, ...]


@dataclass(frozen=True)
class AliasedSpellingReport:
    """An alias entry whose spellings differ across claims, each with the claims using it."""

    canonical: str
    spellings: tuple[SpellingUse, ...]


@dataclass(frozen=True)
class QuoteProblem:
    code: str
    name: str
    severity: str
    message: str
    location: Location
    claim: str | None
    diff: str | None

    @property
    def where(self) -> str:
        """``path:line:column`` of the claim in the registry."""
        return str(self.location)


@dataclass(frozen=True)
class Summary:
    claims: int
    sources: int
    topics: int
    conflicts: int
    acknowledged: int
    name_variants: int
    quote_problems: int


@dataclass(frozen=True)
class Report:
    registry: str  # the registry path as the user should see it
    summary: Summary
    topics: tuple[TopicReport, ...]
    name_variants: tuple[NameVariantReport, ...]
    quote_problems: tuple[QuoteProblem, ...]
    aliased_spellings: tuple[AliasedSpellingReport, ...] = ()
    unregistered: tuple[Finding, ...] = ()  # what ``claimlint discover`` finds


UNDATED = (2, 0, 0, "")  # what date_key gives a source without a date: last
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def date_key(published: str | None) -> tuple[int, int, int, str]:
    """Oldest first, by the latest day a (partial) date allows, then the earliest.

    A date known only to the month or year sorts at that month's or year's end,
    after the precise dates within it, since it cannot be shown to precede
    them. Unreadable dates follow the readable ones; undated sources come last.
    """
    if not published:
        return UNDATED
    match = _ISO.fullmatch(published.strip())
    days = None
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
        days = interval(year, month, day)
    if days is None:
        return (1, 0, 0, published)
    first, last = days
    return (0, last, first, published)
