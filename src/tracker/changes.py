"""What changed between two versions of the data, in the words of the domain:
records added and removed, status, deadline, lead department, owner, notes."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.history import olds, renames
from tracker.models import CommuneFile, HistoryEntry, Issue, PlanItem

# Fields whose changes are reported, in the order a reader expects them.
_ISSUE_FIELDS = ("status", "due", "dept", "support", "owner", "priority", "category", "title", "resolution")
_PLAN_FIELDS = ("status", "due", "owner", "title")


@dataclass(frozen=True)
class Change:
    id: str
    commune: str  # slug
    commune_name: str
    dept: str  # the lead department (empty for plan items)
    change: str  # added, removed, status, due, dept, owner, note, milestone, ...
    old: Any = None
    new: Any = None
    commit: str = ""
    date: str = ""
    by: str = ""

    def as_json(self) -> dict[str, Any]:
        def plain(value: Any) -> Any:
            if isinstance(value, date):
                return value.isoformat()
            if isinstance(value, list):
                return [plain(v) for v in value]
            return getattr(value, "value", value)

        return {"id": self.id, "commune": self.commune, "dept": self.dept, "change": self.change,
                "from": plain(self.old), "to": plain(self.new), "commit": self.commit, "date": self.date,
                "by": self.by}  # fmt: skip


def diff(slug: str, old: CommuneFile | None, new: CommuneFile | None) -> list[Change]:
    """The changes from `old` to `new` (either may be None: a file added or removed).
    A record renumbered between them (its history says `id: A → B`) is one record
    that changed its ID, not one removed and one added."""
    either = new or old
    name = either.commune.name if either else slug
    before = {rec.id: rec for _, _, rec in old.records()} if old else {}
    after = {rec.id: rec for _, _, rec in new.records()} if new else {}
    was = _renumbered(before, after)  # new ID -> the ID it had in `old`
    out: list[Change] = []
    for ident, rec in after.items():
        dept = rec.dept if isinstance(rec, Issue) else ""
        if ident in was:
            prior: Issue | PlanItem | None = before[was[ident]]
            out.append(Change(ident, slug, name, dept, "id", was[ident], ident))
        else:  # an ID another record gave up is a new record's
            prior = None if ident in was.values() else before.get(ident)
        if prior is None:
            out.append(Change(ident, slug, name, dept, "added", None, rec.title, by=_who(rec.history[:1])))
            continue
        fields = _ISSUE_FIELDS if isinstance(rec, Issue) else _PLAN_FIELDS
        entries = rec.history[len(prior.history) :]  # who made each change: the record says (`by`)
        for key in fields:
            then, now = getattr(prior, key), getattr(rec, key)
            if then != now:
                out.append(Change(ident, slug, name, dept, key, then, now, by=_who(entries, key)))
        if isinstance(rec, PlanItem) and isinstance(prior, PlanItem):
            for number, (a, b) in enumerate(zip(prior.milestones, rec.milestones, strict=False), 1):
                if a.done_on is None and b.done_on is not None:
                    out.append(Change(ident, slug, name, dept, "milestone", number, b.target, by=_who(entries)))
        for entry in entries:
            if entry.note:
                out.append(Change(ident, slug, name, dept, "note", None, entry.note, by=entry.by))
    for ident, rec in before.items():
        if ident not in after and ident not in was.values():
            dept = rec.dept if isinstance(rec, Issue) else ""
            out.append(Change(ident, slug, name, dept, "removed", rec.title, None))
    return out


def _who(entries: list[HistoryEntry], key: str | None = None) -> str:
    """Who the history says made a change (of `key`: the last entry whose `was` has
    it): "" when it does not say, and the commit's author is credited instead."""
    told = [e for e in entries if key is None or key in olds(e)] or entries
    return told[-1].by if told else ""


def renumbered(old: CommuneFile, new: CommuneFile) -> dict[str, str]:
    """New ID -> old ID of the records renumbered between two versions of a file."""
    return _renumbered({r.id: r for _, _, r in old.records()}, {r.id: r for _, _, r in new.records()})


def _renumbered(before: dict[str, Any], after: dict[str, Any]) -> dict[str, str]:
    """New ID -> old ID of the records renumbered between two versions: the record's
    history says `id: A → B` and goes on from the history it had as A."""
    found: dict[str, str] = {}
    for ident, rec in after.items():
        for first, last in renames(rec):
            prior = before.get(first)
            if last == ident and prior is not None and rec.history[: len(prior.history)] == prior.history:
                found[ident] = first
    return found


@dataclass
class CommuneChanges:
    name: str
    slug: str
    changes: list[Change]


@dataclass
class DeptChanges:
    code: str  # empty for the communes' action plans
    name: str
    communes: list[CommuneChanges]


def group(changes: list[Change], departments: dict[str, str]) -> list[DeptChanges]:
    """Changes by lead department (in registry order; action plans last), then commune."""
    from tracker.text import vi_sort_key

    order = list(departments)
    codes = sorted({c.dept for c in changes}, key=lambda d: (not d, order.index(d) if d in order else len(order), d))
    out = []
    for code in codes:
        mine = [c for c in changes if c.dept == code]
        slugs = sorted(
            {c.commune for c in mine}, key=lambda s: vi_sort_key(next(c.commune_name for c in mine if c.commune == s))
        )
        communes = [CommuneChanges(next(c.commune_name for c in mine if c.commune == s), s,
                                   [c for c in mine if c.commune == s]) for s in slugs]  # fmt: skip
        out.append(DeptChanges(code, departments.get(code, code), communes))
    return out
