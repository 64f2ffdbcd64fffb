"""tracker.ops.gitflow: what changed since a revision, the record-by-record merge driver, git's setup."""

import subprocess
from pathlib import Path

import pytest

from tracker.enums import IssueStatus
from tracker.errors import UsageError
from tracker.ops import gitflow, issues
from tracker.ops.workspace import Workspace


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def _commit_all(top: Path, message: str) -> None:
    _git("add", "-A", cwd=top)
    _git("commit", "-q", "-m", message, cwd=top)


def test_changes_since_a_revision_name_the_record_the_field_and_who(filled: Path, tmp_path: Path) -> None:
    _git("init", "-q", "-b", "main", cwd=tmp_path)
    _commit_all(tmp_path, "họp tháng 10")
    ws = Workspace(filled)
    issues.update_issue(ws, "VA-1", issues.IssueChanges(status=IssueStatus.ESCALATED, note="Lên tỉnh"))
    _commit_all(tmp_path, "VA-1 kiến nghị")
    found, warnings = gitflow.changes(Workspace(filled), "HEAD~1")
    assert warnings == []
    status = [c.as_json() for c in found if c.change == "status"]
    assert [(c["id"], c["from"], c["to"], c["by"]) for c in status] == [("VA-1", "open", "escalated", "Nguyễn Thư Ký")]


def test_changes_outside_git_is_a_usage_error_saying_what_since_takes(filled: Path) -> None:
    with pytest.raises(UsageError) as caught:
        gitflow.changes(Workspace(filled), "2025-10-01")
    assert "cần một kho git" in caught.value.message


def _sides(filled: Path, tmp_path: Path, ours_due: str, theirs_due: str) -> tuple[Path, Path, Path]:
    text = (filled / "communes" / "van-an.yaml").read_text("utf-8")
    assert "due: 2025-10-15" in text
    base, ours, theirs = (tmp_path / name for name in ("base", "ours", "theirs"))
    base.write_text(text, "utf-8")
    ours.write_text(text.replace("title: Chậm cấp GCNQSD đất", "title: Chậm cấp GCNQSD đất ở")
                    .replace("due: 2025-10-15", ours_due), "utf-8")  # fmt: skip
    theirs.write_text(text.replace("due: 2025-10-15", theirs_due), "utf-8")
    return base, ours, theirs


def test_the_merge_driver_keeps_each_sides_change_to_one_record(filled: Path, tmp_path: Path) -> None:
    base, ours, theirs = _sides(filled, tmp_path, "due: 2025-10-15", "due: 2025-11-30")
    assert gitflow.merge_driver(base, ours, theirs, "data/communes/van-an.yaml")
    merged = ours.read_text("utf-8")
    assert "title: Chậm cấp GCNQSD đất ở" in merged and "due: 2025-11-30" in merged
    assert "<<<<<<<" not in merged


def test_the_merge_driver_leaves_gits_markers_when_both_change_one_field(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, ours, theirs = _sides(filled, tmp_path, "due: 2025-11-15", "due: 2025-11-30")
    assert not gitflow.merge_driver(base, ours, theirs, "data/communes/van-an.yaml")
    assert "<<<<<<< ours" in ours.read_text("utf-8")
    assert "cả hai bên cùng sửa 'due'" in capsys.readouterr().err


def test_setup_routes_commune_files_through_the_driver(data: Path, tmp_path: Path) -> None:
    _git("init", "-q", "-b", "main", cwd=tmp_path)
    attributes = gitflow.setup_git(Workspace(data), "tracker").attributes
    assert "communes/*.yaml merge=tracker" in attributes.read_text("utf-8").splitlines()
    assert _git("config", "merge.tracker.driver", cwd=tmp_path).strip() == "tracker merge-driver %O %A %B %P"
    assert _git("check-attr", "merge", "data/communes/van-an.yaml", cwd=tmp_path).strip().endswith(": tracker")
