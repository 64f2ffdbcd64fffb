"""The terminal table: exact output."""

import pytest

from tests.formats.conftest import AS_OF, full_issue, issue_row, plan_row
from tracker.enums import IssueStatus
from tracker.formats import Context
from tracker.formats.table import FORMAT
from tracker.results import Listing, RecordView


def test_an_issue_table(vi: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")  # wide enough for every column at its natural width
    rows = [issue_row(), issue_row("VA-2", IssueStatus.RESOLVED, None, ())]
    assert FORMAT.render(Listing(rows, AS_OF), vi) == (
        "Mã    Xã      Nội dung             Chủ trì  Phối hợp  Trạng thái     Thời hạn\n"
        "────  ──────  ───────────────────  ───────  ────────  ─────────────  ────────────────────\n"
        "VA-1  Vạn An  Chậm cấp GCNQSD đất  NNMT     TC        Chưa xử lý     15/10/2025 (quá hạn)\n"
        "VA-2  Vạn An  Chậm cấp GCNQSD đất  NNMT               Đã giải quyết\n"
        "2 mục\n"
    )


def test_an_issue_table_in_80_columns_wraps_the_text_first(vi: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    rows = [issue_row(), issue_row("VA-2", IssueStatus.RESOLVED, None, ())]
    text = FORMAT.render(Listing(rows, AS_OF), vi)
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "15/10/2025 (quá hạn)" in text and "Chưa xử lý" in text


def test_a_plan_table_in_english_counts_in_the_singular(en: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    assert FORMAT.render(Listing([plan_row()], AS_OF, plan=True), en) == (
        "ID      Commune  Title          Owner            Milestones  Status       Due\n"
        "──────  ───────  ─────────────  ───────────────  ──────────  ───────────  ──────────\n"
        "VA-KH1  Vạn An   Rà soát hồ sơ  Vương Hồng Thái  1/2         in progress  2025-12-31\n"
        "1 record\n"
    )


def test_show_words_statuses_and_dates(vi: Context) -> None:
    out = FORMAT.render(RecordView(full_issue(), AS_OF), vi)
    assert out.splitlines()[:2] == ["VA-1 · Vạn An (van-an)", "Chậm cấp GCNQSD đất"]
    assert "  Trạng thái: Chưa xử lý" in out and "  Thời hạn: 15/10/2025" in out and "  QUÁ HẠN" in out
    assert "  Cơ quan chủ trì: NNMT" in out and "  Mức ưu tiên: Bình thường" in out  # labels and values in Vietnamese
    assert out.endswith("Lịch sử:\n  20/09/2025 Thư Ký [Chưa xử lý]: Tạo mới\n")
