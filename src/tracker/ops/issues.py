"""Issues (vướng mắc): add, update, close (reading them: ops/listing.py)."""

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from tracker import history, ids, store
from tracker.dates import shown, today, typed
from tracker.enums import IssueStatus
from tracker.errors import FieldError, UsageError
from tracker.i18n import tr
from tracker.models import CommuneFile, ExtensionStep, Issue
from tracker.ops import deadlines, find, records
from tracker.ops.workspace import Workspace
from tracker.text import nfc


@dataclass
class IssueChanges:
    """What `tracker update` (or a row of an imported sheet) asks to change; None: keep."""

    status: IssueStatus | None = None
    due: date | None = None
    clear_due: bool = False
    dept: str | None = None
    support: list[str] | None = None
    owner: str | None = None
    priority: str | None = None
    category: str | None = None
    note: str | None = None
    title: str | None = None
    description: str | None = None
    source: str | None = None
    raised_on: date | None = None
    resolution: str | None = None
    resolved_on: date | None = None
    reopen: bool = False  # a resolved issue may go back to not done only when this says so
    doc: str | None = None  # the document that proves the change, kept in its history entry


_CHANGEABLE = ("status", "due", "dept", "support", "owner", "priority", "category", "title", "description", "source",
               "raised_on", "resolution", "resolved_on")  # fmt: skip


@dataclass
class Applied:
    """What `apply_changes` did, as a history entry records it."""

    was: dict[str, Any]  # the old value of each field that really changed
    extension: ExtensionStep | None = None  # a deadline moved later: an extension approved at once

    def __bool__(self) -> bool:
        return bool(self.was)


def apply_changes(issue: Issue, changes: IssueChanges, by: str = "") -> Applied:
    """Apply `changes`; the old value of each field that really changed, as a history
    entry's `was` keeps it (a reopened issue's resolution and date are cleared, too).
    A deadline already given moved later is an extension, approved at once: it
    needs the change's note as its reason (ops/deadlines.py)."""
    resolved = IssueStatus.RESOLVED
    status = changes.status or issue.status
    if issue.status == resolved and status != resolved and not changes.reopen:
        raise FieldError.one("status", tr(f"{issue.id} đã được giải quyết; mở lại cần {{reopen}}",
                                          f"{issue.id} is resolved; reopening it needs {{reopen}}"))  # fmt: skip
    if changes.resolved_on is not None and status != resolved:
        raise FieldError.one("resolved_on", tr("chỉ ghi ngày giải quyết khi trạng thái là resolved",
                                               "a resolution date goes with the status resolved"))  # fmt: skip
    if changes.resolution is not None and not changes.resolution.strip():
        raise FieldError.one("resolution", tr("không được để trống", "must not be empty"))
    if changes.title is not None and not changes.title.strip():
        raise FieldError.one("title", tr("không được để trống", "must not be empty"))
    if changes.raised_on is not None:
        _check_raised(issue, changes)
    wanted: dict[str, Any] = {key: getattr(changes, key) for key in _CHANGEABLE}
    wanted = {k: nfc(v) if isinstance(v, str) else v for k, v in wanted.items()}
    clear = {"due"} if changes.clear_due else set()
    if changes.description is not None and not changes.description.strip():
        clear.add("description")  # `update --description -` removes it
    if status == resolved and not (issue.resolved_on or changes.resolved_on):
        wanted["resolved_on"] = today()
    if issue.status == resolved and status != resolved:  # reopened: its resolution no longer stands
        clear |= {"resolved_on", "resolution"}
    elif status != resolved:
        clear.add("resolved_on")
    described: dict[str, Any] = {}
    step = None
    if wanted["due"] is not None and issue.due is not None and wanted["due"] > issue.due and "due" not in clear:
        step = deadlines.approve_now(issue, wanted["due"], changes.note, by)
    for key, value in wanted.items():
        old = getattr(issue, key)
        if key in clear:
            value = None
        elif value is None or value == old:
            continue
        if value == old:
            continue
        described |= history.was(issue, [key])
        records.assign(issue, key, value)
    if issue.dept in issue.support:  # a new lead is no longer merely supporting
        issue.support = [s for s in issue.support if s != issue.dept]
    return Applied(described, step)


def _check_raised(issue: Issue, changes: IssueChanges) -> None:
    """A date raised is not after today, nor after the deadline or the resolution
    date the issue will have."""
    raised = changes.raised_on
    assert raised is not None
    due = None if changes.clear_due else changes.due or issue.due
    resolved = changes.resolved_on or issue.resolved_on
    for limit, vi, en in ((due, "thời hạn", "the deadline"), (resolved, "ngày giải quyết", "the date resolved"),
                          (today(), "hôm nay", "today")):  # fmt: skip
        if limit is not None and raised > limit:
            was, bound = shown(raised), shown(limit)
            raise FieldError.one("raised_on", tr(f"ngày nêu {was} sau {vi} ({bound})",
                                                 f"the date raised, {was}, is after {en} ({bound})"))  # fmt: skip


def resolve_codes(ws: Workspace, changes: IssueChanges) -> IssueChanges:
    """Departments and category as the user typed them (code, name or alias) → codes."""
    return replace(
        changes,
        dept=find.dept(ws, changes.dept) if changes.dept else None,
        support=[find.dept(ws, s, "support") for s in changes.support] if changes.support is not None else None,
        category=find.category(ws, changes.category) if changes.category else None,
    )


def add_issue(ws: Workspace, commune: str, dept: str, title: str, by: str | None = None, **fields: Any) -> str:
    """Add an issue to a commune; returns its new ID."""
    dept = find.dept(ws, dept)
    fields["support"] = [find.dept(ws, s, "support") for s in fields.get("support") or []]
    fields["category"] = find.category(ws, fields["category"]) if fields.get("category") else None
    path = find.commune(ws, commune)
    by = ws.user(by)
    now = today()
    with store.locked(ws.root):
        doc = store.read(path, CommuneFile)
        cf = doc.model.model_copy(deep=True)
        ident = ids.next_free(cf.commune.prefix, "issues", (r.id for r in cf.issues))
        if fields.get("raised_on") is None and fields.get("due") and fields["due"] < now:
            due = typed(fields["due"])
            past = tr(f"{due} đã qua; nếu vướng mắc được nêu trước đó, ghi {{raised_on}} NGÀY",
                      f"{due} is past; if it was raised earlier, pass {{raised_on}} DATE")  # fmt: skip
            raise FieldError.one("due", past)
        fields["raised_on"] = fields.get("raised_on") or now
        history = [records.entry(by, IssueStatus.OPEN.value, note=tr("Tạo mới", "Created"))]
        issue = records.build(Issue, id=ident, title=title, dept=dept, history=history, **fields)
        cf.issues.append(issue)
        records.save(ws, doc, cf, typed=ident)
    return ident


def same_title(ws: Workspace, commune: str, title: str) -> list[str]:
    """IDs of the commune's issues with this title in any case or diacritics: the
    ones `import` would take a row of that title for."""
    from tracker.text import fold

    doc = store.read(find.commune(ws, commune), CommuneFile)  # one file: no cache to build for one add
    return [i.id for i in doc.model.issues if fold(i.title) == fold(title)]


def update_issue(ws: Workspace, ident: str, changes: IssueChanges, by: str | None = None) -> Issue:
    return _change(ws, ident, changes, by)


def close_issue(ws: Workspace, ident: str, resolution: str, on: date | None = None, by: str | None = None,
                doc: str | None = None) -> Issue:  # fmt: skip
    """Resolved, with how and when (and the document that says so): the same change
    as an update, told in its history."""
    changes = IssueChanges(status=IssueStatus.RESOLVED, resolution=resolution, resolved_on=on or today(), doc=doc)
    return _change(ws, ident, changes, by, closing=True)


def _change(ws: Workspace, ident: str, changes: IssueChanges, by: str | None, closing: bool = False) -> Issue:
    changes = resolve_codes(ws, changes)
    by = ws.user(by)
    with store.locked(ws.root):
        doc, section, index = find.record(ws, ident)
        records.one_kind(ident, section, "issues")
        cf = doc.model.model_copy(deep=True)
        issue = cf.issues[index]
        if closing and issue.status == IssueStatus.RESOLVED:
            raise UsageError(tr(f"{issue.id} đã được giải quyết", f"{issue.id} is already resolved"))
        applied = apply_changes(issue, changes, by)
        if not applied and not changes.note and not changes.doc:
            raise records.nothing_to_change()
        status = changes.status.value if changes.status else None
        note, proof = (nfc(text) if text else None for text in (changes.note, changes.doc))
        issue.history.append(records.entry(by, status, applied.was, note, extension=applied.extension, doc=proof))
        records.save(ws, doc, cf)
    return issue
