"""Near matches: the closest word-aligned span of a document to a quote piece.

Candidate places come from the quote's most distinctive words voting for where it
would start (the alignment diagonal), so only a few windows of each document
are ever compared; rapidfuzz then aligns the quote inside each window and the
ends are snapped to word boundaries. A document is prepared once (``Aligned``):
lowercased, and a long one indexed by word, so that what a quote costs depends
on the quote and its windows, not on the document's length.
"""

from __future__ import annotations

import re
from array import array
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from linter.text.numbers import NegationToken, NumberToken, compared_numbers, find_negations
from linter.text.quote import WORD, in_word

T = TypeVar("T")

__all__ = ["Aligned", "Alignment", "align_piece", "describe_changes", "similarity", "word_diff"]

_BUCKET = 16  # characters per diagonal bucket
_SEEDS = 8  # quote words used to vote (names and words first, then numbers)
_MAX_HITS = 200  # a word found more often than this does not vote
_TELLING_HITS = 3  # a word found at most this often is telling ...
_TELLING_WORDS = 4  # ... and this many telling words are enough
_WINDOWS = 3  # diagonals tried per piece ...
_GOOD_ENOUGH = 0.95  # ... unless one already matches this well
_CLOSE_VOTES = 0.75  # more diagonals voted this close to the best ...
_CROWD = 64  # ... up to this many, are compared as text to pick the _WINDOWS
_SNAP = 8  # word boundaries tried around each end of an aligned span
# partial_ratio's work grows with the cube of a piece's length when it matches badly
# (a 4,000-character piece of repeated words took 1.8 s a window), so a piece longer
# than _LONG is placed by its first and last _EDGE characters, each aligned where
# that end must be: the work per piece is then about linear in its length.
_LONG = 300
_EDGE = 150
# A document this long is kept lowercased for the next quote, and indexed by word
# once it has been scanned for _INDEX_AFTER seed words: one pass of the word regex
# costs about as much as that many scans (a scan is one C str.find over the text; the
# index is a Python loop over its every word, ~15 ms for 50 KB). Indexing on first use
# made a corpus of 1,000 50 KB documents, each aligned for a few quotes, twice as slow
# and twice the memory; a 1.5 MB document aligned for hundreds of quotes still is
# indexed after its first few. A shorter document is scanned, in microseconds.
_INDEX_FROM = 32_768
_INDEX_AFTER = 64


@dataclass(frozen=True, slots=True)
class Alignment:
    start: int  # in the normalized document
    end: int
    score: float


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def similarity(quote: str, span: str) -> float:
    """0..1: half letters, half words.

    Letters are compared mostly regardless of case (a quote in capitals, or with
    one word's case changed, still has its words) and the first letter's case
    never counts. Words weigh as much as letters, so a quote spliced from a real
    half and an invented one scores low even where the letters happen to align.
    """
    blind = fuzz.ratio(quote.lower(), span.lower())
    if blind == 0:
        return 0.0
    cased = fuzz.ratio(_first_lower(quote), _first_lower(span))
    letters = (0.9 * blind + 0.1 * cased) / 100
    words = Indel.normalized_similarity(WORD.findall(quote.lower()), WORD.findall(span.lower()))
    return (letters + words) / 2


def _occurrences(text: str, word: str, limit: int) -> list[int]:
    """Word-aligned occurrences of ``word``, up to one more than ``limit``.

    Plain ``str.find``: as fast as a compiled pattern here, and nothing to cache
    (a cache of one pattern per quote word grows large in every worker process).
    """
    found: list[int] = []
    at = text.find(word)
    while at != -1 and len(found) <= limit:
        end = at + len(word)
        if not in_word(text, at) and not in_word(text, end):
            found.append(at)
        at = text.find(word, at + 1)
    return found


class Aligned:
    """A document's normalized text as alignment reads it: lowercased once, and if it
    is long and often searched, with the word-aligned places of each word it holds.

    A word's places are exactly ``_occurrences``': a word-aligned occurrence is a
    whole ``WORD`` token of the lowercased text, so the index serves every seed
    that is one token itself (any other is scanned for, as before).
    """

    __slots__ = ("_index", "_scans", "lower", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lower = text.lower()
        self._index: dict[str, array[int]] | None = None
        self._scans = 0

    @property
    def long(self) -> bool:
        """Whether it pays to keep this (and its index) for the next quote."""
        return len(self.text) >= _INDEX_FROM

    def occurrences(self, word: str) -> list[int]:
        """Word-aligned places of lowercase ``word``, up to one more than ``_MAX_HITS``."""
        if not self.long or WORD.fullmatch(word) is None:
            return _occurrences(self.lower, word, _MAX_HITS)
        if self._index is None:
            self._scans += 1
            if self._scans <= _INDEX_AFTER:  # until the index would have paid for itself
                return _occurrences(self.lower, word, _MAX_HITS)
            self._index = _word_index(self.lower)
        return list(self._index.get(word, ()))


def _word_index(text: str) -> dict[str, array[int]]:
    """Where each ``WORD`` token of ``text`` starts (one pass: about 60 ms a MB).

    Only the first ``_MAX_HITS + 1`` places of a word are kept (a word found more
    often does not vote), in compact arrays: a common word's every place, as
    Python integers, made the index six times the size of its text.
    """
    index: dict[str, list[int]] = defaultdict(list)
    for m in WORD.finditer(text):
        found = index[m.group()]
        if len(found) <= _MAX_HITS:
            found.append(m.start())
    return {word: array("i", found) for word, found in index.items()}


def _distinctive(piece: str) -> list[tuple[str, int]]:
    """The piece's words most likely rare in a document, with their offsets.

    Names (capitalized after the first word) first, then longer words; numbers
    last, since a number is what a misquote most often changes, and a changed
    number votes for every other place the quote's number happens to stand.
    """
    words: dict[str, tuple[tuple[bool, bool, int], int]] = {}
    for m in WORD.finditer(piece):
        word = m.group()
        name = m.start() > 0 and word[0].isupper()
        number = any(c.isdigit() for c in word)
        key = word.lower()
        if key not in words and len(word) >= 2:
            words[key] = ((name, not number, len(word)), m.start())
    ranked = sorted(words, key=lambda w: words[w][0], reverse=True)[:_SEEDS]
    return [(w, words[w][1]) for w in ranked]


def _diagonals(piece: str, doc: Aligned, slack: int) -> list[int]:
    """Likely start offsets of the piece in the text, best first.

    Each occurrence of a quote word votes for where the quote would start,
    weighted by the word's rarity in the document: in a document that reuses
    phrasing, the names and numbers tell its sentences apart.
    """
    votes: dict[int, float] = defaultdict(float)
    telling = 0  # words found only a few times: enough of them settle the question
    for word, offset in _distinctive(piece):
        hits = doc.occurrences(word)
        if len(hits) > _MAX_HITS:
            continue
        for at in hits:
            votes[(at - offset) // _BUCKET] += 1 / len(hits)
        telling += 0 < len(hits) <= _TELLING_HITS
        if telling >= _TELLING_WORDS:
            break
    smoothed = {b: votes.get(b - 1, 0) + votes[b] + votes.get(b + 1, 0) for b in list(votes)}
    ranked = sorted(smoothed, key=lambda b: (-smoothed[b], b))
    close = _CLOSE_VOTES * smoothed[ranked[0]] if ranked else 0.0
    picked: list[int] = []
    for bucket in ranked:
        if len(picked) >= _WINDOWS and (smoothed[bucket] < close or len(picked) == _CROWD):
            break
        if all(abs(bucket - other) > 2 for other in picked):
            picked.append(bucket)
    starts = [max(0, b * _BUCKET) for b in picked]
    if len(starts) > _WINDOWS:
        starts = _closest(piece.lower(), doc.lower, starts, slack)[:_WINDOWS]
    return starts


def _closest(piece: str, text: str, starts: list[int], slack: int) -> list[int]:
    """Diagonals voted about as well as the best, closest text first.

    In a document repeating one sentence with other numbers, or captions "Image 5
    of 44: ...", every occurrence gets the same votes; what tells them apart is
    the few words that differ, so the words around each diagonal are compared
    in order with the quote's (the longest common subsequence, cheap next to
    an alignment), and the best few are aligned. Words, not letters: a changed
    digit is one letter of many, but a whole word of the few that differ.
    """
    words = WORD.findall(piece)

    def shared(at: int) -> int:
        near = WORD.findall(text, max(0, at - slack), at + len(piece) + slack)
        return len(words) + len(near) - Indel.distance(words, near)

    score = {at: shared(at) for at in starts}
    return sorted(starts, key=lambda at: -score[at])


# Word starts and ends; an apostrophe between letters is inside the word ("can't").
_STARTS = re.compile(r"(?<!\w)(?<!\w')(?=\w)")
_ENDS = re.compile(r"(?<=\w)(?!\w|'\w)")
_LEAD = re.compile(r"^[\"'(\[-]*")  # punctuation a quote may open with
_TAIL = re.compile(r"[\"').,;:!?\]-]*$")  # ... or close with


def _starts(text: str, piece: str, near: int, reach: int) -> list[int]:
    """Word starts around ``near``, and before them any punctuation the piece opens with."""
    found = [m.start() for m in _STARTS.finditer(text, max(near - reach, 0), near + reach)]
    lead = len(_LEAD.match(piece).group())  # type: ignore[union-attr]
    found += [k - j for k in found for j in range(1, lead + 1) if text[k - j : k] == piece[:j]]
    return found


def _ends(text: str, piece: str, near: int, reach: int) -> list[int]:
    """Word ends around ``near``, and after them any punctuation the piece closes with."""
    found = [m.start() for m in _ENDS.finditer(text, max(near - reach, 1), near + reach)]
    tail = len(_TAIL.search(piece).group())  # type: ignore[union-attr]
    found += [k + j for k in found for j in range(1, tail + 1) if text[k : k + j] == piece[-j:]]
    return found


def _refine(piece: str, text: str, s: int, e: int) -> Alignment | None:
    """Snap an approximate span to the word boundaries that fit ``piece`` best.

    Coordinate ascent: the best end for the nearest start, the best start for
    that end, then the end again (lowercase in, lowercase compared).
    """
    reach = 12 + len(piece) // 4
    starts, ends = _starts(text, piece, s, reach), _ends(text, piece, e, reach)
    if not starts or not ends:
        return None
    starts = sorted(starts, key=lambda k: abs(k - s))[:_SNAP]
    ends = sorted(ends, key=lambda k: abs(k - e))[:_SNAP]
    start = min(starts, key=lambda k: abs(k - s))
    end = e
    for _ in range(2):
        end = max(ends, key=lambda k: (fuzz.ratio(piece, text[start:k]), -abs(k - e)))
        start = max(starts, key=lambda k: (fuzz.ratio(piece, text[k:end]), -abs(k - s)))
    end = max(ends, key=lambda k: (fuzz.ratio(piece, text[start:k]), -abs(k - e)))
    if end <= start:
        return None
    return Alignment(start, end, fuzz.ratio(piece, text[start:end]) / 100)


def align_piece(piece: str, doc: Aligned) -> Alignment | None:
    """The closest word-aligned span of ``doc`` to ``piece`` (both normalized), or None."""
    text, text_lower = doc.text, doc.lower
    if not piece or not text:
        return None
    piece_lower = piece.lower()
    slack = 16 + len(piece) // 5
    best: Alignment | None = None
    for diagonal in _diagonals(piece, doc, slack):
        lo = max(0, diagonal - slack)
        hi = min(len(text), diagonal + len(piece) + slack)
        found = _place(piece_lower, text_lower[lo:hi], slack)
        if found is None:
            continue
        snapped = _refine(piece_lower, text_lower, lo + found[0], lo + found[1])
        if snapped and (best is None or snapped.score > best.score):
            best = snapped
        if best and best.score >= _GOOD_ENOUGH:
            break
    if best is None:
        return None
    start, end = _settle(piece, text, best.start, best.end)
    return Alignment(start, end, similarity(piece, text[start:end]))


def _place(piece: str, window: str, slack: int) -> tuple[int, int] | None:
    """Where in ``window`` (the piece's diagonal, ``slack`` wider on each side) the piece lies."""
    if len(piece) <= _LONG:
        found = fuzz.partial_ratio_alignment(piece, window)
        return None if found is None else (found.dest_start, found.dest_end)
    reach = 2 * slack + _EDGE  # each end lies within the slack of where the diagonal puts it
    head = fuzz.partial_ratio_alignment(piece[:_EDGE], window[:reach])
    tail_at = max(0, len(window) - reach)
    tail = fuzz.partial_ratio_alignment(piece[-_EDGE:], window[tail_at:])
    if head is None or tail is None or tail_at + tail.dest_end <= head.dest_start:
        return None
    return head.dest_start, tail_at + tail.dest_end


# Words for settling a span's ends: a dash splits too, since normalization joins
# "East - won't" into "East-won't", and "Eighth-seeded" quoted as "First-seeded"
# must not settle on "seeded" alone.
_WORDS_OF = re.compile(r"[ -]")


def _settle(piece: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span by up to two words a side where the quote replaced them.

    Character similarity may leave out an edge word the quote changed ("None of
    the" quoted as "All of the"); aligning words, a substitution there beats an
    insertion, so the changed word is compared too.
    """
    quote = _WORDS_OF.split(piece)
    before = [m.start() for m in _STARTS.finditer(text, max(start - 40, 0), start)]
    befores = [start, *before[::-1]]
    afters = [end, *(m.start() for m in _ENDS.finditer(text, end + 1, end + 40))]

    def cost(span: tuple[int, int]) -> tuple[int, int, int]:
        words = _WORDS_OF.split(text[span[0] : span[1]])
        return (
            Levenshtein.distance(quote, words),
            abs(len(words) - len(quote)),
            span[1] - span[0],
        )

    return min(((a, b) for a in befores[:3] for b in afters[:3]), key=cost)


def word_diff(source: str, quote: str, *, limit: int = 4) -> str | None:
    """A compact wdiff of source against quote: "a [-five-man-] {+four-man+} Taliban"."""
    a, b = source.split(" "), quote.split(" ")
    if a[0] != b[0] and _first_lower(a[0]) == _first_lower(b[0]):
        b[0] = a[0]  # the first letter's case is free
    chunks = []
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal":
            continue
        parts = a[max(op.src_start - 1, 0) : op.src_start]
        if op.src_end > op.src_start:
            parts.append("[-" + " ".join(a[op.src_start : op.src_end]) + "-]")
        if op.dest_end > op.dest_start:
            parts.append("{+" + " ".join(b[op.dest_start : op.dest_end]) + "+}")
        parts += a[op.src_end : op.src_end + 1]
        chunks.append(" ".join(parts))
    if not chunks:
        return None
    more = " …" if len(chunks) > limit else ""
    return " … ".join(chunks[:limit]) + more


def _value(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _holding(token: NumberToken | NegationToken) -> str:
    return f' in "{token.word}"' if token.word else ""


def _number(token: NumberToken) -> str:
    return f'"{token.text}" ({_value(token.value)}){_holding(token)}'


def _negation(token: NegationToken) -> str:
    return f'"{token.text}"{_holding(token)}'


def describe_changes(source: str, quote: str) -> tuple[str, ...]:
    """Plain-language changes of numbers and negations from ``source`` to ``quote``."""
    numbers = number_changes(compared_numbers(source), compared_numbers(quote))
    return numbers + negation_changes(find_negations(source), find_negations(quote))


def number_changes(source: list[NumberToken], quote: list[NumberToken]) -> tuple[str, ...]:
    return _token_changes("number", source, quote, lambda t: t.value, _number)


def negation_changes(source: list[NegationToken], quote: list[NegationToken]) -> tuple[str, ...]:
    return _token_changes(
        "negation", source, quote, lambda t: t.kind, _negation, lambda t: (t.word or t.text).lower()
    )


def _token_changes(
    label: str,
    source: list[T],
    quote: list[T],
    key: Callable[[T], object],
    show: Callable[[T], str],
    written: Callable[[T], object] | None = None,
) -> tuple[str, ...]:
    """Source tokens against quote tokens, compared in order by ``key``, in plain words.

    ``written`` aligns them, where ``key`` merges forms ("not" and "n't"), so the
    message names the one that changed; a pair with equal keys is no change.
    """
    a, b = [key(t) for t in source], [key(t) for t in quote]
    if a == b:
        return ()
    if written is not None:
        a, b = [written(t) for t in source], [written(t) for t in quote]
    out = []
    for op in Levenshtein.opcodes(a, b):
        olds, news = source[op.src_start : op.src_end], quote[op.dest_start : op.dest_end]
        if op.tag == "replace":
            for old, new in zip(olds, news, strict=False):
                if key(old) != key(new):
                    out.append(f"{label} {show(old)} became {show(new)}")
            olds, news = olds[len(news) :], news[len(olds) :]
        if op.tag != "equal":
            out += [f"{label} {show(t)} removed" for t in olds]
            out += [f"{label} {show(t)} added" for t in news]
    return tuple(out)
