"""A cache of verdicts, so a repeat run with nothing changed does almost no work.

Keys are content hashes, so the cache is never stale: a verdict found where
cited depends only on the quote, the cited document's bytes and the settings;
any other verdict (misattributed, not found, inexact) also depends on the
whole corpus, so its key includes the corpus fingerprint. Values are JSON,
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
from collections.abc import Iterable, Mapping
from pathlib import Path

from linter import __version__
from linter.text.verdict import Outcome, Span, Verdict

SCHEMA = 4  # 2: each row carries a checksum (``_sealed``); 3: extracted texts; 4: file records
_TABLE = "(key TEXT PRIMARY KEY, value TEXT NOT NULL)"


def corpus_fingerprint(hashes: Mapping[str, str]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for key in sorted(hashes):
        digest.update(f"{key}\0{hashes[key]}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def verdict_key(quote: str, cited: str, scope: str, threshold: float) -> str:
    """``scope`` is the cited document's hash (found where cited) or the corpus fingerprint."""
    payload = f"{__version__}\0{threshold!r}\0{cited}\0{scope}\0{quote}"
    return hashlib.blake2b(payload.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


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
                    db.execute(f"CREATE TABLE verdicts {_TABLE}")
                    db.execute(
                        "INSERT OR REPLACE INTO meta VALUES ('schema', ?)",
                        (f"{SCHEMA}:{__version__}",),
                    )
                    db.commit()
                db.execute(f"CREATE TABLE IF NOT EXISTS extracts {_TABLE}")
                db.execute(f"CREATE TABLE IF NOT EXISTS files {_TABLE}")
                return db
            except sqlite3.DatabaseError:  # corrupt or not a database: start afresh
                with contextlib.suppress(Exception):
                    db.close()
                with contextlib.suppress(OSError):
                    os.unlink(self.path)
        return None

    def get_many(self, keys: Iterable[str]) -> dict[str, Verdict]:
        found: dict[str, Verdict] = {}
        for key, raw in self._rows("verdicts", keys):
            verdict = decode(raw)
            if verdict is not None:
                found[key] = verdict
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
        self._put_rows("verdicts", ((key, encode(v)) for key, v in items))

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


# A file changed within this long of being read may share its signature with the
# version read (timestamps are coarse: a clock tick, two seconds on FAT): not recorded.
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

    def put(self, documents: Iterable) -> None:
        """Record freshly read documents (``linter.corpus.Document``), but not racy ones."""
        import time

        now = time.time_ns()
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
                if max(doc.stamp[1], doc.stamp[2]) < now - _RACY_NS
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
