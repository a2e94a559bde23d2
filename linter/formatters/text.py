"""The default output, in the shape ruff and flake8 users know.

``path:line:col: CODE [severity] name: message``, then the closest source text
and the word diff indented under it, then one summary line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from linter.formatters.safe import visible

if TYPE_CHECKING:
    from linter.checker import CheckResult

MAX_SOURCE_CHARS = 240


def render(result: CheckResult) -> str:
    lines: list[str] = []
    for d in result.diagnostics:
        lines.append(
            f"{visible(str(d.location))}: {d.code} [{d.severity}] {d.name}: {visible(d.message)}"
        )
        if d.source is not None:
            text = " ".join(d.source.text.split())
            if len(text) > MAX_SOURCE_CHARS:
                text = text[: MAX_SOURCE_CHARS - 1] + "…"
            lines.append(f"    source {visible(d.source.where)}")
            lines.append(f"    | {visible(text)}")
        if d.diff:
            lines.append(f"    diff: {visible(d.diff)}")
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def summary_line(result: CheckResult) -> str:
    s = result.summary
    claims = f"{s['claims']} claim{'s' if s['claims'] != 1 else ''}"
    if not result.failed():
        infos = f" ({s['infos']} info{'s' if s['infos'] != 1 else ''})" if s["infos"] else ""
        return f"All checks passed: {claims} in {result.registry_display}{infos}."
    parts = [
        f"{n} {word}{'s' if n != 1 else ''}"
        for n, word in ((s["errors"], "error"), (s["warnings"], "warning"), (s["infos"], "info"))
        if n
    ]
    total = len(result.diagnostics)
    return (
        f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {claims}"
        f" of {result.registry_display}."
    )
