"""`--as-of DATE` is the state on that day: the records rolled back along their own
history give the figures a report made that day gave (from a git checkout of it)."""

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Cli

DAYS = {"d1": "2025-10-01", "d2": "2025-10-20", "d3": "2025-11-15"}


def commit(where: Path, message: str, day: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T09:00:00+07:00", "GIT_COMMITTER_DATE": f"{day}T09:00:00+07:00"}
    subprocess.run(["git", "add", "-A", "data"], cwd=where, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", message], cwd=where, check=True, env=env)


@pytest.fixture
def weeks(data: Path, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three meetings' worth of work, each day's edits made (and committed) on that day."""
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    monkeypatch.setenv("TRACKER_TODAY", DAYS["d1"])
    for dept, title, due, extra in (("NNMT", "Chậm cấp GCNQSD", "2025-10-15", ["--support", "TC"]),
                                    ("NV", "Thiếu công chức", "2025-10-30", []),
                                    ("TC", "Kinh phí trụ sở", None, ["--support", "NNMT"]),
                                    ("KHCN", "Phần mềm", "2025-11-10", [])):  # fmt: skip
        cli("add-issue", "--commune", "van-an", "--dept", dept, "--title", title, "--raised-on", "2025-09-20",
            "--category", "dat-dai", *(["--due", due] if due else []), *extra)  # fmt: skip
    cli("plan", "add", "--commune", "van-an", "--title", "Rà soát", "--owner", "A", "--due", "2025-10-25",
        "--milestone", "2025-10-10:Lập danh sách", "--milestone", "2025-11-05:Xong")  # fmt: skip
    commit(tmp_path, "d1", DAYS["d1"])
    monkeypatch.setenv("TRACKER_TODAY", DAYS["d2"])
    cli("update", "VA-1", "--status", "in_progress", "--note", "Đang làm")
    cli("update", "VA-2", "--due", "2025-11-30", "--note", "Sở đề nghị, Tổ trưởng đồng ý")
    cli("close", "VA-3", "--resolution", "Đã bố trí", "--on", "2025-10-19")
    cli("plan", "update", "VA-KH1", "--milestone-done", "1", "--on", "2025-10-12")
    commit(tmp_path, "d2", DAYS["d2"])
    subprocess.run(["git", "tag", "hop-d2"], cwd=tmp_path, check=True)
    monkeypatch.setenv("TRACKER_TODAY", DAYS["d3"])
    cli("close", "VA-1", "--resolution", "Đã cấp", "--on", "2025-11-14")
    cli("update", "VA-4", "--status", "escalated", "--due", "2025-12-31", "--note", "Gia hạn")
    cli("update", "VA-2", "--dept", "TC")
    cli("add-issue", "--commune", "van-an", "--dept", "NNMT", "--title", "Mới nêu", "--raised-on", "2025-11-10")
    cli("plan", "update", "VA-KH1", "--status", "done", "--milestone-done", "2")
    commit(tmp_path, "d3", DAYS["d3"])
    subprocess.run(["git", "worktree", "add", "-q", str(tmp_path / "then"), "hop-d2"], cwd=tmp_path, check=True)
    return tmp_path / "then" / "data"


READS = [
    ("stats", "--format", "json"),
    ("report",),
    ("report", "--dept", "NNMT"),
    ("report", "--dept", "TC", "--format", "html"),
    ("list", "--format", "json"),
    ("list", "--overdue", "--format", "json"),
    ("plan", "list", "--format", "json"),
]


@pytest.mark.parametrize("read", READS, ids=" ".join)
def test_a_back_dated_read_is_the_read_made_that_day(cli: Cli, weeks: Path, read: tuple[str, ...]) -> None:
    now = cli(*read, "--as-of", DAYS["d2"])
    then = cli("--data-dir", str(weeks), *read, "--as-of", DAYS["d2"])
    assert now == then


def test_what_the_as_of_day_changes(cli: Cli, weeks: Path) -> None:
    grid = json.loads(cli("stats", "--format", "json", "--as-of", DAYS["d2"]))
    assert grid["total"]["total"] == 4  # VA-5, raised on 10 November, is not in it
    assert grid["departments"]["NNMT"]["open_overdue"] == 1  # VA-1 was not resolved yet: overdue since 15/10
    assert grid["departments"]["NV"]["open_in_time"] == 1  # VA-2: still NV's, its deadline already moved
    assert grid["departments"]["KHCN"]["escalated"] == 0
    today = json.loads(cli("stats", "--format", "json", "--as-of", DAYS["d3"]))
    assert today["departments"]["NNMT"]["done_late"] == 1 and today["departments"]["TC"]["total"] == 2


def test_a_closing_written_down_late_counts_from_its_own_date(cli: Cli, weeks: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TRACKER_TODAY", "2025-11-20")
    cli("close", "VA-4", "--resolution", "Đã liên thông", "--on", "2025-10-18")  # told on 20/11, done on 18/10
    grid = json.loads(cli("stats", "--format", "json", "--as-of", DAYS["d2"]))
    assert grid["departments"]["KHCN"]["done_on_time"] == 1
