"""changelines: the `changed` line of a history entry, written in the user's
language and read back in either."""

from datetime import date

from tracker import changelines, timeline
from tracker.enums import IssueStatus, PlanStatus
from tracker.i18n import set_lang
from tracker.models import HistoryEntry, Issue


def test_vietnamese_names_fields_and_values_as_the_reports_do() -> None:
    assert (
        changelines.line("status", IssueStatus.OPEN, IssueStatus.IN_PROGRESS) == "Trạng thái: Chưa xử lý → Đang xử lý"
    )
    assert changelines.line("due", date(2025, 12, 31), None) == "Thời hạn: 31/12/2025 → —"
    assert changelines.line("support", [], ["TC", "XD"]) == "Cơ quan phối hợp: — → TC, XD"
    assert changelines.line("status", PlanStatus.PLANNED, PlanStatus.DONE, plan=True) == (
        "Trạng thái: Chưa thực hiện → Đã hoàn thành"
    )


def test_english_writes_what_the_files_store() -> None:
    set_lang("en")
    assert changelines.line("status", IssueStatus.OPEN, IssueStatus.ESCALATED) == "status: open → escalated"
    assert changelines.line("due", None, date(2026, 1, 15)) == "due: — → 2026-01-15"


def test_either_reads_back_to_the_stored_values() -> None:
    vietnamese = "Trạng thái: Chưa xử lý → Đang xử lý; Thời hạn: 31/12/2025 → 15/11/2025; Mức ưu tiên: Thấp → Cao"
    english = "status: open → in_progress; due: 2025-12-31 → 2025-11-15; priority: low → high"
    expected = [("status", "open", "in_progress"), ("due", "2025-12-31", "2025-11-15"), ("priority", "low", "high")]
    assert changelines.parse(vietnamese) == expected == changelines.parse(english)
    assert changelines.parse("Mã: VA-4 → VA-5") == [("id", "VA-4", "VA-5")]
    assert changelines.parse("hoàn thành mốc 1: Lập danh sách") == []  # not a change of a field


def test_as_of_undoes_a_change_written_in_vietnamese() -> None:
    issue = Issue(id="VA-1", title="T", dept="TC", status=IssueStatus.IN_PROGRESS, due=date(2025, 11, 15),
                  raised_on=date(2025, 9, 1),
                  history=[HistoryEntry(date=date(2025, 9, 1), by="A", status="open"),
                           HistoryEntry(date=date(2025, 10, 10), by="A", status="in_progress",
                                        changed="Trạng thái: Chưa xử lý → Đang xử lý; Thời hạn: 31/12/2025 → "
                                                "15/11/2025")])  # fmt: skip
    then = timeline.as_of(issue, date(2025, 10, 1))
    assert then is not None and (then.status, then.due) == (IssueStatus.OPEN, date(2025, 12, 31))
