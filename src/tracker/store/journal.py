"""Several files written all or none: each is staged beside its target, a journal
(`data/.tracker-journal.json`, git-ignored) names them, then each is renamed over
its target and the journal removed. A crash between two renames leaves the journal:
the next command finishes it (`recover`) before anything is read.

A journal is only ever carried out when this program left it:
- it bears the token of the lock's holder that wrote it (locking.py), which the next
  holder finds in the lock file when it takes the lock; a journal with another
  token (committed, copied, made by hand) is reported, never executed;
- it is not a file git tracks (a pull request can add any file under data/);
- every entry renames a staged file `.NAME.XXXX.tmp` over `NAME` in the same folder
  inside the data folder, neither of them a link; one entry that is not is refused
  and nothing is done.
"""

import contextlib
import json
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from tracker import gitio
from tracker.confined import escapes
from tracker.errors import TrackerError
from tracker.i18n import os_error, tr
from tracker.store import locking
from tracker.store.files import atomic_write, stage
from tracker.store.paths import COMMUNES, FILES, JOURNAL, display

_MAX_BYTES = 1 << 20  # far above the journal of a write of every commune of a country


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """The write lock every command that writes takes: when it is first taken, a
    write a crash left half done is finished (or refused), and its stray temporary
    files removed, before anything is read."""
    with locking.lock(root):
        if locking.depth(root) == 1:
            recover(root)
        yield


def finish_interrupted(root: Path) -> None:
    """For a command that only reads: when a journal is there, take the write lock
    and finish it, so that no one reads half of a write."""
    if os.path.lexists(root / JOURNAL):
        with locked(root):
            pass


def replace_all(staged: list[tuple[Path, bytes]], root: Path) -> None:
    """Under the lock: replace every file, or none; one file by a rename, several
    through a journal."""
    staged = [(_target(path, root), data) for path, data in staged]
    if len(staged) == 1:
        atomic_write(*staged[0])
        return
    if not staged:
        return
    temps: list[tuple[str, Path]] = []
    try:
        for path, data in staged:
            temps.append((stage(path, data), path))
        _write(root, temps)
    except BaseException:
        for tmp, _ in temps:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    _carry_out(root, [(Path(tmp), path) for tmp, path in temps])


def recover(root: Path) -> None:
    """Under the lock: finish a many-file write that was interrupted after it was
    staged (a journal this program left), and remove temporary files of writes
    interrupted before that."""
    journal = root / JOURNAL
    if os.path.lexists(journal):
        _carry_out(root, _checked(root, journal))
    for folder in (root, root / COMMUNES, root / FILES):
        if escapes(folder, root):  # a folder linked out: what it leads to is not ours to clean
            continue
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                if entry.name.startswith(".") and entry.name.endswith(".tmp") and entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


# ------------------------------------------------------------------ writing


def _target(path: Path, root: Path) -> Path:
    """Where to write `path`: through a symbolic link to its target (the link stays
    a link), as long as that target is inside the data folder."""
    if not path.is_symlink():
        return path
    target = path.resolve()
    if escapes(target, root):
        raise TrackerError(tr(f"{display(path)} là liên kết ra ngoài thư mục dữ liệu ({target}): không ghi",
                              f"{display(path)} links outside the data folder ({target}): not writing"))  # fmt: skip
    return target


def _where(path: Path | str, root: Path) -> str:
    """`path` relative to the data folder, as the journal keeps it."""
    path = Path(path)
    for base in (root, root.resolve()):
        with contextlib.suppress(ValueError):
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(base)).as_posix()
    return path.as_posix()  # refused when read back: never renamed


def _write(root: Path, temps: list[tuple[str, Path]]) -> None:
    entries = [[_where(tmp, root), _where(target, root)] for tmp, target in temps]
    record = {"token": locking.token(root), "pid": os.getpid(), "replace": entries}
    atomic_write(root / JOURNAL, json.dumps(record, ensure_ascii=False).encode("utf-8"))


# ------------------------------------------------------------------ carrying out


def _refused(journal: Path, why_vi: str, why_en: str) -> TrackerError:
    shown = display(journal)
    return TrackerError(tr(f"{shown}: nhật ký ghi dở bị từ chối, không thực hiện: {why_vi}; "
                           f"hãy xem lại rồi xóa tệp này (git rm --cached nếu git đang theo dõi nó)",
                           f"{shown}: journal of an interrupted write refused, not carried out: {why_en}; "
                           f"look at it, then remove it (git rm --cached if git tracks it)"))  # fmt: skip


def _checked(root: Path, journal: Path) -> list[tuple[Path, Path]]:
    """The renames of a journal this program left; an error naming it otherwise."""
    if gitio.tracked(journal):
        raise _refused(journal, "tệp được git theo dõi (do một commit đưa vào)",
                       "git tracks it (a commit brought it)")  # fmt: skip
    try:
        fd = os.open(journal, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        raise _refused(journal, "không mở được, hoặc là liên kết (symlink)",
                       "cannot be opened, or is a symbolic link") from None  # fmt: skip
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _refused(journal, "không phải tệp thường", "not a regular file")
        raw = handle.read(_MAX_BYTES + 1)
    try:
        record = json.loads(raw)
    except ValueError:
        record = None
    owner = record.get("token") if isinstance(record, dict) else None
    if not isinstance(owner, str) or owner not in (locking.left_by(root), locking.token(root)):
        raise _refused(journal, "không do lần ghi trước của tracker trên thư mục này để lại",
                       "not left by tracker's last write in this folder")  # fmt: skip
    return _entries(root, raw)


_STAGED = re.compile(r"\.(?P<name>.+)\.[^./]+\.tmp")


def _entries(root: Path, raw: bytes) -> list[tuple[Path, Path]]:
    """Each rename of a journal: a staged `.NAME.XXXX.tmp` over `NAME` beside it,
    both inside the data folder; the first entry that is not refuses them all."""
    journal = root / JOURNAL
    try:
        listed = json.loads(raw)["replace"]
    except (ValueError, KeyError, TypeError):
        raise _refused(journal, "hỏng, không đọc được", "damaged, cannot be read") from None
    out = []
    for entry in listed if isinstance(listed, list) else [listed]:
        rename = _rename(root, entry)
        if rename is None:
            raise _refused(journal, f"mục {entry!r} không phải một tệp tạm đặt cạnh tệp dữ liệu của nó",
                           f"entry {entry!r} is not a staged file beside its data file")  # fmt: skip
        out.append(rename)
    return out


def _rename(root: Path, entry: object) -> tuple[Path, Path] | None:
    """(staged file, target) of one entry `[".x.yaml.ab12.tmp", "x.yaml"]` (or in
    communes/); None when it is anything else."""
    if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(p, str) for p in entry)):
        return None
    tmp, target = PurePosixPath(entry[0]), PurePosixPath(entry[1])
    staged = _STAGED.fullmatch(tmp.name)
    if (target.is_absolute() or ".." in target.parts or "\\" in entry[1] or tmp.parent != target.parent
            or staged is None or staged["name"] != target.name or target.name.startswith(".")):  # fmt: skip
        return None
    source, dest = root / tmp, root / target
    if escapes(dest.parent, root) or dest.is_symlink():
        return None
    if os.path.lexists(source) and (source.is_symlink() or not source.is_file()):
        return None
    return source, dest


def _carry_out(root: Path, renames: list[tuple[Path, Path]]) -> None:
    """Rename every staged file still there over its target, then drop the journal."""
    for source, target in renames:
        if os.path.lexists(source):
            try:
                os.replace(source, target)
            except OSError as exc:
                why = os_error(exc)
                message = tr(f"{display(target)}: không hoàn tất được lần ghi dở: {why.vi}",
                             f"{display(target)}: cannot complete an interrupted write: {why.en}")  # fmt: skip
                raise TrackerError(message) from None
    (root / JOURNAL).unlink()
