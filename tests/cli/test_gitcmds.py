"""Plain `git merge`, no merge driver: what merges cleanly, and what conflicts loudly."""

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Cli

ENV = {"GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@x", "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@x"}


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, check=check, capture_output=True, text=True,
                          env={**os.environ, **ENV})  # fmt: skip


@pytest.fixture
def clones(filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Two clones of a bare repository holding the filled data directory."""
    origin = tmp_path / "origin.git"
    seed = tmp_path  # the data dir lives in tmp_path/data
    git(seed, "init", "-q", "-b", "main")
    git(seed, "add", "data")
    git(seed, "commit", "-qm", "start")
    git(tmp_path.parent, "clone", "-q", "--bare", str(seed), str(origin))
    a, b = tmp_path / "a", tmp_path / "b"
    git(tmp_path, "clone", "-q", str(origin), str(a))
    git(tmp_path, "clone", "-q", str(origin), str(b))
    return a, b


def run_in(cli: Cli, where: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.chdir(where)
    return cli(*args)


def publish(where: Path, message: str) -> None:
    git(where, "commit", "-qam", message)
    git(where, "push", "-q", "origin", "HEAD:main")


def merge_other(where: Path, message: str) -> subprocess.CompletedProcess[str]:
    git(where, "commit", "-qam", message)
    git(where, "fetch", "-q", "origin")
    return git(where, "merge", "--no-edit", "origin/main", check=False)


def test_edits_of_different_records_and_communes_merge_cleanly(
    cli: Cli, clones: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = clones
    # A edits VA-1 and VA-3 (the last issue of Vạn An) and Thiên Nhẫn's only issue.
    run_in(cli, a, monkeypatch, "update", "VA-1", "--status", "in_progress", "--note", "A1")
    run_in(cli, a, monkeypatch, "update", "VA-3", "--owner", "Chị Hoa")
    run_in(cli, a, monkeypatch, "close", "TN-1", "--resolution", "Đã liên thông")
    publish(a, "A")
    # B edits the record between them, adds an issue to Vạn An and updates the plan.
    run_in(cli, b, monkeypatch, "update", "VA-2", "--status", "escalated", "--due", "2026-01-15")
    run_in(cli, b, monkeypatch, "add-issue", "--commune", "van-an", "--dept", "XD", "--title", "Trụ sở xuống cấp")
    run_in(cli, b, monkeypatch, "plan", "update", "VA-KH1", "--milestone-done", "1")
    result = merge_other(b, "B")
    assert result.returncode == 0, result.stdout + result.stderr
    assert run_in(cli, b, monkeypatch, "validate").startswith("hợp lệ: 2 xã, 5 vướng mắc")
    assert run_in(cli, b, monkeypatch, "fmt", "--check") == ""
    shown = run_in(cli, b, monkeypatch, "list", "--format", "csv")
    assert "VA-1,van-an,Chậm cấp GCNQSD đất,,dat-dai,NNMT,TC,in_progress" in shown
    assert "VA-2,van-an,Thiếu công chức địa chính,,nhan-su,NV,,escalated" in shown
    assert "VA-4,van-an,Trụ sở xuống cấp" in shown and "TN-1,thien-nhan,Phần mềm" in shown


def test_two_adds_to_one_commune_conflict_loudly(cli: Cli, clones: tuple[Path, Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    a, b = clones
    run_in(cli, a, monkeypatch, "add-issue", "--commune", "van-an", "--dept", "XD", "--title", "Của A")
    publish(a, "A")
    run_in(cli, b, monkeypatch, "add-issue", "--commune", "van-an", "--dept", "TC", "--title", "Của B")
    result = merge_other(b, "B")
    assert result.returncode != 0 and "CONFLICT" in result.stdout
    monkeypatch.chdir(b)
    check = cli.result("validate")
    assert check.exit_code == 1
    line = (b / "data/communes/van-an.yaml").read_text("utf-8").split("\n").index("<<<<<<< HEAD") + 1
    assert f"data/communes/van-an.yaml:{line}: " in check.stdout and "<<<<<<<" in check.stdout


def test_after_a_conflict_resolve_keeps_both_adds(cli: Cli, clones: tuple[Path, Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    a, b = clones
    run_in(cli, a, monkeypatch, "add-issue", "--commune", "van-an", "--dept", "XD", "--title", "Của A")
    run_in(cli, a, monkeypatch, "update", "VA-2", "--owner", "Anh Nam")
    publish(a, "A")
    run_in(cli, b, monkeypatch, "add-issue", "--commune", "van-an", "--dept", "TC", "--title", "Của B")
    run_in(cli, b, monkeypatch, "plan", "add", "--commune", "van-an", "--title", "Xử lý B", "--owner", "B",
           "--due", "2026-01-31", "--issue", "VA-4")  # fmt: skip
    assert merge_other(b, "B").returncode != 0
    out = run_in(cli, b, monkeypatch, "resolve")
    assert out.strip() == "data/communes/van-an.yaml (VA-4 → VA-5)"
    assert cli("validate").startswith("hợp lệ: 2 xã, 6 vướng mắc")
    rows = {r["id"]: r for r in __import__("json").loads(cli("list", "--format", "json"))}
    assert (rows["VA-4"]["title"], rows["VA-5"]["title"]) == ("Của B", "Của A")
    assert rows["VA-2"]["owner"] == "Anh Nam"
    assert __import__("json").loads(cli("show", "VA-KH2", "--format", "json"))["issues"] == ["VA-4"]
    git(b, "commit", "-qam", "merged")


def test_the_merge_driver_merges_without_stopping(cli: Cli, clones: tuple[Path, Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    a, b = clones
    run_in(cli, b, monkeypatch, "setup-git")
    assert "communes/*.yaml merge=tracker" in (b / "data" / ".gitattributes").read_text("utf-8")
    git(b, "add", "data/.gitattributes")
    git(b, "commit", "-qm", "merge driver")
    run_in(cli, a, monkeypatch, "add-issue", "--commune", "van-an", "--dept", "XD", "--title", "Của A")
    publish(a, "A")
    run_in(cli, b, monkeypatch, "add-issue", "--commune", "van-an", "--dept", "TC", "--title", "Của B")
    result = merge_other(b, "B")
    assert result.returncode == 0, result.stdout + result.stderr
    assert cli("validate").startswith("hợp lệ: 2 xã, 6 vướng mắc")


def test_renumber_settles_a_duplicate_left_by_hand(cli: Cli, filled: Path) -> None:
    path = filled / "communes/van-an.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("- id: VA-3\n", "- id: VA-2\n"), "utf-8")
    assert "VA-2: id: mã trùng" in cli.result("validate").stdout
    assert cli("renumber", "VA-2").strip() == "VA-3"
    assert cli("validate").startswith("hợp lệ")
    assert "Kinh phí sửa trụ sở" in cli("show", "VA-3")


def test_renumber_a_unique_id_updates_plan_references(cli: Cli, filled: Path) -> None:
    assert cli("renumber", "VA-1", "--to", "VA-9").strip() == "VA-9"
    plan = __import__("json").loads(cli("show", "VA-KH1", "--format", "json"))
    assert plan["issues"] == ["VA-9"]
    assert cli("validate").startswith("hợp lệ")
    assert cli.result("renumber", "VA-2", "--to", "TN-7").exit_code == 2
