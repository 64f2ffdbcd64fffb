"""The write lock of a data directory: one writer at a time, and a clear word when
someone else holds it for long.

The lock file (`data/.tracker.lock`, git-ignored) records who holds it (process,
host, command), so that a waiting command can say so after a few seconds, and
gives up after $TRACKER_LOCK_TIMEOUT seconds (default 60). It is re-entrant within
a process: an operation that holds it can call `save`, which takes it too.
"""

import contextlib
import json
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from tracker.errors import TrackerError
from tracker.i18n import tr
from tracker.store.paths import display

LOCK = ".tracker.lock"
NOTICE_AFTER = 3.0
_held: dict[str, int] = {}


def _notice(message: str) -> None:
    print(message, file=sys.stderr)


# Where "waiting for the lock" goes; the CLI's stderr unless someone sets another.
notice: Callable[[str], None] = _notice


def _timeout() -> float:
    try:
        return float(os.environ.get("TRACKER_LOCK_TIMEOUT", "60"))
    except ValueError:
        return 60.0


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Serialise writers: two commands adding to one commune must not both take VA-7."""
    key = os.path.abspath(root)
    if _held.get(key):
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    path = root / LOCK
    try:
        handle = path.open("a+b")
    except OSError as exc:
        raise TrackerError(
            tr(
                f"{display(path)}: không tạo được khóa ghi: {exc.strerror}",
                f"{display(path)}: cannot create the write lock: {exc.strerror}",
            )
        ) from None
    with handle:
        _acquire(handle, path)
        try:
            _record_holder(handle)
            _held[key] = 1
            from tracker.store.saving import recover

            recover(root)
            yield
        finally:
            _held.pop(key, None)
            with contextlib.suppress(OSError):
                handle.truncate(0)
            _release(handle)


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text("utf-8") or "{}")
    except (OSError, ValueError):
        return "?"
    pid, host, command, since = (info.get(k) for k in ("pid", "host", "command", "since"))
    return tr(f"tiến trình {pid} trên {host} ({command}), từ {since}",
              f"process {pid} on {host} ({command}), since {since}")  # fmt: skip


def _record_holder(handle: BinaryIO) -> None:
    info = {"pid": os.getpid(), "host": socket.gethostname(), "command": " ".join(sys.argv[1:])[:200] or "tracker",
            "since": time.strftime("%Y-%m-%d %H:%M:%S")}  # fmt: skip
    with contextlib.suppress(OSError):
        handle.truncate(0)
        handle.seek(0)
        handle.write(json.dumps(info, ensure_ascii=False).encode("utf-8"))
        handle.flush()


def _acquire(handle: BinaryIO, path: Path) -> None:
    start = time.monotonic()
    told = False
    limit = _timeout()
    while not _try_lock(handle):
        waited = time.monotonic() - start
        if waited >= limit:
            raise TrackerError(
                tr(f"{display(path)}: chờ khóa ghi quá {limit:g} giây; đang giữ: {_holder(path)}",
                   f"{display(path)}: waited over {limit:g} s for the write lock; held by {_holder(path)}")
            )  # fmt: skip
        if waited >= NOTICE_AFTER and not told:
            notice(tr(f"đang chờ khóa ghi ({_holder(path)})…", f"waiting for the write lock ({_holder(path)})…"))
            told = True
        time.sleep(0.05)


# The lock covers one byte far beyond the holder's note, so that reading the note
# never runs into the locked region (Windows locks byte ranges for reads too).
_FAR = 1 << 30


def _try_lock(handle: BinaryIO) -> bool:
    fd = handle.fileno()
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        os.lseek(fd, _FAR, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _release(handle: BinaryIO) -> None:
    fd = handle.fileno()
    if sys.platform == "win32":  # pragma: no cover
        import msvcrt

        os.lseek(fd, _FAR, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)
