"""A record as it stood on a past day, from its own history: what `--as-of` means.

Every change the CLI makes is appended to a record's history with the day it was
made and a `changed` line (`status: open → in_progress; due: 2025-11-01 →
2025-11-15`). A record as of a day is the record with the changes made after that
day undone, or nothing when it had not been raised (or entered) by then. What a
record says of its own dates wins over the day a change was written down: an issue
closed late with `--on 2025-12-20` was resolved on the 20th.
"""

from datetime import date
from typing import Any

from tracker import changelines
from tracker.models import HistoryEntry, Issue, PlanItem

_DATES = {"due", "resolved_on", "raised_on", "start", "done_on"}
_LISTS = {"support", "same_as"}


def changes_of(entry: HistoryEntry) -> list[tuple[str, str, str]]:
    """(field, old, new) for each change an entry's `changed` line tells."""
    return changelines.parse(entry.changed)


def _value(field: str, text: str) -> Any:
    """A value as a `changed` line shows it (`—` for none), as the record stores it."""
    if text == "—":
        return [] if field in _LISTS else None
    if field in _LISTS:
        return [part.strip() for part in text.split(",") if part.strip()]
    if field in _DATES:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    return text


def begun(rec: Issue | PlanItem, day: date) -> bool:
    """Whether the record existed on `day`: raised (or started) by then, or, with no
    such date, written down by then."""
    own = rec.raised_on if isinstance(rec, Issue) else rec.start
    if own is not None:
        return own <= day
    return not rec.history or rec.history[0].date <= day


def as_of(rec: Issue | PlanItem, day: date) -> Issue | PlanItem | None:
    """`rec` as it stood at the end of `day`; None if it did not exist yet."""
    if not begun(rec, day):
        return None
    later = [h for h in rec.history if h.date > day]
    if not later and not _done_after(rec, day):
        return rec
    values: dict[str, Any] = {}
    kept: set[str] = set()
    for entry in reversed(later):
        told = changes_of(entry)
        if _resolved_by(told, day):
            # Resolved by the record's own date, on or before `day`, and written down later:
            # it was resolved then, whatever else changed in between.
            kept |= {"status", "resolution", "resolved_on", "done_on"}
            continue
        for field, old, _new in told:
            if field in type(rec).model_fields and field != "id" and field not in kept:
                values[field] = _value(field, old)
    values["history"] = [h for h in rec.history if h.date <= day]
    data = {**rec.model_dump(), **values}
    if isinstance(rec, Issue) and data["resolved_on"] is not None and data["resolved_on"] > day:
        data.update(resolved_on=None, resolution=None)  # resolved after the day: not yet then
        if data["status"] == "resolved":
            data["status"] = "open"
    if isinstance(rec, PlanItem):
        # Milestones reached after the day were not reached then; nor was the item done.
        data["milestones"] = [{**m, "done_on": None} if m["done_on"] and m["done_on"] > day else m
                              for m in data["milestones"]]  # fmt: skip
        if data["done_on"] is not None and data["done_on"] > day:
            data["done_on"] = None
            if data["status"] == "done":
                data["status"] = "in_progress"
    return type(rec).model_validate(data)


def _resolved_by(told: list[tuple[str, str, str]], day: date) -> bool:
    """An entry that resolved (or completed) a record on a date it gives, on or before `day`."""
    for field, _old, new in told:
        if field in ("resolved_on", "done_on"):
            when = _value(field, new)
            return when is not None and when <= day
    return False


def _done_after(rec: Issue | PlanItem, day: date) -> bool:
    """A record whose own date of completion, or of a milestone, is after `day`
    (written by hand, with no history entry after it)."""
    if isinstance(rec, Issue):
        return rec.resolved_on is not None and rec.resolved_on > day
    return (rec.done_on is not None and rec.done_on > day) or any(m.done_on and m.done_on > day for m in rec.milestones)
