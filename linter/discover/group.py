"""Which mentions in two documents are about one fact, and which of those disagree.

Precision first: a finding that pairs two different numbers because they share a
noun is worse than none. Two numbers are taken for one fact only when all hold:

- their documents are about one subject: they share two or more distinctive names
  (capitalized words that few documents of the corpus use);
- they count the same noun ("nations" and "countries" are one), in the same unit
  ("five-man" and "five-person" both count people), and their "of" phrases and
  the capitalized words of their noun phrases do not name different things
  ("15,000 Soviet soldiers" is not "15,000 U.S. soldiers");
- their sentences share enough rare words (each weighted by how few sentences of
  the corpus use it) to be about one event;
- they disagree (their intervals do not meet), and neither document also gives
  the other's value for that noun: two documents that agree somewhere are taken
  to be counting two different things.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from linter.discover.mentions import noun_key
from linter.discover.model import Amount

# How much of the rarer sentence's weight two sentences must share to be about one event.
MIN_SHARED = 0.12
# The fewest rare shared words: one word in common says too little.
MIN_SHARED_WORDS = 2
# Sentences this alike, published on different days, are a series of reports.
SERIES = 0.6
# Figures of reports published further apart than this are of different moments.
WINDOW_DAYS = 3
# Distinctive names shared by two documents about one subject.
MIN_SHARED_NAMES = 2


@dataclass
class Weights:
    """Inverse document frequencies, for sentence words and for document names."""

    sentences: int = 0
    word_df: Counter[str] = field(default_factory=Counter)
    docs: int = 0
    name_df: Counter[str] = field(default_factory=Counter)

    def word(self, word: str) -> float:
        return math.log((1 + self.sentences) / (1 + self.word_df[word])) + 0.1

    def distinctive(self, name: str) -> bool:
        """A name few documents use: at most five, or the square root of their number."""
        return self.name_df[name] <= max(5, int(math.sqrt(self.docs)))


def related(names_a: frozenset[str], names_b: frozenset[str], weights: Weights) -> bool:
    """Whether two documents share enough distinctive names to be about one subject."""
    shared = [n for n in names_a & names_b if weights.distinctive(n)]
    return len(shared) >= MIN_SHARED_NAMES


def _disjoint(a: Amount, b: Amount) -> bool:
    a_low, a_high = a.low if a.low is not None else -math.inf, a.high
    b_low, b_high = b.low if b.low is not None else -math.inf, b.high
    a_high = math.inf if a_high is None else a_high
    b_high = math.inf if b_high is None else b_high
    return a_high < b_low or b_high < a_low


def _overlaps(a: Amount, b: Amount) -> bool:
    return not _disjoint(a, b)


def same_thing(a: Amount, b: Amount) -> bool:
    """Same noun, unit and kind; no "of" phrase or capitalized modifier telling them apart."""
    if not a.noun or a.noun != b.noun or a.unit != b.unit or a.kind != b.kind:
        return False
    if a.complement and b.complement and a.complement != b.complement:
        return False
    if a.kind == "duration":
        # "the 17-year war" and "America's 16-year-long war" name one war of the subject:
        # only owners named on both sides, and different, make it two wars
        return not (a.modifiers and b.modifiers) or bool(
            a.modifiers & (b.modifiers | b.context) or b.modifiers & (a.modifiers | a.context)
        )
    return all(x.modifiers <= (y.modifiers | y.context | y.subject) for x, y in ((a, b), (b, a)))


def same_subject(
    a: Amount, b: Amount, doc_names: dict[str, frozenset[str]], weights: Weights
) -> bool:
    """Each sentence's names are in the other document, and no date tells them apart.

    "Moody's upgraded Crane Co's 75 mln dlrs of debt" and "... Upjohn Co's 400 mln
    dlrs of debt" share a template, not a subject: Crane is a distinctive name the
    other document never uses. Reports published days apart, or giving different
    days ("fell on March 10", "on March 5"), give two figures, not one.
    """
    # a duration names one war of the subject, not the template of another company's figure
    for x, y in ((a, b), (b, a)) if a.kind != "duration" else ():
        missing = x.names - doc_names[y.sentence.doc]
        if any(weights.distinctive(name) for name in missing):
            return False
    # a war's length is no figure of one day: only the dates of counts tell them apart
    dated = a.kind != "duration" and a.dates != b.dates
    if dated or days_apart(a.published, b.published) > WINDOW_DAYS:
        return False
    # The same sentence on two days is a series ("The Federal Reserve entered the market to
    # arrange two billion dlrs ..."): each day's figure is its own.
    days = {a.published, b.published}
    if None not in days and len(days) == 2 and _jaccard(a.context, b.context) >= SERIES:
        return False
    # The other's value in the same sentence: both figures are there, so no disagreement;
    # figures adding up to it are its parts ("25 planes from Airbus, 15 from Boeing": 40).
    return not (_has_value(a, b) or _has_value(b, a) or _parts_of(a, b) or _parts_of(b, a))


def _span(published: str) -> tuple[dt.date, dt.date] | None:
    """The days a ``published`` value covers: "2018" is all of 2018."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", published.strip())
    if match is None:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        return dt.date(year, month, day), dt.date(year, month, day)
    except ValueError:
        return None


def days_apart(x: str | None, y: str | None) -> int:
    """Days between two publication dates' spans; 0 when either is unknown or they meet."""
    a, b = _span(x) if x else None, _span(y) if y else None
    if a is None or b is None:
        return 0
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def _jaccard(x: frozenset[str], y: frozenset[str]) -> float:
    return len(x & y) / len(x | y) if x or y else 0.0


def _numbers(x: Amount) -> list[float]:
    found = []
    for shown in x.values:
        try:
            found.append(float(shown.replace(",", "")))
        except ValueError:
            continue
    return found


def _parts_of(x: Amount, y: Amount) -> bool:
    """Whether two or more figures of ``x``'s sentence add up to ``y``'s value."""
    if y.low is None or y.low != y.high:
        return False
    numbers = _numbers(x)
    sums = {a + b for i, a in enumerate(numbers) for b in numbers[i + 1 :]}
    return y.low in sums or (len(numbers) > 2 and sum(numbers) == y.low)


def _has_value(x: Amount, y: Amount) -> bool:
    return y.display in x.values


def overlap(a: frozenset[str], b: frozenset[str], weights: Weights, least: int) -> float:
    """The share of the lighter word set's weight that the other set also holds (0 under
    `least` shared words): how much two sentences are about the same thing."""
    shared = a & b
    if len(shared) < least:
        return 0.0
    lighter = min(sum(map(weights.word, a)), sum(map(weights.word, b)))
    return sum(map(weights.word, shared)) / lighter if lighter else 0.0


def shared_weight(a: Amount, b: Amount, weights: Weights) -> float:
    """The share of the lighter sentence's rare words the other sentence also uses."""
    return overlap(a.context, b.context, weights, MIN_SHARED_WORDS)


def conflicting_pairs(
    amounts: Sequence[Amount], doc_names: dict[str, frozenset[str]], weights: Weights
) -> list[tuple[Amount, Amount, float]]:
    """Pairs of amounts of two documents that are one fact and disagree, with their overlap."""
    buckets: dict[tuple[str, str, str], list[Amount]] = {}
    for amount in amounts:
        if amount.noun:
            buckets.setdefault((amount.noun, amount.unit, amount.kind), []).append(amount)
    found = []
    for bucket in buckets.values():
        by_doc: dict[str, list[Amount]] = {}
        for amount in bucket:
            by_doc.setdefault(amount.sentence.doc, []).append(amount)
        docs = sorted(by_doc)
        for i, doc_a in enumerate(docs):
            for doc_b in docs[i + 1 :]:
                if not related(doc_names[doc_a], doc_names[doc_b], weights):
                    continue
                found += _pairs(by_doc[doc_a], by_doc[doc_b], weights, doc_names)
    return found


def _pairs(
    in_a: Sequence[Amount],
    in_b: Sequence[Amount],
    weights: Weights,
    doc_names: dict[str, frozenset[str]],
) -> list[tuple[Amount, Amount, float]]:
    def alike(a: Amount, b: Amount) -> bool:
        if not same_thing(a, b) or not same_subject(a, b, doc_names, weights):
            return False
        score = shared_weight(a, b, weights)
        return score >= MIN_SHARED and bool(a.subject & b.subject or score >= 3 * MIN_SHARED)

    if in_a[0].kind == "duration":
        return _durations(in_a, in_b, weights, doc_names)
    # A document giving two values for one noun counts two things with it ("238,000
    # tonnes of zinc concentrates", "413,800 tonnes of zinc" mined): which of them the
    # other document means cannot be told, so neither is compared; unless two figures
    # are one mistyped ("4,023,200 shares" and "4,043,200 shares" of one holding).
    several = len({(x.low, x.high) for x in in_a}) > 1 or len({(y.low, y.high) for y in in_b}) > 1
    typos = [
        (a, b)
        for a in in_a
        for b in in_b
        if mistyped(a, b) and same_thing(a, b) and same_subject(a, b, doc_names, weights)
    ]
    if len(typos) == 1 and not any(_overlaps(a, b) for a in in_a for b in in_b):
        a, b = typos[0]
        return [(a, b, shared_weight(a, b, weights))]
    if several:
        return []
    matches = [(a, b) for a in in_a for b in in_b if alike(a, b)]
    # Documents that agree on this fact somewhere count different things with it elsewhere.
    if any(_overlaps(a, b) for a, b in matches):
        return []
    found = []
    for a, b in matches:
        # Each side must be the one value its document gives for what the other counts:
        # "raised its stake to 466,754 shares from 335,800 shares" is two facts, not one.
        values_a = {(x.low, x.high) for x, y in matches if y is b}
        values_b = {(y.low, y.high) for x, y in matches if x is a}
        if len(values_a) == 1 and len(values_b) == 1 and _disjoint(a, b):
            found.append((a, b, shared_weight(a, b, weights)))
    return found


def _durations(
    in_a: Sequence[Amount],
    in_b: Sequence[Amount],
    weights: Weights,
    doc_names: dict[str, frozenset[str]],
) -> list[tuple[Amount, Amount, float]]:
    """How long one war lasted, told two ways: each duration paired with one of the other's.

    A document may give the lengths of two wars ("the 17-year war", "a decade-long war"
    that "ended with the Soviets' withdrawal"). Pairs with the same noun go first, the
    pair sharing the most rare words first; a pair that agrees settles that war. A
    duration told with another word for the thing ("a nine-year occupation") is then
    compared only if it is the one left unpaired in each document, and the two
    sentences share a rare word.
    """

    def score(a: Amount, b: Amount) -> float:
        # two that agree are one war though each sentence "gives the other's value"
        agree = _overlaps(a, b)
        if not same_thing(a, b) or not (agree or same_subject(a, b, doc_names, weights)):
            return 0.0
        if len(a.context & b.context) < MIN_SHARED_WORDS:
            return 0.0
        return sum(map(weights.word, a.context & b.context))

    def same_word(a: Amount, b: Amount) -> bool:
        return noun_key(a.noun_written) == noun_key(b.noun_written)

    used: set[int] = set()
    found = []
    ranked = sorted(
        ((score(a, b), n, m, a, b) for n, a in enumerate(in_a) for m, b in enumerate(in_b)),
        key=lambda t: (-_overlaps(t[3], t[4]), -t[0], t[1], t[2]),
    )
    for value, _, _, a, b in ranked:
        if value <= 0 or not same_word(a, b) or id(a) in used or id(b) in used:
            continue
        used.update((id(a), id(b)))
        if _disjoint(a, b):
            found.append((a, b, shared_weight(a, b, weights)))
    left_a = [a for a in in_a if id(a) not in used]
    left_b = [b for b in in_b if id(b) not in used]
    if len(left_a) == 1 and len(left_b) == 1:
        a, b = left_a[0], left_b[0]
        if (
            not same_word(a, b)
            and same_thing(a, b)
            and same_subject(a, b, doc_names, weights)
            and a.context & b.context
            and _disjoint(a, b)
        ):
            found.append((a, b, shared_weight(a, b, weights)))
    return found


def _digits(figure: str) -> str:
    return re.sub(r"\D", "", figure).lstrip("0")


def mistyped(a: Amount, b: Amount) -> bool:
    """Two figures one typing slip apart: a digit changed or two swapped among three or more
    ("4,023,200"/"4,043,200"), or the decimal point moved ("0.077"/"0.77").

    Two different facts rarely differ by so little, so the pair needs no shared wording.
    """
    if not (a.figure[:1].isdigit() and b.figure[:1].isdigit()) or _overlaps(a, b):
        return False
    x, y = _digits(a.figure), _digits(b.figure)
    if x == y:
        return len(x) >= 2  # the point moved
    if len(x) != len(y) or len(x) < 3:
        return False
    diff = [i for i in range(len(x)) if x[i] != y[i]]
    swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]]
    return len(diff) == 1 or (swapped and x[diff[1]] == y[diff[0]])


def components(pairs: Iterable[tuple[Any, ...]]) -> list[list[Any]]:
    """Mentions (amounts, statements) joined by a conflicting pair, grouped: one finding each.

    Mentions are keyed by value (they are frozen), not identity: a statement derived for
    each pair of documents ("only Pakistan", said of China) is one mention however many
    pairs derive it, so one fact is one finding, not one per pair of documents."""
    parent: dict[Any, Any] = {}

    def root(key: Any) -> Any:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b, *_ in pairs:
        parent[root(a)] = root(b)
    groups: dict[Any, list[Any]] = {}
    for item in list(parent):
        groups.setdefault(root(item), []).append(item)
    return [
        sorted(g, key=lambda m: (m.sentence.doc, m.start))
        for g in sorted(groups.values(), key=lambda g: min((m.sentence.doc, m.start) for m in g))
    ]
