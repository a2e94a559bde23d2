"""Atomic file writes: a crash or a full disk leaves the old file whole."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it over.

    The file's permission bits are kept when it already exists. Text is written
    exactly as given (no newline translation), as UTF-8.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:  # a new file gets the usual mode, as open() would give it
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where possible
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_through(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` as the shell's ``>`` would, but atomically for a file.

    A symbolic link is followed (the file it names is replaced, the link kept);
    a device, named pipe or socket is written into, never replaced by a regular
    file (``-o /dev/null`` as root must not replace the system's ``/dev/null``).
    A pipe nobody reads is an error at once rather than a wait for ever.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    if mode is None or stat.S_ISREG(mode):
        write_atomic(target, payload)
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    if stat.S_ISSOCK(mode):
        raise OSError(errno.ENXIO, "is a socket; claimlint writes files, devices and pipes")
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a named pipe with no reader
            raise OSError(errno.ENXIO, "is a named pipe that nothing reads") from None
        raise
    try:
        os.set_blocking(fd, True)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


class NotRegularFile(OSError):
    """A named pipe, device or socket where claimlint reads a file."""


def open_regular(path: Path | str) -> BinaryIO:
    """``path`` opened for reading in binary, refused unless it is a regular file.

    A named pipe with no writer would block ``open()`` for ever, and a device can
    stream without end, so the kind is checked with ``stat`` first, and the file
    is opened without blocking and checked again (it could have been swapped in
    between).
    """
    kind = os.stat(path).st_mode
    if stat.S_ISDIR(kind):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    if not stat.S_ISREG(kind):
        raise NotRegularFile(errno.EINVAL, f"is not a regular file ({_kind(kind)})", str(path))
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        kind = os.fstat(fd).st_mode
        if not stat.S_ISREG(kind):
            raise NotRegularFile(errno.EINVAL, f"is not a regular file ({_kind(kind)})", str(path))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a file"
