"""The default output, in the shapes ruff users know.

``full`` (the default): ``path:line:col: CODE [severity] name: message``, the
message wrapped under it, then the closest source text and the word diff,
indented and wrapped to ``width`` columns. ``concise``: one line a problem.
The location is never split, so editors and terminals can still follow it.
Infos are counted in the summary but shown only when asked (``show_infos``).
Colour is ANSI SGR, added only when the caller says the output is a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from linter.escape import visible
from linter.formatters._common import source_excerpt

if TYPE_CHECKING:
    from linter.checker import CheckResult
    from linter.diagnostics import Diagnostic

INDENT = "    "
# SGR codes as ruff uses them: bold location, red errors, yellow warnings, cyan infos.
_SGR = {
    "bold": "1",
    "error": "1;31",
    "warning": "1;33",
    "info": "1;36",
    "removed": "31",
    "added": "32",
    "dim": "2",
    "ok": "1;32",
}


@dataclass(frozen=True)
class TextOptions:
    concise: bool = False
    show_infos: bool = False
    quiet: bool = False  # diagnostics only, no summary
    color: bool = False
    width: int = 80


def render(result: CheckResult, options: TextOptions | None = None) -> str:
    opts = options or TextOptions()
    paint = _painter(opts.color)
    lines: list[str] = []
    for d in result.diagnostics:
        if d.severity.value == "info" and not opts.show_infos:
            continue
        lines.extend(_concise(d, paint) if opts.concise else _full(d, paint, opts.width))
    if not opts.quiet:
        lines.append(
            paint(summary_line(result, infos_shown=opts.show_infos), _summary_style(result))
        )
    return "".join(line + "\n" for line in lines)


def _painter(color: bool) -> Callable[[str, str], str]:
    if not color:
        return lambda text, _style: text
    return lambda text, style: f"\x1b[{_SGR[style]}m{text}\x1b[0m" if text else text


def _summary_style(result: CheckResult) -> str:
    return "bold" if _problems(result) else "ok"


def _head(d: Diagnostic, paint: Callable[[str, str], str]) -> tuple[str, int]:
    """The location and code part of a first line, painted, and its visible width."""
    where = visible(str(d.location))
    plain = f"{where}: {d.code} [{d.severity}] {d.name}:"
    painted = f"{paint(where, 'bold')}: {paint(d.code, d.severity.value)} [{d.severity}] {d.name}:"
    return painted, len(plain)


def _concise(d: Diagnostic, paint: Callable[[str, str], str]) -> list[str]:
    where = visible(str(d.location))
    code = paint(d.code, d.severity.value)
    return [f"{paint(where, 'bold')}: {code} [{d.severity}] {visible(d.message)}"]


def _full(d: Diagnostic, paint: Callable[[str, str], str], width: int) -> list[str]:
    head, used = _head(d, paint)
    lines = [
        " ".join(line)
        for line in wrap_words(
            visible(d.message).split(), width, first=used + 1, indent=len(INDENT)
        )
    ]
    out = [f"{head} {lines[0]}" if lines else head]
    out += [INDENT + line for line in lines[1:]]
    if d.source is not None:
        text = source_excerpt(d.source.text)
        out.append(paint(f"{INDENT}source {visible(d.source.where)}", "dim"))
        bar = INDENT + "| "
        out += [
            bar + " ".join(line) for line in wrap_words(visible(text).split(), width - len(bar))
        ]
    if d.diff:
        out += _diff_lines(visible(d.diff), paint, width)
    return out


def _diff_lines(diff: str, paint: Callable[[str, str], str], width: int) -> list[str]:
    """``diff: a [-x-] {+y+} b`` wrapped under ``diff:``; a marked change stays whole."""
    words = _diff_tokens(diff)
    label = INDENT + "diff: "
    plain = wrap_words(words, width, first=len(label), indent=len(label))
    return [
        (label if i == 0 else " " * len(label)) + " ".join(_paint_change(w, paint) for w in line)
        for i, line in enumerate(plain)
    ]


def _diff_tokens(diff: str) -> list[str]:
    """Words of a diff, keeping ``[-...-]`` and ``{+...+}`` each as one token."""
    tokens: list[str] = []
    for word in diff.split():
        if tokens and _open(tokens[-1]):
            tokens[-1] += " " + word
        else:
            tokens.append(word)
    return tokens


def _open(token: str) -> bool:
    return (token.startswith("[-") and not token.endswith("-]")) or (
        token.startswith("{+") and not token.endswith("+}")
    )


def _paint_change(token: str, paint: Callable[[str, str], str]) -> str:
    if token.startswith("[-"):
        return paint(token, "removed")
    if token.startswith("{+"):
        return paint(token, "added")
    return token


def wrap_words(words: list[str], width: int, *, first: int = 0, indent: int = 0) -> list[list[str]]:
    """Greedy wrap of ``words`` (never split) into lines of at most ``width`` columns.

    ``first`` columns are taken on the first line, ``indent`` on the others; a
    word longer than a line gets a line of its own.
    """
    lines: list[list[str]] = []
    current: list[str] = []
    used = first
    for word in words:
        extra = len(word) + (1 if current else 0)
        if current and used + extra > width:
            lines.append(current)
            current, used = [], indent
            extra = len(word)
        current.append(word)
        used += extra
    if current:
        lines.append(current)
    return lines


def _problems(result: CheckResult) -> int:
    s = result.summary
    return s["errors"] + s["warnings"]


def summary_line(result: CheckResult, *, infos_shown: bool = True) -> str:
    s = result.summary
    claims = f"{s['claims']} claim{'s' if s['claims'] != 1 else ''}"
    infos = f"{s['infos']} info{'s' if s['infos'] != 1 else ''}"
    hint = "" if infos_shown else ", shown with --show-infos"
    if not _problems(result):
        extra = f" ({infos}{hint})" if s["infos"] else ""
        return f"All checks passed: {claims} in {result.registry_display}{extra}."
    parts = [
        f"{n} {word}{'s' if n != 1 else ''}"
        for n, word in ((s["errors"], "error"), (s["warnings"], "warning"))
        if n
    ]
    total = _problems(result)
    extra = f"; {infos}{hint}" if s["infos"] else ""
    return (
        f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {claims}"
        f" of {result.registry_display}{extra}."
    )


def statistics(result: CheckResult) -> str:
    """``--statistics``: one line per code, most frequent first, as ruff prints them."""
    counts = result.summary["by_code"]
    names = {d.code: d.name for d in result.diagnostics}
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = max((len(str(n)) for _, n in rows), default=1)
    return "".join(f"{n:>{width}}\t{code}\t{names[code]}\n" for code, n in rows)
