"""What is reported: the report before a meeting, the status grid (`stats`)."""

from datetime import date
from typing import Any

from tracker import reporting, rules
from tracker.cache import IssueRow, queries
from tracker.cache import groups as cache_groups
from tracker.ops import find
from tracker.ops.listing import back_dated, issue_grid, issue_rows, list_plan, plan_rows, resolved_filter
from tracker.ops.workspace import Workspace
from tracker.query import Filter, select
from tracker.text import natural_key
from tracker.wording import COMMON_SHOWN


def report(ws: Workspace, flt: Filter, commune: str | None = None, title: str | None = None,
           min_communes: int = rules.COMMON_MIN_COMMUNES, rows: list[IssueRow] | None = None, lists: bool = True,
           period: Any = None, number: str | None = None) -> reporting.Report:  # fmt: skip
    """The report model of the issues `flt` selects (its `depts` as the report's focus),
    with the obstacles common to `min_communes` communes or more (0: without that part).
    `rows`: every issue as of `flt.as_of` in the order `select` gives, when the caller
    has read them already. Without `lists`, the counts alone (`reporting.build`)."""
    flt = resolved_filter(ws, flt)
    file = find.commune(ws, commune).name if commune else None
    focus = Filter(statuses=flt.statuses, as_of=flt.as_of)
    involved = Filter(depts=flt.depts, with_support=True, statuses=flt.statuses, as_of=flt.as_of)
    every = rows if not flt.depts and file is None else None  # the rows given, when they are the report's
    if every is not None:
        issues = [r for r in every if focus.accepts(r)]  # in order already
    else:
        issues = select(issue_rows(ws, involved, file), focus)
    plans = plan_progress(ws, file, flt.as_of) if lists else []
    # the groups still to answer, where the focus departments lead one, or that concern the commune
    common = cache_groups.common(ws.readable(), min_communes, flt.depts, file, COMMON_SHOWN) if min_communes else []
    # A periodic report's next steps are what falls due in the next period.
    window = (period.period.next_end() - period.period.end).days if period is not None else rules.UPCOMING_DAYS
    return reporting.build(issues, plans, flt.as_of, ws.department_names(), ws.category_names(), flt.depts, title,
                           lists, ws.policy(), ws.followup().letter.signer, min_communes, common, window,
                           period, number)  # fmt: skip


def plan_progress(ws: Workspace, file: str | None, as_of: date) -> list[reporting.PlanProgress]:
    """Each commune's action-plan progress, counted by the cache (or, back-dated, from
    the items as they stood then)."""
    if back_dated(ws, as_of):  # the items that said nothing since from their rows, the others rolled back
        return reporting.progress(plan_rows(ws, Filter(as_of=as_of), file), as_of)
    index = ws.readable(file)
    communes = queries.communes(index)
    return [
        reporting.PlanProgress(communes[c.file], c.items, c.done, c.milestones_done, c.milestones,
                               sorted(c.overdue, key=natural_key))
        for c in queries.plan_counts(index, as_of, file)
    ]  # fmt: skip


def stats(ws: Workspace, as_of: date) -> dict[str, Any]:
    """The status grid per lead department, in the registry's order, and in total: as
    the records stood on `as_of`."""
    return issue_grid(ws, Filter(as_of=as_of))


def plan_stats(ws: Workspace, as_of: date) -> dict[str, Any]:
    """The grid of each commune's action plan, as `stats --by commune` prints it."""
    return reporting.plan_stats(list_plan(ws, Filter(as_of=as_of)), as_of, ws.policy())
