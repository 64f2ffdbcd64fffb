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


# The name of a file kept under data/files/ (`tracker attach`): lower-case ASCII
# letters, digits and `-`, then at most one extension: `va-1-cong-van-45.pdf`. It
# names a file in the data and a link of the site, so nothing else (no dot first,
# no `..`, no `/`). Checked by `validate` and the JSON Schema (models.Attachment).
ATTACHED_NAME = r"^[a-z0-9][a-z0-9-]{0,99}(\.[a-z0-9]{1,10})?$"


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


# ------------------------------------------------------------------ bounded templates
#
# A data repository's templates (`templates/*.j2`, `templates/lang/*.j2`) come with any
# pull request. Jinja's sandbox keeps them from Python's internals, not from using the
# machine: a loop of 10^5 x 10^5 (range() stops at 10^5, not two of them), 'x' *
# 4000000000, a macro calling itself, a file including itself. These bound each.

TEMPLATE_SECONDS = 30.0  # a report's templates; a national report renders in seconds
WORDING_SECONDS = 5.0  # a wording file sets labels: every command, `list` too, reads it
MAX_OUTPUT = 100_000_000  # characters a template may write
MAX_VALUE = 10_000_000  # characters (or items) one operation may make: 'x' * n


class TemplateLimit(Exception):
    """A template went past one of the limits above."""


def _too_big(size: int) -> None:
    if size > MAX_VALUE:
        raise TemplateLimit(tr(f"một phép tính tạo ra {size:,} ký tự (tối đa {MAX_VALUE:,})",
                               f"one operation makes {size:,} characters (at most {MAX_VALUE:,})"))  # fmt: skip


def _measured(left: Any, right: Any, operator: str) -> None:
    """Refuse an operation whose result would be too large, before making it."""
    sized = (str, bytes, list, tuple)
    if operator == "*":
        if isinstance(left, sized) and isinstance(right, int):
            _too_big(len(left) * right)
        elif isinstance(right, sized) and isinstance(left, int):
            _too_big(len(right) * left)
    elif operator == "+" and isinstance(left, sized) and isinstance(right, sized):
        _too_big(len(left) + len(right))
    elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
        _too_big(right * max(abs(left).bit_length(), 1) // 3)  # about the digits it would print
    elif operator == "%" and isinstance(left, str) and re.search(r"%[-+ #0]*(\*|\d{7,})", left):
        _too_big(MAX_VALUE + 1)


def sandbox(**options: Any) -> Any:
    """Jinja's immutable sandbox, with operations that would make values past
    MAX_VALUE refused (`'x' * 4000000000`)."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Bounded(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset(["*", "+", "**", "%"])

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _measured(left, right, operator)
            return super().call_binop(context, operator, left, right)

    return Bounded(**options)


class Deadline:
    """Raise TemplateLimit in the code running when `seconds` have passed (a timer
    signal: POSIX, main thread; elsewhere no time limit, the other limits hold)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = False

    def __enter__(self) -> "Deadline":
        import signal
        import threading

        if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
            return self
        seconds = self.seconds

        def expired(signum: int, frame: Any) -> None:
            raise TemplateLimit(tr(f"chạy quá {seconds:g} giây", f"ran longer than {seconds:g} seconds"))

        self.before = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        self.armed = True
        return self

    def __exit__(self, *exc: object) -> None:
        import signal

        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.before)


def bounded_render(template: Any, values: dict[str, Any]) -> str:
    """`template` rendered, its output no longer than MAX_OUTPUT characters."""
    parts: list[str] = []
    size = 0
    for piece in template.generate(values):
        size += len(piece)
        if size > MAX_OUTPUT:
            raise TemplateLimit(tr(f"viết ra quá {MAX_OUTPUT:,} ký tự", f"writes more than {MAX_OUTPUT:,} characters"))
        parts.append(piece)
    return "".join(parts)


# What a template may do wrong: each becomes one error naming its file.
TEMPLATE_FAULTS = (TemplateLimit, RecursionError, MemoryError)
