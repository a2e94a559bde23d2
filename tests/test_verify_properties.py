"""Properties of verdicts over random spans of the real seeds.

Typography never makes a verbatim quote fail; one changed number or negation
always counts as a meaning change; a span cited to the wrong seed is misattributed.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from linter.text.normalize import normalize_text
from linter.text.numbers import find_negations, find_numbers
from linter.text.verdict import Outcome
from linter.text.verify import QuoteMatcher

ROOT = Path(__file__).parent.parent
CORPUS = {
    str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
    for p in sorted((ROOT / "seeds").glob("*.txt"))
}
PATHS = sorted(CORPUS)
MATCHER = QuoteMatcher(CORPUS)
NORMALIZED = {path: normalize_text(text) for path, text in CORPUS.items()}
WORDS = {path: [m.span() for m in re.finditer(r"\S+", text)] for path, text in CORPUS.items()}
SETTINGS = settings(max_examples=60, deadline=None)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink to start and end on a letter or digit (a word-aligned span)."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


@st.composite
def spans(draw: st.DrawFn, min_words: int = 4) -> tuple[str, str]:
    """A word-aligned span of a seed, 20+ characters, on one line."""
    path = draw(st.sampled_from(PATHS))
    words = WORDS[path]
    first = draw(st.integers(0, len(words) - min_words - 1))
    count = draw(st.integers(min_words, 30))
    start, end = words[first][0], words[min(first + count, len(words) - 1)][1]
    start, end = _trim(CORPUS[path], start, end)
    text = CORPUS[path][start:end]
    assume(len(text) >= 20 and "\n" not in text and "[" not in text)
    return path, text


_SPACES = ["\u00a0", "\n", "\t", "  ", "\u2009", " \u200b", "\r\n"]
_DASHES = ["\u2014", "\u2013", "--", " - ", " \u2014 ", "\u2212"]


@st.composite
def typographic_variant(draw: st.DrawFn, text: str) -> str:
    """The same words with other quotes, dashes, spaces, invisible characters and case."""
    out = []
    for char in text:
        if char == " " and draw(st.booleans()):
            out.append(draw(st.sampled_from(_SPACES)))
        elif char in "’'" and draw(st.booleans()):
            out.append(draw(st.sampled_from(["'", "’", "\u2032"])))
        elif char in '“”"' and draw(st.booleans()):
            out.append(draw(st.sampled_from(['"', "“", "”", "«"])))
        elif char in "—–" or (char == "-" and draw(st.booleans())):
            out.append(draw(st.sampled_from(_DASHES)))
        else:
            out.append(char)
        if char.isalpha() and draw(st.integers(0, 30)) == 0:
            out.append(draw(st.sampled_from(["\u200b", "\u00ad", "\u2060", "\ufeff"])))
    variant = "".join(out)
    if draw(st.booleans()):
        variant = unicodedata.normalize("NFD", variant)
    if draw(st.booleans()) and variant[0].isalpha():
        variant = variant[0].swapcase() + variant[1:]
    return variant


@SETTINGS
@given(st.data())
def test_typographic_variants_are_verbatim(data: st.DataObject) -> None:
    path, text = data.draw(spans())
    variant = data.draw(typographic_variant(text))
    verdict = MATCHER.verify(variant, path)
    assert verdict.outcome is Outcome.VERBATIM, (variant, verdict)
    assert verdict.span is not None and verdict.span.doc == path
    found = CORPUS[path][verdict.span.start : verdict.span.end]
    assert normalize_text(found)[1:] == normalize_text(text)[1:]


_OTHER_WORD = {
    "one": "two", "two": "three", "three": "four", "four": "five", "five": "four",
    "six": "seven", "seven": "six", "eight": "nine", "nine": "eight", "ten": "twelve",
    "eleven": "twelve", "twelve": "eleven", "first": "second", "second": "third",
    "third": "fourth", "twice": "thrice", "doubled": "tripled", "million": "billion",
    "hundred": "thousand", "thousand": "hundred", "dozen": "score", "decade": "century",
}  # fmt: skip


def _other_number(token: str) -> str | None:
    """``token`` with its value changed but its shape kept ("five-man" -> "four-man")."""
    digit = re.search(r"\d", token)
    if digit:
        new = str((int(digit.group()) + 1) % 10)
        return token[: digit.start()] + new + token[digit.end() :]
    head = re.match(r"[A-Za-z]+", token)
    if head and head.group().lower() in _OTHER_WORD:
        new = _OTHER_WORD[head.group().lower()]
        if head.group()[0].isupper():
            new = new.capitalize()
        return new + token[head.end() :]
    return None


@st.composite
def around(draw: st.DrawFn, tokens: list[tuple[str, int, int]]) -> tuple[str, str, int, int]:
    """A span of 8-20 words containing one of ``tokens`` (path, start, end)."""
    path, start, end = draw(st.sampled_from(tokens))
    text = CORPUS[path]
    words = WORDS[path]
    index = next(i for i, (s, e) in enumerate(words) if s <= start < e)
    before = draw(st.integers(3, 10))
    after = draw(st.integers(3, 10))
    lo = words[max(index - before, 0)][0]
    hi = words[min(index + after, len(words) - 1)][1]
    lo, hi = _trim(text, lo, hi)
    assume(lo <= start and end <= hi and "\n" not in text[lo:hi])
    return path, text[lo:hi], start - lo, end - lo


NUMBERS = [
    (path, t.start, t.end)
    for path, text in CORPUS.items()
    for t in find_numbers(text)
    if _other_number(t.text)
]
NEGATIONS = [(path, t.start, t.end) for path, text in CORPUS.items() for t in find_negations(text)]


@SETTINGS
@given(around(NUMBERS))
def test_changed_number_is_meaning_changed(case: tuple[str, str, int, int]) -> None:
    path, text, start, end = case
    changed = _other_number(text[start:end])
    assume(changed is not None)
    quote = text[:start] + changed + text[end:]
    assume(normalize_text(quote) not in NORMALIZED[path])
    verdict = MATCHER.verify(quote, path)
    assert verdict.outcome is Outcome.MEANING_CHANGED, (quote, verdict)
    assert any(c.startswith("number ") for c in verdict.changes)


@SETTINGS
@given(around(NEGATIONS))
def test_removed_negation_is_meaning_changed(case: tuple[str, str, int, int]) -> None:
    path, text, start, end = case
    if text[start:end].lower().endswith("n't"):
        quote = text[:start] + text[end:]  # "don't" -> "do"
    else:
        quote = (text[:start] + text[end:].lstrip(" ")).strip()
    assume(len(quote) >= 20 and normalize_text(quote) not in NORMALIZED[path])
    verdict = MATCHER.verify(quote, path)
    assert verdict.outcome is Outcome.MEANING_CHANGED, (quote, verdict)
    assert any(c.startswith("negation ") for c in verdict.changes)


@SETTINGS
@given(spans(min_words=8), st.sampled_from(PATHS))
def test_span_cited_to_another_seed_is_misattributed(span: tuple[str, str], cited: str) -> None:
    path, text = span
    assume(cited != path)
    verdict = MATCHER.verify(text, cited)
    if normalize_text(text) in NORMALIZED[cited]:
        assert verdict.outcome is Outcome.VERBATIM
    else:
        assert verdict.outcome is Outcome.MISATTRIBUTED, (text, cited, verdict)
        assert path in verdict.holders


@pytest.mark.parametrize("path", PATHS)
def test_every_sentence_of_a_seed_is_verbatim(path: str) -> None:
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", CORPUS[path])]
    items = [(s, path) for s in sentences if len(s) >= 20 and "[" not in s]
    verdicts = QuoteMatcher(CORPUS).verify_many(items)
    assert all(v.outcome is Outcome.VERBATIM for v in verdicts)


_NOISE = st.text(
    alphabet=st.sampled_from([*"ab Z5.,'\"[]()-…\n", "\u200b", "\u0301", "\u2014", "\u0456", "."]),
    max_size=40,
)


@SETTINGS
@given(st.one_of(_NOISE, spans().map(lambda s: s[1])), _NOISE, st.sampled_from(PATHS))
def test_any_quote_gets_a_verdict(quote: str, noise: str, cited: str) -> None:
    """Brackets, ellipses and stray marks anywhere: a verdict, never an exception."""
    for text in (quote, noise + quote, quote + noise):
        verdict = MATCHER.verify(text, cited)
        assert verdict.outcome in set(Outcome)
        if verdict.span is not None:
            assert 0 <= verdict.span.start <= verdict.span.end <= len(CORPUS[verdict.span.doc])
        assert verdict.score is None or 0 <= verdict.score <= 1


@SETTINGS
@given(spans(min_words=10), st.data())
def test_one_changed_word_is_inexact(span: tuple[str, str], data: st.DataObject) -> None:
    path, text = span
    words = text.split(" ")
    assume(len(words) >= 10)
    plain = [
        i
        for i, w in enumerate(words)
        if w.isalpha() and len(w) >= 3 and not find_numbers(w) and not find_negations(w)
    ]
    assume(plain)
    i = data.draw(st.sampled_from(plain))
    words[i] = words[i][::-1] + "x"  # a different word, never a number or negation
    quote = " ".join(words)
    verdict = MATCHER.verify(quote, path)
    assert verdict.outcome is Outcome.INEXACT, (quote, verdict)
    assert verdict.span is not None and verdict.span.doc == path
