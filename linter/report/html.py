"""The report as one self-contained HTML page, for the screen and for print.

Self-contained means inline CSS only: no script, font, image or stylesheet
from anywhere, so the file can be mailed, archived or opened offline and
shows the same. Every string from the registry or the sources is escaped;
status is always written out in words, with colour only as an extra cue.
"""

from __future__ import annotations

import html
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

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")

CSS = """
:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #fff; --head: #f6f8fa;
  --bad: #a40e26; --bad-bg: #ffebe9; --ack: #7d4e00; --ack-bg: #fff8c5;
  --ok: #116329; --ok-bg: #dafbe1; --mark: #fff3a3; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: var(--bg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.page { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; padding-bottom: .25rem;
  border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 0 0 .5rem; }
.registry, .where, .muted { color: var(--muted); }
.about { margin: 0 0 .5rem; }
.title { color: var(--muted); font-size: .85em; }
code, .where, .claim { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: .85em; }
.counts { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr));
  gap: .5rem; margin: 1rem 0 0; padding: 0; }
.counts div { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; }
.counts dt { font-size: .8rem; color: var(--muted); }
.counts dd { margin: 0; font-size: 1.5rem; font-weight: 600; }
.counts .alert { border-width: 2px; border-color: var(--bad); }
nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: 0; padding: 0;
  list-style: none; }
.topic { border: 1px solid var(--line); border-left-width: 6px; border-radius: 6px;
  padding: 1rem 1.25rem; margin: 0 0 1.25rem; }
.topic.conflicts, .topic.unsupported { border-left-color: var(--bad); border-left-style: double; }
.topic.acknowledged { border-left-color: var(--ack); border-left-style: dashed; }
.topic.agrees { border-left-color: var(--ok); }
.status { margin: 0 0 .5rem; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 1rem; font-weight: 600;
  border: 1px solid currentColor; white-space: nowrap; }
.badge.conflicts, .badge.unsupported { color: var(--bad); background: var(--bad-bg); }
.badge.acknowledged { color: var(--ack); background: var(--ack-bg); }
.badge.agrees { color: var(--ok); background: var(--ok-bg); }
.values { margin: .25rem 0 .75rem; padding-left: 1.25rem; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: .9rem; }
caption { text-align: left; color: var(--muted); font-size: .85rem; padding-bottom: .25rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
thead th { background: var(--head); }
td.value { font-weight: 600; }
.quote mark { background: var(--mark); color: inherit; font-weight: 600; padding: 0 .1em; }
.flag { color: var(--bad); font-weight: 600; }
col.c-date { width: 11%; } col.c-outlet { width: 15%; } col.c-value { width: 11%; }
col.c-claim { width: 13%; } col.c-quote { width: 36%; } col.c-where { width: 14%; }
col.c-pwhere { width: 22%; } col.c-code { width: 18%; } col.c-sev { width: 9%; }
col.c-pclaim { width: 13%; } col.c-msg { width: 38%; }
col.c-name { width: 22%; } col.c-spelling { width: 22%; } col.c-users { width: 56%; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --bg: #0d1117; --head: #151b23;
    --bad: #ff7b72; --bad-bg: #3c1618; --ack: #e3b341; --ack-bg: #3a2e05;
    --ok: #56d364; --ok-bg: #0f2e19; --mark: #5c4b00; }
}
@media print {
  :root { --fg: #000; --muted: #333; --line: #888; --bg: #fff; --head: #eee; }
  body { font-size: 9.5pt; }
  .page { max-width: none; padding: 0; }
  nav { display: none; }
  h2, h3, caption, thead { break-after: avoid; }
  .topic { break-inside: auto; border-radius: 0; border-width: 0 0 0 4px;
    padding: 0 0 0 .6rem; margin-bottom: 1.5rem; }
  table { font-size: 8pt; }
  th, td { padding: .2rem .3rem; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
@page { margin: 1.2cm; }
"""


def esc(value: object) -> str:
    """Escaped text (element content or attribute value), controls made visible.

    ``://`` is written with ``&#58;`` so no URL appears in the file's bytes at
    all, even one quoted from a source; the reader still sees it as written.
    """
    shown = visible(str(value), keep_whitespace=True)
    return html.escape(shown, quote=True).replace("://", "&#58;//")


def render(report: Report) -> str:
    ids = _topic_ids(report.topics)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Discrepancy report: {esc(report.registry)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<div class="page">',
        "<header>",
        "<h1>Discrepancy report</h1>",
        f'<p class="registry">Registry: <code>{esc(report.registry)}</code></p>',
        "</header>",
        "<main>",
        *_summary(report),
        *_contents(report, ids),
        '<section aria-labelledby="h-topics">',
        '<h2 id="h-topics">Topics</h2>',
    ]
    if not report.topics:
        parts.append("<p>No topics are defined in the registry.</p>")
    for topic, anchor in zip(report.topics, ids, strict=True):
        parts += _topic(topic, anchor)
    parts.append("</section>")
    parts += _variants(report)
    parts += _problems(report)
    parts += unregistered.html(report.unregistered, esc)
    parts += ["</main>", "</div>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _summary(report: Report) -> list[str]:
    alerts = {"conflicts", "name_variants", "quote_problems"}
    alert = ' class="alert"'
    cells = [
        f"<div{alert if key in alerts and count else ''}>"
        f"<dt>{esc(label)}</dt><dd>{count}</dd></div>"
        for key, label, count in summary_items(report.summary)
    ]
    return [
        '<section aria-labelledby="h-summary">',
        '<h2 id="h-summary">Summary</h2>',
        '<dl class="counts">',
        *cells,
        "</dl>",
        "</section>",
    ]


def _contents(report: Report, ids: list[str]) -> list[str]:
    if not report.topics:
        return []
    items = [
        f'<li><a href="#{anchor}">{esc(topic.name)}</a> — '
        f"{status_symbol(topic.status)} {esc(status_label(topic.status))}</li>"
        for topic, anchor in zip(report.topics, ids, strict=True)
    ]
    return [
        '<nav aria-labelledby="h-contents">',
        '<h2 id="h-contents">Contents</h2>',
        "<ul>",
        *items,
        "</ul>",
        "</nav>",
    ]


def _topic(topic: TopicReport, anchor: str) -> list[str]:
    status = esc(topic.status)
    parts = [
        f'<section class="topic {status}" id="{anchor}" aria-labelledby="{anchor}-h">',
        f'<h3 id="{anchor}-h">{esc(topic.name)}</h3>',
        f'<p class="status"><span class="badge {status}">{status_symbol(topic.status)} '
        f"{esc(status_label(topic.status))}</span> {esc(status_meaning(topic.status))}.</p>",
    ]
    if topic.about:
        parts.insert(2, f'<p class="about">{esc(topic.about)}</p>')
    if topic.reason:
        parts.append(f'<p class="reason"><strong>Reason:</strong> {esc(topic.reason)}</p>')
    if topic.conflicts:
        pairs = ", ".join(
            f'<span class="claim">{esc(a)}</span> vs <span class="claim">{esc(b)}</span>'
            for a, b in topic.conflicts
        )
        parts.append(f'<p class="conflicts"><strong>Conflicting claims:</strong> {pairs}</p>')
    if topic.values:
        parts.append('<ul class="values">')
        for value in topic.values:
            count = value_note(len(value.citations), value.latest)
            parts.append(f"<li><strong>{esc(value.display)}</strong> — {count}</li>")
        parts.append("</ul>")
        parts += _table(
            f"Sources on {esc(topic.name)}, oldest publication first",
            ("Published", "Outlet", "Value", "Claim", "Quote in context", "Where"),
            (_row(value.display, cite) for value, cite in topic.timeline()),
            ("c-date", "c-outlet", "c-value", "c-claim", "c-quote", "c-where"),
        )
    if topic.unsupported:
        ids = ", ".join(f'<span class="claim">{esc(c)}</span>' for c in topic.unsupported)
        parts.append(f'<p class="flag">Value not what its own quote says (F102): {ids}.</p>')
    if topic.unreadable:
        ids = ", ".join(f'<span class="claim">{esc(c)}</span>' for c in topic.unreadable)
        parts.append(f'<p class="muted">Value could not be read from: {ids}.</p>')
    parts.append("</section>")
    return parts


def _row(value: str, cite: Citation) -> str:
    published = (
        f'<time datetime="{esc(cite.published)}">{esc(cite.published)}</time>'
        if cite.published
        else '<span class="muted">undated</span>'
    )
    outlet = esc(outlet_of(cite))
    if cite.title and cite.outlet:
        outlet += f'<br><span class="title">{esc(cite.title)}</span>'
    claim = f'<span class="claim">{esc(cite.claim_id)}</span>'
    if cite.problems:
        claim += f'<br><span class="flag">⚠ {esc(", ".join(cite.problems))}</span>'
    before, quote, after = excerpt_parts(cite.excerpt)
    quoted = f"{esc(before)}<mark>{esc(quote)}</mark>{esc(after)}"
    if not cite.excerpt.found:
        quoted += f' <span class="flag">({unfound_note(cite)})</span>'
    return (
        f'<tr><th scope="row">{published}</th><td>{outlet}</td>'
        f'<td class="value">{esc(value)}</td><td>{claim}</td>'
        f'<td class="quote">{quoted}</td><td class="where">{esc(cite.where)}</td></tr>'
    )


def _variants(report: Report) -> list[str]:
    parts = ['<section aria-labelledby="h-variants">', '<h2 id="h-variants">Name variants</h2>']
    if not report.name_variants:
        parts.append("<p>No name is spelled in more than one way.</p>")
        return [*parts, *_aliased(report), "</section>"]
    rows = []
    for variant in report.name_variants:
        spellings = ", ".join(esc(s) for s in variant.spellings)
        claims = ", ".join(f'<span class="claim">{esc(c)}</span>' for c in variant.claim_ids)
        rows.append(
            f'<tr><th scope="row">{esc(variant.canonical)}</th>'
            f"<td>{spellings}</td><td>{claims}</td></tr>"
        )
    parts += _table(
        "Names spelled in several ways with no alias entry",
        ("Likely name", "Spellings", "Claims"),
        rows,
    )
    return [*parts, *_aliased(report), "</section>"]


def _aliased(report: Report) -> list[str]:
    """The spellings the aliases table reconciles: one row per spelling."""
    parts = [f'<h3 id="h-aliased">{esc(ALIASED_TITLE)}</h3>']
    if not report.aliased_spellings:
        return [*parts, f"<p>{esc(ALIASED_NONE)}</p>"]
    rows = [row for entry in report.aliased_spellings for row in _aliased_rows(entry)]
    return [
        *parts,
        f"<p>{esc(ALIASED_NOTE)}</p>",
        *_table(
            "Names the aliases table reconciles, as each claim spells them",
            ("Name", "Spelling", "Claims (outlet)"),
            rows,
            ("c-name", "c-spelling", "c-users"),
        ),
    ]


def _aliased_rows(entry: AliasedSpellingReport) -> list[str]:
    rows = []
    for i, use in enumerate(entry.spellings):
        name = (
            f'<th scope="row" rowspan="{len(entry.spellings)}">{esc(entry.canonical)}</th>'
            if i == 0
            else ""
        )
        claims = "; ".join(
            ", ".join(f'<span class="claim">{esc(c)}</span>' for c in ids) + f" ({esc(outlet)})"
            for outlet, ids in by_outlet(use.claims)
        )
        rows.append(f"<tr>{name}<td>{esc(use.spelling)}</td><td>{claims}</td></tr>")
    return rows


def _problems(report: Report) -> list[str]:
    parts = ['<section aria-labelledby="h-problems">', '<h2 id="h-problems">Quote problems</h2>']
    if not report.quote_problems:
        return [*parts, "<p>Every quote was found in the source it cites.</p>", "</section>"]
    parts += _table(
        "Problems <code>claimlint check</code> found with quotes and sources",
        ("Where", "Code", "Severity", "Claim", "Problem"),
        map(_problem, report.quote_problems),
        ("c-pwhere", "c-code", "c-sev", "c-pclaim", "c-msg"),
    )
    return [*parts, "</section>"]


def _table(
    caption: str, head: Sequence[str], rows: Iterable[str], cols: Sequence[str] = ()
) -> list[str]:
    """A table's lines: ``caption`` and ``head`` are markup, ``cols`` the column classes."""
    parts = ["<table>", f"<caption>{caption}</caption>"]
    if cols:
        parts.append("<colgroup>" + "".join(f'<col class="{c}">' for c in cols) + "</colgroup>")
    heads = "".join(f'<th scope="col">{h}</th>' for h in head)
    return [*parts, f"<thead><tr>{heads}</tr></thead>", "<tbody>", *rows, "</tbody>", "</table>"]


def _problem(problem: QuoteProblem) -> str:
    message = esc(problem.message)
    if problem.diff:
        message += f'<br><span class="muted">{esc(problem.diff)}</span>'
    return (
        f'<tr><th scope="row" class="where">{esc(problem.where)}</th>'
        f"<td>{esc(problem.code)} {esc(problem.name)}</td><td>{esc(problem.severity)}</td>"
        f'<td class="claim">{esc(problem.claim or "")}</td><td>{message}</td></tr>'
    )


def _topic_ids(topics) -> list[str]:
    """Unique, safe anchors derived from topic names."""
    seen: set[str] = set()
    ids = []
    for index, topic in enumerate(topics, 1):
        base = "topic-" + (_ID_UNSAFE.sub("-", topic.name).strip("-") or str(index))
        anchor, n = base, 1
        while anchor in seen:
            n += 1
            anchor = f"{base}-{n}"
        seen.add(anchor)
        ids.append(anchor)
    return ids
