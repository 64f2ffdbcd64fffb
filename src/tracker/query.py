"""Filtering and ordering records: the filters of `list`, Vietnamese order, natural IDs.

The cache's SQL selects by the same filter first (`Filter.where`); `Filter.accepts`
still decides, on the fields a row carries. Search is the cache's alone: it keeps
the folded text a row does not carry."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from tracker import rules
from tracker.cache import Full, IssueRow, PlanRow, Where
from tracker.models import PlanItem
from tracker.text import natural_key

R = TypeVar("R", IssueRow, PlanRow, Full)


@dataclass
class Filter:
    depts: list[str] = field(default_factory=list)
    with_support: bool = False
    statuses: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    overdue: bool = False
    search: str | None = None
    as_of: date = field(default_factory=date.today)

    def where(self, file: str | None = None) -> Where:
        return Where(file=file, statuses=self.statuses, overdue_as_of=self.as_of if self.overdue else None,
                     depts=self.depts, with_support=self.with_support, categories=self.categories,
                     search=self.search)  # fmt: skip

    def accepts(self, row: IssueRow | PlanRow | Full) -> bool:
        rec: Any = row.record if isinstance(row, Full) else row
        plan = isinstance(rec, PlanRow | PlanItem)
        if self.statuses and rec.status.value not in self.statuses:
            return False
        if self.overdue and not rules.is_overdue(rec.status, rec.due, self.as_of, plan):
            return False
        if not plan:
            if self.depts:
                involved = {rec.dept, *rec.support} if self.with_support else {rec.dept}
                if not involved & set(self.depts):
                    return False
            if self.categories and rec.category not in self.categories:
                return False
        return True


def sort_key(row: IssueRow | PlanRow | Full) -> tuple[object, ...]:
    return (*row.commune.order(), natural_key(row.id))


def select(rows: Iterable[R], flt: Filter) -> list[R]:
    """The rows `flt` accepts, by commune name in Vietnamese order, then by ID."""
    return sorted((r for r in rows if flt.accepts(r)), key=sort_key)
