"""The one write path. Every command that changes a data file comes through `save`
or `save_all`: they take the lock, validate what will be written, keep the file's
line ends, BOM and hand-written comments, and replace the file atomically. Several
files are all replaced or none: a journal names the staged files, and the next
write (or this one, if it is interrupted) completes it.
"""

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from tracker import layout
from tracker.errors import DataError, FieldError, Problem, TrackerError, UsageError
from tracker.i18n import tr
from tracker.models import CommuneFile
from tracker.store.locking import locked
from tracker.store.paths import COMMUNES, JOURNAL, display, read_bytes, schema_ref
from tracker.store.reading import Doc, canonical, parse, plain
from tracker.validation import Registry, check_commune

M = TypeVar("M", bound=BaseModel)


@dataclass
class _Write:
    """One file to write: the texts that may say `model` (the first that reads back
    as it is written; each made only if the one before does not), what the file held
    when it was read, its line ends and BOM."""

    path: Path
    before: bytes | None
    candidates: list[Callable[[], str]]
    model: BaseModel
    old: BaseModel | None = None  # the version read, to tell which records changed
    crlf: bool = False
    bom: bool = False


def save(doc: Doc[M], new: M, root: Path, registry: Registry | None = None, reformat: bool = False) -> bool:
    """Write `new` over `doc`: only the records that changed (all of it in canonical
    form with `reformat`). Returns whether the file changed. See `save_all`."""
    return bool(save_all([(doc, new)], root, registry, reformat))


def save_all(
    pairs: Sequence[tuple[Doc[Any], BaseModel]],
    root: Path,
    registry: Registry | None = None,
    reformat: bool = False,
    dry_run: bool = False,
) -> list[Path]:
    """Write each `new` over its `doc`, all or nothing; the files that changed.

    Only the records that changed are rewritten (the whole file in canonical form
    with `reformat`, or when splicing cannot keep a comment in place); comments and
    blank lines written by hand stay. See `_commit` for what is checked."""
    writes = []
    for doc, new in pairs:
        data = plain(new)
        whole = partial(layout.reformat, doc.text, data, schema_ref(doc.path))
        spliced = partial(layout.rewrite, doc.text, plain(doc.model), data)
        candidates: list[Callable[[], str]] = [whole] if reformat else [spliced, whole]
        writes.append(_Write(doc.path, doc.raw, candidates, new, doc.model, doc.crlf, doc.bom))
    return _commit(writes, root, registry, dry_run)


@dataclass
class Merged:
    """The result of a merge, to write over a file git left in conflict (or over the
    merge driver's file): the first of `candidates` that reads back as `model`."""

    path: Path
    before: bytes
    candidates: list[str]
    model: CommuneFile
    ours: CommuneFile  # our side: the records that differ from it are checked
    crlf: bool = False
    bom: bool = False


def save_merged(files: list[Merged], root: Path, registry: Registry | None) -> list[Path]:
    """Write merged files, all or none; see `_commit` for what is checked."""
    writes = [_Write(m.path, m.before, [partial(str, t) for t in m.candidates], m.model, m.ours, m.crlf, m.bom)
              for m in files]  # fmt: skip
    return _commit(writes, root, registry)


def _commit(writes: list[_Write], root: Path, registry: Registry | None, dry_run: bool = False) -> list[Path]:
    """The one write path. Under the lock: every file must hold what it held when it
    was read; each new version is validated as a whole, must read back as exactly
    the model meant, and (commune files) is checked against `registry` — problems of
    records that did not change are left to `validate`. Then every file is replaced,
    or none; nothing at all with `dry_run`."""
    with locked(root):
        staged: list[tuple[Path, bytes]] = []
        problems: list[Problem] = []
        for write in writes:
            _unchanged_since_read(write.path, write.before)
            try:
                data = _encode(_checked(write, registry), write.crlf, write.bom)
            except DataError as exc:
                problems += exc.problems
                continue
            if data != write.before:
                staged.append((write.path, data))
        if problems:
            raise DataError(problems)
        if not dry_run:
            _replace_all(staged, root)
    return [path for path, _ in staged]


def create(path: Path, model: BaseModel, root: Path) -> None:
    """A new data file in canonical form; never over an existing one."""
    with locked(root):
        if path.exists() or path.is_symlink():
            raise UsageError(tr(f"{display(path)} đã tồn tại", f"{display(path)} already exists"))
        path.parent.mkdir(parents=True, exist_ok=True)
        _commit([_Write(path, None, [partial(canonical, model, path)], model)], root, None)


def save_text(path: Path, text: str, root: Path, crlf: bool = False, bom: bool = False) -> bool:
    """A text file tracker writes beside the data (a schema, `.gitattributes`), with
    the line ends and BOM it had; whether it changed."""
    data = _encode(text, crlf, bom)
    with locked(root):
        with contextlib.suppress(OSError):
            if path.read_bytes() == data:
                return False
        path.parent.mkdir(parents=True, exist_ok=True)
        _replace_all([(path, data)], root)
    return True


def write_output(path: Path, data: str | bytes | Iterable[str | bytes], data_dir: Path) -> None:
    """Write a report or export where the user asked, never over the data itself;
    a place that cannot be written is a FieldError of `output`. `data` may come in
    pieces (a national export is written as it is made, never held whole)."""
    try:
        target = path.resolve()
        if not target.parent.is_dir():
            raise FieldError.one("output", tr(f"thư mục {display(path.parent)} không tồn tại",
                                              f"folder {display(path.parent)} does not exist"))  # fmt: skip
        if target.is_dir():
            raise FieldError.one("output", tr(f"{display(path)} là một thư mục", f"{display(path)} is a folder"))
        refuse_inside(target, data_dir)
        pieces = [data] if isinstance(data, str | bytes) else data
        atomic_write(target, (p.encode("utf-8") if isinstance(p, str) else p for p in pieces))
    except OSError as exc:
        raise FieldError.one("output", tr(f"{display(path)}: không ghi được: {exc.strerror}",
                                          f"{display(path)}: cannot write: {exc.strerror}")) from None  # fmt: skip


def refuse_inside(target: Path, data_dir: Path) -> None:
    """An output (a report, an export, a site) is never written inside the data folder."""
    if target.resolve().is_relative_to(data_dir.resolve()):
        raise FieldError.one("output", tr(f"không ghi vào thư mục dữ liệu ({display(data_dir)})",
                                          f"not writing inside the data folder ({display(data_dir)})"))  # fmt: skip


def write_page(folder: Path, name: str, data: str) -> bool:
    """One page of a generated site, `name` (a/b.html) under `folder`, written only
    when its bytes change (so a rebuild touches what changed and a publish diffs
    only that); without fsync, as a site is made again from the data. Whether it
    was written."""
    path = folder / name
    raw = data.encode("utf-8")
    try:
        if path.is_file() and path.stat().st_size == len(raw) and path.read_bytes() == raw:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(raw)
        os.replace(tmp, path)
        return True
    except OSError as exc:
        raise FieldError.one("output", tr(f"{display(path)}: không ghi được: {exc.strerror}",
                                          f"{display(path)}: cannot write: {exc.strerror}")) from None  # fmt: skip


# ------------------------------------------------------------------ checking


def _unchanged_since_read(path: Path, before: bytes | None) -> None:
    if before is None:
        return
    try:
        now = read_bytes(path)
    except DataError:
        now = b""
    if now != before:
        raise TrackerError(tr(f"{display(path)} đã thay đổi từ khi được đọc; hãy chạy lại",
                              f"{display(path)} changed since it was read; run again"))  # fmt: skip


def _checked(write: _Write, registry: Registry | None) -> str:
    """The first candidate text that reads back as the model; DataError for problems
    of the records that changed."""
    shown = display(write.path)
    try:
        model = type(write.model).model_validate(plain(write.model))
    except ValidationError as exc:  # a value assigned past validation: name the record
        from tracker.validation import problems_from_pydantic
        from tracker.yamlio import Loaded

        raise DataError(problems_from_pydantic(exc, Loaded(plain(write.model)), shown, type(write.model))) from None
    for make in write.candidates:
        text = make()
        try:
            loaded, back = parse(text, shown, type(model))
        except DataError:
            continue
        if back == model:
            if registry is not None and isinstance(back, CommuneFile):
                changed = _changed_records(write.old, back)
                problems = [p for p in check_commune(back, loaded, shown, registry, check_ids=False)
                            if p.record in changed]  # fmt: skip
                if problems:
                    raise DataError(problems)
            return text
    raise TrackerError(
        tr(
            f"{shown}: không thể giữ nguyên các chú thích (#) viết tay khi ghi tệp này; "
            "hãy chuyển chú thích ra ngoài đoạn văn bản nhiều dòng rồi chạy lại",
            f"{shown}: cannot keep the hand-written comments (#) of this file in place; "
            "move them out of multi-line text and run again",
        ),
    )


def _changed_records(old: BaseModel | None, new: CommuneFile) -> set[str]:
    """IDs of the records of `new` that are not in `old` as they are (and `commune`
    when the header changed)."""
    before = plain(old) if isinstance(old, CommuneFile) else {}
    after = plain(new)
    out = {"commune"} if before.get("commune") != after["commune"] else set()
    for section in ("issues", "action_plan"):
        kept = [r for r in before.get(section, []) if isinstance(r, dict)]
        out |= {r["id"] for r in after[section] if r not in kept}
    return out


def _encode(text: str, crlf: bool, bom: bool) -> bytes:
    # Keep the file's own line ends and BOM: a Windows editor's file stays one.
    if crlf:
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


# ------------------------------------------------------------------ replacing


def _target(path: Path, root: Path) -> Path:
    """Where to write `path`: through a symbolic link to its target (the link stays
    a link), as long as that target is inside the data folder."""
    if not path.is_symlink():
        return path
    target = path.resolve()
    if not target.is_relative_to(root.resolve()):
        raise TrackerError(tr(f"{display(path)} là liên kết ra ngoài thư mục dữ liệu ({target}): không ghi",
                              f"{display(path)} links outside the data folder ({target}): not writing"))  # fmt: skip
    return target


def _replace_all(staged: list[tuple[Path, bytes]], root: Path) -> None:
    """Replace every file, or none: one file by a rename; several through a journal."""
    staged = [(_target(path, root), data) for path, data in staged]
    if len(staged) == 1:
        atomic_write(*staged[0])
        return
    if not staged:
        return
    temps: list[tuple[str, Path]] = []
    try:
        for path, data in staged:
            temps.append((_stage(path, data), path))
        _write_journal(root, temps)
    except BaseException:
        for tmp, _ in temps:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    _complete(root)


def _stage(path: Path, data: bytes | Iterable[bytes]) -> str:
    """`data` (or its pieces, as they come) in a temporary file beside `path`, on
    disk; its name."""
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            for piece in [data] if isinstance(data, bytes) else data:
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
    except BaseException as exc:  # a piece that failed to be made leaves nothing behind either
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if not isinstance(exc, OSError):
            raise
        raise TrackerError(
            tr(f"{display(path)}: không ghi được: {exc.strerror}", f"{display(path)}: cannot write: {exc.strerror}")
        ) from None
    return tmp


def atomic_write(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write to a temporary file beside `path`, then rename over it: a reader, or a
    crash, sees the old file or the new one, never half of one."""
    tmp = _stage(path, data)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise TrackerError(
            tr(f"{display(path)}: không ghi được: {exc.strerror}", f"{display(path)}: cannot write: {exc.strerror}")
        ) from None


def _where(path: Path | str, root: Path) -> str:
    path = Path(path)
    with contextlib.suppress(ValueError):
        return path.relative_to(root).as_posix()
    return str(path)


def _write_journal(root: Path, temps: list[tuple[str, Path]]) -> None:
    entries = [[_where(tmp, root), _where(target, root)] for tmp, target in temps]
    atomic_write(root / JOURNAL, json.dumps({"replace": entries}, ensure_ascii=False).encode("utf-8"))


def _complete(root: Path) -> None:
    """Rename every staged file of the journal over its target, then drop it."""
    journal = root / JOURNAL
    try:
        entries = json.loads(journal.read_text("utf-8"))["replace"]
    except (OSError, ValueError, KeyError, TypeError):
        entries = None
    if entries is None:
        if journal.exists():  # damaged: written before any rename could start
            journal.unlink()
        return
    for tmp, target in entries:
        source = root / tmp
        if source.exists():
            try:
                os.replace(source, root / target)
            except OSError as exc:
                message = tr(f"{target}: không hoàn tất được lần ghi dở: {exc.strerror}",
                             f"{target}: cannot complete an interrupted write: {exc.strerror}")  # fmt: skip
                raise TrackerError(message) from None
    journal.unlink()


def recover(root: Path) -> None:
    """Under the lock: finish a many-file write that was interrupted after it was
    staged, and remove temporary files of writes interrupted before that."""
    if (root / JOURNAL).exists():
        _complete(root)
    for folder in (root, root / COMMUNES):
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                if entry.name.startswith(".") and entry.name.endswith(".tmp") and entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


__all__ = ["JOURNAL", "atomic_write", "create", "recover", "save", "save_all", "save_text", "write_output"]
