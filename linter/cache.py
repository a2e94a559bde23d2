"""A cache of verdicts, so a repeat run with nothing changed does almost no work.

Keys are content hashes, so the cache is never stale. A verdict is keyed by the
quote, the cited document's content hash and the settings. One found where
cited depends on nothing else; any other (misattributed, not found, inexact)
was judged against the rest of the corpus, so its row also records the corpus
it was made in (a fingerprint, whose snapshot of document -> content hash is
kept) and the words its vote read with their counts. When the corpus has
changed since, the verdict is kept unless an edited document's old or new text
could change it (``linter.text.dependence``); the old texts come from a
content-addressed store of texts. Values are JSON,
never pickle: a cache file can come from anywhere (a cloned repository), and
unpickling it could run code. A corrupt file, or one written by another
version, is discarded and rebuilt; any database error just means no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import zlib
from array import array
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from linter import __version__
from linter.diagnostics import SourceSpan
from linter.errors import UsageError
from linter.text.dependence import Words, tokens_of, words_of
from linter.text.verdict import Outcome, Span, Verdict

# 2: each row carries a checksum (``_sealed``); 3: extracted texts; 4: file records;
# 5: verdicts record their corpus and words; corpus snapshots, prepared documents, places.
SCHEMA = 5
_TABLE = "(key TEXT PRIMARY KEY, value TEXT NOT NULL)"


def corpus_fingerprint(hashes: Mapping[str, str]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for key in sorted(hashes):
        digest.update(f"{key}\0{hashes[key]}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def verdict_key(quote: str, cited: str, scope: str, threshold: float) -> str:
    """``scope`` is the cited document's content hash."""
    payload = f"{__version__}\0{threshold!r}\0{cited}\0{scope}\0{quote}"
    return hashlib.blake2b(payload.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def place_key(digest: str, start: int, end: int) -> str:
    """A span of a document's text by content hash (how it was read is in the hash)."""
    return f"{digest}:{start}:{end}"


def encode(verdict: Verdict) -> str:
    span = verdict.span
    return json.dumps(
        [
            verdict.outcome.value,
            [span.doc, span.start, span.end] if span else None,
            verdict.score,
            verdict.diff,
            list(verdict.changes),
            list(verdict.holders),
            list(verdict.suspects),
        ],
        # ASCII: a lone surrogate (bytes that were not UTF-8) cannot be stored as text.
        ensure_ascii=True,
    )


def decode(raw: str) -> Verdict | None:
    try:
        outcome, span, score, diff, changes, holders, suspects = json.loads(raw)
        return Verdict(
            outcome=Outcome(outcome),
            span=Span(str(span[0]), int(span[1]), int(span[2])) if span else None,
            score=float(score) if score is not None else None,
            diff=diff if isinstance(diff, str) else None,
            changes=tuple(map(str, changes)),
            holders=tuple(map(str, holders)),
            suspects=tuple(map(str, suspects)),
        )
    except (ValueError, TypeError, IndexError, KeyError, OverflowError, RecursionError):
        return None  # malformed, deeply nested, or numbers out of range: not a verdict


def encode_entry(verdict: Verdict, corpus: str = "", words: Words | None = None) -> str:
    """A verdict's row: the verdict, and for one judged against the corpus, the corpus'
    fingerprint and the words its vote read (``linter.text.dependence``)."""
    record = words.to_json() if words is not None else None
    return json.dumps([encode(verdict), corpus, record], ensure_ascii=True)


def decode_entry(raw: str) -> tuple[Verdict, str, Words | None] | None:
    try:
        encoded, corpus, record = json.loads(raw)
        verdict = decode(encoded) if isinstance(encoded, str) else None
        words = Words.from_json(record) if record is not None else None
    except (ValueError, TypeError, OverflowError, RecursionError):
        return None
    if verdict is None or not isinstance(corpus, str):
        return None
    return verdict, corpus, words


_ONE_BY_ONE = 32  # prepared documents read one by one before all the rest at once
_SNAPSHOTS = 8  # corpus snapshots kept: edits are compared with the corpus of a verdict


def _normalizer() -> str:
    """What prepared documents were made by: the normalizing code itself, hashed."""
    from linter.text import normalize

    try:
        with open(normalize.__file__, "rb") as handle:
            return hashlib.blake2b(handle.read(), digest_size=8).hexdigest()
    except OSError:
        return __version__


_NORMALIZER: list[str] = []


def _prepared_key(digest: str) -> str:
    if not _NORMALIZER:
        _NORMALIZER.append(_normalizer())
    return f"{digest}:{_NORMALIZER[0]}"


def _packed(key: str, state: tuple) -> bytes:
    """A prepared document (``NormalizedDocument.state()``: its normalized text and three
    offset arrays), compressed, after a checksum over key and content (as ``_sealed``)."""
    text, *arrays = state
    body = b"".join(len(a.tobytes()).to_bytes(8, "little") for a in arrays)
    body += b"".join(a.tobytes() for a in arrays)
    body += zlib.compress(text.encode("utf-8", "surrogatepass"), 1)
    check = hashlib.blake2b(key.encode() + b"\0" + body, digest_size=16).digest()
    return check + body


def _unpacked(key: str, raw: object) -> tuple | None:
    """The state ``_packed`` stored, None when damaged."""
    if not isinstance(raw, bytes) or len(raw) < 40:
        return None
    body = raw[16:]
    if hashlib.blake2b(key.encode() + b"\0" + body, digest_size=16).digest() != raw[:16]:
        return None
    try:
        sizes = [int.from_bytes(body[i : i + 8], "little") for i in (0, 8, 16)]
        at, arrays = 24, []
        for size in sizes:
            found = array("q")
            found.frombytes(body[at : at + size])
            arrays.append(found)
            at += size
        text = zlib.decompress(body[at:]).decode("utf-8", "surrogatepass")
    except (ValueError, zlib.error):
        return None
    return (text, *arrays)


def _check(key: str, value: str) -> str:
    payload = f"{key}\0{value}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(payload, digest_size=16).hexdigest()


def _sealed(key: str, value: str) -> str:
    """A row's value with a checksum over key and value in front: a bit flip, a torn
    write or a row copied under another key is caught on reading, and recomputed."""
    return f"{_check(key, value)}:{value}"


def _opened(key: str, raw: object) -> str:
    """The value of a sealed row, or "" (no verdict) when the checksum does not hold."""
    if not isinstance(key, str) or not isinstance(raw, str):
        return ""
    check, _, value = raw.partition(":")
    return value if check == _check(key, value) else ""


def _stored(key: str) -> str:
    """A key as SQLite can hold it: a path that was not UTF-8 (its bytes kept as lone
    surrogates) cannot be bound as text, so it is stored as NUL and its bytes in hex,
    which no path can clash with (a path holds no NUL)."""
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        return "\0" + key.encode("utf-8", "surrogatepass").hex()
    return key


class VerdictCache:
    """SQLite store of encoded verdicts. Every failure degrades to "not cached"."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "verdicts.sqlite3"
        self._db: sqlite3.Connection | None = None
        with contextlib.suppress(OSError, sqlite3.Error):
            self._db = self._open()

    def _open(self) -> sqlite3.Connection | None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                db = sqlite3.connect(self.path, timeout=2.0)
                db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
                row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                if row is None or row[0] != f"{SCHEMA}:{__version__}":
                    db.execute("DROP TABLE IF EXISTS verdicts")
                    db.execute("DROP TABLE IF EXISTS extracts")
                    db.execute("DROP TABLE IF EXISTS files")
                    db.execute("DROP TABLE IF EXISTS corpora")
                    db.execute("DROP TABLE IF EXISTS texts")
                    db.execute("DROP TABLE IF EXISTS places")
                    db.execute(f"CREATE TABLE verdicts {_TABLE}")
                    db.execute(
                        "INSERT OR REPLACE INTO meta VALUES ('schema', ?)",
                        (f"{SCHEMA}:{__version__}",),
                    )
                    db.commit()
                db.execute(f"CREATE TABLE IF NOT EXISTS extracts {_TABLE}")
                db.execute(f"CREATE TABLE IF NOT EXISTS files {_TABLE}")
                db.execute(f"CREATE TABLE IF NOT EXISTS corpora {_TABLE}")
                db.execute(f"CREATE TABLE IF NOT EXISTS places {_TABLE}")
                db.execute("CREATE TABLE IF NOT EXISTS texts (key TEXT PRIMARY KEY, value BLOB)")
                return db
            except sqlite3.DatabaseError:  # corrupt or not a database: start afresh
                with contextlib.suppress(Exception):
                    db.close()
                with contextlib.suppress(OSError):
                    os.unlink(self.path)
        return None

    def get_many(self, keys: Iterable[str]) -> dict[str, Verdict]:
        return {key: entry[0] for key, entry in self.get_entries(keys).items()}

    def get_entries(self, keys: Iterable[str]) -> dict[str, tuple[Verdict, str, Words | None]]:
        found = {}
        for key, raw in self._rows("verdicts", keys):
            entry = decode_entry(raw)
            if entry is not None:
                found[key] = entry
        return found

    def _rows(self, table: str, keys: Iterable[str]) -> list[tuple[str, str]]:
        """(key, value) of the rows of ``keys`` whose checksum holds."""
        if self._db is None:
            return []
        found = []
        wanted = {_stored(key): key for key in keys}
        stored = list(wanted)
        try:
            for i in range(0, len(stored), 500):
                chunk = stored[i : i + 500]
                marks = ",".join("?" * len(chunk))
                for row_key, raw in self._db.execute(
                    f"SELECT key, value FROM {table} WHERE key IN ({marks})", chunk
                ):
                    key = wanted.get(row_key) if isinstance(row_key, str) else None
                    value = _opened(key, raw) if key is not None else ""
                    if value:
                        found.append((key, value))
        except sqlite3.Error:
            return []
        return found

    def _put_rows(self, table: str, rows: Iterable[tuple[str, str]]) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.executemany(
                    f"INSERT OR REPLACE INTO {table} VALUES (?, ?)",
                    ((_stored(key), _sealed(key, value)) for key, value in rows),
                )
        except sqlite3.Error:
            pass

    def put_many(self, items: Iterable[tuple[str, Verdict]]) -> None:
        self._put_rows("verdicts", ((key, encode_entry(v)) for key, v in items))

    def put_entries(self, items: Iterable[tuple[str, Verdict, str, Words | None]]) -> None:
        self._put_rows("verdicts", ((k, encode_entry(v, c, w)) for k, v, c, w in items))

    # -- where reported spans are, so a warm run reads no source ---------------------

    def get_places(self, keys: Iterable[str]) -> dict[str, SourceSpan]:
        found = {}
        for key, raw in self._rows("places", keys):
            try:
                line, column, text, start, end, place, page, paragraph = json.loads(raw)
                found[key] = SourceSpan(
                    "",
                    int(line),
                    int(column),
                    str(text),
                    int(start),
                    int(end),
                    str(place),
                    int(page) if page is not None else None,
                    int(paragraph) if paragraph is not None else None,
                )
            except (ValueError, TypeError, OverflowError, RecursionError):
                continue
        return found

    def put_places(self, rows: Iterable[tuple[str, SourceSpan]]) -> None:
        self._put_rows(
            "places",
            (
                (
                    key,
                    json.dumps(
                        [s.line, s.column, s.text, s.start, s.end, s.place, s.page, s.paragraph],
                        ensure_ascii=True,
                    ),
                )
                for key, s in rows
            ),
        )

    # -- what verdicts judged against the corpus depend on ---------------------------

    def snapshot(self, fingerprint: str) -> dict[str, str] | None:
        """The corpus (document -> content hash) of ``fingerprint``, if kept and intact."""
        for _, raw in self._rows("corpora", [fingerprint]):
            try:
                hashes = json.loads(raw)
                if (
                    isinstance(hashes, dict)
                    and all(isinstance(k, str) and isinstance(v, str) for k, v in hashes.items())
                    and corpus_fingerprint(hashes) == fingerprint
                ):
                    return hashes
            except (ValueError, RecursionError):
                pass
        return None

    def remember(
        self, fingerprint: str, hashes: Mapping[str, str], states: Mapping[str, tuple]
    ) -> None:
        """Keep the corpus' snapshot (the last ``_SNAPSHOTS``) and the prepared documents
        of ``states`` (content hash -> ``NormalizedDocument.state()``) not kept yet:
        later runs compare edits against them, and search them without normalizing."""
        if self._db is None or self._rows("corpora", [fingerprint]):
            return
        self._put_rows("corpora", [(fingerprint, json.dumps(hashes, ensure_ascii=True))])
        try:
            with self._db:
                self._db.execute(
                    "DELETE FROM corpora WHERE rowid NOT IN"
                    " (SELECT rowid FROM corpora ORDER BY rowid DESC LIMIT ?)",
                    (_SNAPSHOTS,),
                )
                kept = set()
                wanted = [_prepared_key(d) for d in states]
                for i in range(0, len(wanted), 500):
                    chunk = wanted[i : i + 500]
                    marks = ",".join("?" * len(chunk))
                    query = f"SELECT key FROM texts WHERE key IN ({marks})"
                    kept.update(k for (k,) in self._db.execute(query, chunk))
                self._db.executemany(
                    "INSERT OR REPLACE INTO texts VALUES (?, ?)",
                    (
                        (key, _packed(key, state))
                        for digest, state in states.items()
                        if (key := _prepared_key(digest)) not in kept
                    ),
                )
        except sqlite3.Error:
            pass

    def prepared(self, digests: Iterable[str]) -> Callable[[str], tuple | None]:
        """The prepared document of a content hash among ``digests``; None for one absent
        or damaged. The first few are read one by one (a run that redoes a verdict
        found where cited needs one); past them, all the rest at once (a corpus pass)."""
        keys = {_prepared_key(d): d for d in digests}
        raw: dict[str, bytes] = {}
        asked: list[int] = [0]

        def read(wanted: list[str]) -> None:
            if self._db is None:
                return
            with contextlib.suppress(sqlite3.Error):
                for i in range(0, len(wanted), 500):
                    chunk = wanted[i : i + 500]
                    marks = ",".join("?" * len(chunk))
                    query = f"SELECT key, value FROM texts WHERE key IN ({marks})"
                    raw.update((keys[k], v) for k, v in self._db.execute(query, chunk))

        def state(digest: str) -> tuple | None:
            key = _prepared_key(digest)
            if key not in keys:
                return None
            asked[0] += 1
            if asked[0] <= _ONE_BY_ONE:
                read([key])
            elif asked[0] == _ONE_BY_ONE + 1:
                read(list(keys))
            keys.pop(key)
            found = raw.pop(digest, None)
            return _unpacked(key, found) if found is not None else None

        return state

    def get_extract(self, key: str) -> str | None:
        """A source's extracted text (see linter.extract), JSON, by content-hash key."""
        if self._db is None:
            return None
        try:
            query = "SELECT value FROM extracts WHERE key = ?"
            row = self._db.execute(query, (_stored(key),)).fetchone()
        except sqlite3.Error:
            return None
        return (_opened(key, row[0]) or None) if row else None

    def put_extract(self, key: str, value: str) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO extracts VALUES (?, ?)",
                    (_stored(key), _sealed(key, value)),
                )
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None


# A file changed within this long of the run's start may share its signature with the
# version read (timestamps are coarse: a clock tick, two seconds on FAT): not recorded.
# Git's racy-timestamp rule, against the run's start rather than the moment the
# records are written: a file read early in a long run and rewritten in place just
# after (same size, and times within one tick) would otherwise be recorded as read.
_RACY_NS = 2_000_000_000


class FileRecords(VerdictCache):
    """What reading each source found, by path: its signature, content hash and notes.

    A file whose signature (size, modification and change times, inode, device)
    is the recorded one is not read again on the next run; a change time cannot
    be set back, so any write since is seen. Rows are checksummed like verdicts.
    """

    def get(self, paths: Iterable[str]) -> dict[str, tuple]:
        """path -> (stamp, digest, kind, repair, notes) for the recorded ``paths``."""
        from linter.extract import Note

        found: dict[str, tuple] = {}
        for path, raw in self._rows("files", paths):
            try:
                stamp, digest, kind, repair, notes = json.loads(raw)
                found[path] = (
                    tuple(int(n) for n in stamp),
                    str(digest),
                    str(kind),
                    bool(repair),
                    tuple(Note(str(a), str(b)) for a, b in notes),
                )
            except (ValueError, TypeError):
                continue  # not a record: the file is read
        return found

    def put(self, documents: Iterable, started: int) -> None:
        """Record freshly read documents (``linter.corpus.Document``), not racy or partial
        ones; ``started`` is ``time.time_ns()`` before any of them was looked at."""
        self._put_rows(
            "files",
            (
                (
                    doc.path,
                    json.dumps(
                        [
                            list(doc.stamp),
                            doc.digest,
                            doc.kind,
                            doc.repair,
                            [[n.severity, n.message] for n in doc.notes],
                        ],
                        ensure_ascii=True,
                    ),
                )
                for doc in documents
                if max(doc.stamp[1], doc.stamp[2]) < started - _RACY_NS
                # A text left partial by a missing library is read again once it is installed.
                and not any(note.partial for note in doc.notes)
            ),
        )


def cache_folder() -> Path:
    """``$CLAIMLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/claimlint``, else ``~/.cache/claimlint``.

    Deliberately outside the repository: a cache committed to a repository could
    vouch for quotes that were never checked on this machine.
    """
    override = os.environ.get("CLAIMLINT_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "claimlint"


_MOST_CHANGED = 64  # documents changed since a verdict beyond which it is simply redone


Compute = Callable[
    [list[tuple[str, str]], Callable[[str], tuple | None]],
    tuple[list[Verdict], Mapping[str, int], Mapping[str, tuple]],
]


def verdicts(
    store: VerdictCache,
    documents: Mapping,  # key -> linter.corpus.Document
    items: list[tuple[str, str]],
    threshold: float,
    compute: Compute,
) -> list[Verdict]:
    """Each (quote, cited document) item's verdict: from the cache where still valid, the
    rest computed. ``compute(items, prepared)`` gives their verdicts, its corpus pass'
    word counts and the documents it normalized (key -> state); ``prepared(key)`` is a
    document's state kept from an earlier run, or None."""
    keys = [verdict_key(q, k, documents[k].digest, threshold) for q, k in items]
    entries = store.get_entries(keys)
    hashes = {key: doc.digest for key, doc in documents.items()}
    fingerprint = corpus_fingerprint(hashes)
    results: list[Verdict | None] = [None] * len(items)
    stale: dict[str, list[int]] = {}  # corpus a verdict was made in -> its items
    for i, key in enumerate(keys):
        entry = entries.get(key)
        if entry is None:
            continue
        verdict, corpus, words = entry
        if verdict.outcome is Outcome.VERBATIM or corpus == fingerprint:
            results[i] = verdict
        elif words is not None and corpus:
            stale.setdefault(corpus, []).append(i)
    carried = []  # still valid: recorded as made in this corpus, with its counts now
    for corpus, indexes in stale.items():
        changed = _changes(store, corpus, hashes, documents)
        if changed is None:
            continue
        for i in indexes:
            verdict, _, words = entries[keys[i]]
            if words is not None and not words.affected(len(hashes), changed):
                results[i] = verdict
                carried.append((keys[i], verdict, fingerprint, words.after(changed)))
    store.put_entries(carried)
    missing = [i for i, r in enumerate(results) if r is None]
    normalized: Mapping[str, tuple] = {}
    if missing:
        kept = store.prepared(hashes.values())
        fresh, counts, normalized = compute(
            [items[i] for i in missing], lambda key: kept(hashes[key])
        )
        rows = []
        for i, verdict in zip(missing, fresh, strict=True):
            results[i] = verdict
            if verdict.outcome is Outcome.VERBATIM:
                rows.append((keys[i], verdict, "", None))
            else:
                rows.append((keys[i], verdict, fingerprint, words_of(items[i][0], counts)))
        store.put_entries(rows)
    if missing or stale:
        store.remember(fingerprint, hashes, {hashes[k]: s for k, s in normalized.items()})
    return results  # type: ignore[return-value]


def _changes(
    store: VerdictCache, corpus: str, hashes: Mapping[str, str], documents: Mapping
) -> list[tuple[frozenset[str], frozenset[str]]] | None:
    """(old, new) tokens of each document changed since ``corpus``; None when a verdict
    made there must be redone (snapshot or an old text gone, the corpus' size changed,
    or too many changes to be worth comparing)."""
    old = store.snapshot(corpus)
    if old is None or len(old) != len(hashes):
        return None
    changed = [k for k in old.keys() | hashes.keys() if old.get(k) != hashes.get(k)]
    if len(changed) > _MOST_CHANGED:
        return None
    kept = store.prepared(old[k] for k in changed if k in old)
    empty: frozenset[str] = frozenset()
    pairs = []
    for key in changed:
        before = kept(old[key]) if key in old else None
        if key in old and before is None:
            return None
        try:
            after = tokens_of(documents[key].text) if key in hashes else empty
        except (UsageError, OSError, ValueError):  # changed again: the run reports it
            return None
        pairs.append((frozenset(before[0].split(" ")) if before else empty, after))
    return pairs
