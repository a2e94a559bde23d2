"""Which rules run: ``select``/``ignore`` resolved as ruff does, the most specific selector winning.

A selector is ``ALL``, a code prefix (``Q``, ``Q10``) or a code (``Q102``); the longer it
is, the more specific. Within one layer of settings, selectors are applied from the least
to the most specific, and at equal specificity ``ignore`` after ``select``, so
``--select ALL --ignore Q`` drops the Q-rules, ``--ignore Q --select Q102`` keeps Q102,
and ``--select Q102 --ignore Q102`` drops it. Layers apply in order (the configuration
file, then the command line): a layer that sets ``select`` starts afresh, one that only
extends or ignores changes what the layers before it chose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from linter.errors import UsageError


@dataclass(frozen=True)
class Layer:
    """One source of settings; ``select=None`` keeps what the layers before chose."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()


def specificity(selector: str) -> int:
    """``ALL`` is the least specific; then the longer the prefix, the more specific."""
    return 0 if selector == "ALL" else len(selector)


def matches(selector: str, code: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def checked(selectors: Iterable[str], option: str, codes: Iterable[str]) -> tuple[str, ...]:
    """The selectors upper-cased; a usage error for any that matches no rule."""
    known = list(codes)
    cleaned = []
    for raw in selectors:
        selector = raw.strip().upper()
        if not any(matches(selector, code) for code in known):
            raise UsageError(
                f"{option}: '{raw}' matches no rule code; run 'claimlint rules' to list them"
            )
        cleaned.append(selector)
    return tuple(cleaned)


def enabled(codes: Iterable[str], layers: Iterable[Layer]) -> frozenset[str]:
    """The codes the layers leave selected (none given: every code)."""
    known = tuple(codes)
    chosen = set(known)
    for layer in layers:
        select = checked(layer.select or (), "select", known)
        ignore = checked(layer.ignore, "ignore", known)
        more = checked(layer.extend_select, "extend-select", known)
        less = checked(layer.extend_ignore, "extend-ignore", known)
        if layer.select is not None:
            chosen = set()
        # (specificity, 0 for select / 1 for ignore): sorted, the later decision stands.
        decisions = [(specificity(s), 0, s) for s in (*select, *more)]
        decisions += [(specificity(s), 1, s) for s in (*ignore, *less)]
        verdict: dict[str, bool] = {}
        for _, drop, selector in sorted(decisions):
            for code in known:
                if matches(selector, code):
                    verdict[code] = not drop
        chosen |= {c for c, keep in verdict.items() if keep}
        chosen -= {c for c, keep in verdict.items() if not keep}
    return frozenset(chosen)
