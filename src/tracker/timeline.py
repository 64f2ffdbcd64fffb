"""A record as it stood on a past day, from its own history: what `--as-of` means.

Every change the CLI makes is appended to a record's history with the day it was
made and the values it replaced (`was: {status: open, due: 2025-11-01}`, see
history.py). A record as of a day is the record with the changes made after that
day undone, or nothing when it had not been raised (or entered) by then. What a
record says of its own dates wins over the day a change was written down: an issue
closed late with `--on 2025-12-20` was resolved on the 20th.
"""

import contextlib
import re
from datetime import date, timedelta
from typing import Any

from tracker import deadlines, rules
from tracker.history import Change, changes
from tracker.models import Issue, PlanItem


def since(rec: Issue | PlanItem) -> date | None:
    """The day the record exists from: the day it was raised (or started), or, with no
    such date, the day it was written down; None when it says neither (it always was)."""
    own = rec.raised_on if isinstance(rec, Issue) else rec.start
    if own is not None:
        return own
    return rec.history[0].date if rec.history else None


def begun(rec: Issue | PlanItem, day: date) -> bool:
    """Whether the record existed on `day`: raised (or started) by then, or, with no
    such date, written down by then."""
    first = since(rec)
    return first is None or first <= day


def as_of(rec: Issue | PlanItem, day: date) -> Issue | PlanItem | None:
    """`rec` as it stood at the end of `day`; None if it did not exist yet."""
    return _as_of(rec, day, changes(rec))


def stages(rec: Issue | PlanItem, text: str | None = None) -> list[tuple[date | None, Issue | PlanItem | None]]:
    """The record as it stood from each day it may have changed on (`turns`) until the
    next: `as_of` of that day, the first from always (None: before the first turn).
    `text`: the record as JSON, when the caller has it (the cache does)."""
    told, whole = changes(rec), _Dumped(rec)  # worked out once for every day, not once a day
    days = turns(rec, told, text)
    before = days[0] - timedelta(days=1) if days and days[0] > date.min else date.min
    return [(None, _as_of(rec, before, told, whole)), *((day, _as_of(rec, day, told, whole)) for day in days)]


class _Dumped:
    """`rec.model_dump()`, made once when first asked for (a record that never changed is never dumped)."""

    def __init__(self, rec: Issue | PlanItem) -> None:
        self.rec = rec
        self.data: dict[str, Any] | None = None

    def __call__(self) -> dict[str, Any]:
        if self.data is None:
            self.data = self.rec.model_dump()
        return self.data


_ISO = re.compile(r'"(\d{4}-\d{2}-\d{2})')  # a date as JSON writes one, or as an old-style line begins one


def turns(rec: Issue | PlanItem, told: list[list[Change]] | None = None, text: str | None = None) -> list[date]:
    """The days, in order, from which `as_of(rec, day)` may differ from the day before.
    `as_of` compares the day only with dates the record holds (`x <= day`, `x > day`:
    each turns on the day `x`), so every date the record holds, or its history's
    changes held, is one: more than needed, never fewer."""
    found: set[date] = set()
    for day in _ISO.findall(rec.model_dump_json() if text is None else text):  # a walk of model_dump(): 5x as long
        with contextlib.suppress(ValueError):  # 2025-13-45 is not a day
            found.add(date.fromisoformat(day))
    for changed in changes(rec) if told is None else told:  # an old-style line's values, read as dates
        for change in changed:
            for value in (change.old, change.new):
                if isinstance(value, date):
                    found.add(value)
                elif isinstance(value, list):
                    found.update(v for item in value if isinstance(item, dict) for v in item.values()
                                 if isinstance(v, date))  # fmt: skip
    return sorted(found)


def _as_of(rec: Issue | PlanItem, day: date, told_all: list[list[Change]],
           whole: "_Dumped | None" = None) -> Issue | PlanItem | None:  # fmt: skip
    if not begun(rec, day):
        return None
    later = [told for entry, told in zip(rec.history, told_all, strict=True) if entry.date > day]
    if not later and not _done_after(rec, day):
        return rec
    values: dict[str, Any] = {}
    kept: set[str] = set()
    for told in reversed(later):
        if _resolved_by(told, day):
            # Resolved by the record's own date, on or before `day`, and written down later:
            # it was resolved then, whatever else changed in between.
            kept |= {"status", "resolution", "resolved_on", "done_on"}
            continue
        for change in told:
            if change.field in type(rec).model_fields and change.field != "id" and change.field not in kept:
                values[change.field] = change.old
    values["history"] = [h for h in rec.history if h.date <= day]
    if "milestones" in values:  # a roadmap as it was, before a milestone was added or changed
        values["milestones"] = [m.model_dump() if hasattr(m, "model_dump") else m for m in values["milestones"] or []]
    data = {**(rec.model_dump() if whole is None else whole()), **values}  # each value replaced, none changed
    if rec.extensions:  # a request's own dates win over the day it was written down
        extensions, data["due"] = deadlines.as_of(rec, day, data["due"])
        data["extensions"] = [e.model_dump() for e in extensions]
    if isinstance(rec, Issue) and data["resolved_on"] is not None and data["resolved_on"] > day:
        data.update(resolved_on=None, resolution=None)  # resolved after the day: not yet then
        if data["status"] == rules.DONE_ISSUE:
            data["status"] = rules.UNDONE_ISSUE
    if isinstance(rec, PlanItem):
        # Milestones reached after the day were not reached then; nor was the item done.
        data["milestones"] = [{**m, "done_on": None} if m["done_on"] and m["done_on"] > day else m
                              for m in data["milestones"]]  # fmt: skip
        if data["done_on"] is not None and data["done_on"] > day:
            data["done_on"] = None
            if data["status"] == rules.DONE_PLAN:
                data["status"] = rules.UNDONE_PLAN
    return type(rec).model_validate(data)


def _resolved_by(told: list[Change], day: date) -> bool:
    """An entry that resolved (or completed) a record on a date it gives, on or before `day`."""
    for change in told:
        if change.field in ("resolved_on", "done_on"):
            return isinstance(change.new, date) and change.new <= day
    return False


def _done_after(rec: Issue | PlanItem, day: date) -> bool:
    """A record whose own date of completion, or of a milestone, is after `day`
    (written by hand, with no history entry after it)."""
    if any(e.requested_on > day or (e.decided_on is not None and e.decided_on > day) for e in rec.extensions):
        return True
    if isinstance(rec, Issue):
        return rec.resolved_on is not None and rec.resolved_on > day
    return (rec.done_on is not None and rec.done_on > day) or any(m.done_on and m.done_on > day for m in rec.milestones)
