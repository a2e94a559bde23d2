"""Fan corpus-wide work out to forked processes.

Forked workers inherit the normalized corpus for free (copy-on-write), so only
their small results cross back; where fork is unavailable or unsafe (Windows,
macOS) or the work is small, everything runs here, in order.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["available_workers", "fan_out"]

T = TypeVar("T")

_TASK: Callable[[int], Any] | None = None  # set just before forking; read by the workers
# macOS offers fork but its system libraries are not fork-safe; elsewhere there is none.
_CAN_FORK = sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def available_workers() -> int:
    """CPUs this process may use (its affinity where the OS tells), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _run(index: int) -> Any:
    assert _TASK is not None
    return _TASK(index)


def fan_out(task: Callable[[int], T], count: int, workers: int) -> list[T]:
    """``[task(0), ..., task(count - 1)]``, computed by up to ``workers`` forked processes."""
    global _TASK
    workers = min(workers, count)
    if workers <= 1 or not _CAN_FORK:
        return [task(i) for i in range(count)]
    _TASK = task
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_run, range(count), chunksize=1)
    finally:
        _TASK = None
