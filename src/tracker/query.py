"""Filtering and ordering records: the filters of `list`, Vietnamese order, natural IDs.

The cache's SQL selects by the same filter first (`Filter.where`); `Filter.accepts`
still decides, on the fields a row carries. Search is the cache's alone: it keeps
the folded text a row does not carry."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import Any, TypeVar

from tracker import deadlines, rules
from tracker.cache import Full, IssueRow, PlanRow, Where
from tracker.dates import today
from tracker.text import by_natural_id, natural_key

R = TypeVar("R", IssueRow, PlanRow, Full)


@dataclass
class Filter:
    depts: list[str] = field(default_factory=list)
    with_support: bool = False
    statuses: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    overdue: bool = False
    search: str | None = None
    as_of: date = field(default_factory=today)  # $TRACKER_TODAY, as every command
    undated: bool = False  # not done, with no deadline
    extension: str | None = None  # "pending": a request awaits a decision; "approved": extended at least once

    def where(self, file: str | None = None) -> Where:
        return Where(file=file, statuses=self.statuses, overdue_as_of=self.as_of if self.overdue else None,
                     depts=self.depts, with_support=self.with_support, categories=self.categories,
                     search=self.search, undated=self.undated, extension=self.extension)  # fmt: skip

    def accepts(self, row: IssueRow | PlanRow | Full) -> bool:
        rec: Any = row.record if isinstance(row, Full) else row
        plan = row.plan if isinstance(row, Full) else isinstance(row, PlanRow)
        if self.statuses and rec.status.value not in self.statuses:
            return False
        if self.overdue and not rules.is_overdue(rec.status, rec.due, self.as_of, plan):
            return False
        if self.undated and not (rec.due is None and rules.active(rec.status, plan)):
            return False
        if self.extension == "approved" and not rec.extended:
            return False
        if self.extension == "pending" and _pending(rec) is None:
            return False
        if not plan:
            if self.depts:
                involved = {rec.dept, *rec.support} if self.with_support else {rec.dept}
                if not involved & set(self.depts):
                    return False
            if self.categories and rec.category not in self.categories:
                return False
        return True


def _pending(rec: Any) -> date | None:
    """The date a request awaiting a decision asks for: a row's column, a record's list."""
    if isinstance(rec, IssueRow | PlanRow):
        return rec.pending
    waiting = deadlines.pending(rec)
    return waiting.to if waiting else None


def sort_key(row: IssueRow | PlanRow | Full) -> tuple[object, ...]:
    return (*row.commune.order(), natural_key(row.id))


def select(rows: Iterable[R], flt: Filter) -> list[R]:
    """The rows `flt` accepts, by commune name in Vietnamese order, then by ID: the
    order of `sort_key`. The communes are sorted once, not a key a row; the rows of
    each, by ID (a national list has 100,000 rows and 3,321 communes)."""
    everything = not (flt.statuses or flt.overdue or flt.depts or flt.categories or flt.undated or flt.extension)
    by: dict[tuple[object, ...], list[R]] = {}
    keys: dict[int, tuple[object, ...]] = {}  # a commune's key, by its row object: communes are shared
    for row in rows:
        if not everything and not flt.accepts(row):
            continue
        commune = row.commune
        key = keys.get(id(commune))
        if key is None:
            key = keys[id(commune)] = commune.order()
        group = by.get(key)
        if group is None:
            by[key] = [row]
        else:
            group.append(row)
    out: list[R] = []
    for key in sorted(by):
        out += by_id(by[key])
    return out


def by_id(rows: list[R]) -> list[R]:
    """One commune's rows in the natural order of their IDs."""
    return by_natural_id(rows, _ID)


_ID = attrgetter("id")
