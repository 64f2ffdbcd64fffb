"""Pydantic models of the data files. No I/O here: the store reads and writes.

Every check runs in pydantic-core, with one small Python step for dates, so that
reading back a hundred thousand records is fast. Text reaches the models already
NFC-normalised: the YAML loader and the command line do that. Dates are real
calendar dates, written `2025-12-31` (quoted or not) or `31/12/2025`; unknown keys
are errors, so a typo such as ``stauts:`` never passes silently; YAML 1.1's `on`,
`no`, `010` are not text, and are reported as such.

The JSON Schemas editors check files with are made from these models (schema.py),
so that an editor and `tracker validate` agree.
"""

import re
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from types import UnionType
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints, WithJsonSchema

from tracker import rules
from tracker.confined import ATTACHED_NAME, SAFE_NAME
from tracker.dates import EARLIEST, LATEST
from tracker.enums import CommuneKind, ExtensionStatus, IssueStatus, PlanStatus, Priority
from tracker.ids import PREFIX

# No control characters (tabs and, in multi-line text, line breaks are fine); no
# Unicode noncharacters (Word and Excel files cannot hold U+FFFE); no bidirectional
# embeddings, overrides or isolates (U+202A-202E, U+2066-2069), which make a line read
# differently on screen, in a review, from what it says.
FORBIDDEN = "\ufffe\uffff\u202a-\u202e\u2066-\u2069"
TEXT_PATTERN = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f" + FORBIDDEN + "]*$"
LINE_PATTERN = r"^[^\x00-\x08\x0a-\x1f\x7f-\x9f" + FORBIDDEN + "]*$"

# What YAML 1.1 (PyYAML, so `tracker validate`) reads as yes/no, though a YAML 1.2
# editor reads it as text: the schema refuses it as text, as validate does.
YAML11_WORDS = [w for word in ("yes", "no", "true", "false", "on", "off") for w in (word, word.title(), word.upper())]
_NOT_YAML11 = {"not": {"enum": YAML11_WORDS}}

# Limits far above real use, so that a pasted document or a runaway script is caught.
Text = Annotated[
    str, StringConstraints(strict=True, max_length=100_000, pattern=TEXT_PATTERN), WithJsonSchema(
        {"type": "string", "maxLength": 100_000, "pattern": TEXT_PATTERN, **_NOT_YAML11})
]  # fmt: skip
Title = Annotated[
    str,
    StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=1000, pattern=LINE_PATTERN),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 1000, "pattern": LINE_PATTERN, **_NOT_YAML11}),
]
Code = Annotated[
    str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=64, pattern=LINE_PATTERN)
]
# The code of a registry entry (department, category): it names files and pages, so
# it holds only ASCII letters, digits, `-` and `_` (confined.SAFE_NAME).
Key = Annotated[
    str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=64, pattern=SAFE_NAME)
]
_VN_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(value: Any) -> Any:
    """A date as people write one in a file: quoted ISO (`'2025-12-31'`, as scripts
    and some editors write it) or `31/12/2025`. Anything else is left for the strict
    date check to refuse."""
    if type(value) is not str:
        return value
    try:
        if _ISO_DATE.fullmatch(value):
            return date.fromisoformat(value)
        found = _VN_DATE.fullmatch(value.strip())
        if found:
            return date(int(found[3]), int(found[2]), int(found[1]))
    except ValueError:
        pass
    return value


Day = Annotated[
    date,
    Strict(),
    BeforeValidator(_day),
    Field(ge=EARLIEST, le=LATEST),  # files are held to the range typed dates are (dates.py)
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date"},
                              {"type": "string", "pattern": r"^\d{1,2}/\d{1,2}/\d{4}$"}]}),
]  # fmt: skip


# defer_build: a model's validator is built when it first validates, not on import: a
# warm command, whose files come from the cache, validates nothing and builds none
# (building them all took 15-20 ms of every command's start-up).
class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class Coded(BaseModel):
    """An entry of a registry file: a code other files refer to, and its name."""

    # Registries may carry more keys (aliases, notes) than the tool uses.
    model_config = ConfigDict(extra="allow", defer_build=True)

    code: Key
    name: Text


# An e-mail address as a person writes one: name@host.tld (no display name).
Email = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, max_length=254,
                                         pattern=r"^[^@\s<>,;:\"]+@[^@\s<>,;:\"]+\.[^@\s<>,;:\"]+$")]  # fmt: skip


class Department(Coded):
    email: Email | None = None  # where reminders (đôn đốc) are sent
    head: Text | None = None  # whom a letter is addressed to, e.g. "Giám đốc Sở Nội vụ"


class Category(Coded):
    pass


class Departments(Record):
    departments: list[Department]

    def entries(self) -> list[Coded]:
        return list(self.departments)


class Categories(Record):
    categories: list[Category]

    def entries(self) -> list[Coded]:
        return list(self.categories)


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


class Recipient(Record):
    """Someone a reminder can be copied to besides the departments: the office of
    the vice-chair who leads the working group, say."""

    code: Code
    name: Text
    email: Email | None = None


class Step(Record):
    """A rung of the escalation ladder: an item reminded this many times, or overdue
    this many days, escalates, and its letter is copied to these recipients."""

    after_reminders: Annotated[int, Strict(), Field(ge=1)] | None = None
    after_days_overdue: Annotated[int, Strict(), Field(ge=1)] | None = None
    copy_to: list[Code] = Field(min_length=1)  # department or recipient codes
    label: Text | None = None  # what the letter says of it, e.g. "báo cáo UBND tỉnh"
    # A step that asks the unit for a written explanation (yêu cầu giải trình), due
    # this many days after the letter.
    explain_within_days: Annotated[int, Strict(), Field(ge=1, le=365)] | None = None


class Letter(Record):
    """How reminder letters are numbered and signed."""

    number: Text = "…/TCT2-ĐĐ"  # the "Số:" line; `…` is left for the office to fill in
    signer: Text | None = None  # the full name under the signature
    signer_code: Code | None = None  # who signs, as a recipient or department code: never copied "for report"


class Bands(Record):
    """The on-time rate (in %) at or above which a unit is "good", or "fair"; below, "slow"."""

    good: Annotated[int, Strict(), Field(ge=0, le=100)] = 90
    fair: Annotated[int, Strict(), Field(ge=0, le=100)] = 70


class Reporting(Record):
    """The reporting regime (Decree 09/2019/NĐ-CP): the day of the month data is cut off."""

    cutoff_day: Annotated[int, Strict(), Field(ge=1, le=28)] = 14


Days = Annotated[int, Strict(), Field(ge=1, le=3650)]


class FollowUp(Record):
    """data/followup.yaml: when items escalate, to whom, the letters' form, and how
    deadlines are judged."""

    recipients: list[Recipient] = Field(default_factory=list)
    ladder: list[Step] = Field(default_factory=list)
    letter: Letter = Field(default_factory=Letter)
    # An item with no deadline raised more than this many days ago is reported apart,
    # and its lead is asked to propose one.
    undated_after_days: Days = 90
    # The bounds of the overdue items' ages: [30, 90] is "up to 30", "31 to 90", "over 90" days.
    overdue_ages: list[Days] = Field(default_factory=lambda: [30, 90], min_length=1, max_length=6)
    on_time_bands: Bands = Field(default_factory=Bands)
    reporting: Reporting = Field(default_factory=Reporting)


Count = Annotated[int, Strict(), Field(ge=0)]


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


def to_plain(model: BaseModel) -> dict[str, Any]:
    """The stored form: fields in model order, empty optional fields left out."""
    out: dict[str, Any] = {}
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if value is None or (value == [] and not field.is_required()):
            continue
        if isinstance(value, list):
            value = [to_plain(v) if isinstance(v, BaseModel) else _scalar(v) for v in value]
        elif isinstance(value, BaseModel):
            value = to_plain(value)
        elif isinstance(value, dict):  # a history entry's `was:` may keep a roadmap (milestones)
            value = {k: [to_plain(v) if isinstance(v, BaseModel) else v for v in old] if isinstance(old, list) else old
                     for k, old in value.items()}  # fmt: skip
        else:
            value = _scalar(value)
        out[name] = value
    if model.model_extra:
        out.update(model.model_extra)
    return out


def _scalar(value: Any) -> Any:
    return value.value if isinstance(value, StrEnum) else value


M = TypeVar("M", bound=BaseModel)


def trusted(model: type[M], plain: dict[str, Any]) -> M:
    """The model `to_plain` gave `plain` of, made again without validating: for what
    was validated when it was cached (the registries, cache/registries.py). A test
    keeps it equal to what validation makes."""
    values = {name: _trusted(field.annotation, plain[name]) for name, field in model.model_fields.items()
              if name in plain}  # fmt: skip
    extra = {key: value for key, value in plain.items() if key not in model.model_fields}
    return model.model_construct(**values, **extra)


def _trusted(annotation: Any, value: Any) -> Any:
    if get_origin(annotation) is Annotated:
        return _trusted(get_args(annotation)[0], value)
    if get_origin(annotation) in (Union, UnionType):
        if value is None:
            return None
        (kind,) = [a for a in get_args(annotation) if a is not type(None)]
        return _trusted(kind, value)
    if get_origin(annotation) is list:
        (kind,) = get_args(annotation)
        return [_trusted(kind, v) for v in value]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return trusted(annotation, value)
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return annotation(value)
    if annotation is date and isinstance(value, str):
        return date.fromisoformat(value)
    return value
