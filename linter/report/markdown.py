"""The report as GitHub-flavoured Markdown, e.g. for a CI job summary.

Everything taken from the registry or the sources is escaped, so a quote
holding ``|``, ``*``, ``<tag>`` or ``$`` cannot break a table, start emphasis,
inject HTML or turn into maths; no raw HTML is emitted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from linter.escape import visible
from linter.report import unregistered
from linter.report.model import (
    AliasedSpellingReport,
    Citation,
    QuoteProblem,
    Report,
    TopicReport,
)
from linter.report.present import (
    ALIASED_NONE,
    ALIASED_NOTE,
    ALIASED_TITLE,
    by_outlet,
    excerpt_parts,
    outlet_of,
    status_label,
    status_meaning,
    status_symbol,
    summary_items,
    unfound_note,
    value_note,
)

# ASCII punctuation that means something inline in GitHub Markdown (``$`` starts maths).
_SPECIAL = re.compile(r"([\\`*_\[\]{}<>|~&#$!])")
_SPACE = re.compile(r"\s+")
# What can open a block when it starts a line: "-", "+", "=", or "12." / "12)".
_BLOCK_START = re.compile(r"[-+=]|\d{1,9}[.)]")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def text(value: object) -> str:
    """Inline text, safe anywhere on a line, table cells included (one line, escaped)."""
    folded = _SPACE.sub(" ", visible(str(value), keep_whitespace=True)).strip()
    return _SPECIAL.sub(r"\\\1", folded)


def paragraph(value: object) -> str:
    """Inline text that starts a line: a leading list, heading or rule marker is escaped."""
    escaped = text(value)
    if _BLOCK_START.match(escaped):
        return "\\" + escaped if not escaped[0].isdigit() else _ORDERED.sub(r"\1\\\2", escaped)
    return escaped


def strong(value: object) -> str:
    escaped = text(value)
    return f"**{escaped}**" if escaped else ""


def render(report: Report) -> str:
    lines = [f"# Discrepancy report: {text(report.registry)}", ""]
    items = summary_items(report.summary)
    lines += _table([label for _, label, _ in items], [[str(n) for _, _, n in items]], "---:")
    lines += ["", "## Topics", ""]
    if not report.topics:
        lines += ["No topics are defined in the registry.", ""]
    for topic in report.topics:
        lines += _topic(topic)
    lines += ["## Name variants", ""]
    if report.name_variants:
        rows = [
            (
                text(v.canonical),
                ", ".join(text(s) for s in v.spellings),
                ", ".join(text(c) for c in v.claim_ids),
            )
            for v in report.name_variants
        ]
        lines += _table(("Likely name", "Spellings", "Claims"), rows)
    else:
        lines.append("No name is spelled in more than one way.")
    lines += ["", f"### {ALIASED_TITLE}", ""]
    if report.aliased_spellings:
        lines += [ALIASED_NOTE, ""]
        rows = [row for entry in report.aliased_spellings for row in _aliased(entry)]
        lines += _table(("Name", "Spelling", "Claims (outlet)"), rows)
    else:
        lines.append(ALIASED_NONE)
    lines += ["", "## Quote problems", ""]
    if report.quote_problems:
        head = ("Where", "Code", "Severity", "Claim", "Problem")
        lines += _table(head, map(_problem, report.quote_problems))
    else:
        lines.append("Every quote was found in the source it cites.")
    lines += unregistered.markdown(report.unregistered, text)
    return "\n".join(lines) + "\n"


def _topic(topic: TopicReport) -> list[str]:
    lines = [f"### {status_symbol(topic.status)} {text(topic.name)}", ""]
    if topic.about:
        lines += [paragraph(topic.about), ""]
    status = f"**Status: {status_symbol(topic.status)} {status_label(topic.status)}**"
    lines += [f"{status} — {status_meaning(topic.status)}.", ""]
    if topic.reason:
        lines += [f"**Reason:** {text(topic.reason)}", ""]
    if topic.conflicts:
        pairs = ", ".join(f"{text(a)} vs {text(b)}" for a, b in topic.conflicts)
        lines += [f"**Conflicting claims:** {pairs}", ""]
    if topic.values:
        counted = " · ".join(
            f"{strong(v.display)} ({value_note(len(v.citations), v.latest)})" for v in topic.values
        )
        lines += [f"Values: {counted}", ""]
        head = ("Published", "Outlet", "Value", "Claim", "Quote in context", "Where")
        lines += _table(head, (_row(value.display, cite) for value, cite in topic.timeline()))
        lines.append("")
    if topic.unsupported:
        ids = ", ".join(text(c) for c in topic.unsupported)
        lines += [f"Value not what its own quote says (F102): {ids}.", ""]
    if topic.unreadable:
        ids = ", ".join(text(c) for c in topic.unreadable)
        lines += [f"Value could not be read from: {ids}.", ""]
    return lines


def _aliased(entry: AliasedSpellingReport) -> list[tuple[str, ...]]:
    """One row per spelling; the name only on its first row."""
    return [
        (
            text(entry.canonical) if i == 0 else "",
            text(use.spelling),
            "; ".join(
                f"{', '.join(map(text, ids))} ({text(outlet)})"
                for outlet, ids in by_outlet(use.claims)
            ),
        )
        for i, use in enumerate(entry.spellings)
    ]


def _table(head: Sequence[str], rows: Iterable[Sequence[str]], rule: str = "---") -> list[str]:
    """A table's lines: the header, the rule (``---:`` aligns right), then the rows."""
    return [_line(head), _line([rule] * len(head)), *map(_line, rows)]


def _line(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _row(value: str, cite: Citation) -> tuple[str, ...]:
    claim = text(cite.claim_id)
    if cite.problems:
        claim += " ⚠ " + ", ".join(cite.problems)
    return (
        text(cite.published or "undated"),
        text(outlet_of(cite)),
        strong(value),
        claim,
        _quote(cite),
        text(cite.where),
    )


def _quote(cite: Citation) -> str:
    before, quote, after = excerpt_parts(cite.excerpt)
    # Keep the source's spacing, except that ``**`` next to punctuation needs a space
    # on its outer side to count as emphasis; then a space is added.
    left = " " if before and (before[-1].isspace() or not quote[:1].isalnum()) else ""
    right = " " if after and (after[0].isspace() or not quote[-1:].isalnum()) else ""
    body = f"{text(before)}{left}{strong(quote)}{right}{text(after)}"
    if not cite.excerpt.found:
        body += f" ({unfound_note(cite)})"
    return body


def _problem(problem: QuoteProblem) -> tuple[str, ...]:
    message = text(problem.message)
    if problem.diff:
        message += f" ({text(problem.diff)})"
    return (
        text(problem.where),
        f"{problem.code} {text(problem.name)}",
        problem.severity,
        text(problem.claim or ""),
        message,
    )
