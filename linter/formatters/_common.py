"""What the formats share: paths, fingerprints and the source text shown.

CI systems key annotations by repository-relative path, and dedupe alerts by a
fingerprint; both must be computed one way for all three formats.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.diagnostics import Diagnostic

FINGERPRINT_KEY = "claimlint/v1"
MAX_SOURCE_CHARS = 240


def source_excerpt(text: str) -> str:
    """A source span on one line, cut to ``MAX_SOURCE_CHARS``: a finding shows its gist."""
    text = " ".join(text.split())
    if len(text) > MAX_SOURCE_CHARS:
        text = text[: MAX_SOURCE_CHARS - 1] + "…"
    return text


def repo_path(path: str, root: Path) -> str:
    """``path`` as a POSIX path relative to ``root`` (the checkout), when it is inside it."""
    if os.path.isabs(path):
        try:
            return Path(path).relative_to(root).as_posix()
        except ValueError:
            return path
    return path.removeprefix("./")


def identity(d: Diagnostic) -> str:
    """What makes a finding the same finding across runs, whatever its line.

    A claim's finding is its rule, its claim id and its cited source: editing
    other claims (moving this one) keeps it. A file-level finding has no claim,
    so its path and message stand in.
    """
    if d.claim is not None:
        return "\0".join((d.code, d.claim, d.cited or ""))
    return "\0".join((d.code, d.path, d.message))


def fingerprints(diagnostics: Iterable[Diagnostic]) -> Iterator[str]:
    """A stable sha256 per diagnostic; repeats of one identity get an occurrence number."""
    seen: dict[str, int] = {}
    for d in diagnostics:
        key = identity(d)
        count = seen.get(key, 0)
        seen[key] = count + 1
        if count:
            key = f"{key}\0{count}"
        yield hashlib.sha256(key.encode("utf-8")).hexdigest()
