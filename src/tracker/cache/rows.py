"""The typed rows the cache hands out. Tables and reports read `IssueRow` and
`PlanRow`: the columns they show, without history or long texts, built straight
from the cache's columns (no Pydantic: they were validated when cached). JSON,
`show` and back-dated reads take `Full` rows: the whole validated record; JSON,
CSV and export stream `Stored` rows: the whole record as it was cached."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from tracker import deadlines, rules
from tracker.enums import IssueStatus, PlanStatus, Priority
from tracker.text import vi_sort_key

if TYPE_CHECKING:  # the rows are made from validated records, but a warm read never loads the models
    from tracker.models import Issue, PlanItem


@dataclass(frozen=True, slots=True)
class CommuneRow:
    slug: str  # the file name without .yaml
    code: str
    name: str
    kind: str
    prefix: str
    email: str | None = None

    @property
    def file(self) -> str:
        """Its file's name in communes/, as the cache keys it."""
        return f"{self.slug}.yaml"

    def order(self) -> tuple[Any, ...]:
        """Where the commune comes in lists: its name in Vietnamese dictionary order, then its code."""
        return (vi_sort_key(self.name), self.code)


# The rows are never changed once made, but not frozen: a frozen dataclass's __init__
# sets each field through object.__setattr__, 0.2 s more for 100,000 issues (every
# national list and report makes that many). Hashable as frozen ones are.
@dataclass(slots=True, unsafe_hash=True)
class IssueRow:
    commune: CommuneRow
    id: str
    title: str
    category: str | None
    dept: str
    support: tuple[str, ...]
    status: IssueStatus
    priority: Priority
    raised_on: date | None
    due: date | None
    owner: str | None
    resolution: str | None
    resolved_on: date | None
    last_update: date | None  # the date of its last history entry that is not a reminder
    reminders: int = 0  # the days its history records a reminder (đôn đốc) on: two letters one day count 1
    extended: int = 0  # how many new deadlines were approved
    pending: date | None = None  # the deadline a request not yet decided asks for
    document: str | None = None  # the document that proves where it stands (Issue.document)

    section = "issues"

    @classmethod
    def of(cls, commune: CommuneRow, rec: Issue) -> IssueRow:
        """The row of a whole record (one as of a past day, say)."""
        waiting = deadlines.pending(rec)
        return cls(commune, rec.id, rec.title, rec.category, rec.dept, tuple(rec.support), rec.status, rec.priority,
                   rec.raised_on, rec.due, rec.owner, rec.resolution, rec.resolved_on, rules.last_update(rec.history),
                   rules.reminders(rec.history), rec.extended, waiting.to if waiting else None,
                   rec.document)  # fmt: skip


@dataclass(slots=True, unsafe_hash=True)  # not frozen: as IssueRow
class DueRow:
    """An issue as reminders read it: what says whether and why it is reminded of
    (`ops.followup.reason`) and what a reminder's item shows. Half an `IssueRow`'s
    columns: every reminder of the country reads 70,000 of these."""

    commune: CommuneRow
    id: str
    title: str
    dept: str
    status: IssueStatus
    raised_on: date | None
    due: date | None
    last_update: date | None
    reminders: int = 0

    @classmethod
    def of(cls, row: IssueRow) -> DueRow:
        return cls(row.commune, row.id, row.title, row.dept, row.status, row.raised_on, row.due, row.last_update,
                   row.reminders)  # fmt: skip


@dataclass(slots=True, unsafe_hash=True)  # not frozen: as IssueRow
class PastRow:
    """An issue as the status grid and a period's movement count it on some day: the
    cache keeps one for each stretch of days an issue stood the same (`timeline.stages`),
    so that a past day is counted without rolling every record back."""

    dept: str
    status: IssueStatus
    due: date | None
    resolved_on: date | None
    extended: int  # how many new deadlines were approved by then
    raised: date | None  # the day it was raised, or (with none) first written down
    approved: tuple[date, ...]  # the days its approved requests for a new deadline were decided

    @classmethod
    def of(cls, rec: Issue) -> PastRow:
        """The row of a whole record (one as of a past day, say)."""
        from tracker import timeline  # rolls records back: a warm read of today's rows never needs it

        approved = tuple(e.decided_on for e in rec.extensions if e.status == "approved" and e.decided_on)
        return cls(rec.dept, rec.status, rec.due, rec.resolved_on, rec.extended, timeline.since(rec), approved)


@dataclass(slots=True, unsafe_hash=True)  # not frozen: as IssueRow
class PlanRow:
    commune: CommuneRow
    id: str
    title: str
    owner: str | None
    start: date | None
    due: date | None
    status: PlanStatus
    issues: tuple[str, ...]
    milestones: int
    milestones_done: int
    done_on: date | None
    last_update: date | None
    reminders: int = 0
    extended: int = 0
    pending: date | None = None

    section = "action_plan"

    @classmethod
    def of(cls, commune: CommuneRow, rec: PlanItem) -> PlanRow:
        done = sum(1 for m in rec.milestones if m.done_on)
        waiting = deadlines.pending(rec)
        return cls(commune, rec.id, rec.title, rec.owner, rec.start, rec.due, rec.status, tuple(rec.issues),
                   len(rec.milestones), done, rec.done_on, rules.last_update(rec.history),
                   rules.reminders(rec.history), rec.extended, waiting.to if waiting else None)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Full:
    """A whole record, history included, with its commune."""

    commune: CommuneRow
    record: Issue | PlanItem

    @property
    def slug(self) -> str:
        return self.commune.slug

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def plan(self) -> bool:
        """Whether it is a plan item (an issue has a lead department, a plan item none),
        told without loading the models, which a row's reader may not have."""
        return "dept" not in type(self.record).model_fields


@dataclass(frozen=True, slots=True)
class Stored:
    """A whole record as the cache keeps it: what `model_dump(mode="json",
    exclude_none=True)` makes of it, validated when it was cached, read without
    Pydantic (JSON, CSV and export of a hundred thousand records stream these)."""

    commune: CommuneRow
    data: dict[str, Any]
    plan: bool

    @property
    def slug(self) -> str:
        return self.commune.slug

    @property
    def id(self) -> str:
        return str(self.data["id"])

    def is_overdue(self, as_of: date) -> bool:
        due = self.data.get("due")
        return rules.is_overdue(self.data["status"], date.fromisoformat(due) if due else None, as_of, self.plan)


Row = IssueRow | PlanRow | Full | Stored
