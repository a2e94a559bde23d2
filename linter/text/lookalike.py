"""Look-alike characters from other scripts ("Sergіi" with a Cyrillic і).

They make a quote differ from its source while looking identical on screen, so
the reader needs to be told which character is the odd one out.
"""

from __future__ import annotations

import unicodedata

__all__ = ["LOOKALIKES", "find_suspects"]

# Non-Latin letters that render like a Latin one (the usual homoglyph suspects).
LOOKALIKES: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "B", "е": "e", "к": "k", "м": "M", "н": "H", "о": "o", "р": "p",
    "с": "c", "т": "T", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ү": "y", "А": "A", "В": "B", "Е": "E",
    "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X",
    "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W", "Һ": "H",
    # Greek
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "υ": "u",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Other common ones
    "ı": "i", "ɡ": "g", "ɑ": "a", "ℓ": "l",
}  # fmt: skip


def _word_around(text: str, i: int) -> str:
    start = i
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'-"):
        start -= 1
    end = i + 1
    while end < len(text) and (text[end].isalnum() or text[end] in "'-"):
        end += 1
    return text[start:end]


def _is_latin(char: str) -> bool:
    return (char.isascii() and char.isalpha()) or "LATIN" in unicodedata.name(char, "")


def find_suspects(quote: str, source: str | None = None) -> tuple[str, ...]:
    """Describe each look-alike character of ``quote`` that ``source`` does not use.

    A look-alike counts when it sits in a word that also has Latin letters, or
    when the source (if given) never uses that character: a Russian quote in a
    Russian source is not suspicious.
    """
    found: list[str] = []
    seen: set[tuple[str, str]] = set()
    used = set(source) if source is not None else set()
    for i, char in enumerate(quote):
        latin = LOOKALIKES.get(char)
        if latin is None or char in used:
            continue
        word = _word_around(quote, i)
        mixed = any(_is_latin(c) for c in word)
        if not mixed and source is None:
            continue
        if (char, word) in seen:
            continue
        seen.add((char, word))
        name = unicodedata.name(char, "UNKNOWN")
        found.append(f'U+{ord(char):04X} {name} in "{word}" (looks like Latin "{latin}")')
    return tuple(found)
