"""ops.plans."""

from datetime import date

import pytest

from tracker.enums import PlanStatus
from tracker.errors import FieldError
from tracker.ops import listing, plans
from tracker.ops.workspace import Workspace
from tracker.query import Filter


def test_a_plan_item_with_its_roadmap(filled_ws: Workspace) -> None:
    ident = plans.add_plan(filled_ws, "van-an", "Đo đạc", "Chị Hoa", date(2026, 3, 1), ["va-2"],
                           [(date(2026, 1, 15), "Khảo sát")])  # fmt: skip
    assert ident == "VA-KH2"
    item = plans.update_plan(filled_ws, ident, milestone_done=[1], on=date(2025, 10, 19))
    assert item.milestones[0].done_on == date(2025, 10, 19)
    assert plans.update_plan(filled_ws, ident, status=PlanStatus.DONE).done_on is not None
    (row,) = [r for r in listing.list_plan(filled_ws, Filter()) if r.id == ident]
    assert (row.milestones, row.milestones_done, row.status) == (1, 1, PlanStatus.DONE)


def test_a_milestone_that_does_not_exist_is_a_field_error(filled_ws: Workspace) -> None:
    with pytest.raises(FieldError) as info:
        plans.update_plan(filled_ws, "VA-KH1", milestone_done=[3])
    assert info.value.problems[0][0] == "milestone_done"
