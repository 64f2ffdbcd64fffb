"""ops.issues: errors name fields, never command-line options."""

from datetime import date

import pytest

from tracker.enums import IssueStatus
from tracker.errors import FieldError, UsageError, WrongKind
from tracker.ops import issues, listing
from tracker.ops.workspace import Workspace
from tracker.query import Filter


def test_add_issue_takes_the_next_number_and_codes_by_name(ws: Workspace) -> None:
    assert issues.add_issue(ws, "van an", "Sở Nông nghiệp và Môi trường", "Một", support=["Sở Tài chính"]) == "VA-1"
    assert (
        issues.add_issue(ws, "17950", "NN&MT", "Hai", category="Đất đai, cấp giấy chứng nhận, hồ sơ địa chính")
        == "VA-2"
    )
    (row,) = [r for r in listing.list_issues(ws, Filter()) if r.id == "VA-1"]
    assert (row.dept, row.support) == ("NNMT", ("TC",))


def test_a_bad_value_is_a_field_error_of_that_field(ws: Workspace) -> None:
    with pytest.raises(FieldError) as info:
        issues.add_issue(ws, "van-an", "NOPE", "x")
    assert info.value.problems[0][0] == "dept" and "NNMT" in info.value.problems[0][1]
    with pytest.raises(FieldError) as info:
        issues.add_issue(ws, "van-an", "TC", "x", due=date(2025, 1, 1))  # past, with no date raised
    assert info.value.problems[0][0] == "due"
    assert "--" not in info.value.problems[0][1]  # the CLI names options; the operation names fields
    with pytest.raises(FieldError) as info:
        issues.add_issue(ws, "van-an", "TC", "a\nb")
    assert info.value.problems == [("title", "phải nằm trên một dòng")]


def test_update_and_close(filled_ws: Workspace) -> None:
    issue = issues.update_issue(filled_ws, "va-1", issues.IssueChanges(status=IssueStatus.ESCALATED, note="Lên tỉnh"))
    assert issue.history[-1].was == {"status": "open"} and issue.history[-1].note == "Lên tỉnh"
    closed = issues.close_issue(filled_ws, "VA-1", "Xong", on=date(2025, 10, 19))
    assert (closed.status, closed.resolved_on) == (IssueStatus.RESOLVED, date(2025, 10, 19))
    with pytest.raises(UsageError):
        issues.close_issue(filled_ws, "VA-1", "Lần nữa")
    with pytest.raises(WrongKind) as info:
        issues.update_issue(filled_ws, "VA-KH1", issues.IssueChanges(note="x"))
    assert info.value.kind == "action_plan"
