"""The only module that touches data files: find the data directory, read files
strictly (every problem located), write them canonically, atomically, under a lock.
"""

import contextlib
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from tracker import layout, yamlio
from tracker.errors import DataError, Problem, TrackerError, UsageError
from tracker.i18n import tr
from tracker.models import Categories, CommuneFile, Departments, to_plain
from tracker.validation import problems_from_pydantic

DEPARTMENTS = "departments.yaml"
CATEGORIES = "categories.yaml"
COMMUNES = "communes"
LOCK = ".tracker.lock"
ENV_VAR = "TRACKER_DATA_DIR"

M = TypeVar("M", bound=BaseModel)


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


@dataclass
class Doc(Generic[M]):
    """A data file as read: its text (to rewrite minimally), parse and model."""

    path: Path
    text: str
    loaded: yamlio.Loaded
    model: M
    crlf: bool = False
    bom: bool = False


def display(path: Path) -> str:
    """A path as a user would type it: relative to the current directory if below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_text(path: Path) -> tuple[str, bool, bool]:
    """The file's text with LF line ends, and whether it had CRLF ends and a BOM."""
    return decode(read_bytes(path), display(path))


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        message = tr(f"không đọc được: {exc.strerror}", f"cannot read: {exc.strerror}")
        raise DataError([Problem(display(path), 0, "", "", message)]) from None


def decode(raw: bytes, shown: str) -> tuple[str, bool, bool]:
    try:
        text = yamlio.decode(raw)
    except yamlio.YamlProblem as exc:
        raise DataError([Problem(shown, exc.line, "", "", exc.message)]) from None
    crlf = "\r\n" in text
    return text.replace("\r\n", "\n"), crlf, raw.startswith(b"\xef\xbb\xbf")


def read(path: Path, model: type[M], raw: bytes | None = None) -> Doc[M]:
    """Read and validate one file (or its bytes, already read); DataError lists every
    problem in it."""
    text, crlf, bom = read_text(path) if raw is None else decode(raw, display(path))
    loaded, instance = parse(text, display(path), model)
    return Doc(path, text, loaded, instance, crlf, bom)


def parse(text: str, shown: str, model: type[M]) -> tuple[yamlio.Loaded, M]:
    """Validate YAML text as `model`; problems name `shown` as the file."""
    try:
        loaded = yamlio.load(text)
    except yamlio.YamlProblem as exc:
        raise DataError([Problem(shown, exc.line, "", "", exc.message)]) from None
    if not isinstance(loaded.data, dict):
        message = tr("tệp rỗng hoặc không phải một bảng khóa: giá trị", "empty, or not a mapping of keys")
        raise DataError([Problem(shown, 1, "", "", message)])
    try:
        return loaded, model.model_validate(loaded.data)
    except ValidationError as exc:
        raise DataError(problems_from_pydantic(exc, loaded, shown)) from None


def plain(model: BaseModel) -> dict[str, Any]:
    """The stored form of a model; commune files always show both lists."""
    data = to_plain(model)
    if isinstance(model, CommuneFile):
        data = {
            "commune": data["commune"],
            "issues": data.get("issues", []),
            "action_plan": data.get("action_plan", []),
            **data,
        }
    return data


def canonical(model: BaseModel, path: Path) -> str:
    return layout.render(plain(model), schema_ref(path))


SCHEMAS = "schemas"


def schema_ref(path: Path) -> str:
    """Where a data file's JSON Schema lies, relative to the file (for its modeline)."""
    if path.parent.name == COMMUNES:
        return f"../{SCHEMAS}/commune.schema.json"
    return f"{SCHEMAS}/{path.stem}.schema.json"


# ------------------------------------------------------------------ the layout


class DataDir:
    """The files of one data directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.communes_dir = root / COMMUNES

    def departments(self) -> Departments:
        return read(self.root / DEPARTMENTS, Departments).model

    def categories(self) -> Categories:
        path = self.root / CATEGORIES
        if not path.exists():
            return Categories(categories=[])
        return read(path, Categories).model

    def commune_paths(self) -> list[Path]:
        if not self.communes_dir.is_dir():
            return []
        return sorted(self.communes_dir.glob("*.yaml"))

    def stray_files(self) -> list[Path]:
        """Files in communes/ that no command reads: reported, never silently skipped."""
        if not self.communes_dir.is_dir():
            return []
        return sorted(
            p
            for p in self.communes_dir.iterdir()
            if not p.name.startswith(".") and not (p.is_file() and p.suffix == ".yaml")
        )

    def commune(self, path: Path) -> Doc[CommuneFile]:
        return read(path, CommuneFile)

    def headers(self) -> Iterator[tuple[Path, dict[str, str]]]:
        """Each commune file's `commune:` header fields, read from its first lines
        only, so that finding one commune does not parse them all."""
        for path in self.commune_paths():
            yield path, header(path)

    def find(self, key: str, value: str, match: Callable[[dict[str, str]], bool]) -> list[Path]:
        """Commune files whose header `match`es: the cache's hint first (confirmed by
        reading that file's header), else every file's header."""
        from tracker import cache

        hinted = [self.communes_dir / name for name in cache.hint(self, key, value)]
        confirmed = [p for p in hinted if p.is_file() and match(header(p))]
        if confirmed:
            return confirmed
        return [p for p, header in self.headers() if match(header)]

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Serialise writers: two commands adding to one commune must not both take VA-7."""
        with _file_lock(self.root / LOCK):
            yield


_HEADER_FIELD = re.compile(r"^  (code|name|prefix|kind):[ \t]*(['\"]?)(.*?)\2[ \t]*(?:#.*)?$")


def header(path: Path) -> dict[str, str]:
    """The `commune:` header fields of a file, from its first 2 KB."""
    try:
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


# ------------------------------------------------------------------ writing


def write_doc(doc: Doc[M], new_model: M) -> bool:
    """Write `new_model` over `doc`, changing only the records that differ.

    Returns whether the file changed. Comments and blank lines are kept."""
    text = layout.rewrite(doc.text, plain(doc.model), plain(new_model))
    return _replace_if_changed(doc, text)


def reformat_doc(doc: Doc[Any], write: bool) -> bool:
    """Bring `doc` into canonical form (comments kept); return whether it differed."""
    text = layout.reformat(doc.text, plain(doc.model), schema_ref(doc.path))
    if text == doc.text:
        return False
    if write:
        atomic_write(doc.path, _encode(text, doc.crlf, doc.bom))
    return True


def create(path: Path, model: BaseModel) -> None:
    if path.exists():
        raise UsageError(tr(f"{display(path)} đã tồn tại", f"{display(path)} already exists"))
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, canonical(model, path).encode("utf-8"))


def read_if_exists(path: Path) -> str | None:
    try:
        return path.read_text("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return ""


def write_output(path: Path, text: str | bytes, data_dir: Path) -> None:
    """Write a report or export where the user asked, never over the data itself."""
    target = path.resolve()
    if not target.parent.is_dir():
        raise UsageError(
            tr(
                f"--output: thư mục {display(path.parent)} không tồn tại",
                f"--output: folder {display(path.parent)} does not exist",
            )
        )
    if target.is_dir():
        raise UsageError(tr(f"--output: {display(path)} là một thư mục", f"--output: {display(path)} is a folder"))
    if target.is_relative_to(data_dir.resolve()):
        raise UsageError(
            tr(
                f"--output: không ghi vào thư mục dữ liệu ({display(data_dir)})",
                f"--output: not writing inside the data folder ({display(data_dir)})",
            )
        )
    atomic_write(target, text.encode("utf-8") if isinstance(text, str) else text)


def _replace_if_changed(doc: Doc[Any], text: str) -> bool:
    if text == doc.text:
        return False
    atomic_write(doc.path, _encode(text, doc.crlf, doc.bom))
    return True


def _encode(text: str, crlf: bool, bom: bool) -> bytes:
    # Keep the file's own line ends and BOM: a Windows editor's file stays one.
    if crlf:
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename over it: a reader, or a
    crash, sees the old file or the new one, never half of one."""
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise TrackerError(
            tr(f"{display(path)}: không ghi được: {exc.strerror}", f"{display(path)}: cannot write: {exc.strerror}")
        ) from None


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
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
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)  # retries for 10 s, then raises
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
