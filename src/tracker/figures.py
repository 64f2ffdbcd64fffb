"""The figures the site's charts and pages show, worked out from the cache's rows:
overdue issues by age (in the bounds of data/followup.yaml, as the report and
`stats` group them: rules.age_bucket), issues not done and overdue month by month,
the plan items that address each issue. Their one home: every page and chart reads
them here."""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import date

from tracker import rules
from tracker.cache import IssueRow, PlanRow

PER_PAGE = 500  # rows of a department's page: larger departments take several pages


def by_age(issues: list[IssueRow], as_of: date, bounds: list[int]) -> list[int]:
    """Overdue issues in the ages of the policy's `bounds` (followup.yaml's
    `overdue_ages`): for [30, 90], up to 30 days, 31 to 90, more than 90."""
    counts = [0] * (len(bounds) + 1)
    for row in issues:
        if rules.is_overdue(row.status.value, row.due, as_of):
            counts[rules.age_bucket(rules.days_overdue(row.status.value, row.due, as_of), bounds)] += 1
    return counts


def by_month(issues: list[IssueRow], as_of: date, most: int = 36) -> list[tuple[str, int, int]]:
    """(month, not done, overdue) at the end of each month, from each issue's own
    dates (raised, due, resolved): the last `most` months up to `as_of`. The last
    month's figures are the grid's but for the issues `unplotted` counts."""
    raised = [r.raised_on for r in issues if r.raised_on]
    if not raised:
        return []
    first = max(min(raised), _month_back(as_of, most - 1))
    points = []
    year, month = first.year, first.month
    ends = []
    while (year, month) <= (as_of.year, as_of.month):
        ends.append(_month_end(year, month, as_of))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    # Each issue is open over a run of month ends, and late over the tail of that run:
    # counted at the run's two ends (a difference array), not at every month.
    opened = [0] * (len(ends) + 1)
    late = [0] * (len(ends) + 1)
    for r in issues:
        if r.raised_on is None or r.status.value == rules.DROPPED:
            continue
        done = r.status.value == rules.DONE_ISSUE
        if done and r.resolved_on is None:  # done, but when is not known: not drawn
            continue
        closed = r.resolved_on if done else None
        start = bisect_left(ends, r.raised_on)  # the first end on or after the day it was raised
        stop = len(ends) if closed is None else bisect_left(ends, closed)  # ends before it was closed
        if start >= stop:
            continue
        opened[start] += 1
        opened[stop] -= 1
        if r.due is not None:
            due = max(start, bisect_right(ends, r.due))  # the first end after the deadline
            if due < stop:
                late[due] += 1
                late[stop] -= 1
    now_open = now_late = 0
    for n, end in enumerate(ends):
        now_open += opened[n]
        now_late += late[n]
        points.append((f"{end.month:02d}/{end.year}", now_open, now_late))
    return points


def unplotted(issues: list[IssueRow], as_of: date) -> tuple[int, int]:
    """What the month chart cannot draw, so that it says so beside a grid that counts
    it: the issues not done with no date raised, and of them the overdue."""
    undated = [r for r in issues if r.raised_on is None and rules.active(r.status.value)]
    return len(undated), sum(1 for r in undated if rules.is_overdue(r.status.value, r.due, as_of))


def _month_back(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 - months
    return date(total // 12, total % 12 + 1, 1)


def _month_end(year: int, month: int, as_of: date) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return min(date.fromordinal(following.toordinal() - 1), as_of)


def addressed_by(plans: list[PlanRow]) -> dict[str, list[PlanRow]]:
    """Issue ID → the plan items that say they address it."""
    out: dict[str, list[PlanRow]] = defaultdict(list)
    for plan in plans:
        for ident in plan.issues:
            out[ident].append(plan)
    return out
