"""Requests for a new deadline (gia hạn): `tracker extend`, and the extension an
`update --due` of a deadline already given makes.

A department (or commune) that cannot finish asks in writing for a new deadline;
the standing agency or the leader approves or rejects it. Only an approval moves
the deadline in force; the first one is never lost (`deadlines.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker import dates, store
from tracker.dates import today
from tracker.enums import ExtensionStatus, IssueStatus, PlanStatus
from tracker.errors import FieldError, UsageError
from tracker.i18n import get_lang, tr
from tracker.models import CommuneFile, Extension, ExtensionStep, Issue, PlanItem
from tracker.ops import find, records
from tracker.ops.workspace import Workspace
from tracker.text import nfc
from tracker.wording import labels

PENDING, APPROVED, REJECTED = ExtensionStatus.PENDING, ExtensionStatus.APPROVED, ExtensionStatus.REJECTED


@dataclass(frozen=True)
class Request:
    """What `tracker extend ID --to DATE --reason TEXT` asks."""

    to: date
    reason: str
    requested_on: date | None = None
    doc: str | None = None


def request(ws: Workspace, ident: str, asked: Request, by: str | None = None) -> Extension:
    """Record a request for a new deadline; the deadline in force does not change."""
    by = ws.user(by)
    with store.locked(ws.root):
        doc, cf, rec = _record(ws, ident)
        ext = ask(rec, asked)
        rec.history.append(records.entry(by, extension=ExtensionStep(status=PENDING, to=ext.to), note=ext.reason))
        records.save(ws, doc, cf)
    return ext


def decide(ws: Workspace, ident: str, approve: bool, on: date | None = None, by: str | None = None,
           reason: str | None = None) -> Extension:  # fmt: skip
    """Approve (the deadline in force becomes the date asked for) or reject the
    request waiting on a record."""
    by = ws.user(by)
    if not approve and not (reason and reason.strip()):
        raise FieldError.one("reason", tr("cần lý do không đồng ý gia hạn", "a rejection needs a reason"))
    with store.locked(ws.root):
        doc, cf, rec = _record(ws, ident)
        waiting = next((e for e in rec.extensions if e.status == PENDING), None)
        if waiting is None:
            raise UsageError(tr(f"{rec.id} không có đề nghị gia hạn nào đang chờ",
                                f"{rec.id} has no request for a new deadline waiting"))  # fmt: skip
        day = on or today()
        _not_before(day, waiting.requested_on, "on")
        answer = nfc(reason.strip()) if reason and reason.strip() else None
        decided = waiting.model_copy(update={"status": APPROVED if approve else REJECTED, "decided_on": day,
                                             "decided_by": by, "answer": answer})  # fmt: skip
        rec.extensions = [decided if e is waiting else e for e in rec.extensions]
        was = None
        if approve:
            was = {"due": rec.due}
            records.assign(rec, "due", decided.to)
        step = ExtensionStep(status=decided.status, to=decided.to)
        rec.history.append(records.entry(by, was=was, extension=step, note=answer))
        records.save(ws, doc, cf)
    return decided


def ask(rec: Issue | PlanItem, asked: Request) -> Extension:
    """Add a pending request to `rec` (checked: not done, a deadline to move, none
    waiting, a later date); the request made."""
    if rec.status in (IssueStatus.RESOLVED, PlanStatus.DONE, IssueStatus.DROPPED):
        word = labels(get_lang()).status_word(rec.status.value, isinstance(rec, PlanItem))
        raise UsageError(tr(f"{rec.id} đã kết thúc ({word}): không gia hạn",
                            f"{rec.id} is finished ({word}): no new deadline"))  # fmt: skip
    if rec.due is None:
        raise UsageError(tr(
            f"{rec.id} chưa có thời hạn: giao thời hạn bằng `update --due`, không phải gia hạn",
            f"{rec.id} has no deadline yet: give one with `update --due`, not an extension"))  # fmt: skip
    waiting = next((e for e in rec.extensions if e.status == PENDING), None)
    if waiting is not None:
        raise UsageError(tr(
            f"{rec.id} đã có đề nghị gia hạn đến {dates.shown(waiting.to)} đang chờ: duyệt hoặc không đồng ý trước "
            f"(`tracker extend {rec.id} --approve` hoặc `--reject --reason …`)",
            f"{rec.id} already has a request for {dates.shown(waiting.to)} waiting: approve or reject it first "
            f"(`tracker extend {rec.id} --approve` or `--reject --reason …`)"))  # fmt: skip
    if asked.to <= rec.due:
        current = dates.shown(rec.due)
        raise FieldError.one("to", tr(f"thời hạn mới phải sau thời hạn hiện tại {current}",
                                      f"the new deadline must be after the current one, {current}"))  # fmt: skip
    if not asked.reason.strip():
        raise FieldError.one("reason", tr("cần lý do đề nghị gia hạn", "a request needs a reason"))
    on = asked.requested_on or today()
    begun = rec.raised_on if isinstance(rec, Issue) else rec.start
    if begun is not None:
        _not_before(on, begun, "requested_on")
    ext: Extension = records.build(Extension, to=asked.to, reason=asked.reason.strip(), requested_on=on,
                                   doc=asked.doc.strip() if asked.doc and asked.doc.strip() else None,
                                   previous=rec.due)  # fmt: skip
    rec.extensions = [*rec.extensions, ext]
    return ext


def approve_now(rec: Issue | PlanItem, to: date, reason: str | None, by: str) -> ExtensionStep:
    """A deadline already given moved later by `update --due`: a request approved at
    once, recorded as one. Needs a reason."""
    if not (reason and reason.strip()):
        raise FieldError.one("due", tr(
            f"{rec.id} đã có thời hạn {dates.shown(rec.due)}: dời thời hạn là gia hạn, cần lý do ({{note}})",
            f"{rec.id} already has a deadline, {dates.shown(rec.due)}: moving it is an extension and needs a reason "
            "({note})"))  # fmt: skip
    ext = ask(rec, Request(to=to, reason=reason))
    done = ext.model_copy(update={"status": APPROVED, "decided_on": ext.requested_on, "decided_by": by})
    rec.extensions = [*rec.extensions[:-1], done]
    return ExtensionStep(status=APPROVED, to=to)


def _record(ws: Workspace, ident: str) -> tuple[store.Doc[CommuneFile], CommuneFile, Issue | PlanItem]:
    doc, section, index = find.record(ws, ident)
    cf = doc.model.model_copy(deep=True)
    rec: Issue | PlanItem = getattr(cf, section)[index]
    return doc, cf, rec


def _not_before(day: date, first: date, field: str) -> None:
    if day > today():
        raise FieldError.one(field, tr(f"{dates.shown(day)} chưa đến", f"{dates.shown(day)} is in the future"))
    if day < first:
        raise FieldError.one(field, tr(f"{dates.shown(day)} trước ngày {dates.shown(first)}",
                                       f"{dates.shown(day)} is before {dates.shown(first)}"))  # fmt: skip
