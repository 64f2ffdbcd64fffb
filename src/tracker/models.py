"""Pydantic models of the commune files, the register of reports sent and the roll-up:
what `tracker validate` holds every file to (fields.py: the kinds of value they are
made of; registry.py: the registry files' models). No I/O here: the store reads and
writes. The JSON Schemas editors check files with are made from these models
(schema.py), so that an editor and `tracker validate` agree.
"""

from collections.abc import Iterator
from datetime import date
from typing import Annotated, Literal

from pydantic import Field, Strict, StringConstraints

from tracker import rules
from tracker.confined import ATTACHED_NAME
from tracker.enums import CommuneKind, ExtensionStatus, IssueStatus, PlanStatus, Priority
from tracker.fields import Code, Count, Day, Email, Key, Record, Text, Title
from tracker.ids import PREFIX
from tracker.registry import Reporting


class Milestone(Record):
    due: Day
    target: Text
    done_on: Day | None = None


# The fields of an issue or a plan item whose old value a history entry keeps
# (a plan item's roadmap whole, when a milestone was added or changed).
WasField = Literal["id", "title", "description", "category", "dept", "support", "status", "priority", "raised_on",
                   "due", "owner", "source", "resolution", "resolved_on", "same_as", "not_same_as", "start",
                   "done_on", "issues", "note", "milestones"]  # fmt: skip
WasValue = date | Text | list[Code] | list[Milestone] | None


class ExtensionStep(Record):
    """What a history entry records of a request for a new deadline: asked (pending),
    approved or rejected, and the date asked for."""

    status: ExtensionStatus
    to: Day


class HistoryEntry(Record):
    """One change: when, by whom, the status it left, the values it replaced, why.

    `was` keeps the old values as data (history.py reads what they became); `changed`
    is the sentence versions before 0.2 wrote instead (oldlines.py reads it)."""

    date: Day
    by: Text = ""
    status: Text | None = None
    was: dict[WasField, WasValue] | None = None  # {status: open, due: 2025-12-31}
    milestones_done: list[Annotated[int, Strict(), Field(ge=1)]] | None = None  # from 1
    changed: Text | None = None  # old form: "due: 2025-11-01 → 2025-11-15; owner: — → Lê Văn A"
    extension: ExtensionStep | None = None  # a request for a new deadline, or its decision (`tracker extend`)
    note: Text | None = None
    doc: Text | None = None  # the document that proves it: "Số 45/SNNMT-QLĐĐ ngày 10/12/2025"
    reminder: Text | None = None  # the reminder letter sent about it (`tracker remind --record`)
    explain_by: Day | None = None  # with a reminder: the day a written explanation is due (giải trình)


class Extension(Record):
    """A request for a new deadline (gia hạn), made in writing by the unit in charge
    and decided by the standing agency or the leader. The deadline in force (`due`)
    changes only when one is approved; `previous` keeps the one it replaced."""

    to: Day  # the deadline asked for
    reason: Text
    requested_on: Day
    doc: Text | None = None  # the request's document, "Số 45/SNNMT-QLĐĐ ngày 10/12/2025"
    previous: Day | None = None  # the deadline in force when it was asked
    status: ExtensionStatus = ExtensionStatus.PENDING
    decided_on: Day | None = None
    decided_by: Text | None = None
    answer: Text | None = None  # why it was rejected (or what the approval said)


class Attachment(Record):
    """A scanned document kept under data/files/ (`tracker attach`): `validate` checks
    the file is there and holds these bytes."""

    file: Annotated[str, StringConstraints(strict=True, pattern=ATTACHED_NAME)]  # its name in data/files/
    sha256: Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9a-f]{64}$")]
    name: Title  # the file's name as it was given: "Công văn 45 SNNMT.pdf"
    added_on: Day


class Issue(Record):
    id: Code
    title: Title
    description: Text | None = None
    category: Code | None = None
    dept: Code
    support: list[Code] = Field(default_factory=list)
    status: IssueStatus = IssueStatus.OPEN
    priority: Priority = Priority.NORMAL
    raised_on: Day | None = None
    due: Day | None = None  # the deadline in force
    extensions: list[Extension] = Field(default_factory=list)
    owner: Text | None = None
    source: Text | None = None
    resolution: Text | None = None
    resolved_on: Day | None = None
    # Issues of other communes (or this one) that are the same obstacle: one
    # recommendation answers them all. `tracker link` keeps both sides.
    same_as: list[Code] = Field(default_factory=list)
    # Issues found alike that are not the same obstacle (`tracker link --not-same`):
    # never grouped with it. Both sides, as same_as.
    not_same_as: list[Code] = Field(default_factory=list)
    files: list[Attachment] = Field(default_factory=list)  # scanned documents (`tracker attach`)
    history: list[HistoryEntry] = Field(default_factory=list)

    def is_overdue(self, as_of: date) -> bool:
        """Not done and past its deadline: derived, never stored (see rules.py)."""
        return rules.is_overdue(self.status, self.due, as_of)

    @property
    def extended(self) -> int:
        """How many new deadlines were approved."""
        return _approved(self.extensions)

    @property
    def document(self) -> str | None:
        """The document that proves where it stands: its history's latest `doc`."""
        return _document(self.history)


class PlanItem(Record):
    id: Code
    title: Title
    owner: Text | None = None
    start: Day | None = None
    due: Day | None = None
    extensions: list[Extension] = Field(default_factory=list)
    status: PlanStatus = PlanStatus.PLANNED
    milestones: list[Milestone] = Field(default_factory=list)
    issues: list[Code] = Field(default_factory=list)
    done_on: Day | None = None
    note: Text | None = None
    files: list[Attachment] = Field(default_factory=list)  # scanned documents (`tracker attach`)
    history: list[HistoryEntry] = Field(default_factory=list)

    def is_overdue(self, as_of: date) -> bool:
        return rules.is_overdue(self.status, self.due, as_of, plan=True)

    @property
    def extended(self) -> int:
        return _approved(self.extensions)

    @property
    def document(self) -> str | None:
        return _document(self.history)


def _document(history: list[HistoryEntry]) -> str | None:
    return next((h.doc for h in reversed(history) if h.doc), None)


def _approved(extensions: list[Extension]) -> int:
    return sum(1 for e in extensions if e.status == ExtensionStatus.APPROVED)


class CommuneInfo(Record):
    code: Annotated[str, StringConstraints(strict=True, pattern=r"^\d{5}$")]
    name: Title
    kind: CommuneKind = CommuneKind.XA
    prefix: Annotated[str, StringConstraints(strict=True, pattern=PREFIX)]
    email: Email | None = None  # where the commune's reminders are sent


class SentGrid(Record):
    """The status grid as a report sent it: per lead department, and in total."""

    departments: dict[Code, dict[Code, Count]] = Field(default_factory=dict)
    total: dict[Code, Count] = Field(default_factory=dict)


class Replaced(Record):
    """An earlier report of the same period, replaced by a corrected one."""

    number: Text
    date: Day


class Submission(Record):
    """A periodic report sent (`tracker report --period P --submit --number N`): its
    figures are what the leaders saw."""

    period: Code  # 2025-12, 2025-Q4, 2025-H1, 2025-9M, 2025
    number: Text  # "15/BC-TCT2"
    date: Day
    grid: SentGrid
    replaces: list[Replaced] = Field(default_factory=list)


class Reports(Record):
    """data/reports.yaml: the register of the periodic reports sent, one a period."""

    reports: list[Submission] = Field(default_factory=list)


# ---------------------------------------------------------------- a national roll-up


# An http(s) address a page links to: no space, quote or angle bracket.
WebAddress = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, max_length=2000,
                                              pattern=r"^[hH][tT][tT][pP][sS]?://[^\x00-\x20\x7f\"'<>]+$")]  # fmt: skip


class RollupMember(Record):
    """One province's repository in a roll-up (rollup.yaml): where to fetch it, and
    which folder of it holds the data. Never a token: read access comes from git's
    own credential setup (CI secrets)."""

    name: Key  # the folder it is fetched into (.rollup/<name>/)
    province: Key  # shown before every ID: NA:VA-1
    url: Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=2000,
                                          pattern=r"^[^\x00-\x20\x7f]+$")]  # fmt: skip
    ref: Code  # a branch or a tag
    data: Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=300,
                                           pattern=r"^[^/\x00-\x1f\x7f\\:][^\x00-\x1f\x7f\\:]*$")] = "data"  # fmt: skip
    # (a folder inside the member's repository: no `..` either, checked where it is used)
    site: WebAddress | None = None  # the province's own site (`tracker site`), linked from its roll-up page
    title: Text | None = None  # the province's name as people read it ("Hà Tĩnh"), on its pages


class Rollup(Record):
    """rollup.yaml: the members of a national roll-up, the ministry that answers for
    each lead department's code, and the day of the month its periods are cut off
    (`--period`: one day for every member, whatever each province's own)."""

    members: list[RollupMember] = Field(default_factory=list)
    ministries: dict[Key, Text] = Field(default_factory=dict)
    reporting: Reporting = Field(default_factory=Reporting)


class CommuneFile(Record):
    commune: CommuneInfo
    issues: list[Issue] = Field(default_factory=list)
    action_plan: list[PlanItem] = Field(default_factory=list)

    def records(self) -> Iterator[tuple[str, int, Issue | PlanItem]]:
        """(section, index, record) for every issue, then every plan item."""
        for index, issue in enumerate(self.issues):
            yield "issues", index, issue
        for index, item in enumerate(self.action_plan):
            yield "action_plan", index, item
