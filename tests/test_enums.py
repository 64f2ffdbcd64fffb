"""tracker.enums: the words a data file stores for a status, a priority, a kind."""

import pytest
from pydantic import ValidationError

from tracker.enums import CommuneKind, ExtensionStatus, IssueStatus, PlanStatus, Priority
from tracker.models import Issue
from tracker.schema import schema


def test_the_stored_words_are_the_ones_files_hold() -> None:
    assert [s.value for s in IssueStatus] == ["open", "in_progress", "escalated", "resolved", "dropped"]
    assert [s.value for s in PlanStatus] == ["planned", "in_progress", "done", "dropped"]
    assert [p.value for p in Priority] == ["high", "normal", "low"]
    assert [e.value for e in ExtensionStatus] == ["pending", "approved", "rejected"]
    assert [k.value for k in CommuneKind] == ["xa", "phuong", "dac_khu"]


def test_a_status_read_from_yaml_is_the_enum_and_prints_as_its_word() -> None:
    status = IssueStatus("escalated")
    assert status is IssueStatus.ESCALATED
    assert f"{status}" == "escalated" and status == "escalated"
    with pytest.raises(ValueError):
        IssueStatus("closed")


def test_an_issue_accepts_only_the_enum_words() -> None:
    base = {"id": "VA-1", "title": "Thiếu cán bộ", "dept": "NV", "raised_on": "2025-09-20"}
    assert Issue.model_validate({**base, "status": "in_progress"}).status is IssueStatus.IN_PROGRESS
    with pytest.raises(ValidationError):
        Issue.model_validate({**base, "status": "done"})  # a plan item's word, not an issue's


def test_the_editor_schema_offers_the_same_words() -> None:
    defs = schema("commune")["$defs"]
    assert defs["IssueStatus"]["enum"] == [s.value for s in IssueStatus]
    assert defs["Priority"]["enum"] == [p.value for p in Priority]
