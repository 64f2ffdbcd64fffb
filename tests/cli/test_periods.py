"""Periodic reports (#30): report and stats of a period, the movement counted against
a hand-made history, the comparison, and the register of the reports sent."""

import json
from pathlib import Path

import pytest

from tests.conftest import Cli


@pytest.fixture
def months(data: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Path:
    """October to December 2025, a month's cut-off on the 14th. Before: VA-1 (NNMT) and
    VA-2 (TC) raised. In 2025-11 (15/10 to 14/11): VA-3 and VA-4 (NNMT) raised, VA-4
    resolved on time, VA-5 (TC, due 31/10) raised and became overdue, VA-2's deadline
    extended. In 2025-12 (15/11 to 14/12): VA-6 (NNMT) raised, VA-5 resolved late."""
    monkeypatch.setenv("TRACKER_TODAY", "2025-10-10")
    add = ("add-issue", "--commune", "van-an")
    cli(*add, "--dept", "NNMT", "--title", "Từ trước", "--raised-on", "2025-10-01", "--due", "2026-06-30")
    cli(*add, "--dept", "TC", "--title", "Gia hạn", "--raised-on", "2025-10-01", "--due", "2025-11-30")
    monkeypatch.setenv("TRACKER_TODAY", "2025-11-01")
    cli(*add, "--dept", "NNMT", "--title", "Mới tháng 11", "--raised-on", "2025-10-20", "--due", "2026-03-31")
    cli(*add, "--dept", "NNMT", "--title", "Xong đúng hạn", "--raised-on", "2025-10-20", "--due", "2025-11-30")
    cli(*add, "--dept", "TC", "--title", "Quá hạn", "--raised-on", "2025-10-16", "--due", "2025-10-31")
    cli("extend", "VA-2", "--to", "2026-01-31", "--reason", "Chờ kinh phí", "--requested-on", "2025-11-01")
    monkeypatch.setenv("TRACKER_TODAY", "2025-11-10")  # nothing is done after today (#28.15)
    cli("close", "VA-4", "--resolution", "Xong", "--on", "2025-11-05")
    cli("extend", "VA-2", "--approve", "--on", "2025-11-10")
    monkeypatch.setenv("TRACKER_TODAY", "2025-12-01")
    cli(*add, "--dept", "NNMT", "--title", "Mới tháng 12", "--raised-on", "2025-11-20")
    cli("close", "VA-5", "--resolution", "Muộn", "--on", "2025-11-25")
    monkeypatch.setenv("TRACKER_TODAY", "2025-12-20")
    return data


def stats(cli: Cli, *args: str) -> dict:  # type: ignore[type-arg]
    return json.loads(cli("stats", "--format", "json", *args))  # type: ignore[no-any-return]


def test_a_periods_figures_its_movement_and_the_previous_period(cli: Cli, months: Path) -> None:
    nov = stats(cli, "--period", "2025-11")
    assert nov["period"] == {"name": "2025-11", "from": "2025-10-15", "to": "2025-11-14", "counted_to": "2025-11-14"}
    assert nov["previous"]["period"]["name"] == "2025-10" and nov["previous"]["sent"] is False
    assert nov["movement"] == {
        "NNMT": {"raised": 2, "resolved_on_time": 1, "resolved_late": 0, "became_overdue": 0, "extended": 0},
        "TC": {"raised": 1, "resolved_on_time": 0, "resolved_late": 0, "became_overdue": 1, "extended": 1},
    }
    assert nov["departments"]["TC"]["open_overdue"] == 1 and nov["departments"]["TC"]["extended"] == 1
    assert nov["previous"]["departments"]["NNMT"]["total"] == 1  # on 14/10 only VA-1 had been raised
    dec = stats(cli, "--period", "2025-12")
    assert dec["movement"]["NNMT"]["raised"] == 1 and dec["movement"]["TC"]["resolved_late"] == 1
    assert dec["movement"]["TC"]["became_overdue"] == 0  # it became overdue in November
    assert dec["previous"]["departments"] == nov["departments"]  # the previous period counted as it stood then


def test_the_report_of_a_period_compares_and_has_four_parts(cli: Cli, months: Path) -> None:
    out = cli("report", "--period", "2025-12")
    assert "# Báo cáo tháng 12 năm 2025" in out and "Số liệu từ ngày 15/11/2025 đến ngày 14/12/2025." in out
    assert "So sánh với kỳ trước (2025-11, số liệu đến ngày 14/11/2025)" in out
    # TC: VA-2 and VA-5 both times; VA-5 overdue then, resolved late now.
    assert "| TC | 2 (0) | 0 (0) | 1 (+1) | 1 (0) | 0 (0) | 0 (−1) |" in out
    for part in ("## I. KẾT QUẢ", "## II.", "## III. NHIỆM VỤ THỜI GIAN TỚI", "## IV. KIẾN NGHỊ, ĐỀ XUẤT"):
        assert part in out, part
    assert "### 1. Nhiệm vụ đến hạn trong kỳ tới (đến 14/01/2026)" in out
    english = cli("report", "--period", "2025-Q4", "--lang", "en")
    assert "# Report for Q4 2025" in english and "Figures from 2025-09-15 to 2025-12-14." in english
    assert "--as-of" in cli.result("report", "--period", "2025-12", "--as-of", "2025-12-01").stderr
    assert "2025-Q4" in cli.result("stats", "--period", "2025-Q5").stderr


def test_a_report_sent_is_registered_and_what_changed_since_is_told(cli: Cli, months: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cli("report", "--period", "2025-11", "--submit", "--number", "15/BC-TCT2", "--on", "2025-11-17")
    register = (months / "reports.yaml").read_text("utf-8")
    assert "period: 2025-11" in register and "number: 15/BC-TCT2" in register and "date: 2025-11-17" in register
    assert cli("validate").startswith("hợp lệ")
    sent = stats(cli, "--period", "2025-11")
    assert sent["submitted"]["number"] == "15/BC-TCT2" and sent["changed_since_submitted"] == []
    refused = cli.result("report", "--period", "2025-11", "--submit", "--number", "16/BC-TCT2")
    assert refused.exit_code == 2 and "--replace" in refused.stderr
    assert (months / "reports.yaml").read_text("utf-8") == register
    # A late correction: VA-3 was in fact resolved on 10/11, written down today.
    cli("close", "VA-3", "--resolution", "Đã xong từ trước", "--on", "2025-11-10")
    late = stats(cli, "--period", "2025-11")
    assert late["changed_since_submitted"] == [
        {"dept": "NNMT", "column": "done_on_time", "sent": 1, "now": 2},
        {"dept": "NNMT", "column": "open_in_time", "sent": 2, "now": 1},
    ]
    report = cli("report", "--period", "2025-11")
    assert "Đã gửi: số 15/BC-TCT2 ngày 17/11/2025." in report
    assert "NNMT, hoàn thành đúng hạn: 1 → 2; NNMT, chưa hoàn thành, còn trong hạn: 2 → 1" in report
    # The next period compares with what was sent, not with the figures corrected since.
    dec = stats(cli, "--period", "2025-12")
    assert dec["previous"]["sent"] is True and dec["previous"]["departments"]["NNMT"]["done_on_time"] == 1
    assert "số liệu đã báo cáo tại văn bản số 15/BC-TCT2 ngày 17/11/2025" in cli("report", "--period", "2025-12")
    cli("report", "--period", "2025-11", "--submit", "--number", "16/BC-TCT2", "--replace")
    again = (months / "reports.yaml").read_text("utf-8")
    assert "number: 16/BC-TCT2" in again and "number: 15/BC-TCT2" in again  # both numbers kept
    assert stats(cli, "--period", "2025-11")["changed_since_submitted"] == []
    assert "chưa hết" in cli.result("report", "--period", "2026-01", "--submit", "--number", "1/BC").stderr


def test_stats_of_a_period_not_over_counts_to_today(cli: Cli, months: Path) -> None:
    out = stats(cli, "--period", "2026-01")
    assert out["period"]["counted_to"] == "2025-12-20"
    assert "(kỳ chưa kết thúc)" in cli("report", "--period", "2026-01")


def test_a_report_sent_bears_its_number_and_a_refused_one_is_not_written(
    cli: Cli, months: Path, tmp_path: Path
) -> None:
    sent = cli("report", "--period", "2025-11", "--submit", "--number", "15/BC-TCT2", "--on", "2025-11-17")
    assert "Số: 15/BC-TCT2" in sent and "Đã gửi" not in sent  # the report being sent, under its number
    refused = cli.result("report", "--period", "2025-11", "--format", "docx", "--output", str(tmp_path / "r.docx"),
                         "--submit", "--number", "16/BC-TCT2")  # fmt: skip
    assert refused.exit_code == 2 and "--replace" in refused.stderr
    assert not (tmp_path / "r.docx").exists()  # refused before anything was written
    corrected = cli("report", "--period", "2025-11", "--submit", "--number", "17/BC-TCT2", "--replace")
    assert "Số: 17/BC-TCT2" in corrected and "15/BC-TCT2" not in corrected
    assert "Đã gửi: số 17/BC-TCT2" in cli("report", "--period", "2025-11")  # afterwards: what was sent
