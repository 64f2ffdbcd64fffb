"""The models on their own: what they accept, refuse and derive."""

from datetime import date

import pytest
from pydantic import ValidationError

from tracker.models import CommuneFile, Issue, PlanItem


def test_yaml_11_values_are_not_text() -> None:
    for bad in (True, 8, 1.5):
        with pytest.raises(ValidationError) as info:
            Issue(id="VA-1", title=bad, dept="TC")  # type: ignore[arg-type]
        assert info.value.errors()[0]["type"] == "string_type"


def test_dates_are_real_calendar_dates() -> None:
    assert Issue(id="VA-1", title="x", dept="TC", due=date(2025, 2, 28)).due == date(2025, 2, 28)
    for bad in ("2025-02-30", "30/02/2025", "2025-2-28", "20250228", 20250228, "2025-W09-5"):
        with pytest.raises(ValidationError):
            Issue(id="VA-1", title="x", dept="TC", due=bad)  # type: ignore[arg-type]
    # Quoted ISO dates (scripts write them) and the office form are dates people write
    for written in ("2025-02-28", "28/02/2025", "28/2/2025"):
        assert Issue(id="VA-1", title="x", dept="TC", due=written).due == date(2025, 2, 28)  # type: ignore[arg-type]
    # JSON from the cache is text: there an ISO date is the only form a date can take
    assert Issue.model_validate_json('{"id": "VA-1", "title": "x", "dept": "TC", "due": "2025-02-28"}').due


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError) as info:
        header = {"code": "17950", "name": "Vạn An", "prefix": "VA", "kind": "xa"}
        CommuneFile.model_validate(
            {"commune": header, "issues": [{"id": "VA-1", "title": "x", "dept": "TC", "stauts": "open"}]}
        )
    assert info.value.errors()[0]["type"] == "extra_forbidden"


def test_titles_are_one_stripped_line() -> None:
    assert Issue(id="VA-1", title="  Chậm cấp  ", dept="TC").title == "Chậm cấp"
    with pytest.raises(ValidationError):
        Issue(id="VA-1", title="a\nb", dept="TC")
    with pytest.raises(ValidationError):
        Issue(id="VA-1", title="   ", dept="TC")


def test_overdue_is_derived_from_status_and_deadline() -> None:
    issue = Issue(id="VA-1", title="x", dept="TC", due=date(2025, 10, 15))
    assert not issue.is_overdue(date(2025, 10, 15)) and issue.is_overdue(date(2025, 10, 16))
    assert not issue.model_copy(update={"status": "resolved"}).is_overdue(date(2026, 1, 1))
    assert not Issue(id="VA-1", title="x", dept="TC").is_overdue(date(2030, 1, 1))
    plan = PlanItem(id="VA-KH1", title="x", due=date(2025, 10, 15))
    assert plan.is_overdue(date(2025, 10, 16)) and not plan.model_copy(update={"status": "done"}).is_overdue(
        date(2026, 1, 1)
    )
