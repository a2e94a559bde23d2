"""Gather what the discrepancy report shows, as plain data, before any rendering.

Three renderers (Markdown, HTML, JSON) print the same report; gathering once
here keeps them from disagreeing about counts, order or context. Everything
is read from the loaded registry, the corpus, the fact analysis and the
diagnostics ``check`` produced: nothing is re-detected.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from linter.diagnostics import Diagnostic, Location
from linter.discover import Finding, discover_in
from linter.facts.analysis import aliased_spellings, normalized_path, source_meta
from linter.facts.model import (
    ACKNOWLEDGED,
    AGREES,
    CONFLICTS,
    EMPTY,
    SINGLE,
    UNSUPPORTED,
    AliasedSpellings,
    NameVariant,
    TopicAnalysis,
)
from linter.model import Claim, Registry
from linter.report.model import (
    UNDATED,
    AliasedSpellingReport,
    Citation,
    ClaimRef,
    Excerpt,
    NameVariantReport,
    QuoteProblem,
    Report,
    SpellingUse,
    Summary,
    TopicReport,
    ValueReport,
    date_key,
)
from linter.text.verdict import Outcome

if TYPE_CHECKING:
    from linter.context import Context

CONTEXT_WORDS = 8  # words of the source shown on each side of a quote
# Diagnostics listed under "quote problems": the quote checks and the sources
# they read. Fact findings (F) are the topic sections themselves.
QUOTE_PROBLEM_PREFIXES = ("Q", "S")

_WORD = re.compile(r"\S+")
STATUS_ORDER = {CONFLICTS: 0, UNSUPPORTED: 1, ACKNOWLEDGED: 2, AGREES: 3, SINGLE: 4, EMPTY: 5}

# A quote found in its source: the document's text, the quote's offsets, its position.
Found = tuple[str, int, int, Location]


def build(ctx: Context, diagnostics: Sequence[Diagnostic]) -> Report:
    """The report for a loaded context and the diagnostics ``check`` found."""
    facts = ctx.facts
    return assemble(
        ctx.registry,
        facts.topics,
        facts.variants,
        diagnostics,
        locate=lambda claim: locate_quote(ctx, claim),
        aliased=aliased_spellings(ctx.registry, facts.aliases),
        unregistered=discover_in(ctx),
    )


def assemble(
    registry: Registry,
    analyses: Iterable[TopicAnalysis],
    variants: Iterable[NameVariant],
    diagnostics: Sequence[Diagnostic],
    locate: Callable[[Claim], Found | None] | None = None,
    aliased: Iterable[AliasedSpellings] = (),
    unregistered: Iterable[Finding] = (),
) -> Report:
    """Combine already computed parts into a report (pure; what ``build`` wraps).

    ``locate(claim)`` returns ``(text, start, end, location)`` for a quote found
    in its source, or None; without it no quote has source context.
    """
    problems = quote_problems(diagnostics)
    by_claim: dict[str, dict[str, None]] = {}  # claim id -> its problems' codes, in order
    for problem in problems:
        if problem.claim:
            by_claim.setdefault(problem.claim, {})[problem.code] = None
    claims = {claim.id: claim for claim in registry.claims}

    def cite(claim_id: str) -> Citation | None:
        claim = claims.get(claim_id)
        if claim is None:
            return None
        found = locate(claim) if locate else None
        return citation(registry, claim, found, tuple(by_claim.get(claim_id, ())))

    reports = [topic_report(analysis, cite) for analysis in analyses]
    # Disagreements first; registry order otherwise (sorted() is stable).
    topics = tuple(sorted(reports, key=lambda t: STATUS_ORDER.get(t.status, len(STATUS_ORDER))))
    names = tuple(
        NameVariantReport(v.canonical_guess, tuple(v.spellings), tuple(v.claim_ids))
        for v in variants
    )
    summary = Summary(
        claims=len(registry.claims),
        sources=len(
            {normalized_path(c.source) for c in registry.claims}
            | {normalized_path(p) for p in registry.sources}
        ),
        topics=len(topics),
        conflicts=sum(t.status == CONFLICTS for t in topics),
        acknowledged=sum(t.status == ACKNOWLEDGED for t in topics),
        name_variants=len(names),
        quote_problems=len(problems),
    )
    spelled = tuple(aliased_report(registry, claims, entry) for entry in aliased)
    return Report(
        registry.display_path, summary, topics, names, problems, spelled, tuple(unregistered)
    )


def aliased_report(
    registry: Registry, claims: Mapping[str, Claim], entry: AliasedSpellings
) -> AliasedSpellingReport:
    """An alias entry's spellings, each claim (``claims`` by id) with its source's outlet."""

    def ref(claim_id: str) -> ClaimRef:
        claim = claims.get(claim_id)
        source = claim.source if claim else ""
        meta = source_meta(registry, source) if claim else None
        return ClaimRef(
            claim_id, source, meta.title if meta else None, meta.outlet if meta else None
        )

    return AliasedSpellingReport(
        entry.canonical,
        tuple(SpellingUse(spelling, tuple(map(ref, ids))) for spelling, ids in entry.by_spelling),
    )


def topic_report(analysis: TopicAnalysis, cite: Callable[[str], Citation | None]) -> TopicReport:
    """One topic's values, each with its citations, oldest first."""
    topic = analysis.topic
    values = []
    for group in analysis.groups:
        citations = [c for c in map(cite, group.claim_ids) if c is not None]
        citations.sort(key=lambda c: date_key(c.published))
        values.append(ValueReport(group.fact.display, group.fact.origin, tuple(citations)))
    values.sort(key=lambda v: min((date_key(c.published) for c in v.citations), default=UNDATED))
    latest = latest_value(values)
    values = [replace(v, latest=v is latest) for v in values]
    ack = topic.acknowledged
    unsupported = tuple(r.claim_id for r in analysis.readings if r.unsupported)
    status = analysis.status
    if unsupported and status in (AGREES, SINGLE):
        status = UNSUPPORTED  # never "Agrees" while a claim's own quote says otherwise
    return TopicReport(
        name=topic.name,
        kind=topic.kind,
        about=topic.about,
        status=status,
        reason=ack.reason if ack and analysis.status == ACKNOWLEDGED else None,
        acknowledged_values=tuple(str(v) for v in ack.values) if ack else (),
        values=tuple(values),
        conflicts=tuple((a, b) for a, b in analysis.conflicts),
        unreadable=tuple(analysis.unreadable),
        latest=latest.display if latest else None,
        unsupported=unsupported,
    )


def latest_value(values: Sequence[ValueReport]) -> ValueReport | None:
    """The value the most recent publication gives, if provably the most recent.

    Each value is dated by its newest dated citation. A value is the latest when
    the first day its newest date allows follows the last day every other
    value's newest date allows: "2018-11-09" is after "2018-11-08", but not
    provably after "2018-11" (which may be the 30th). Undated sources never count.
    """
    newest = []
    for value in values:
        spans = [_days(c.published) for c in value.citations]
        dated = [s for s in spans if s is not None]
        if dated:
            newest.append((max(dated, key=lambda s: (s[1], s[0])), value))
    if not newest:
        return None
    (first, _), best = max(newest, key=lambda item: (item[0][1], item[0][0]))
    others = [span for span, value in newest if value is not best]
    return best if all(first > last for _, last in others) else None


def _days(published: str | None) -> tuple[int, int] | None:
    key = date_key(published)
    return (key[2], key[1]) if key[0] == 0 else None


def citation(
    registry: Registry,
    claim: Claim,
    found: Found | None,
    problems: tuple[str, ...] = (),
) -> Citation:
    meta = source_meta(registry, claim.source)
    if found is None:
        excerpt = Excerpt("", claim.quote, "", found=False)
        location = None
    else:
        text, start, end, location = found
        excerpt = excerpt_of(text, start, end)
    return Citation(
        claim_id=claim.id,
        source=claim.source,
        title=meta.title if meta else None,
        outlet=meta.outlet if meta else None,
        published=str(meta.published) if meta and meta.published else None,
        excerpt=excerpt,
        location=location,
        claim_location=claim.location,
        problems=problems,
    )


def excerpt_of(text: str, start: int, end: int, words: int = CONTEXT_WORDS) -> Excerpt:
    """The quote ``text[start:end]`` with ``words`` words either side, whitespace folded."""
    before_words = _WORD.findall(text[:start])
    after_words = _WORD.findall(text[end:])
    # A quote starting or ending mid-word keeps the rest of that word attached.
    glued_before = start > 0 and not text[start - 1].isspace() and bool(before_words)
    glued_after = end < len(text) and not text[end].isspace() and bool(after_words)
    # The rest of a word (or the punctuation) glued to the quote is not a word of context.
    n_before = words + glued_before
    n_after = words + glued_after
    before = " ".join(before_words[-n_before:])
    after = " ".join(after_words[:n_after])
    if before and not glued_before:
        before += " "
    if after and not glued_after:
        after = " " + after
    return Excerpt(
        before=before,
        quote=" ".join(_WORD.findall(text[start:end])),
        after=after,
        found=True,
        clipped_before=len(before_words) > n_before,
        clipped_after=len(after_words) > n_after,
    )


def locate_quote(ctx: Context, claim: Claim) -> Found | None:
    """Where ``check`` found the claim's quote in the source it cites, if it did.

    A quote not found (Q101), or found only in another document (Q104), has no
    context to show: the report then shows the quote as the registry writes it.
    """
    verdict = ctx.verdict(claim)
    if verdict is None or verdict.span is None or verdict.outcome == Outcome.NOT_FOUND:
        return None
    document = ctx.corpus.cited(claim.source)
    span = verdict.span
    if document is None or span.doc != document.key:
        return None
    place = document.place(span.start)
    location = Location(document.display, place.line, place.column, **place.located())
    return document.text, span.start, span.end, location


def quote_problems(diagnostics: Iterable[Diagnostic]) -> tuple[QuoteProblem, ...]:
    """The quote and source diagnostics, in file order."""
    chosen = sorted(
        (d for d in diagnostics if d.code.startswith(QUOTE_PROBLEM_PREFIXES)),
        key=Diagnostic.sort_key,
    )
    return tuple(
        QuoteProblem(d.code, d.name, str(d.severity), d.message, d.location, d.claim, d.diff)
        for d in chosen
    )
