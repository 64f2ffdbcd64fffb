"""What issues and plan items share: building them from typed values, their history
entries, saving a changed commune file, showing one record, renumbering."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tracker import dates, ids, store
from tracker.cache import CommuneRow, Full
from tracker.dates import today
from tracker.errors import DataError, FieldError, UsageError
from tracker.i18n import os_error, tr
from tracker.models import Attachment, CommuneFile, ExtensionStep, HistoryEntry, Issue, PlanItem
from tracker.ops import find
from tracker.ops.workspace import Workspace
from tracker.sizes import attachment_too_large
from tracker.text import nfc, slugify
from tracker.validation import describe


def _normal(value: Any) -> Any:  # the models expect NFC text, as the YAML loader gives
    if isinstance(value, str):
        return nfc(value)
    return [_normal(v) for v in value] if isinstance(value, list) else value


def build(model: type[Any], **values: Any) -> Any:
    """A model from typed values; a bad value is a FieldError naming its field."""
    try:
        return model(**{k: _normal(v) for k, v in values.items() if v is not None})
    except ValidationError as exc:
        raise FieldError([(str(e["loc"][0]), str(describe(e, model))) for e in exc.errors()]) from None


def assign(record: Any, key: str, value: Any) -> None:
    """Set one field; a value the model refuses is a FieldError naming it."""
    try:
        setattr(record, key, _normal(value))
    except ValidationError as exc:
        raise FieldError.one(key, str(describe(exc.errors()[0]))) from None


def entry(
    by: str,
    status: str | None = None,
    was: dict[str, Any] | None = None,
    note: str | None = None,
    milestones_done: list[int] | None = None,
    extension: ExtensionStep | None = None,
    doc: str | None = None,
) -> HistoryEntry:
    """A history entry of today: the status a change left, the values it replaced, a
    request for a new deadline or its decision, why."""
    entry: HistoryEntry = build(HistoryEntry, date=today(), by=by, status=status, was=was or None,
                                milestones_done=milestones_done or None, extension=extension, note=note,
                                doc=doc.strip() if doc and doc.strip() else None)  # fmt: skip
    return entry


def save(ws: Workspace, doc: store.Doc[CommuneFile], cf: CommuneFile, typed: str | None = None) -> None:
    """Save a changed commune file through the store. Problems of the record whose
    values the user just typed (`typed`) name its fields, not lines of a file."""
    try:
        store.save(doc, cf, ws.root, ws.registry())
    except DataError as exc:
        if typed is not None and all(p.record == typed for p in exc.problems):
            raise FieldError([(p.field, str(p.message)) for p in exc.problems]) from None
        raise


@dataclass(frozen=True)
class Attached:
    """What `attach` did: the file as the record names it, whether it is new (the
    same bytes attached again change nothing), and whether the same bytes put back
    the record's file that had gone missing from `files/` (`restored`)."""

    ident: str
    file: Attachment
    new: bool
    restored: bool = False


def attach(ws: Workspace, ident: str, source: Path, by: str | None = None) -> Attached:
    """Keep the scanned document `source` under `files/` of the data folder, named
    for the record and the file (`va-1-cong-van-45.pdf`), and name it, with its
    SHA-256, in the record's `files`: both in one write, or neither."""
    data = _scan(source)
    sha = hashlib.sha256(data).hexdigest()
    by = ws.user(by)
    with store.locked(ws.root):
        doc, section, index = find.record(ws, ident)
        cf = doc.model.model_copy(deep=True)
        rec: Issue | PlanItem = getattr(cf, section)[index]
        kept = next((f for f in rec.files if f.sha256 == sha), None)
        if kept is not None:  # the same bytes again: kept already (put back if its file went missing)
            restored = not os.path.lexists(ws.root / store.FILES / kept.file)
            if restored:  # through the store: under the lock, atomically, never through a link out
                store.save_all([], ws.root, attach=[(kept.file, data)])
            return Attached(rec.id, kept, False, restored)
        stem = slugify(source.stem)[:60].strip("-") or "tep"
        ext = source.suffix.lower() if re.fullmatch(r"\.[A-Za-z0-9]{1,10}", source.suffix) else ""
        name = _free_name(ws.root / store.FILES, f"{slugify(rec.id)}-{stem}", ext)
        file: Attachment = build(Attachment, file=name, sha256=sha, name=source.name, added_on=today())
        rec.files.append(file)
        rec.history.append(entry(by, note=tr(f"Đính kèm {source.name} ({store.FILES}/{name})",
                                             f"Attached {source.name} ({store.FILES}/{name})")))  # fmt: skip
        try:
            store.save_all([(doc, cf)], ws.root, ws.registry(), attach=[(name, data)])
        except DataError as exc:
            if all(p.record == rec.id for p in exc.problems):
                raise FieldError([(p.field, str(p.message)) for p in exc.problems]) from None
            raise
    return Attached(rec.id, file, True)


def _scan(source: Path) -> bytes:
    """The bytes of the file the user names: a regular file, not larger than an
    attachment may be; else a FieldError of `file`."""
    try:
        st = source.stat()
        if not stat.S_ISREG(st.st_mode):
            raise FieldError.one("file", tr(f"{source}: không phải một tệp thường", f"{source}: not a regular file"))
        large = attachment_too_large(st.st_size)
        if large:
            raise FieldError.one("file", f"{source}: {large}")
        return source.read_bytes()
    except OSError as exc:
        why = os_error(exc)
        raise FieldError.one("file", tr(f"{source}: không đọc được: {why.vi}",
                                        f"{source}: cannot read: {why.en}")) from None  # fmt: skip


def _free_name(folder: Path, stem: str, ext: str) -> str:
    """`stem + ext`, or `stem-2 + ext`, … : the first name no file in `folder` has."""
    n = 1
    while os.path.lexists(folder / (name := f"{stem}{'' if n == 1 else f'-{n}'}{ext}")):
        n += 1
    return name


def commune_row(slug: str, cf: CommuneFile) -> CommuneRow:
    info = cf.commune
    return CommuneRow(slug, info.code, info.name, info.kind.value, info.prefix, info.email)


def show(ws: Workspace, ident: str, as_of: date | None = None) -> Full:
    """One record whole; with `as_of`, as it stood at the end of that day (as
    `list --as-of` reads it: timeline.as_of), an error if it did not exist yet."""
    from tracker import timeline

    doc, section, index = find.record(ws, ident)
    rec = getattr(doc.model, section)[index]
    if as_of is not None:
        past = timeline.as_of(rec, as_of)
        if past is None:
            shown = dates.shown(as_of)
            raise UsageError(tr(f"{rec.id} chưa có vào ngày {shown}", f"{rec.id} did not exist yet on {shown}"))
        rec = past
    return Full(commune_row(doc.path.stem, doc.model), rec)


def renumber(ws: Workspace, ident: str, to: str | None = None, by: str | None = None) -> tuple[str, int]:
    """Give a record a new ID: the way out when two people added the same ID at once.

    A duplicated ID renames its last occurrence (references keep meaning the first);
    a unique one is renamed everywhere plan items refer to it. Returns the new ID and
    how many references were updated."""
    ident = ids.normalise(ident)
    by = ws.user(by)
    with store.locked(ws.root):
        doc, section, _ = find.record(ws, ident)
        cf = doc.model.model_copy(deep=True)
        records: Sequence[Issue | PlanItem] = getattr(cf, section)
        hits = [i for i, rec in enumerate(records) if rec.id == ident]
        prefix = cf.commune.prefix
        new_id = ids.normalise(to) if to else ids.next_free(prefix, section, (r.id for r in records))
        if not ids.matches(new_id, prefix, section) or any(r.id == new_id for r in records):
            shape = ids.shape(prefix, section)
            raise FieldError.one("to", tr(f"{new_id} không dùng được (cần dạng {shape}, chưa có)",
                                          f"cannot use {new_id} (must be {shape}, not yet taken)"))  # fmt: skip
        record = records[hits[-1]]
        record.id = new_id
        record.history.append(entry(by, was={"id": ident}))
        changes: list[tuple[store.Doc[Any], CommuneFile]] = [(doc, cf)]
        updated = 0
        if len(hits) == 1 and section == "issues":
            updated = _retarget(ws, ident, new_id, cf, doc, changes)
        store.save_all(changes, ws.root, ws.registry())  # every file, or none
    return new_id, updated


def _retarget(ws: Workspace, old: str, new: str, own: CommuneFile, own_doc: store.Doc[CommuneFile],
              changes: list[tuple[store.Doc[Any], CommuneFile]]) -> int:  # fmt: skip
    """Point plan items and `same_as` links at `new` instead of `old`, in every commune file."""
    count = _follow(own, old, new)
    for path in ws.data.commune_paths():
        if path == own_doc.path:
            continue
        doc = store.read(path, CommuneFile)
        if not any(old in p.issues for p in doc.model.action_plan) and not any(
            old in i.same_as or old in i.not_same_as for i in doc.model.issues
        ):
            continue
        cf = doc.model.model_copy(deep=True)
        count += _follow(cf, old, new)
        changes.append((doc, cf))
    return count


def _follow(cf: CommuneFile, old: str, new: str) -> int:
    """Rename `old` to `new` where the file's records name it; how many records did."""
    count = 0
    for item in cf.action_plan:
        if old in item.issues:
            item.issues = [new if i == old else i for i in item.issues]
            count += 1
    for issue in cf.issues:
        for key in ("same_as", "not_same_as"):  # links and kept-apart pairs alike
            named: list[str] = getattr(issue, key)
            if old in named:
                setattr(issue, key, [new if i == old else i for i in named])
                count += 1
    return count


def one_kind(ident: str, section: str, wanted: str) -> None:
    """A UsageError when `ident` is not of the kind the operation changes."""
    if section != wanted:
        from tracker.errors import WrongKind

        raise WrongKind(ident, section)


def nothing_to_change() -> UsageError:
    return UsageError(tr("không có gì thay đổi", "nothing to change"))
