"""Where things are: the data directory, its files, and how a path is shown."""

import contextlib
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from tracker.confined import ATTACHED_NAME, escapes, safe_stem
from tracker.errors import DataError, Problem, UsageError
from tracker.i18n import Said, os_error, said, tr
from tracker.sizes import MAX_ATTACHMENT, MAX_BYTES, attachment_too_large, too_large

DEPARTMENTS = "departments.yaml"
CATEGORIES = "categories.yaml"
FOLLOWUP = "followup.yaml"
REPORTS = "reports.yaml"  # the register of the periodic reports sent
COMMUNES = "communes"
FILES = "files"  # scanned documents kept with the data (`tracker attach`): files/NAME
SCHEMAS = "schemas"
ENV_VAR = "TRACKER_DATA_DIR"
LOCK = ".tracker.lock"  # held by the one command that writes (locking.py)
JOURNAL = ".tracker-journal.json"  # a write of several files that a crash cut short (saving.py)


def find_data_dir(explicit: Path | None = None, start: Path | None = None) -> Path:
    """`--data-dir`, else $TRACKER_DATA_DIR, else the nearest `data/` holding
    departments.yaml from the current directory upwards (as git finds `.git`)."""
    chosen = explicit or (Path(os.environ[ENV_VAR]) if os.environ.get(ENV_VAR) else None)
    if chosen is not None:
        if not (chosen / DEPARTMENTS).is_file():
            raise UsageError(
                tr(
                    f"{chosen}: không phải thư mục dữ liệu (thiếu {DEPARTMENTS}); tạo bằng `tracker init`",
                    f"{chosen}: not a data directory (no {DEPARTMENTS}); create one with `tracker init`",
                ),
            )
        return chosen
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if folder.name == "data" and (folder / DEPARTMENTS).is_file():
            return folder
        if (folder / "data" / DEPARTMENTS).is_file():
            return folder / "data"
    raise UsageError(
        tr(
            "không tìm thấy thư mục data/ (chứa departments.yaml) ở đây hay thư mục cha; "
            "dùng --data-dir, hoặc tạo bằng `tracker init`",
            "no data/ folder (with departments.yaml) here or above; pass --data-dir, or create one with `tracker init`",
        ),
    )


def display(path: Path) -> str:
    """A path as a user would type it: relative to the current directory if below it."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(Path.cwd()))))
    except ValueError:
        return str(path)


def schema_ref(path: Path) -> str:
    """Where a data file's JSON Schema lies, relative to the file (for its modeline)."""
    if path.parent.name == COMMUNES:
        return f"../{SCHEMAS}/commune.schema.json"
    return f"{SCHEMAS}/{path.stem}.schema.json"


def _stray_reason(path: Path) -> Said | None:
    """Why a name in communes/ is not a commune file; None when it is one."""
    if path.name.startswith("."):
        if ".tmp" in path.name and path.name.endswith(".tmp"):
            return said("tệp tạm còn lại sau một lần ghi bị ngắt; lần ghi sau sẽ xóa",
                        "temporary file left by an interrupted write; the next write removes it")  # fmt: skip
        return None
    if path.suffix != ".yaml":
        return said("tệp lạ trong communes/: tệp xã phải có đuôi .yaml", "unexpected file in communes/: use .yaml")
    if not safe_stem(path.stem):
        return said("tên tệp xã chỉ được gồm chữ cái, chữ số, dấu cách, '-' và '_' (ví dụ van-an.yaml): không đọc",
                    "a commune file's name may hold only letters, digits, spaces, '-' and '_' (say van-an.yaml): "
                    "not read")  # fmt: skip
    if _leaves(path):
        return _LEAVES
    if path.is_symlink() and not path.exists():
        return said("liên kết (symlink) hỏng hoặc vòng lặp", "a broken or looping symbolic link")
    if not path.is_file():
        return said("không phải một tệp thường (thư mục, thiết bị hay ống)",
                    "not a regular file (a folder, a device or a pipe)")  # fmt: skip
    return None


class DataDir:
    """The files of one data directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.communes_dir = root / COMMUNES

    def commune_paths(self) -> list[Path]:
        """The commune files: regular `*.yaml` files (others are strays, reported)."""
        return [self.communes_dir / name for name in self.commune_names()]

    def commune_names(self) -> list[str]:
        """The names of `commune_paths`, sorted: what the cache looks at on every command
        (a Path for each of 3,321 files, and their comparison, cost more than the listing)."""
        if not self.communes_dir.is_dir():
            return []
        # One listing, whose entries know their type without a stat each.
        with os.scandir(self.communes_dir) as entries:
            return sorted(e.name for e in entries if _is_yaml(e.name) and _is_file(e))

    def stray_files(self) -> list[Problem]:
        """Files in communes/ that no command reads: reported, never silently skipped."""
        if not self.communes_dir.is_dir():
            return []
        out = []
        for path in sorted(self.communes_dir.iterdir()):
            reason = _stray_reason(path)
            if reason is not None:
                out.append(Problem(display(path), 0, "", "", reason))
        return out

    def headers(self) -> Iterator[tuple[Path, dict[str, str]]]:
        """Each commune file's `commune:` header fields, read from its first lines
        only, so that finding one commune does not parse them all."""
        for path in self.commune_paths():
            yield path, header(path)


_HEADER_FIELD = re.compile(r"^  (code|name|prefix|kind):[ \t]*(['\"]?)(.*?)\2[ \t]*(?:#.*)?$")


def header(path: Path) -> dict[str, str]:
    """The `commune:` header fields of a file, from its first 2 KB."""
    try:
        if _leaves(path):
            return {}
        with path.open("rb") as handle:
            head = handle.read(2048).decode("utf-8", errors="replace")
    except OSError:
        return {}
    lines = head.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    starts = [i for i, line in enumerate(lines) if line.split("#")[0].rstrip() == "commune:"]
    fields: dict[str, str] = {}
    for line in lines[starts[0] + 1 :] if starts else []:
        if not line.startswith("  "):
            break
        match = _HEADER_FIELD.match(line)
        if match:
            fields[match[1]] = match[3]
    return fields


def _is_yaml(name: str) -> bool:
    """A `*.yaml` name, as the system compares names (Windows: any case), whose stem
    is a safe name (it becomes a page's name, a link): others are strays, reported."""
    return os.path.normcase(name).endswith(".yaml") and safe_stem(name[:-5])


def _is_file(entry: os.DirEntry[str]) -> bool:
    """A regular file, or a link to one inside the data folder (a link in a loop, or
    leading out of the data folder, is not: a stray, reported)."""
    try:
        return entry.is_file() and not (entry.is_symlink() and _leaves(Path(entry.path)))
    except OSError:
        return False


def data_root(path: Path) -> Path:
    """The data folder a data file belongs to: the folder above `communes/` for a
    commune file, else the file's own folder."""
    parent = Path(os.path.abspath(path)).parent
    return parent.parent if parent.name == COMMUNES else parent


_LEAVES = said("liên kết (symlink) ra ngoài thư mục dữ liệu: không đọc",
               "a symbolic link leading out of the data folder: not read")  # fmt: skip


def _leaves(path: Path) -> bool:
    """Whether reading `path` would follow a link out of its data folder: no data file
    is read from elsewhere (a committed `categories.yaml → /etc/shadow` would print
    its lines in CI's log). Links that stay inside are followed."""
    return escapes(path, data_root(path))


def read_bytes(path: Path) -> bytes:
    """A data file's bytes; a file that is not a regular one, is too large, or is
    reached through a link leading out of its data folder, is a problem found before
    anything is read (a pipe would hang, a device never end)."""
    shown = display(path)
    if _leaves(path):
        raise DataError([Problem(shown, 0, "", "", _LEAVES)])
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise DataError(
                [
                    Problem(
                        shown,
                        0,
                        "",
                        "",
                        said(
                            "không phải một tệp thường (thư mục, thiết bị hay ống)",
                            "not a regular file (a folder, a device or a pipe)",
                        ),
                    )
                ]
            )
        large = too_large(st.st_size)
        if large:
            raise DataError([Problem(shown, 0, "", "", large)])
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:
        why = os_error(exc)
        message = said(f"không đọc được: {why.vi}", f"cannot read: {why.en}")
        raise DataError([Problem(shown, 0, "", "", message)]) from None


def read_attachment(root: Path, name: str) -> bytes | Said:
    """The bytes of `files/NAME` of the data folder `root`, or why they cannot be
    read: a name that is not an attached file's (`../x`), a file or a `files/` folder
    reached through a link leading out of `files/`, no such file, not a regular one,
    larger than an attachment may be. Nothing outside `files/` is ever opened."""
    folder = root / FILES
    path = folder / name
    if not re.fullmatch(ATTACHED_NAME, name):
        return said(f"'{name}': tên tệp đính kèm không hợp lệ", f"'{name}': not a valid attached file name")
    if escapes(folder, root) or (os.path.lexists(path) and escapes(path, folder)):
        return said(f"{FILES}/{name}: liên kết (symlink) ra ngoài thư mục {FILES}/: không đọc",
                    f"{FILES}/{name}: a symbolic link leading out of the folder {FILES}/: not read")  # fmt: skip
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return said(f"không có tệp {FILES}/{name}", f"no file {FILES}/{name}")
    except OSError as exc:
        with contextlib.suppress(OSError):
            if not stat.S_ISREG(os.lstat(path).st_mode) and not stat.S_ISLNK(os.lstat(path).st_mode):
                return said(f"{FILES}/{name} không phải một tệp thường", f"{FILES}/{name} is not a regular file")
        why = os_error(exc)
        return said(f"không đọc được {FILES}/{name}: {why.vi}", f"cannot read {FILES}/{name}: {why.en}")
    st = os.fstat(fd)
    if not stat.S_ISREG(
        st.st_mode
    ):  # a folder, a FIFO, a socket, a device: asked before fdopen, which refuses a folder
        os.close(fd)
        return said(f"{FILES}/{name} không phải một tệp thường", f"{FILES}/{name} is not a regular file")
    with os.fdopen(fd, "rb") as handle:
        return attachment_too_large(st.st_size) or handle.read(MAX_ATTACHMENT + 1)


def read_scan(root: Path, name: str, sha256: str) -> bytes | Said:
    """The bytes of the attached `files/NAME` if they are those whose SHA-256 the
    record keeps; else why not (`read_attachment`'s reasons, or bytes replaced):
    what `validate` reports and the site leaves out with a warning."""
    data = read_attachment(root, name)
    if isinstance(data, bytes) and hashlib.sha256(data).hexdigest() != sha256:
        return said(f"{FILES}/{name} không khớp SHA-256 đã ghi: tệp đã bị thay hoặc hỏng",
                    f"{FILES}/{name} does not match its recorded SHA-256: replaced or damaged")  # fmt: skip
    return data
