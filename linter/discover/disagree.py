"""Which statements of two documents are about one subject, and which of those disagree.

Precision first, as for numbers (``group``): the two documents must be about one
subject (they share distinctive names), and each kind of statement needs its own
reason to take two mentions for one fact:

- **title**: one person, named with two or more words in both documents (same last
  name, or a spelling variant of it, and one more word in common), in reports at most
  three days apart (an office may change); neither document gives the person an
  office the other gives ("special envoy" against "special adviser"), and words that
  name no office ("head", "official", "economist") agree with any;
- **role**: one party (a country's name, adjective and capital are one party); the
  documents say different things of it (did not take part, observer, sent delegates,
  took part; an observer or a delegation took part), of one thing where they say what
  ("the talks", "the meeting"; not "the Paris pact" and "any decisions"); or one says
  "only Pakistan" of the parties it lists with Pakistan, and the other that one of them
  took part;
- **body**: one organisation's body with one modifier ("the Taliban's political
  office", "its political commission"); the bodies differ and the two sentences
  share two more rare words (the place, the person at its head);
- **frequency**: how often something was put off; the counts do not meet, and the
  sentences share a rare word (what was put off);
- **first**: one sentence says something was the first, the other tells of earlier
  ones; they share two rare words (what was first);
- **date**: two sentences that tell one event (a meeting, talks, a visit) in nearly
  the same rare words (at least three, a third of the lighter sentence's weight),
  naming two distinctive parties in common, one date each, the dates apart; not a
  series (the same sentence on two publication days), not two reports each of its own
  day, and not each with figures of its own (a figure of each period).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from linter.discover.group import SERIES, WINDOW_DAYS, Weights, days_apart, overlap
from linter.discover.model import Statement
from linter.discover.statements import ROLE_TOOK_PART, ROLES_AGREE, compatible_offices

MIN_DATE_SHARE = 0.33
MIN_DATE_WORDS = 3


def related_pairs(doc_names: dict[str, frozenset[str]], weights: Weights) -> set[tuple[str, str]]:
    """Documents sharing two or more distinctive names, found through those names."""
    by_name: dict[str, list[str]] = {}
    for doc, names in doc_names.items():
        for name in names:
            if weights.distinctive(name):
                by_name.setdefault(name, []).append(doc)
    shared: dict[tuple[str, str], int] = {}
    for docs in by_name.values():
        docs = sorted(docs)
        for i, a in enumerate(docs):
            for b in docs[i + 1 :]:
                shared[(a, b)] = shared.get((a, b), 0) + 1
    return {pair for pair, count in shared.items() if count >= 2}


def conflicts(
    by_doc: dict[str, list[Statement]],
    pairs: Iterable[tuple[str, str]],
    weights: Weights,
    canon: Callable[[str], str],
) -> list[tuple[Statement, Statement]]:
    """Pairs of statements of two related documents that are about one fact and disagree."""
    found: list[tuple[Statement, Statement]] = []
    for doc_a, doc_b in sorted(pairs):
        in_a, in_b = by_doc.get(doc_a), by_doc.get(doc_b)
        if not in_a or not in_b:
            continue
        for kind, compare in _KINDS.items():
            a = [s for s in in_a if s.kind == kind]
            b = [s for s in in_b if s.kind == kind]
            if a and b:
                found += compare(a, b, weights, canon)
    return found


def _by_subject(
    statements: Sequence[Statement], key: Callable[[Statement], str] = lambda s: s.subject
) -> dict[str, list[Statement]]:
    out: dict[str, list[Statement]] = {}
    for statement in statements:
        out.setdefault(key(statement), []).append(statement)
    return out


def _same_person(a: Statement, b: Statement, canon: Callable[[str], str]) -> bool:
    x, y = {canon(w) for w in a.person}, {canon(w) for w in b.person}
    return canon(a.person[-1]) == canon(b.person[-1]) and len(x & y) >= 2


def _titles(a, b, weights, canon) -> list[tuple[Statement, Statement]]:
    found = []
    subjects_b = _by_subject(b, lambda s: canon(s.subject))
    for subject, mine in _by_subject(a, lambda s: canon(s.subject)).items():
        theirs = subjects_b.get(subject, [])
        pairs = [
            (x, y)
            for x in mine
            for y in theirs
            if _same_person(x, y, canon) and days_apart(x.published, y.published) <= WINDOW_DAYS
        ]
        if not pairs:
            continue
        offices_a = {x.value for x, _ in pairs} | {x.value for x in mine}
        offices_b = {y.value for _, y in pairs} | {y.value for y in theirs}
        if any(compatible_offices(x, y) for x in offices_a for y in offices_b):
            continue  # one office in common: the others are more offices of one person
        found += pairs
    return found


def _roles(a, b, weights, canon) -> list[tuple[Statement, Statement]]:
    def contradict(x: Statement, y: Statement) -> bool:
        if x.value == y.value or frozenset({x.value, y.value}) in ROLES_AGREE:
            return False
        # what each takes part in, where said: "the talks" and "the meeting" are one event,
        # "the Paris pact" and "any decisions" are two things
        what = {x.what, y.what} - {""}
        return len(what) <= 1

    found = []
    subjects_b = _by_subject(b)
    for subject, mine in _by_subject(a).items():
        theirs = subjects_b.get(subject, [])
        if theirs and {x.value for x in mine} != {y.value for y in theirs}:
            found += [(x, y) for x in mine for y in theirs if contradict(x, y)]
    return found + _only(a, b) + [(y, x) for x, y in _only(b, a)]


def _only(a: Sequence[Statement], b: Sequence[Statement]) -> list[tuple[Statement, Statement]]:
    """ "Only Pakistan has so far confirmed its attendance" (a) against "China, Iran and
    Pakistan took part" (b): of each party a lists with Pakistan elsewhere ("11 countries,
    including China, Iran and Pakistan") and b says took part, a says it did not (yet), in
    the words "only Pakistan"."""
    found = []
    for x in a:
        if not x.alone:
            continue
        with_x = {s.sentence for s in a if s.subject == x.subject}
        listed = {s.subject for s in a if s.sentence in with_x} - {x.subject}
        for y in b:
            other = y.subject in listed
            same_event = not (x.what and y.what and x.what != y.what)
            if other and same_event and y.value in ROLE_TOOK_PART:
                not_y = replace(
                    x,
                    subject=y.subject,
                    shown=y.shown,
                    value="only",
                    display=f"only {x.shown}",
                    alone=False,
                )
                found.append((not_y, y))
    return found


def _shared(a: Statement, b: Statement, leave: set[str] = frozenset()) -> set[str]:
    return set(a.words & b.words) - leave


def _bodies(a, b, weights, canon) -> list[tuple[Statement, Statement]]:
    found = []
    subjects_b = _by_subject(b)
    for subject, mine in _by_subject(a).items():
        theirs = subjects_b.get(subject, [])
        if not theirs or {x.value for x in mine} & {y.value for y in theirs}:
            continue
        leave = set(subject.split()) | {x.value for x in mine} | {y.value for y in theirs}
        found += [(x, y) for x in mine for y in theirs if len(_shared(x, y, leave)) >= 2]
    return found


def _apart(a: Statement, b: Statement) -> bool:
    """Whether two intervals do not meet; dates with a year left out, by their days in a year."""
    if a.low is None or b.low is None:
        if a.in_year is None or b.in_year is None:
            return False
        (a_low, a_high), (b_low, b_high) = a.in_year, b.in_year
        return a_high < b_low or b_high < a_low
    return a.high < b.low or b.high < a.low


def _frequencies(a, b, weights, canon) -> list[tuple[Statement, Statement]]:
    if len({(x.low, x.high) for x in a}) > 1 or len({(y.low, y.high) for y in b}) > 1:
        return []  # a document giving two counts counts two things
    return [(x, y) for x in a for y in b if _apart(x, y) and _shared(x, y)]


def _firsts(a, b, weights, canon) -> list[tuple[Statement, Statement]]:
    return [(x, y) for x in a for y in b if x.value != y.value and len(_shared(x, y)) >= 2]


def _share(a: Statement, b: Statement, weights: Weights) -> float:
    return overlap(a.words, b.words, weights, MIN_DATE_WORDS)


def _own_day(s: Statement) -> bool:
    """A date that is its report's own publication day: news of that day."""
    return bool(s.published) and len(s.published) == 10 and s.display == s.published


def _dates(a, b, weights, canon) -> list[tuple[Statement, Statement]]:
    similar = []
    for x in a:
        for y in b:
            if _share(x, y, weights) < MIN_DATE_SHARE:
                continue
            if days_apart(x.published, y.published) > WINDOW_DAYS:
                continue
            days = {x.published, y.published}
            if None not in days and len(days) == 2:
                union = x.words | y.words
                if union and len(x.words & y.words) / len(union) >= SERIES:
                    continue
            if _own_day(x) and _own_day(y):
                continue
            if x.figures and y.figures and not x.figures & y.figures:
                continue  # each with its own figures: a figure of each period, two periods
            if len([n for n in x.names & y.names if weights.distinctive(n)]) < 2:
                continue  # the same parties, named in both sentences
            similar.append((x, y))
    # A document that also gives the other's date for that event agrees on it.
    if any(not _apart(x, y) for x, y in similar):
        return []
    return similar


_KINDS: dict[str, Callable[..., list[tuple[Statement, Statement]]]] = {
    "title": _titles,
    "role": _roles,
    "body": _bodies,
    "frequency": _frequencies,
    "first": _firsts,
    "date": _dates,
}
