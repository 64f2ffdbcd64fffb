"""tracker.gitio: the git calls tracker makes, on a real repository in tmp_path."""

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tracker import gitio


def _repo(root: Path) -> Path:
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    return root


def _commit(root: Path, name: str, text: str, when: str) -> str:
    (root / name).write_text(text, "utf-8")
    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "add", name], cwd=root, check=True)
    subprocess.run(["git", "commit", "-q", "-m", f"sửa {name}"], cwd=root, check=True, env={**os.environ, **env})
    return str(gitio.head(root))


def test_who_makes_a_change_is_gits_user_name(tmp_path: Path) -> None:
    assert gitio.user_name(tmp_path) == "Nguyễn Thư Ký"  # conftest's ~/.gitconfig


def test_a_file_at_a_revision_and_the_last_commit_before_a_day(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo")
    first = _commit(root, "van-an.yaml", "a: 1\n", "2025-10-01T12:00:00")
    second = _commit(root, "van-an.yaml", "a: 2\n", "2025-10-10T12:00:00")
    assert gitio.show(first, "van-an.yaml", root) == b"a: 1\n"
    assert gitio.show(second, "van-an.yaml", root) == b"a: 2\n"
    assert gitio.show(second, "khong-co.yaml", root) is None
    assert gitio.last_before(date(2025, 10, 5), root) == first
    assert gitio.last_before(date(2025, 10, 1), root) is None
    assert gitio.resolve("HEAD~1", root) == first
    assert gitio.changed_between(first, second, ["."], root) == ["van-an.yaml"]
    assert gitio.tracked(root / "van-an.yaml") and not gitio.tracked(root / "moi.yaml")


def test_a_failing_call_is_a_git_error_with_gits_message(tmp_path: Path) -> None:
    with pytest.raises(gitio.GitError, match="not a git repository"):
        gitio.toplevel(tmp_path)


def test_three_texts_merge_cleanly_or_with_markers() -> None:
    base = b"a\nb\nc\n"
    merged, clean = gitio.merge_texts(base, b"A\nb\nc\n", b"a\nb\nC\n")
    assert (merged, clean) == (b"A\nb\nC\n", True)
    merged, clean = gitio.merge_texts(base, b"X\nb\nc\n", b"Y\nb\nc\n")
    assert not clean and b"<<<<<<<" in merged and b"X" in merged and b"Y" in merged
