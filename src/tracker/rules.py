"""The rules of follow-up, in one place: which statuses count as done, what is
overdue, which cell of the status grid an issue falls in, the "falls due soon"
window. Everything that counts (models, reports, the cache's SQL) reads them here;
a property test keeps the SQL and the Python equal.

Overdue and on time are derived, never stored: from the status, the deadline and
the completion date, as of a day.
"""

from datetime import date, timedelta

# Not done, so overdue once past the deadline.
ACTIVE_ISSUE = ("open", "in_progress", "escalated")
ACTIVE_PLAN = ("planned", "in_progress")
DONE_ISSUE = "resolved"
DONE_PLAN = "done"
DROPPED = "dropped"
ESCALATED = "escalated"

# The status grid Vietnamese offices report, in its order, and its total.
GRID = ("done_on_time", "done_late", "open_in_time", "open_overdue", "escalated", "dropped")
GRID_KEYS = (*GRID, "total")

# "Next steps" list what falls due within this many days of the as-of date.
UPCOMING_DAYS = 30


def active(status: str, plan: bool = False) -> bool:
    return status in (ACTIVE_PLAN if plan else ACTIVE_ISSUE)


def is_overdue(status: str, due: date | None, as_of: date, plan: bool = False) -> bool:
    """Not done and its deadline before `as_of` (due today is not overdue)."""
    return due is not None and due < as_of and active(status, plan)


def days_overdue(status: str, due: date | None, as_of: date, plan: bool = False) -> int:
    return (as_of - due).days if due is not None and is_overdue(status, due, as_of, plan) else 0


def grid_cell(status: str, due: date | None, resolved_on: date | None, as_of: date) -> str:
    """Where an issue counts: done on time / late, not done in time / overdue, or dropped.

    Resolved on or before its deadline (or with none) is on time; open, in progress
    and escalated are not done, overdue once the deadline is before `as_of`."""
    if status == DONE_ISSUE:
        late = due is not None and resolved_on is not None and resolved_on > due
        return "done_late" if late else "done_on_time"
    if status == DROPPED:
        return "dropped"
    return "open_overdue" if is_overdue(status, due, as_of) else "open_in_time"


def needs_attention(status: str, cell: str) -> bool:
    """Listed among the problems of a report: overdue, or escalated to the province."""
    return cell == "open_overdue" or status == ESCALATED


def upcoming_until(as_of: date) -> date:
    """The last day of the window (the last day there is, near year 9999)."""
    return as_of + timedelta(days=min(UPCOMING_DAYS, (date.max - as_of).days))


def falls_due_soon(status: str, due: date | None, as_of: date) -> bool:
    """Not done, and due between `as_of` and the end of the window (both included)."""
    return due is not None and active(status) and as_of <= due <= upcoming_until(as_of)


# ----------------------------------------------------------------- the same, as SQL
# For the cache's columns `status`, `due` and `resolved` (ISO dates as text, so they
# compare as dates), and a parameter `:today` holding the as-of date.


def _listed(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def sql_active(plan: bool = False) -> str:
    return f"status IN {_listed(ACTIVE_PLAN if plan else ACTIVE_ISSUE)}"


def sql_overdue(plan: bool = False, today: str = ":today") -> str:
    return f"(due IS NOT NULL AND due < {today} AND {sql_active(plan)})"


def sql_grid(today: str = ":today") -> list[str]:
    """One SQL expression a cell of GRID_KEYS, each counting as `grid_cell` does."""
    late = "(due IS NOT NULL AND resolved IS NOT NULL AND resolved > due)"  # never NULL: NOT works
    done = f"status = '{DONE_ISSUE}'"
    overdue = sql_overdue(today=today)
    return [
        f"sum({done} AND NOT {late})",
        f"sum({done} AND {late})",
        f"sum({sql_active()} AND NOT {overdue})",
        f"sum({overdue})",
        f"sum(status = '{ESCALATED}')",
        f"sum(status = '{DROPPED}')",
        "count(*)",
    ]
