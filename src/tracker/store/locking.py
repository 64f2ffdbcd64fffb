"""The write lock of a data directory: one writer at a time, and a clear word when
someone else holds it for long.

The lock file (`data/.tracker.lock`, git-ignored) records who holds it (process,
host, command) and a token drawn afresh each time it is taken, so that a waiting
command can say who holds it after a few seconds, and a journal (journal.py) can
be told from one its holder did not leave. It gives up after $TRACKER_LOCK_TIMEOUT
seconds (default 60). It is re-entrant within a process: an operation that holds it
can call `save`, which takes it too.

The record stays in the file when the lock is released: the next holder reads it
before writing its own (`left_by`). The file is opened without following a link
(a committed `.tracker.lock → /tmp/victim` is refused, never truncated) and must be
a regular file.
"""

import contextlib
import errno
import json
import math
import os
import secrets
import socket
import stat
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import TrackerError, UsageError
from tracker.i18n import os_error, tr
from tracker.store.paths import LOCK, display

TIMEOUT_VAR = "TRACKER_LOCK_TIMEOUT"
NOTICE_AFTER = 3.0
_RECORD_MAX = 4096  # a holder's record is a short line of JSON


@dataclass
class _Holding:
    depth: int
    token: str  # drawn when this process took the lock
    left_by: str | None  # the token of the holder before, as it left the file


_held: dict[str, _Holding] = {}


def _notice(message: str) -> None:
    print(message, file=sys.stderr)


# Where "waiting for the lock" goes; the CLI's stderr unless someone sets another.
notice: Callable[[str], None] = _notice


def timeout() -> float:
    """$TRACKER_LOCK_TIMEOUT in seconds: a finite number, 0 or more. Anything else
    (text, nan, inf, a negative number) would wait forever or never: an error."""
    raw = os.environ.get(TIMEOUT_VAR, "60")
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise UsageError(tr(f"{TIMEOUT_VAR}={raw!r}: phải là số giây chờ khóa ghi, từ 0 trở lên (ví dụ 60)",
                            f"{TIMEOUT_VAR}={raw!r}: must be the seconds to wait for the write lock, 0 or more "
                            "(for example 60)"))  # fmt: skip
    return value


def _key(root: Path) -> str:
    return os.path.abspath(root)


def depth(root: Path) -> int:
    """How many times this process holds the lock of `root` (0: not at all)."""
    holding = _held.get(_key(root))
    return holding.depth if holding else 0


def token(root: Path) -> str | None:
    """The token this process holds the lock of `root` under; None when it does not."""
    holding = _held.get(_key(root))
    return holding.token if holding else None


def left_by(root: Path) -> str | None:
    """The token of the holder before this one, as its record was when this process
    took the lock (None: no record). A journal bearing it was left by that holder."""
    holding = _held.get(_key(root))
    return holding.left_by if holding else None


@contextlib.contextmanager
def lock(root: Path) -> Iterator[None]:
    """Serialise writers: two commands adding to one commune must not both take VA-7."""
    key = _key(root)
    holding = _held.get(key)
    if holding is not None:
        holding.depth += 1
        try:
            yield
        finally:
            holding.depth -= 1
        return
    path = root / LOCK
    limit = timeout()
    fd = _open(path)
    try:
        _acquire(fd, path, limit)
        try:
            before = _read_record(fd).get("token")
            drawn = secrets.token_hex(16)
            _write_record(fd, drawn)
            _held[key] = _Holding(1, drawn, before if isinstance(before, str) else None)
            yield
        finally:
            _held.pop(key, None)
            _release(fd)
    finally:
        os.close(fd)


def _open(path: Path) -> int:
    """The lock file, made if needed: never through a link, never anything but a
    regular file (a committed link to another file would have that file truncated)."""
    shown = display(path)
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    flags = os.O_RDWR | os.O_CREAT | nofollow | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
    refused = TrackerError(tr(f"{shown}: tệp khóa ghi là một liên kết (symlink) hay không phải tệp thường: "
                              "không dùng; hãy xóa nó (tracker tự tạo lại)",
                              f"{shown}: the write lock is a symbolic link or not a regular file: not used; "
                              "remove it (tracker makes it again)"))  # fmt: skip
    if not nofollow and path.is_symlink():  # pragma: no cover - systems without O_NOFOLLOW
        raise refused
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK, errno.EISDIR, errno.ENXIO):
            raise refused from None
        raise TrackerError(tr(f"{shown}: không tạo được khóa ghi: {os_error(exc).vi}",
                              f"{shown}: cannot create the write lock: {os_error(exc).en}")) from None  # fmt: skip
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise refused
    return fd


def _read_record(fd: int) -> dict[str, object]:
    try:
        if hasattr(os, "pread"):
            raw = os.pread(fd, _RECORD_MAX, 0)
        else:  # pragma: no cover - Windows
            os.lseek(fd, 0, os.SEEK_SET)
            raw = os.read(fd, _RECORD_MAX)
        info = json.loads(raw or b"{}")
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def _holder(fd: int) -> str:
    info = _read_record(fd)
    if not info:
        return "?"
    pid, host, command, since = (info.get(k) for k in ("pid", "host", "command", "since"))
    return tr(f"tiến trình {pid} trên {host} ({command}), từ {since}",
              f"process {pid} on {host} ({command}), since {since}")  # fmt: skip


def _write_record(fd: int, drawn: str) -> None:
    info = {"pid": os.getpid(), "host": socket.gethostname(), "command": " ".join(sys.argv[1:])[:200] or "tracker",
            "since": time.strftime("%Y-%m-%d %H:%M:%S"), "token": drawn}  # fmt: skip
    data = json.dumps(info, ensure_ascii=False).encode("utf-8")
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, data)


def _acquire(fd: int, path: Path, limit: float) -> None:
    start = time.monotonic()
    told = False
    while not _try_lock(fd):
        waited = time.monotonic() - start
        if waited >= limit:
            raise TrackerError(
                tr(f"{display(path)}: chờ khóa ghi quá {limit:g} giây; đang giữ: {_holder(fd)}",
                   f"{display(path)}: waited over {limit:g} s for the write lock; held by {_holder(fd)}")
            )  # fmt: skip
        if waited >= NOTICE_AFTER and not told:
            notice(tr(f"đang chờ khóa ghi ({_holder(fd)})…", f"waiting for the write lock ({_holder(fd)})…"))
            told = True
        time.sleep(0.05)


# The lock covers one byte far beyond the holder's note, so that reading the note
# never runs into the locked region (Windows locks byte ranges for reads too).
_FAR = 1 << 30


def _try_lock(fd: int) -> bool:
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


def _release(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover
        import msvcrt

        os.lseek(fd, _FAR, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)
