"""Three-way merge of a commune file, record by record: what `tracker resolve` and the
optional git merge driver do when plain git could only conflict."""

from dataclasses import dataclass, field
from typing import Any

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


def merge(base: CommuneFile | None, ours: CommuneFile, theirs: CommuneFile) -> Outcome:
    """Records changed on one side take that side; records added on both sides under
    the same ID keep ours and renumber theirs; one field changed two ways is an error."""
    header = ours.commune.model_copy()
    for key in type(header).model_fields:
        base_value = getattr(base.commune, key) if base else None
        setattr(
            header, key, _pick(key, base_value, getattr(ours.commune, key), getattr(theirs.commune, key), "commune")
        )
    outcome = Outcome(CommuneFile(commune=header))
    for section in ("issues", "action_plan"):
        base_by = {r.id: r for r in getattr(base, section)} if base else {}
        ours_by = {r.id: r for r in getattr(ours, section)}
        theirs_by = {r.id: r for r in getattr(theirs, section)}
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
        for rec in getattr(theirs, section):
            if rec.id in ours_by and not (rec.id not in base_by and ours_by[rec.id] != rec):
                continue
            if rec.id in base_by and rec.id not in ours_by and base_by[rec.id] == rec:
                continue  # we deleted it, they did not touch it
            if rec.id in taken:
                new_id = _free(rec.id, taken, section)
                outcome.renumbered.append((rec.id, new_id))
                rec = rec.model_copy(update={"id": new_id})
            if isinstance(rec, PlanItem) and outcome.renumbered:  # their plan follows their issue's new ID
                moved = dict(outcome.renumbered)
                rec = rec.model_copy(update={"issues": [moved.get(i, i) for i in rec.issues]})
            result.append(rec)
            taken.add(rec.id)
        setattr(outcome.merged, section, result)
    return outcome


def _free(ident: str, taken: set[str], section: str) -> str:
    prefix = ident.rsplit("-KH", 1)[0] + "-KH" if section == "action_plan" else ident.rsplit("-", 1)[0] + "-"
    numbers = [int(t[len(prefix) :]) for t in taken if t.startswith(prefix) and t[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"
