"""fields.py: what every model is made of, and a model's stored form: `to_plain` (what
the cache keeps of the registries) and `trusted` (the model made again from it)."""

import json
from datetime import date

from tracker.fields import to_plain, trusted
from tracker.models import CommuneFile, Issue
from tracker.registry import Departments, FollowUp


def test_the_stored_form_leaves_out_empty_optional_fields_in_field_order() -> None:
    issue = Issue(id="VA-1", title="x", dept="TC", due=date(2025, 10, 15))
    assert list(to_plain(issue)) == ["id", "title", "dept", "status", "priority", "due"]
    assert to_plain(issue)["status"] == "open"


def test_trusted_makes_again_what_validation_made_dates_statuses_and_nested_records() -> None:
    """`trusted` rebuilds a model from its stored form without validating (what the
    cache keeps went through JSON): dates, statuses, priorities, lists and nested
    records come back as validation makes them."""
    commune = CommuneFile.model_validate({
        "commune": {"code": "17950", "name": "Vạn An", "prefix": "VA"},
        "issues": [{"id": "VA-1", "title": "Chậm cấp GCNQSD đất", "dept": "NNMT", "support": ["TC"],
                    "status": "resolved", "priority": "high", "due": "2025-12-31", "resolved_on": "2025-12-20",
                    "history": [{"date": "2025-10-20", "by": "Thư ký", "status": "open", "note": "Tạo mới"}]}],
        "action_plan": [{"id": "VA-KH1", "title": "Rà soát", "milestones": [{"due": "2025-11-15", "target": "Lập"}]}],
    })  # fmt: skip
    stored = json.loads(json.dumps(to_plain(commune), default=str))
    again = trusted(CommuneFile, stored)
    assert again == commune and again.model_dump() == commune.model_dump()
    assert again.issues[0].history[0].date == date(2025, 10, 20) and again.issues[0].status.value == "resolved"


def test_trusted_makes_again_the_registries_with_their_defaults_and_extra_keys() -> None:
    """The registries are what `trusted` makes on every warm command: a follow-up file
    with only some keys comes back with the same defaults validation gives, and a
    department with the aliases it was written with."""
    follow = FollowUp.model_validate({"ladder": [{"after_reminders": 2, "copy_to": ["VPUB"], "label": "báo cáo"}],
                                      "undated_after_days": 60})  # fmt: skip
    again = trusted(FollowUp, json.loads(json.dumps(to_plain(follow))))
    assert again == follow
    assert (again.overdue_ages, again.on_time_bands.good, again.reporting.cutoff_day) == ([30, 90], 90, 14)
    depts = Departments.model_validate({"departments": [{"code": "NNMT", "name": "Sở NN&MT", "aliases": ["NN&MT"]}]})
    kept = trusted(Departments, json.loads(json.dumps(to_plain(depts))))
    assert kept == depts and kept.departments[0].model_extra == {"aliases": ["NN&MT"]}
