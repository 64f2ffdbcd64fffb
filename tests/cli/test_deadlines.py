"""Deadlines as an office counts them (#29): requests for a new deadline and their
decision, the first deadline kept, undated items, the age of a delay, the ranking."""

import json
from pathlib import Path

import pytest

from tests.conftest import Cli


@pytest.fixture
def dated(data: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Path:
    """On 1 December 2025: VA-1 (NNMT) due 15/12, VA-2 (NV) with no deadline raised
    on 20/08 (103 days), VA-3 (TC) due 10/11 (21 days late), VA-4 (TC) due 01/09 (91
    days late), TN-1 (NNMT) resolved on time."""
    monkeypatch.setenv("TRACKER_TODAY", "2025-12-01")
    add = ("add-issue", "--commune")
    cli(
        *add,
        "van-an",
        "--dept",
        "NNMT",
        "--title",
        "Chậm cấp GCNQSD",
        "--raised-on",
        "2025-09-20",
        "--due",
        "2025-12-15",
    )
    cli(*add, "van-an", "--dept", "NV", "--title", "Thiếu công chức", "--raised-on", "2025-08-20")
    cli(
        *add, "van-an", "--dept", "TC", "--title", "Kinh phí đo đạc", "--raised-on", "2025-09-20", "--due", "2025-11-10"
    )
    cli(
        *add,
        "van-an",
        "--dept",
        "TC",
        "--title",
        "Trụ sở xuống cấp",
        "--raised-on",
        "2025-08-01",
        "--due",
        "2025-09-01",
    )
    cli(*add, "thien-nhan", "--dept", "NNMT", "--title", "Bản đồ", "--raised-on", "2025-09-20", "--due", "2025-11-30")
    cli("close", "TN-1", "--resolution", "Đã chỉnh lý", "--on", "2025-11-25")
    return data


def show(cli: Cli, ident: str, *args: str) -> dict:  # type: ignore[type-arg]
    return json.loads(cli("show", ident, "--format", "json", *args))  # type: ignore[no-any-return]


def test_a_request_changes_no_deadline_until_it_is_approved(cli: Cli, dated: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = cli("extend", "VA-1", "--to", "31/01/2026", "--reason", "Chờ hướng dẫn của Bộ", "--doc",
              "Số 45/SNNMT-QLĐĐ ngày 28/11/2025", "--requested-on", "28/11/2025")  # fmt: skip
    assert "31/01/2026" in out
    rec = show(cli, "VA-1")
    assert (
        rec["due"] == "2025-12-15" and rec["extension_pending"] == "2026-01-31" and rec["due_original"] == "2025-12-15"
    )
    assert rec["extensions"] == [{"to": "2026-01-31", "reason": "Chờ hướng dẫn của Bộ", "requested_on": "2025-11-28",
                                  "doc": "Số 45/SNNMT-QLĐĐ ngày 28/11/2025", "previous": "2025-12-15",
                                  "status": "pending"}]  # fmt: skip
    again = cli.result("extend", "VA-1", "--to", "2026-02-28", "--reason", "x")
    assert again.exit_code == 2 and "31/01/2026" in again.stderr and "--approve" in again.stderr
    assert [r["id"] for r in json.loads(cli("list", "--extension", "pending", "--format", "json"))] == ["VA-1"]
    monkeypatch.setenv("TRACKER_TODAY", "2025-12-05")
    cli("extend", "VA-1", "--approve", "--on", "2025-12-03", "--by", "Tổ trưởng")
    rec = show(cli, "VA-1")
    assert (rec["due"], rec["due_original"], rec["extension_pending"]) == ("2026-01-31", "2025-12-15", None)
    assert rec["extensions"][0]["status"] == "approved"
    assert (rec["extensions"][0]["decided_on"], rec["extensions"][0]["decided_by"]) == ("2025-12-03", "Tổ trưởng")
    steps = [h.get("extension") for h in rec["history"][-2:]]
    assert steps == [{"status": "pending", "to": "2026-01-31"}, {"status": "approved", "to": "2026-01-31"}]
    assert rec["history"][-1]["was"] == {"due": "2025-12-15"}
    assert "Đồng ý gia hạn: 15/12/2025 → 31/01/2026" in cli("show", "VA-1")
    assert [r["id"] for r in json.loads(cli("list", "--extension", "approved", "--format", "json"))] == ["VA-1"]
    grid = json.loads(cli("stats", "--format", "json"))
    assert grid["departments"]["NNMT"]["extended"] == 1 and grid["total"]["extended"] == 1


def test_the_past_is_counted_with_the_deadline_then_in_force(cli: Cli, dated: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cli("extend", "VA-3", "--to", "2025-12-31", "--reason", "Chờ kinh phí", "--requested-on", "2025-11-05")
    monkeypatch.setenv("TRACKER_TODAY", "2025-12-10")
    cli("extend", "VA-3", "--approve", "--on", "2025-12-08")
    then = {r["id"]: r for r in json.loads(cli("list", "--as-of", "2025-11-04", "--format", "json"))}["VA-3"]
    assert (then["due"], then["extensions"], then["overdue"]) == ("2025-11-10", [], False)
    asked = {r["id"]: r for r in json.loads(cli("list", "--as-of", "2025-12-01", "--format", "json"))}["VA-3"]
    assert (asked["due"], asked["extension_pending"], asked["overdue"]) == ("2025-11-10", "2025-12-31", True)
    assert json.loads(cli("stats", "--as-of", "2025-12-01", "--format", "json"))["departments"]["TC"]["extended"] == 0
    now = {r["id"]: r for r in json.loads(cli("list", "--as-of", "2025-12-08", "--format", "json"))}["VA-3"]
    assert (now["due"], now["extension_pending"], now["overdue"]) == ("2025-12-31", None, False)
    assert json.loads(cli("stats", "--as-of", "2025-12-08", "--format", "json"))["departments"]["TC"]["extended"] == 1


def test_a_rejection_needs_a_reason_and_keeps_the_deadline(cli: Cli, dated: Path) -> None:
    cli("extend", "VA-1", "--to", "2026-01-31", "--reason", "Thiếu người")
    assert "--reason" in cli.result("extend", "VA-1", "--reject").stderr
    cli("extend", "VA-1", "--reject", "--reason", "Không có căn cứ")
    rec = show(cli, "VA-1")
    assert rec["due"] == "2025-12-15" and rec["extensions"][0]["status"] == "rejected"
    assert rec["extensions"][0]["answer"] == "Không có căn cứ" and rec["extension_pending"] is None
    assert "Không đồng ý gia hạn đến 31/01/2026" in cli("show", "VA-1")
    cli("extend", "VA-1", "--to", "2026-01-15", "--reason", "Lần hai")  # decided: a new request may follow
    assert show(cli, "VA-1")["extension_pending"] == "2026-01-15"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["VA-2", "--to", "2026-01-31", "--reason", "x"], "chưa có thời hạn"),  # no deadline to move
        (["TN-1", "--to", "2026-01-31", "--reason", "x"], "đã kết thúc"),  # resolved
        (["VA-1", "--to", "2025-12-10", "--reason", "x"], "phải sau thời hạn hiện tại 15/12/2025"),
        (["VA-1", "--to", "2026-01-31"], "--reason"),
        (["VA-1", "--approve"], "không có đề nghị gia hạn nào đang chờ"),
        (["VA-1", "--approve", "--reject"], "--approve hoặc --reject"),
        (["VA-1", "--to", "2026-01-31", "--reason", "x", "--requested-on", "2025-12-02"], "chưa đến"),
    ],
)
def test_what_cannot_be_asked_is_refused_and_nothing_is_written(cli: Cli, dated: Path, args: list[str],
                                                                said: str) -> None:  # fmt: skip
    before = (dated / "communes" / "van-an.yaml").read_bytes()
    result = cli.result("extend", *args)
    assert result.exit_code == 2 and said in result.stderr, result.stderr
    assert (dated / "communes" / "van-an.yaml").read_bytes() == before


def test_update_moving_a_deadline_later_is_an_extension_with_a_reason(cli: Cli, dated: Path) -> None:
    refused = cli.result("update", "VA-1", "--due", "2026-01-31")
    assert refused.exit_code == 2 and "--note" in refused.stderr and "gia hạn" in refused.stderr
    cli("update", "VA-1", "--due", "2026-01-31", "--note", "UBND tỉnh đồng ý tại cuộc họp")
    rec = show(cli, "VA-1")
    assert rec["due_original"] == "2025-12-15" and rec["extensions"][0]["status"] == "approved"
    assert rec["extensions"][0]["reason"] == "UBND tỉnh đồng ý tại cuộc họp"
    cli("update", "VA-1", "--due", "2026-01-20")  # earlier: no extension, and no reason needed
    assert len(show(cli, "VA-1")["extensions"]) == 1
    cli("update", "VA-2", "--due", "2026-03-31")  # a first deadline is no extension either
    assert show(cli, "VA-2")["extensions"] == [] and show(cli, "VA-2")["due_original"] == "2026-03-31"


def test_a_plan_item_takes_the_same_command(cli: Cli, dated: Path) -> None:
    cli("plan", "add", "--commune", "van-an", "--title", "Rà soát", "--owner", "A", "--due", "2025-12-20")
    cli("extend", "VA-KH1", "--to", "2026-02-28", "--reason", "Thiếu kinh phí")
    cli("extend", "VA-KH1", "--approve")
    rec = show(cli, "VA-KH1")
    assert (rec["due"], rec["due_original"]) == ("2026-02-28", "2025-12-20")


def test_the_grid_tells_undated_items_apart_and_ranks_the_departments(cli: Cli, dated: Path) -> None:
    grid = json.loads(cli("stats", "--format", "json"))
    assert grid["departments"]["NV"]["open_undated"] == 1 and grid["departments"]["NV"]["open_in_time"] == 0
    assert grid["departments"]["TC"]["overdue_by_age"] == {"1-30": 1, "31-90": 0, "91+": 1}
    assert grid["departments"]["NNMT"]["on_time_rate"] == 1.0 and grid["departments"]["TC"]["on_time_rate"] == 0.0
    assert grid["departments"]["NV"]["on_time_rate"] is None and grid["ranking"] == ["NNMT", "TC", "NV"]
    assert [r["id"] for r in json.loads(cli("list", "--undated", "--format", "json"))] == ["VA-2"]
    report = cli("report")
    part = report.split("## II.")[1].split("## III.")[0]
    assert "### Quá hạn đến 30 ngày (1)" in part and "### Quá hạn trên 90 ngày (1)" in part
    assert "### Quá hạn từ 31 đến 90 ngày (0)" in part
    assert "### Chưa được giao thời hạn quá 90 ngày" in part and "| VA-2 |" in part.split("quá 90 ngày")[1]
    assert "| 1 | NNMT — Sở Nông nghiệp và Môi trường | 1 | 1 | 100 % | Tốt |" in report


def test_followup_yaml_sets_the_bounds_and_validate_checks_them(cli: Cli, dated: Path) -> None:
    followup = dated / "followup.yaml"
    followup.write_text(
        "undated_after_days: 120\noverdue_ages: [7, 60]\non_time_bands: {good: 80, fair: 50}\n", "utf-8"
    )
    grid = json.loads(cli("stats", "--format", "json"))
    assert list(grid["departments"]["TC"]["overdue_by_age"]) == ["1-7", "8-60", "61+"]
    assert "VA-2" not in cli("report").split("## II.")[1].split("## III.")[0]  # 103 days < 120
    followup.write_text(followup.read_text("utf-8").replace("[7, 60]", "[60, 7]"), "utf-8")
    assert "overdue_ages" in cli.result("validate").stdout


def test_an_undated_item_waiting_too_long_is_in_its_leads_reminder(cli: Cli, dated: Path) -> None:
    out = json.loads(cli("remind", "--format", "json", "--dept", "NV"))
    (item,) = out["digests"][0]["items"]
    assert (item["id"], item["reason"]) == ("VA-2", "undated")


def test_a_ladder_step_asks_for_a_written_explanation(cli: Cli, dated: Path) -> None:
    followup = dated / "followup.yaml"
    followup.write_text("ladder:\n- after_days_overdue: 60\n  copy_to: [VPUB]\n  explain_within_days: 10\n", "utf-8")
    out = json.loads(cli("remind", "--format", "json", "--dept", "TC"))
    items = {i["id"]: i for i in out["digests"][0]["items"]}
    assert items["VA-4"]["explain_by"] == "2025-12-11" and items["VA-3"]["explain_by"] is None  # 91 and 21 days
    letter = cli("remind", "--dept", "TC")
    part = letter.split("Đề nghị giải trình bằng văn bản")[1]
    assert "| 1 | VA-4 | Trụ sở xuống cấp | 01/09/2025 | 91 | 11/12/2025 |" in part and "VA-3" not in part
    from docx import Document

    (dated.parent / "letters").mkdir()
    cli("remind", "--dept", "TC", "--format", "docx", "--output", str(dated.parent / "letters"))
    word = Document(str(dated.parent / "letters" / "dept-TC.docx"))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert "Hạn gửi giải trình" in cells and "11/12/2025" in cells
    cli("remind", "--dept", "TC", "--record")
    history = show(cli, "VA-4")["history"]
    assert (history[-1]["reminder"], history[-1]["explain_by"]) == ("dept-TC", "2025-12-11")


def test_stats_by_commune_counts_the_action_plans_alike(cli: Cli, dated: Path) -> None:
    cli("plan", "add", "--commune", "van-an", "--title", "Rà soát", "--owner", "A", "--due", "2025-11-20")
    cli("plan", "add", "--commune", "van-an", "--title", "Báo cáo", "--owner", "B", "--due", "2025-11-01")
    cli("plan", "update", "VA-KH2", "--status", "done", "--on", "2025-10-30")
    cli("plan", "add", "--commune", "thien-nhan", "--title", "Chỉnh lý", "--owner", "C", "--due", "2026-01-31")
    data = json.loads(cli("stats", "--by", "commune", "--format", "json"))
    assert list(data["communes"]) == ["thien-nhan", "van-an"]  # Thiên Nhẫn before Vạn An
    va = data["communes"]["van-an"]
    assert (va["done_on_time"], va["open_overdue"], va["on_time_rate"], va["band"]) == (1, 1, 0.5, "slow")
    assert data["communes"]["thien-nhan"]["open_in_time"] == 1 and data["ranking"] == ["van-an", "thien-nhan"]
    assert data["names"] == {"thien-nhan": "Thiên Nhẫn", "van-an": "Vạn An"}
    ranking = cli("stats", "--by", "commune").split("Xếp hạng")[1].splitlines()
    assert ranking[-2].split()[:3] == ["1", "Vạn", "An"] and ranking[-1].split()[:3] == ["2", "Thiên", "Nhẫn"]
    assert "--by" in cli.result("stats", "--by", "xa").stderr


def test_show_words_the_requests_for_a_new_deadline(cli: Cli, dated: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cli("extend", "VA-1", "--to", "31/01/2026", "--reason", "Chờ hướng dẫn", "--doc", "Số 45/SNNMT",
        "--requested-on", "28/11/2025")  # fmt: skip
    cli("extend", "VA-1", "--approve", "--on", "2025-11-30", "--by", "Tổ trưởng")
    out = cli("show", "VA-1")
    assert ("Gia hạn: 15/12/2025 → 31/01/2026; đã đồng ý 30/11/2025 (Tổ trưởng); đề nghị ngày 28/11/2025: "
            "Chờ hướng dẫn; văn bản: Số 45/SNNMT") in out  # fmt: skip
    assert "datetime" not in out and "{" not in out
    english = cli("show", "VA-1", "--lang", "en")  # --lang after the command, as everywhere
    assert "Extension: 2025-12-15 → 2026-01-31; approved 2025-11-30 (Tổ trưởng)" in english
    assert (
        "lỗi: giá trị không hợp lệ cho --extension: 'x' không phải một trong"
        in cli.result("list", "--extension", "x").stderr
    )
