"""``--format github``: GitHub Actions workflow commands, one per diagnostic.

Each line is ``::error file=..,line=..,col=..,title=..::message``, which the
runner turns into an annotation on the pull request's diff. Quotes and source
text are untrusted: everything is escaped the way the Actions toolkit escapes
(``%``, CR and LF in the message; also ``:`` and ``,`` in properties), so no
text can end the command early or start a new one (``::stop-commands::`` etc.).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from linter.escape import visible
from linter.formatters._common import repo_path, source_excerpt
from linter.formatters.text import summary_line

if TYPE_CHECKING:
    from linter.checker import CheckResult
    from linter.diagnostics import Diagnostic

# claimlint severity -> workflow command
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The toolkit's ``escapeData``: the message part of a command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """The toolkit's ``escapeProperty``: a ``key=value`` property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def message(d: Diagnostic) -> str:
    """The annotation body: the message, then the closest source text and the diff."""
    parts = [d.message]
    if d.source is not None:
        parts.append(f"source {d.source.where}: {source_excerpt(d.source.text)}")
    if d.diff:
        parts.append(f"diff: {d.diff}")
    return "\n".join(visible(part, keep_newlines=True) for part in parts)


def command(d: Diagnostic, root) -> str:
    props = {
        "file": repo_path(d.path, root),
        "line": str(d.line),
        "col": str(d.column),
        "title": f"{d.code} {d.name}" + (f" ({d.claim})" if d.claim else ""),
    }
    rendered = ",".join(f"{key}={escape_property(visible(value))}" for key, value in props.items())
    return f"::{COMMANDS[d.severity.value]} {rendered}::{escape_data(message(d))}"


def render(result: CheckResult) -> str:
    lines = [command(d, result.root) for d in result.diagnostics]
    # A plain last line for the job log; not a command, so the runner just prints it.
    lines.append(escape_data(visible(summary_line(result))))
    return "\n".join(lines) + "\n"
