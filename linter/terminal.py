"""What the output stream is: colour, width and progress only on a terminal.

Colour follows https://no-color.org and https://force-color.org: ``NO_COLOR``
(set, not empty) turns it off and wins; ``FORCE_COLOR`` (set, not empty, not
``0``) turns it on for standard output even in a pipe (for CI logs). Otherwise
colour is used when the stream is a terminal and ``TERM`` is not ``dumb``.
Files written with ``-o`` never get colour: the caller does not ask here.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Mapping
from typing import TextIO

MIN_WIDTH, MAX_WIDTH, DEFAULT_WIDTH = 40, 120, 80


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def use_color(stream: TextIO, env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    return _isatty(stream) and env.get("TERM") != "dumb"


def width(stream: TextIO) -> int:
    """The terminal's columns (clamped to a readable range), else 80."""
    if not _isatty(stream):
        return DEFAULT_WIDTH
    columns = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, columns))


class Progress:
    """A one-line status on standard error, redrawn in place; silent unless it is a terminal.

    Updates are drawn at most every ``interval`` seconds, so counting every
    document of a large corpus costs nothing noticeable; ``done()`` clears the line.
    """

    def __init__(self, stream: TextIO | None = None, *, interval: float = 0.1) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.enabled = _isatty(self.stream)
        self.interval = interval
        self._last = 0.0
        self._shown = False

    def update(self, message: str, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        line = message[: width(self.stream) - 1]
        self.stream.write(f"\r\x1b[2K{line}")
        self.stream.flush()
        self._shown = True

    def done(self) -> None:
        if self.enabled and self._shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._shown = False
