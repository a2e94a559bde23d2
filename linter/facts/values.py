"""A claim's value on its topic: as given in the registry, or read from its quote.

Numbers come from ``linter.text.numbers`` (so "eleven", "11" and "five-man" read
as everywhere else); this module adds what a fact needs on top: qualifiers
("almost 30", "more than 10") and ranges ("between 600,000 and 1.5 million")
that make a number an interval, dates, lists of names and names.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from linter.facts.compare import conflicting
from linter.facts.dates import MONTHS, DateToken, find_dates, interval
from linter.facts.dates import display as date_display
from linter.facts.model import FactValue
from linter.facts.names import (
    AliasIndex,
    _opens_sentence,
    listed_names,
    mentions,
    norm,
    stem,
    words,
    words_appear,
)
from linter.facts.variants import names_in
from linter.model import Kind
from linter.text.numbers import SCALES, NumberToken, find_numbers


class Unreadable(ValueError):
    """No value of the topic's kind could be read; the message says why, plainly."""


NUMERIC = frozenset({Kind.COUNT, Kind.QUANTITY})  # the kinds read as numbers

NOUNS = {
    Kind.COUNT: "number",
    Kind.QUANTITY: "number",
    Kind.DATE: "date",
    Kind.SET: "list of names",
    Kind.NAME: "name",
    Kind.TEXT: "text",
}

# --- numbers -----------------------------------------------------------------

# Qualifier (as written before a number) -> how it bounds the number.
_QUALIFIERS = {
    "about": "approx",
    "around": "approx",
    "approximately": "approx",
    "roughly": "approx",
    "some": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "circa": "approx",
    "~": "approx",
    "almost": "below",
    "nearly": "below",
    "close to": "below",
    "just under": "below",
    "approaching": "below",
    "just over": "above",
    "more than": "over",
    "over": "over",
    "above": "over",
    "upwards of": "over",
    "in excess of": "over",
    "at least": "min",
    "no fewer than": "min",
    "no less than": "min",
    "a minimum of": "min",
    "fewer than": "under",
    "less than": "under",
    "under": "under",
    "below": "under",
    "up to": "max",
    "as many as": "max",
    "at most": "max",
    "no more than": "max",
    "a maximum of": "max",
}
_QUALIFIER = re.compile(
    r"(?i)(?<![\w])(?P<q>"
    + "|".join(
        sorted((re.escape(q).replace(r"\ ", r"\s+") for q in _QUALIFIERS), key=len, reverse=True)
    )
    + r")\s*$"
)
_LOOKBACK = 40  # characters before a number searched for a qualifier or "between"
_APPROX = 0.1  # "about 30" is 27-33; "almost 30" is 27-30
# The large scales ("thousand" and up) that "between 1 and 2 million" spreads to its first number.
_SCALE_WORDS = {word: value for word, value in SCALES.items() if value >= 1_000}
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to)\s*|\s+and\s+", re.IGNORECASE)


@dataclass(frozen=True)
class NumberReading:
    """A number as a fact reads it: an interval with the text that gives it."""

    start: int
    end: int
    text: str
    low: float | None  # None: unbounded
    high: float | None
    display: str


def fmt(value: float) -> str:
    """A number for people: "1,500,000", "1.5", "11"."""
    if isinstance(value, int):
        return f"{value:,}"
    if not math.isfinite(value):
        return str(value)
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"


def _bounds(kind: Kind, how: str | None, value: float) -> tuple[float | None, float | None]:
    step = 1 if kind == Kind.COUNT else 0
    if how is None:
        return value, value
    if how == "approx":
        low, high = value * (1 - _APPROX), value * (1 + _APPROX)
    elif how == "below":
        low, high = value * (1 - _APPROX), value
    elif how == "above":
        low, high = value, value * (1 + _APPROX)
    elif how == "over":
        return value + step, None
    elif how == "min":
        return value, None
    elif how == "under":
        return 0, value - step
    else:  # max
        return 0, value
    if kind == Kind.COUNT:
        return math.ceil(round(low, 9)), math.floor(round(high, 9))
    return round(low, 9), round(high, 9)


def _scale_of(token: NumberToken) -> float:
    last = token.text.split()[-1].lower() if token.text.split() else ""
    return _SCALE_WORDS.get(last, 1)


def _usable(token: NumberToken, kind: Kind, dates: Sequence[DateToken]) -> bool:
    if token.kind in {"year", "ordinal", "multiplier"}:
        return False
    if any(d.start <= token.start and token.end <= d.end for d in dates):
        return False
    return math.isfinite(token.value) and (kind != Kind.COUNT or token.value.is_integer())


# Numbers that count nothing: times, phone numbers, addresses, charges, names ("News 5").
_TIME_AFTER = re.compile(r"\s*(?:[ap]\.?m\b\.?|o['’]clock\b|(?:GMT|EST|EDT|BST|CET)\b|:\d)")
_NOT_COUNT_AFTER = re.compile(r"(?i)\s*(?:-?block\b|counts?\s+of\b)")
_PHONE = re.compile(r"(?:\(\d{3}\)\s*|(?<![\d-])\d{3}[-.])\d{3}[-.]\d{4}(?![\d-])")
_PERCENT_AFTER = re.compile(r"(?i)\s*(?:%|pct\b|per\s*cent\b|percent\b)")
_NAMED_BEFORE = re.compile(r"(?:(?<![\w.])(?P<word>[A-Z][\w.'’-]*)|\b[Nn]o\.|#)\s*$")
# Capitalized words before a number that do not make it part of a name ("About 300").
_OPENERS_TEXT = (
    "about around approximately roughly some nearly almost over more fewer less up only just "
    "at least under below above and but or the a an all another by of in on to with"
)
_OPENERS = frozenset(_OPENERS_TEXT.split())


def _not_a_count(text: str, token: NumberToken, kind: Kind) -> bool:
    """A time (9 p.m., 1:05), an address (7200 block), a charge (one count of), a name's number."""
    after = text[token.end : token.end + 20]
    before = text[max(0, token.start - 30) : token.start]
    if _TIME_AFTER.match(after) or re.search(r"\d:\s*$", before) or _NOT_COUNT_AFTER.match(after):
        return True
    if kind == Kind.COUNT and _PERCENT_AFTER.match(after):
        return True
    named = _NAMED_BEFORE.search(before) if token.text[:1].isdigit() else None
    possessive = named is not None and re.search(r"['’]s?$", named["word"] or "")
    if named and not possessive and (named["word"] is None or norm(named["word"]) not in _OPENERS):
        return named["word"] is None or named["word"].lower().rstrip(".") not in MONTHS
    # a capitalized number word inside a sentence is part of a name ("in Three Rivers")
    return token.text[:1].isupper() and not _opens_sentence(text, token.start)


_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3, "three-quarters": 0.75}
_FRACTIONS |= {"three quarters": 0.75, "two-thirds": 2 / 3, "two thirds": 2 / 3}
_FRACTION_OF_SCALE = re.compile(
    r"(?i)(?<!\w)(?:(?:a|one)\s+)?(?P<frac>half|quarter|third|three[- ]quarters|two[- ]thirds)"
    r"\s+(?:of\s+)?(?:a|an|one)\s+(?P<scale>thousand|million|billion|dozen)(?!\w)"
)
_LONE_FRACTION = re.compile(
    r"(?i)(?<!\w)(?:one|two|three|four|five)[- ](?:halves|thirds?|quarters?|fifths?)(?!\w)"
)
# Vague amounts: "several dozen" is 24 to 108, never exactly 12.
_VAGUE_SCALE = re.compile(
    r"(?i)(?<!\w)(?P<vague>several|a\s+few|a\s+couple\s+of|a\s+couple|many)\s+"
    r"(?P<scale>dozen|hundred|thousand|million|billion)(?!\w)"
)
_PLURAL_SCALE = re.compile(
    r"(?i)(?<!\w)(?:(?P<of>tens|dozens|hundreds)\s+of\s+)?"
    r"(?P<plural>dozens|hundreds|thousands|millions|billions)(?!\w)"
)
_VAGUE_FACTORS = {"several": (2, 9), "a few": (2, 5), "a couple of": (2, 2), "a couple": (2, 2)}
_VAGUE_FACTORS["many"] = (2, 99)
_OF_FACTORS = {"tens": (10, 99), "dozens": (2, 11), "hundreds": (100, 999)}
# "hundreds" alone: 200 to 999 (more would be "thousands"); "thousands" may be many.
_PLURAL_BOUNDS = {
    "dozens": (24, 143),
    "hundreds": (200, 999),
    "thousands": (2_000, 999_999),
    "millions": (2_000_000, 999_999_999),
    "billions": (2_000_000_000, 999_999_999_999),
}


def _vague(text: str) -> list[NumberReading]:
    """Fractions of a scale ("half a million") and vague amounts ("several dozen", "hundreds")."""
    found = []
    for match in _FRACTION_OF_SCALE.finditer(text):
        value = _FRACTIONS[" ".join(match["frac"].lower().split())] * SCALES[match["scale"].lower()]
        value = round(value)
        found.append(
            NumberReading(match.start(), match.end(), match.group(), value, value, fmt(value))
        )
    for match in _VAGUE_SCALE.finditer(text):
        low, high = _VAGUE_FACTORS[" ".join(match["vague"].lower().split())]
        scale = SCALES[match["scale"].lower()]
        shown = " ".join(match.group().lower().split())
        found.append(
            NumberReading(
                match.start(), match.end(), match.group(), low * scale, high * scale, shown
            )
        )
    for match in _PLURAL_SCALE.finditer(text):
        scale = SCALES[match["plural"].lower()[:-1]]
        if match["of"]:
            first, last = _OF_FACTORS[match["of"].lower()]
            low, high = first * scale, last * scale + scale - 1
        else:
            low, high = _PLURAL_BOUNDS[match["plural"].lower()]
        shown = " ".join(match.group().lower().split())
        found.append(NumberReading(match.start(), match.end(), match.group(), low, high, shown))
    return found


def read_numbers(text: str, kind: Kind = Kind.QUANTITY) -> list[NumberReading]:
    """Every number of ``text`` usable as a count or quantity, qualifiers and ranges applied."""
    dates = find_dates(text)
    vague = _vague(text)
    masked = [(r.start, r.end) for r in vague]
    masked += [m.span() for m in _PHONE.finditer(text)]
    masked += [m.span() for m in _LONE_FRACTION.finditer(text)]
    tokens = [
        t
        for t in find_numbers(text)
        if _usable(t, kind, dates)
        and not any(a < t.end and t.start < b for a, b in masked)
        and not _not_a_count(text, t, kind)
    ]
    readings = _qualified(text, tokens, kind)
    readings += [_requalified(text, r, kind) for r in vague]
    return sorted(readings, key=lambda r: r.start)


def _requalified(text: str, reading: NumberReading, kind: Kind) -> NumberReading:
    """A vague amount or fraction with the qualifier written before it ("almost half a million")."""
    offset = max(0, reading.start - _LOOKBACK)
    qualifier = _QUALIFIER.search(text[offset : reading.start])
    if qualifier is None or reading.low != reading.high or reading.low is None:
        return reading
    how = _QUALIFIERS[" ".join(qualifier["q"].lower().split())]
    low, high = _bounds(kind, how, reading.low)
    start = offset + qualifier.start()
    shown = f"{' '.join(qualifier['q'].lower().split())} {reading.display}"
    return NumberReading(start, reading.end, text[start : reading.end], low, high, shown)


def _qualified(text: str, tokens: list[NumberToken], kind: Kind) -> list[NumberReading]:
    """Number tokens as readings: qualifiers and ranges ("between 5 and 7") applied."""
    readings: list[NumberReading] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        offset = max(0, token.start - _LOOKBACK)
        before = text[offset : token.start]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        gap = _RANGE_GAP.fullmatch(text, token.end, nxt.start) if nxt else None
        if nxt and gap:
            between = re.search(r"(?i)\bbetween\s+$", before)
            low, scale = token.value, _scale_of(nxt)
            if scale > 1 and _scale_of(token) == 1 and low <= nxt.value / scale:
                low *= scale  # "between 1 and 2 million"
            if (between or gap.group().strip().lower() != "and") and low < nxt.value:
                start = offset + between.start() if between else token.start
                shown = f"between {fmt(low)} and {fmt(nxt.value)}"
                readings.append(
                    NumberReading(start, nxt.end, text[start : nxt.end], low, nxt.value, shown)
                )
                i += 2
                continue
        qualifier = _QUALIFIER.search(before)
        how = _QUALIFIERS[" ".join(qualifier["q"].lower().split())] if qualifier else None
        low, high = _bounds(kind, how, token.value)
        start = offset + qualifier.start() if qualifier else token.start
        shown = fmt(token.value)
        if qualifier:
            shown = f"{' '.join(qualifier['q'].lower().split())} {shown}"
        readings.append(NumberReading(start, token.end, text[start : token.end], low, high, shown))
        i += 1
    return readings


def _number_fact(kind: Kind, reading: NumberReading, claim_id: str, origin: str) -> FactValue:
    return FactValue(
        claim_id=claim_id,
        kind=kind,
        display=reading.display,
        key=("number", reading.low, reading.high),
        low=reading.low,
        high=reading.high,
        origin=origin,
    )


def _given_number(kind: Kind, raw: Any, claim_id: str) -> FactValue:
    noun = "whole number" if kind == Kind.COUNT else "number"
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise Unreadable(f"value {raw!r} is not a {noun}")
    if isinstance(raw, (int, float)):
        try:
            value = float(raw)
        except OverflowError:  # a 400-digit integer
            raise Unreadable(
                f"value {str(raw)[:20]}... ({len(str(raw))} digits) is too large"
            ) from None
        if not math.isfinite(value):
            raise Unreadable(f"value {raw!r} is not a {noun}")
        if kind == Kind.COUNT and not value.is_integer():
            raise Unreadable(f"value {raw!r} is not a whole number")
        reading = NumberReading(0, 0, str(raw), value, value, fmt(value))
        return _number_fact(kind, reading, claim_id, "value")
    readings = read_numbers(raw, kind)
    if len(readings) != 1:
        raise Unreadable(f"value {raw!r} is not a {noun}")
    return _number_fact(kind, readings[0], claim_id, "value")


# --- dates -------------------------------------------------------------------


def _date_fact(token: DateToken, claim_id: str, origin: str) -> FactValue:
    return FactValue(
        claim_id=claim_id,
        kind=Kind.DATE,
        display=token.display,
        key=(Kind.DATE, token.low, token.high),
        low=token.low,
        high=token.high,
        origin=origin,
    )


def _missing_year(text: str, shown: str) -> Unreadable:
    return Unreadable(
        f"{text!r} gives {shown} without a year and the source has no `published` date to "
        "take it from (a year is never guessed); give the year, or `published` under `sources:`"
    )


def _given_date(raw: Any, claim_id: str, published: str | None) -> FactValue:
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        ordinal = raw.toordinal()
        token = DateToken(0, 0, raw.isoformat(), ordinal, ordinal, raw.isoformat())
        return _date_fact(token, claim_id, "value")
    if isinstance(raw, int) and not isinstance(raw, bool) and 1000 <= raw <= 2999:
        raw = str(raw)
    if not isinstance(raw, str):
        raise Unreadable(f"value {raw!r} is not a date")
    tokens = find_dates(raw, published)
    if len(tokens) != 1 or norm(tokens[0].text) != norm(raw):
        raise Unreadable(
            f"value {raw!r} is not a date (write 2018-11-09, 2018-11, 2018, "
            "November 9, 2018 or early September 2018)"
        )
    if tokens[0].low is None:
        raise _missing_year(raw, tokens[0].display)
    return _date_fact(tokens[0], claim_id, "value")


# --- sets and names ----------------------------------------------------------

_ITEM_SPLIT = re.compile(r"\s*[,;]\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")


def set_fact(
    names: Iterable[str], claim_id: str, complete: bool, aliases: AliasIndex, origin: str
) -> FactValue:
    """A list of names as a fact: canonical members, compared case- and punctuation-free."""
    members: dict[str, str] = {}
    for name in names:
        canonical = aliases.canonical(str(name))
        if canonical:
            members.setdefault(norm(canonical), canonical)
    shown = ", ".join(members.values()) + ("" if complete else " (partial)")
    return FactValue(
        claim_id=claim_id,
        kind=Kind.SET,
        display=shown,
        key=(Kind.SET, frozenset(members), complete),
        members=frozenset(members.values()),
        complete=complete,
        origin=origin,
    )


def name_fact(kind: Kind, text: str, claim_id: str, aliases: AliasIndex, origin: str) -> FactValue:
    canonical = aliases.canonical(text) if kind == Kind.NAME else " ".join(text.split())
    # Texts compare by their words, plurals folded ("observer" == "Observers").
    if kind == Kind.NAME:
        compared = norm(canonical)
    else:
        compared = " ".join(map(stem, norm(canonical).split()))
    return FactValue(
        claim_id=claim_id,
        kind=kind,
        display=canonical,
        key=(kind, compared),
        name=canonical,
        origin=origin,
    )


# --- entry points --------------------------------------------------------------


def read_given(
    kind: Kind,
    raw: Any,
    *,
    claim_id: str = "",
    complete: bool = False,
    aliases: AliasIndex | None = None,
    published: str | None = None,
) -> FactValue:
    """The value a claim (or an acknowledgement) gives, normalized; raises Unreadable."""
    aliases = aliases or AliasIndex()
    if kind in NUMERIC:
        return _given_number(kind, raw, claim_id)
    if kind == Kind.DATE:
        return _given_date(raw, claim_id, published)
    if kind == Kind.SET:
        if isinstance(raw, str):
            items = [i for i in _ITEM_SPLIT.split(raw) if i.strip()]
        elif isinstance(raw, (list, tuple)) and all(
            isinstance(i, (str, int, float)) and not isinstance(i, bool) for i in raw
        ):
            items = [str(i) for i in raw]
        else:
            raise Unreadable(f"value {raw!r} is not a list of names")
        if not items:
            raise Unreadable("value is an empty list of names")
        return set_fact(items, claim_id, complete, aliases, "value")
    if isinstance(raw, (list, dict)) or raw is None or isinstance(raw, bool):
        raise Unreadable(f"value {raw!r} is not a {NOUNS.get(kind, kind)}")
    text = raw.isoformat() if isinstance(raw, dt.date) else str(raw)
    if not text.strip():
        raise Unreadable(f"value is an empty {NOUNS.get(kind, kind)}")
    return name_fact(kind, text, claim_id, aliases, "value")


# Words of one family count the same thing: "One dead" answers a topic on people killed.
_FAMILY_TEXT = """
kill: kill killed killing killings dead die died dies dying death deaths fatal fatalities
  fatally slain lives
injure: injure injured injuries injury hurt wounded wounding wounds hospitalized hospitalised
arrest: arrest arrested arrests detained detain custody held
person: people person persons individuals residents
worker: worker workers employee employees employs employed staff jobs job workforce
age: age aged old year-old years-old
"""
_FAMILIES = {
    word: line.split(":")[0].strip()
    for line in _FAMILY_TEXT.replace("\n  ", " ").strip().splitlines()
    for word in line.split(":")[1].split()
}
# Words of a topic's ``about`` that say what is counted, not what it is about.
_GENERIC_TEXT = (
    "how many much number total count amount figure figures what which who whose were was "
    "are is been the and that this with from into their there than said says reported"
)
_GENERIC = frozenset(_GENERIC_TEXT.split())
# Where the words a number counts end: clause breaks and place or time prepositions.
_CLAUSE_END_TEXT = (
    "and but while whereas or in at near during after before since from by for when where "
    "because as including among than"
)
_CLAUSE_END = frozenset(_CLAUSE_END_TEXT.split())


def _term(word: str) -> str:
    """A word as matched against topic words: its family, else its first five letters."""
    key = norm(word)
    return _FAMILIES.get(key, key[:5])


def topic_terms(name: str, about: str | None) -> set[str]:
    """The words of a topic that say what it counts: the name's, and ``about``'s in lower case.

    A capitalized word of ``about`` names a place, outlet or event ("Wichita's Old
    Town", "WMC Action News 5"): numbers near it count other things, so it is no
    topic word. Short and generic words ("how many", "number") are not either.
    """
    found = [w for w in re.split(r"[-_\s]+", name or "") if w]
    anchors = set()
    for token in words(about or ""):
        if token.text[:1].isupper() and (token.start > 0 or token.key not in _FAMILIES):
            anchors.add("@" + token.key)  # matches only the name an age follows
            continue
        found.append(token.text)
    return anchors | {
        _term(w) for w in found if norm(w) not in _GENERIC and (len(w) >= 4 or norm(w) in _FAMILIES)
    }


def _counted(text: str, reading: NumberReading, stop: int | None = None) -> dict[str, int]:
    """What a number counts, weighted: its noun and verb after it, the verb before, an age.

    "Four people died and 40 were injured": 4 counts people who died, 40 the
    injured. "Neely Gardner, 19, was booked": 19 is an age.
    """
    tail = reading.text.split("-")[1:] if "-" in reading.text else []
    after = []
    rest = text[reading.end : stop]  # up to the next number, which counts something else
    for match in re.finditer(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|[^\w\s]|\d", rest):
        word = match.group()
        if not word[0].isalpha() or norm(word) in _CLAUSE_END or len(after) >= 8:
            break
        after.append(word)
    before = re.search(r"([^\W\d_]+)\s+$", text[max(0, reading.start - 30) : reading.start])
    found = [*tail, *after]
    if before and norm(before.group(1)) not in _OPENERS:
        found.append(before.group(1))
    terms: dict[str, int] = {}
    for word in found:
        term = _term(word)
        if len(norm(word)) >= 3 or term in _FAMILIES.values():
            # what happened (a verb, a family word) says more than a noun
            strong = word in tail or term in _FAMILIES.values() or norm(word).endswith("ed")
            terms[term] = 2 if strong else 1
    if terms.get("person"):
        terms["person"] = 1  # "people" alone says little: which people is the verb
    ahead = text[max(0, reading.start - 60) : reading.start]
    named = re.search(r"((?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’.-]*),\s*$", ahead)
    if (named and re.match(r"\s*,", text[reading.end :])) or re.search(r"(?i)\baged?\s+$", ahead):
        terms["age"] = 2
        for word in named.group(1).split() if named else ():
            terms["@" + norm(word)] = 2  # whose age: "Prince Charles, 56,"
    return terms


# "Nathaniel Conley and seven others": the named people count too.
_NAMED_AND = re.compile(
    r"(?P<names>(?:\b(?:He|She|he|she)\b)|(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)(?:,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)*)"
    r",?\s+and\s+$"
)


def _with_named(text: str, reading: NumberReading, kind: Kind) -> NumberReading:
    """``reading`` plus the people named before "and N others" (Conley and seven others = 8)."""
    if kind != Kind.COUNT or not re.match(r"\s+others\b", text[reading.end :]):
        return reading
    named = _NAMED_AND.search(text[max(0, reading.start - 120) : reading.start])
    if named is None or reading.low is None:
        return reading
    extra = len([n for n in named["names"].split(",") if n.strip()])
    high = None if reading.high is None else reading.high + extra
    return replace(reading, low=reading.low + extra, high=high, display=fmt(reading.low + extra))


def count_readings(text: str, kind: Kind) -> list[NumberReading]:
    """The numbers of ``text`` as counts of what they count ("X and seven others" = 8)."""
    return [_with_named(text, r, kind) for r in read_numbers(text, kind)]


def best_fitting(
    text: str, readings: Sequence[NumberReading], terms: set[str]
) -> NumberReading | None:
    """The one reading whose counted words best match the topic's, if one scores highest."""
    if not terms:
        return None
    scored = []
    starts = sorted(r.start for r in readings)
    for reading in readings:
        stop = next((at for at in starts if at >= reading.end), None)
        counted = _counted(text, reading, stop)
        scored.append((sum(w for t, w in counted.items() if t in terms), reading))
    best = max((score for score, _ in scored), default=0)
    top = {(r.low, r.high): r for score, r in scored if score == best}
    return next(iter(top.values())) if best > 0 and len(top) == 1 else None


def quote_values(
    kind: Kind,
    quote: str,
    *,
    claim_id: str = "",
    complete: bool = False,
    aliases: AliasIndex | None = None,
    published: str | None = None,
) -> list[FactValue]:
    """Every value of the kind that ``quote`` holds (several when it holds several numbers)."""
    aliases = aliases or AliasIndex()
    if kind in NUMERIC:
        return [_number_fact(kind, r, claim_id, "quote") for r in count_readings(quote, kind)]
    if kind == Kind.DATE:
        return [
            _date_fact(t, claim_id, "quote")
            for t in find_dates(quote, published)
            if t.low is not None
        ]
    if kind == Kind.SET:
        names = listed_names(quote, aliases)
        return [set_fact(names, claim_id, complete, aliases, "quote")] if names else []
    if kind == Kind.NAME:
        found = {norm(c): c for _, _, c in aliases.find(quote)}
        if not found:
            found = {norm(n): aliases.canonical(n) for n in _person_names(quote)}
        return [name_fact(kind, n, claim_id, aliases, "quote") for n in found.values()]
    return []


_EVENTS = frozenset({"kill", "injure", "arrest"})


def _refuse_other_event(
    quote: str, readings: Sequence[NumberReading], topic_name: str, topic_about: str | None
) -> None:
    """A quote's only number counting another event than the topic's is no value for it.

    "A man was killed and six people were hurt" holds one number, six, and it
    counts the hurt: on a topic about people killed it is unreadable, not 6.
    """
    wanted = topic_terms(topic_name, topic_about) & _EVENTS
    if not wanted or not readings:
        return
    counted = set(_counted(quote, readings[0])) & _EVENTS
    if counted and not counted & wanted:
        raise Unreadable(
            f"the quote's number ({readings[0].display}) counts {'/'.join(sorted(counted))}, "
            f"not what the topic counts ({'/'.join(sorted(wanted))}); give `value`"
        )


def _person_names(quote: str) -> list[str]:
    """The names a quote writes, a shorter form dropped when a longer one holds it."""
    # A lone capitalized word opening a sentence ("However") is a name only when the
    # quote has no other ("Lavrov said ...").
    found = names_in(quote) or names_in(quote, whole=True)
    names = [" ".join(n) for n in found]
    keys = [set(norm(n).split()) for n in names]
    return [
        n
        for i, n in enumerate(names)
        if not any(j != i and keys[i] < keys[j] for j in range(len(names)))
    ]


def _best_near(
    quote: str, placed: Sequence[tuple[int, int, FactValue]], terms: set[str]
) -> FactValue | None:
    """The one value whose neighbouring words fit the topic ("spokesman Ott Cefkin",
    "Tri-Star acquired last December"); words before weigh double, as titles and
    verbs come first."""
    if not terms or not placed:
        return None
    scored: dict[Any, int] = {}
    facts: dict[Any, FactValue] = {}
    for start, end, fact in placed:
        before = {_term(w.strip(",.;:")) for w in quote[:start].split()[-4:]}
        after = {_term(w.strip(",.;:")) for w in quote[end:].split()[:3]}
        score = 2 * len(before & terms) + len(after & terms)
        scored[fact.key] = max(scored.get(fact.key, 0), score)
        facts[fact.key] = fact
    best = max(scored.values())
    top = [facts[key] for key, score in scored.items() if score == best]
    return top[0] if best > 0 and len(top) == 1 else None


def _placed_names(quote: str, facts: Sequence[FactValue]) -> list[tuple[int, int, FactValue]]:
    placed = []
    for fact in facts:
        at = quote.find(fact.display)
        if at < 0:
            return []
        placed.append((at, at + len(fact.display), fact))
    return placed


def read_quote(
    kind: Kind,
    quote: str,
    *,
    claim_id: str = "",
    complete: bool = False,
    aliases: AliasIndex | None = None,
    published: str | None = None,
    topic_words: str = "",
    topic_name: str = "",
    topic_about: str | None = None,
) -> FactValue:
    """The one value a quote gives for the kind; raises Unreadable when none or several."""
    noun = NOUNS.get(kind, kind)
    if kind == Kind.TEXT:
        raise Unreadable("a text topic's value cannot be read from a quote; give `value`")
    found = quote_values(
        kind, quote, claim_id=claim_id, complete=complete, aliases=aliases, published=published
    )
    distinct = list({f.key: f for f in found}.values())
    if len(distinct) > 1 and kind in NUMERIC:
        terms = topic_terms(topic_name, topic_about) | (
            topic_terms("", topic_words) if topic_words else set()
        )
        best = best_fitting(quote, count_readings(quote, kind), terms)
        if best is not None:
            return _number_fact(kind, best, claim_id, "quote")
    if len(distinct) > 1 and kind in {Kind.NAME, Kind.DATE}:
        terms = topic_terms(topic_name, topic_about)
        if kind == Kind.NAME:
            placed = _placed_names(quote, distinct)
        else:
            placed = [
                (t.start, t.end, _date_fact(t, claim_id, "quote"))
                for t in find_dates(quote, published)
                if t.low is not None
            ]
        chosen = _best_near(quote, placed, terms)
        if chosen is not None:
            return chosen
    if len(distinct) == 1 and kind in NUMERIC:
        _refuse_other_event(quote, count_readings(quote, kind), topic_name, topic_about)
    if len(distinct) == 1:
        return distinct[0]
    if distinct:
        listed = ", ".join(f.display for f in distinct)
        raise Unreadable(f"the quote holds several values ({listed}); give `value` to say which")
    if kind == Kind.DATE:
        for token in find_dates(quote, published):
            raise _missing_year(token.text, token.display)
    raise Unreadable(f"the quote holds no {noun}; give `value`")


def unsupported(
    fact: FactValue,
    quote: str,
    *,
    aliases: AliasIndex | None = None,
    published: str | None = None,
    tolerance: float | None = None,
) -> str | None:
    """Why a given value is not what the claim's own quote says, or None if it is (F102)."""
    aliases = aliases or AliasIndex()
    kind = fact.kind
    if kind in {Kind.NAME, Kind.TEXT}:
        value = fact.name or fact.display
        if mentions(quote, value, aliases) or words_appear(value, quote):
            return None
        return f"the quote never says {value!r}"
    if kind == Kind.SET:
        missing = sorted(m for m in fact.members or () if not mentions(quote, m, aliases))
        if not missing:
            return None
        return "the quote never names " + ", ".join(repr(m) for m in missing)
    found = quote_values(kind, quote, aliases=aliases, published=published)
    if kind == Kind.DATE:
        found += _yearless_as(fact, quote)
    if not found:
        return f"the quote gives no {NOUNS[kind]}"
    if any(not conflicting(fact, other, tolerance) for other in found):
        return None
    said = ", ".join(dict.fromkeys(f.display for f in found))
    return f"the quote says {said}"


def _yearless_as(fact: FactValue, quote: str) -> list[FactValue]:
    """Dates the quote gives without a year, placed in the given value's year(s)."""
    if fact.low is None or fact.high is None:
        return []
    years = range(
        dt.date.fromordinal(int(fact.low)).year, dt.date.fromordinal(int(fact.high)).year + 1
    )
    found = []
    for token in find_dates(quote):
        if token.low is not None or token.month is None:
            continue
        for year in years:
            bounds = interval(year, token.month, token.day, token.part)
            if bounds:
                shown = date_display(None, token.month, token.day, token.part)
                placed = replace(token, low=bounds[0], high=bounds[1], display=shown)
                found.append(_date_fact(placed, fact.claim_id, "quote"))
    return found


__all__ = [
    "NOUNS",
    "NumberReading",
    "Unreadable",
    "fmt",
    "quote_values",
    "read_given",
    "read_numbers",
    "read_quote",
    "set_fact",
    "unsupported",
]
