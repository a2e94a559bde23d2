"""Typographic normalization, so a quote matches its source whatever the keyboard.

Curly and straight quotes, the many dashes, whitespace runs (NBSP, thin spaces,
line breaks), zero-width characters, Unicode composition and ``…`` all carry the
same words; normalizing both sides to one spelling lets exact search stay exact.
``normalize_text`` is the fast path for bulk search; ``normalize`` also keeps a
map back to original offsets, built only when a location must be reported.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate

__all__ = ["DASH", "Normalized", "normalize", "normalize_text"]

DASH = "-"  # the canonical dash: hyphens and dashes of every width become this
SINGLE_QUOTES = "'’‘‚‛′‹›ʼ"
DOUBLE_QUOTES = '"“”„‟″«»'
DASHES = "-‐‑‒–—―−﹘﹣－"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_WHITESPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "\u180e"

_TABLE: dict[int, str | None] = {ord(c): "'" for c in SINGLE_QUOTES}
_TABLE |= {ord(c): '"' for c in DOUBLE_QUOTES}
_TABLE |= {ord(c): DASH for c in DASHES}
_TABLE |= {ord(c): None for c in ZERO_WIDTH}
_TABLE |= {ord(c): " " for c in _WHITESPACE}
_TABLE[ord("…")] = "..."

_REPLACE = {chr(k): v or "" for k, v in _TABLE.items() if chr(k) not in " -"}
_SPECIAL_CHAR = re.compile(f"[{re.escape(''.join(_REPLACE))}]")
_SPACE_RUN = re.compile(r"  +")

_ws = re.escape(_WHITESPACE + ZERO_WIDTH)
_ws_but_space = re.escape(_WHITESPACE.replace(" ", "") + ZERO_WIDTH)
_SPECIAL = re.compile(
    rf"(?P<dash>(?!-(?:[^{_ws}{re.escape(DASHES)}]|\Z))(?:[{_ws}]*[{re.escape(DASHES)}])+[{_ws}]*)"
    rf"|(?P<space>[{_ws}]{{2,}}|[{_ws_but_space}])"
    rf"|(?P<char>[{re.escape(SINGLE_QUOTES[1:] + DOUBLE_QUOTES[1:])}…])"
)
_CHANGE = re.compile(f"[{re.escape(''.join(_REPLACE))}]|  | -|- |--")
_RUN_CHARS = frozenset(_WHITESPACE + ZERO_WIDTH + DASHES + SINGLE_QUOTES + DOUBLE_QUOTES + "…")
_ZERO_WIDTH = frozenset(ZERO_WIDTH)
_BREAKABLE = frozenset(_WHITESPACE + ZERO_WIDTH)


def _nfc_clusters(text: str) -> tuple[str, list[int], list[int]]:
    """NFC one base character (plus its combining marks) at a time, keeping a map.

    Composing cluster by cluster gives the same text as NFC on the whole string
    for everything but rare Hangul jamo runs, and tells where each character came from.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        composed = unicodedata.normalize("NFC", text[i:j])
        out.append(composed)
        starts.extend([i] * len(composed))
        ends.extend([j] * len(composed))
        i = j
    return "".join(out), starts, ends


def _nfc(text: str) -> str:
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return _nfc_clusters(text)[0]


def normalize_text(text: str) -> str:
    """The normalized text alone: the fast path for exact search over a corpus.

    ``str.replace`` per special character present beats ``str.translate`` with a
    dict table several times over on long ASCII-heavy documents.
    """
    text = _nfc(text)
    for char in set(_SPECIAL_CHAR.findall(text)):
        text = text.replace(char, _REPLACE[char])
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    if DASH in text:  # spaces are single now: "a - b", "a -- b", "a - - b" -> "a-b"
        parts = text.split(DASH)
        middle = [p for p in (p.strip(" ") for p in parts[1:-1]) if p]
        text = DASH.join([parts[0].rstrip(" "), *middle, parts[-1].lstrip(" ")])
    return text.strip(" ")


@dataclass(frozen=True, slots=True)
class _Segment:
    norm: int  # where the segment starts in the normalized text
    orig: int  # where it starts in the (NFC) text
    orig_end: int | None  # None: copied verbatim (offsets move in step); else a replacement


@dataclass(eq=False)
class Normalized:
    """Normalized text plus a map from its offsets back to the original's."""

    text: str
    original: str
    _segments: list[_Segment] = field(repr=False)
    _norm_starts: list[int] = field(repr=False)
    _nfc_map: tuple[list[int], list[int]] | None = field(repr=False, default=None)

    def _start(self, i: int) -> int:
        k = bisect_right(self._norm_starts, i) - 1
        seg = self._segments[k]
        pos = seg.orig + (i - seg.norm) if seg.orig_end is None else seg.orig
        return self._nfc_map[0][pos] if self._nfc_map and pos < len(self._nfc_map[0]) else pos

    def _end(self, j: int) -> int:
        k = bisect_right(self._norm_starts, j - 1) - 1
        seg = self._segments[k]
        pos = seg.orig + (j - seg.norm) if seg.orig_end is None else seg.orig_end
        if self._nfc_map and pos > 0:
            return self._nfc_map[1][pos - 1]
        return pos

    def original_span(self, i: int, j: int) -> tuple[int, int]:
        """The original offsets of normalized ``text[i:j]``."""
        if not self.text:
            return 0, 0
        if j <= i:
            start = self._start(min(i, len(self.text) - 1)) if i < len(self.text) else None
            start = start if start is not None else self._end(len(self.text))
            return start, start
        return self._start(i), self._end(j)


def _specials(text: str, begin: int, finish: int) -> Iterator[re.Match[str]]:
    """The ``_SPECIAL`` matches of ``text[begin:finish]``, found fast.

    Plain prose is mostly single spaces and hyphens, which stay as they are; a
    cheap search finds the places that change, and ``_SPECIAL`` runs only over
    the maximal run of space, dash and quote characters around each.
    """
    pos = begin
    while True:
        hit = _CHANGE.search(text, pos, finish)
        if hit is None:
            return
        start, end = hit.start(), hit.end()
        while start > pos and text[start - 1] in _RUN_CHARS:
            start -= 1
        while end < finish and text[end] in _RUN_CHARS:
            end += 1
        yield from _SPECIAL.finditer(text, start, end)
        pos = end


def normalize(text: str) -> Normalized:
    """Normalize ``text`` and keep the way back to its original offsets."""
    nfc_map = None
    source = text
    if not (text.isascii() or unicodedata.is_normalized("NFC", text)):
        source, starts, ends = _nfc_clusters(text)
        nfc_map = (starts, ends)
    begin, finish = 0, len(source)
    while begin < finish and source[begin] in _BREAKABLE:
        begin += 1
    while finish > begin and source[finish - 1] in _BREAKABLE:
        finish -= 1

    out: list[str] = []
    segments: list[_Segment] = []
    norm = 0
    pos = begin
    for match in _specials(source, begin, finish):
        if match.start() > pos:
            segments.append(_Segment(norm, pos, None))
            out.append(source[pos : match.start()])
            norm += match.start() - pos
        if match["dash"] is not None:
            replacement = DASH
        elif match["space"] is not None:
            replacement = "" if _ZERO_WIDTH.issuperset(match.group()) else " "
        else:
            replacement = match.group().translate(_TABLE)
        if replacement:
            segments.append(_Segment(norm, match.start(), match.end()))
            out.append(replacement)
            norm += len(replacement)
        pos = match.end()
    if finish > pos:
        segments.append(_Segment(norm, pos, None))
        out.append(source[pos:finish])
    if not segments:
        segments.append(_Segment(0, begin, None))
    return Normalized(
        text="".join(out),
        original=text,
        _segments=segments,
        _norm_starts=[s.norm for s in segments],
        _nfc_map=nfc_map,
    )


_NO_CUT_NEXT_TO = frozenset(DASHES) | _BREAKABLE


class NormalizedDocument:
    """A document's normalized text, with offset maps built per block on demand.

    A corpus is normalized in bulk for exact search, but only the few spans that are
    reported need original offsets; cutting the text at spaces into blocks
    that normalize independently keeps each map small and built only when asked.
    """

    BLOCK = 512

    def __init__(self, original: str | Callable[[], str]) -> None:
        """``original`` is the text, or a function returning it (so a large corpus
        need not keep every original text in memory: spans are mapped rarely)."""
        self._original = original
        if callable(original):
            original = original()
        cuts = self._cut(original)
        parts = [normalize_text(original[s:e]) for s, e in cuts]
        self.text = " ".join(parts)
        # Per block: where it starts and ends in the original, and starts in ``text``
        # (compact arrays: a corpus has hundreds of thousands of blocks).
        self._orig_starts = array("q", (s for s, _ in cuts))
        self._orig_ends = array("q", (e for _, e in cuts))
        self._norm_starts = array("q", accumulate((len(p) + 1 for p in parts[:-1]), initial=0))

    def state(self) -> tuple[str, array, array, array]:
        """What ``restore`` needs besides the original text (to ship between processes)."""
        return self.text, self._orig_starts, self._orig_ends, self._norm_starts

    @property
    def original(self) -> str:
        source = self._original
        return source() if callable(source) else source

    @classmethod
    def restore(
        cls, original: str | Callable[[], str], state: tuple[str, array, array, array]
    ) -> NormalizedDocument:
        doc = cls.__new__(cls)
        doc._original = original
        doc.text, doc._orig_starts, doc._orig_ends, doc._norm_starts = state
        return doc

    @classmethod
    def _cut(cls, text: str) -> list[tuple[int, int]]:
        """Blocks of about ``BLOCK`` characters, cut at whitespace runs between two
        characters that normalization leaves alone, so each block normalizes to
        exactly its share of the whole text."""
        cuts, begin, n = [], 0, len(text)
        at = text.find(" ", begin + cls.BLOCK)
        while at != -1:
            left, right = at, at + 1
            while left > begin and text[left - 1] in _BREAKABLE:
                left -= 1
            while right < n and text[right] in _BREAKABLE:
                right += 1
            if (
                left > begin
                and right < n
                and text[left - 1] not in _NO_CUT_NEXT_TO
                and text[right] not in _NO_CUT_NEXT_TO
                and not unicodedata.combining(text[right])
            ):
                cuts.append((begin, left))
                begin = right
                at = text.find(" ", begin + cls.BLOCK)
            else:
                at = text.find(" ", right)
        cuts.append((begin, n))
        return cuts

    def _block(self, k: int) -> Normalized:
        """Block ``k`` with its offset map (built each time: keeping maps costs memory)."""
        return normalize(self.original[self._orig_starts[k] : self._orig_ends[k]])

    def _block_len(self, k: int) -> int:
        if k + 1 < len(self._norm_starts):
            return self._norm_starts[k + 1] - 1 - self._norm_starts[k]
        return len(self.text) - self._norm_starts[k]

    def _unchanged(self, k: int) -> bool:
        """Whether block ``k`` is its normalized text as it stands (most prose is):
        then its offsets map one to one, and no map need be built."""
        start, end = self._orig_starts[k], self._orig_ends[k]
        at = self._norm_starts[k]
        return end - start == self._block_len(k) and self.text.startswith(
            self.original[start:end], at
        )

    def _locate(self, i: int) -> tuple[int, int]:
        """The block holding normalized offset ``i``, and ``i`` within that block."""
        k = bisect_right(self._norm_starts, i) - 1
        return k, i - self._norm_starts[k]

    def original_span(self, i: int, j: int) -> tuple[int, int]:
        """The original offsets of normalized ``text[i:j]`` (each block mapped once)."""
        if not self.text:
            return 0, 0
        if j <= i and i >= len(self.text):
            return len(self.original), len(self.original)
        k, local = self._locate(i)
        block = None
        if local >= self._block_len(k):  # the space joining two blocks
            start = self._orig_ends[k]
        elif self._unchanged(k):
            start = self._orig_starts[k] + local
        else:
            block = self._block(k)
            start = self._orig_starts[k] + block.original_span(local, local + 1)[0]
        if j <= i:
            return start, start
        m, last = self._locate(j - 1)
        if last >= self._block_len(m):
            end = self._orig_starts[m + 1]
        elif self._unchanged(m):
            end = self._orig_starts[m] + last + 1
        else:
            if m != k or block is None:
                block = self._block(m)
            end = self._orig_starts[m] + block.original_span(last, last + 1)[1]
        return start, end
