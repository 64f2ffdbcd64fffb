"""What changed between two versions of the data, in the words of the domain:
records added and removed, status, deadline, lead department, owner, notes."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.models import CommuneFile, Issue, PlanItem

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
    """The changes from `old` to `new` (either may be None: a file added or removed)."""
    either = new or old
    name = either.commune.name if either else slug
    before = {rec.id: rec for _, _, rec in old.records()} if old else {}
    after = {rec.id: rec for _, _, rec in new.records()} if new else {}
    out: list[Change] = []
    for ident, rec in after.items():
        dept = rec.dept if isinstance(rec, Issue) else ""
        prior = before.get(ident)
        if prior is None:
            out.append(Change(ident, slug, name, dept, "added", None, rec.title))
            continue
        fields = _ISSUE_FIELDS if isinstance(rec, Issue) else _PLAN_FIELDS
        for key in fields:
            was, now = getattr(prior, key), getattr(rec, key)
            if was != now:
                out.append(Change(ident, slug, name, dept, key, was, now))
        if isinstance(rec, PlanItem) and isinstance(prior, PlanItem):
            for number, (a, b) in enumerate(zip(prior.milestones, rec.milestones, strict=False), 1):
                if a.done_on is None and b.done_on is not None:
                    out.append(Change(ident, slug, name, dept, "milestone", number, b.target))
        for entry in rec.history[len(prior.history) :]:
            if entry.note:
                out.append(Change(ident, slug, name, dept, "note", None, entry.note))
    for ident, rec in before.items():
        if ident not in after:
            dept = rec.dept if isinstance(rec, Issue) else ""
            out.append(Change(ident, slug, name, dept, "removed", rec.title, None))
    return out


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
