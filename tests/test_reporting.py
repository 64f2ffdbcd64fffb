"""The status grid's rules, edge cases first."""

from datetime import date

from tracker.models import CommuneInfo, Issue
from tracker.query import Row
from tracker.reporting import count, grid_cell, stats

AS_OF = date(2025, 11, 1)


def issue(status: str = "open", due: date | None = None, resolved_on: date | None = None, dept: str = "NNMT") -> Issue:
    return Issue(id="VA-1", title="x", dept=dept, status=status, due=due, resolved_on=resolved_on)


def test_resolved_on_or_before_the_deadline_is_on_time() -> None:
    assert grid_cell(issue("resolved", date(2025, 10, 15), date(2025, 10, 15)), AS_OF) == "done_on_time"
    assert grid_cell(issue("resolved", date(2025, 10, 15), date(2025, 10, 1)), AS_OF) == "done_on_time"


def test_resolved_after_the_deadline_is_late() -> None:
    assert grid_cell(issue("resolved", date(2025, 10, 15), date(2025, 10, 16)), AS_OF) == "done_late"


def test_resolved_without_a_deadline_is_on_time() -> None:
    assert grid_cell(issue("resolved", None, date(2025, 10, 16)), AS_OF) == "done_on_time"


def test_not_done_is_overdue_only_once_the_deadline_has_passed() -> None:
    assert grid_cell(issue("open", date(2025, 11, 1)), AS_OF) == "open_in_time"  # due today: still in time
    assert grid_cell(issue("in_progress", date(2025, 10, 31)), AS_OF) == "open_overdue"
    assert grid_cell(issue("open", None), AS_OF) == "open_in_time"


def test_escalated_is_not_done_and_also_counted_apart() -> None:
    cells = count([issue("escalated", date(2025, 10, 1)), issue("escalated", None)], AS_OF)
    assert cells["open_overdue"] == 1 and cells["open_in_time"] == 1
    assert cells["escalated"] == 2 and cells["total"] == 2


def test_dropped_is_counted_apart() -> None:
    cells = count([issue("dropped", date(2025, 10, 1))], AS_OF)
    assert cells == {"done_on_time": 0, "done_late": 0, "open_in_time": 0, "open_overdue": 0,
                     "escalated": 0, "dropped": 1, "total": 1}  # fmt: skip


def test_stats_count_each_issue_under_its_lead_department() -> None:
    commune = CommuneInfo(code="17950", name="Vạn An", prefix="VA")
    rows = [Row("van-an", commune, issue(dept=d)) for d in ("TC", "NNMT", "TC")]
    result = stats(rows, AS_OF)
    assert list(result["departments"]) == ["NNMT", "TC"]  # type: ignore[call-overload]
    assert result["departments"]["TC"]["total"] == 2  # type: ignore[index]
    assert result["total"]["open_in_time"] == 3  # type: ignore[index]
