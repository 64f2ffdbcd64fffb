"""The one write path. Every command that changes a data file comes through `save`
or `save_all`: they take the lock, validate what will be written, keep the file's
line ends, BOM and hand-written comments, and replace the file atomically. Several
files are all replaced or none: a journal names the staged files, and the next
write (or this one, if it is interrupted) completes it.
"""

import contextlib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from tracker import layout
from tracker.confined import ATTACHED_NAME, escapes
from tracker.errors import DataError, FieldError, Problem, TrackerError, UsageError
from tracker.i18n import os_error, tr
from tracker.models import CommuneFile
from tracker.registry import Registry
from tracker.store import files
from tracker.store.files import atomic_write
from tracker.store.journal import locked, replace_all
from tracker.store.paths import FILES, display, read_bytes, schema_ref
from tracker.store.reading import Doc, canonical, parse, plain, read_text_file
from tracker.validation import check_commune
from tracker.yamlio import unreadable

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
    attach: Sequence[tuple[str, bytes]] = (),
) -> list[Path]:
    """Write each `new` over its `doc`, all or nothing; the files that changed.

    Only the records that changed are rewritten (the whole file in canonical form
    with `reformat`, or when splicing cannot keep a comment in place); comments and
    blank lines written by hand stay. `attach`: files to keep under `files/` in the
    same write (`tracker attach`: the scan and the record naming it, both or neither).
    See `_commit` for what is checked."""
    writes = []
    for doc, new in pairs:
        data = plain(new)
        whole = partial(layout.reformat, doc.text, data, schema_ref(doc.path))
        spliced = partial(layout.rewrite, doc.text, plain(doc.model), data)
        candidates: list[Callable[[], str]] = [whole] if reformat else [spliced, whole]
        writes.append(_Write(doc.path, doc.raw, candidates, new, doc.model, doc.crlf, doc.bom))
    return _commit(writes, root, registry, dry_run, attach)


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


def _commit(writes: list[_Write], root: Path, registry: Registry | None, dry_run: bool = False,
            attach: Sequence[tuple[str, bytes]] = ()) -> list[Path]:  # fmt: skip
    """The one write path. Under the lock: every file must hold what it held when it
    was read; each new version is validated as a whole, must read back as exactly
    the model meant, and (commune files) is checked against `registry` — problems of
    records that did not change are left to `validate`. Then every file is replaced,
    or none; nothing at all with `dry_run`."""
    with locked(root):
        staged: list[tuple[Path, bytes]] = [(_attached(root, name), data) for name, data in attach]
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
            if attach:
                (root / FILES).mkdir(exist_ok=True)
            replace_all(staged, root)
    return [path for path, _ in staged]


def _attached(root: Path, name: str) -> Path:
    """Where a file to keep goes: `files/NAME`, a new name (never over a file, never
    through a link), in a `files/` folder that is no link out of the data folder."""
    folder, shown = root / FILES, f"{FILES}/{name}"
    if not re.fullmatch(ATTACHED_NAME, name):
        raise TrackerError(tr(f"{shown}: tên tệp đính kèm không hợp lệ: không ghi",
                              f"{shown}: not a valid attached file name: not writing"))  # fmt: skip
    if escapes(folder, root):
        raise TrackerError(tr(f"{FILES}/ là liên kết (symlink) ra ngoài thư mục dữ liệu: không ghi {shown}",
                              f"{FILES}/ is a symbolic link out of the data folder: not writing {shown}"))  # fmt: skip
    if os.path.lexists(folder / name):
        raise TrackerError(tr(f"{shown}: đã có một tệp tên này: không ghi đè",
                              f"{shown}: a file of this name exists already: not writing over it"))  # fmt: skip
    return folder / name


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
        replace_all([(path, data)], root)
    return True


def add_lines(path: Path, wanted: Sequence[str], root: Path) -> bool:
    """Append to a text file tracker keeps lines in (`.gitattributes`, `.gitignore`)
    the lines of `wanted` it lacks, keeping its own lines, line ends and BOM; one that
    cannot be read is refused, never replaced. Whether it changed."""
    text, crlf, bom = read_text_file(path) or ("", False, False)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    missing = [line for line in wanted if line not in lines]
    if not missing:
        return False
    return save_text(path, "\n".join([*lines, *missing]) + "\n", root, crlf, bom)


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
        raise FieldError.one("output", tr(f"{display(path)}: không ghi được: {os_error(exc).vi}",
                                          f"{display(path)}: cannot write: {os_error(exc).en}")) from None  # fmt: skip


def refuse_inside(target: Path, data_dir: Path) -> None:
    """An output (a report, an export, a site) is never written inside the data folder."""
    if target.resolve().is_relative_to(data_dir.resolve()):
        raise FieldError.one("output", tr(f"không ghi vào thư mục dữ liệu ({display(data_dir)})",
                                          f"not writing inside the data folder ({display(data_dir)})"))  # fmt: skip


def write_page(folder: Path, name: str, data: str | bytes) -> bool:
    """One page of a generated site, `name` (a/b.html) under `folder`, written only
    when its bytes change (so a rebuild touches what changed and a publish diffs
    only that); through the one temporary-file writer, without fsync (files.py says
    why). Whether it was written. Bytes are a file copied as it is (a scan)."""
    path = folder / name
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.is_file() and path.stat().st_size == len(raw) and path.read_bytes() == raw:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        files.replace(path, raw, sync=False)
        return True
    except OSError as exc:
        raise FieldError.one("output", tr(f"{display(path)}: không ghi được: {os_error(exc).vi}",
                                          f"{display(path)}: cannot write: {os_error(exc).en}")) from None  # fmt: skip


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
        too_big = unreadable(text)
        if too_big is not None:  # the reader would refuse it: never write what cannot be read back
            raise DataError([Problem(shown, 0, "", "", too_big)])
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


__all__ = ["atomic_write", "create", "save", "save_all", "save_text", "write_output"]
