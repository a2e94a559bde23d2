"""``--format gitlab``: a GitLab Code Quality report (``artifacts:reports:codequality``).

A JSON array of issues; GitLab shows new and fixed ones in the merge request
widget, matching them across pipelines by ``fingerprint``, which is therefore
the same stable hash the SARIF output uses.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from linter.escape import safe_json
from linter.formatters._common import fingerprints, repo_path, source_excerpt

if TYPE_CHECKING:
    from linter.checker import CheckResult
    from linter.diagnostics import Diagnostic

# claimlint severity -> Code Quality severity (info | minor | major | critical | blocker)
SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def issue(d: Diagnostic, fingerprint: str, root) -> dict[str, Any]:
    description = f"{d.code} {d.name}: {d.message}"
    if d.diff:
        description += f" (diff: {d.diff})"
    if d.source is not None and d.source.text:
        # The issue points at the registry; the message names the source's place (a PDF's
        # page and line), and this is the text there, as GitHub's annotation shows it.
        description += f' (closest source text: "{source_excerpt(d.source.text)}")'

    return {
        "type": "issue",
        "description": description,
        "check_name": d.code,
        "categories": ["Bug Risk"],
        "fingerprint": fingerprint,
        "severity": SEVERITIES[d.severity.value],
        "location": {"path": repo_path(d.path, root), "lines": {"begin": d.line}},
    }


def render(result: CheckResult) -> str:
    issues = [
        issue(d, fp, result.root)
        for d, fp in zip(result.diagnostics, fingerprints(result.diagnostics), strict=True)
    ]
    text = json.dumps(issues, ensure_ascii=False, indent=2)
    return safe_json(text) + "\n"
