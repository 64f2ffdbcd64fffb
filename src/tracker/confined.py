"""Paths that untrusted content chooses, kept inside their folder.

A pull request may add any file under `data/` and `templates/` (SECURITY.md): a link
`templates/leak.j2 → /proc/self/environ`, a department code `../../tmp/x`. Four
checks, one home:
- `SAFE_NAME`, `safe_stem`: the characters a code or a commune file's name may hold;
- `escapes`: whether a path, every link followed, leaves a folder;
- `inside`: the path of an output built from data (a code, a slug) under the folder
  it goes to, refused when it would land elsewhere;
- `loader`: a Jinja loader that reads no template through a link leading out of the
  folder it is found in.
"""

import os
import re
import unicodedata
from pathlib import Path, PurePath
from typing import Any

from tracker.errors import FieldError, TrackerError
from tracker.i18n import tr

# What a code that becomes a file's or a page's name may hold: a department's or a
# category's (NNMT, dat-dai): ASCII letters and digits, `-` and `_`, starting with a
# letter or digit. Checked by `validate` and the JSON Schema.
SAFE_NAME = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
_SAFE = re.compile(SAFE_NAME)


def safe_name(text: str) -> bool:
    return _SAFE.fullmatch(text) is not None


def safe_stem(stem: str) -> bool:
    """Whether a commune file's name (without `.yaml`) is a safe one: letters of any
    script (with their accents: `vạn an.yaml` is a name people give), digits, spaces,
    `-` and `_`, starting with a letter or digit; no `.`, `/`, `\\`, quotes, `<`, `>`,
    `&`, control or direction characters, which would make a path or markup of it."""
    return (stem[:1].isalnum()
            and all(c.isalnum() or c in " -_" or unicodedata.category(c).startswith("M") for c in stem))  # fmt: skip


def escapes(path: Path | str, folder: Path | str) -> bool:
    """Whether `path`, all links followed, lies outside `folder` (links followed too)."""
    real, base = os.path.realpath(path), os.path.realpath(folder)
    return os.path.commonpath([real, base]) != base


def inside(folder: Path, name: str | PurePath, field: str = "output") -> Path:
    """`folder / name`, where `name` is made from data (`TC.html`, `ds/van-an.docx`);
    a FieldError of `field` when it is absolute, climbs with `..`, or ends outside
    `folder` through a link."""
    text = str(name)
    parts = PurePath(text).parts
    if (not text or PurePath(text).is_absolute() or PurePath(text).drive or ".." in parts or "\\" in text
            or "\x00" in text or escapes(folder / text, folder)):  # fmt: skip
        raise FieldError.one(field, tr(f"tên tệp '{text}' (lấy từ dữ liệu) ra ngoài thư mục {folder}: không ghi",
                                       f"file name '{text}' (made from the data) leaves the folder {folder}: "
                                       "not writing"))  # fmt: skip
    return folder / text


def refused_link(path: Path | str, folder: Path | str) -> TrackerError:
    return TrackerError(tr(f"{path}: là liên kết (symlink) ra ngoài thư mục {folder}: không đọc",
                           f"{path}: is a symbolic link leading out of the folder {folder}: not read"))  # fmt: skip


def loader(folders: list[str]) -> Any:
    """A Jinja loader over `folders` (first found wins) that refuses a template whose
    file, links followed, is not inside the folder it was found in."""
    import jinja2

    class Confined(jinja2.FileSystemLoader):
        def get_source(self, environment: Any, template: str) -> Any:
            pieces = jinja2.loaders.split_template_path(template)
            for folder in self.searchpath:
                path = os.path.join(folder, *pieces)
                if os.path.lexists(path) and escapes(path, folder):
                    raise refused_link(path, folder)
                if os.path.isfile(path):
                    break
            return super().get_source(environment, template)

    return Confined(folders)
