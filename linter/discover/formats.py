"""The four outputs of ``claimlint discover``: pure functions of the findings.

``text`` is for reading in a terminal, ``markdown`` for a pull request or an
issue, ``json`` for programs, and ``yaml`` a ``topics:`` and ``claims:`` block
ready to paste into ``claims.yaml``: every quote is the source's sentence
exactly as written, so ``claimlint check`` passes its quote rules on it and
reports the disagreement as a fact conflict until someone acknowledges it.
"""

from __future__ import annotations

import json as _json
import re
from collections.abc import Callable, Sequence
from typing import Any

import yaml

from linter.discover.model import Finding, Place, Value

NONE = "No disagreement found that the registry does not already cover."
KIND_OF_TOPIC = {
    "count": "count",
    "quantity": "quantity",
    "duration": "quantity",
    "name": "name",
    "title": "text",
    "role": "text",
    "body": "name",
    "frequency": "text",
    "first": "text",
    "date": "date",
}


def _published(place: Place) -> str:
    return f", published {place.published}" if place.published else ""


def summary(findings: Sequence[Finding]) -> str:
    count = len(findings)
    return f"{count} disagreement{'s' if count != 1 else ''} not yet registered."


def text(findings: Sequence[Finding]) -> str:
    if not findings:
        return NONE + "\n"
    lines = []
    for finding in findings:
        lines.append(f"{finding.topic}: {finding.fact} ({finding.kind})")
        for value in finding.values:
            for place in value.places:
                lines.append(f"  {value.display:>12}  {place.where()}{_published(place)}")
                lines.append(f'{"":16}"{_short(place.sentence)}"')
        lines.append(f"  why: {finding.why}")
        lines.append("")
    lines.append(summary(findings) + " Register them with: claimlint discover --format yaml")
    return "\n".join(lines) + "\n"


def markdown(findings: Sequence[Finding]) -> str:
    lines = ["# Not yet registered", ""]
    if not findings:
        return "\n".join([*lines, NONE, ""])
    lines += [summary(findings), ""]
    for finding in findings:
        lines += [f"## `{finding.topic}`: {_md(finding.fact)}", ""]
        lines += ["| value | where | published | sentence |", "|---|---|---|---|"]
        for value in finding.values:
            for place in value.places:
                cells = [
                    _md(value.display),
                    f"`{place.where_line()}`",
                    _md(place.published or ""),
                    _md(_short(place.sentence)),
                ]
                lines.append("| " + " | ".join(cells) + " |")
        lines += ["", f"Why one fact: {_md(finding.why)}.", ""]
    return "\n".join(lines)


def as_data(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    return [
        {
            "topic": f.topic,
            "kind": f.kind,
            "fact": f.fact,
            "why": f.why,
            "values": [
                {
                    "value": v.display,
                    "mentions": [
                        {
                            "path": p.display,
                            "line": p.line,
                            "column": p.column,
                            # As ``check --format json`` gives them: the page (PDF) or
                            # paragraph (Word) as numbers, and the place in words.
                            "page": p.page,
                            "paragraph": p.paragraph,
                            "place": p.label or None,
                            "published": p.published,
                            "written": p.written,
                            "sentence": p.sentence,
                        }
                        for p in v.places
                    ],
                }
                for v in f.values
            ],
        }
        for f in findings
    ]


def json(findings: Sequence[Finding]) -> str:
    return _json.dumps({"findings": as_data(findings)}, indent=2, ensure_ascii=False) + "\n"


def registry_block(findings: Sequence[Finding], taken_ids: frozenset[str] = frozenset()) -> dict:
    """The ``topics:`` and ``claims:`` that register the findings, one claim per mention."""
    topics: dict[str, Any] = {}
    claims: list[dict[str, Any]] = []
    ids = set(taken_ids)
    for finding in findings:
        topics[finding.topic] = {
            "kind": KIND_OF_TOPIC[finding.kind],
            "about": f"{finding.fact[:1].upper()}{finding.fact[1:]} (found by claimlint discover:"
            f" {finding.why}).",
        }
        for value in finding.values:
            for place in value.places:
                ident = _unique(f"{finding.topic}-{_stem(place.doc)}", ids)
                claims.append(
                    {
                        "id": ident,
                        "source": place.doc,
                        "quote": place.quote,
                        "topic": finding.topic,
                        "value": _value(finding, value, place),
                    }
                )
    return {"topics": topics, "claims": claims}


def yaml_text(findings: Sequence[Finding], taken_ids: frozenset[str] = frozenset()) -> str:
    if not findings:
        return f"# {NONE}\n"
    head = (
        f"# claimlint discover: {summary(findings)}\n"
        "# Paste the topics under 'topics:' and the claims under 'claims:' of claims.yaml;\n"
        "# then acknowledge a topic only where the sources explain the difference.\n"
    )
    body = yaml.safe_dump(
        registry_block(findings, taken_ids), sort_keys=False, allow_unicode=True, width=100
    )
    return head + body


FORMATTERS: dict[str, Callable[[Sequence[Finding]], str]] = {
    "text": text,
    "json": json,
    "yaml": yaml_text,
    "markdown": markdown,
}
FORMATS = tuple(FORMATTERS)


def _value(finding: Finding, value: Value, place: Place) -> Any:
    if finding.kind == "name":
        return place.written
    if finding.kind in {"title", "role", "body", "frequency", "first"}:
        return place.written  # a text value in the quote's own words (F102 reads it there)
    if finding.kind == "date":
        return value.display
    if value.low is not None and value.low == value.high:
        return int(value.low) if value.low == int(value.low) else value.low
    return value.display


def _stem(path: str) -> str:
    name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:24].strip("-") or "source"


def _unique(base: str, taken: set[str]) -> str:
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    taken.add(ident)
    return ident


def _short(sentence: str, limit: int = 160) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def _md(value: str) -> str:
    return re.sub(r"([\\`*_\[\]|<>])", r"\\\1", value).replace("\n", " ")
