"""Count a registry's entries on its raw bytes, before any YAML is parsed.

Composing a node tree costs about 3 KB and 20 µs a claim, so a 43 MB registry of a
million tiny claims (or a `sources:` mapping of 1.5 million names, or a flow list of a
million values in any section) would take seconds and hundreds of megabytes just to
reach the entry limit. So the entries of the registry's top level and of every
top-level section are counted here instead, and a registry over the limit is refused at
once, located at the first entry past it:

- block style: the lines at the section's first-entry indentation (each ``-`` of a list,
  each key of a mapping), with every line-end style YAML knows (LF, CRLF, CR, NEL, LS,
  PS);
- flow style (``sources: {...}``, a JSON registry): the commas of each ``[...]`` or
  ``{...}``, by their depth, quoted strings and comments skipped.

Lists and mappings below a section (a claim's fields, a value list) are capped, and
cheaply, by ``yamlsafe`` while it composes. A count here can only be too high where
quoted text holds such lines or commas, far beyond any real registry; a registry under
the limit is read as before, and ``yamlsafe`` enforces the limit exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from linter import yamlsafe

# YAML's line breaks, as bytes: each becomes one b"\n" before counting, so lines and
# columns are the parser's.
_BREAKS = (b"\r\n", b"\r", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")
_BOM = b"\xef\xbb\xbf"
# A key at the start of a line: not indented, not a comment, a list entry, a flow
# indicator, a directive or a document marker, and a ':' before the line ends.
_TOP_KEY = rb"(?![ \t\n#\[\]{},%\-])[^\n]*?:(?=[ \t\n]|\Z)"
_FILLER = re.compile(rb"(?:[ \t\n]|(?<![^ \t\n])#[^\n]*)*")
# Flow style, at C speed: an atom is a run of plain text, a quoted string (a quote only
# where a scalar may start: "it's" is plain) or a comment; a group is a [...] or {...}
# holding atoms, commas and groups, up to six deep. Possessive, so never backtracking.
_ATOM = (
    rb"(?:[^\[\]{},\"'#]++"
    rb"|(?<![^ \t\n\[{,:])'(?:[^']|'')*+'"
    rb'|(?<![^ \t\n\[{,:])"(?:[^"\\]|\\.)*+"'
    rb"|(?<![^ \t\n])#[^\n]*+"
    rb"|['\"#])"
)
_GROUP = rb"[\[{](?:" + _ATOM + rb"|,)*+[\]}]"
for _ in range(5):
    _GROUP = rb"[\[{](?:" + _ATOM + rb"|,|" + _GROUP + rb")*+[\]}]"
_ATOMS = re.compile(rb"(?:" + _ATOM + rb")*+", re.DOTALL)
_ENTRY = re.compile(rb"(?:" + _ATOM + rb"|" + _GROUP + rb")*+", re.DOTALL)
_ENTRY_COMMA = re.compile(rb"(?:" + _ATOM + rb"|" + _GROUP + rb")*+,", re.DOTALL)
_INSIDE = re.compile(rb"(?:" + _ATOM + rb"|,|" + _GROUP + rb")*+", re.DOTALL)


def too_many_entries(data: bytes, limit: int | None = None) -> yamlsafe.Problem | None:
    """R101's problem at the first entry past ``limit`` (``yamlsafe.MAX_ITEMS``) of the
    registry's top level or of any top-level section, or None."""
    limit = yamlsafe.MAX_ITEMS if limit is None else limit
    # A block entry takes a line, a flow one a comma: bytes that may end a line (the last
    # of NEL, LS and PS, a bound) and commas bound every list and mapping, at C speed.
    counts = {byte: data.count(byte) for byte in (b"\n", b"\r", b"\x85", b"\xa8", b"\xa9")}
    if sum(counts.values()) + data.count(b",") < limit:
        return None
    text = data  # copied only for a line end other than LF
    for other in _BREAKS:
        if counts[other[:1] if other[:1] == b"\r" else other[-1:]] and other in text:
            text = text.replace(other, b"\n")
    found = _crowded(text, limit)
    if found is None:
        return None
    at, section = found
    line, column = _position(text, at)
    message = yamlsafe.too_many_message(limit, section)
    return yamlsafe.Problem(yamlsafe.SYNTAX, message, line, column)


def _crowded(text: bytes, limit: int) -> tuple[int, str | None] | None:
    """(offset of the first entry past ``limit``, its section's name), or None."""
    start = _FILLER.match(
        text, _past_markers(text, len(_BOM) if text.startswith(_BOM) else 0)
    ).end()
    head = text[start : start + 1]
    if head in (b"[", b"{"):
        return _flow(text, start, len(text), limit, top=True)
    if head == b"-" and text[start + 1 : start + 2] in (b" ", b"\t", b"\n", b""):
        return _block(text, start, len(text), limit, None)
    keys = list(_lines(_TOP_KEY, text, start, len(text)))
    for i, (key, after) in enumerate(keys[:limit]):  # a section's excess before a key's
        end = keys[i + 1][0] if i + 1 < len(keys) else len(text)
        name = text[key : after - 1].strip(b" \t").strip(b"'\"").decode("utf-8", "replace")
        found = _section(text, after, end, limit, name)
        if found is not None:
            return found
    return (keys[limit][0], None) if len(keys) > limit else None


def _past_markers(text: bytes, at: int) -> int:
    """Where the document's content starts: after directives and a '---'."""
    while True:
        at = _FILLER.match(text, at).end()
        if text.startswith(b"---", at) and text[at + 3 : at + 4] in (b"\n", b" ", b"\t", b""):
            at += 3
        elif text.startswith(b"%", at):
            newline = text.find(b"\n", at)
            at = len(text) if newline < 0 else newline + 1
        else:
            return at


def _section(text: bytes, after: int, end: int, limit: int, name: str) -> tuple[int, str] | None:
    """The first entry past ``limit`` of the section whose key ends at ``after``."""
    first = _FILLER.match(text, after, end).end()
    if first >= end:
        return None
    head = text[first : first + 1]
    if head in (b"[", b"{"):
        return _flow(text, first, end, limit, name=name)
    if text.find(b"\n", after, first) < 0:
        return None  # a scalar on the key's own line
    return _block(text, first, end, limit, name)


def _block(text: bytes, first: int, end: int, limit: int, name: str | None) -> tuple | None:
    """Entries of a block list or mapping: the lines at its first entry's indentation."""
    if text.count(b"\n", first, end) < limit:
        return None
    line_start = text.rfind(b"\n", 0, first) + 1
    if line_start == 0 and text.startswith(_BOM):
        line_start = len(_BOM)
    pad = re.escape(text[line_start:first])
    dash = text[first : first + 1] == b"-"
    marker = pad + (rb"-(?=[ \t\n]|\Z)" if dash else rb"[^ \t\n#]")
    found = next(islice(_lines(marker, text, line_start, end), limit, None), None)
    if found is None:
        return None
    if dash:  # the entry's value, where YAML places the entry
        return _FILLER.match(text, found[1], end).end(), name
    return found[1] - 1, name


def _lines(pattern: bytes, text: bytes, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(line start, match end) of each line from ``start`` (a line's start) to ``end`` that
    begins with ``pattern``; searched for as "\\n" + pattern, which is C-speed."""
    first = re.compile(pattern).match(text, start, end)
    if first is not None:
        yield start, first.end()
    for found in re.compile(b"\n" + pattern).finditer(text, start, end):
        yield found.start() + 1, found.end()


def _flow(
    text: bytes, start: int, end: int, limit: int, name: str | None = None, top: bool = False
) -> tuple[int, str | None] | None:
    """The first entry past ``limit`` of the flow collection at ``start`` (a section's,
    or with ``top`` the registry's own, whose sections are then counted too)."""
    if text.count(b",", start, end) < limit:
        return None
    found = _count(text, start, end, limit, 2 if top else 1, name)
    return found if isinstance(found, tuple) else None


def _count(
    text: bytes, start: int, end: int, limit: int, levels: int, name: str | None
) -> tuple[int, str | None] | int | None:
    """Count the entries of the collection opened at ``start`` (and, with ``levels`` 2,
    of the collections in it): (offset, name) of the first entry past ``limit``, else
    the offset just past its closing bracket, or None if it does not close."""
    pos, commas = start + 1, 0
    while True:
        if levels == 1:  # entries with their commas, one C-speed match each
            for entry in _ENTRY_COMMA.finditer(text, pos, end):
                if entry.start() != pos or commas + 1 >= limit:
                    break
                commas, pos = commas + 1, entry.end()
        run = (_ENTRY if levels == 1 else _ATOMS).match(text, pos, end)
        pos, char = run.end(), text[run.end() : run.end() + 1]
        if char == b",":
            commas, pos = commas + 1, pos + 1
            after = _FILLER.match(text, pos, end).end()
            if commas >= limit and text[after : after + 1] not in (b"]", b"}", b""):
                return after, name  # the first entry past the limit, not a trailing comma
        elif char in (b"]", b"}"):
            return pos + 1
        elif char in (b"[", b"{"):
            if levels > 1:
                key = run.group().rpartition(b":")[0].strip(b" \t\n").strip(b"'\"")
                inner = _count(text, pos, end, limit, 1, key.decode("utf-8", "replace") or None)
            else:
                inner = _skip(text, pos, end)
            if not isinstance(inner, int):
                return inner
            pos = inner
        else:
            return None


def _skip(text: bytes, pos: int, end: int) -> int | None:
    """The offset just past the group opened at ``pos``, nested however deep."""
    depth = 0
    while pos < end:
        char = text[pos : pos + 1]
        if char in (b"[", b"{"):
            depth += 1
        elif char in (b"]", b"}"):
            depth -= 1
            if depth == 0:
                return pos + 1
        pos = _INSIDE.match(text, pos + 1, end).end()
    return None


def _position(text: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset into text with b"\\n" breaks only."""
    start = text.rfind(b"\n", 0, offset) + 1
    if start == 0 and text.startswith(_BOM):
        start = len(_BOM)  # YAML's columns do not count it
    column = len(text[start:offset].decode("utf-8", "replace")) + 1
    return text.count(b"\n", 0, offset) + 1, column
