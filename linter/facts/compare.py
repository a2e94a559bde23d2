"""When two values of one topic disagree, and when an acknowledged value covers one.

Numbers and dates are intervals ("almost 30", "early September"): they
disagree only when the intervals are disjoint, so a vaguer statement never
contradicts a precise one it allows. Lists disagree only where one claims to be
complete; names when they differ after the ``aliases`` table (a shorter form,
"Lavrov" for "Sergei Lavrov", is the same name); texts when their words differ.
"""

from __future__ import annotations

from collections.abc import Sequence

from linter.facts.model import FactValue
from linter.facts.names import norm
from linter.facts.spelling import is_variant
from linter.model import Kind

_INTERVAL_KINDS = frozenset({Kind.COUNT, Kind.QUANTITY, Kind.DATE})


def _widened(fact: FactValue, tolerance: float | None) -> tuple[float, float]:
    """A value's interval, open sides infinite; a quantity's widened by ``tolerance``."""
    low = -float("inf") if fact.low is None else fact.low
    high = float("inf") if fact.high is None else fact.high
    if fact.kind == Kind.QUANTITY and tolerance:
        low -= abs(low) * tolerance if low != -float("inf") else 0
        high += abs(high) * tolerance if high != float("inf") else 0
    return low, high


def _members(fact: FactValue) -> frozenset[str]:
    return frozenset(norm(m) for m in fact.members or ())


def conflicting(
    a: FactValue,
    b: FactValue,
    tolerance: float | None = None,
    distinct: Sequence[frozenset[str]] = (),
) -> bool:
    """Whether two values of one topic cannot both be true (``distinct``: registry entries)."""
    if a.kind in _INTERVAL_KINDS:
        a_low, a_high = _widened(a, tolerance)
        b_low, b_high = _widened(b, tolerance)
        return a_high < b_low or b_high < a_low
    if a.kind == Kind.SET:
        ma, mb = _members(a), _members(b)
        if a.complete and b.complete:
            return ma != mb
        if a.complete:
            return not mb <= ma
        if b.complete:
            return not ma <= mb
        return False
    if a.kind == Kind.NAME:
        return not _same_name(a, b, distinct)
    return a.key != b.key


def _same_name(a: FactValue, b: FactValue, distinct: Sequence[frozenset[str]] = ()) -> bool:
    """One name, or one a shorter form of the other ("Lavrov", "Sergei Lavrov").

    Words match when equal or spelling variants ("Stanekzai"/"Stanikzai"): such a
    pair is one name spelled two ways, which F103 reports, not a conflict. A given
    name that begins the other (a nickname such as "Josh" for "Joshua") is a
    shorter form too. Names a ``distinct`` entry lists apart always conflict.
    """
    if a.key == b.key:
        return True
    na, nb = norm(a.name or a.display), norm(b.name or b.display)
    wa, wb = na.split(), nb.split()
    if any({x, y} <= group for group in distinct for x in (na, *wa) for y in (nb, *wb) if x != y):
        return False

    def alike(w: str, v: str, last: bool) -> bool:
        short = not last and len(w) >= 3 and (v.startswith(w) or w.startswith(v))
        return w == v or short or is_variant(w, v)

    def within(small: list[str], big: list[str]) -> bool:
        return all(
            any(
                alike(w, v, last=(i == len(small) - 1) or j == len(big) - 1)
                for j, v in enumerate(big)
            )
            for i, w in enumerate(small)
        )

    return bool(wa) and bool(wb) and (within(wa, wb) or within(wb, wa))


def covers(acknowledged: FactValue, seen: FactValue, tolerance: float | None = None) -> bool:
    """Whether an acknowledged value accounts for a seen one (the same, or within it)."""
    if seen.kind in _INTERVAL_KINDS:
        a_low, a_high = _widened(acknowledged, tolerance)
        s_low, s_high = _widened(seen, None)
        return a_low <= s_low and s_high <= a_high
    if seen.kind == Kind.SET:
        if seen.complete:
            return acknowledged.complete and _members(acknowledged) == _members(seen)
        return _members(seen) <= _members(acknowledged)
    if seen.kind == Kind.NAME:
        return _same_name(acknowledged, seen)
    return acknowledged.key == seen.key
