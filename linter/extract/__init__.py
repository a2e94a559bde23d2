"""The quotable text of a source file, whatever its format, with a map back to the file.

Fact-checkers cite web pages, PDFs and Word files as often as plain text. Each
format has one small module that turns the file's bytes into an ``Extracted``:
the text a reader sees (no markup, scripts, navigation or hidden text) and the
anchors that locate any of its characters in the terms a reader can use (line
and column in an HTML file, page and line in a PDF, paragraph in a Word file).
Every rule, ``--fix`` and the report work on that text.

Extraction is cached by content hash in the verdict cache's database, so a
repeat run extracts nothing. A format whose library is missing, or a file that
cannot be read, raises ``ExtractError`` with a message naming the fix.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from linter.diagnostics import line_column

# Bump when any extractor's output changes: it is part of every cache key.
EXTRACTOR_VERSION = "2"

# Format name (as ``corpus-formats`` writes it) -> the file suffixes it covers.
FORMATS: dict[str, tuple[str, ...]] = {
    "text": (".txt", ".md", ".text"),
    "html": (".html", ".htm", ".xhtml"),
    "pdf": (".pdf",),
    "docx": (".docx",),
}
DEFAULT_FORMATS = tuple(FORMATS)
_INDEX_LINES_FROM = 65_536  # characters of a text whose line breaks are indexed when located
# The optional extra (pip install 'claimlint-citations[EXTRA]') each library comes from.
EXTRAS = {"pypdfium2": "pdf", "docx": "docx", "ftfy": "encodings"}


class ExtractError(Exception):
    """Why a file's text cannot be had; the message says how to fix it."""


@dataclass(frozen=True, slots=True)
class Note:
    """Something the reader did to the text that the user must know (a repair, mojibake)."""

    severity: str  # "info" | "warning"
    message: str
    # The text is not what it will be once an optional library is installed (mojibake left
    # unrepaired without ftfy): neither it nor verdicts on it may be cached for later runs.
    partial: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    """Where a character of the extracted text is, in the file's own terms."""

    line: int  # line in the file (text, HTML), line on the page (PDF), paragraph (Word)
    column: int
    label: str = ""  # "page 2, line 3, column 5" when line:column alone would mislead
    page: int | None = None  # PDF
    paragraph: int | None = None  # Word

    def where(self, path: str) -> str:
        return f"{path} ({self.label})" if self.label else f"{path}:{self.line}:{self.column}"

    def located(self) -> dict[str, Any]:
        """The page, paragraph and label, as ``Location`` and ``SourceSpan`` keyword arguments."""
        return {"page": self.page, "paragraph": self.paragraph, "place": self.label}


@dataclass(slots=True)
class Extracted:
    """A file's quotable text and the anchors that locate it.

    ``anchors`` are ``(offset, a, b)`` sorted by offset: the character at
    ``offset`` is at line ``a``, column ``b`` of the file (``kind`` "text" or
    "html"), on page ``a``, line ``b`` (``kind`` "pdf"), or opens paragraph
    ``a`` (``kind`` "docx"). Text with no anchors is located by counting lines.
    """

    text: str
    kind: str = "text"
    anchors: list[tuple[int, int, int]] = field(default_factory=list)
    notes: tuple[Note, ...] = ()
    # Where the lines break, for a long text located more than once (built on first use).
    _breaks: list[int] | None = field(default=None, repr=False, compare=False)

    @property
    def partial(self) -> bool:
        """Whether a missing library left the text short of what it should be (``Note.partial``)."""
        return any(note.partial for note in self.notes)

    def place(self, offset: int) -> Place:
        if not self.anchors:
            return Place(*self._line_column(0, offset, 1, 1))
        i = max(bisect_right(self.anchors, (offset, 1 << 62, 0)) - 1, 0)
        start, a, b = self.anchors[i]
        column = offset - start + 1
        if self.kind == "pdf":
            return Place(b, column, f"page {a}, line {b}, column {column}", page=a)
        if self.kind == "docx":
            return Place(a, column, f"paragraph {a}, column {column}", paragraph=a)
        return Place(*self._line_column(start, max(offset, start), a, b))

    def _line_column(self, start: int, offset: int, line: int, column: int) -> tuple[int, int]:
        """``line_column`` on this text; in a long one, by bisecting its line breaks
        (counting them from the start costs a scan of the text per reported span)."""
        text = self.text
        if len(text) < _INDEX_LINES_FROM:
            return line_column(text, offset, start, line, column)
        if self._breaks is None:
            self._breaks = [m.start() for m in re.finditer("\n", text)]
        below = bisect_left(self._breaks, offset)
        breaks = below - bisect_left(self._breaks, start)
        if not breaks:
            return line, column + offset - start
        return line + breaks, offset - self._breaks[below - 1]

    def to_json(self) -> str:
        return json.dumps(
            {
                "text": self.text,
                "kind": self.kind,
                "anchors": self.anchors,
                "notes": [[n.severity, n.message] for n in self.notes],
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, raw: str) -> Extracted | None:
        try:
            data = json.loads(raw)
            return cls(
                text=str(data["text"]),
                kind=str(data["kind"]),
                anchors=[(int(o), int(a), int(b)) for o, a, b in data["anchors"]],
                notes=tuple(Note(str(s), str(m)) for s, m in data["notes"]),
            )
        except (ValueError, TypeError, KeyError):
            return None


_KINDS: dict[str, str] = {}  # suffix -> the first format naming it
for _kind, _suffixes in FORMATS.items():
    for _suffix in _suffixes:
        _KINDS.setdefault(_suffix, _kind)


def kind_of(suffix: str) -> str:
    """The format a file suffix names; anything unknown is read as text."""
    return _KINDS.get(suffix.lower(), "text")


def extract(data: bytes, kind: str, *, repair: bool = False) -> Extracted:
    """The quotable text of a file's bytes (raises ``ExtractError``)."""
    if kind == "html":
        from linter.extract.html import extract_html

        return extract_html(data, repair=repair)
    if kind == "pdf":
        from linter.extract.pdf import extract_pdf

        return extract_pdf(data)
    if kind == "docx":
        from linter.extract.docx import extract_docx

        return extract_docx(data)
    from linter.extract.text import decode

    text, notes = decode(data, repair=repair)
    return Extracted(text, "text", [], notes)


def require(module: str, task: str) -> Any:
    """Import an optional library, or say which extra installs it (``task``: "reading PDFs")."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        extra = EXTRAS.get(module.split(".")[0], module)
        raise ExtractError(
            f"{task} needs the optional '{extra}' extra: pip install 'claimlint-citations[{extra}]'"
        ) from exc


class Reader:
    """Extraction with two caches: recent results in memory, all results in the store.

    The store is the verdict cache's SQLite database, keyed by the file's
    content hash, the format, the repair setting and ``EXTRACTOR_VERSION``; it
    is opened on first need and only when caching is on.
    """

    MEMORY = 128

    def __init__(self, use_store: bool) -> None:
        self.use_store = use_store
        self._store: Any = None
        self._memory: OrderedDict[str, Extracted] = OrderedDict()
        self.extracted = 0  # files actually extracted (not found in a cache)

    def read(
        self, digest: str, kind: str, repair: bool, data: Callable[[], bytes] | bytes
    ) -> Extracted:
        """The extraction of a file's bytes (``data``, or a function reading them).

        A plain text whose bytes are in hand (a corpus being loaded) is not
        remembered: it is read again on use, so that thousands of documents are
        not all held; an extracted one is (extracting it again costs more).
        """
        key = f"{EXTRACTOR_VERSION}:{kind}:{int(repair)}:{digest}"
        found = self._memory.get(key)
        if found is None and kind != "text" and self.use_store:
            raw = self._open().get_extract(key) if self._open() else None
            found = Extracted.from_json(raw) if raw else None
        if found is None:
            found = extract(data if isinstance(data, bytes) else data(), kind, repair=repair)
            self.extracted += 1
            if kind != "text" and not found.partial and self._open() is not None:
                self._store.put_extract(key, found.to_json())
        if kind == "text" and isinstance(data, bytes):
            return found
        self._memory[key] = found
        self._memory.move_to_end(key)
        while len(self._memory) > self.MEMORY:
            self._memory.popitem(last=False)
        return found

    def _open(self) -> Any:
        if self._store is None and self.use_store:
            from linter.cache import VerdictCache, cache_folder

            self._store = VerdictCache(cache_folder())
        return self._store if self.use_store else None

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
