"""tracker.merging: the three-way merge of one commune file, record by record."""

from datetime import date
from typing import Any

import pytest

from tracker.errors import TrackerError
from tracker.merging import merge
from tracker.models import CommuneFile

DAY = date(2025, 10, 20)
HEADER = {"name": "Vạn An", "code": "17950", "prefix": "VA"}


def _file(*issues: dict[str, Any], plans: tuple[dict[str, Any], ...] = ()) -> CommuneFile:
    base = {"dept": "NV", "raised_on": "2025-09-20"}
    return CommuneFile.model_validate(
        {"commune": HEADER, "issues": [base | i for i in issues], "action_plan": list(plans)}
    )


ONE = {"id": "VA-1", "title": "Thiếu công chức địa chính"}


def test_each_side_changing_another_field_keeps_both_changes() -> None:
    base = _file(ONE)
    ours = _file(ONE | {"status": "in_progress"})
    theirs = _file(ONE | {"due": "2025-12-31"})
    (issue,) = merge(base, ours, theirs, DAY, "Thư ký").merged.issues
    assert (issue.status.value, issue.due) == ("in_progress", date(2025, 12, 31))


def test_one_field_changed_two_ways_is_an_error_naming_record_field_and_values() -> None:
    base = _file(ONE | {"due": "2025-12-31"})
    with pytest.raises(TrackerError) as caught:
        merge(base, _file(ONE | {"due": "2025-11-15"}), _file(ONE | {"due": "2026-01-31"}), DAY, "Thư ký")
    assert caught.value.message == ("VA-1: cả hai bên cùng sửa 'due' khác nhau (2025-11-15 / 2026-01-31); hãy sửa tay")


def test_an_id_added_on_both_sides_renumbers_theirs_and_their_plan_follows() -> None:
    base = _file(ONE)
    ours = _file(ONE, {"id": "VA-2", "title": "Kinh phí sửa trụ sở"})
    plan = {"id": "VA-KH1", "title": "Tuyển công chức", "issues": ["VA-2"]}
    theirs = _file(ONE, {"id": "VA-2", "title": "Phần mềm chưa liên thông"}, plans=(plan,))
    outcome = merge(base, ours, theirs, DAY, "Thư ký")
    assert outcome.renumbered == [("VA-2", "VA-3")]
    titles = {i.id: i.title for i in outcome.merged.issues}
    assert titles == {"VA-1": ONE["title"], "VA-2": "Kinh phí sửa trụ sở", "VA-3": "Phần mềm chưa liên thông"}
    moved = outcome.merged.issues[-1].history[-1]
    assert (moved.date, moved.by, moved.was) == (DAY, "Thư ký", {"id": "VA-2"})
    assert outcome.merged.action_plan[0].issues == ["VA-3"]


def test_a_record_they_deleted_is_gone_unless_we_edited_it() -> None:
    two = {"id": "VA-2", "title": "Kinh phí sửa trụ sở"}
    base = _file(ONE, two)
    assert [i.id for i in merge(base, base, _file(ONE), DAY, "x").merged.issues] == ["VA-1"]
    edited = _file(ONE, two | {"status": "escalated"})
    assert [i.id for i in merge(base, edited, _file(ONE), DAY, "x").merged.issues] == ["VA-1", "VA-2"]
