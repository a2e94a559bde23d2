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
from linter.facts.dates import DateToken, find_dates, interval
from linter.facts.dates import display as date_display
from linter.facts.model import FactValue
from linter.facts.names import (
    AliasIndex,
    listed_names,
    mentions,
    norm,
    proper_nouns,
    stem,
    words,
    words_appear,
)
from linter.text.numbers import SCALES, NumberToken, find_numbers


class Unreadable(ValueError):
    """No value of the topic's kind could be read; the message says why, plainly."""


NOUNS = {
    "count": "number",
    "quantity": "number",
    "date": "date",
    "set": "list of names",
    "name": "name",
    "text": "text",
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
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"


def _bounds(kind: str, how: str | None, value: float) -> tuple[float | None, float | None]:
    step = 1 if kind == "count" else 0
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
    if kind == "count":
        return math.ceil(round(low, 9)), math.floor(round(high, 9))
    return round(low, 9), round(high, 9)


def _scale_of(token: NumberToken) -> float:
    last = token.text.split()[-1].lower() if token.text.split() else ""
    return _SCALE_WORDS.get(last, 1)


def _usable(token: NumberToken, kind: str, dates: Sequence[DateToken]) -> bool:
    if token.kind in {"year", "ordinal", "multiplier"}:
        return False
    if any(d.start <= token.start and token.end <= d.end for d in dates):
        return False
    return kind != "count" or token.value == int(token.value)


def read_numbers(text: str, kind: str = "quantity") -> list[NumberReading]:
    """Every number of ``text`` usable as a count or quantity, qualifiers and ranges applied."""
    dates = find_dates(text)
    tokens = [t for t in find_numbers(text) if _usable(t, kind, dates)]
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


def _number_fact(kind: str, reading: NumberReading, claim_id: str, origin: str) -> FactValue:
    return FactValue(
        claim_id=claim_id,
        kind=kind,
        display=reading.display,
        key=("number", reading.low, reading.high),
        low=reading.low,
        high=reading.high,
        origin=origin,
    )


def _given_number(kind: str, raw: Any, claim_id: str) -> FactValue:
    noun = "whole number" if kind == "count" else "number"
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise Unreadable(f"value {raw!r} is not a {noun}")
    if isinstance(raw, (int, float)):
        if not math.isfinite(raw):
            raise Unreadable(f"value {raw!r} is not a {noun}")
        if kind == "count" and raw != int(raw):
            raise Unreadable(f"value {raw!r} is not a whole number")
        value = float(raw)
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
        kind="date",
        display=token.display,
        key=("date", token.low, token.high),
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
        kind="set",
        display=shown,
        key=("set", frozenset(members), complete),
        members=frozenset(members.values()),
        complete=complete,
        origin=origin,
    )


def name_fact(kind: str, text: str, claim_id: str, aliases: AliasIndex, origin: str) -> FactValue:
    canonical = aliases.canonical(text) if kind == "name" else " ".join(text.split())
    # Texts compare by their words, plurals folded ("observer" == "Observers").
    compared = norm(canonical) if kind == "name" else " ".join(map(stem, norm(canonical).split()))
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
    kind: str,
    raw: Any,
    *,
    claim_id: str = "",
    complete: bool = False,
    aliases: AliasIndex | None = None,
    published: str | None = None,
) -> FactValue:
    """The value a claim (or an acknowledgement) gives, normalized; raises Unreadable."""
    aliases = aliases or AliasIndex()
    if kind in {"count", "quantity"}:
        return _given_number(kind, raw, claim_id)
    if kind == "date":
        return _given_date(raw, claim_id, published)
    if kind == "set":
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


def _topic_stems(topic_words: str) -> set[str]:
    return {
        t.key[:5] for t in words(topic_words.replace("-", " ").replace("_", " ")) if len(t.key) >= 4
    }


def _noun_after(text: str, reading: NumberReading) -> set[str]:
    """The words a number counts: its hyphenated tail and the next words ("five-man Taliban")."""
    tail = reading.text.split("-")[1:] if "-" in reading.text else []
    rest = re.split(r"[.;:!?,()\u2014]", text[reading.end :], maxsplit=1)[0]
    found = [*tail, *rest.split()[:3]]
    return {norm(w)[:5] for w in found if len(norm(w)) >= 4}


def quote_values(
    kind: str,
    quote: str,
    *,
    claim_id: str = "",
    complete: bool = False,
    aliases: AliasIndex | None = None,
    published: str | None = None,
) -> list[FactValue]:
    """Every value of the kind that ``quote`` holds (several when it holds several numbers)."""
    aliases = aliases or AliasIndex()
    if kind in {"count", "quantity"}:
        return [_number_fact(kind, r, claim_id, "quote") for r in read_numbers(quote, kind)]
    if kind == "date":
        return [
            _date_fact(t, claim_id, "quote")
            for t in find_dates(quote, published)
            if t.low is not None
        ]
    if kind == "set":
        names = listed_names(quote, aliases)
        return [set_fact(names, claim_id, complete, aliases, "quote")] if names else []
    if kind == "name":
        found = {norm(c): c for _, _, c in aliases.find(quote)}
        if not found:
            found = {norm(n): aliases.canonical(n) for _, _, n in proper_nouns(quote)}
        return [name_fact(kind, n, claim_id, aliases, "quote") for n in found.values()]
    return []


def read_quote(
    kind: str,
    quote: str,
    *,
    claim_id: str = "",
    complete: bool = False,
    aliases: AliasIndex | None = None,
    published: str | None = None,
    topic_words: str = "",
) -> FactValue:
    """The one value a quote gives for the kind; raises Unreadable when none or several."""
    noun = NOUNS.get(kind, kind)
    if kind == "text":
        raise Unreadable("a text topic's value cannot be read from a quote; give `value`")
    found = quote_values(
        kind, quote, claim_id=claim_id, complete=complete, aliases=aliases, published=published
    )
    distinct = list({f.key: f for f in found}.values())
    if len(distinct) > 1 and kind in {"count", "quantity"}:
        stems = _topic_stems(topic_words)
        readings = {r.display: r for r in read_numbers(quote, kind)}
        fitting = [
            f
            for f in distinct
            if f.display in readings and _noun_after(quote, readings[f.display]) & stems
        ]
        if len(fitting) == 1:
            return fitting[0]
    if len(distinct) == 1:
        return distinct[0]
    if distinct:
        listed = ", ".join(f.display for f in distinct)
        raise Unreadable(f"the quote holds several values ({listed}); give `value` to say which")
    if kind == "date":
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
    if kind in {"name", "text"}:
        value = fact.name or fact.display
        if mentions(quote, value, aliases) or words_appear(value, quote):
            return None
        return f"the quote never says {value!r}"
    if kind == "set":
        missing = sorted(m for m in fact.members or () if not mentions(quote, m, aliases))
        if not missing:
            return None
        return "the quote never names " + ", ".join(repr(m) for m in missing)
    found = quote_values(kind, quote, aliases=aliases, published=published)
    if kind == "date":
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
