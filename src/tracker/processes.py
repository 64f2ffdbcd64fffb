"""When work is shared out among processes, and how: one home for the choice that the
cache build, the grouping of obstacles and the roll-up each make."""

import os
import sys
import threading
from typing import Any


def cores(most: int | None = None) -> int:
    """The processors this process may run on (a container's share, not the host's),
    at most `most`."""
    found = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(found, most) if most else found)


def forkable() -> bool:
    """Whether a pool may fork this process: on Linux only (macOS forks unsafely, so
    Python spawns there), from no pool's worker, and with no other thread running (a
    fork copies a lock another thread holds, held for ever)."""
    import multiprocessing  # only where a pool may start: not at every command's start

    return (sys.platform == "linux" and not multiprocessing.current_process().daemon
            and threading.active_count() == 1)  # fmt: skip


def context() -> Any:
    """The way a pool starts its processes: forked where `forkable` (they start with
    tracker imported), else spawned."""
    import multiprocessing

    return multiprocessing.get_context("fork" if forkable() else "spawn")
