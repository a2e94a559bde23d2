"""Whether two different spellings are one name (F103): "Stanekzai"/"Stanikzai" are,
Iran/Iraq and Austria/Australia are not.

Only this module judges a pair of spellings; which pairs are compared at all is
``linter.facts.variants``', and how they cluster into one variant ``analysis``'.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from linter.facts.names import norm

_VOWELS = frozenset("aeiouy")
# Transliteration alternations folded before comparing: c/k, q/k, v/b, ph/f, y/i,
# ou/u, sch/sh, and w for u after a vowel (DeShawn/DeShaun). Order matters.
_TRANSLITERATE = (
    ("sch", "sh"),
    ("ph", "f"),
    ("ck", "k"),
    ("c", "k"),
    ("q", "k"),
    ("v", "b"),
    ("y", "i"),
    ("ou", "u"),
)
_VOWEL_W = re.compile(r"(?<=[aeiou])w")
# Pairs that look like one spelling changed but are different names or words. The
# variant model already keeps most apart (Iran/Iraq: too short for any change);
# these are the ones it would pair. Registries add their own under ``distinct:``.
_KNOWN_DIFFERENT_TEXT = """
    iran/iraq austria/australia slovakia/slovenia sweden/switzerland gambia/zambia
    niger/nigeria mali/malta guinea/guyana dominica/dominican
    mouse/moose shop/ship tony/toone ground/grand swat/sweet gaines/guinness cody/code
    franco/france caption/captain rupert/report alan/allen roger/ruger status/states
    jesse/jose daniel/danielle gabriel/gabrielle paul/paula robert/roberta louis/louise
    francis/frances jean/joan marian/marion carol/carole bryan/brian
    stephen/stephan christian/christina christopher/christophe
    """
KNOWN_DIFFERENT = frozenset(frozenset(pair.split("/")) for pair in _KNOWN_DIFFERENT_TEXT.split())


@lru_cache(maxsize=1 << 16)
def spelling_form(word: str) -> str:
    """Lower-case, accent-free, transliterated, doubled letters collapsed."""
    form = norm(word).replace(" ", "").replace("-", "")
    for old, new in _TRANSLITERATE:
        form = form.replace(old, new)
    form = _VOWEL_W.sub("u", form)
    return re.sub(r"(.)\1+", r"\1", form)


def _allowed_edits(length: int) -> int:
    """Edits allowed between two spellings, by the shorter one's length."""
    if length <= 4:
        return 0  # short names differ by one letter all the time: Alan/Alen, Mark/Mary
    return 1 if length <= 8 else 2


def _transposed(x: str, y: str) -> str | None:
    """``y`` with one swap of neighbours, or of letters one apart, undone to match ``x``."""
    if len(x) != len(y):
        return None
    diff = [i for i, (p, q) in enumerate(zip(x, y, strict=True)) if p != q]
    if len(diff) == 2 and diff[1] - diff[0] in (1, 2):
        i, j = diff
        if x[i] == y[j] and x[j] == y[i]:
            return x
    return None


def _edits(x: str, y: str) -> int | None:
    """How many allowed changes turn ``y`` into ``x``, or None if one is not allowed.

    Allowed: a letter added or dropped inside the word (never the first or last:
    Russia/Russian, Paul/Paula are other words), a vowel for a vowel, s for z, and
    a transposition (Jamie/Jaime, Rolando/Ronaldo) counted as one change.
    """
    if _transposed(x, y) is not None:
        return 1
    ops = Levenshtein.editops(y, x)
    for op in ops:
        if op.tag == "replace":
            a, b = y[op.src_pos], x[op.dest_pos]
            if not ({a, b} <= _VOWELS or {a, b} == {"s", "z"}):
                return None
        elif op.tag == "insert":
            if op.dest_pos in (0, len(x) - 1):
                return None
        elif op.src_pos in (0, len(y) - 1):  # delete
            return None
    return len(ops)


@lru_cache(maxsize=1 << 16)
def _variant_forms(x: str, y: str, allowed: int) -> bool:
    """Whether two comparison forms are ``allowed`` changes apart or fewer, ends alike."""
    if x == y:
        return len(x) >= 2
    if x[:1] != y[:1] or x[-1:] != y[-1:]:
        return False
    if not allowed or abs(len(x) - len(y)) > allowed:
        return False
    edits = _edits(x, y)
    return edits is not None and edits <= allowed


@lru_cache(maxsize=1 << 16)
def _plain_form(word: str) -> str:
    """Lower-case, accent-free, doubled letters collapsed; no transliteration."""
    return re.sub(r"(.)\1+", r"\1", norm(word).replace(" ", "").replace("-", ""))


@lru_cache(maxsize=1 << 16)
def _letters(word: str) -> int:
    return len(norm(word).replace(" ", "").replace("-", ""))


def is_variant(a: str, b: str, distinct: Iterable[frozenset[str]] = ()) -> bool:
    """Whether two different spellings are one name ("Stanekzai"/"Stanikzai").

    After folding transliterations and doubled letters (Sergey/Sergei, Erika/Erica,
    Anna/Ana), they must start and end alike and differ by at most one change
    (two from nine letters on; none up to four letters), each change an added or
    dropped inner letter, a vowel for a vowel or a transposition; so Iran/Iraq,
    Austria/Australia, Slovakia/Slovenia and Russia/Russian stay apart, as do
    the pairs of ``KNOWN_DIFFERENT`` and ``distinct``.
    """
    na, nb = norm(a), norm(b)
    if na == nb or not na or not nb:
        return False
    pair = frozenset((na, nb))
    if pair in KNOWN_DIFFERENT or any(pair <= group for group in distinct):
        return False
    return _words_variant(*sorted((a, b)))


@lru_cache(maxsize=1 << 16)
def _words_variant(a: str, b: str) -> bool:
    if spelling_form(a)[:1] != spelling_form(b)[:1]:
        return False
    shortest = min(_letters(a), _letters(b))
    allowed = _allowed_edits(shortest)
    folded = sorted((spelling_form(a), spelling_form(b)))
    if folded[0] == folded[1]:
        return len(folded[0]) >= 2  # an alternation or doubled letter only: Kavin/Kabin, Anna/Ana
    plain = sorted((_plain_form(a), _plain_form(b)))
    if _variant_forms(plain[0], plain[1], allowed):
        return True
    # Up to six letters an alternation and a change together is too much (River/Rubber).
    return shortest > 6 and _variant_forms(folded[0], folded[1], allowed)
