"""The plain results commands hand to a format: computed once, presented by any
format that claims their `kind` (formats/__init__.py lists which)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from tracker.kinds import Kind

if TYPE_CHECKING:  # only `changes` makes them: a listing need not import that; nor a form the cache
    from tracker.cache import CommuneRow, Full, IssueRow, PlanRow, Stored
    from tracker.changes import Change, DeptChanges


@dataclass
class Listing:
    """Records of `list` or `plan list`: brief rows for a table, whole ones otherwise."""

    rows: Collection[IssueRow] | Collection[PlanRow] | Collection[Full | Stored]  # Stored: read as written
    as_of: date
    plan: bool = False
    kind: ClassVar[Kind] = Kind.LISTING


@dataclass
class RecordView:
    """One record in full, for `show`."""

    full: Full
    as_of: date
    categories: dict[str, str] = field(default_factory=dict)  # code → name, to show the name
    kind: ClassVar[Kind] = Kind.RECORD


@dataclass
class Grid:
    """The status grid per lead department (`stats`), as its JSON prints it."""

    data: dict[str, Any]
    kind: ClassVar[Kind] = Kind.GRID


@dataclass
class ChangeLog:
    """What changed since a revision (`changes`)."""

    changes: list[Change]
    groups: list[DeptChanges]
    since: str
    kind: ClassVar[Kind] = Kind.CHANGES


@dataclass
class Export:
    """Issues for a spreadsheet (`export`): whole records and the grid of them."""

    records: Collection[Full | Stored]  # Full for a workbook; Stored rows stream to CSV and JSON
    grid: dict[str, Any] | None  # the status grid, for a workbook's summary (None: CSV and JSON show none)
    departments: dict[str, str]
    as_of: date
    categories: dict[str, str] = field(default_factory=dict)  # code → name, for people's sheets
    kind: ClassVar[Kind] = Kind.EXPORT


@dataclass
class Contact:
    """Someone a letter goes to or is copied to."""

    code: str
    name: str
    email: str | None = None
    head: str | None = None  # whom the letter is addressed to, when the data says
    kind: str | None = None  # a commune's kind of unit (xa, phuong, dac_khu): its People's Committee is written to


@dataclass(slots=True)  # a reminder of every department holds 70,000: slots make them cheaper to make
class DigestItem:
    """One item a reminder names, and why."""

    id: str
    commune: str  # the commune's name
    slug: str
    title: str
    due: date | None
    reason: str  # overdue, due_soon, undated (asked to propose a deadline) or stale
    days_overdue: int
    last_update: date | None  # the last history entry that is not a reminder
    reminders: int  # how many reminders it has had
    escalated: bool  # escalated to the province, or up the ladder of data/followup.yaml
    lead: str = ""  # the lead department (issues)
    status: str = ""
    step: int = 0  # the highest rung of the ladder it reached (0: none)
    because: str = ""  # why it escalated: reminders, days_overdue (the rung reached), status (set by hand)
    reported_to: str | None = None  # the label of the rung reached ("báo cáo Văn phòng UBND tỉnh")
    explain_by: date | None = None  # a rung asks for a written explanation (giải trình) by this day


@dataclass
class Digest:
    """A reminder (văn bản đôn đốc) to one department or commune."""

    audience: str  # dept or commune
    to: Contact
    items: list[DigestItem]
    copies: list[Contact]  # copied because items escalated (the ladder)
    as_of: date
    within: int  # days of "due soon"
    stale: int  # days without an update that make an item stale
    number: str  # the letter's "Số:" line
    signer: str | None = None
    sender: str | None = None  # the From address of e-mails
    kind: ClassVar[Kind] = Kind.DIGEST

    @property
    def ref(self) -> str:
        """The letter's name: the file it is written to, and what the records' history says."""
        return f"{self.audience}-{self.to.code}"

    @property
    def escalated(self) -> list[DigestItem]:
        return [i for i in self.items if i.escalated]

    @property
    def explain(self) -> list[DigestItem]:
        """The items whose unit must explain the delay in writing."""
        return [i for i in self.items if i.explain_by is not None]

    def count(self, reason: str) -> int:
        return sum(1 for i in self.items if i.reason == reason)


@dataclass
class Reminders:
    """Every reminder `tracker remind` makes, as one result."""

    as_of: date
    digests: list[Digest]
    kind: ClassVar[Kind] = Kind.REMINDERS


@dataclass(slots=True)
class Match:
    """An issue found alike: by `similar`, in a hint, as a member of a cluster."""

    id: str
    commune: CommuneRow
    title: str
    dept: str
    status: str
    score: float  # in [0, 1]


@dataclass
class Similar:
    """The issues most like one issue or a text (`similar`), best first."""

    query: str  # the issue's ID, or the text
    matches: list[Match]
    kind: ClassVar[Kind] = Kind.SIMILAR


@dataclass
class Cluster:
    """Issues that are one obstacle across communes."""

    title: str  # the title of the issue closest to what they all say
    members: list[Match]  # in the Vietnamese order of their communes
    linked: bool  # `same_as` joins them all (else similarity proposed some of them)

    @property
    def ids(self) -> list[str]:
        return [m.id for m in self.members]

    @cached_property
    def communes(self) -> list[CommuneRow]:
        return list({m.commune.slug: m.commune for m in self.members}.values())

    @cached_property
    def depts(self) -> list[str]:
        """The lead departments, most issues first: more than one is a question for the secretariat."""
        counts: dict[str, int] = {}
        for m in self.members:
            counts[m.dept] = counts.get(m.dept, 0) + 1
        return sorted(counts, key=lambda d: (-counts[d], d))

    @property
    def disputed(self) -> bool:
        return len(self.depts) > 1

    def statuses(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for m in self.members:
            counts[m.status] = counts.get(m.status, 0) + 1
        return counts


@dataclass
class Clusters:
    """The clusters of `clusters`, largest first."""

    clusters: list[Cluster]
    min_communes: int
    kind: ClassVar[Kind] = Kind.CLUSTERS
