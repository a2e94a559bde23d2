"""``check --fix``: replace inexact quotes (Q102) with the source's exact words.

Only Q102 is fixed: its closest source span differs in a word or a letter, and
the span is what the claim meant to quote. A quote that is not found (Q101),
changes a number or negation (Q103) or cites the wrong document (Q104) needs a
person. Nor is a quote with editorial marks (``...``, ``[brackets]``) fixed:
its source span runs across the omitted text, so the fix would undo the edit.

An edit touches one scalar only (``Claim.quote_span``), so comments, key order
and every other byte stay as they were, and keeps its style: plain stays plain
when still safe, else becomes single-quoted; quoted stays quoted (escaped
anew); a block scalar keeps its header, indentation and trailing lines, and a
multi-line flow scalar is wrapped at its old width. Every edit is checked by
re-reading the edited YAML; one that would not read back as the new quote
falls back to a quoted form that does.
"""

from __future__ import annotations

import codecs
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import yaml

from linter.diagnostics import Diagnostic
from linter.escape import YAML_FORBIDDEN, escape_char
from linter.model import Claim, Registry, ScalarSpan
from linter.yamlsafe import DEFAULT_LOADER

FIXABLE = frozenset({"Q102"})
_EDITORIAL = re.compile(r"\.\.\.|…|\[[^\]]*\]")
_BREAKING_SPACE = re.compile(r"[ \t]*(?:\r\n|\r|\n)\s*")
_BLOCK_HEADER = re.compile(r"[|>][+-]?[1-9]?[+-]?")
_PLAIN_FIRST = set("-?:,[]{}#&*!|>'\"%@`")
_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")  # only LF ends a line (not NEL, LS, FF)
MIN_WIDTH = 80  # wrap no narrower than this; a wider original keeps its width


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``new``; ``value`` is what the scalar must read as."""

    start: int
    end: int
    new: str
    value: str
    claim: str


def plan_fixes(
    registry: Registry, diagnostics: Iterable[Diagnostic], documents: Mapping[str, str]
) -> list[Edit]:
    """One edit per fixable Q102 claim, each verified to read back as its new quote.

    ``documents`` (corpus key -> text) double-checks that the diagnostic's span
    still holds the text it carries; a stale span is not used.
    """
    text = registry.text
    newline = "\r\n" if "\r\n" in text else "\n"
    claims = {claim.at("quote"): claim for claim in registry.claims}
    planned: dict[int, tuple[Claim, str]] = {}
    for d in diagnostics:
        if d.code not in FIXABLE or d.source is None or not d.source.text.strip():
            continue
        claim = claims.get(d.location)
        if claim is None or claim.quote_span is None or claim.id != d.claim:
            continue
        if _EDITORIAL.search(claim.quote):
            continue
        doc = documents.get(claim.source.replace("\\", "/").removeprefix("./"))
        if doc is not None and doc[d.source.start : d.source.end] != d.source.text:
            continue
        planned.setdefault(claim.quote_span.start, (claim, d.source.text))
    edits = []
    for claim, exact in planned.values():
        edit = _edit(text, claim, exact, newline, fallback=0)
        if edit is not None:
            edits.append(edit)
    return _verified(text, edits, planned, newline)


def _verified(
    text: str, edits: list[Edit], planned: dict[int, tuple[Claim, str]], newline: str
) -> list[Edit]:
    """Edits that read back as their value, retrying failures with safer quoting."""
    for fallback in (1, 2, 3):
        bad = _misread(text, edits)
        if not bad:
            return edits
        retry = []
        for edit in edits:
            if edit.start not in bad:
                retry.append(edit)
                continue
            claim, exact = planned[edit.start]
            safer = _edit(text, claim, exact, newline, fallback=fallback)
            if safer is not None and fallback < 3:
                retry.append(safer)
        edits = retry
    return edits


def _misread(text: str, edits: list[Edit]) -> set[int]:
    """Start offsets (in ``text``) of edits whose scalar does not read back as intended."""
    if not edits:
        return set()
    new_text = apply_edits(text, edits)
    starts: dict[int, Edit] = {}
    shift = 0
    for edit in sorted(edits, key=lambda e: e.start):
        starts[edit.start + shift] = edit
        shift += len(edit.new) - (edit.end - edit.start)
    bom = 1 if new_text.startswith("\ufeff") else 0  # libyaml does not count it; strip it
    bad = set()
    # claimlint reads with libyaml, but the file must stay valid for every YAML tool:
    # the pure-Python parser is stricter in places (e.g. '?' inside flow mappings).
    for loader in dict.fromkeys((DEFAULT_LOADER, yaml.SafeLoader)):
        found: dict[int, yaml.ScalarEvent] = {}
        try:
            for event in yaml.parse(new_text[bom:], Loader=loader):
                if isinstance(event, yaml.ScalarEvent) and event.start_mark.index + bom in starts:
                    found[event.start_mark.index + bom] = event
        except yaml.YAMLError:
            if len(edits) == 1:
                return {edits[0].start}
            # Blame only the edits that break the file on their own.
            alone = {edit.start for edit in edits if _misread(text, [edit])}
            return alone or {edit.start for edit in edits}
        for offset, edit in starts.items():
            event = found.get(offset)
            if event is None or _words(event.value) != _words(edit.value) or not _is_str(event):
                bad.add(edit.start)
    return bad


def _is_str(event: yaml.ScalarEvent) -> bool:
    if event.style:  # quoted or block: always a string
        return True
    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, event.value, (True, False))
    return tag == "tag:yaml.org,2002:str"


def _words(text: str) -> str:
    return " ".join(text.split())


def _edit(text: str, claim: Claim, exact: str, newline: str, *, fallback: int) -> Edit | None:
    """The replacement for the claim's quote scalar; ``fallback`` 1 = single-quoted
    (plain only), 2 = double-quoted on one line, 3 = give up."""
    span: ScalarSpan = claim.quote_span  # type: ignore[assignment]
    old = text[span.start : span.end]
    style = span.style
    flat = _BREAKING_SPACE.sub(" ", exact).strip()
    if YAML_FORBIDDEN.search(flat) or fallback >= 2:
        style, fallback = '"', 2
    if style in ("|", ">"):
        new = _block(old, exact, flat, style, newline)
        if new is None:
            return _edit(text, claim, exact, newline, fallback=2)
        value = exact if style == "|" else flat
    else:
        if style is None and (fallback == 1 or not _plain_ok(flat, text, span)):
            style = "'"
        new = _flow(flat, style, old, newline, wrap=fallback == 0)
        value = flat
    return Edit(span.start, span.end, new, value, claim.id)


def _plain_ok(value: str, text: str, span: ScalarSpan) -> bool:
    """Whether ``value`` can be written plain where the old scalar was, and read back as is."""
    if not value or value[0] in _PLAIN_FIRST or value != value.strip():
        return False
    if ": " in value or " #" in value or value.endswith(":") or "\t" in value:
        return False
    line_end = text.find("\n", span.end)
    rest = text[span.end : line_end if line_end != -1 else len(text)].rstrip("\r")
    if not rest.lstrip().startswith("#"):  # only a trailing comment matters here; flow
        rest = ""  # context (`, ]`) is caught when the edited file is read back
    try:
        loaded = yaml.load(f"k: {value}{rest}\n", Loader=DEFAULT_LOADER)
    except yaml.YAMLError:
        return False
    return loaded == {"k": value}


def _flow(value: str, style: str | None, old: str, newline: str, *, wrap: bool) -> str:
    if style == "'":
        body = "'" + value.replace("'", "''") + "'"
    elif style == '"':
        body = '"' + _double_escape(value) + '"'
    else:
        body = value
    if not wrap or "\n" not in old:
        return body
    # A multi-line scalar: wrap at its old width, continuation lines indented as before.
    lines = old.splitlines()
    indent = re.match(r"[ ]*", lines[1]).group() if len(lines) > 1 else ""
    width = max(MIN_WIDTH, max(len(line) for line in lines))
    return (newline + indent).join(_wrap(body, width, first=0, rest=len(indent)))


def _double_escape(value: str) -> str:
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\t":
            out.append("\\t")
        elif YAML_FORBIDDEN.match(char):  # each is below U+10000: a \x or \u escape
            out.append(escape_char(char))
        else:
            out.append(char)
    return "".join(out)


def _wrap(text: str, width: int, *, first: int, rest: int) -> list[str]:
    """Break ``text`` at single spaces between two non-blank characters.

    Only such a break folds back to exactly one space in every YAML style,
    so the value is unchanged whatever the width.
    """
    words = re.split(r"(?<=\S) (?=\S)", text)
    lines: list[str] = []
    current = ""
    for word in words:
        limit = width - (first if not lines else rest)
        if current and len(current) + 1 + len(word) > limit:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def _block(old: str, exact: str, flat: str, style: str, newline: str) -> str | None:
    """A block scalar with the same header and indentation; its content lines replaced."""
    header = _BLOCK_HEADER.match(old)
    first_break = old.find("\n")
    if header is None or first_break == -1:
        return None
    body = old[first_break + 1 :]
    lines = body.split("\n")
    content = [line.rstrip("\r") for line in lines]
    filled = [i for i, line in enumerate(content) if line.strip()]
    if not filled:
        return None
    indent = min(len(line) - len(line.lstrip(" ")) for line in content if line.strip())
    pad = " " * indent
    if style == "|":
        new_lines = [line.rstrip() for line in re.sub(r"\r\n?", "\n", exact.strip()).split("\n")]
    else:
        width = max(MIN_WIDTH, max(len(content[i]) for i in filled))
        new_lines = _wrap(flat, width, first=indent, rest=indent)
    rendered = newline.join(pad + line if line else "" for line in new_lines)
    # Keep the header line and everything after the last content line (chomping, comments).
    last = filled[-1]
    head_end = first_break + 1
    tail_start = head_end + sum(len(line) + 1 for line in lines[:last]) + len(content[last])
    return old[:head_end] + rendered + old[tail_start:]


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with non-overlapping edits applied (from the end, so offsets hold)."""
    out = text
    last_start = len(text) + 1
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        if edit.end > last_start:
            continue  # overlapping: keep the later one only
        out = out[: edit.start] + edit.new + out[edit.end :]
        last_start = edit.start
    return out


def encode_like(registry: Registry, text: str) -> bytes:
    """The new registry text as bytes in the original file's form (UTF-8, BOM kept)."""
    try:
        with registry.path.open("rb") as handle:
            had_bom = handle.read(3) == codecs.BOM_UTF8
    except OSError:
        had_bom = False
    data = text.encode("utf-8")
    if had_bom and not text.startswith("\ufeff"):
        data = codecs.BOM_UTF8 + data
    return data


def unified_diff(path_display: str, old: str, new: str) -> str:
    """A ``git apply``-able diff of the registry before and after the fixes."""
    lines = difflib.unified_diff(
        _LINES.findall(old),
        _LINES.findall(new),
        fromfile=f"a/{path_display}",
        tofile=f"b/{path_display}",
    )
    out = []
    for line in lines:
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)
