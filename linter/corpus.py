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
import time
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


def _digest(data: bytes, kind: str = "text", repair: bool = False, partial: bool = False) -> str:
    """The content hash verdicts are cached on: the bytes, and how they were read.

    A ``partial`` text (a repair's library missing) gets a hash of its own, so
    verdicts on it are never taken for those on the text once the library is in.
    """
    hasher = hashlib.blake2b(data, digest_size=16)
    if kind != "text" or repair:  # the text verdicts are cached on depends on how it was read
        hasher.update(f"\0{EXTRACTOR_VERSION}:{kind}:{int(repair)}".encode())
    if partial:
        hasher.update(b"\0partial")
    return hasher.hexdigest()


@dataclass(slots=True)
class Document:
    """A source document: where it is, and its content hash; its text is read on use.

    A document read when the corpus was loaded keeps its text (each file is read
    once a run); one trusted by its signature (``load_corpus``) is read only if
    its text is needed, and then checked against its stamp and content hash, so
    a file changed in the meantime is caught.
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
    # The text as read when the corpus was loaded, so that a file is read once a run.
    kept: Extracted | None = field(default=None, repr=False, compare=False)

    def extracted(self) -> Extracted:
        """The quotable text with its location map (from memory, the cache, or the file)."""
        if self.kept is not None:
            return self.kept
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
    path: Path | str, key: str, reader: Reader | None = None, repair: bool = False
) -> tuple[Document | None, SourceProblem | None]:
    """A source document, its text extracted (linter.extract), or why it cannot be read.

    ``path`` may be a plain absolute string (the corpus loader's, from a folder
    listing): no ``pathlib`` object is then made for it.
    """
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
    absolute = _absolute(path)
    reader = reader or Reader(False)
    kind = kind_of(os.path.splitext(path)[1])
    digest = _digest(data, kind, repair)
    try:
        extracted = reader.read(digest, kind, repair, data)
    except ExtractError as exc:
        return None, SourceProblem("S103", f"source '{key}' is unreadable: {exc}")
    if extracted.partial:  # kept in memory (``kept``), so never read again by this hash
        digest = _digest(data, kind, repair, partial=True)
    return Document(
        key=key,
        display=_display(absolute, os.getcwd()),
        path=absolute,
        stamp=_stamp(stat),
        digest=digest,
        kind=kind,
        repair=repair,
        notes=extracted.notes,
        reader=reader,
        kept=extracted,
    ), None


def _absolute(path: Path | str) -> str:
    """``path`` absolute, spelled as ``pathlib`` spells it (without making a ``Path``
    for a plain absolute POSIX path, which it leaves as it is)."""
    plain = isinstance(path, str) and os.sep == "/" and path.startswith("/")
    if plain and "//" not in path and "/./" not in path and not path.endswith(("/", "/.")):
        return path  # type: ignore[return-value]
    path = Path(path)
    return str(path) if path.is_absolute() else os.path.join(os.getcwd(), path)


def corpus_files(
    root: Path, cited_dirs: set[Path], config: Config, known: set[Path]
) -> list[tuple[Path, str]]:
    """Uncited documents that still belong to the corpus (for misattribution).

    ``known`` are the cited paths already read, skipped without resolving them again.
    """
    folders = _Folders(root)
    skip = {str(p) for p in known}
    return [
        (Path(path), key)
        for path, key, _ in _uncited(folders, {str(d) for d in cited_dirs}, config)
        if path not in skip
    ]


class _Folders:
    """Each folder of the corpus listed once (``os.scandir``) and resolved once.

    A corpus of thousands of files in a few folders costs one ``scandir`` per
    folder and one ``lstat`` per file, instead of a ``pathlib`` resolution (a
    dozen system calls and objects) per file.
    """

    def __init__(self, root: Path) -> None:
        self.root = str(root)
        self.real_root = os.path.realpath(root)
        self._real: dict[str, str | None] = {}
        self._entries: dict[str, dict[str, os.DirEntry]] = {}

    def real(self, folder: str) -> str | None:
        if folder not in self._real:
            try:
                self._real[folder] = os.path.realpath(folder, strict=True)
            except (OSError, ValueError):
                self._real[folder] = None
        return self._real[folder]

    def entries(self, folder: str) -> dict[str, os.DirEntry]:
        found = self._entries.get(folder)
        if found is None:
            found = {}
            with contextlib.suppress(OSError, ValueError), os.scandir(folder) as listing:
                found = {entry.name: entry for entry in listing}
            self._entries[folder] = found
        return found

    def key(self, folder: str, name: str) -> str | None:
        """The key of plain file ``name`` in ``folder``, None when it lies outside the root."""
        real = self.real(folder)
        if real is None:
            return None
        if real == self.real_root:
            return name
        if not real.startswith(self.real_root.rstrip(os.sep) + os.sep):
            return None
        return real[len(self.real_root.rstrip(os.sep)) + 1 :].replace(os.sep, "/") + "/" + name

    def plain(self, folder: str, name: str) -> os.DirEntry | None:
        """The entry of ``name`` in ``folder`` if it is a regular file, not a link."""
        entry = self.entries(folder).get(name)
        if entry is None:
            return None
        try:
            return entry if entry.is_file(follow_symlinks=False) else None
        except OSError:
            return None


def _quick(folders: _Folders, cited: str) -> tuple[str, str, os.DirEntry] | None:
    """(path, key, entry) of a cited path that is plainly a file inside the root.

    Anything else (links, odd names, missing files) returns None and is left to
    ``resolve``, which says what is wrong.
    """
    if not cited or "\\" in cited or "\0" in cited or cited[0] == "/" or cited[1:2] == ":":
        return None
    *parents, name = cited.split("/")
    if any(part in ("", ".", "..") for part in (*parents, name)):
        return None
    folder = os.path.join(folders.root, *parents)
    entry = folders.plain(folder, name)
    key = folders.key(folder, name) if entry is not None else None
    return None if key is None or entry is None else (entry.path, key, entry)


def _uncited(
    folders: _Folders, cited_dirs: set[str], config: Config
) -> list[tuple[str, str, os.DirEntry | None]]:
    """(path, key, entry or None) of every file beside a cited one or matched by a glob."""
    found: dict[str, tuple[str, os.DirEntry | None]] = {}
    suffixes = {s for name in config.corpus_formats for s in FORMATS.get(name, ())}
    links: list[Path] = []
    if config.corpus_siblings:
        for folder in sorted(cited_dirs):
            for name, entry in folders.entries(folder).items():
                if os.path.splitext(name)[1].lower() not in suffixes:
                    continue
                plain = folders.plain(folder, name)
                key = folders.key(folder, name) if plain is not None else None
                if key is not None:
                    found.setdefault(key, (entry.path, entry))
                else:  # a link, or something odd: resolved the slow way
                    links.append(Path(entry.path))
    for pattern in config.corpus:
        links.extend(_glob(Path(folders.root), pattern))
    real_root = Path(folders.real_root)
    for path in links:
        try:
            real = path.resolve()
            if not (real.is_file() and real.is_relative_to(real_root)):
                continue
        except (OSError, RuntimeError, ValueError):
            continue
        found.setdefault(real.relative_to(real_root).as_posix(), (str(path), None))
    return sorted(((p, k, e) for k, (p, e) in found.items()), key=lambda item: item[1])


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

    A file whose signature (size, times, inode) is the one recorded when it was
    last read is not read again: its content hash and notes come from the cache
    (``linter.cache.FileRecords``). ``on_read`` is told the number of documents
    read so far (for progress).
    """
    started = time.time_ns()  # before any file is looked at (the racy-timestamp rule)
    corpus = Corpus()
    reader = Reader(config.cache)
    repair = config.repair_encoding
    tell = on_read or (lambda _count: None)
    root = registry.root
    folders = _Folders(root)
    cited_dirs: set[str] = set()
    wanted: list[tuple[str, str, os.DirEntry | None, str | None]] = []  # path, key, entry, cited
    slow: dict[str, Path] = {}
    real_root = Path(folders.real_root)
    for cited in dict.fromkeys(claim.source for claim in registry.claims):
        quick = _quick(folders, cited)
        if quick is not None:
            path, key, entry = quick
            cited_dirs.add(os.path.dirname(path))
            wanted.append((path, key, entry, cited))
            continue
        found, key, problem = resolve(root, cited, real_root)
        if problem is None and found is not None and key is not None:
            cited_dirs.add(str(found.parent))
            wanted.append((str(found), key, None, cited))
            slow[str(found)] = found
        elif problem is not None:
            corpus.problems[cited] = problem
    wanted += [(p, k, e, None) for p, k, e in _uncited(folders, cited_dirs, config)]
    records = _records(config.cache)
    known = records.get([p for p, *_ in wanted]) if records else {}
    cwd = os.getcwd()
    fresh = []
    for path, key, entry, cited in wanted:
        if key in corpus.documents:
            if cited is not None:
                corpus.keys[cited] = key
            continue
        doc, problem = None, None
        record = known.get(path)
        if record is not None:
            doc = _trusted(path, key, entry, record, repair, reader, cwd)
        if doc is None:
            doc, problem = read_document(slow.get(path) or path, key, reader, repair)
            if doc is not None and records is not None:
                fresh.append(doc)
        if doc is not None:
            corpus.documents[key] = doc
            tell(len(corpus.documents))
        if cited is not None:
            if problem is not None:  # an unreadable uncited file is simply not in the corpus
                corpus.problems[cited] = problem
            else:
                corpus.keys[cited] = key
    if records is not None:
        records.put(fresh, started)
        records.close()
    reader.close()  # reopened if a text must be extracted again
    return corpus


def _records(enabled: bool):  # -> FileRecords | None (imported late: sqlite3 costs start-up)
    if not enabled:
        return None
    from linter.cache import FileRecords, cache_folder

    return FileRecords(cache_folder())


def _trusted(
    path: str,
    key: str,
    entry: os.DirEntry | None,
    record: tuple[Stamp, str, str, bool, tuple[Note, ...]],
    repair: bool,
    reader: Reader,
    cwd: str,
) -> Document | None:
    """The document as recorded, if the file's signature is still the recorded one."""
    stamp, digest, kind, repaired, notes = record
    try:
        now = _stamp(entry.stat(follow_symlinks=False) if entry is not None else os.stat(path))
    except OSError:
        return None
    if now != stamp or repaired != repair or kind != kind_of(os.path.splitext(path)[1]):
        return None
    return Document(
        key=key,
        display=_display(path, cwd),
        path=path,
        stamp=stamp,
        digest=digest,
        kind=kind,
        repair=repair,
        notes=notes,
        reader=reader,
    )


def _display(path: str, cwd: str) -> str:
    """``display_path`` for an absolute path, without pathlib for the usual case."""
    if path.startswith(cwd.rstrip(os.sep) + os.sep) and f"{os.sep}." not in path:
        return path[len(cwd.rstrip(os.sep)) + 1 :].replace(os.sep, "/")
    return display_path(Path(path), Path(cwd))
