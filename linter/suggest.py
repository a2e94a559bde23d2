"""'Did you mean ...?': the one way claimlint guesses what a typo meant."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice a typo most likely meant (case-insensitively), if any is close."""
    by_lower = {choice.lower(): choice for choice in choices}
    # A transposition ('Q120' for 'Q102') beats difflib's ties between equal scores.
    swapped = [c for c in by_lower if sorted(c) == sorted(word.lower()) and c != word.lower()]
    if len(swapped) == 1:
        return by_lower[swapped[0]]
    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[close[0]] if close else None
