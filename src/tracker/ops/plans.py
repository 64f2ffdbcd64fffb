"""A commune's action plan (kế hoạch hành động): add, update (reading it: ops/listing.py)."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker import history, ids, store
from tracker.dates import today
from tracker.enums import PlanStatus
from tracker.errors import FieldError
from tracker.i18n import tr
from tracker.models import CommuneFile, ExtensionStep, Milestone, PlanItem
from tracker.ops import deadlines, find, records
from tracker.ops.workspace import Workspace
from tracker.text import nfc


def add_plan(
    ws: Workspace,
    commune: str,
    title: str,
    owner: str,
    due: date,
    issues: list[str],
    milestones: list[tuple[date, str]],
    start: date | None = None,
    by: str | None = None,
) -> str:
    """Add an action-plan item; returns its new ID."""
    path = find.commune(ws, commune)
    by = ws.user(by)
    wanted = [ids.normalise(i) for i in issues]
    with store.locked(ws.root):
        doc = store.read(path, CommuneFile)
        cf = doc.model.model_copy(deep=True)
        own = {i.id for i in cf.issues}
        for ident in wanted:
            if ident not in own:
                find.record(ws, ident)  # raises a clear error for an unknown ID
        ident = ids.next_free(cf.commune.prefix, "action_plan", (p.id for p in cf.action_plan))
        stones = [records.build(Milestone, due=d, target=t) for d, t in milestones]
        history = [records.entry(by, PlanStatus.PLANNED.value, note=tr("Tạo mới", "Created"))]
        item = records.build(PlanItem, id=ident, title=title, owner=owner, due=due, start=start, issues=wanted,
                             milestones=stones, history=history)  # fmt: skip
        cf.action_plan.append(item)
        records.save(ws, doc, cf, typed=ident)
    return ident


@dataclass
class Roadmap:
    """Milestones a `plan update` adds (DATE, TEXT) and changes: (N, new date), (N, new
    text), N counting from 1 as `--milestone-done` does. Added ones go last, so the
    numbers of the others stay."""

    added: list[tuple[date, str]] = field(default_factory=list)
    due: list[tuple[int, date]] = field(default_factory=list)
    target: list[tuple[int, str]] = field(default_factory=list)

    def changes(self, item: PlanItem) -> bool:
        """Whether it changes `item`'s roadmap; an unknown milestone is a FieldError."""
        changed = bool(self.added)
        for option, edits in (("milestone_due", self.due), ("milestone_target", self.target)):
            for number, value in edits:
                if not 1 <= number <= len(item.milestones):
                    raise FieldError.one(option, _no_milestone(item, number))
                stone = item.milestones[number - 1]
                changed |= (stone.due if option == "milestone_due" else stone.target) != value
        return changed

    def apply(self, item: PlanItem) -> None:
        stones = [stone.model_copy() for stone in item.milestones]
        for number, when in self.due:
            stones[number - 1].due = when
        for number, text in self.target:
            stones[number - 1].target = nfc(text)
        stones += [records.build(Milestone, due=d, target=t) for d, t in self.added]
        records.assign(item, "milestones", stones)


def _no_milestone(item: PlanItem, number: int) -> str:
    return tr(f"{item.id} không có mốc số {number} (có {len(item.milestones)})",
              f"{item.id} has no milestone {number} (it has {len(item.milestones)})")  # fmt: skip


def update_plan(
    ws: Workspace,
    ident: str,
    status: PlanStatus | None = None,
    note: str | None = None,
    milestone_done: list[int] | None = None,
    due: date | None = None,
    owner: str | None = None,
    on: date | None = None,
    by: str | None = None,
    title: str | None = None,
    roadmap: Roadmap | None = None,
    document: str | None = None,  # the document that proves the change
) -> PlanItem:
    by = ws.user(by)
    with store.locked(ws.root):
        doc, section, index = find.record(ws, ident)
        records.one_kind(ident, section, "action_plan")
        cf = doc.model.model_copy(deep=True)
        item = cf.action_plan[index]
        applied = apply_plan(item, status, milestone_done, due, owner, on, by, title, roadmap, note)
        if not applied.was and not applied.done and not note and not document:
            raise records.nothing_to_change()
        item.history.append(records.entry(by, status.value if status else None, applied.was,
                                          nfc(note) if note else None, milestones_done=applied.done,
                                          extension=applied.extension,
                                          doc=nfc(document) if document else None))  # fmt: skip
        records.save(ws, doc, cf)
    return item


@dataclass
class PlanApplied:
    """What `apply_plan` did, as a history entry records it."""

    was: dict[str, Any]  # the old value of each field that really changed
    done: list[int]  # the milestones it marked done
    extension: ExtensionStep | None  # a deadline moved later: an extension approved at once


def apply_plan(item: PlanItem, status: PlanStatus | None = None, milestone_done: list[int] | None = None,
               due: date | None = None, owner: str | None = None, on: date | None = None, by: str = "",
               title: str | None = None, roadmap: Roadmap | None = None,
               note: str | None = None) -> PlanApplied:  # fmt: skip
    """Apply a change to a plan item in memory, as `plan update` (and a returned form's
    row) asks: its roadmap, milestones done `on` a day (today by default), a later
    deadline (an extension approved at once, `note` its reason), its status (done on
    that day; not done, no completion date), owner and title."""
    described: dict[str, Any] = {}
    if roadmap is not None and roadmap.changes(item):
        described |= history.was(item, ["milestones"])  # the roadmap whole, as it was
        roadmap.apply(item)
    done: list[int] = []
    when = on or today()
    for number in milestone_done or []:
        if not 1 <= number <= len(item.milestones):
            raise FieldError.one("milestone_done", _no_milestone(item, number))
        stone = item.milestones[number - 1]
        if stone.done_on is None:
            stone.done_on = when
            done.append(number)
    step = None
    if due is not None and item.due is not None and due > item.due:  # an extension, approved at once
        step = deadlines.approve_now(item, due, note, by)
    if title is not None and not title.strip():
        raise FieldError.one("title", tr("không được để trống", "must not be empty"))
    for key, value in (("status", status), ("due", due), ("owner", owner), ("title", title)):
        old = getattr(item, key)
        if value is not None and value != old:
            described |= history.was(item, [key])
            records.assign(item, key, value)
    if status == PlanStatus.DONE and item.done_on is None:
        item.done_on = when
    if status is not None and status != PlanStatus.DONE:
        item.done_on = None
    return PlanApplied(described, done, step)
