"""Near matches: the closest word-aligned span of a document to a quote piece.

Candidate places come from the quote's longer words voting for where the quote
would start (the alignment diagonal), so only a few windows of each document
are ever compared; rapidfuzz then aligns the quote inside each window and the
ends are snapped to word boundaries.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from linter.text.numbers import NegationToken, NumberToken, find_negations, find_numbers
from linter.text.quote import WORD, is_word_char

__all__ = ["Alignment", "align_piece", "describe_changes", "similarity", "word_diff"]

_BUCKET = 16  # characters per diagonal bucket
_SEEDS = 6  # quote words used to vote
_MAX_HITS = 60  # a word found more often than this votes for nothing useful
_WINDOWS = 3  # diagonals tried per piece
_SNAP = 2  # word boundaries tried on each side of an aligned end


@dataclass(frozen=True, slots=True)
class Alignment:
    start: int  # in the normalized document
    end: int
    score: float


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def similarity(quote: str, span: str) -> float:
    """0..1, case-sensitive except for the first letter (a quote may start mid-sentence)."""
    return fuzz.ratio(_first_lower(quote), _first_lower(span)) / 100


def _occurrences(text: str, word: str) -> list[int]:
    found, pos = [], 0
    while len(found) <= _MAX_HITS:
        at = text.find(word, pos)
        if at == -1:
            break
        end = at + len(word)
        if (at == 0 or not is_word_char(text[at - 1])) and (
            end == len(text) or not is_word_char(text[end])
        ):
            found.append(at)
        pos = at + 1
    return found


def _diagonals(piece_lower: str, text_lower: str) -> list[int]:
    """Likely start offsets of the piece in the text, best first."""
    words: dict[str, int] = {}
    for m in WORD.finditer(piece_lower):
        words.setdefault(m.group(), m.start())
    chosen = sorted(words, key=len, reverse=True)
    long_enough = [w for w in chosen if len(w) >= 3]
    chosen = (long_enough or chosen)[:_SEEDS]
    votes: Counter[int] = Counter()
    for word in chosen:
        hits = _occurrences(text_lower, word)
        if len(hits) > _MAX_HITS:
            continue
        for at in hits:
            votes[(at - words[word]) // _BUCKET] += 1
    smoothed = Counter({b: votes[b - 1] + votes[b] + votes[b + 1] for b in votes})
    picked: list[int] = []
    for bucket, _ in smoothed.most_common():
        if all(abs(bucket - other) > 2 for other in picked):
            picked.append(bucket)
        if len(picked) == _WINDOWS:
            break
    return [max(0, b * _BUCKET) for b in picked]


_STARTS = re.compile(r"(?<!\w)(?=\w)")
_ENDS = re.compile(r"(?<=\w)(?!\w)")


def _boundaries(text: str, near: int, reach: int, starts: bool) -> list[int]:
    """Word starts (or ends) around ``near``, nearest first, ``near`` itself included."""
    pattern = _STARTS if starts else _ENDS
    found = {near} | {m.start() for m in pattern.finditer(text, max(near - reach, 0), near + reach)}
    return sorted(found, key=lambda k: abs(k - near))[: 2 * _SNAP + 1]


def align_piece(piece: str, text: str, text_lower: str) -> Alignment | None:
    """The closest span of ``text`` to ``piece`` (both normalized), or None."""
    if not piece or not text:
        return None
    piece_lower = piece.lower()
    slack = 16 + len(piece) // 5
    best: Alignment | None = None
    for diagonal in _diagonals(piece_lower, text_lower):
        lo = max(0, diagonal - slack)
        hi = min(len(text), diagonal + len(piece) + slack)
        found = fuzz.partial_ratio_alignment(piece_lower, text_lower[lo:hi])
        if found is None:
            continue
        s, e = lo + found.dest_start, lo + found.dest_end
        reach = 12 + len(piece) // 10
        for start in _boundaries(text, s, reach, starts=True):
            for end in _boundaries(text, e, reach, starts=False):
                if end <= start:
                    continue
                score = similarity(piece, text[start:end])
                if best is None or score > best.score:
                    best = Alignment(start, end, score)
        if best and best.score == 1.0:
            break
    return best


def word_diff(source: str, quote: str, *, limit: int = 4) -> str | None:
    """A compact wdiff of source against quote: "a [-five-man-] {+four-man+} Taliban"."""
    a = _first_lower(source).split(" ")
    b = _first_lower(quote).split(" ")
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


def _number(token: NumberToken) -> str:
    return f'"{token.text}" ({_value(token.value)})'


def describe_changes(source: str, quote: str) -> tuple[str, ...]:
    """Plain-language changes of numbers and negations from ``source`` to ``quote``."""
    return number_changes(find_numbers(source), find_numbers(quote)) + negation_changes(
        find_negations(source), find_negations(quote)
    )


def number_changes(source: list[NumberToken], quote: list[NumberToken]) -> tuple[str, ...]:
    a, b = [t.value for t in source], [t.value for t in quote]
    if a == b:
        return ()
    out = []
    for op in Levenshtein.opcodes(a, b):
        olds, news = source[op.src_start : op.src_end], quote[op.dest_start : op.dest_end]
        if op.tag == "replace":
            for old, new in zip(olds, news, strict=False):
                out.append(f"number {_number(old)} became {_number(new)}")
            olds, news = olds[len(news) :], news[len(olds) :]
        if op.tag != "equal":
            out += [f"number {_number(t)} removed" for t in olds]
            out += [f"number {_number(t)} added" for t in news]
    return tuple(out)


def negation_changes(source: list[NegationToken], quote: list[NegationToken]) -> tuple[str, ...]:
    a, b = [t.kind for t in source], [t.kind for t in quote]
    if a == b:
        return ()
    out = []
    for op in Levenshtein.opcodes(a, b):
        olds, news = source[op.src_start : op.src_end], quote[op.dest_start : op.dest_end]
        if op.tag == "replace":
            for old, new in zip(olds, news, strict=False):
                out.append(f'negation "{old.text}" became "{new.text}"')
            olds, news = olds[len(news) :], news[len(olds) :]
        if op.tag != "equal":
            out += [f'negation "{t.text}" removed' for t in olds]
            out += [f'negation "{t.text}" added' for t in news]
    return tuple(out)
