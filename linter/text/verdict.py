"""What verifying a quote concludes: its outcome, where it was found, and why.

The rules, the cache and the report read these; how a verdict is reached lives
in ``verify.py`` (the matcher), ``candidates.py`` and ``judge.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Outcome", "Span", "Verdict"]


class Outcome(StrEnum):
    VERBATIM = "verbatim"
    INEXACT = "inexact"
    MEANING_CHANGED = "meaning-changed"
    MISATTRIBUTED = "misattributed"
    NOT_FOUND = "not-found"


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets in the original (not normalized) text of ``doc``."""

    doc: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Verdict:
    outcome: Outcome
    span: Span | None = None
    score: float | None = None
    diff: str | None = None
    changes: tuple[str, ...] = ()
    holders: tuple[str, ...] = ()
    suspects: tuple[str, ...] = ()
