"""The report computed once as plain data: the status grid, obstacle groups, overdue
and upcoming items, action-plan progress, the appendix. Formats only present it;
the rules it counts by are in rules.py."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from tracker import rules
from tracker.cache import CommuneRow, IssueRow, PlanRow
from tracker.kinds import Kind
from tracker.text import natural_key, vi_sort_key

if TYPE_CHECKING:  # made by ops/reports.py: the similarity code is not imported for a count
    from tracker.cache.groups import Common
    from tracker.enums import IssueStatus


class Counted(Protocol):
    """What the grid counts by: an IssueRow, or a whole Issue."""

    @property
    def dept(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def due(self) -> date | None: ...
    @property
    def resolved_on(self) -> date | None: ...
    @property
    def extended(self) -> int: ...


def count(issues: Iterable[Counted], as_of: date) -> dict[str, int]:
    """The grid for `issues`; `escalated` and `extended` are counted apart ("of which")."""
    return _tally_cells((rules.grid_cell(i.status, i.due, i.resolved_on, as_of), i.status, i.extended) for i in issues)


_CELL, _STATUS, _EXTENDED = attrgetter("cell"), attrgetter("issue.status"), attrgetter("issue.extended")
_COMMUNE_CODE = attrgetter("issue.commune.code")


def _tally(items: list[Item]) -> dict[str, int]:
    """`count` of a report's items, whose cells are made already."""
    return _grid(list(map(_CELL, items)), list(map(_STATUS, items)), list(map(_EXTENDED, items)))


def _tally_cells(cells: Iterable[tuple[str, str, int]]) -> dict[str, int]:
    """The grid of items given as (cell, status, deadlines extended)."""
    listed = list(cells)
    return _grid([c[0] for c in listed], [c[1] for c in listed], [c[2] for c in listed])


def _grid(cells: list[str], statuses: list[str], extended: list[int]) -> dict[str, int]:
    """The grid of items given column by column, counted in C (a national report
    counts 100,000 items a few times over)."""
    grid = dict.fromkeys(rules.GRID_KEYS, 0)
    for cell, n in Counter(cells).items():
        grid[cell] += n  # a cell not of the grid is a KeyError
    grid["escalated"] = statuses.count(rules.ESCALATED)
    grid["extended"] = len(extended) - extended.count(0)  # how many were extended: never fewer than none
    grid["total"] = len(cells)
    return grid


def _summed(grids: list[dict[str, int]]) -> dict[str, int]:
    total = dict.fromkeys(rules.GRID_KEYS, 0)
    for grid in grids:
        for key, n in grid.items():
            total[key] += n
    return total


def stats(rows: Iterable[Counted], as_of: date, order: list[str] | None = None,
          policy: rules.Policy | None = None) -> dict[str, Any]:  # fmt: skip
    """The grid per lead department (in `order`, the registry's, as reports list
    them) and in total, as `tracker stats --format json` prints it."""
    policy = policy or rules.Policy()
    by_dept: dict[str, list[Counted]] = defaultdict(list)
    for row in rows:
        by_dept[row.dept].append(row)
    ages = {code: aged(items, as_of, policy.ages) for code, items in by_dept.items()}
    return stats_of({code: count(issues, as_of) for code, issues in by_dept.items()}, order, ages, policy)


def plan_stats(rows: Iterable[PlanRow], as_of: date, policy: rules.Policy | None = None) -> dict[str, Any]:
    """The communes' action plans as `stats --by commune` prints them: the grid of each
    commune's plan items (done by `done_on`), in Vietnamese order, with the rate, the
    band and the overdue by age of each, and the communes ranked by the rate."""
    policy = policy or rules.Policy()
    by: dict[str, list[PlanRow]] = defaultdict(list)
    communes: dict[str, CommuneRow] = {}
    for row in rows:
        by[row.commune.slug].append(row)
        communes[row.commune.slug] = row.commune
    grids, ages = {}, {}
    for slug, items in by.items():
        cells = ((rules.grid_cell(r.status, r.due, r.done_on, as_of, plan=True), r.status, r.extended) for r in items)
        grids[slug] = _tally_cells(cells)
        counts = [0] * (len(policy.ages) + 1)
        for r in items:
            days = rules.days_overdue(r.status, r.due, as_of, plan=True)
            if days:
                counts[rules.age_bucket(days, list(policy.ages))] += 1
        ages[slug] = counts
    order = sorted(by, key=lambda s: communes[s].order())
    out = stats_of(grids, order, ages, policy)
    names = {slug: communes[slug].name for slug in order}
    return {"communes": out["departments"], "total": out["total"], "ranking": out["ranking"], "names": names}


def aged(rows: Iterable[Counted], as_of: date, bounds: tuple[int, ...]) -> list[int]:
    """How many of `rows` are overdue by each age of `rules.age_keys(bounds)`."""
    counts = [0] * (len(bounds) + 1)
    for row in rows:
        days = rules.days_overdue(row.status, row.due, as_of)
        if days:
            counts[rules.age_bucket(days, list(bounds))] += 1
    return counts


def stats_of(
    grids: dict[str, dict[str, int]],
    order: list[str] | None = None,
    ages: dict[str, list[int]] | None = None,
    policy: rules.Policy | None = None,
) -> dict[str, Any]:
    """`stats` from grids already counted per lead department (by the cache, say): each
    with its on-time rate, its band, its overdue items by age, and the departments
    ranked by the rate (those with none yet last)."""
    policy = policy or rules.Policy()
    ages = ages or {}
    keys = rules.age_keys(list(policy.ages))
    codes = sorted(grids, key=lambda c: _dept_order(c, order or []))
    total = {key: sum(grid[key] for grid in grids.values()) for key in rules.GRID_KEYS}
    total_ages = [sum(counts) for counts in zip(*ages.values(), strict=True)] if ages else [0] * len(keys)

    def judged(grid: dict[str, int], counts: list[int]) -> dict[str, Any]:
        rate = rules.on_time_rate(grid)
        return {**grid, "on_time_rate": None if rate is None else round(rate, 4),
                "band": rules.band(rate, policy.good, policy.fair),
                "overdue_by_age": dict(zip(keys, counts, strict=True))}  # fmt: skip

    departments = {code: judged(grids[code], ages.get(code, [0] * len(keys))) for code in codes}
    return {"departments": departments, "total": judged(total, total_ages), "ranking": ranked(departments)}


def ranked(departments: dict[str, dict[str, Any]]) -> list[str]:
    """Codes, the best on-time rate first; equal rates, and no rate yet, in the order given."""
    codes = list(departments)
    return [codes[n] for n in rules.by_rate([departments[c]["on_time_rate"] for c in codes])]


@dataclass(slots=True)
class Item:
    """One issue as the report shows it."""

    issue: IssueRow
    role: str  # "lead" or "support": the reporting department's part in it
    cell: str
    days_overdue: int

    @property
    def standing(self) -> tuple[IssueStatus, int]:
        """Its status and how often it was reminded: a late list's "state"."""
        return self.issue.status, self.issue.reminders

    @property
    def outcome(self) -> tuple[str | None, str | None]:
        """Its resolution and the document that proves it: the appendix's "result"."""
        return self.issue.resolution, self.issue.document


@dataclass
class Group:
    code: str
    name: str
    communes: int
    issues: int
    items: list[Item]


@dataclass
class DeptPart:
    code: str
    name: str
    grid: dict[str, int]
    supporting: int
    groups: list[Group]


@dataclass
class PlanProgress:
    """A commune's action plan: items, done, milestones done, the overdue items."""

    commune: CommuneRow
    items: int
    done: int
    milestones_done: int
    milestones: int
    overdue: list[str]  # IDs of the items past their deadline


@dataclass
class Rank:
    """A lead department's place by its on-time rate (`rules.on_time_rate`)."""

    code: str
    name: str
    on_time: int  # done on time
    judged: int  # done on time + done late + not done and overdue
    rate: float | None
    band: str | None  # good, fair, slow


@dataclass
class AgeGroup:
    """The overdue items of one age: `low` to `high` days late (`high` None: and more)."""

    key: str  # "31-90", as `stats --format json` names it
    low: int
    high: int | None
    items: list[Item]


@dataclass
class Report:
    as_of: date
    title: str | None
    depts: list[str]
    grid: list[DeptPart]
    total: dict[str, int]
    categories: list[Group]  # of the items it leads (all, without a focus)
    overdue: list[Item]  # overdue or escalated, of the items it leads
    upcoming: list[Item]
    plans: list[PlanProgress]
    # With a focus on departments: the same of the items they only support. The grid,
    # `overdue` and `list --dept X --overdue` agree; these are told apart, with their lead.
    overdue_support: list[Item] = field(default_factory=list)
    upcoming_support: list[Item] = field(default_factory=list)
    department_names: dict[str, str] = field(default_factory=dict)
    since: str | None = None
    changes: list[Any] | None = None  # changes.DeptChanges, with --since
    window: int = rules.UPCOMING_DAYS  # days of the "falls due soon" part
    signer: str | None = None  # the name under the signature (data/followup.yaml)
    # Obstacles several communes raise, each listed once (ops/similar.py), and how
    # many communes make one.
    common: list[Common] = field(default_factory=list)
    min_communes: int = rules.COMMON_MIN_COMMUNES
    policy: rules.Policy = field(default_factory=rules.Policy)
    ranking: list[Rank] = field(default_factory=list)
    # Part II, of the items it leads: the overdue by age, the escalated not (yet) overdue,
    # what has waited too long for a deadline, the requests for one awaiting a decision.
    ages: list[AgeGroup] = field(default_factory=list)
    escalated: list[Item] = field(default_factory=list)
    undated: list[Item] = field(default_factory=list)
    pending: list[Item] = field(default_factory=list)
    period: Any = None  # a periodic report's figures (ops/periods.Figures), with --period
    number: str | None = None  # the "Số:" of a report sent (`--submit --number`); None: left to fill in

    kind: ClassVar[Kind] = Kind.REPORT

    @property
    def until(self) -> date:
        """The end of the "falls due soon" window."""
        return rules.upcoming_until(self.as_of, self.window)


def build(
    issues: list[IssueRow],
    plans: list[PlanProgress],
    as_of: date,
    departments: dict[str, str],
    categories: dict[str, str],
    depts: list[str] | None = None,
    title: str | None = None,
    lists: bool = True,
    policy: rules.Policy | None = None,
    signer: str | None = None,
    min_communes: int = rules.COMMON_MIN_COMMUNES,
    common: list[Common] | None = None,
    window: int = rules.UPCOMING_DAYS,
    period: Any = None,
    number: str | None = None,
) -> Report:
    """The report of `issues` (in the order `query.select` gives) and the communes'
    action-plan progress; with `depts`, only those departments' part. Without
    `lists`, the counts alone (the grid, the totals, the categories): the site's
    overview, whose lists are pages of their own."""
    wanted = set(depts or [])
    # One pass over the rows makes the items and sorts them out: the whole country has
    # 100,000, and each pass over them costs as much again (they are read from memory).
    items: list[Item] = []
    lead_items: list[Item] = []
    supported: list[Item] = []
    led: dict[str, list[Item]] = defaultdict(list)
    supports: list[tuple[str, ...]] = []
    grid_cell, days_overdue = rules.grid_cell, rules.days_overdue
    for row in issues:
        lead = not wanted or row.dept in wanted
        if not lead and wanted.isdisjoint(row.support):
            continue
        status, due = row.status, row.due
        item = Item(row, "lead" if lead else "support", grid_cell(status, due, row.resolved_on, as_of),
                    days_overdue(status, due, as_of))  # fmt: skip
        if lead:
            lead_items.append(item)
            led[row.dept].append(item)
        else:
            supported.append(item)
        items.append(item)
        if row.support:
            supports.append(row.support)
    supporting = Counter(chain.from_iterable(supports))
    codes = sorted(set(led) | wanted, key=lambda c: _dept_order(c, departments))
    grid = []
    for code in codes:
        # A department's own report also lists what it supports, marked as such.
        listed = [i for i in items if i.issue.dept == code or code in i.issue.support] if code in wanted else led[code]
        grid.append(DeptPart(code, departments.get(code, code), _tally(led[code]), supporting[code],
                             _groups(listed, categories) if lists else []))  # fmt: skip

    def late(of: list[Item]) -> list[Item]:
        if not lists:
            return []
        found = [i for i in of if rules.active(i.issue.status) and rules.needs_attention(i.issue.status, i.cell)]
        # Sorting is stable: items with the same deadline stay in commune and ID order.
        return sorted(found, key=lambda i: (i.issue.due is None, i.issue.due or as_of))

    def soon(of: list[Item]) -> list[Item]:
        if not lists:
            return []
        return sorted((i for i in of if rules.falls_due_soon(i.issue.status, i.issue.due, as_of, window)),
                      key=lambda i: i.issue.due or as_of)  # fmt: skip

    communes = set(map(_COMMUNE_CODE, items))
    policy = policy or rules.Policy()
    late_items = late(lead_items)
    return Report(
        as_of=as_of,
        title=title,
        depts=sorted(wanted),
        grid=grid,
        total=_summed([part.grid for part in grid]),  # every lead item is in its department's part
        categories=_groups(lead_items, categories),
        overdue=late_items,
        upcoming=soon(lead_items),
        plans=_plans(plans, communes if wanted else None),
        department_names=departments,
        overdue_support=late(supported),
        upcoming_support=soon(supported),
        signer=signer,
        window=window,
        period=period,
        number=number,
        min_communes=min_communes,
        common=common or [],
        policy=policy,
        ranking=_ranking(grid, policy),
        ages=_by_age(late_items, policy),
        escalated=[i for i in late_items if i.cell != "open_overdue"],
        undated=_undated(lead_items, as_of, policy) if lists else [],
        pending=_pending(lead_items, as_of) if lists else [],
    )


def _undated(items: list[Item], as_of: date, policy: rules.Policy) -> list[Item]:
    """Not done, no deadline, raised longer ago than the policy allows: the longest waiting first."""
    found = [i for i in items if rules.waits_for_deadline(i.issue.status, i.issue.due, i.issue.raised_on, as_of,
                                                           policy.undated_after_days)]  # fmt: skip
    return sorted(found, key=lambda i: i.issue.raised_on or as_of)


def _pending(items: list[Item], as_of: date) -> list[Item]:
    """Not done, with a request for a new deadline awaiting a decision: the earliest asked first."""
    found = [i for i in items if i.issue.pending is not None and rules.active(i.issue.status)]
    return sorted(found, key=lambda i: i.issue.pending or as_of)


def _ranking(parts: list[DeptPart], policy: rules.Policy) -> list[Rank]:
    """The departments by on-time rate, best first (as `ranked`), each with its band."""
    ranks = []
    for part in parts:
        rate = rules.on_time_rate(part.grid)
        ranks.append(Rank(part.code, part.name, part.grid["done_on_time"], rules.judged(part.grid), rate,
                          rules.band(rate, policy.good, policy.fair)))  # fmt: skip
    return [ranks[n] for n in rules.by_rate([r.rate for r in ranks])]


def _by_age(items: list[Item], policy: rules.Policy) -> list[AgeGroup]:
    """The overdue items in the ages of the policy's bounds (each in due order, as given)."""
    bounds = list(policy.ages)
    keys = rules.age_keys(bounds)
    lows = [1, *(b + 1 for b in bounds)]
    highs: list[int | None] = [*bounds, None]
    groups = [AgeGroup(k, low, high, []) for k, low, high in zip(keys, lows, highs, strict=True)]
    for item in items:
        if item.cell == "open_overdue":
            groups[rules.age_bucket(item.days_overdue, bounds)].items.append(item)
    return groups


def _dept_order(code: str, departments: dict[str, str] | list[str]) -> tuple[int, str]:
    order = list(departments)
    return (order.index(code), code) if code in order else (len(order), code)


def _groups(items: list[Item], categories: dict[str, str]) -> list[Group]:
    """Obstacle groups, the ones most communes share first."""
    by_code: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_code[item.issue.category or ""].append(item)
    groups = [
        Group(
            code,
            categories.get(code, code) if code else "",
            len(set(map(_COMMUNE_CODE, members))),
            len(members),
            members,
        )
        for code, members in by_code.items()
    ]
    return sorted(groups, key=lambda g: (not g.code, -g.communes, -g.issues, vi_sort_key(g.name)))


def progress(items: list[PlanRow], as_of: date) -> list[PlanProgress]:
    """Each commune's action-plan progress counted from its items, as the cache's SQL
    counts it (`cache.queries.plan_counts`)."""
    by: dict[str, list[PlanRow]] = defaultdict(list)
    for item in items:
        by[item.commune.code].append(item)
    out = []
    for rows in by.values():
        late = sorted((r.id for r in rows if rules.is_overdue(r.status, r.due, as_of, plan=True)), key=natural_key)
        done = sum(r.status == rules.DONE_PLAN for r in rows)
        stones, stones_done = sum(r.milestones for r in rows), sum(r.milestones_done for r in rows)
        out.append(PlanProgress(rows[0].commune, len(rows), done, stones_done, stones, late))
    return out


def _plans(progress: list[PlanProgress], communes: set[str] | None) -> list[PlanProgress]:
    """The progress of `communes` (all with None), in Vietnamese order of their names."""
    kept = [p for p in progress if communes is None or p.commune.code in communes]
    return sorted(kept, key=lambda p: p.commune.order())
