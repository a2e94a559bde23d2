"""Which names claims write, and which pairs of them are one name spelled two ways (F103).

Precision first: a warning that two unrelated names look alike is noise, so a
pair is only compared when there is a reason to think it is one entity:

- **What a name is**: a run of capitalized words ("Neely Gardner",
  "Frank-Juergen Weise", "DeShawn Swanson"), without the titles and offices in
  front of it ("Russian Foreign Minister", "Police", "Detectives"), dates, or
  words in capitals ("SWAT", "FRance" in a headline). A lone capitalized word
  opening a sentence ("Ground", "Status") is capitalized for the sentence and
  is no name; in a claim's ``value`` it is.
- **Which names are compared**: two names of claims on the same topic; or, on
  any topics, two names of two words or more that share an anchor: aligned
  from the surname, one word is the same and every other aligned word is the
  same or a spelling variant ("Tanisha Jones"/"Tanishia Jones", "Mohammad Abbas
  Stanekzai"/"Muhammad Abbas Stanikzai"). "DeShawn Swanson"/"Dashawn Smith"
  share nothing and are never compared.
- **What a variant is**: ``linter.facts.spelling.is_variant``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from linter.facts.names import (
    _CALENDAR_WORDS,
    _FUNCTION_WORDS,
    _opens_sentence,
    norm,
)
from linter.facts.spelling import is_variant, spelling_form

# A word starting with a capital (Latin letters, accented ones included): only these
# can be names, and matching only them keeps reading a long quote cheap.
_TOKEN = re.compile(r"(?<![\w'’-])(?=[A-Z\u00c0-\u00de])[^\W\d_]+(?:['’-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
_SPACE = re.compile(r"[ \u00a0]+")
# Titles, offices and the people who hold them: they precede a name, they are not one.
_TITLES_TEXT = """mr mrs ms miss mx dr sir dame lord lady president presidents vice prime
    minister ministers
    secretary senator sen rep representative congressman congresswoman gov governor mayor judge
    justice chief officer officers police detective detectives deputy deputies sheriff sgt
    sergeant lt lieutenant capt captain col colonel gen general maj major cmdr commander admiral
    adm king queen prince princess pope rev reverend father saint st chancellor chairman
    chairwoman chair director spokesman spokeswoman spokesperson ambassador foreign finance
    interior defence defense trade professor prof coach trooper troopers agent agents inspector
    constable superintendent commissioner attorney prosecutor prosecutors district assistant
    executive chancellor premier emir sheikh ayatollah marshal patrolman firefighter
    firefighters investigators investigator authorities officials official leader leaders
    head state"""
TITLES = frozenset(_TITLES_TEXT.split())
_NOT_NAMES = _FUNCTION_WORDS | _CALENDAR_WORDS


@dataclass(frozen=True)
class Mention:
    """A name as a claim writes it: its words as written and their comparison forms."""

    claim_id: str
    written: tuple[str, ...]
    keys: tuple[str, ...]


def _name_word(token: str) -> bool:
    """Capitalized as a name is: "Gardner", "DeShawn", "McDonald", "O'Neill", not "SWAT"."""
    if not token[0].isupper():
        return False
    letters = [c for c in token if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return False
    inner = [i for i, c in enumerate(token) if c.isupper() and i > 0]
    # a capital inside only after a short prefix (DeShawn, McDonald, MacArthur) or a break
    return all((2 <= i <= 3 and token[i - 1].islower()) or token[i - 1] in "-'’" for i in inner)


def names_in(text: str, whole: bool = False) -> list[tuple[str, ...]]:
    """The names ``text`` writes, each as its words; ``whole``: the text is a value, not prose."""
    runs: list[list[re.Match[str]]] = []
    previous = None
    for match in _TOKEN.finditer(text):
        if not _name_word(match.group()):
            previous = None
            continue
        # adjacent only when nothing but spaces separates them (a lower-case word breaks)
        if previous is not None and _SPACE.fullmatch(text, previous.end(), match.start()):
            runs[-1].append(match)
        else:
            runs.append([match])
        previous = match
    found = []
    for run in runs:
        lone_opener = len(run) == 1 and not whole and _opens_sentence(text, run[0].start())
        if lone_opener:
            continue
        written = [_POSSESSIVE.sub("", m.group()) for m in run]
        keys = [norm(w) for w in written]
        titled = [i for i, k in enumerate(keys) if k in TITLES]
        start = titled[-1] + 1 if titled else 0  # the name follows its last title
        name = [
            w for w, k in zip(written[start:], keys[start:], strict=True) if k not in _NOT_NAMES
        ]
        if name and all(len(w) >= 2 for w in name):
            found.append(tuple(name))
    return found


def mentions_of(claim_id: str, quote: str, values: Sequence[str]) -> list[Mention]:
    """The distinct names of a claim's quote and of its text values."""
    seen: dict[tuple[str, ...], Mention] = {}
    for text, whole in [(quote, False), *((v, True) for v in values)]:
        for name in names_in(text, whole):
            keys = tuple(norm(w) for w in name)
            seen.setdefault(keys, Mention(claim_id, name, keys))
    return list(seen.values())


@dataclass(frozen=True)
class Rules:
    """What may not be paired: spellings an alias entry covers, and ``distinct`` names."""

    covered: Sequence[frozenset[str]] = ()  # per alias entry, the words of its spellings
    distinct: Sequence[frozenset[str]] = ()  # per ``distinct`` entry, its names normalized

    def different(self, a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        """Whether a ``distinct`` entry names ``a`` and ``b`` as different entities."""
        wa, wb = set(a), set(b)
        for group in self.distinct:
            in_a = {m for m in group if set(m.split()) <= wa}
            in_b = {m for m in group if set(m.split()) <= wb}
            if any(x != y for x in in_a for y in in_b):
                return True
        return False

    def aliased(self, x: str, y: str) -> bool:
        return any(x in group and y in group for group in self.covered)


def _words_distinct(rules: Rules) -> list[frozenset[str]]:
    return [group for group in rules.distinct if all(" " not in m for m in group)]


def variant_pairs(
    a: Mention, b: Mention, rules: Rules, anchored: bool
) -> list[tuple[int, int]] | None:
    """The aligned word positions (in ``a``, in ``b``) where two names spell one name two ways.

    Names align from their last word. Every aligned pair must be equal or a
    variant, at least one a variant; ``anchored`` also asks for two aligned words
    or more, one of them equal.
    """
    k = min(len(a.keys), len(b.keys))
    if anchored and k < 2:
        return None
    words_distinct = _words_distinct(rules)
    pairs, anchor = [], False
    for i in range(1, k + 1):
        x, y = a.keys[-i], b.keys[-i]
        if x == y:
            anchor = True
        elif is_variant(a.written[-i], b.written[-i], words_distinct):
            if not rules.aliased(x, y):
                pairs.append((len(a.keys) - i, len(b.keys) - i))
            else:
                anchor = True  # aliased spellings are one name already
        else:
            return None
    if not pairs or (anchored and not anchor) or rules.different(a.keys, b.keys):
        return None
    return pairs


def _candidates(mentions: Sequence[Mention]) -> Iterable[tuple[Mention, Mention]]:
    """Pairs of multi-word names sharing a word at one of their last three aligned places."""
    # Keyed by an equal word at one place and the first letter of the word at another
    # (a variant keeps its first letter), so each group is small.
    index: dict[tuple[int, str, int, str], list[Mention]] = {}
    for mention in mentions:
        places = range(1, min(len(mention.keys), 3) + 1)
        if len(mention.keys) >= 2:
            for i in places:
                for j in places:
                    if j != i:
                        initial = spelling_form(mention.written[-j])[:1]
                        key = (i, mention.keys[-i], j, initial)
                        index.setdefault(key, []).append(mention)
    seen: set[tuple[int, int]] = set()
    for group in index.values():
        for a, b in combinations(group, 2):
            if a.claim_id == b.claim_id or a.keys == b.keys:
                continue
            key = (id(a), id(b)) if id(a) < id(b) else (id(b), id(a))
            if key not in seen:
                seen.add(key)
                yield a, b


def find_variant_pairs(
    mentions: Sequence[Mention], topics: dict[str, str | None], rules: Rules
) -> list[tuple[str, str, str, str]]:
    """Each variant word pair found: (written in one claim, its claim, in the other, its claim).

    ``topics`` gives each claim's topic: names of claims on one topic are compared
    without an anchor; all others only when anchored.
    """
    found = []

    def add(a: Mention, b: Mention, anchored: bool) -> bool:
        pairs = variant_pairs(a, b, rules, anchored)
        for i, j in pairs or ():
            found.append((a.written[i], a.claim_id, b.written[j], b.claim_id))
        return pairs is not None

    compared: set[tuple[int, int]] = set()
    for a, b in _candidates(mentions):
        compared.add((id(a), id(b)))
        compared.add((id(b), id(a)))
        add(a, b, anchored=True)
    on_topic: dict[str, list[Mention]] = {}
    for mention in mentions:
        topic = topics.get(mention.claim_id)
        if topic is not None:
            on_topic.setdefault(topic, []).append(mention)
    for group in on_topic.values():
        for a, b in combinations(group, 2):
            if a.claim_id != b.claim_id and (id(a), id(b)) not in compared:
                add(a, b, anchored=False)
    return found
