"""The rules of follow-up (rules.py), edge cases first: the status grid, overdue,
the "falls due soon" window."""

from datetime import date

from tracker import rules
from tracker.models import Issue
from tracker.reporting import count, stats

AS_OF = date(2025, 11, 1)


def cell(status: str, due: date | None = None, resolved_on: date | None = None) -> str:
    return rules.grid_cell(status, due, resolved_on, AS_OF)


def issue(status: str = "open", due: date | None = None, resolved_on: date | None = None, dept: str = "NNMT") -> Issue:
    return Issue(id="VA-1", title="x", dept=dept, status=status, due=due, resolved_on=resolved_on)


def test_resolved_on_or_before_the_deadline_is_on_time() -> None:
    assert cell("resolved", date(2025, 10, 15), date(2025, 10, 15)) == "done_on_time"
    assert cell("resolved", date(2025, 10, 15), date(2025, 10, 1)) == "done_on_time"


def test_resolved_after_the_deadline_is_late() -> None:
    assert cell("resolved", date(2025, 10, 15), date(2025, 10, 16)) == "done_late"


def test_resolved_without_a_deadline_is_on_time() -> None:
    assert cell("resolved", None, date(2025, 10, 16)) == "done_on_time"


def test_not_done_is_overdue_only_once_the_deadline_has_passed() -> None:
    assert cell("open", date(2025, 11, 1)) == "open_in_time"  # due today: still in time
    assert cell("in_progress", date(2025, 10, 31)) == "open_overdue"
    assert cell("open", None) == "open_undated"  # not "within the deadline": it has none
    assert rules.days_overdue("open", date(2025, 10, 30), AS_OF) == 2
    assert rules.days_overdue("resolved", date(2025, 10, 30), AS_OF) == 0


def test_a_plan_item_is_overdue_while_planned_or_in_progress() -> None:
    late = date(2025, 10, 1)
    assert rules.is_overdue("planned", late, AS_OF, plan=True) and rules.is_overdue("in_progress", late, AS_OF, True)
    assert not rules.is_overdue("done", late, AS_OF, plan=True) and not rules.is_overdue("planned", late, AS_OF)


def test_falls_due_soon_is_the_window_from_today_both_ends_included() -> None:
    assert rules.falls_due_soon("open", AS_OF, AS_OF)
    assert rules.falls_due_soon("open", date(2025, 12, 1), AS_OF)  # 30 days on
    assert not rules.falls_due_soon("open", date(2025, 12, 2), AS_OF)
    assert not rules.falls_due_soon("resolved", date(2025, 11, 5), AS_OF)


def test_escalated_is_not_done_and_also_counted_apart() -> None:
    cells = count([issue("escalated", date(2025, 10, 1)), issue("escalated", date(2025, 12, 1))], AS_OF)
    assert cells["open_overdue"] == 1 and cells["open_in_time"] == 1
    assert cells["escalated"] == 2 and cells["total"] == 2


def test_dropped_is_counted_apart() -> None:
    cells = count([issue("dropped", date(2025, 10, 1))], AS_OF)
    assert cells == {"done_on_time": 0, "done_late": 0, "open_in_time": 0, "open_undated": 0, "open_overdue": 0,
                     "escalated": 0, "extended": 0, "dropped": 1, "total": 1}  # fmt: skip


def test_stats_count_each_issue_under_its_lead_department() -> None:
    result = stats([issue(dept=d) for d in ("TC", "NNMT", "TC")], AS_OF)
    assert list(result["departments"]) == ["NNMT", "TC"]
    assert result["departments"]["TC"]["total"] == 2
    assert result["total"]["open_undated"] == 3 and result["total"]["open_in_time"] == 0


def test_the_parts_of_the_grid_add_up_to_the_total_and_extended_is_of_which() -> None:
    extension = {"to": date(2025, 12, 1), "reason": "r", "requested_on": date(2025, 10, 1), "status": "approved",
                 "decided_on": date(2025, 10, 2), "previous": date(2025, 10, 15)}  # fmt: skip
    items = [issue("open", None), issue("open", date(2025, 12, 1)), issue("open", date(2025, 10, 1)),
             issue("resolved", date(2025, 10, 1), date(2025, 10, 2)), issue("dropped"),
             Issue(id="VA-9", title="x", dept="NNMT", due=date(2025, 12, 1), extensions=[extension])]  # fmt: skip
    cells = count(items, AS_OF)
    assert sum(cells[k] for k in rules.PARTS) == cells["total"] == 6
    assert (cells["open_undated"], cells["open_in_time"], cells["extended"]) == (1, 2, 1)


def test_a_plan_item_done_by_its_deadline_is_on_time() -> None:
    assert rules.grid_cell("done", date(2025, 10, 1), date(2025, 10, 1), AS_OF, plan=True) == "done_on_time"
    assert rules.grid_cell("done", date(2025, 10, 1), date(2025, 10, 2), AS_OF, plan=True) == "done_late"
    assert rules.grid_cell("planned", None, None, AS_OF, plan=True) == "open_undated"
    assert rules.grid_cell("resolved", None, None, AS_OF, plan=True) == "open_undated"  # not a plan status


def test_the_on_time_rate_counts_what_is_judged_by_a_deadline() -> None:
    grid = dict.fromkeys(rules.GRID_KEYS, 0)
    assert rules.on_time_rate(grid) is None and rules.band(None, 90, 70) is None  # nothing to judge yet
    grid |= {"done_on_time": 9, "done_late": 0, "open_overdue": 1, "open_in_time": 5, "open_undated": 7}
    assert rules.on_time_rate(grid) == 0.9 and rules.band(0.9, 90, 70) == "good"  # 90 % is good, not fair
    assert rules.band(0.8999, 90, 70) == "fair" and rules.band(0.7, 90, 70) == "fair"
    assert rules.band(0.6999, 90, 70) == "slow"


def test_ages_of_a_delay_follow_the_bounds() -> None:
    assert rules.age_keys([30, 90]) == ["1-30", "31-90", "91+"]
    assert rules.age_keys([7]) == ["1-7", "8+"]
    assert [rules.age_bucket(d, [30, 90]) for d in (1, 30, 31, 90, 91, 500)] == [0, 0, 1, 1, 2, 2]


def test_an_undated_item_waits_for_a_deadline_after_the_days_given() -> None:
    raised = date(2025, 8, 3)  # 90 days before AS_OF
    assert not rules.waits_for_deadline("open", None, raised, AS_OF, 90)
    assert rules.waits_for_deadline("open", None, date(2025, 8, 2), AS_OF, 90)
    assert not rules.waits_for_deadline("open", date(2026, 1, 1), date(2025, 8, 2), AS_OF, 90)
    assert not rules.waits_for_deadline("resolved", None, date(2025, 8, 2), AS_OF, 90)
    assert not rules.waits_for_deadline("open", None, None, AS_OF, 90)  # no date raised: cannot say


def test_every_status_falls_in_one_cell_of_the_grid() -> None:
    """The statuses are enums.py's: each one, of an issue or a plan item, is either not
    done, done or dropped, so that an item of any status is counted once."""
    from tracker.enums import IssueStatus, PlanStatus

    day = date(2025, 11, 5)
    for plan, statuses in ((False, IssueStatus), (True, PlanStatus)):
        for status in statuses:
            cell = rules.grid_cell(status, None, day, day, plan)
            assert cell in rules.PARTS, status
            assert (cell == "open_undated") == rules.active(status, plan), status


def test_a_reminder_is_not_progress_and_two_letters_one_day_count_once() -> None:
    """What a reminder letter shows of an item: when it last moved, how often it was reminded."""
    from tracker.models import HistoryEntry

    history = [HistoryEntry(date=date(2025, 10, 1), by="Thư Ký", note="Tạo mới"),
               HistoryEntry(date=date(2025, 10, 20), by="Thư Ký", reminder="12/TCT2"),
               HistoryEntry(date=date(2025, 10, 20), by="Thư Ký", reminder="13/TCT2"),
               HistoryEntry(date=date(2025, 11, 3), by="Thư Ký", reminder="20/TCT2")]  # fmt: skip
    assert rules.last_update(history) == date(2025, 10, 1)
    assert rules.reminders(history) == 2
    assert rules.last_update(history[1:]) is None and rules.reminders([]) == 0
