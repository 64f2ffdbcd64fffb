"""Three-way merge of a commune file, record by record: what `tracker resolve` and the
optional git merge driver do when plain git could only conflict."""

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
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
    mine, other = _stored(ours), _stored(theirs)
    raise TrackerError(
        tr(f"{where}: cả hai bên cùng sửa '{key}' khác nhau ({mine} / {other}); hãy sửa tay",
           f"{where}: both sides changed '{key}' differently ({mine} / {other}); settle it by hand")
    )  # fmt: skip


def _stored(value: Any) -> str:
    """A value as the file stores it: `in_progress`, `2025-12-31`, `[VA-1, TN-2]`, 'text'."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_stored(v) for v in value) + "]"
    return "—" if value is None else repr(value)


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
        base_by, their_records = _both_renumbered(base_by, list(getattr(ours, section)), their_records, outcome, moved)
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
        ours_added = [r for r in result if r.id not in base_by]
        for rec in their_records:
            if rec.id in ours_by and not (rec.id not in base_by and ours_by[rec.id] != rec):
                continue
            if rec.id in base_by and rec.id not in ours_by and base_by[rec.id] == rec:
                continue  # we deleted it, they did not touch it
            twin = None if rec.id in base_by else _twin(rec, ours_added)
            if twin is not None:  # one issue each side renumbered to another ID: one record, ours
                outcome.renumbered.append((rec.id, twin.id))
                moved[rec.id] = twin.id
                place = next(n for n, r in enumerate(result) if r.id == twin.id)
                result[place] = _record(None, twin, _unrenumbered(rec, twin.id))
                continue
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


def _renumbering(rec: Issue | PlanItem) -> int | None:
    """Where the last renumbering of `rec` is in its history (`was: {id: VA-7}`)."""
    found = [n for n, h in enumerate(rec.history) if h.was is not None and set(h.was) == {"id"}]
    return found[-1] if found else None


def _moves(records: list[Any], base_by: dict[str, Any]) -> dict[str, str]:
    """The records of the base one side renumbered: base ID -> the side's ID."""
    out = {}
    for rec in records:
        at = _renumbering(rec)
        old = rec.history[at].was["id"] if at is not None else None
        if old and old != rec.id and old in base_by:
            start = base_by[old].history
            if rec.history[: len(start)] == start:
                out[old] = rec.id
    return out


def _both_renumbered(base_by: dict[str, Any], ours: list[Any], theirs: list[Any], outcome: Outcome,
                     moved: dict[str, str]) -> tuple[dict[str, Any], list[Any]]:  # fmt: skip
    """A record of the base that both sides renumbered, each to its own ID (VA-4 became
    VA-6 here and VA-5 there, as each side merged the branch that added it): it is one
    record, under our ID, and the base's record is compared under that ID."""
    mine, their = _moves(ours, base_by), _moves(theirs, base_by)
    their_ids = {r.id for r in theirs}
    for old in set(mine) & set(their):
        here, there = mine[old], their[old]
        if here == there or here in base_by or (here in their_ids and here != there):
            continue
        base_by = {**{k: v for k, v in base_by.items() if k != old}, here: base_by[old].model_copy(update={"id": here})}
        theirs = [_unrenumbered(r, here) if r.id == there else r for r in theirs]
        outcome.renumbered.append((there, here))
        moved[there] = here
    return base_by, theirs


def _twin(rec: Issue | PlanItem, added: list[Any]) -> Issue | PlanItem | None:
    """The record of `added` that is `rec` under another ID: both renumbered from the
    same ID, with the same history before it (a record both sides renumbered when each
    merged it, to VA-8 on one side and VA-9 on the other)."""
    mine = _renumbering(rec)
    if mine is None:
        return None
    for other in added:
        at = _renumbering(other)
        if (at is not None and other.id != rec.id and other.history[at].was == rec.history[mine].was
                and other.history[:at] == rec.history[:mine]):  # fmt: skip
            return other  # type: ignore[no-any-return]
    return None


def _unrenumbered(rec: Issue | PlanItem, ident: str) -> Issue | PlanItem:
    """Their copy of a record both sides renumbered, under our ID, without their renumbering."""
    at = _renumbering(rec)
    history = [h for n, h in enumerate(rec.history) if n != at]
    return rec.model_copy(update={"id": ident, "history": history})


def _their_links(issue: Issue, ours: set[str], moved: dict[str, str]) -> Issue:
    """`issue` with the links that are not ours following their renumbered issues."""
    named = [i if i in ours else moved.get(i, i) for i in issue.same_as]
    return issue if named == issue.same_as else issue.model_copy(update={"same_as": named})


def _follow(item: Issue | PlanItem, moved: dict[str, str]) -> Issue | PlanItem:
    if not isinstance(item, PlanItem) or not any(i in moved for i in item.issues):
        return item
    return item.model_copy(update={"issues": [moved.get(i, i) for i in item.issues]})
