"""Keep quotes and sources from driving the terminal.

A source can hold control characters (ANSI escapes, backspaces) or bidi
overrides that would rewrite what a reviewer sees; show them as escapes.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with control and bidi characters shown as ``\\xNN``/``\\uNNNN``."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    text = _UNSAFE.sub(escape, text)
    if not keep_newlines:
        text = text.replace("\n", "\\n").replace("\t", " ")
    return text


def unsafe_chars() -> re.Pattern[str]:
    return _UNSAFE
