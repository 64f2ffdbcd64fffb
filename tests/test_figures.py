"""tracker.figures: the site's charts: overdue by age, open and late month by month."""

from datetime import date
from typing import Any

from tracker import figures
from tracker.cache import IssueRow, PlanRow
from tracker.cache.rows import CommuneRow
from tracker.models import Issue, PlanItem

VAN_AN = CommuneRow("van-an", "17950", "Vạn An", "xa", "VA")
AS_OF = date(2025, 10, 20)


def _issue(ident: str, **fields: Any) -> IssueRow:
    base = {"id": ident, "title": "Vướng mắc", "dept": "NV", "raised_on": "2025-08-10"}
    return IssueRow.of(VAN_AN, Issue.model_validate(base | fields))


def test_overdue_issues_fall_in_the_policys_age_bands() -> None:
    issues = [
        _issue("VA-1", due="2025-10-10"),  # 10 days late
        _issue("VA-2", due="2025-09-01"),  # 49 days
        _issue("VA-3", due="2025-06-01", raised_on="2025-05-01"),  # 141 days
        _issue("VA-4", due="2025-06-01", raised_on="2025-05-01", status="resolved", resolved_on="2025-06-02"),
        _issue("VA-5", due="2025-12-01"),  # not late
    ]
    assert figures.by_age(issues, AS_OF, [30, 90]) == [1, 1, 1]


def test_month_by_month_counts_open_and_late_at_each_months_end() -> None:
    issues = [
        _issue("VA-1", due="2025-09-15"),  # open from August, late from September
        _issue("VA-2", raised_on="2025-09-05", status="resolved", resolved_on="2025-10-01"),
    ]
    assert figures.by_month(issues, AS_OF) == [("08/2025", 1, 0), ("09/2025", 2, 1), ("10/2025", 1, 1)]
    assert figures.by_month(issues, AS_OF, most=2) == [("09/2025", 2, 1), ("10/2025", 1, 1)]


def test_issues_without_a_raised_date_are_said_not_drawn() -> None:
    issues = [_issue("VA-1", raised_on=None, due="2025-10-01"), _issue("VA-2", raised_on=None)]
    assert figures.by_month(issues, AS_OF) == []
    assert figures.unplotted(issues, AS_OF) == (2, 1)


def test_plan_items_are_listed_under_each_issue_they_address() -> None:
    plans = [
        PlanRow.of(VAN_AN, PlanItem.model_validate({"id": "VA-KH1", "title": "Rà soát", "issues": ["VA-1", "VA-2"]})),
        PlanRow.of(VAN_AN, PlanItem.model_validate({"id": "VA-KH2", "title": "Tuyển", "issues": ["VA-2"]})),
    ]
    linked = figures.addressed_by(plans)
    assert [p.id for p in linked["VA-2"]] == ["VA-KH1", "VA-KH2"]
    assert [p.id for p in linked["VA-1"]] == ["VA-KH1"]
    assert "VA-3" not in linked
