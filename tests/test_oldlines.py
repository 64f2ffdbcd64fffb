"""tracker.oldlines: history lines written before 0.2 read back as typed changes."""

from datetime import date

from tracker import oldlines
from tracker.oldlines import Told


def test_a_vietnamese_line_reads_as_stored_codes_and_dates() -> None:
    line = "Trạng thái: Chưa xử lý → Đang xử lý; Thời hạn: 31/12/2025 → 15/11/2025"
    assert oldlines.parse(line) == [
        Told("status", "open", "in_progress"),
        Told("due", date(2025, 12, 31), date(2025, 11, 15)),
    ]
    assert oldlines.read(line) == (oldlines.parse(line), [])


def test_an_english_line_and_an_empty_value() -> None:
    line = "status: open → in progress; due: — → 2025-11-15; support: — → TC, VPUB"
    assert oldlines.parse(line) == [
        Told("status", "open", "in_progress"),
        Told("due", None, date(2025, 11, 15)),
        Told("support", [], ["TC", "VPUB"]),
    ]


def test_milestones_done_are_counted_from_one() -> None:
    line = "hoàn thành mốc 2: Hoàn thành rà soát"
    assert oldlines.milestones(line) == [2]
    assert oldlines.parse(line) == []
    assert oldlines.read(line) == ([], [2])


def test_a_line_that_could_be_read_two_ways_is_left_alone() -> None:
    assert oldlines.read("Nội dung: Cấp đất → nhà; ở → Cấp đất") is None  # a value holding " → " and "; "
    assert oldlines.read("Đã họp với xã") is None
    assert oldlines.parse(None) == []
