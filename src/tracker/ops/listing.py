"""Issues and plan items read: the rows a listing, a grid, a report or a reminder
selects, as they stood on a day. Nothing here writes, so a listing loads none of the
write side (history, the store's YAML, the roll-back of records until a day asks)."""

from collections.abc import Callable, Collection
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

from tracker.cache import CommuneRow, DueRow, Full, Index, IssueRow, PastRow, PlanRow, Stored, queries
from tracker.ops import find
from tracker.ops.workspace import Workspace
from tracker.query import Filter, select


def resolved_filter(ws: Workspace, flt: Filter) -> Filter:
    """The filter's departments and categories as codes; an unknown one is an error,
    not an empty list."""
    if not flt.depts and not flt.categories:
        return flt
    return replace(flt, depts=[find.dept(ws, d) for d in flt.depts],
                   categories=[find.category(ws, c) for c in flt.categories])  # fmt: skip


def commune_file(ws: Workspace, commune: str | None) -> str | None:
    return find.commune(ws, commune).name if commune else None


def back_dated(ws: Workspace, as_of: date) -> bool:
    """Whether some record says something happened after `as_of`: then the records
    as they stood on that day are read from their history (see timeline.py)."""
    latest = queries.latest(ws.index())
    return latest is not None and as_of < latest


def issue_rows(ws: Workspace, flt: Filter, file: str | None = None) -> list[IssueRow]:
    """The rows `flt` may select, as they stood on `flt.as_of`: from the cache's
    columns; back-dated, those of the records that said nothing after the day (they
    stood then as now), and the others rolled back whole (the filter decides after)."""
    return _rows(ws, flt, file, "issues", queries.issue_rows, IssueRow.of)


def due_rows(ws: Workspace, flt: Filter, file: str | None = None) -> list[DueRow]:
    """What `issue_rows` reads, with only the columns reminders need (`DueRow`)."""
    if not back_dated(ws, flt.as_of):
        return queries.due_rows(ws.readable(file), flt.where(file))
    return [DueRow.of(row) for row in issue_rows(ws, flt, file)]


def past_issues(ws: Workspace, flt: Filter, file: str | None = None) -> list[Full]:
    """Whole issues as they stood on `flt.as_of` (those raised since left out)."""
    return _past(ws, "issues", flt, file)


def _past(ws: Workspace, section: str, flt: Filter, file: str | None, changed: bool = False) -> list[Full]:
    """Whole records of `section` as they stood on `flt.as_of`, those begun since left
    out; the other filters apply to the past record, not to today's. `changed`: only
    those that said something after the day (the others stood then as now)."""
    from tracker import timeline  # only a day before the latest change rolls records back

    found = []
    # Only what no change alters selects here (the file, the text searched): the rest is
    # decided on the record rolled back.
    where = queries.Where(file=file, search=flt.search, changed_after=flt.as_of if changed else None)
    for full in queries.full_rows(ws.readable(file), section, where):
        past = timeline.as_of(full.record, flt.as_of)
        if past is not None:
            found.append(Full(full.commune, past))
    return found


def past_rows(ws: Workspace, as_of: date, commune: str | None = None) -> list[PastRow]:
    """Every issue as the grid and a period's movement count it, as it stood at the end
    of `as_of`: from the cache's rows of each stretch of days, or, where it keeps none
    (a record that could not be rolled back), from the records rolled back."""
    file = commune_file(ws, commune)
    index = ws.readable(file)
    if queries.past_kept(index, file):
        return queries.past_rows(index, as_of, file)
    from tracker.models import Issue

    return [PastRow.of(f.record) for f in past_issues(ws, Filter(as_of=as_of), file) if isinstance(f.record, Issue)]


def list_issues(ws: Workspace, flt: Filter, commune: str | None = None) -> list[IssueRow]:
    """The issues `flt` selects, as tables show them, as of `flt.as_of`."""
    flt = resolved_filter(ws, flt)
    return select(issue_rows(ws, flt, commune_file(ws, commune)), flt)


def issue_grid(ws: Workspace, flt: Filter, commune: str | None = None) -> dict[str, Any]:
    """The status grid of the issues `flt` selects, per lead department and in total:
    counted by the cache, without reading the issues; back-dated, from its rows of the
    day (`queries.past_grids`), or, with a filter, from the issues rolled back."""
    from tracker import reporting  # not for a listing

    order, policy = list(ws.department_names()), ws.policy()
    if back_dated(ws, flt.as_of):
        file = commune_file(ws, commune)
        index = ws.readable(file)
        if flt == Filter(as_of=flt.as_of) and queries.past_kept(index, file):  # every issue: the rows of each day
            return reporting.stats_of(queries.past_grids(index, flt.as_of, file), order,
                                      queries.past_ages(index, flt.as_of, policy.ages, file), policy)  # fmt: skip
        return reporting.stats(list_issues(ws, flt, commune), flt.as_of, order, policy)
    flt = resolved_filter(ws, flt)
    file = commune_file(ws, commune)
    index, where = ws.readable(file), flt.where(file)
    return reporting.stats_of(queries.grids(index, flt.as_of, where), order,
                              queries.ages(index, flt.as_of, policy.ages, where), policy)  # fmt: skip


def stored_issues(ws: Workspace, flt: Filter, commune: str | None = None) -> Collection[Full | Stored]:
    """The issues `flt` selects, whole, for JSON and CSV: as the cache keeps them,
    read as they are written out (as they stood then, when back-dated)."""
    flt = resolved_filter(ws, flt)
    file = commune_file(ws, commune)
    if back_dated(ws, flt.as_of):
        return select(past_issues(ws, flt, file), flt)
    return queries.stored_rows(ws.readable(file), "issues", flt.where(file))


def past_plan(ws: Workspace, flt: Filter, file: str | None = None) -> list[Full]:
    """Whole plan items as they stood on `flt.as_of` (those begun since left out)."""
    return _past(ws, "action_plan", flt, file)


def plan_rows(ws: Workspace, flt: Filter, file: str | None = None) -> list[PlanRow]:
    """The plan items' rows `flt` may select, as they stood on `flt.as_of` (as `issue_rows`)."""
    return _rows(ws, flt, file, "action_plan", queries.plan_rows, PlanRow.of)


R = TypeVar("R", IssueRow, PlanRow)


def _rows(ws: Workspace, flt: Filter, file: str | None, section: str, read: Callable[[Index, queries.Where], list[R]],
          of: Callable[[CommuneRow, Any], R]) -> list[R]:  # fmt: skip
    """The rows of `section` as `issue_rows` says, read by `read` and, rolled back, made by `of`."""
    if not back_dated(ws, flt.as_of):
        return read(ws.readable(file), flt.where(file))
    # A record none of whose dates is after the day (`timeline.as_of` gives it as it is)
    # has today's columns then: the whole filter may select it in SQL, as today's.
    settled = read(ws.readable(file), replace(flt.where(file), settled_by=flt.as_of))
    return settled + [of(f.commune, f.record) for f in _past(ws, section, flt, file, changed=True)]


def list_plan(ws: Workspace, flt: Filter, commune: str | None = None) -> list[PlanRow]:
    return select(plan_rows(ws, flt, commune_file(ws, commune)), flt)


def full_plan(ws: Workspace, flt: Filter, commune: str | None = None) -> Collection[Full | Stored]:
    """The plan items `flt` selects, whole, for JSON and CSV (see `stored_issues`)."""
    file = commune_file(ws, commune)
    if back_dated(ws, flt.as_of):
        return select(past_plan(ws, flt, file), flt)
    return queries.stored_rows(ws.readable(file), "action_plan", flt.where(file))
