"""Wording shared by the human-readable renderers (Markdown and HTML).

One table of labels keeps both renderers saying the same thing, and status is
always spelled out in words (a symbol only adds to it), never shown by colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from linter import escape
from linter.report.model import Citation, ClaimRef, Excerpt, Summary

# status -> (symbol, label, what it means)
STATUS = {
    "conflicts": ("✗", "Conflicts", "sources disagree"),
    "acknowledged": ("!", "Acknowledged", "sources disagree; the disagreement is acknowledged"),
    "unsupported": (
        "✗",
        "Unsupported value",
        "a claim's value is not what its own quote says (F102)",
    ),
    "agrees": ("✓", "Agrees", "all sources agree"),
    "single": ("·", "Single source", "only one source gives a value"),
    "empty": ("–", "No values", "no claim gives a value"),
}

# Summary field -> label, in the order the counts are shown.
SUMMARY = (
    ("claims", "Claims"),
    ("sources", "Sources"),
    ("topics", "Topics"),
    ("conflicts", "Conflicts"),
    ("acknowledged", "Acknowledged"),
    ("name_variants", "Name variants"),
    ("quote_problems", "Quote problems"),
)

# The name-variants section's second part: spellings the aliases table reconciles.
ALIASED_TITLE = "Spellings reconciled by aliases"
ALIASED_NOTE = (
    "The aliases table makes these one name, so they are no conflict; "
    "but the sources spell them differently."
)
ALIASED_NONE = "No aliased name is spelled in more than one way in the claims."

ELLIPSIS = "…"


def _status(status: str) -> tuple[str, str, str]:
    return STATUS.get(status, ("?", status, ""))


def status_symbol(status: str) -> str:
    return _status(status)[0]


def status_label(status: str) -> str:
    return _status(status)[1]


def status_meaning(status: str) -> str:
    return _status(status)[2]


LATEST = "latest"  # marks the value of the most recent publication


def value_note(count: int, latest: bool) -> str:
    """How many sources give a value, and whether the latest publication does."""
    return sources_count(count) + (f", {LATEST}" if latest else "")


def sources_count(count: int) -> str:
    """How many sources give a value, in words (1 source, 2 sources)."""
    return f"{count} source" if count == 1 else f"{count} sources"


def summary_items(summary: Summary) -> list[tuple[str, str, int]]:
    """(key, label, count) for each summary count, in display order."""
    return [(key, label, getattr(summary, key)) for key, label in SUMMARY]


def excerpt_parts(excerpt: Excerpt) -> tuple[str, str, str]:
    """(before, quote, after) with ellipses where the source goes on, controls visible."""
    before = (ELLIPSIS if excerpt.clipped_before else "") + excerpt.before
    after = excerpt.after + (ELLIPSIS if excerpt.clipped_after else "")
    shown = (escape.visible(part, keep_whitespace=True) for part in (before, excerpt.quote, after))
    return tuple(shown)  # type: ignore[return-value]


def outlet_of(cite: Citation | ClaimRef) -> str:
    """Who published it: the outlet, else the title, else the file's name (never blank)."""
    return cite.outlet or cite.title or cite.source.rsplit("/", 1)[-1]


def by_outlet(claims: Iterable[ClaimRef]) -> list[tuple[str, list[str]]]:
    """Claim ids grouped by who published their sources, in order of first appearance."""
    groups: dict[str, list[str]] = {}
    for claim in claims:
        groups.setdefault(outlet_of(claim), []).append(claim.claim_id)
    return list(groups.items())


def unfound_note(cite: Citation) -> str:
    """Why a quote has no context: its source could not be read, or it is not in it."""
    if any(code.startswith("S") for code in cite.problems):
        return "source could not be read"
    return "not found in the source"
