"""Deadlines as an office counts them: the deadline in force, the first one given,
the requests for a new one (gia hạn) and where they stand, on any day.

A record's `due` is the deadline in force. A request for a new deadline changes
nothing until it is approved; an approved one moves `due` and keeps the one it
replaced (`previous`), so the first deadline a record was given is never lost.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from tracker.enums import ExtensionStatus

if TYPE_CHECKING:  # a warm read uses stored_extras on the cache's rows, and no model
    from tracker.models import Extension, Issue, PlanItem

PENDING, APPROVED, REJECTED = ExtensionStatus.PENDING, ExtensionStatus.APPROVED, ExtensionStatus.REJECTED


def pending(rec: Issue | PlanItem) -> Extension | None:
    """The request not yet decided, if any (there is one at most)."""
    return next((e for e in rec.extensions if e.status == PENDING), None)


def due_original(rec: Issue | PlanItem) -> date | None:
    """The first deadline the record was given (None if none): the one in force when
    the first request was made, or the one in force now."""
    return rec.extensions[0].previous if rec.extensions else rec.due


def as_of(rec: Issue | PlanItem, day: date, due: date | None) -> tuple[list[Extension], date | None]:
    """The requests as they stood at the end of `day` (those made later left out,
    those decided later still pending), and the deadline then in force: the last
    one approved by then, or, when the first approval came later, the one it
    replaced; `due` (the record's, its history undone) when no approval says."""
    kept: list[Extension] = []
    in_force: date | None = None
    later: date | None = None
    decided = False
    for ext in rec.extensions:
        if ext.requested_on > day:
            continue
        if ext.status != PENDING and ext.decided_on is not None and ext.decided_on > day:
            ext = ext.model_copy(update={"status": PENDING, "decided_on": None, "decided_by": None, "answer": None})
        kept.append(ext)
    for ext in rec.extensions:
        if ext.status != APPROVED:
            continue
        if ext.decided_on is not None and ext.decided_on <= day:
            in_force, decided = ext.to, True
        elif not decided and later is None:
            later = ext.previous
    if decided:
        return kept, in_force
    if later is not None:
        return kept, later
    return kept, due


def stored_extras(data: dict[str, Any]) -> dict[str, Any]:
    """What JSON adds to a record as the cache keeps it (`model_dump(mode="json")`):
    the first deadline and the pending request's date (the requests are in it already)."""
    extensions = data.get("extensions") or []
    original = extensions[0].get("previous") if extensions else data.get("due")
    waiting = next((e["to"] for e in extensions if e.get("status", "pending") == "pending"), None)
    return {"due_original": original, "extension_pending": waiting}
