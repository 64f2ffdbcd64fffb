"""The site's output folder: what is on disk, where a page may be written, and what
is removed.

A page's name is made from data (a department's code, a commune file's slug, an
ID): before a byte is written, the page's path, resolved, must lie inside the
folder (`../../../../tmp/x/escaped` as a department code is refused, not written).
What the site owns in the folder is its page folders (`commune/`, `dept/`,
`issue/`, `plan/`), its assets and its top-level pages; of those, a file the build
did not make is removed — whatever the manifest says (it is not trusted, and a
build killed before it wrote one leaves pages no manifest names).
"""

import os
import re
from pathlib import Path

from tracker import store
from tracker.errors import FieldError
from tracker.i18n import tr

FOLDERS = ("commune", "dept", "issue", "plan")  # every file under them is the site's
TOP = re.compile(r"(index|overdue(-\d+)?|changes)\.html|assets/site\.(css|js)")
TEMPORARY = re.compile(r"\..+\.tmp")  # store.write_page's, left by a write that was killed


class Folder:
    """The output folder of one build."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.root = out.resolve()
        self.present = self._scan()  # the site's files on disk when the build began
        self.written = 0
        self._inside: dict[str, bool] = {}  # a page's folder → whether it resolves inside the output folder

    def path(self, name: str) -> Path:
        """Where page `name` goes: inside the folder, or a FieldError naming it. Its
        folder is resolved (once: a folder holds thousands of pages), links followed;
        the page itself, if a link, is replaced, not written through."""
        parent, _, leaf = name.rpartition("/")
        inside = self._inside.get(parent)
        if inside is None:
            folder = (self.out / parent).resolve()
            inside = self._inside[parent] = not Path(name).is_absolute() and folder.is_relative_to(self.root)
        if not inside or leaf in ("", ".", "..") or "\0" in name:
            said = tr(f"trang '{name}' nằm ngoài thư mục {self.out}: không ghi",
                      f"page '{name}' is outside the folder {self.out}: not written")  # fmt: skip
            raise FieldError.one("output", said)
        return self.out / name

    def has(self, name: str) -> bool:
        return name in self.present

    def put(self, name: str, text: str) -> None:
        """Write page `name` if its bytes differ from what is there."""
        self.path(name)
        self.written += store.write_page(self.out, name, text)

    def discard(self, name: str) -> None:
        """Remove a file the site keeps that is not a page (the manifest, before a build)."""
        (self.out / name).unlink(missing_ok=True)

    def remove_all_but(self, made: set[str]) -> list[str]:
        """Remove the site's files on disk that this build did not make."""
        gone = sorted(self.present - made)
        for name in gone:
            (self.out / name).unlink(missing_ok=True)
        for folder in FOLDERS if gone else ():  # and the folders that emptied (a full build into a new folder has none)
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
            if not base.is_dir() or base.is_symlink():
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
