"""Source documents: which files make up the corpus, and reading them safely.

A cited path is resolved against the registry's folder and must stay inside it
(S102); its text must be readable (S103): UTF-8 text, or a web page, PDF or Word
file whose text ``linter.extract`` extracts. Problems are recorded per cited
path so each claim citing a bad source is reported at its ``source`` value.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from linter.config import Config
from linter.extract import (
    EXTRACTOR_VERSION,
    FORMATS,
    Extracted,
    ExtractError,
    Note,
    Place,
    Reader,
    kind_of,
)
from linter.fsutil import open_regular
from linter.model import Registry

MAX_SOURCE_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = frozenset(FORMATS["text"])  # what plain-text tools such as discover read
SOURCE_SUFFIXES = frozenset(s for suffixes in FORMATS.values() for s in suffixes)


def _read_bytes(path: str, stamp: Stamp, digest: str, kind: str, repair: bool) -> bytes:
    """A source's bytes, read again from disk (for a text no longer in memory).

    The bytes must be the ones checked: same stamp and same content hash, so a
    file rewritten in place, even to its old size and modification time, is caught.
    """
    from linter.errors import UsageError

    try:
        with open_regular(path) as handle:
            if _stamp(os.fstat(handle.fileno())) != stamp:
                raise OSError("it changed")
            data = handle.read()
        if digest and _digest(data, kind, repair) != digest:
            raise OSError("its content changed")
        return data
    except OSError as exc:
        raise UsageError(
            f"source {path} changed or vanished while claimlint was checking it ({exc});"
            " run the check again"
        ) from exc


Stamp = tuple[int, int, int, int, int]


def _stamp(stat: os.stat_result) -> Stamp:
    """What tells a file changed without reading it: a write changes the change time
    (which, unlike the modification time, no one can set back), a replacement the inode."""
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev


def _digest(data: bytes, kind: str = "text", repair: bool = False) -> str:
    """The content hash verdicts are cached on: the bytes, and how they were read."""
    hasher = hashlib.blake2b(data, digest_size=16)
    if kind != "text" or repair:  # the text verdicts are cached on depends on how it was read
        hasher.update(f"\0{EXTRACTOR_VERSION}:{kind}:{int(repair)}".encode())
    return hasher.hexdigest()


@dataclass(slots=True)
class Document:
    """A source document: where it is, and its content hash; its text is read on use.

    A corpus of thousands of documents is not kept in memory twice: the matcher
    keeps the normalized texts it needs, and the original text is read again
    only for the few spans that are reported (a file changed in the meantime is
    caught by its stamp and content hash).
    """

    key: str  # path relative to the registry's folder, POSIX style
    display: str  # how diagnostics name it
    path: str  # absolute path of the file
    stamp: Stamp  # size, times and inode when it was checked
    digest: str = ""  # content hash of the file's bytes (for the verdict cache)
    kind: str = "text"  # the format read (linter.extract.FORMATS)
    repair: bool = False  # legacy encodings and mojibake repaired (repair-encoding)
    notes: tuple[Note, ...] = ()  # what reading it did or found (S104)
    reader: Reader = field(default_factory=lambda: Reader(False), repr=False, compare=False)

    def extracted(self) -> Extracted:
        """The quotable text with its location map (from memory, the cache, or the file)."""
        return self.reader.read(
            self.digest,
            self.kind,
            self.repair,
            lambda: _read_bytes(self.path, self.stamp, self.digest, self.kind, self.repair),
        )

    @property
    def text(self) -> str:
        return self.extracted().text

    def place(self, offset: int) -> Place:
        """Where a character offset of the text is, in the file's own terms."""
        return self.extracted().place(offset)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset (line on the page in a PDF)."""
        place = self.place(offset)
        return place.line, place.column


@dataclass(frozen=True, slots=True)
class SourceProblem:
    code: str  # S101 | S102 | S103
    message: str


@dataclass(slots=True)
class Corpus:
    documents: dict[str, Document] = field(default_factory=dict)
    problems: dict[str, SourceProblem] = field(default_factory=dict)  # keyed by path as cited
    keys: dict[str, str] = field(default_factory=dict)  # path as cited -> document key

    def cited(self, source: str) -> Document | None:
        key = self.keys.get(source)
        return self.documents.get(key) if key else None

    def texts(self) -> Mapping[str, str]:
        """Every document's text by key, decoded only when asked for."""
        return _Texts(self.documents)


class _Texts(Mapping[str, str]):
    def __init__(self, documents: dict[str, Document]) -> None:
        self._documents = documents

    def __getitem__(self, key: str) -> str:
        return self._documents[key].text

    def __iter__(self) -> Iterator[str]:
        return iter(self._documents)

    def __len__(self) -> int:
        return len(self._documents)

    def __contains__(self, key: object) -> bool:
        return key in self._documents


def resolve(
    root: Path, cited: str, real_root: Path | None = None
) -> tuple[Path | None, str | None, SourceProblem | None]:
    """Resolve a cited path inside ``root``: (path, key, problem).

    ``real_root`` is ``root.resolve()``, passed in when resolving many paths.
    """
    if "\0" in cited:
        return (
            None,
            None,
            SourceProblem(
                "S101", "the source path holds a NUL character, which no file name can; remove it"
            ),
        )
    pure = PurePosixPath(cited.replace("\\", "/"))
    if pure.is_absolute() or (len(cited) > 1 and cited[1] == ":"):
        return (
            None,
            None,
            SourceProblem(
                "S102",
                f"source '{cited}' is an absolute path; cite it relative to the registry's folder",
            ),
        )
    if ".." in pure.parts:
        return (
            None,
            None,
            SourceProblem(
                "S102", f"source '{cited}' climbs out of the registry's folder with '..'"
            ),
        )
    path = root.joinpath(*pure.parts)
    try:
        real = path.resolve(strict=False)
        real_root = real_root or root.resolve()
        exists, is_file = path.exists(), path.is_file()
    except (OSError, RuntimeError, ValueError) as exc:  # symlink loops, names too long
        return None, None, SourceProblem("S103", f"source '{cited}' cannot be resolved: {exc}")
    if not real.is_relative_to(real_root):
        return (
            None,
            None,
            SourceProblem(
                "S102",
                f"source '{cited}' is a symbolic link leading out of the registry's folder"
                f" (to {real});"
                " copy the document into the repository",
            ),
        )
    key = real.relative_to(real_root).as_posix()
    if not exists:
        return (
            None,
            key,
            SourceProblem(
                "S101",
                f"source '{cited}' does not exist; check the path (relative to {root_name(root)})",
            ),
        )
    if not is_file:
        return None, key, SourceProblem("S103", f"source '{cited}' is not a regular file")
    return path, key, None


def root_name(root: Path) -> str:
    return display_path(root) + "/" if display_path(root) != "." else "the registry's folder"


def display_path(path: Path, cwd: Path | None = None) -> str:
    """A path relative to the working directory when it is under it, else absolute."""
    cwd = cwd or Path.cwd()
    try:
        return (
            Path(os.path.relpath(path, cwd)).as_posix() if path.is_relative_to(cwd) else str(path)
        )
    except ValueError:
        return str(path)


def read_document(
    path: Path, key: str, reader: Reader | None = None, repair: bool = False
) -> tuple[Document | None, SourceProblem | None]:
    """A source document, its text extracted (linter.extract), or why it cannot be read."""
    try:
        with open_regular(path) as handle:
            stat = os.fstat(handle.fileno())
            if stat.st_size > MAX_SOURCE_BYTES:
                return None, SourceProblem(
                    "S103",
                    f"source '{key}' is {stat.st_size} bytes,"
                    f" over the {MAX_SOURCE_BYTES} byte limit",
                )
            data = handle.read()
    except (OSError, ValueError) as exc:
        return None, SourceProblem("S103", f"source '{key}' cannot be read: {exc.strerror or exc}")
    reader = reader or Reader(False)
    kind = kind_of(path.suffix)
    digest = _digest(data, kind, repair)
    try:
        extracted = reader.read(digest, kind, repair, data)
    except ExtractError as exc:
        return None, SourceProblem("S103", f"source '{key}' is unreadable: {exc}")
    absolute = path.absolute()
    return Document(
        key=key,
        display=display_path(absolute),
        path=str(absolute),
        stamp=_stamp(stat),
        digest=digest,
        kind=kind,
        repair=repair,
        notes=extracted.notes,
        reader=reader,
    ), None


def corpus_files(
    root: Path, cited_dirs: set[Path], config: Config, known: set[Path]
) -> list[tuple[Path, str]]:
    """Uncited documents that still belong to the corpus (for misattribution).

    ``known`` are the cited paths already read, skipped without resolving them again.
    """
    found: dict[str, Path] = {}
    real_root = root.resolve()
    candidates: list[Path] = []
    suffixes = {s for name in config.corpus_formats for s in FORMATS.get(name, ())}
    if config.corpus_siblings:
        for folder in sorted(cited_dirs):
            with contextlib.suppress(OSError):  # an unreadable folder adds nothing
                candidates.extend(p for p in folder.iterdir() if p.suffix.lower() in suffixes)
    for pattern in config.corpus:
        candidates.extend(_glob(root, pattern))
    for path in candidates:
        if path in known:
            continue
        try:
            real = path.resolve()
            if not (real.is_file() and real.is_relative_to(real_root)):
                continue
        except (OSError, RuntimeError, ValueError):
            continue
        found.setdefault(real.relative_to(real_root).as_posix(), path)
    return sorted(((p, k) for k, p in found.items()), key=lambda item: item[1])


def _glob(root: Path, pattern: str) -> list[Path]:
    """``root.glob(pattern)`` for a pattern ``config.corpus_glob`` accepted; a usage error
    rather than a traceback for one pathlib still refuses."""
    from linter.errors import UsageError

    try:
        return list(root.glob(pattern))
    except (ValueError, NotImplementedError, IndexError, AttributeError) as exc:
        raise UsageError(
            f"corpus glob '{pattern}' is not a pattern claimlint can use ({exc});"
            " write one such as 'archive/**/*.txt'"
        ) from None
    except OSError as exc:
        raise UsageError(f"corpus glob '{pattern}': {exc.strerror or exc}") from None


def load_corpus(
    registry: Registry, config: Config, on_read: Callable[[int], None] | None = None
) -> Corpus:
    """Read every cited source, then the rest of the corpus; never raises for bad sources.

    ``on_read`` is told the number of documents read so far (for progress).
    """
    corpus = Corpus()
    reader = Reader(config.cache)
    repair = config.repair_encoding
    tell = on_read or (lambda _count: None)
    root = registry.root
    cited_dirs: set[Path] = set()
    read: set[Path] = set()
    real_root = root.resolve()
    for cited in dict.fromkeys(claim.source for claim in registry.claims):
        path, key, problem = resolve(root, cited, real_root)
        if problem is None and path is not None and key is not None:
            if key not in corpus.documents:
                doc, problem = read_document(path, key, reader, repair)
                if doc is not None:
                    corpus.documents[key] = doc
                    tell(len(corpus.documents))
            cited_dirs.add(path.parent)
            read.add(path)
        if problem is not None:
            corpus.problems[cited] = problem
        elif key is not None:
            corpus.keys[cited] = key
    for path, key in corpus_files(root, cited_dirs, config, read):
        if key in corpus.documents:
            continue
        doc, problem = read_document(path, key, reader, repair)
        if doc is not None:  # an unreadable uncited file is simply not part of the corpus
            corpus.documents[key] = doc
            tell(len(corpus.documents))
    reader.close()  # reopened if a text must be extracted again
    return corpus
