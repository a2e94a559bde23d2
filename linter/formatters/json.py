"""``--format json``: exactly one JSON object, version 1, stable keys.

Non-ASCII text is kept readable; C1 controls and bidi overrides are escaped
(``\\uXXXX`` inside strings) so piping the JSON to a terminal is safe too.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from linter.diagnostics import placement
from linter.escape import safe_json

if TYPE_CHECKING:
    from linter.checker import CheckResult
    from linter.diagnostics import Diagnostic

VERSION = 1


def diagnostic_dict(d: Diagnostic) -> dict[str, Any]:
    source = None
    if d.source is not None:
        source = {
            "path": d.source.path,
            "line": d.source.line,
            "column": d.source.column,
            "text": d.source.text,
            **placement(d.source),
        }
    return {
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "claim": d.claim,
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "message": d.message,
        "source": source,
        "score": d.score,
        "diff": d.diff,
        "details": details(d),
    }


def details(d: Diagnostic) -> dict:
    """The rule's details with its typed fields, under the names JSON has always used."""
    found = {"cited": d.cited} if d.cited is not None else {}
    found.update(d.details)
    if d.others is not None:
        found["others"] = list(d.others)
    return found


def render(result: CheckResult) -> str:
    payload = {
        "version": VERSION,
        "diagnostics": [diagnostic_dict(d) for d in result.diagnostics],
        "summary": result.summary,
    }
    # Compact: the C encoder is several times faster than indenting (10,000 findings).
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)
    return safe_json(text) + "\n"
