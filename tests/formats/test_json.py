"""JSON: exact output."""

import json

from tests.formats.conftest import AS_OF, full_issue
from tracker.formats import Context
from tracker.formats.json import FORMAT
from tracker.results import Grid, Listing, RecordView


def test_a_listing_is_one_record_a_line(vi: Context) -> None:
    out = FORMAT.render(Listing([full_issue(), full_issue()], AS_OF), vi)
    assert isinstance(out, str)
    lines = out.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == 4
    assert lines[1] == (
        '{"id": "VA-1", "commune": "van-an", "title": "Chậm cấp GCNQSD đất", "dept": "NNMT", "support": ["TC"], '
        '"status": "open", "priority": "normal", "raised_on": "2025-09-20", "due": "2025-10-15", "extensions": [], '
        '"same_as": [], "not_same_as": [], "files": [], "history": [{"date": "2025-09-20", "by": "Thư Ký", '
        '"status": "open", "note": "Tạo mới"}], "due_original": "2025-10-15", "extension_pending": null, '
        '"overdue": true},'
    )


def test_an_empty_listing_and_a_record(vi: Context) -> None:
    assert FORMAT.render(Listing([], AS_OF), vi) == "[]\n"
    record = json.loads(FORMAT.render(RecordView(full_issue(), AS_OF), vi))
    assert record["id"] == "VA-1" and record["overdue"] is True


def test_the_grid_as_is(vi: Context) -> None:
    data = {"departments": {"NNMT": {"total": 1}}, "total": {"total": 1}}
    assert FORMAT.render(Grid(data), vi) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
