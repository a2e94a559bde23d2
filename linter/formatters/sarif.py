"""``--format sarif``: a SARIF 2.1.0 log for GitHub code scanning and other viewers.

Every rule is described (summary, full documentation, default level) so a
viewer can explain an alert without claimlint at hand. Locations are relative
to ``%SRCROOT%`` (the working directory, i.e. the checkout in CI), the closest
source span is a related location, and ``partialFingerprints`` depend on rule,
claim and cited source only, so an alert survives edits that move its claim.
Columns count Unicode code points, as claimlint does (``columnKind``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from linter import __version__
from linter.diagnostics import placement
from linter.escape import safe_json
from linter.formatters._common import FINGERPRINT_KEY, fingerprints, repo_path

if TYPE_CHECKING:
    from pathlib import Path

    from linter.checker import CheckResult
    from linter.diagnostics import Diagnostic
    from linter.rules.base import Rule

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact(path: str, root: Path) -> dict[str, str]:
    """A repository-relative URI under ``%SRCROOT%``, or an absolute file URI."""
    rel = _uri_path(repo_path(path, root))
    if rel.startswith("/"):
        return {"uri": "file://" + rel}
    return {"uri": rel, "uriBaseId": SRCROOT}


def _uri_path(path: str) -> str:
    """``path`` percent-encoded; a name that was not UTF-8 (lone surrogates) as its bytes."""
    try:
        return quote(path, errors="surrogateescape")
    except UnicodeEncodeError:  # a surrogate no byte decodes to: keep it visible, escaped
        return quote(path, errors="backslashreplace")


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc or rule.summary},
        "help": {"text": rule.doc or rule.summary},
        "defaultConfiguration": {"level": LEVELS[rule.severity.value]},
        "properties": {"tags": ["claimlint", rule.name]},
    }


def result_dict(d: Diagnostic, index: dict[str, int], root: Path, fingerprint: str) -> dict:
    result: dict[str, Any] = {
        "ruleId": d.code,
        "level": LEVELS[d.severity.value],
        "message": {"text": d.message + (f"\ndiff: {d.diff}" if d.diff else "")},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact(d.path, root),
                    "region": {"startLine": d.line, "startColumn": d.column},
                },
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if d.code in index:
        result["ruleIndex"] = index[d.code]
    if d.claim is not None:
        result["locations"][0]["logicalLocations"] = [{"name": d.claim, "kind": "claim"}]
    if d.source is not None:
        region: dict[str, Any] = {"startLine": d.source.line, "startColumn": d.source.column}
        if d.source.text:
            region["snippet"] = {"text": d.source.text}
        related: dict[str, Any] = {
            "id": 1,
            "message": {"text": "closest source text"},
            "physicalLocation": {
                "artifactLocation": artifact(d.source.path, root),
                "region": region,
            },
        }
        if d.source.place:  # a PDF's page, a Word file's paragraph: a viewer knows only lines
            related["message"]["text"] += f" ({d.source.place})"
            found = placement(d.source)
            related["properties"] = {k: v for k, v in found.items() if v is not None}
        result["relatedLocations"] = [related]
    if d.score is not None:
        result["properties"] = {"score": d.score}
    return result


def log(result: CheckResult) -> dict[str, Any]:
    """The SARIF log as a dict (one run)."""
    rules = list(result.rules.values())
    index = {rule.code: i for i, rule in enumerate(rules)}
    root_uri = result.root.absolute().as_uri().rstrip("/") + "/"
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "claimlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [rule_descriptor(rule) for rule in rules],
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": root_uri}},
                "columnKind": "unicodeCodePoints",
                "results": [
                    result_dict(d, index, result.root, fp)
                    for d, fp in zip(
                        result.diagnostics, fingerprints(result.diagnostics), strict=True
                    )
                ],
            }
        ],
    }


def render(result: CheckResult) -> str:
    text = json.dumps(log(result), ensure_ascii=False, indent=2)
    return safe_json(text) + "\n"
