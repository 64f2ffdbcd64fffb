"""The site's output folder: what is on disk, where a page may be written, and what
is removed.

A page's name is made from data (a department's code, a commune file's slug, an
ID): before a byte is written, the page's path, resolved, must lie inside the
folder (`../../../../tmp/x/escaped` as a department code is refused, not written).
What the site owns in the folder is its page folders (`commune/`, `dept/`,
`issue/`, `plan/`; `files/`, the scanned documents the records name), its assets
and its top-level pages; of those, a file the build did not make is removed —
whatever the manifest says (it is not trusted, and a build killed before it wrote
one leaves pages no manifest names).
"""

import contextlib
import hashlib
import json
import os
import re
import stat
from pathlib import Path

from tracker import store
from tracker.confined import escapes
from tracker.errors import FieldError
from tracker.i18n import tr
from tracker.store import files as store_files

FOLDERS = ("commune", "dept", "issue", "plan", "files")  # every file under them is the site's (files/: scans)
TOP = re.compile(r"(index|overdue(-\d+)?|changes)\.html|assets/site\.(css|js)")
RACY = 50_000_000  # ns: coarser than the clock of common file systems (ext4, XFS, NTFS, APFS); FAT's is 2 s
ABSENT = -1  # the mark of a page folder that is not there
TEMPORARY = re.compile(r"\..+\.tmp")  # store.write_page's, left by a write that was killed


class Folder:
    """The output folder of one build.

    Reading 113,438 names from the page folders costs a quarter of a second, more
    than the rest of a rebuild after a note: a page folder whose modification time
    is the one the last build left (`marks`) holds what that build left in it
    (`known`, its pages): nothing was added or removed there since, and it is not
    read. The marks are kept in the user's cache, not in the folder (whose bytes stay
    those of a full build), with the digest of the manifest they go with. (A page
    edited in place, which changes no folder's time, is not seen; one deleted or
    added is.)"""

    def __init__(self, out: Path, marks: dict[str, int] | None = None, known: set[str] | None = None) -> None:
        self.out = out
        self.known = known or set()
        self.clean = {
            f for f, mark in (marks or {}).items() if f in FOLDERS and known is not None and _mark(out / f) == mark
        }
        self.present = self._scan()  # the site's files on disk when the build began, in the folders not clean
        self.written = 0
        self._inside: dict[str, bool] = {}  # a page's folder → whether it resolves inside the output folder

    def marks(self) -> dict[str, int]:
        """Each page folder's modification time now (at the end of a build), if older
        than the file system's clock by more than `RACY`: a folder changed again within
        the tick of its time would keep it (racy git's rule: such a folder is read)."""
        import tempfile

        try:  # a new file of its own: never a name in the folder that may be a link
            fd, probe = tempfile.mkstemp(prefix=".tracker-site.", suffix=".clock", dir=self.out)
            try:
                now = os.fstat(fd).st_mtime_ns
            finally:
                os.close(fd)
                os.unlink(probe)
        except OSError:
            return {}
        found = {f: _mark(self.out / f) for f in FOLDERS}
        return {f: mark for f, mark in found.items() if mark is not None and mark < now - RACY}

    def path(self, name: str) -> Path:
        """Where page `name` goes: inside the folder, or a FieldError naming it. Its
        folder is resolved (once: a folder holds thousands of pages), links followed;
        the page itself, if a link, is replaced, not written through."""
        parent, _, leaf = name.rpartition("/")
        inside = self._inside.get(parent)
        if inside is None:
            inside = self._inside[parent] = not Path(name).is_absolute() and not escapes(self.out / parent, self.out)
        if not inside or leaf in ("", ".", "..") or "\0" in name:
            said = tr(f"trang '{name}' nằm ngoài thư mục {self.out}: không ghi",
                      f"page '{name}' is outside the folder {self.out}: not written")  # fmt: skip
            raise FieldError.one("output", said)
        return self.out / name

    @property
    def all_clean(self) -> bool:
        return len(self.clean) == len(FOLDERS)

    def has(self, name: str) -> bool:
        """Whether page `name` (one the last build made) is on disk."""
        return name in self.present or (name.partition("/")[0] in self.clean and name in self.known)

    def put(self, name: str, text: str | bytes) -> None:
        """Write page `name` (or a scan, bytes) if its bytes differ from what is there."""
        self.path(name)
        self.written += store.write_page(self.out, name, text)

    def discard(self, name: str) -> None:
        """Remove a file the site keeps that is not a page (the manifest, before a build)."""
        (self.out / name).unlink(missing_ok=True)

    def remove_all_but(self, made: set[str]) -> list[str]:
        """Remove the site's files on disk that this build did not make."""
        left = {n for n in self.known - made if n.partition("/")[0] in self.clean}  # in the folders not read
        gone = sorted((self.present - made) | left)
        for name in gone:
            (self.out / name).unlink(missing_ok=True)
        for folder in FOLDERS if gone else ():  # and the folders that emptied (a full build into a new folder has none)
            if (self.out / folder).is_symlink():  # never through a link: what it leads to is not the site's
                continue
            for parent, dirs, files in os.walk(self.out / folder, topdown=False):
                if parent != str(self.out / folder) and not dirs and not files:
                    os.rmdir(parent)
        return gone

    def _scan(self) -> set[str]:
        """The site's files in the folder (its page folders read whole, with os.scandir:
        113,438 pages in about a tenth of a second)."""
        found: set[str] = set()
        for folder in FOLDERS:
            base = self.out / folder
            if folder in self.clean or not base.is_dir() or base.is_symlink():
                continue
            for parent, dirs, files in os.walk(base):
                at = Path(parent).relative_to(self.out).as_posix()
                found.update(f"{at}/{f}" for f in files)
                dirs[:] = [d for d in dirs if not (Path(parent) / d).is_symlink()]
        for top in (self.out, self.out / "assets"):
            if top.is_dir():
                with os.scandir(top) as entries:
                    for entry in entries:
                        name = entry.name if top == self.out else f"assets/{entry.name}"
                        ours = TOP.fullmatch(name) or TEMPORARY.fullmatch(entry.name)
                        if ours and entry.is_file(follow_symlinks=False):
                            found.add(name)
        return found


def _mark(folder: Path) -> int | None:
    """A folder's modification time in nanoseconds; `ABSENT` when there is none (a site
    without scans has no `files/`: still there is nothing to read); None for a link."""
    try:
        st = folder.lstat()
    except FileNotFoundError:
        return ABSENT
    except OSError:
        return None
    return st.st_mtime_ns if stat.S_ISDIR(st.st_mode) else None


def _marks_file(out: Path) -> Path:
    from tracker.cache.db import cache_dir

    where = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]
    return cache_dir() / "site" / f"{where}.json"


def load_marks(out: Path, manifest: str) -> dict[str, int] | None:
    """The folder times the last build of `out` left, if it left the manifest of digest `manifest`."""
    try:
        kept = json.loads(_marks_file(out).read_bytes())
    except (OSError, ValueError):
        return None
    if not (isinstance(kept, dict) and manifest and kept.get("manifest") == manifest):
        return None
    marks = kept.get("folders")
    ok = isinstance(marks, dict) and set(marks) <= set(FOLDERS) and set(map(type, marks.values())) <= {int}
    return marks if ok else None


def save_marks(out: Path, manifest: str, marks: dict[str, int]) -> None:
    """Keep the folder times for the next build (a help, not a need: a failure is ignored)."""
    path = _marks_file(out)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        store_files.replace(path, json.dumps({"manifest": manifest, "folders": marks}).encode("utf-8"), sync=False)
