"""A history entry worded for its reader, in the reader's language: the one home of
how a change reads.

    Trạng thái: Chưa xử lý → Đang xử lý; Thời hạn: 31/12/2025 → 15/11/2025
    status: open → in progress; due: 2025-12-31 → 2025-11-15

The entry itself keeps values, not these words (history.py), so the words can
change, or be set by `templates/lang/*.j2`, without making any entry unreadable.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.history import Change, changes, milestones_done
from tracker.i18n import get_lang
from tracker.models import HistoryEntry, Issue, Milestone, PlanItem
from tracker.wording import Labels, date_label, fill, labels

NONE = "—"


def _words(words: Labels | None) -> Labels:
    return words if words is not None else labels(get_lang())


def shown(field: str, value: Any, words: Labels | None = None, plan: bool = False) -> str:
    """A value as a change shows it: `—` for none, lists joined, dates and statuses
    in the language's words."""
    words = _words(words)
    if value is None or value == []:
        return NONE
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, date):
        return date_label(value, words.lang)
    value = getattr(value, "value", value)
    if field == "status":
        return words.status_word(str(value), plan)
    if field == "priority":
        return str(words.priority.get(value, value))
    return str(value)


def line(change: Change, words: Labels | None = None, plan: bool = False) -> str:
    """One change: `label: old → new`; a roadmap changed, each milestone added or
    changed: `Lộ trình (2): 15/11/2025 Lập danh sách → 20/11/2025 Lập danh sách`."""
    words = _words(words)
    label = words.fields.get(change.field, change.field)
    if change.field == "milestones":
        return "; ".join(_stones(label, list(change.old or []), list(change.new or []), words))
    return f"{label}: {shown(change.field, change.old, words, plan)} → {shown(change.field, change.new, words, plan)}"


def _stones(label: str, old: list[Any], new: list[Any], words: Labels) -> list[str]:
    def one(stone: Milestone | None) -> str:
        return NONE if stone is None else f"{date_label(stone.due, words.lang)} {stone.target}"

    old, new = ([Milestone.model_validate(m) if isinstance(m, dict) else m for m in stones] for stones in (old, new))
    out = []
    for n in range(max(len(old), len(new))):
        before, after = (old[n] if n < len(old) else None), (new[n] if n < len(new) else None)
        if before is None or after is None or (before.due, before.target) != (after.due, after.target):
            out.append(f"{label} ({n + 1}): {one(before)} → {one(after)}")
    return out


def told(rec: Issue | PlanItem, words: Labels | None = None) -> list[str]:
    """For each history entry of `rec`, in order, what it changed in words ("" for
    an entry that changed no field: a note, a reminder)."""
    words = _words(words)
    plan = isinstance(rec, PlanItem)
    return [_sentence(rec, entry, made, words, plan) for entry, made in zip(rec.history, changes(rec), strict=True)]


def _sentence(rec: Issue | PlanItem, entry: HistoryEntry, made: list[Change], words: Labels, plan: bool) -> str:
    step = entry.extension
    previous = next((c.old for c in made if c.field == "due"), None)
    if step is not None and step.status == "approved":  # the step says the deadline it moved
        made = [c for c in made if c.field != "due"]
    parts = [line(change, words, plan) for change in made]
    if step is not None:
        said = fill(words.extension_step[step.status.value], to=shown("due", step.to, words),
                    previous=shown("due", previous, words))  # fmt: skip
        parts.insert(0, said)
    for number in milestones_done(entry):
        stones = rec.milestones if isinstance(rec, PlanItem) else []
        target = stones[number - 1].target if number <= len(stones) else ""
        parts.append(fill(words.milestone_done, n=number, target=target))
    if entry.changed and entry.was is None and not made and not parts:
        parts.append(entry.changed)  # an old line that tells no field in a form we know: as written
    if entry.reminder:
        parts.append(fill(words.reminder_sent, letter=entry.reminder))
    if entry.doc:
        parts.append(fill(words.history_doc, doc=entry.doc))
    return "; ".join(parts)
