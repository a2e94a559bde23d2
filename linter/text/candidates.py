"""Which documents may hold a quote: the corpus vote over the quotes' rare words.

The matcher scans the corpus once for the pending quotes' vocabulary and hands
the postings (``word -> documents holding it``, each document once) here. A quote's rarest interior
tokens, intersected, name the documents that may hold it verbatim; its rarest
words, weighted by rarity, vote for the few documents worth aligning.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from linter.text.quote import Quote

__all__ = ["Candidates", "Narrowing", "pick", "vocabulary"]

Postings = Mapping[str, Sequence[str]]

_NEAR_DOCS = 3  # other documents aligned per unresolved quote, best-voted first
_NEAR_TIED = 12  # ... or more, where they tie with the last of them
_VOTE_WORDS = 10  # a quote's rarest tokens that pick those documents
_VOTE_SHARE = 0.7  # ... of which a document must hold this share
_COMMON_SHARE = 0.2  # a word in more than this share of documents picks none
_FILTER_WORDS = 24  # a quote's rarest words every verbatim holder must have
_NARROW_FROM = 100  # quotes searching one document that make its trigrams worth computing
_STRIDE = 3  # documents' trigrams taken at every third token (see ``_phases``)
_IDLE_WORDS = 2  # filter words in a row that rule no document out end the filtering


@dataclass(slots=True)
class Candidates:
    exact: list[str] = field(default_factory=list)  # may hold the quote verbatim
    near: list[str] = field(default_factory=list)  # share the most rare words, best first


def vocabulary(quotes: Iterable[Quote]) -> set[str]:
    """The tokens whose postings the corpus pass collects: interior tokens and edge forms."""
    words: set[str] = set()
    for quote in quotes:
        words.update(quote.tokens)
        words.update(form for forms in quote.edges for form in forms)
    return words


def pick(
    quote: Quote,
    cited: str,
    postings: Postings,
    documents: int,
    holding: Callable[[str], set[str]],
) -> Candidates:
    """The documents that may hold ``quote`` verbatim, and the few best for a near match.

    ``documents`` is the corpus' size; ``holding(text)`` the documents whose
    normalized text contains ``text`` (a plain scan, for quotes too short to
    have interior words).
    """
    found = Candidates()
    words = sorted(quote.tokens, key=lambda w: len(postings.get(w, ())))[:_FILTER_WORDS]
    if words:
        holders = set(postings.get(words[0], ()))
        idle = 0
        for word in words[1:]:
            # Exact search settles a few holders cheaply; and once the ever
            # commoner words stop ruling documents out, their (corpus-long)
            # postings cost more than they save: trigrams narrow the rest.
            if len(holders) <= 2 or idle >= _IDLE_WORDS:
                break
            before = len(holders)
            holders.intersection_update(postings.get(word, ()))
            idle = idle + 1 if len(holders) == before else 0
    else:  # too short to have interior words: a plain scan for its core
        holders = holding(quote.core)
    found.exact = sorted(holders - {cited})
    found.near = _vote(quote, cited, postings, documents)
    return found


def needed(rare: int) -> int:
    """How many of a quote's ``rare`` voting words a document must hold to be aligned
    (``_VOTE_SHARE`` of them, and one fewer than all where there are two or more)."""
    return max(1, min(math.ceil(rare * _VOTE_SHARE), rare - 1))


def _vote(quote: Quote, cited: str, postings: Postings, documents: int) -> list[str]:
    """The few documents sharing most of the quote's rarest words, best first.

    Tokens found nowhere are the changed words; of the rest, a near match
    shares most of the distinctive ones, and the rarer a word, the more its
    vote counts. The edge words vote too: often the names a quote opens or
    ends with. A changed word may itself be one of the rare ones, so a
    document may always lack one of them.
    """
    # A posting lists each document once, so its length is the word's count; sets
    # are built only for edge words (whose forms merge), never for common words.
    common = max(2, documents * _COMMON_SHARE)
    where: dict[str, Collection[str]] = {}
    too_common: set[str] = set()
    for w in quote.tokens:
        if (docs := postings.get(w)) is not None:
            if len(docs) > common:
                too_common.add(w)
            else:
                where[w] = docs
    for forms in quote.edges:
        key = min(forms)
        lists = [found for f in forms if (found := postings.get(f))]
        if key in too_common or not lists:
            continue
        small = all(len(found) <= common for found in lists)
        merged = set(where.get(key, ())).union(*lists) if small else set()
        if not small or len(merged) > common:
            too_common.add(key)
            where.pop(key, None)
        else:
            where[key] = merged
    rare = sorted(where, key=lambda w: (len(where[w]), w))[:_VOTE_WORDS]
    need = needed(len(rare))
    # A document holding ``need`` of the rare words holds one of the rarest
    # ``len(rare) - need + 1``: only those are counted, at C speed per word.
    voters: set[str] = set().union(*(where[w] for w in rare[: len(rare) - need + 1]))
    voters.discard(cited)
    votes: Counter[str] = Counter()
    score: dict[str, float] = defaultdict(float)
    for word in rare:
        weight = math.log(documents / len(where[word])) + 1
        for path in voters.intersection(where[word]):
            votes[path] += 1
            score[path] += weight
    ranked = [p for p, n in votes.items() if n >= need]
    ranked.sort(key=lambda p: (-score[p], p))
    # Documents sharing boilerplate ("The issue is available in denominations
    # of ...") tie on every word: only aligning tells them apart.
    if len(ranked) <= _NEAR_DOCS:
        return ranked
    edge = score[ranked[_NEAR_DOCS - 1]]
    tied = itertools.takewhile(lambda p: score[p] == edge, ranked[_NEAR_DOCS:])
    return ranked[:_NEAR_DOCS] + list(itertools.islice(tied, _NEAR_TIED - _NEAR_DOCS))


_Phases = tuple[tuple[frozenset[tuple[str, str, str]], ...], ...]


class Narrowing:
    """Would-be holders dropped for lacking trigrams of the quote, where that saves work.

    Trigrams of a document cost about as much as a few dozen exact searches
    in it, so they are computed only for the documents (``busy``) that many
    quotes would search, and only every third one (see ``_phases``).
    """

    def __init__(self, quotes: Sequence[Quote], found: Sequence[Candidates]) -> None:
        self._phases = {i: p for i, q in enumerate(quotes) if found[i].exact and (p := _phases(q))}
        wanted: dict[str, list[int]] = defaultdict(list)
        for index in self._phases:
            for path in found[index].exact:
                wanted[path].append(index)
        self.busy = {path: ixs for path, ixs in wanted.items() if len(ixs) >= _NARROW_FROM}
        needed = {i for ixs in self.busy.values() for i in ixs}
        self._grams: set[tuple[str, str, str]] = set().union(
            *(c for i in needed for chunk in self._phases[i] for c in chunk)
        )

    def kept(self, path: str, indexes: Iterable[int], tokens: list[str]) -> list[tuple[int, str]]:
        """The (quote, document) pairs among ``indexes`` whose trigrams ``path`` holds."""
        heads, seconds, thirds = (tokens[k::_STRIDE] for k in range(3))
        present = self._grams.intersection(zip(heads, seconds, thirds, strict=False))
        return [
            (i, path)
            for i in indexes
            if all(any(c <= present for c in chunk) for chunk in self._phases[i])
        ]

    def apply(self, found: Sequence[Candidates], survivors: set[tuple[int, str]]) -> None:
        """Keep, of each quote's busy would-be holders, only the ``survivors``."""
        for index, candidates in enumerate(found):
            if candidates.exact:
                candidates.exact = [
                    p for p in candidates.exact if p not in self.busy or (index, p) in survivors
                ]


def _phases(quote: Quote) -> _Phases:
    """Per stretch of the quote long enough, its token trigrams in ``_STRIDE`` classes
    by position.

    A document holding the stretch at token ``p`` holds its ``k``-th trigram at
    ``p + k``; of the document's trigrams at multiples of ``_STRIDE`` (a third
    of the work of all of them), one class is therefore all there.
    """
    out = []
    for tokens in quote.chunks:  # the stretches exact search needs
        grams = list(zip(tokens, tokens[1:], tokens[2:], strict=False))
        if len(grams) >= _STRIDE:
            out.append(tuple(frozenset(grams[r::_STRIDE]) for r in range(_STRIDE)))
    return tuple(out)
