"""reporting.py: the report as plain data, from rows: the grid a department, what is
late by age, what falls due, a department's own part and the part it only supports."""

import dataclasses
from datetime import date

from tests.formats.conftest import issue_row
from tracker import reporting
from tracker.enums import IssueStatus

AS_OF = date(2025, 11, 5)
DEPTS = {"NNMT": "Sở Nông nghiệp và Môi trường", "TC": "Sở Tài chính"}


def _rows() -> list:  # type: ignore[type-arg]
    late = issue_row("VA-1", due=date(2025, 10, 1))  # 35 days late
    very_late = issue_row("VA-2", due=date(2025, 7, 1))  # 127 days late
    soon = issue_row("VA-3", due=date(2025, 11, 20))
    done = issue_row("VA-4", IssueStatus.RESOLVED, due=date(2025, 10, 1))
    of_tc = dataclasses.replace(issue_row("VA-5", due=date(2025, 10, 20), support=("NNMT",)), dept="TC")
    return [late, very_late, soon, done, of_tc]


def test_the_overdue_are_grouped_by_age_and_the_soon_due_listed() -> None:
    report = reporting.build(_rows(), [], AS_OF, DEPTS, {})
    ages = {g.key: [i.issue.id for i in g.items] for g in report.ages}
    assert ages == {"1-30": ["VA-5"], "31-90": ["VA-1"], "91+": ["VA-2"]}
    assert [i.issue.id for i in report.upcoming] == ["VA-3"]
    assert report.total["total"] == 5 and report.total["open_overdue"] == 3
    assert {p.code: p.grid["total"] for p in report.grid} == {"NNMT": 4, "TC": 1}


def test_a_departments_report_lists_apart_what_it_only_supports() -> None:
    report = reporting.build(_rows(), [], AS_OF, DEPTS, {}, depts=["NNMT"])
    assert [p.code for p in report.grid] == ["NNMT"]
    assert "VA-5" not in [i.issue.id for g in report.ages for i in g.items]
    assert [i.issue.id for i in report.overdue_support] == ["VA-5"]
