"""Filtering and ordering records: Vietnamese order, natural IDs, folded search."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from tracker.models import CommuneInfo, Issue, PlanItem
from tracker.text import fold, natural_key, vi_sort_key


@dataclass(frozen=True)
class Row:
    """A record with the commune it belongs to."""

    slug: str
    commune: CommuneInfo
    record: Issue | PlanItem
    brief: bool = False  # the record without its history and long texts (tables, reports)


@dataclass
class Filter:
    depts: list[str] = field(default_factory=list)
    with_support: bool = False
    statuses: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    overdue: bool = False
    search: str | None = None
    as_of: date = field(default_factory=date.today)

    def accepts(self, row: Row) -> bool:
        rec = row.record
        if self.statuses and rec.status.value not in self.statuses:
            return False
        if self.overdue and not rec.is_overdue(self.as_of):
            return False
        if self.search and fold(self.search) not in searchable(rec):
            return False
        if isinstance(rec, Issue):
            if self.depts:
                involved = {rec.dept, *rec.support} if self.with_support else {rec.dept}
                if not involved & set(self.depts):
                    return False
            if self.categories and rec.category not in self.categories:
                return False
        return True


def searchable(rec: Issue | PlanItem) -> str:
    """Folded title, description, resolution and notes, for diacritic-free search."""
    parts = [rec.title, *(h.note or "" for h in rec.history)]
    if isinstance(rec, Issue):
        parts += [rec.description or "", rec.resolution or ""]
    else:
        parts += [rec.note or "", *(m.target for m in rec.milestones)]
    return fold(" \n ".join(parts))


def sort_key(row: Row) -> tuple[object, ...]:
    return (vi_sort_key(row.commune.name), row.commune.code, natural_key(row.record.id))


def select(rows: Iterable[Row], flt: Filter) -> list[Row]:
    """The rows `flt` accepts, by commune name in Vietnamese order, then by ID."""
    return sorted((r for r in rows if flt.accepts(r)), key=sort_key)
