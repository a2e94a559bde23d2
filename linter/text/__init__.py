"""Quote verification: normalization, numbers and negations, and the verdict.

``QuoteMatcher(documents).verify_many([(quote, cited_path), ...])`` is the entry
point; everything here is pure (documents arrive as ``{path: text}``). Names are
imported lazily, so ``linter.text.numbers`` alone does not load rapidfuzz.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "NormalizedDocument": "normalize",
    "normalize": "normalize",
    "normalize_text": "normalize",
    "NegationToken": "numbers",
    "NumberToken": "numbers",
    "find_negations": "numbers",
    "find_numbers": "numbers",
    "parse_number": "numbers",
    "parse_number_words": "numbers",
    "Outcome": "verdict",
    "QuoteMatcher": "verify",
    "Span": "verdict",
    "Verdict": "verdict",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
