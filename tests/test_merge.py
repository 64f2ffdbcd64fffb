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
