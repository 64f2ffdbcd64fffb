"""Periodic reports (Decree 09/2019): the figures of a period at its cut-off beside
the previous period's, what moved in it, and the register of the reports sent
(data/reports.yaml), whose figures are what the leaders saw."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from tracker import periods, rules, store
from tracker.dates import shown, today
from tracker.errors import UsageError
from tracker.i18n import tr
from tracker.models import Replaced, Reports, SentGrid, Submission
from tracker.ops.listing import issue_grid, past_rows
from tracker.ops.workspace import Workspace
from tracker.periods import Period
from tracker.query import Filter


@dataclass
class Figures:
    """A period's figures: the grid at its cut-off, the previous period's (as sent,
    when it was), the movement, and what was sent of it and has changed since."""

    period: Period
    until: date  # the cut-off, or today while the period is not over
    grid: dict[str, Any]  # as `stats` gives it, as of `until`
    previous_period: Period
    previous: dict[str, Any]  # the previous cut-off's grid, or the one sent for it
    previous_sent: Submission | None
    movement: dict[str, dict[str, int]]  # lead department → rules.MOVES
    submitted: Submission | None = None
    changed: list[dict[str, Any]] = field(default_factory=list)  # {dept, column, sent, now}


def period_of(ws: Workspace, text: str) -> Period:
    """A period as written, with the data folder's cut-off day (followup.yaml's `reporting`)."""
    return periods.parse(text, ws.followup().reporting.cutoff_day)


def register(ws: Workspace) -> dict[str, Submission]:
    """The reports sent, by period."""
    path = ws.root / store.REPORTS
    if not path.exists():
        return {}
    return {periods.parse(s.period).name: s for s in store.read(path, Reports).model.reports}


def figures(ws: Workspace, period: Period) -> Figures:
    until = min(period.end, today())  # a period not over yet: counted to today, and said so
    grid = issue_grid(ws, Filter(as_of=until))
    before = period.previous()
    sent = register(ws)
    previous_sent = sent.get(before.name)
    previous = _as_stats(previous_sent.grid) if previous_sent else issue_grid(ws, Filter(as_of=before.end))
    submitted = sent.get(period.name)
    moved = movement(ws, period, until, list(grid["departments"]))
    out = Figures(period, until, grid, before, previous, previous_sent, moved)
    if submitted is not None:
        out.submitted = submitted
        out.changed = changed(submitted.grid, grid)
    return out


def _as_stats(grid: SentGrid) -> dict[str, Any]:
    return {"departments": {code: dict(cells) for code, cells in grid.departments.items()}, "total": dict(grid.total)}


def movement(ws: Workspace, period: Period, until: date, order: list[str]) -> dict[str, dict[str, int]]:
    """What moved in the period up to `until`, per lead department (as it stood then):
    issues raised, resolved on time and late, that became overdue, and new deadlines
    approved."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(rules.MOVES, 0))
    start, end = period.start, until

    def within(day: date | None) -> bool:
        return day is not None and start <= day <= end

    for rec in past_rows(ws, end):
        moved = counts[rec.dept]
        moved["raised"] += within(rec.raised)
        if rec.status == rules.DONE_ISSUE and within(rec.resolved_on):
            cell = rules.grid_cell(rec.status, rec.due, rec.resolved_on, end)
            moved["resolved_on_time" if cell == "done_on_time" else "resolved_late"] += 1
        if rec.due is not None and rec.status != rules.DROPPED and within(rec.due + timedelta(days=1)):
            done_in_time = rec.resolved_on is not None and rec.resolved_on <= rec.due
            moved["became_overdue"] += not done_in_time
        moved["extended"] += sum(1 for day in rec.approved if within(day))
    codes = [c for c in order if c in counts] + sorted(c for c in counts if c not in order)
    return {code: counts[code] for code in codes}


def changed(sent: SentGrid, grid: dict[str, Any]) -> list[dict[str, Any]]:
    """The figures that differ from those sent: {dept, column, sent, now}, a late correction."""
    out = []
    now = grid["departments"]
    for code in [*sent.departments, *(c for c in now if c not in sent.departments)]:
        before = sent.departments.get(code, {})
        for column in rules.GRID_KEYS:
            then, today_ = before.get(column, 0), now.get(code, {}).get(column, 0)
            if then != today_:
                out.append({"dept": code, "column": column, "sent": then, "now": today_})
    return out


def stats_json(fig: Figures) -> dict[str, Any]:
    """`stats --period P --format json`."""

    def named(p: Period) -> dict[str, str]:
        return {"name": p.name, "from": p.start.isoformat(), "to": p.end.isoformat()}

    out: dict[str, Any] = {
        "period": named(fig.period) | {"counted_to": fig.until.isoformat()},
        "departments": fig.grid["departments"],
        "total": fig.grid["total"],
        "ranking": fig.grid.get("ranking", []),
        "previous": {
            "period": named(fig.previous_period),
            "departments": fig.previous["departments"],
            "total": fig.previous["total"],
            "sent": fig.previous_sent is not None,
        },
        "movement": fig.movement,
    }
    sent = fig.submitted
    out["submitted"] = None if sent is None else {"number": sent.number, "date": sent.date.isoformat(),
                                                   "grid": _as_stats(sent.grid)}  # fmt: skip
    out["changed_since_submitted"] = fig.changed
    return out


def may_submit(ws: Workspace, period: Period, number: str, replace: bool = False) -> str:
    """The number a report of `period` may be sent under, or a UsageError saying why
    not: asked before the report is written, so that nothing is written then."""
    number = number.strip()
    if period.end > today():
        cut = shown(period.end)
        raise UsageError(tr(f"kỳ {period.name} chưa hết (chốt số liệu ngày {cut}): chưa gửi được",
                            f"{period.name} is not over (its cut-off is {cut}): it cannot be sent yet"))  # fmt: skip
    if not number:
        raise UsageError(
            tr("--number: cần số văn bản, ví dụ 15/BC-TCT2", "--number: the report's number, e.g. 15/BC-TCT2")
        )
    old = register(ws).get(period.name)
    if old is not None and not replace:
        raise UsageError(tr(
            f"báo cáo kỳ {period.name} đã gửi (số {old.number} ngày {shown(old.date)}); "
            "gửi báo cáo thay thế với --replace",
            f"the report of {period.name} was sent already ({old.number}, {shown(old.date)}); "
            "send a corrected one with --replace"))  # fmt: skip
    return number


def submit(ws: Workspace, period: Period, grid: dict[str, Any], number: str, on: date | None = None,
           replace: bool = False) -> Submission:  # fmt: skip
    """Record in data/reports.yaml that the report of `period` was sent, with the
    figures it sent. A period sent already is refused unless `replace` (`may_submit`)."""
    number = may_submit(ws, period, number, replace)
    day = on or today()
    path = ws.root / store.REPORTS
    sent = SentGrid(departments={c: {k: g[k] for k in rules.GRID_KEYS} for c, g in grid["departments"].items()},
                    total={k: grid["total"][k] for k in rules.GRID_KEYS})  # fmt: skip
    with store.locked(ws.root):
        doc = store.read(path, Reports) if path.exists() else None
        entries = list(doc.model.reports) if doc else []
        at = next((n for n, s in enumerate(entries) if periods.parse(s.period).name == period.name), None)
        replaces: list[Replaced] = []
        if at is not None:
            old = entries[at]
            if not replace:
                raise UsageError(tr(
                    f"báo cáo kỳ {period.name} đã gửi (số {old.number} ngày {shown(old.date)}); "
                    "gửi báo cáo thay thế với --replace",
                    f"the report of {period.name} was sent already ({old.number}, {shown(old.date)}); "
                    "send a corrected one with --replace"))  # fmt: skip
            replaces = [*old.replaces, Replaced(number=old.number, date=old.date)]
        entry = Submission(period=period.name, number=number, date=day, grid=sent, replaces=replaces)
        if at is None:
            entries.append(entry)
        else:
            entries[at] = entry
        if doc is None:
            store.create(path, Reports(reports=entries), ws.root)
        else:
            store.save(doc, Reports(reports=entries), ws.root)
    return entry
