"""The one escaping policy for everything claimlint prints or writes, and the one
module that knows which characters are control characters.

Quotes, sources, paths and claim ids are untrusted text. A character that is
invisible or that steers the display could hide or reorder what a reviewer
reads ("Trojan Source"), drive a terminal (ANSI escapes, backspaces) or break
a machine format, so no such character ever leaves claimlint raw. Unsafe are,
whatever the output format:

- every control character (Unicode ``Cc``: C0, DEL, C1);
- every format character (``Cf``): bidi embeddings, overrides and isolates,
  LRM/RLM, ARABIC LETTER MARK (U+061C), zero-width characters, the BOM, the
  invisible "tag" characters U+E0000..U+E007F, soft hyphen...;
- the line and paragraph separators (``Zl``, ``Zp``), which some viewers
  break lines at;
- lone surrogates (``Cs``: bytes that were not UTF-8), which cannot even be
  encoded.

The class is written out (a scan of the Unicode database at start-up would
cost a tenth of a second); ``tests/test_escape.py`` proves it covers every
character of those categories in the running Python's Unicode database.

Two presentations: text formats show an unsafe character as ``\\xNN``,
``\\uNNNN`` or ``\\UNNNNNNNN`` (``escape_char``, also how a double-quoted YAML
scalar writes it); JSON formats as the JSON escape (``json_escape``), so a JSON
reader gets the original string back.

YAML has its own, narrower class: the characters a YAML stream may not hold raw
(``YAML_FORBIDDEN``), which the loader refuses and ``--fix`` writes escaped.
"""

from __future__ import annotations

import re

UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
# The same class without tab and line feed (text that keeps its lines), and without
# any whitespace control (text whose renderer folds whitespace: HTML, Markdown).
_UNSAFE_BUT_LINES = re.compile(UNSAFE.pattern.replace("\x00-\x1f", "\x00-\x08\x0b-\x1f", 1))
_UNSAFE_BUT_SPACE = re.compile(UNSAFE.pattern.replace("\x00-\x1f", "\x00-\x08\x0e-\x1f", 1))
# The characters YAML forbids anywhere in a stream (PyYAML's Reader.NON_PRINTABLE).
YAML_FORBIDDEN = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def escape_char(char: str) -> str:
    """``\\xNN``, ``\\uNNNN`` or ``\\UNNNNNNNN``: Python's notation, unambiguous and ASCII
    (and YAML's, in a double-quoted scalar)."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def visible(text: str, *, keep_newlines: bool = False, keep_whitespace: bool = False) -> str:
    """``text`` with every unsafe character escaped.

    On one line (the default) a line feed shows as ``\\n`` and a tab as a
    space; ``keep_newlines`` keeps both as they are; ``keep_whitespace`` also
    keeps CR, VT and FF, for a renderer that folds whitespace (the report's
    Markdown and HTML).
    """
    if keep_whitespace:
        return _UNSAFE_BUT_SPACE.sub(lambda m: escape_char(m.group()), text)
    if keep_newlines:
        return _UNSAFE_BUT_LINES.sub(lambda m: escape_char(m.group()), text)
    return UNSAFE.sub(_one_line, text)


def _one_line(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\n":
        return "\\n"
    if char == "\t":
        return " "
    return escape_char(char)


def json_escape(char: str) -> str:
    """A character as a JSON string escape (a surrogate pair above U+FFFF)."""
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def safe_json(text: str) -> str:
    """JSON text (as ``json.dumps(..., ensure_ascii=False)`` writes it) with no unsafe character.

    Outside strings JSON has only ASCII punctuation and the indentation's line
    feeds and spaces (inside strings the encoder escapes every C0 control), so
    every other unsafe character is inside a string, where its escape stands for
    the same character.
    """
    return _UNSAFE_BUT_LINES.sub(lambda m: json_escape(m.group()), text)
