"""Count a registry's claims on its raw bytes, before any YAML is parsed.

Composing a node tree costs about 3 KB and 20 µs a claim, so a 43 MB registry of a
million tiny claims would take seconds and hundreds of megabytes just to reach the
claim limit. The claims list's entries are counted here with byte searches instead
(block style: each ``-`` at the first entry's indentation; flow style: each ``{``
after ``claims: [``), with every line-end style, and a registry over the limit is
refused at once, located at the first entry past it. The count can only be too high
where quoted text holds such a line or brace, far beyond any real registry; a
registry under the limit is read as before, and ``yamlsafe`` enforces the limit exactly.
"""

from __future__ import annotations

import re
from itertools import islice

from linter import yamlsafe

_CLAIMS_KEY = re.compile(rb"(?:\A|[\r\n])(?:\xef\xbb\xbf)?\{?[ \t]*claims[ \t]*:")
_FILLER = re.compile(rb"(?:[ \t\r\n]|#[^\r\n]*)*")


def too_many_claims(data: bytes, limit: int | None = None) -> yamlsafe.Problem | None:
    """R101's problem at the first claim past ``limit`` (``yamlsafe.MAX_ITEMS``), or None."""
    limit = yamlsafe.MAX_ITEMS if limit is None else limit
    key = _CLAIMS_KEY.search(data)
    if key is None:
        return None
    first = _FILLER.match(data, key.end()).end()
    if first >= len(data):
        return None
    head, start = data[first : first + 1], first
    if head == b"[":
        marker = re.compile(rb"\{")
    elif head == b"-":
        line_start = max(data.rfind(b"\n", 0, first), data.rfind(b"\r", 0, first)) + 1
        if data[line_start:first].strip(b" "):
            return None  # '- ' on the key's own line: not a block list
        pad, start = re.escape(data[line_start:first]), line_start
        marker = re.compile(rb"(?:(?<=[\r\n])|\A)" + pad + rb"-(?=[ \t\r\n])")
    else:
        return None
    if data.count(b"{" if head == b"[" else b"-", first) <= limit:  # a C-speed bound first
        return None
    found = next(islice(marker.finditer(data, start), limit, None), None)
    if found is None:
        return None
    line, column = _position(data, found.end() - 1)  # the '-' or the '{'
    return yamlsafe.Problem(yamlsafe.SYNTAX, yamlsafe.too_many_message(limit), line, column)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset, counting CR, LF and CRLF as YAML does."""
    breaks = data.count(b"\n", 0, offset) + data.count(b"\r", 0, offset)
    breaks -= data.count(b"\r\n", 0, offset)
    start = max(data.rfind(b"\n", 0, offset), data.rfind(b"\r", 0, offset)) + 1
    column = len(data[start:offset].decode("utf-8", "replace")) + 1
    return breaks + 1, column
