"""The plain results commands hand to a format: computed once, presented by any
format that knows their `kind` (formats/__init__.py lists which)."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker.cache import Full, IssueRow, PlanRow
from tracker.changes import Change, DeptChanges


@dataclass
class Listing:
    """Records of `list` or `plan list`: brief rows for a table, whole ones otherwise."""

    rows: list[IssueRow] | list[PlanRow] | list[Full]
    as_of: date
    plan: bool = False
    kind: str = field(default="listing", init=False)


@dataclass
class RecordView:
    """One record in full, for `show`."""

    full: Full
    as_of: date
    kind: str = field(default="record", init=False)


@dataclass
class Grid:
    """The status grid per lead department (`stats`), as its JSON prints it."""

    data: dict[str, Any]
    kind: str = field(default="grid", init=False)


@dataclass
class ChangeLog:
    """What changed since a revision (`changes`)."""

    changes: list[Change]
    groups: list[DeptChanges]
    since: str
    kind: str = field(default="changes", init=False)


@dataclass
class Export:
    """Issues for a spreadsheet (`export`): whole records and the grid of them."""

    records: list[Full]
    grid: dict[str, Any]
    departments: dict[str, str]
    as_of: date
    kind: str = field(default="export", init=False)
