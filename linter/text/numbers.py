"""Numbers and negations as written in prose, with their values and positions.

A quote that keeps every word but one number ("five-man" -> "four-man") or drops
a "not" says something else; Q103 compares these tokens between a quote and its
closest source span, and fact values reuse the same parser so "eleven", "11" and
"11-nation" are one value everywhere.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "NegationToken",
    "NumberToken",
    "compared_numbers",
    "find_negations",
    "find_numbers",
    "parse_number",
    "parse_number_words",
]


@dataclass(frozen=True, slots=True)
class NumberToken:
    """A number as written: ``text`` spans ``start..end`` of the text searched.

    ``word`` is the word holding it when that is more than the number ("Dream4Justice",
    "3-2"), so a message can name what the reader will find in the text.
    """

    start: int
    end: int
    text: str
    value: float
    kind: str  # cardinal | ordinal | multiplier | year | decimal | digits (glued to letters)
    word: str = ""


@dataclass(frozen=True, slots=True)
class NegationToken:
    """A negation word; ``kind`` is its canonical class (``not`` for not/n't/cannot).

    ``word`` is the word holding it when that is more than the negation ("won't").
    """

    start: int
    end: int
    text: str
    kind: str
    word: str = ""


UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
SCALES |= {"trillion": 1_000_000_000_000, "dozen": 12}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 1_000,
    "millionth": 1_000_000,
}
MULTIPLIERS = {
    "twice": 2,
    "thrice": 3,
    "doubled": 2,
    "doubles": 2,
    "doubling": 2,
    "tripled": 3,
    "triples": 3,
    "tripling": 3,
    "quadrupled": 4,
    "quadruples": 4,
    "quadrupling": 4,
    "halved": 0.5,
    "halves": 0.5,
    "halving": 0.5,
}
# Hyphenated words that are a number on their own ("a decade-long war").
SPECIAL = {"decade": 10, "century": 100}

# A token: digits (thousands separators, decimals, ordinal suffix, "%"), then any
# hyphenated tail ("17-year-long"); or a word with its hyphenated tail ("five-man").
_TOKEN = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![.,]?\d)"
    r"(?:(?P<ord>st|nd|rd|th|['’]?s)|(?P<unit>[A-Za-z]{1,3}))?(?P<pct>%)?"
    r"(?P<tail>(?:-[^\W\d_]+)*)(?!\w)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)?(?:-[^\W\d_]+)*)"
)
# Abbreviated scales glued to digits ("$1.5bn", "40m"); other units ("5km") keep the value.
_UNIT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
# Words that may start a number token: everything ``_classify`` might accept.
_NUMERIC_HEADS = frozenset(
    w.partition("-")[0] for w in (*UNITS, *TENS, *SCALES, *ORDINALS, *MULTIPLIERS, *SPECIAL)
) | {"a", "and"}
_GAP = re.compile(r"[ \t\u00a0]+(?:and[ \t\u00a0]+)?")
_PRONOUN_BEFORE = {"the", "this", "that", "no", "any", "every", "each", "which", "someone"}
_PRONOUN_AFTER = {"of", "another", "who", "that", "which"}


def _number_word_value(word: str) -> tuple[float, str] | None:
    """Value and kind of one (possibly hyphenated) number word, e.g. "twenty-first"."""
    lower = word.lower()
    if lower in UNITS:
        return UNITS[lower], "cardinal"
    if lower in TENS:
        return TENS[lower], "cardinal"
    if lower in ORDINALS:
        return ORDINALS[lower], "ordinal"
    if "-" in lower:
        tens, _, unit = lower.partition("-")
        if tens in TENS and unit in UNITS and UNITS[unit] < 10:
            return TENS[tens] + UNITS[unit], "cardinal"
        if tens in TENS and unit in ORDINALS and ORDINALS[unit] < 10:
            return TENS[tens] + ORDINALS[unit], "ordinal"
    return None


def parse_number_words(words: Sequence[str]) -> float | None:
    """The value of a run of number words ("two hundred and five", "1.5 million").

    Returns None when any word is not part of a number. Digits are allowed as the
    leading factor; "a" counts as one before a scale word ("a dozen").
    """
    total = 0.0
    current: float | None = None
    seen = False
    for raw in words:
        word = raw.lower().replace(",", "")
        if word == "and" and seen:
            continue
        if word == "a" and not seen:
            current, seen = 1, True
            continue
        scale = SCALES.get(word)
        if scale is not None:
            current = (current if current is not None else 1) * scale
            if scale >= 1000:
                total, current = total + current, None
            seen = True
            continue
        try:
            value: float | None = float(word)
        except ValueError:
            found = _number_word_value(raw)
            value = found[0] if found else None
        if value is None:
            return None
        current = (current or 0) + value
        seen = True
    if not seen:
        return None
    return total + (current or 0)


def _finite(value: float) -> bool:
    """A float's range: "thousand thousand ..." two hundred times is words, not a number."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def parse_number(text: str) -> float | None:
    """The value of a whole string written as one number ("14,000", "eleven", "5-man")."""
    tokens = find_numbers(text.strip())
    if len(tokens) == 1 and tokens[0].text == text.strip():
        return tokens[0].value
    return None


@dataclass(slots=True)
class _Part:
    start: int
    end: int
    value: float
    kind: str
    role: str  # "scale", "unit", "tens", "digits", "a", "and", "whole" (cannot combine)


def _classify(match: re.Match[str]) -> _Part | None:
    start, end = match.span()
    if match["num"] is not None:
        digits = match["num"].replace(",", "")
        value = float(digits) * _UNIT_SCALES.get((match["unit"] or "").lower(), 1)
        if not math.isfinite(value):  # 309 digits and more: a string of digits, not a number
            return None
        tail = match["tail"] or match["unit"]
        if match["ord"] and match["ord"][-1] == "s":  # "1980s", "the 90's"
            kind, role = ("year" if len(digits) == 4 else "cardinal"), "whole"
        elif match["ord"]:
            kind, role = "ordinal", "whole"
        elif "." in digits:
            kind, role = "decimal", "digits"
        elif "," not in match["num"] and len(digits) == 4 and 1000 <= value <= 2999:
            kind, role = "year", "whole"
        else:
            kind, role = "cardinal", "digits"
        if tail or match["pct"]:
            role = "whole"
        return _Part(start, end, value, kind, role)
    word = match["word"]
    lower = word.lower()
    if lower in MULTIPLIERS:
        return _Part(start, end, MULTIPLIERS[lower], "multiplier", "whole")
    if lower in SCALES:
        return _Part(start, end, SCALES[lower], "cardinal", "scale")
    if lower == "a":
        return _Part(start, end, 1, "cardinal", "a")
    if lower == "and":
        return _Part(start, end, 0, "cardinal", "and")
    found = _number_word_value(word)
    if found is not None:
        value, kind = found
        role = "tens" if lower in TENS else "unit"
        if kind == "ordinal" or "-" in lower:
            role = "whole" if kind == "ordinal" else "unit"
        return _Part(start, end, value, kind, role)
    # A hyphenated compound led by a number word: "five-man", "nine-year-old".
    head, sep, _ = lower.partition("-")
    if sep:
        if head in SPECIAL:
            return _Part(start, end, SPECIAL[head], "cardinal", "whole")
        pieces = lower.split("-")
        for cut in (2, 1):
            found = _number_word_value("-".join(pieces[:cut])) if len(pieces) > cut else None
            if found is not None:
                return _Part(start, end, found[0], found[1], "whole")
    return None


def _is_pronoun_one(text: str, part: _Part, prev_word: str, next_word: str) -> bool:
    """ "the one and undivided", "one of the main players": "one" used as a pronoun."""
    if text[part.start : part.end].lower() != "one":
        return False
    return prev_word in _PRONOUN_BEFORE or next_word in _PRONOUN_AFTER


def _joins(group: list[_Part], part: _Part) -> bool:
    """Whether ``part`` continues the number ``group`` ("two" + "hundred", "1.5" + "million")."""
    last = group[-1]
    if part.role == "scale":
        return last.role in {"unit", "tens", "digits", "a", "scale"} and not (
            last.role == "scale" and last.value >= part.value
        )
    if last.role == "and":
        return part.role in {"unit", "tens"}
    if part.role == "and":
        return last.role == "scale"
    if last.role == "scale":
        return part.role in {"unit", "tens"} and (last.value >= 100 or part.role == "tens")
    if last.role == "tens":
        return part.role == "unit" and part.value < 10
    return False


def find_numbers(text: str, *, pronouns: bool = False) -> list[NumberToken]:
    """Every number in ``text``, in order, multi-word numbers merged into one token.

    "one" used as a pronoun ("one of the main players", "the one and undivided")
    is left out unless ``pronouns``: comparisons pass True, since whether "one" is
    a pronoun depends on its neighbours, and a changed neighbour must not make a
    number appear or vanish.
    """
    matches = list(_TOKEN.finditer(text))
    tokens: list[NumberToken] = []
    group: list[_Part] = []

    def flush() -> None:
        while group and group[-1].role in {"and", "a"}:
            group.pop()
        if not group:
            return
        if len(group) == 1:
            only = group[0]
            if only.role not in {"a", "and"}:
                tokens.append(
                    NumberToken(
                        only.start,
                        only.end,
                        text[only.start : only.end],
                        float(only.value),
                        only.kind,
                    )
                )
        else:
            words = [text[p.start : p.end] for p in group]
            value = parse_number_words(words)
            if value is not None and _finite(value):
                value = float(value)
                start, end = group[0].start, group[-1].end
                kind = "decimal" if not value.is_integer() else "cardinal"
                tokens.append(NumberToken(start, end, text[start:end], value, kind))
        group.clear()

    for index, match in enumerate(matches):
        word = match["word"]
        if word is not None and word.lower().partition("-")[0] not in _NUMERIC_HEADS:
            flush()  # most words: no number, nothing to classify
            continue
        part = _classify(match)
        if part is None:
            flush()
            continue
        if part.role == "unit" and not pronouns:
            prev_word = matches[index - 1]["word"] if index else None
            next_word = matches[index + 1]["word"] if index + 1 < len(matches) else None
            if _is_pronoun_one(text, part, (prev_word or "").lower(), (next_word or "").lower()):
                flush()
                continue
        adjacent = bool(group) and _GAP.fullmatch(text, group[-1].end, part.start) is not None
        if part.role == "and" and not adjacent:
            flush()
            continue
        if group and adjacent and part.role != "whole" and _joins(group, part):
            group.append(part)
            continue
        flush()
        if part.role == "a":
            group.append(part)
            continue
        if part.role == "and":
            continue
        group.append(part)
        if part.role == "whole":
            flush()
    flush()
    return tokens


# Any digits a token did not take: glued to letters ("4Chan", "9K38", "30thseason") or
# after a dot (".925", "No.310"); a dot between two non-digits leads a decimal.
_DIGITS = re.compile(r"(?<![\w.])\.\d+|\d+")
_WORD_EDGE = "\"'()[]{}.,;:!?"


def _word_at(text: str, start: int, end: int) -> str:
    """The whitespace-delimited word holding ``text[start:end]``, edge punctuation off."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    word = text[left:right].strip(_WORD_EDGE)
    return word if word != text[start:end] and text[start:end] in word else ""


def _compound_parts(word: str, offset: int) -> list[_Part]:
    """Every number inside a hyphenated compound ("one-for-one", "now-one-year-old",
    "billion-dollar"), each on its own: a changed part is a changed number."""
    parts: list[_Part] = []
    pieces = word.split("-")
    at, i = offset, 0
    while i < len(pieces):
        piece = pieces[i]
        if i + 1 < len(pieces):
            pair = f"{piece}-{pieces[i + 1]}"
            found = _number_word_value(pair)
            if found is not None:  # "twenty-one" inside "twenty-one-year-old"
                parts.append(_Part(at, at + len(pair), found[0], found[1], "whole"))
                at += len(pair) + 1
                i += 2
                continue
        lower = piece.lower()
        found = _number_word_value(piece)
        if found is None and lower in SCALES:
            found = SCALES[lower], "cardinal"
        if found is None and lower in MULTIPLIERS:
            found = MULTIPLIERS[lower], "multiplier"
        if found is None and lower in SPECIAL:
            found = SPECIAL[lower], "cardinal"
        if found is not None:
            parts.append(_Part(at, at + len(piece), found[0], found[1], "whole"))
        at += len(piece) + 1
        i += 1
    return parts


def _is_compound(written: str) -> bool:
    """A hyphenated word led by a letter that is not one number ("five-man", not "twenty-one")."""
    return (
        "-" in written
        and " " not in written
        and written[:1].isalpha()
        and _number_word_value(written) is None
    )


def _compound_tokens(text: str, word: str, offset: int) -> list[NumberToken]:
    return [
        NumberToken(p.start, p.end, text[p.start : p.end], float(p.value), p.kind)
        for p in _compound_parts(word, offset)
    ]


def compared_numbers(text: str) -> list[NumberToken]:
    """Every number of ``text`` for comparing a quote with its source: nothing left out.

    On top of ``find_numbers`` (pronoun "one" included), every number word inside a
    hyphenated compound, and every digit no token took, count: any changed digit
    anywhere is a changed number, whether or not it reads as a quantity. Each token
    knows the word holding it, so the message names what the reader will find.
    """
    tokens: list[NumberToken] = []
    for token in find_numbers(text, pronouns=True):
        parts = _compound_tokens(text, token.text, token.start) if _is_compound(token.text) else []
        if len(parts) > 1 or (parts and parts[0].start != token.start):
            tokens += parts
        else:  # one number, leading its compound: "five-man" reads as written
            tokens.append(token)
    taken = {t.start for t in tokens}
    for match in _TOKEN.finditer(text):  # compounds no number word leads ("charges-first")
        word = match["word"]
        if word and "-" in word and match.start() not in taken:
            tokens += _compound_tokens(text, word, match.start())
    tokens.sort(key=lambda t: t.start)
    taken = [(t.start, t.end) for t in tokens]
    for match in _DIGITS.finditer(text):
        s, e = match.span()
        if any(a <= s and e <= b for a, b in taken):
            continue
        digits = match.group()
        tokens.append(NumberToken(s, e, digits, float(digits), "digits"))
    tokens.sort(key=lambda t: t.start)
    return [
        NumberToken(t.start, t.end, t.text, t.value, t.kind, _word_at(text, t.start, t.end))
        for t in tokens
    ]


_NEGATION = re.compile(
    r"(?i)\b(?P<word>not|cannot|no|never|neither|nor|without|none|nothing|nobody|nowhere)\b"
    r"|(?<=[^\W\d_])(?P<nt>n['’]t)\b"
)


def find_negations(text: str) -> list[NegationToken]:
    """Every negation in ``text``, in order, with its canonical class."""
    found = []
    for match in _NEGATION.finditer(text):
        written = match.group()
        lower = written.lower()
        kind = "not" if match["nt"] or lower == "cannot" else lower
        word = _word_at(text, match.start(), match.end())
        found.append(NegationToken(match.start(), match.end(), written, kind, word))
    return found
