"""historytext.py: a change worded for its reader, in the reader's language."""

from datetime import date

from tracker import historytext, wording
from tracker.history import Change
from tracker.models import HistoryEntry, Issue, Milestone, PlanItem

VI, EN = wording.labels("vi"), wording.labels("en")


def test_vietnamese_names_fields_and_values_as_the_reports_do() -> None:
    assert historytext.line(Change("status", "open", "in_progress"), VI) == "Trạng thái: Chưa xử lý → Đang xử lý"
    assert historytext.line(Change("due", date(2025, 12, 31), None), VI) == "Thời hạn: 31/12/2025 → —"
    assert historytext.line(Change("support", [], ["TC", "XD"]), VI) == "Cơ quan phối hợp: — → TC, XD"
    assert historytext.line(Change("status", "planned", "done"), VI, plan=True) == (
        "Trạng thái: Chưa thực hiện → Đã hoàn thành"
    )


def test_english_names_fields_as_the_files_do_and_values_in_words() -> None:
    assert historytext.line(Change("status", "open", "in_progress"), EN) == "status: open → in progress"
    assert historytext.line(Change("due", None, date(2026, 1, 15)), EN) == "due: — → 2026-01-15"


def test_an_entry_is_told_from_its_values_milestones_and_reminder() -> None:
    item = PlanItem(id="VA-KH1", title="x", status="in_progress",
                    milestones=[Milestone(due=date(2025, 11, 1), target="Lập danh sách")],
                    history=[HistoryEntry(date=date(2025, 10, 1), was={"status": "planned"}, milestones_done=[1]),
                             HistoryEntry(date=date(2025, 10, 2), reminder="commune-van-an"),
                             HistoryEntry(date=date(2025, 10, 3), note="chỉ ghi chú")])  # fmt: skip
    assert historytext.told(item, VI) == [
        "Trạng thái: Chưa thực hiện → Đang thực hiện; hoàn thành mốc 1: Lập danh sách",
        "Đã đôn đốc (văn bản commune-van-an)",
        "",
    ]
    assert historytext.told(item, EN)[0] == "status: planned → in progress; milestone 1 done: Lập danh sách"


def test_the_words_can_change_without_making_an_entry_unreadable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "lang").mkdir()
    (tmp_path / "lang" / "vi.j2").write_text('{% set status = {"open": "Mới nêu"} %}', "utf-8")
    words = wording.labels("vi", [tmp_path])
    rec = Issue(id="VA-1", title="x", dept="TC", status="in_progress",
                history=[HistoryEntry(date=date(2025, 10, 1), was={"status": "open"})])  # fmt: skip
    assert historytext.told(rec, words) == ["Trạng thái: Mới nêu → Đang xử lý"]


def test_an_old_line_that_tells_no_field_in_a_known_form_is_shown_as_written() -> None:
    rec = Issue(id="VA-1", title="x", dept="TC", history=[HistoryEntry(date=date(2025, 10, 1), changed="sửa tay")])
    assert historytext.told(rec, VI) == ["sửa tay"]
