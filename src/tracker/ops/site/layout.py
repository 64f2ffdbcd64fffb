"""What lays the site's pages out, as one digest: a change to any of it makes every
page again.

Derived, not listed by hand: every source file of the `tracker` package (the code
that reads, counts, words and renders — a page depends on far more than the
formats: text.py's sort keys, the cache's rows, the rules of a grid cell) and
every file of the template folders (the packaged ones and a data repository's own:
its site templates and its wording in lang/). A change of the code is rare outside
a release, so a full build after one costs little; a list kept by hand missed
formats/templates.py and text.py.
"""

import hashlib
from importlib import resources
from pathlib import Path

import tracker


def code_folder() -> Path:
    return Path(tracker.__file__).resolve().parent


def template_folders(overrides: list[Path]) -> list[Path]:
    """A data repository's template folders first, then the packaged one."""
    return [*overrides, Path(str(resources.files("tracker.templates")))]


def sources(overrides: list[Path]) -> list[Path]:
    """Every file whose content may change a page: the package's Python sources and
    every file under the template folders, in a fixed order."""
    code = code_folder()
    found = sorted(code.rglob("*.py"))
    for folder in template_folders(overrides):
        if folder.is_dir():
            found += sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return found


def digest(overrides: list[Path]) -> str:
    """A digest of `sources` — each file's place and bytes. A link is counted by its
    target's path, not read (a template folder is not trusted to link only to text)."""
    h = hashlib.sha256()
    code = code_folder()
    for path in sources(overrides):
        h.update(_where(path, code).encode() + b"\0")
        try:
            h.update(f"-> {path.readlink()}".encode() if path.is_symlink() else path.read_bytes())
        except OSError as exc:  # unreadable now: a different digest, so the next readable one rebuilds
            h.update(f"! {exc.errno}".encode())
        h.update(b"\0")
    return h.hexdigest()[:16]


def _where(path: Path, code: Path) -> str:
    try:
        return path.relative_to(code).as_posix()
    except ValueError:
        return path.as_posix()
