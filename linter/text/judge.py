"""The judgement of one quote against one document's text: exact, near, or changed.

Given where a quote matched (exactly, or aligned near-match by near-match), this
decides what the match means: a bracket or ellipsis that changes the meaning, a
near match that is inexact or changes a number or negation, with its diff and
look-alike letters. Which documents to look in is ``candidates.py``'s question;
the matcher (``verify.py``) asks both.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from linter.text.align import (
    Aligned,
    Alignment,
    align_piece,
    describe_changes,
    negation_changes,
    number_changes,
    word_diff,
)
from linter.text.lookalike import find_suspects
from linter.text.numbers import compared_numbers, find_negations
from linter.text.quote import WORD, PieceMatch, Quote
from linter.text.verdict import Outcome, Span, Verdict

__all__ = ["Near", "editorial_changes", "judge", "near", "only_meaning_differs"]

_SHORT_GAP = 3  # words an ellipsis may omit before a negation among them changes the meaning


@dataclass(slots=True)
class Near:
    """A near match of every piece of a quote in one document (``text`` normalized)."""

    path: str
    text: str
    pieces: list[Alignment]
    score: float

    @property
    def start(self) -> int:
        return min(p.start for p in self.pieces)

    @property
    def end(self) -> int:
        return max(p.end for p in self.pieces)

    def texts(self) -> list[str]:
        return [self.text[p.start : p.end] for p in self.pieces]


def near(quote: Quote, path: str, doc: Aligned) -> Near | None:
    """Each piece of ``quote`` aligned in ``doc``, or None where one has no near match."""
    pieces = []
    for piece in quote.plain:
        found = align_piece(piece, doc)
        if found is None:
            return None
        pieces.append(found)
    weights = [len(p) for p in quote.plain]
    score = sum(w * a.score for w, a in zip(weights, pieces, strict=True)) / sum(weights)
    return Near(path, doc.text, pieces, score)


def judge(quote: Quote, match: Near, span: Span) -> Verdict:
    """INEXACT or MEANING_CHANGED for a near match at ``span``, with diff, changes, suspects."""
    texts = match.texts()
    source, said = " ... ".join(texts), " ... ".join(quote.plain)
    changes = describe_changes(source, said)
    diffs = [d for s, q in zip(texts, quote.plain, strict=True) if (d := word_diff(s, q))]
    outcome = Outcome.MEANING_CHANGED if changes else Outcome.INEXACT
    return Verdict(
        outcome,
        span,
        round(match.score, 4),
        " … ".join(diffs) or None,
        changes,
        suspects=find_suspects(quote.text, source),
    )


def _masked(text: str) -> list[str]:
    """The words of ``text`` without its numbers and negations."""
    spans = [(t.start, t.end) for t in (*compared_numbers(text), *find_negations(text))]
    kept, at = [], 0
    for start, end in sorted(spans):
        kept.append(text[at:start])
        at = max(at, end)
    kept.append(text[at:])
    # Brackets left out: the quote's may be editorial ("[T]he"), the source's are text.
    return WORD.findall(" ".join(kept).lower().replace("[", "").replace("]", ""))


def only_meaning_differs(quote: Quote, match: Near) -> bool:
    """Whether the near match has every word of the quote but for numbers and negations.

    Below the similarity threshold, a short quote ("27 hundred jobs could be") is
    still its source with one number changed: Q103, never "not found".
    """
    texts = match.texts()
    if not describe_changes(" ... ".join(texts), " ... ".join(quote.plain)):
        return False
    return all(_masked(s) == _masked(q) for s, q in zip(texts, quote.pieces, strict=True))


def editorial_changes(text: str, found: list[PieceMatch]) -> tuple[str, ...]:
    """Meaning changed under cover of quoting conventions.

    A bracket that puts one number where the source has another, or that drops
    or adds a negation ("they [do] want" for "they do not want"); an ellipsis
    that leaves out just a few words, one a negation ("did ... attend").
    """
    out: list[str] = []
    for match in found:
        for bracket in match.brackets:
            replaced = text[bracket.start : bracket.end]
            inserted = compared_numbers(bracket.content)
            numbers = compared_numbers(replaced)
            if inserted and numbers:
                out += number_changes(numbers, inserted)
            out += negation_changes(find_negations(replaced), find_negations(bracket.content))
    for before, after in itertools.pairwise(found):
        gap = text[before.end : after.start]
        if len(gap.split()) <= _SHORT_GAP:
            out += [f'negation "{t.text}" left out by an ellipsis' for t in find_negations(gap)]
    return tuple(out)
