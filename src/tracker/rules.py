"""The rules of follow-up, in one place: which statuses count as done, what is
overdue, which cell of the status grid an issue falls in, the "falls due soon"
window, the age of a delay, the on-time rate and its bands, what has waited too
long for a deadline. Everything that counts (models, reports, the cache's SQL) reads them here;
a property test keeps the SQL and the Python equal.

Overdue and on time are derived, never stored: from the status, the deadline and
the completion date, as of a day.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Protocol

from tracker.enums import IssueStatus, PlanStatus

# What each status means for follow-up; the statuses themselves are enums.py's.
# Not done, so overdue once past the deadline.
ACTIVE_ISSUE = (IssueStatus.OPEN, IssueStatus.IN_PROGRESS, IssueStatus.ESCALATED)
ACTIVE_PLAN = (PlanStatus.PLANNED, PlanStatus.IN_PROGRESS)
DONE_ISSUE = IssueStatus.RESOLVED
DONE_PLAN = PlanStatus.DONE
DROPPED = IssueStatus.DROPPED  # a plan item's is the same word (PlanStatus.DROPPED)
ESCALATED = IssueStatus.ESCALATED
# What an item not yet done by a past day stood at (timeline.as_of): open, or begun.
UNDONE_ISSUE = IssueStatus.OPEN
UNDONE_PLAN = PlanStatus.IN_PROGRESS

# The status grid Vietnamese offices report, in its order, and its total. The cells
# of PARTS partition the items (their sum is the total); `escalated` and `extended`
# say "of which": escalated among those not done, extended (at least one approved
# new deadline) among all.
GRID = ("done_on_time", "done_late", "open_in_time", "open_undated", "open_overdue", "escalated", "extended",
        "dropped")  # fmt: skip
# What moved in a reporting period, per lead department (ops/periods.py).
MOVES = ("raised", "resolved_on_time", "resolved_late", "became_overdue", "extended")
PARTS = ("done_on_time", "done_late", "open_in_time", "open_undated", "open_overdue", "dropped")
GRID_KEYS = (*GRID, "total")

# "Next steps" list what falls due within this many days of the as-of date.
UPCOMING_DAYS = 30
# A reminder names what falls due within DUE_SOON_DAYS, and what has had no update
# for STALE_DAYS (`tracker remind --within`, `--stale`).
DUE_SOON_DAYS, STALE_DAYS = 14, 30
# The report's common obstacles: those raised by this many communes or more.
COMMON_MIN_COMMUNES = 3


@dataclass(frozen=True)
class Policy:
    """How deadlines are judged, as data/followup.yaml sets it (these are its defaults):
    when an undated item has waited too long, the bounds of a delay's age, the
    on-time rate's bands in %."""

    undated_after_days: int = 90
    ages: tuple[int, ...] = (30, 90)
    good: int = 90
    fair: int = 70


def active(status: str, plan: bool = False) -> bool:
    return status in (ACTIVE_PLAN if plan else ACTIVE_ISSUE)


def is_overdue(status: str, due: date | None, as_of: date, plan: bool = False) -> bool:
    """Not done and its deadline before `as_of` (due today is not overdue)."""
    return due is not None and due < as_of and active(status, plan)


def days_overdue(status: str, due: date | None, as_of: date, plan: bool = False) -> int:
    return (as_of - due).days if due is not None and is_overdue(status, due, as_of, plan) else 0


def grid_cell(status: str, due: date | None, resolved_on: date | None, as_of: date, plan: bool = False) -> str:
    """Where an item counts: done on time / late, not done within the deadline / with
    no deadline / overdue, or dropped.

    Done (resolved; a plan item: done) on or before its deadline in force (an
    approved extension's, so) or with none is on time; not done is overdue once
    the deadline is before `as_of`, and "within the deadline" only with one."""
    if status == (DONE_PLAN if plan else DONE_ISSUE):
        late = due is not None and resolved_on is not None and resolved_on > due
        return "done_late" if late else "done_on_time"
    if status == DROPPED:
        return "dropped"
    if due is None:
        return "open_undated"
    return "open_overdue" if is_overdue(status, due, as_of, plan) else "open_in_time"


def judged(grid: dict[str, int]) -> int:
    """What the on-time rate counts: done on time, done late, not done and overdue."""
    return grid["done_on_time"] + grid["done_late"] + grid["open_overdue"]


def on_time_rate(grid: dict[str, int]) -> float | None:
    """Done on time ÷ `judged`; None while none of them counts (no rate yet)."""
    counted = judged(grid)
    return grid["done_on_time"] / counted if counted else None


def by_rate(rates: list[float | None]) -> list[int]:
    """Positions in `rates`, the best first; equal rates, and no rate yet (last), in
    the order given: the ranking of `stats` and of the report."""
    return sorted(range(len(rates)), key=lambda n: (rates[n] is None, -(rates[n] or 0), n))


def band(rate: float | None, good: int, fair: int) -> str | None:
    """ "good", "fair" or "slow" for a rate, by the thresholds in % (followup.yaml)."""
    if rate is None:
        return None
    # Compared in whole hundredths, so that 9/10 is exactly 90 %.
    percent = round(rate * 10_000)
    return "good" if percent >= good * 100 else "fair" if percent >= fair * 100 else "slow"


def age_keys(bounds: list[int]) -> list[str]:
    """The overdue ages' names for the bounds [30, 90]: "1-30", "31-90", "91+"."""
    lows = [1, *(b + 1 for b in bounds)]
    return [f"{low}-{high}" for low, high in zip(lows, bounds, strict=False)] + [f"{lows[-1]}+"]


def age_bucket(days: int, bounds: list[int]) -> int:
    """The index in `age_keys(bounds)` of a delay of `days` (1 or more) days."""
    return sum(1 for limit in bounds if days > limit)


def waits_for_deadline(status: str, due: date | None, raised_on: date | None, as_of: date, after_days: int,
                       plan: bool = False) -> bool:  # fmt: skip
    """Not done, with no deadline, raised more than `after_days` days before `as_of`:
    its lead is asked to propose one."""
    return due is None and active(status, plan) and raised_on is not None and (as_of - raised_on).days > after_days


class Entry(Protocol):
    """What these rules read of a history entry (models.HistoryEntry)."""

    date: date
    reminder: str | None


def last_update(history: Sequence[Entry]) -> date | None:
    """When a record last moved: the day of its last history entry that is not a
    reminder, for a reminder is not progress."""
    return next((h.date for h in reversed(history) if not h.reminder), None)


def reminders(history: Sequence[Entry]) -> int:
    """How often a record was reminded (đôn đốc): the days its history records a
    reminder on, two letters one day counting once."""
    return len({h.date for h in history if h.reminder})


def needs_attention(status: str, cell: str) -> bool:
    """Listed among the problems of a report: overdue, or escalated to the province."""
    return cell == "open_overdue" or status == ESCALATED


@lru_cache(maxsize=64)  # asked once an item of a report: 100,000 times for the whole country
def upcoming_until(as_of: date, days: int = UPCOMING_DAYS) -> date:
    """The last day of the window (the last day there is, near year 9999)."""
    return as_of + timedelta(days=min(days, (date.max - as_of).days))


def falls_due_soon(status: str, due: date | None, as_of: date, days: int = UPCOMING_DAYS) -> bool:
    """Not done, and due between `as_of` and the end of the window of `days` (both included)."""
    return due is not None and active(status) and as_of <= due <= upcoming_until(as_of, days)


# ----------------------------------------------------------------- the same, as SQL
# For the cache's columns `status`, `due` and `resolved` (ISO dates as text, so they
# compare as dates), and a parameter `:today` holding the as-of date.


def _listed(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def sql_active(plan: bool = False) -> str:
    return f"status IN {_listed(ACTIVE_PLAN if plan else ACTIVE_ISSUE)}"


def sql_overdue(plan: bool = False, today: str = ":today") -> str:
    return f"(due IS NOT NULL AND due < {today} AND {sql_active(plan)})"


def sql_ages(bounds: tuple[int, ...] | list[int], today: str = ":today") -> list[str]:
    """One SQL expression an age of `age_keys(bounds)`: the overdue items that many
    days late, as `age_bucket` counts them."""
    late = f"(julianday({today}) - julianday(due))"
    lows = [0, *bounds]
    highs: list[int | None] = [*bounds, None]
    return [f"sum({sql_overdue(today=today)} AND {late} > {low}" + (f" AND {late} <= {high})" if high else ")")
            for low, high in zip(lows, highs, strict=True)]  # fmt: skip


def sql_grid(today: str = ":today") -> list[str]:
    """One SQL expression a cell of GRID_KEYS, each counting as `grid_cell` does (and
    `extended` from the cache's column of approved extensions)."""
    late = "(due IS NOT NULL AND resolved IS NOT NULL AND resolved > due)"  # never NULL: NOT works
    done = f"status = '{DONE_ISSUE}'"
    overdue = sql_overdue(today=today)
    cells = {
        "done_on_time": f"sum({done} AND NOT {late})",
        "done_late": f"sum({done} AND {late})",
        "open_in_time": f"sum({sql_active()} AND due IS NOT NULL AND NOT {overdue})",
        "open_undated": f"sum({sql_active()} AND due IS NULL)",
        "open_overdue": f"sum({overdue})",
        "escalated": f"sum(status = '{ESCALATED}')",
        "extended": "sum(extended > 0)",
        "dropped": f"sum(status = '{DROPPED}')",
        "total": "count(*)",
    }
    return [cells[key] for key in GRID_KEYS]
