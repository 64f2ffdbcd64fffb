"""A record's history read as data: what each entry changed, from what, to what.

An entry keeps the values a change replaced, as the files store them:

    - date: 2025-10-10
      by: Tổ thư ký
      status: in_progress
      was:
        status: open
        due: 2025-12-31

What a value became is the next later entry's `was` of that field, or, when no later
entry changed it, the record's own value: so nothing is written twice, and nothing
the program reads back depends on the words of the interface (`historytext.py`
words a change for the reader). Entries written before 0.2 told the change as a
sentence (`changed: "Trạng thái: Chưa xử lý → Đang xử lý"`); they are read through
`oldlines.py`, and `tracker fmt` rewrites them as `was:`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker import oldlines
from tracker.models import HistoryEntry, Issue, PlanItem

_LISTS = {"support", "same_as", "not_same_as", "issues"}
_DATES = {"due", "resolved_on", "raised_on", "start", "done_on"}


@dataclass(frozen=True)
class Change:
    """One field one entry changed: its value before and after, as the files store them."""

    field: str
    old: Any
    new: Any


def olds(entry: HistoryEntry) -> dict[str, Any]:
    """The values an entry's change replaced: its `was:`, or what its old-style
    `changed:` line tells."""
    if entry.was is not None:
        return {str(field): value for field, value in entry.was.items()}
    return {told.field: told.old for told in oldlines.parse(entry.changed)} if entry.changed else {}


def milestones_done(entry: HistoryEntry) -> list[int]:
    """The milestones (from 1) an entry marked done."""
    if entry.milestones_done:
        return list(entry.milestones_done)
    return oldlines.milestones(entry.changed) if entry.changed and entry.was is None else []


def _stored(value: Any) -> Any:
    value = getattr(value, "value", value)  # an enum, as the files store it
    return list(value) if isinstance(value, list) else value


def _after(now: dict[str, Any], rec: Issue | PlanItem, field: str) -> Any:
    """What `field` held after an entry: the next later entry's `was`, or the record's own."""
    return now[field] if field in now else _stored(getattr(rec, field, None))


def changes(rec: Issue | PlanItem) -> list[list[Change]]:
    """For each history entry, in order, the changes it made (old and new values).

    The new value is read backwards from the record as it is now: each entry's
    `was` is what the field held before it, so before the next later change. An
    old-style line says both, and is taken at its word."""
    now: dict[str, Any] = {}
    out: list[list[Change]] = []
    for entry in reversed(rec.history):
        told = []
        if entry.was is None and entry.changed:
            pairs = [(t.field, t.old, t.new) for t in oldlines.parse(entry.changed)]
        else:
            pairs = [(field, old, _after(now, rec, field)) for field, old in olds(entry).items()]
        for field, old, new in pairs:
            told.append(Change(field, _typed(field, old), _typed(field, new)))
            now[field] = old
        out.append(told)
    out.reverse()
    return out


def renames(rec: Issue | PlanItem, since: int = 0) -> list[tuple[str, str]]:
    """(old ID, new ID) for each renumbering its history tells, from entry `since` on."""
    return [(c.old, c.new) for told in changes(rec)[since:] for c in told if c.field == "id"]


def _typed(field: str, value: Any) -> Any:
    """A value as the record's field holds it: an empty list, not None, for lists; a date."""
    if field in _LISTS:
        return list(value or [])
    if field in _DATES and isinstance(value, str):  # JSON (the cache) keeps a date as text
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def was(record: Any, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of `fields`, as a `was:` keeps them: taken before a change."""
    return {field: _stored(getattr(record, field)) for field in fields}


def upgrade(rec: Issue | PlanItem) -> bool:
    """Rewrite the record's old-style `changed:` lines as `was:` (and
    `milestones_done:`): each line that reads back one way only and whose new
    values are what the entries after it (or the record) say. Any other line is
    left as it was written, so nothing it told is lost. Whether one was rewritten."""
    now: dict[str, Any] = {}
    upgraded = False
    for entry in reversed(rec.history):
        read = oldlines.read(entry.changed) if entry.changed and entry.was is None else None
        if read is not None:
            values, done = read
            if all(_typed(c.field, c.new) == _typed(c.field, _after(now, rec, c.field)) for c in values):
                entry.was = {c.field: c.old for c in values} or None  # type: ignore[misc]  # validated on assignment
                entry.milestones_done = done or None
                entry.changed = None
                upgraded = True
        for field, old in olds(entry).items():
            now[field] = old
    return upgraded
