"""The report's "Not yet registered" section: what ``claimlint discover`` finds.

One row per mention (a value, where it is, the sentence), one table per finding,
in each format; escaping is the calling renderer's (``text`` for Markdown,
``esc`` for HTML), so the section is as safe as the rest of the report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from linter.discover.formats import as_data
from linter.discover.model import Finding

TITLE = "Not yet registered"
NOTE = (
    "Disagreements between the sources that no topic covers yet (claimlint discover);"
    " register them with claimlint discover --format yaml."
)
NONE = "No disagreement found that the registry does not already cover."


def rows(finding: Finding) -> list[tuple[str, str, str, str]]:
    """(value, where, published, sentence) for each mention of a finding."""
    return [
        (value.display, p.where_line(), p.published or "", p.sentence)
        for value in finding.values
        for p in value.places
    ]


def markdown(findings: Sequence[Finding], text: Callable[[object], str]) -> list[str]:
    lines = ["", f"## {TITLE}", ""]
    if not findings:
        return [*lines, NONE]
    lines += [text(NOTE), ""]
    for finding in findings:
        lines += [f"### {text(finding.topic)}: {text(finding.fact)}", "", text(finding.why), ""]
        lines += ["| Value | Where | Published | Sentence |", "|---|---|---|---|"]
        lines += ["| " + " | ".join(text(c) for c in row) + " |" for row in rows(finding)]
        lines.append("")
    return lines[:-1]


def html(findings: Sequence[Finding], esc: Callable[[object], str]) -> list[str]:
    parts = ['<section aria-labelledby="h-unregistered">', f'<h2 id="h-unregistered">{TITLE}</h2>']
    if not findings:
        return [*parts, f"<p>{esc(NONE)}</p>", "</section>"]
    parts.append(f"<p>{esc(NOTE)}</p>")
    for finding in findings:
        parts += [
            "<table>",
            f"<caption>{esc(finding.topic)}: {esc(finding.fact)}"
            f'<br><span class="muted">{esc(finding.why)}</span></caption>',
            '<thead><tr><th scope="col">Value</th><th scope="col">Where</th>'
            '<th scope="col">Published</th><th scope="col">Sentence</th></tr></thead>',
            "<tbody>",
            *(
                f'<tr><th scope="row">{esc(v)}</th><td class="where">{esc(w)}</td>'
                f"<td>{esc(d)}</td><td>{esc(s)}</td></tr>"
                for v, w, d, s in rows(finding)
            ),
            "</tbody>",
            "</table>",
        ]
    return [*parts, "</section>"]


def data(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    return as_data(findings)
