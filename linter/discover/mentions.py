"""Mentions of facts in a document: its sentences, and the numbers in them with what they count.

Numbers are read by ``linter.facts.values.count_readings`` (so "eleven", "11",
"five-man", "between 600,000 and 1.5 million" read as everywhere in claimlint);
this module adds what discovery needs to compare two documents: the noun a
number counts ("representatives from seven nations" -> nations), its unit
("five-man delegation" -> person; "17-year war" -> a duration in years), the
capitalized words of that noun phrase ("15,000 Soviet soldiers"), the words
just before it, and the content words of the sentence.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Iterator
from dataclasses import replace

from linter.discover.model import Amount, Sentence
from linter.facts.dates import find_dates
from linter.facts.names import _FUNCTION_WORDS, norm, stem
from linter.facts.values import count_readings, fmt
from linter.facts.variants import names_in
from linter.model import Kind
from linter.text.numbers import find_numbers

# A sentence ends at . ! ? (a closing quote or bracket may follow) before a capital,
# a digit or an opening quote; or at a blank line or an indented new line (wire copy).
_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n[ \t]*\n\s*|\n(?=[ \t]{2,}\S)")
# Words before a period that do not end a sentence.
_ABBREVIATIONS_TEXT = """mr mrs ms dr gen sen rep gov lt col capt sgt st no vs inc corp co ltd jr
    sr prof rev jan feb mar apr jun jul aug sep sept oct nov dec mt ft approx est dept"""
_ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split())
_WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*\.?|\d[\d,.]*|[^\w\s]")
# Words after a number that say how big, not what: "5 mln dlrs".
_SCALE_TEXT = "mln bln billion million thousand trillion bn mn k"
_SCALE = frozenset(_SCALE_TEXT.split())
_SCALES = {"mln": 1e6, "mn": 1e6, "million": 1e6, "bln": 1e9, "bn": 1e9, "billion": 1e9}
_SCALES |= {"thousand": 1e3, "k": 1e3, "trillion": 1e12}
_SCALE_WORD = re.compile(r"(?i)(?:an?\s+)?(?:hundred|thousand|million|billion|trillion)")
# Units of measure and money: what follows "of" is what they measure ("1.5 billion dlrs
# of customer repurchase agreements"); alone ("fell 2.2 mln barrels") they name nothing.
_UNITS_TEXT = """pct percent per cent dlrs dlr dollars dollar cts cents stg pounds sterling yen
    marks francs franc lire pesos rupees ecus points point basis tonnes tonne tons ton barrels
    barrel bpd ounces ounce bushels bushel acres hectares kilos kg km miles metres meters
    feet lbs"""
_UNITS = frozenset(_UNITS_TEXT.split())
# Words of wire shorthand that follow a number and are no noun ("11 cts vs 11 cts prior").
_NOT_NOUNS_TEXT = "vs prior pvs avg yesterday ago"
_NOT_NOUNS = frozenset(_NOT_NOUNS_TEXT.split())
# Words that tie a figure to one day: two reports of different days give different figures.
_DAY_WORDS = frozenset([d.lower() for d in calendar.day_name]) | {
    "today",
    "yesterday",
    "tonight",
    "tomorrow",
    "morning",
    "afternoon",
    "evening",
    "midday",
    "overnight",
}
# Words after a number that end its noun phrase: verbs and auxiliaries.
_VERBS_TEXT = """is are was were be been being has have had do does did will would shall should
    can could may might must said says say told wouldn't won't didn't isn't aren't wasn't
    weren't who which that whose whom where when into onto across against through toward
    towards about per over under between among including like near via together ago later
    earlier apart ahead away back again each apiece"""
_VERBS = frozenset(norm(w) for w in _VERBS_TEXT.split())
# Words that may stand between a number and its noun without being the noun.
_SKIP_TEXT = "so-called new"
# Words that make a number a part of a total ("three other firms", "another 12 planes").
_PARTIAL = re.compile(r"(?i)\b(?:other|others|more|additional|further|another|extra)\b")
_SKIP = frozenset(_SKIP_TEXT.split())
_TIME_UNITS = {
    "year": "year",
    "years": "year",
    "month": "month",
    "months": "month",
    "week": "week",
    "weeks": "week",
    "day": "day",
    "days": "day",
    "hour": "hour",
    "hours": "hour",
    "decade": "year",
    "decades": "year",
}
_PERSON_UNITS_TEXT = "man men person people strong member members woman women"
_PERSON_UNITS = frozenset(_PERSON_UNITS_TEXT.split())
# Nouns that name one thing under two words (a count of nations is a count of countries).
_SYNONYMS = {"nation": "country", "state": "country", "men": "person", "people": "person"}
# What lasts, under several words: a "nine-year occupation" is the length of a war.
_DURATION_CLASS = {
    "occupation": "war",
    "conflict": "war",
    "insurgency": "war",
    "fighting": "war",
    "intervention": "war",
    "stoppage": "strike",
    "walkout": "strike",
    "reign": "rule",
    "tenure": "rule",
}
_NOUN_WORDS = 4  # words of a noun phrase after the number
_SUBJECT_WORDS = 4  # words before the number that say what is counted
# Common words that tie no two sentences to one fact.
_WEAK_TEXT = """said also would could about more than other into over after before been being
    year years last first next new says told were which what while like just only such very
    much"""
_WEAK = _FUNCTION_WORDS | _VERBS | frozenset(_WEAK_TEXT.split())


def sentences(doc: str, text: str) -> Iterator[Sentence]:
    """The sentences of ``text`` with their offsets; "U.S." and "Mr." end none."""
    start = 0
    for match in _END.finditer(text):
        before = text[start : match.start()]
        last = before.rsplit(None, 1)[-1] if before.split() else ""
        word = last.rstrip(".!?\"'”’)").lower()
        if last.endswith(".") and (word in _ABBREVIATIONS or "." in word or len(word) == 1):
            continue  # "U.S. Embassy", "Mr. Malashenko", "Gen. Votel"
        if text[start : match.start()].strip():
            yield _sentence(doc, text, start, match.start())
        start = match.end()
    if text[start:].strip():
        yield _sentence(doc, text, start, len(text))


def _sentence(doc: str, text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(doc, start, end, text[start:end])


def noun_key(word: str) -> str:
    """A counted noun's comparison form: lower case, singular, synonyms joined."""
    key = norm(word)
    key = _SYNONYMS.get(key, key)
    if key.endswith("ies") and len(key) > 4:
        key = key[:-3] + "y"
    return _SYNONYMS.get(stem(key), stem(key))


def content_words(text: str) -> set[str]:
    """The words of ``text`` that can tie two sentences to one fact, in comparison form."""
    found = set()
    for word in _WORD.findall(text):
        if word[0].isalpha():
            key = norm(word)
            if len(key) >= 3 and key not in _WEAK:
                found.add(stem(key))
    return found


def amounts(sentence: Sentence, published: str | None = None) -> list[Amount]:
    """The numbers of a sentence that count or measure a named thing, with that thing."""
    text = sentence.text
    found = []
    readings = [r for r in count_readings(text, Kind.QUANTITY) if not _SCALE_WORD.fullmatch(r.text)]
    values = frozenset(_shown_values(text, readings))
    names = frozenset(norm(w) for name in names_in(text) for w in name)
    dates = frozenset(
        [t.display for t in find_dates(text)]
        + [w for w in re.findall(r"[a-z]+", text.lower()) if w in _DAY_WORDS]
    )
    for reading in readings:
        if (
            re.match(r"[+\d]", text[reading.end : reading.end + 1])
            or text[reading.start - 1 : reading.start] in {"+", "/", "$"}
            or re.search(r"\d-$", text[: reading.start])
        ):
            continue  # "6+1", "24/7", "767-300": part of a name or a figure
        if re.match(r"\s*(?:,|and|or|to)\s+\d", text[reading.end : reading.end + 8]):
            continue  # "1,000 and 10,000 Canadian dlrs": a list of values
        amount = _amount(sentence, reading, readings)
        if amount is not None:
            # whose figure it is: the names just before it ("The United States controls
            # 34.5 pct of the vote" is not "the Latin borrowing nations control 54 pct")
            window = _WORD.findall(text[max(0, reading.start - 40) : reading.start])
            owners = {norm(w) for w in window[-_SUBJECT_WORDS:]} & names
            found.append(
                replace(
                    amount,
                    names=names,
                    dates=dates,
                    values=values,
                    published=published,
                    modifiers=amount.modifiers | owners,
                )
            )
    return found


def _amount(sentence: Sentence, reading, readings) -> Amount | None:
    text = sentence.text
    if _partial(text, reading):
        return None
    parts = reading.text.lower().split("-")
    tail = [p for p in parts[1:] if p not in {"long", "old"}]
    unit = ""
    if parts[0] in {"decade", "decades"}:
        tail = ["decade"]
    after = [m for m in _WORD.finditer(text, reading.end)][: _NOUN_WORDS + 3]
    if tail and all(w in _SCALE or w in _UNITS for w in tail) and set(tail) & _UNITS:
        # "a 13-billion-dlr frozen debt": a measure of the noun that follows
        return _measured(sentence, reading, readings, tail, after, attributive=True)
    if tail:
        word = tail[0]
        if word in _TIME_UNITS:
            unit = _TIME_UNITS[word]
        elif word in _PERSON_UNITS:
            unit = "person"
        else:
            return None  # "11-nation", "two-day": read as the noun's modifier, not here
    scale = []
    while after and norm(after[0].group()) in _SCALE:
        scale.append(norm(after.pop(0).group()))
    measure = []
    while after and norm(after[0].group()) in _UNITS:
        measure.append(norm(after.pop(0).group()))
    if measure:
        return _measured(sentence, reading, readings, [*scale, *measure], after)
    phrase: list[re.Match[str]] = []
    for match in after:
        word = match.group()
        key = norm(word)
        if word in "\"“”‘’'":
            continue  # the opening quote of a so-called “War on Terror”
        if not word[0].isalpha() or key in _FUNCTION_WORDS or key in _VERBS or key in _NOT_NOUNS:
            break
        if word.lower() in _SKIP:
            continue
        if not phrase and word.lower() in _TIME_UNITS and not unit:
            return None  # "18 months", "two years ago": a time, not a thing counted
        lower_seen = any(m.group()[0].islower() for m in phrase)
        participle = "-" not in word and re.search(r"(?:ing|ed)$", key) and len(key) > 5
        if (word[0].isupper() and lower_seen) or (phrase and participle):
            break
        phrase.append(match)
        if len(phrase) >= _NOUN_WORDS:
            break
    while phrase and phrase[-1].group()[0].isupper() and len(phrase) > 1:
        phrase.pop()  # the noun is the phrase's last lower-case word
    if phrase:
        following = _WORD.findall(text[phrase[-1].end() : phrase[-1].end() + 30])
        if _rate_or_compound(following):
            return None  # "50 megawatts each", "104 orders and options": a rate or a compound
    if not phrase:
        if unit == "" and not scale:
            return None
        noun_written = ""
    else:
        noun_written = phrase[-1].group()
    if unit in _TIME_UNITS.values() and (
        not noun_written or noun_key(noun_written) != norm(noun_written)
    ):
        return None  # "a 17-year" measuring nothing; "five-year notes" name a kind of note
    if norm(noun_written) in _UNITS:
        return None  # "10,000 Canadian dlrs": money, with nothing it measures
    if not unit and not noun_written:
        unit = " ".join(scale)
    noun_written = noun_written.rstrip(".")
    if noun_written[:1].isupper() and len(phrase) == 1 and not unit:
        return None  # "15 Boeing 767-300 planes": a name, not what is counted
    if re.search(r"(?:ed|ly)$", noun_written) or reading.text.lower() == "one":
        return None  # "the five joined", "one directly": no noun counted
    noun = noun_key(noun_written) if noun_written else ""
    if not unit and noun in _TIME_UNITS:
        return None  # "nine years ago", "two months": a time, compared only when it measures
    if scale:
        unit = " ".join([*scale, unit] if unit else scale)
    kind = "duration" if unit in _TIME_UNITS.values() else "count"
    if kind == "duration":
        noun = _DURATION_CLASS.get(noun, noun)
    if kind == "count" and (reading.low is None or reading.low != int(reading.low or 0)):
        kind = "quantity"
    modifiers = frozenset(
        norm(m.group()) for m in phrase[:-1] if m.group()[0].isupper() and norm(m.group())
    )
    end = phrase[-1].end() if phrase else reading.end
    if text[end - 1 : end] == ".":
        end -= 1
    complement = ""
    rest = _WORD.findall(text[end : end + 60])
    if rest[:1] == ["of"]:
        for word in rest[1:5]:
            if word[0].isalpha() and norm(word) not in _FUNCTION_WORDS:
                complement = noun_key(word)
                if word[0].islower():
                    break
    return _made(
        sentence, reading, readings, end, kind, noun, noun_written, unit, modifiers, complement
    )


def _measured(
    sentence: Sentence, reading, readings, unit: list[str], after, attributive: bool = False
) -> Amount | None:
    """A measure ("1.5 billion dlrs of customer repurchase agreements"): the noun after "of".

    The scale goes into the value ("5.9 mln dlrs" is 5,900,000 dlr), so every way of
    writing an amount compares; ``attributive``: the noun follows ("a 40-mln-dlr loan").
    """
    if attributive:
        after = [None, *after]
    elif not after or after[0].group() != "of":
        return None
    noun_written, end = "", after[0].end() if after[0] else reading.end
    for match in after[1:]:
        word = match.group()
        key = norm(word)
        if not word[0].isalpha() or key in _VERBS or key in _NOT_NOUNS:
            break
        if key in _FUNCTION_WORDS:
            if noun_written:
                break
            continue
        if word[0].isupper() and noun_written:
            break
        noun_written, end = word, match.end()
    if not noun_written or word_is_name(noun_written):
        return None
    factor = math.prod(_SCALES.get(w, 1) for w in unit)
    if factor != 1 and reading.low is not None:
        low = reading.low * factor
        high = None if reading.high is None else reading.high * factor
        reading = replace(
            reading, low=low, high=high, display=fmt(low) if low == high else reading.display
        )
    measure = " ".join(noun_key(w) for w in unit if w not in _SCALES)
    return _made(
        sentence,
        reading,
        readings,
        end,
        "quantity",
        noun_key(noun_written),
        noun_written,
        measure,
        frozenset(),
        "",
    )


def word_is_name(word: str) -> bool:
    return word[:1].isupper()


def _shown_values(text: str, readings) -> set[str]:
    """Every figure of a sentence as displayed, scaled too ("160 mln dlr" is 160,000,000)."""
    shown = set()
    for reading in readings:
        shown.add(reading.display)
        following = _WORD.findall(text[reading.end : reading.end + 12])[:1]
        factor = _SCALES.get(norm(following[0]), 1) if following else 1
        if factor != 1 and reading.low is not None and reading.low == reading.high:
            shown.add(fmt(reading.low * factor))
    return shown


def _rate_or_compound(following: list[str]) -> bool:
    """ "50 megawatts each", "17 bln dlrs a year", "104 orders and options"."""
    first = norm(following[0]) if following else ""
    if first in {"each", "apiece", "per", "a"}:
        return True
    if first not in {"and", "or"} or len(following) < 2:
        return False
    word = following[1]
    if find_numbers(word) or not word[:1].islower():
        return False  # "a five-man delegation and four members": a second count
    if re.search(r"(?:ing|ed)$", word) and len(word) > 5:
        return False  # "an end to a 17-year war and burnishing ...": a verb follows, no noun
    return norm(word) not in _FUNCTION_WORDS | _VERBS


def _partial(text: str, reading) -> bool:
    """Whether a number counts only part of a total: "Elders and three other firms"."""
    before = text[max(0, reading.start - 12) : reading.start]
    after = text[reading.end : reading.end + 14]
    return bool(_PARTIAL.search(before) or _PARTIAL.match(after.strip()))


def _made(
    sentence, reading, readings, end, kind, noun, noun_written, unit, modifiers, complement
) -> Amount:
    text = sentence.text
    before = _WORD.findall(text[max(0, reading.start - 60) : reading.start])[-_SUBJECT_WORDS:]
    subject = frozenset(
        stem(norm(w)) for w in before if w[0].isalpha() and norm(w) not in _WEAK and len(w) >= 3
    )
    numbers = [(r.start, r.end) for r in readings]
    outside = "".join(
        " " if any(a <= i < b for a, b in numbers) or reading.start <= i < end else c
        for i, c in enumerate(text)
    )
    context = frozenset(content_words(outside) - {noun})
    base = sentence.start
    return Amount(
        sentence=sentence,
        start=base + reading.start,
        end=base + end,
        written=text[reading.start : end],
        figure=reading.text,
        low=reading.low,
        high=reading.high,
        display=reading.display,
        kind=kind,
        noun=noun,
        noun_written=noun_written,
        unit=unit,
        modifiers=modifiers,
        complement=complement,
        subject=subject,
        context=context,
    )
