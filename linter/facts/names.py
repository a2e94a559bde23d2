"""Names as compared across claims: normalized, resolved through ``aliases``.

Fact-checkers write "U.S.", "US" and "United States"; sources write "Sergey"
and "Sergei". Names compare equal when they normalize alike (case, accents and
punctuation ignored) or are listed under one canonical name in ``aliases``.
Whether two spellings are one name (F103) is ``linter.facts.spelling``'s.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

# A word as written, keeping inner dots and apostrophes ("U.S.", "O'Neill").
_WORD = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*\.?")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# A run of capitalized words: a proper noun ("Sher Mohammed Abbas Stanekzai").
_CAP = r"[A-Z][^\W\d_]*(?:[.'’][^\W\d_]+)*\.?"
PROPER_NOUN = re.compile(rf"(?<![\w.]){_CAP}(?:[ \u00a0]+{_CAP})*")
# What separates the items of a list of proper nouns: "China, Iran, and Pakistan".
_LIST_GAP = re.compile(r"\s*,\s*|\s*,?\s+(?P<last>and|or)\s+")
# Capitalized words that open sentences or titles rather than name anyone.
_FUNCTION_TEXT = """a an the and or but if in on at of for to from by with as this that these those
it its he she they we i you his her their our there here when while after before since during
some most many all no not neither nor both each every one then than"""
_FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())
# Capitalized words that are dates, not names.
_CALENDAR_WORDS = frozenset(
    w.lower() for w in (*calendar.day_name, *calendar.month_name, *calendar.day_abbr) if w
)


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Comparison form: no accents, case, punctuation or extra spaces ("U.S." == "us")."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(stripped)]
    return " ".join(re.sub(r"[.'’]", "", w).casefold() for w in words if w)


@dataclass(frozen=True)
class WordToken:
    start: int
    end: int
    text: str
    key: str  # norm() of the word, possessive dropped


def words(text: str) -> list[WordToken]:
    """Every word of ``text`` with its position and comparison form."""
    found = []
    for match in _WORD.finditer(text):
        key = norm(match.group())
        if key:
            found.append(WordToken(match.start(), match.end(), match.group(), key))
    return found


def strip_name(text: str) -> str:
    """A name as written, trimmed of surrounding spaces, punctuation and a possessive."""
    return _POSSESSIVE.sub("", " ".join(text.split()).strip(' ,;:!?()[]"“”‘’'))


@dataclass
class AliasIndex:
    """The ``aliases`` table, looked up by normalized spelling."""

    canonical_of: dict[str, str] = field(default_factory=dict)  # norm(spelling) -> canonical
    spellings: dict[str, list[str]] = field(default_factory=dict)  # canonical -> all spellings
    # ``distinct`` entries: names said to be different entities, normalized.
    distinct: list[frozenset[str]] = field(default_factory=list)
    _index: dict[str, list[tuple[list[str], str]]] | None = field(default=None, repr=False)

    @classmethod
    def build(
        cls,
        aliases: Mapping[str, Sequence[str] | None],
        distinct: Iterable[Sequence[str]] = (),
    ) -> AliasIndex:
        index = cls()
        index.distinct = [frozenset(norm(str(n)) for n in group) for group in distinct]
        for canonical, variants in aliases.items():
            names = [str(canonical), *(str(v) for v in variants or ())]
            index.spellings[str(canonical)] = names
            for name in names:
                index.canonical_of.setdefault(norm(name), str(canonical))
        return index

    def canonical(self, name: str) -> str:
        """The canonical name for a spelling, else the spelling itself, trimmed."""
        return self.canonical_of.get(norm(name), strip_name(name))

    def spellings_of(self, name: str) -> list[str]:
        """Every spelling meaning ``name`` (the name itself when it has no alias entry)."""
        canonical = self.canonical(name)
        return self.spellings.get(canonical, [canonical, name])

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Where any aliased spelling occurs in ``text``: (start, end, canonical), longest first."""
        by_first = self._by_first_word()
        tokens = words(text)
        keys = [t.key for t in tokens]
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(keys):
            for parts, canonical in by_first.get(keys[i], ()):
                if keys[i : i + len(parts)] == parts:
                    start, end = tokens[i].start, tokens[i + len(parts) - 1].end
                    if self._pronoun_like(text[start:end], parts, canonical):
                        continue
                    found.append((start, end, canonical))
                    i += len(parts)
                    break
            else:
                i += 1
        return found

    def _pronoun_like(self, written: str, parts: list[str], canonical: str) -> bool:
        """An all-capitals spelling ("US") met in lower case ("us") is another word."""
        alike = [s for s in self.spellings.get(canonical, ()) if norm(s).split() == parts]
        return bool(alike) and all(s.isupper() for s in alike) and not written.isupper()

    def _by_first_word(self) -> dict[str, list[tuple[list[str], str]]]:
        """Spellings by their first word, longest first (built once)."""
        if self._index is None:
            index: dict[str, list[tuple[list[str], str]]] = {}
            for spelling, canonical in self.canonical_of.items():
                parts = spelling.split()
                if parts:
                    index.setdefault(parts[0], []).append((parts, canonical))
            for entries in index.values():
                entries.sort(key=lambda entry: -len(entry[0]))
            self._index = index
        return self._index

    def token_groups(self) -> list[frozenset[str]]:
        """Per alias entry, the normalized words of all its spellings (for F103 coverage)."""
        return [
            frozenset(word for name in names for word in norm(name).split())
            for names in self.spellings.values()
        ]


def aliased_spellings_in(text: str, aliases: AliasIndex) -> list[tuple[str, str]]:
    """Each aliased name ``text`` writes, as ``(canonical, spelling)`` in text order.

    ``spelling`` is the aliases table's spelling of what is written, matched as
    ``find`` matches (whole words; case, accents and punctuation aside), except
    that a spelling in capitals ("US") matches only capitals, never the word
    "us". Of table spellings that compare alike ("U.S.", "US"), the one written
    (ignoring case) is preferred.
    """
    found = []
    for start, end, canonical in aliases.find(text):
        written = strip_name(text[start:end])
        key = norm(written)
        alike = [s for s in aliases.spellings.get(canonical, ()) if norm(s) == key]
        spelling = next(
            (s for s in alike if s.casefold() == written.casefold()),
            alike[0] if alike else canonical,
        )
        if spelling.isupper() and not written.isupper():
            continue
        found.append((canonical, spelling))
    return found


def mentions(text: str, name: str, aliases: AliasIndex) -> bool:
    """Whether ``text`` names ``name`` in any of its spellings (all its words, in order)."""
    keys = [t.key for t in words(text)]
    for spelling in aliases.spellings_of(name):
        parts = norm(spelling).split()
        if parts and any(
            keys[i : i + len(parts)] == parts for i in range(len(keys) - len(parts) + 1)
        ):
            return True
    return False


def stem(word: str) -> str:
    """A plural's singular, crudely ("observers" -> "observer"), so wording may inflect."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def words_appear(value: str, text: str) -> bool:
    """Whether every word of ``value`` occurs in ``text`` (order free, case and plural free)."""
    wanted = {stem(t.key) for t in words(value)}
    return bool(wanted) and wanted <= {stem(t.key) for t in words(text)}


def _name_lists(text: str) -> list[list[re.Match[str]]]:
    """Runs of proper nouns separated by commas or a final and/or (linear, no backtracking)."""
    lists: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    joined_by_and = False

    def close() -> None:  # two names make a list only when joined by and/or
        if len(current) >= 3 or (len(current) == 2 and joined_by_and):
            lists.append(current)

    previous = None
    for match in PROPER_NOUN.finditer(text):
        gap = _LIST_GAP.fullmatch(text, previous.end(), match.start()) if previous else None
        if gap is None:
            close()
            current, joined_by_and = [], False
        elif gap["last"]:
            joined_by_and = True
        current.append(match)
        previous = match
    close()
    return lists


def listed_names(text: str, aliases: AliasIndex) -> list[str]:
    """Canonical names a text lists: aliased names, plus the items of lists of proper nouns."""
    found = [canonical for _, _, canonical in aliases.find(text)]
    for items in _name_lists(text):
        names = [m.group() for m in items]
        first = names[0].split()
        if len(first) > 1 and _opens_sentence(text, items[0].start()) and _not_a_name(first[0]):
            names[0] = " ".join(first[1:])
        for item in names:
            item = strip_name(item)
            if item and norm(item) not in _FUNCTION_WORDS:
                found.append(aliases.canonical(item))
    unique: dict[str, str] = {}
    for name in found:
        unique.setdefault(norm(name), name)
    return list(unique.values())


def _not_a_name(word: str) -> bool:
    """A sentence's capitalized first word that is plainly not a name ("Seeing", "Only")."""
    lower = norm(word)
    return lower in _FUNCTION_WORDS or lower.endswith(("ing", "ed", "ly"))


_SENTENCE_OPENERS = frozenset('.!?:;\u2014"“(')


def _opens_sentence(text: str, start: int) -> bool:
    """Whether ``start`` begins the text or follows sentence punctuation."""
    before = text[max(0, start - 100) : start].rstrip()
    return not before or before[-1] in _SENTENCE_OPENERS
