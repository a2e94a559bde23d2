"""The report as one JSON object, for tools: ``{"version": 1, "summary", "topics", ...}``.

Keys are written explicitly (not derived from the dataclasses) so renaming a
field in Python cannot silently change the format; bump ``VERSION`` when
the shape changes incompatibly.
"""

from __future__ import annotations

import json
from typing import Any

from linter.diagnostics import Location, placement
from linter.escape import safe_json
from linter.report import unregistered
from linter.report.model import AliasedSpellingReport, Citation, QuoteProblem, Report, TopicReport
from linter.report.present import summary_items

VERSION = 1


def render(report: Report) -> str:
    return safe_json(json.dumps(as_data(report), indent=2, ensure_ascii=False)) + "\n"


def as_data(report: Report) -> dict[str, Any]:
    summary: dict[str, Any] = {"registry": report.registry}
    summary.update((key, count) for key, _, count in summary_items(report.summary))
    return {
        "version": VERSION,
        "summary": summary,
        "topics": [_topic(t) for t in report.topics],
        "name_variants": [
            {
                "canonical": v.canonical,
                "spellings": list(v.spellings),
                "claims": list(v.claim_ids),
            }
            for v in report.name_variants
        ],
        "aliased_spellings": [_aliased(a) for a in report.aliased_spellings],
        "quote_problems": [_problem(p) for p in report.quote_problems],
        "unregistered": unregistered.data(report.unregistered),
    }


def _topic(topic: TopicReport) -> dict[str, Any]:
    return {
        "name": topic.name,
        "kind": topic.kind,
        "about": topic.about,
        "status": topic.status,
        "reason": topic.reason,
        "acknowledged_values": list(topic.acknowledged_values),
        "conflicts": [[a, b] for a, b in topic.conflicts],
        "unreadable": list(topic.unreadable),
        "unsupported": list(topic.unsupported),
        "latest": topic.latest,
        "values": [
            {
                "value": v.display,
                "origin": v.origin,
                "latest": v.latest,
                "citations": [_citation(c) for c in v.citations],
            }
            for v in topic.values
        ],
    }


def _aliased(entry: AliasedSpellingReport) -> dict[str, Any]:
    return {
        "canonical": entry.canonical,
        "spellings": [
            {
                "spelling": use.spelling,
                "claims": [
                    {"claim": c.claim_id, "source": c.source, "outlet": c.outlet}
                    for c in use.claims
                ],
            }
            for use in entry.spellings
        ],
    }


def _citation(cite: Citation) -> dict[str, Any]:
    excerpt = cite.excerpt
    return {
        "claim": cite.claim_id,
        "source": cite.source,
        "title": cite.title,
        "outlet": cite.outlet,
        "published": cite.published,
        "quote": excerpt.quote,
        "found": excerpt.found,
        "context_before": excerpt.before,
        "context_after": excerpt.after,
        "location": _source_location(cite.location),
        "claim_location": _location(cite.claim_location),
        "problems": list(cite.problems),
    }


def _problem(problem: QuoteProblem) -> dict[str, Any]:
    return {
        "code": problem.code,
        "name": problem.name,
        "severity": problem.severity,
        "message": problem.message,
        **_location(problem.location),
        "claim": problem.claim,
        "diff": problem.diff,
    }


def _location(location: Location | None) -> dict[str, Any] | None:
    if location is None:
        return None
    return {"path": location.path, "line": location.line, "column": location.column}


def _source_location(location: Location | None) -> dict[str, Any] | None:
    """Where a quote is in its source: also its page (PDF) or paragraph (Word), as numbers."""
    if location is None:
        return None
    return {**_location(location), **placement(location)}
