"""Which corpus edits can change a verdict not settled where cited (issue 11).

A quote not verbatim where cited is judged against the rest of the corpus by
``candidates.pick``: the documents holding it verbatim (they hold every one of
its interior tokens), and the few that share most of its rarest words, weighted
by how many documents hold each word. So an edited, added or removed document
can change that verdict only if one of its versions holds every token of the
quote; or it gained or lost a word that may vote (every weight moves); or one of
its versions holds enough voting words to be aligned. A word common to more than
``_COMMON_SHARE`` of the documents never votes, nor one that at least
``_VOTE_WORDS`` surely rarer words keep out of the vote. Each edited document
moves a word's count by at most one, which bounds these tests. The corpus' size
is in every weight: a verdict is kept only while it stays the same.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from linter.text.candidates import _COMMON_SHARE, _VOTE_WORDS, needed, vocabulary
from linter.text.normalize import NormalizedDocument
from linter.text.quote import Quote

__all__ = ["Words", "tokens_of", "words_of"]


@dataclass(frozen=True, slots=True)
class Words:
    """What a verdict's corpus vote read: the quote's tokens, edge forms and their counts."""

    tokens: tuple[str, ...]
    edges: tuple[tuple[str, ...], ...]
    counts: Mapping[str, int]  # documents holding each word when the verdict was made

    def to_json(self) -> list:
        return [list(self.tokens), [list(f) for f in self.edges], dict(self.counts)]

    @classmethod
    def from_json(cls, raw: object) -> Words:
        """Raises ValueError or TypeError for anything but what ``to_json`` wrote."""
        if not isinstance(raw, list) or len(raw) != 3 or not isinstance(raw[2], dict):
            raise ValueError("not a word record")
        tokens, edges, counts = raw
        return cls(
            tuple(map(str, tokens)),
            tuple(tuple(map(str, forms)) for forms in edges),
            {str(w): int(n) for w, n in counts.items()},
        )

    def affected(
        self, documents: int, changed: Sequence[tuple[frozenset[str], frozenset[str]]]
    ) -> bool:
        """Whether the verdict may differ after ``changed`` documents' (old, new) tokens
        changed, the corpus keeping ``documents`` documents."""
        if not changed:
            return False
        if not self.tokens:
            return True  # judged by a plain scan of every document (candidates.pick)
        entries, need = self._voting(documents, len(changed))
        voting = set().union(*entries)
        every = set(self.tokens)
        for old, new in changed:
            if every <= old or every <= new:
                return True  # may hold it verbatim
            if not voting.isdisjoint(old ^ new):
                return True  # a voting word's count moved: every weight may
            for version in (old, new):
                # Ranked for alignment only with ``need`` of the voting entries.
                if sum(not words.isdisjoint(version) for words in entries) >= need:
                    return True
        return False

    def after(self, changed: Sequence[tuple[frozenset[str], frozenset[str]]]) -> Words:
        """The same words with their counts once ``changed`` documents changed."""
        counts = dict(self.counts)
        for old, new in changed:
            for word in counts:
                counts[word] += (word in new) - (word in old)
        return Words(self.tokens, self.edges, counts)

    def _voting(self, documents: int, moved: int) -> tuple[list[set[str]], int]:
        """The entries (their words) that may vote once each count has moved by up to
        ``moved``, and the fewest of them a document must hold to be aligned."""
        common = max(2, documents * _COMMON_SHARE)
        count = self.counts.get

        def surely_common(word: str) -> bool:
            return count(word, 0) - moved > common

        # The entries of the vote (``candidates._vote``): a token, or an edge keyed by
        # its least form, merging its forms' documents (with the key token's, and
        # with another edge of the same key): key -> (words, fewest, most documents).
        entries: dict[str, tuple[set[str], int, int]] = {
            w: ({w}, max(0, count(w, 0) - moved), count(w, 0) + moved)
            for w in self.tokens
            if not surely_common(w)
        }
        for forms in self.edges:
            key = min(forms)
            if surely_common(key) and key in self.tokens:
                continue  # the key is too common: the edge is skipped
            if any(surely_common(f) for f in forms):
                entries.pop(key, None)  # too common before and after: gone from the vote
                continue
            words, fewest, most = entries.get(key, (set(), 0, moved))
            ns = [count(f, 0) for f in forms]
            entries[key] = (
                words | set(forms),
                max(fewest, max(ns) - moved),
                most + sum(ns) + moved,
            )
        # An entry that surely votes, while surely rarer, keeps another out of the
        # rarest ``_VOTE_WORDS``.
        sure = sorted(most for _, low, most in entries.values() if low >= 1 and most <= common)
        voting = [w for w, low, _ in entries.values() if _count_below(sure, low) < _VOTE_WORDS]
        rare = min(_VOTE_WORDS, len(sure))  # the vote has at least this many words
        return voting, needed(rare)


def _count_below(ordered: list[int], limit: int) -> int:
    return bisect_left(ordered, limit)


def words_of(quote: str, counts: Mapping[str, int]) -> Words:
    """A quote's vote words and their counts in the corpus pass (``QuoteMatcher.counts``)."""
    parsed = Quote(quote)
    tokens = tuple(sorted(parsed.tokens))
    edges = tuple(tuple(sorted(forms)) for forms in parsed.edges)
    return Words(tokens, edges, {w: counts.get(w, 0) for w in vocabulary([parsed])})


def tokens_of(text: str) -> frozenset[str]:
    """A document's tokens as the corpus pass sees them (its normalized text, split)."""
    return frozenset(NormalizedDocument(text).text.split(" "))
