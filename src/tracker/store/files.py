"""The one temporary-file writer: bytes go to a fresh hidden file beside their
target (`.NAME.XXXXXXXX.tmp`, a name no one else uses), then a rename puts it in
place; a reader, or a crash, sees the old file or the new one, never half of one.

Data files, schemas, the journal, the cache's registries and reports are synced to
disk before the rename; the pages of a site (`sync=False`) are not, as a site is
made again from the data and a page a power cut left empty differs from the page
the next build makes, so it is written again.
"""

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from tracker.errors import TrackerError
from tracker.i18n import os_error, tr
from tracker.store.paths import display

Data = bytes | Iterable[bytes]


def cannot_write(path: Path, exc: OSError) -> TrackerError:
    return TrackerError(tr(f"{display(path)}: không ghi được: {os_error(exc).vi}",
                           f"{display(path)}: cannot write: {os_error(exc).en}"))  # fmt: skip


def staged(path: Path, data: Data, sync: bool = True) -> str:
    """`data` (or its pieces, as they come) in a new temporary file beside `path`;
    its name. OSError when it cannot be written, and then nothing is left behind
    (nor when making a piece fails)."""
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            for piece in [data] if isinstance(data, bytes) else data:
                handle.write(piece)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    return tmp


def replace(path: Path, data: Data, sync: bool = True) -> None:
    """Write `path` through a temporary file and a rename; OSError when it cannot."""
    tmp = staged(path, data, sync)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def stage(path: Path, data: Data) -> str:
    """`staged`, a failure being the user's error naming `path`."""
    try:
        return staged(path, data)
    except OSError as exc:
        raise cannot_write(path, exc) from None


def atomic_write(path: Path, data: Data) -> None:
    """Replace `path` with `data`, synced, atomically; an error naming `path` when it
    cannot be written."""
    try:
        replace(path, data)
    except OSError as exc:
        raise cannot_write(path, exc) from None
