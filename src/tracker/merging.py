"""Three-way merge of a commune file, record by record: what `tracker resolve` and the
optional git merge driver do when plain git could only conflict."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker import ids
from tracker.errors import TrackerError
from tracker.i18n import tr
from tracker.models import CommuneFile, HistoryEntry, Issue, PlanItem


@dataclass
class Outcome:
    merged: CommuneFile
    renumbered: list[tuple[str, str]] = field(default_factory=list)  # (their ID, new ID)


def _pick(key: str, base: Any, ours: Any, theirs: Any, where: str) -> Any:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    raise TrackerError(
        tr(f"{where}: cả hai bên cùng sửa '{key}' khác nhau ({ours!r} / {theirs!r}); hãy sửa tay",
           f"{where}: both sides changed '{key}' differently ({ours!r} / {theirs!r}); settle it by hand")
    )  # fmt: skip


def _history(base: list[HistoryEntry], ours: list[HistoryEntry], theirs: list[HistoryEntry]) -> list[HistoryEntry]:
    """The common start, then what each side appended (theirs after ours on the same day)."""
    common = len(base)
    if ours[:common] != base or theirs[:common] != base:
        common = 0
        while common < min(len(ours), len(theirs)) and ours[common] == theirs[common]:
            common += 1
    added = ours[common:] + [h for h in theirs[common:] if h not in ours[common:]]
    return ours[:common] + sorted(added, key=lambda h: h.date)


def _record(base: Issue | PlanItem | None, ours: Issue | PlanItem, theirs: Issue | PlanItem) -> Issue | PlanItem:
    if ours == theirs:
        return ours
    merged = ours.model_copy(deep=True)
    for key in type(ours).model_fields:
        if key == "history":
            continue
        value = _pick(
            key, getattr(base, key, None) if base else None, getattr(ours, key), getattr(theirs, key), ours.id
        )
        setattr(merged, key, value)
    merged.history = _history(base.history if base else [], ours.history, theirs.history)
    return merged


def merge(base: CommuneFile | None, ours: CommuneFile, theirs: CommuneFile, day: date, by: str) -> Outcome:
    """Records changed on one side take that side; records added on both sides under
    the same ID keep ours and renumber theirs (its history says so, and their plan
    items follow it); one field changed two ways is an error."""
    header = ours.commune.model_copy()
    for key in type(header).model_fields:
        base_value = getattr(base.commune, key) if base else None
        setattr(
            header, key, _pick(key, base_value, getattr(ours.commune, key), getattr(theirs.commune, key), "commune")
        )
    outcome = Outcome(CommuneFile(commune=header))
    moved: dict[str, str] = {}  # their issue ID -> its new one
    for section in ids.SECTIONS:
        base_by = {r.id: r for r in getattr(base, section)} if base else {}
        ours_by = {r.id: r for r in getattr(ours, section)}
        their_records = list(getattr(theirs, section))
        if moved:  # their plan items name their issues by their new IDs
            their_records = [_follow(r, moved) for r in their_records]
        theirs_by = {r.id: r for r in their_records}
        result: list[Any] = []
        for rec in getattr(ours, section):
            other = theirs_by.get(rec.id)
            old = base_by.get(rec.id)
            if other is None:
                if old is None or old != rec:  # added or changed by us (a deletion by them loses to an edit)
                    result.append(rec)
            elif old is None and other != rec:
                result.append(rec)  # both added this ID: theirs is renumbered below
            else:
                result.append(_record(old, rec, other))
        taken = {r.id for r in result}
        for rec in their_records:
            if rec.id in ours_by and not (rec.id not in base_by and ours_by[rec.id] != rec):
                continue
            if rec.id in base_by and rec.id not in ours_by and base_by[rec.id] == rec:
                continue  # we deleted it, they did not touch it
            if rec.id in taken:
                new_id = ids.next_free(ids.prefix_of(rec.id), section, taken)
                outcome.renumbered.append((rec.id, new_id))
                if section == "issues":
                    moved[rec.id] = new_id
                entry = HistoryEntry(date=day, by=by, was={"id": rec.id})
                rec = rec.model_copy(update={"id": new_id, "history": [*rec.history, entry]})
            result.append(rec)
            taken.add(rec.id)
        setattr(outcome.merged, section, result)
    if moved:  # the links (`same_as`) they added name their issues by their new IDs too
        ours_links = {r.id: set(r.same_as) for r in ours.issues}
        outcome.merged.issues = [_their_links(r, ours_links.get(r.id, set()), moved) for r in outcome.merged.issues]
    return outcome


def _their_links(issue: Issue, ours: set[str], moved: dict[str, str]) -> Issue:
    """`issue` with the links that are not ours following their renumbered issues."""
    named = [i if i in ours else moved.get(i, i) for i in issue.same_as]
    return issue if named == issue.same_as else issue.model_copy(update={"same_as": named})


def _follow(item: Issue | PlanItem, moved: dict[str, str]) -> Issue | PlanItem:
    if not isinstance(item, PlanItem) or not any(i in moved for i in item.issues):
        return item
    return item.model_copy(update={"issues": [moved.get(i, i) for i in item.issues]})
