"""Fan corpus-wide work out to forked processes.

Forked workers inherit the normalized corpus for free (copy-on-write), so only
their small results cross back; where fork is unavailable or unsafe (Windows,
macOS) or the work is small, everything runs here, in order.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

__all__ = ["available_workers", "can_fork", "fan_out"]

A = TypeVar("A")
T = TypeVar("T")

_TASK: Callable[[Any], Any] | None = None  # set just before forking; read by the workers
# macOS offers fork but its system libraries are not fork-safe; elsewhere there is none.
_CAN_FORK = sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def available_workers() -> int:
    """CPUs this process may use (its affinity where the OS tells), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Whether workers can be forked here (not from a daemonic process, which may not)."""
    return _CAN_FORK and not multiprocessing.current_process().daemon


def _ignore_interrupt() -> None:
    """In a worker: Ctrl-C is the parent's to handle (it stops the pool), not a traceback each."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(argument: Any) -> Any:
    assert _TASK is not None
    return _TASK(argument)


def fan_out(task: Callable[[A], T], inputs: Sequence[A], workers: int) -> list[T]:
    """``[task(x) for x in inputs]``, computed by up to ``workers`` forked processes.

    The inputs travel to the workers pickled: objects a worker builds from them
    are its own and compact, whereas touching the parent's objects would copy
    (refcounts are writes) every page they sit on.
    """
    global _TASK
    workers = min(workers, len(inputs))
    if workers <= 1 or not can_fork():
        return [task(x) for x in inputs]
    _TASK = task
    gc.freeze()  # the collector would otherwise write to, and so copy, every shared page
    try:
        with multiprocessing.get_context("fork").Pool(workers, _ignore_interrupt) as pool:
            return pool.map(_run, inputs, chunksize=1)
    finally:
        gc.unfreeze()
        _TASK = None
