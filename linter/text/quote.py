"""A quote taken apart: ellipsis pieces, editorial brackets, first-letter case.

Quoting conventions are not changes: ``...`` omits text, ``[T]he`` or
``[Russia]`` marks an editor's substitution, and a quote may start mid-sentence
with its first letter's case changed. Parsing them once, here, lets exact search
and near matching apply the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from linter.text.normalize import normalize_text

__all__ = ["WORD", "Bracket", "PieceMatch", "Quote", "find_piece", "in_word", "is_word_char"]

# "...", "…", "[...]", "(...)" or ". . ."
_ELLIPSIS = re.compile(r" ?(?:\[\.{3,}\]|\(\.{3,}\)|\.{3,}|\.(?: \.){2,}) ?")
_CLOSING = re.compile(r"(?<=\w)[.,;:]+$")
_BRACKET = re.compile(r"\[([^\[\]]{0,80})\]")
# A word; an apostrophe between letters is part of it: can't, O'Brien, rock'n'roll.
WORD = re.compile(r"\w+(?:'\w+)*")
_NO_START = r"(?<!\w)(?<!\w')"  # no word may continue through here ...
_NO_END = r"(?!\w|'\w)"  # ... nor on from here
# Punctuation a quote's first or last token may have lost to the cut: for an edge
# token, the forms the document's token may take.
_LEADS = ("", '"', "'", "(", "[")
_TAILS = ("", ".", ",", ";", ":", "!", "?", '"', "'", ")", '."', ',"', '?"', "'s", ").", "),")
_EDGE_PUNCT = "\"'([)].,;:!?"
_STRETCH = 40  # the longest word a bracket may stand for ...
_WORDS = 5  # ... and the most words


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def in_word(text: str, i: int) -> bool:
    """Whether offset ``i`` of ``text`` falls inside a word (so no quote may start or end there).

    An apostrophe between word characters joins them: "can|'t" and "can'|t" are
    inside "can't", so "you can" is not a word-aligned span of "you can't".
    """
    if i <= 0 or i >= len(text):
        return False
    before, after = text[i - 1], text[i]
    if is_word_char(before):
        return is_word_char(after) or (
            after == "'" and i + 1 < len(text) and is_word_char(text[i + 1])
        )
    return before == "'" and is_word_char(after) and i > 1 and is_word_char(text[i - 2])


def _first_cased(text: str) -> int | None:
    """Index of the first letter when only punctuation precedes it ("'Russia", "[T]he": None)."""
    for i, char in enumerate(text):
        if char.isalpha():
            return i if char.lower() != char.upper() else None
        if char.isdigit() or char == "[":
            return None
    return None


def _swap_first(text: str) -> str | None:
    i = _first_cased(text)
    if i is None:
        return None
    char = text[i]
    swapped = char.lower() if char.isupper() else char.upper()
    return text[:i] + swapped + text[i + 1 :] if swapped != char and len(swapped) == 1 else None


def _cases(word: str) -> tuple[str, ...]:
    """The word, and with its first letter's case swapped (a quote may start mid-sentence)."""
    swapped = _swap_first(word)
    return (word, swapped) if swapped else (word,)


@dataclass(frozen=True, slots=True)
class Bracket:
    """An editorial ``[insertion]`` and the stretch of source it stands for."""

    content: str
    start: int  # the stretch, in the normalized document
    end: int


@dataclass(frozen=True, slots=True)
class PieceMatch:
    start: int
    end: int
    brackets: tuple[Bracket, ...] = ()


def _find_cased(text: str, piece: str, pos: int, letter: str) -> PieceMatch | None:
    """``piece`` (punctuation then one letter) with that letter as given."""
    variant = piece[:-1] + letter
    at = text.find(variant, pos)
    while at != -1:
        end = at + len(variant)
        if (not is_word_char(variant[0]) or not in_word(text, at)) and not in_word(text, end):
            return PieceMatch(at, end)
        at = text.find(variant, at + 1)
    return None


def find_piece(text: str, piece: str, pos: int = 0) -> PieceMatch | None:
    """The first word-aligned occurrence of ``piece`` in ``text`` from ``pos``.

    The piece's first letter may differ in case; everything else is exact. One
    scan for what follows that letter, then a check of the letter itself.
    """
    first = _first_cased(piece)
    lead = 0 if first is None else first + 1
    needle = piece[lead:]
    if not needle:  # the piece ends with its first letter ("I", '"A'): try both cases
        letter = piece[-1]
        hits = [_find_cased(text, piece, pos, c) for c in (letter.lower(), letter.upper())]
        return min((h for h in hits if h), key=lambda h: h.start, default=None)
    start_bound = is_word_char(piece[0])
    end_bound = is_word_char(piece[-1])
    prefix = piece[:first] if first is not None else ""
    letter = piece[first].lower() if first is not None else ""
    search = pos + lead
    while True:
        at = text.find(needle, search)
        if at == -1:
            return None
        search = at + 1
        start, end = at - lead, at + len(needle)
        if lead and (
            text[start + len(prefix)].lower() != letter
            or text[start : start + len(prefix)] != prefix
        ):
            continue
        if (start_bound and in_word(text, start)) or (end_bound and in_word(text, end)):
            continue
        return PieceMatch(start, end)


@dataclass(frozen=True, slots=True)
class _Pattern:
    """A piece with brackets as wildcards: a regex for what follows a leading bracket."""

    regex: re.Pattern[str]
    contents: tuple[str, ...]  # bracket contents, in order (leading one first)
    leading: str | None  # "glued" ("[T]he"), "word" ("[Russia] is"), or None


def _editorial(piece: str) -> bool:
    """Whether the piece's brackets are an editor's: it has words outside them.

    A piece wholly in brackets ("[RELATED: Gun battle leaves 1 dead]") can only be
    quoting brackets that are in the source: there they are text.
    """
    return any(map(is_word_char, _BRACKET.sub("", piece)))


def _split(piece: str) -> list[str]:
    """Literal, bracket content, literal, ..., literal (brackets that are text: one literal)."""
    return _BRACKET.split(piece) if _editorial(piece) else [piece]


def _compile(piece: str) -> _Pattern:
    parts = _split(piece)  # literal, content, literal, content, ..., literal
    literals, contents = parts[0::2], parts[1::2]
    leading = None
    if not literals[0]:
        leading = "word" if literals[1].startswith(" ") else "glued"
    regex = []
    if literals[0]:
        first = literals[0]
        i = _first_cased(first)
        if i is not None:
            regex.append(re.escape(first[:i]) + f"[{first[i].upper()}{first[i].lower()}]")
            first = first[i + 1 :]
        if is_word_char(piece[0]):
            regex.insert(0, _NO_START)
        regex.append(re.escape(first))
    for index in range(len(contents)):
        after = literals[index + 1]
        if index == 0 and leading:
            regex.append(re.escape(after))
            continue
        before_space = regex and regex[-1].endswith(r"\ ")
        if before_space:
            regex[-1] = regex[-1][: -len(r"\ ")]
            regex.append(rf"(?:\ ([^ ]{{1,{_STRETCH}}}?(?:\ [^ ]+?){{0,{_WORDS - 1}}}?))?")
        else:
            regex.append(rf"([^ ]{{0,{_STRETCH}}}?)")
        regex.append(re.escape(after))
    if is_word_char(piece[-1]):
        regex.append(_NO_END)
    return _Pattern(re.compile("".join(regex)), tuple(contents), leading)


def _stretch_before(text: str, at: int, leading: str) -> int:
    """Where the source stretch a leading bracket stands for begins."""
    start = at
    if leading == "glued":
        while start > 0 and at - start < 20 and is_word_char(text[start - 1]):
            start -= 1
        return start
    while start > 0 and text[start - 1] not in " -\"'([":
        start -= 1
    return start


class Quote:
    """A normalized quote, its ellipsis pieces and their bracket patterns."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        text = normalize_text(raw)
        if len(text) > 2 and text[0] == text[-1] == '"' and '"' not in text[1:-1]:
            text = text[1:-1].strip(" ")  # quotation marks around the whole quote
        self.text = text
        # Each piece drops its closing comma, period, colon or semicolon: quoting a
        # clause that ends "happily," as "happily." changes no word.
        pieces = [_CLOSING.sub("", p.strip(" ")) for p in _ELLIPSIS.split(self.text)]
        # A piece needs words of its own: "[...]" alone quotes nothing, and "[Russia]"
        # alone stands for words not quoted, unless the whole quote is in brackets,
        # which only a source's own brackets explain.
        words = [p for p in pieces if any(map(is_word_char, p))]
        self.pieces = tuple(p for p in words if _editorial(p) or len(words) == 1)
        self.has_brackets = any(_BRACKET.search(p) and _editorial(p) for p in self.pieces)
        # For near matching: editorial bracket markers dropped, their content kept.
        self.plain = tuple(_BRACKET.sub(r"\1", p) if _editorial(p) else p for p in self.pieces)

    @cached_property
    def patterns(self) -> tuple[_Pattern, ...]:
        return tuple(_compile(p) for p in self.pieces)

    @cached_property
    def chunks(self) -> list[list[str]]:
        """Space-separated tokens of each bracket-free stretch, edges dropped.

        Interior tokens appear whole, with their punctuation, among the tokens of
        any document holding the quote verbatim; edge tokens may be cut by a
        bracket, an ellipsis or the end of the quote, or differ in case.
        """
        return [chunk.split(" ")[1:-1] for piece in self.pieces for chunk in _split(piece)[0::2]]

    @cached_property
    def tokens(self) -> frozenset[str]:
        """Interior tokens: they pick documents that may hold a near match."""
        return frozenset(t for tokens in self.chunks for t in tokens)

    @cached_property
    def edges(self) -> tuple[frozenset[str], ...]:
        """Each stretch's first and last words, as the forms a document's token may take.

        Exact search cannot require them (a cut may leave out their punctuation, or
        change their first letter's case), but they are often a quote's rarest words
        (the name it opens or ends with), so they vote for documents to align.
        """
        out = []
        for piece in self.pieces:
            for chunk in _split(piece)[0::2]:
                tokens = chunk.strip(" ").split(" ")
                if not tokens[0]:
                    continue
                first, last = tokens[0].lstrip(_EDGE_PUNCT), tokens[-1].rstrip(_EDGE_PUNCT)
                if len(tokens) == 1:
                    first = last = first.rstrip(_EDGE_PUNCT)
                    heads = {lead + form for lead in _LEADS for form in _cases(first)}
                    out.append(frozenset(h + tail for h in heads for tail in _TAILS))
                    continue
                start = tokens[0][len(tokens[0]) - len(tokens[0].lstrip(_EDGE_PUNCT)) :]
                if first:
                    out.append(frozenset(lead + form for lead in _LEADS for form in _cases(start)))
                end = tokens[-1][: len(last)]
                if last:
                    out.append(frozenset(end + tail for tail in _TAILS))
        return tuple(out)

    @cached_property
    def core(self) -> str:
        """The longest bracket-free stretch without its first character, for plain scans."""
        chunks = [c for p in self.pieces for c in _split(p)[0::2]]
        return max(chunks, key=len)[1:].strip(" ")

    def find_literal(self, text: str) -> list[PieceMatch] | None:
        """The pieces, brackets taken literally, in order in ``text`` (or None)."""
        if not self.pieces:
            return None
        if len(self.pieces) > 1 and "..." in self.text:
            whole = find_piece(text, self.text)
            if whole:
                return [whole]
        found, pos = [], 0
        for piece in self.pieces:
            match = find_piece(text, piece, pos)
            if match is None:
                return None
            found.append(match)
            pos = match.end
        return found

    def find_bracketed(self, text: str) -> list[PieceMatch] | None:
        """The pieces, brackets as wildcards for a short stretch, in order in ``text``."""
        if not self.has_brackets:
            return None
        found, pos = [], 0
        for pattern in self.patterns:
            match = self._search(pattern, text, pos)
            if match is None:
                return None
            found.append(match)
            pos = match.end
        return found

    @staticmethod
    def _search(pattern: _Pattern, text: str, pos: int) -> PieceMatch | None:
        for m in pattern.regex.finditer(text, pos):
            brackets = []
            contents = list(pattern.contents)
            start = m.start()
            if pattern.leading:
                start = _stretch_before(text, m.start(), pattern.leading)
                if start < pos:
                    continue
                brackets.append(Bracket(contents.pop(0), start, m.start()))
            for group, content in enumerate(contents, start=1):
                g0, g1 = m.span(group)
                if g0 == -1:
                    g0 = g1 = m.start(group) if m.start(group) != -1 else m.start()
                brackets.append(Bracket(content, g0, g1))
            return PieceMatch(start, m.end(), tuple(brackets))
        return None
