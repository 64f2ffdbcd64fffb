"""plan add, plan list, plan update."""

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from tests.conftest import Cli


def plan_item(data: Path, ident: str) -> dict:  # type: ignore[type-arg]
    doc = yaml.safe_load((data / "communes/van-an.yaml").read_text("utf-8"))
    return next(p for p in doc["action_plan"] if p["id"] == ident)


def test_plan_add_stores_roadmap_and_prints_id_last(cli: Cli, filled: Path) -> None:
    item = plan_item(filled, "VA-KH1")
    assert item["owner"] == "Vương Hồng Thái" and item["due"] == date(2025, 12, 31)
    assert item["issues"] == ["VA-1"] and item["status"] == "planned"
    assert item["milestones"] == [
        {"due": date(2025, 11, 15), "target": "Lập danh sách"},
        {"due": date(2025, 12, 15), "target": "Hoàn thành rà soát"},
    ]
    out = cli("plan", "add", "--commune", "van-an", "--title", "Số hóa hồ sơ", "--owner", "B", "--due", "2026-01-31")
    assert out.splitlines()[-1] == "VA-KH2"


def test_plan_add_rejects_unknown_issue_and_bad_milestone(cli: Cli, filled: Path) -> None:
    base = ["plan", "add", "--commune", "van-an", "--title", "x", "--owner", "B", "--due", "2026-01-31"]
    assert "VA-77" in cli.result(*base, "--issue", "VA-77").stderr
    assert "--milestone" in cli.result(*base, "--milestone", "không có ngày").stderr
    assert "--owner" in cli.result("plan", "add", "--commune", "van-an", "--title", "x", "--due", "2026-01-31").stderr
    # an issue of another commune may be addressed
    assert cli(*base, "--issue", "TN-1").splitlines()[-1] == "VA-KH2"


def test_plan_update_marks_milestones_and_status(cli: Cli, filled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-01-05")  # done on days before it, never after (#28.15)
    cli("plan", "update", "VA-KH1", "--milestone-done", "1", "--on", "2025-11-10", "--note", "Đã lập danh sách")
    item = plan_item(filled, "VA-KH1")
    assert item["milestones"][0]["done_on"] == date(2025, 11, 10)
    assert "done_on" not in item["milestones"][1]
    assert item["history"][-1]["milestones_done"] == [1]
    assert "hoàn thành mốc 1: Lập danh sách; Đã lập danh sách" in cli("show", "VA-KH1")
    assert item["history"][-1]["note"] == "Đã lập danh sách"
    cli("plan", "update", "VA-KH1", "--status", "done", "--on", "2025-12-20")
    item = plan_item(filled, "VA-KH1")
    assert item["status"] == "done" and item["done_on"] == date(2025, 12, 20)
    assert "mốc số 5" in cli.result("plan", "update", "VA-KH1", "--milestone-done", "5").stderr
    assert "tracker update" in cli.result("plan", "update", "VA-1", "--note", "x").stderr


def test_plan_list_formats_and_filters(cli: Cli, filled: Path) -> None:
    rows = json.loads(cli("plan", "list", "--format", "json", "--as-of", "2026-01-05"))
    assert [(r["id"], r["commune"], r["overdue"]) for r in rows] == [("VA-KH1", "van-an", True)]
    assert json.loads(cli("plan", "list", "--format", "json", "--commune", "thien-nhan")) == []
    csv_lines = cli("plan", "list", "--format", "csv").splitlines()
    assert csv_lines[1].startswith("VA-KH1,van-an,Rà soát hồ sơ đất đai,Vương Hồng Thái,,2025-12-31,planned,VA-1,0,2")
    assert "0/2" in cli("plan", "list")
    assert json.loads(cli("plan", "list", "--format", "json", "--search", "ra soat")) != []


def test_plan_list_overdue_agrees_with_the_overdue_column(
    cli: Cli, filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A planned item past its deadline is overdue, in the cache's query as in the record.
    overdue = json.loads(cli("plan", "list", "--overdue", "--format", "json", "--as-of", "2026-01-05"))
    assert [r["id"] for r in overdue] == ["VA-KH1"]
    assert "VA-KH1" in cli("plan", "list", "--overdue", "--as-of", "2026-01-05")
    monkeypatch.setenv("TRACKER_TODAY", "2026-01-05")
    cli("plan", "update", "VA-KH1", "--status", "done", "--on", "2026-01-02")
    assert json.loads(cli("plan", "list", "--overdue", "--format", "json", "--as-of", "2026-01-05")) == []


def test_plan_update_adds_and_changes_milestones_and_the_title(cli: Cli, filled: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A roadmap is edited with the CLI, each change in the history, read back by --as-of (#33.1)."""
    monkeypatch.setenv("TRACKER_TODAY", "2025-11-01")
    cli("plan", "update", "VA-KH1", "--milestone", "2026-01-15:Báo cáo kết quả", "--milestone-due", "1:2025-11-20",
        "--milestone-target", "2:Rà soát xong", "--title", "Rà soát toàn bộ hồ sơ đất đai")  # fmt: skip
    item = plan_item(filled, "VA-KH1")
    assert item["title"] == "Rà soát toàn bộ hồ sơ đất đai"
    assert item["milestones"] == [
        {"due": date(2025, 11, 20), "target": "Lập danh sách"},
        {"due": date(2025, 12, 15), "target": "Rà soát xong"},
        {"due": date(2026, 1, 15), "target": "Báo cáo kết quả"},
    ]
    last = item["history"][-1]
    assert last["was"]["title"] == "Rà soát hồ sơ đất đai"
    assert last["was"]["milestones"][0] == {"due": date(2025, 11, 15), "target": "Lập danh sách"}
    shown = cli("show", "VA-KH1")
    assert "Lộ trình (1): 15/11/2025 Lập danh sách → 20/11/2025 Lập danh sách" in shown
    assert "Lộ trình (2): 15/12/2025 Hoàn thành rà soát → 15/12/2025 Rà soát xong" in shown
    assert "Lộ trình (3): — → 15/01/2026 Báo cáo kết quả" in shown
    then = json.loads(cli("show", "VA-KH1", "--as-of", "2025-10-25", "--format", "json"))
    assert [m["target"] for m in then["milestones"]] == ["Lập danh sách", "Hoàn thành rà soát"]
    assert then["title"] == "Rà soát hồ sơ đất đai"
    cli("plan", "update", "VA-KH1", "--milestone-done", "3", "--on", "2025-11-01")
    assert plan_item(filled, "VA-KH1")["milestones"][2]["done_on"] == date(2025, 11, 1)
    assert cli("validate").startswith("")  # the file with `was: milestones` validates
    bad = cli.result("plan", "update", "VA-KH1", "--milestone-due", "7:2025-12-01")
    assert bad.exit_code == 2 and "--milestone-due" in bad.stderr and "không có mốc số 7" in bad.stderr
    assert "--milestone-target" in cli.result("plan", "update", "VA-KH1", "--milestone-target", "x").stderr
    assert "không có gì thay đổi" in cli.result("plan", "update", "VA-KH1", "--milestone-due", "1:2025-11-20").stderr
