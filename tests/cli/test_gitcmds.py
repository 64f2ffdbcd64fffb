"""Plain `git merge`, no merge driver: what merges cleanly, and what conflicts loudly."""

import os
import shutil
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
    run_in(cli, b, monkeypatch, "update", "VA-2", "--status", "escalated", "--due", "2026-01-15", "--note", "Gia hạn")
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


def _conflict(cli: Cli, clones: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """B and A both add an issue to Vạn An; B's merge of A stops on the file."""
    a, b = clones
    run_in(cli, a, monkeypatch, "add-issue", "--commune", "17950", "--dept", "XD", "--title", "Của A")
    publish(a, "A")
    run_in(cli, b, monkeypatch, "add-issue", "--commune", "17950", "--dept", "TC", "--title", "Của B")
    assert merge_other(b, "B").returncode != 0
    return b


def test_resolve_a_second_time_loses_nothing(cli: Cli, clones: tuple[Path, Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    b = _conflict(cli, clones, monkeypatch)
    assert "VA-4 → VA-5" in run_in(cli, b, monkeypatch, "resolve")
    cli("update", "VA-1", "--note", "Ghi sau khi gộp")
    cli("close", "VA-2", "--resolution", "Đã bố trí")
    again = cli("resolve")  # git still lists the file as unmerged: it must not be rebuilt from git's stages
    assert "không sửa lại" in again
    shown = cli("show", "VA-1") + cli("show", "VA-2")
    assert "Ghi sau khi gộp" in shown and "Đã bố trí" in shown


def test_resolve_keeps_comments_of_both_sides_and_their_plan_follows_their_issue(
    cli: Cli, clones: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = clones
    path = "data/communes/van-an.yaml"
    run_in(cli, a, monkeypatch, "add-issue", "--commune", "van-an", "--dept", "XD", "--title", "Của A")
    run_in(cli, a, monkeypatch, "plan", "add", "--commune", "van-an", "--title", "Việc của A", "--owner", "A",
           "--due", "2026-01-31", "--issue", "VA-4")  # fmt: skip
    text = (a / path).read_text("utf-8")
    (a / path).write_text(text.replace("- id: VA-3\n", "- id: VA-3  # THEIR COMMENT\n"), "utf-8")
    publish(a, "A")
    run_in(cli, b, monkeypatch, "add-issue", "--commune", "van-an", "--dept", "TC", "--title", "Của B")
    text = (b / path).read_text("utf-8")
    (b / path).write_text(text.replace("- id: VA-1\n", "- id: VA-1  # OUR COMMENT\n"), "utf-8")
    assert merge_other(b, "B").returncode != 0
    assert "VA-4 → VA-5" in cli("resolve")
    merged = (b / path).read_text("utf-8")
    assert "- id: VA-1  # OUR COMMENT\n" in merged and "- id: VA-3  # THEIR COMMENT\n" in merged
    plan = __import__("json").loads(cli("show", "VA-KH2", "--format", "json"))
    assert (plan["title"], plan["issues"]) == ("Việc của A", ["VA-5"])  # their plan names their issue, now VA-5
    moved = __import__("json").loads(cli("show", "VA-5", "--format", "json"))
    assert moved["title"] == "Của A" and moved["history"][-1]["was"] == {"id": "VA-4"}
    assert cli("validate").startswith("hợp lệ")


def test_resolve_keeps_crlf_and_bom(cli: Cli, clones: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = clones
    path = "data/communes/van-an.yaml"
    for where in (a, b):
        raw = (where / path).read_bytes()
        (where / path).write_bytes(b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"))
    git(a, "commit", "-qam", "CRLF")
    git(a, "push", "-q", "origin", "HEAD:main")
    git(b, "commit", "-qam", "CRLF")
    git(b, "pull", "-q", "--no-rebase", "origin", "main")
    b = _conflict(cli, (a, b), monkeypatch)
    cli("resolve")
    raw = (b / path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\n") == raw.count(b"\r\n")
    assert cli("validate").startswith("hợp lệ")


def test_resolve_waits_for_the_lock_of_another_writer(cli: Cli, clones: tuple[Path, Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import subprocess as sp
    import sys
    import time

    b = _conflict(cli, clones, monkeypatch)
    holder = sp.Popen([sys.executable, "-c", "import fcntl,sys,time;f=open(sys.argv[1],'a+b');"
                       "fcntl.flock(f,fcntl.LOCK_EX);print('held',flush=True);time.sleep(1.5)",
                       str(b / "data" / ".tracker.lock")], stdout=sp.PIPE)  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
    start = time.monotonic()
    assert "VA-4 → VA-5" in cli("resolve")
    assert time.monotonic() - start >= 1.0  # it waited for the writer, then merged
    holder.wait()


def test_resolve_and_changes_with_a_commune_file_named_in_vietnamese(
    cli: Cli, clones: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = clones
    for where in (a, b):
        git(where, "mv", "data/communes/van-an.yaml", "data/communes/vạn an.yaml")
        git(where, "commit", "-qm", "tên tiếng Việt")
    git(a, "push", "-q", "origin", "HEAD:main")
    git(b, "pull", "-q", "--no-rebase", "origin", "main")
    b = _conflict(cli, (a, b), monkeypatch)
    assert "VA-4 → VA-5" in cli("resolve")
    git(b, "commit", "-qam", "gộp")
    changes = __import__("json").loads(cli("changes", "--since", "HEAD~3", "--format", "json"))["changes"]
    assert {c["id"] for c in changes} >= {"VA-4"}


def test_setup_git_keeps_the_rules_of_gitattributes_and_refuses_one_it_cannot_read(
    cli: Cli, clones: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, b = clones
    attributes = b / "data" / ".gitattributes"
    attributes.write_bytes(b"*.txt text\r\n*.csv -diff\r\n")
    monkeypatch.setenv("PATH", _git_alone(b.parent))  # git without git-lfs: the merge driver's line alone
    run_in(cli, b, monkeypatch, "setup-git")
    assert attributes.read_bytes() == b"*.txt text\r\n*.csv -diff\r\ncommunes/*.yaml merge=tracker\r\n"
    attributes.write_bytes("*.txt text # tiếng Việt\n".encode("cp1258", errors="replace") + b"\xd0\n")
    before = attributes.read_bytes()
    result = cli.result("setup-git")
    assert result.exit_code == 1 and ".gitattributes" in result.stderr
    assert attributes.read_bytes() == before


def _git_alone(where: Path) -> str:
    """A PATH holding git and nothing else: git as it is where git-lfs is not installed."""
    folder = where / "git-alone"
    folder.mkdir(exist_ok=True)
    found = shutil.which("git")
    assert found
    if not (folder / "git").exists():
        (folder / "git").symlink_to(found)
    return str(folder)


LFS = shutil.which("git-lfs")
needs_lfs = pytest.mark.skipif(not LFS and not os.environ.get("CI"), reason="needs git-lfs (CI installs it)")


@needs_lfs
def test_setup_git_sends_attached_scans_to_git_lfs(
    cli: Cli, clones: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Scans are binaries of megabytes: in git itself every clone would carry each one
    forever; with git-lfs installed, setup-git puts data/files/ in LFS."""
    _, b = clones
    out = run_in(cli, b, monkeypatch, "setup-git")
    assert "bản quét trong files/ lưu bằng git LFS" in out
    assert "files/** filter=lfs diff=lfs merge=lfs -text" in (b / "data" / ".gitattributes").read_text()
    scan = tmp_path / "Công văn 45.pdf"
    scan.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 100)
    cli("attach", "VA-1", str(scan))
    git(b, "add", "-A")
    git(b, "commit", "-qm", "scan")
    assert git(b, "lfs", "ls-files", "--name-only").stdout.split() == ["data/files/va-1-cong-van-45.pdf"]
    stored = git(b, "cat-file", "-p", "HEAD:data/files/va-1-cong-van-45.pdf").stdout
    assert stored.startswith("version https://git-lfs.github.com/spec/v1")  # a pointer, not the scan
    assert (b / "data" / "files" / "va-1-cong-van-45.pdf").read_bytes() == scan.read_bytes()
    assert cli.result("validate").exit_code == 0


def test_setup_git_without_git_lfs_says_scans_stay_in_git(
    cli: Cli, clones: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, b = clones
    monkeypatch.setenv("PATH", _git_alone(b.parent))
    monkeypatch.chdir(b)
    result = cli.result("setup-git")
    assert result.exit_code == 0 and "chưa cài git lfs: bản quét trong files/ lưu thẳng trong git" in result.stderr
    assert "filter=lfs" not in (b / "data" / ".gitattributes").read_text()


def test_setup_git_under_a_folder_with_spaces_and_diacritics(cli: Cli, filled: Path, tmp_path: Path) -> None:
    import shutil

    top = tmp_path / "Tổ 2"
    shutil.copytree(filled, top / "data")
    git(top, "init", "-q")
    cli("--data-dir", str(top / "data"), "setup-git")
    probe = git(top, "check-attr", "merge", "--", "data/communes/van-an.yaml").stdout
    assert probe.strip().endswith("merge: tracker")


def test_changes_after_a_merge_name_their_records_by_their_new_ids(cli: Cli, clones: tuple[Path, Path],
                                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    b = _conflict(cli, clones, monkeypatch)
    git(b, "tag", "start", "HEAD~1")  # before B's own commit: where A and B forked
    cli("resolve")
    git(b, "commit", "-qam", "gộp")
    changes = __import__("json").loads(cli("changes", "--since", "origin/main~1", "--format", "json"))["changes"]
    added = {c["id"]: c["to"] for c in changes if c["change"] == "added"}
    assert added == {"VA-4": "Của B", "VA-5": "Của A"}  # their VA-4 is VA-5 now; VA-4 is ours
    report = cli("report", "--since", "origin/main~1", "--as-of", "2025-10-20")
    assert "- VA-5: Thêm mới: Của A" in report and "- VA-4: Thêm mới: Của B" in report


def test_renumber_is_one_change_of_id_in_changes(cli: Cli, filled: Path, tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "start")
    git(tmp_path, "tag", "start")
    cli("renumber", "VA-1", "--to", "VA-9")
    git(tmp_path, "commit", "-qam", "renumber")
    changes = __import__("json").loads(cli("changes", "--since", "start", "--format", "json"))["changes"]
    assert [(c["id"], c["change"], c["from"], c["to"]) for c in changes] == [("VA-9", "id", "VA-1", "VA-9")]
    assert "- VA-9: Đổi mã: VA-1 → VA-9" in cli("changes", "--since", "start")


def test_resolve_carries_their_links_to_their_renumbered_issue(
    cli: Cli, clones: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    a, b = clones
    run_in(cli, a, monkeypatch, "add-issue", "--commune", "van-an", "--dept", "XD", "--title", "Của A")
    run_in(cli, a, monkeypatch, "link", "VA-4", "VA-1")
    publish(a, "A")
    run_in(cli, b, monkeypatch, "add-issue", "--commune", "van-an", "--dept", "TC", "--title", "Của B")
    assert merge_other(b, "B").returncode != 0
    assert "VA-4 → VA-5" in cli("resolve")

    def same_as(ident: str) -> list[str]:
        return json.loads(cli("show", ident, "--format", "json"))["same_as"]  # type: ignore[no-any-return]

    assert (same_as("VA-1"), same_as("VA-5"), same_as("VA-4")) == (["VA-5"], ["VA-1"], [])
    assert cli("validate").startswith("hợp lệ")


def _titles_and_links(cli: Cli) -> dict[str, tuple[str, list[str]]]:
    import json

    rows = json.loads(cli("list", "--format", "json"))
    return {r["id"]: (r["title"], r.get("same_as", [])) for r in rows}


def _their_issue_linked_to_another_commune(
    cli: Cli, clones: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """They add VA-4 and link it to Thiên Nhẫn's TN-1 (both files); we add another VA-4."""
    a, b = clones
    run_in(cli, a, monkeypatch, "add-issue", "--commune", "van-an", "--dept", "XD", "--title", "Của A")
    run_in(cli, a, monkeypatch, "link", "VA-4", "TN-1")
    publish(a, "A")
    run_in(cli, b, monkeypatch, "add-issue", "--commune", "van-an", "--dept", "TC", "--title", "Của B")
    return b


def test_resolve_makes_links_in_other_files_follow_their_renumbered_issue(
    cli: Cli, clones: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """#28.10: TN-1's `same_as: [VA-4]` (theirs, merged cleanly by git) must follow their
    VA-4 to VA-5, not name our unrelated VA-4."""
    b = _their_issue_linked_to_another_commune(cli, clones, monkeypatch)
    assert merge_other(b, "B").returncode != 0
    assert "VA-4 → VA-5" in cli("resolve")
    rows = _titles_and_links(cli)
    assert rows["VA-5"] == ("Của A", ["TN-1"]) and rows["VA-4"] == ("Của B", [])
    assert rows["TN-1"][1] == ["VA-5"]
    assert cli("validate").startswith("hợp lệ")


def test_the_merge_driver_leaves_a_renumbering_with_links_out_to_resolve(
    cli: Cli, clones: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """#28.10: the driver sees one file and cannot make TN-1's link follow: it leaves the
    file in conflict and says to run resolve, which does."""
    b = clones[1]
    run_in(cli, b, monkeypatch, "setup-git")
    git(b, "add", "data/.gitattributes")
    git(b, "commit", "-qm", "merge driver")
    _their_issue_linked_to_another_commune(cli, clones, monkeypatch)
    result = merge_other(b, "B")
    assert result.returncode != 0 and "tracker resolve" in result.stderr, result.stdout + result.stderr
    assert "VA-4 → VA-5" in cli("resolve")
    assert _titles_and_links(cli)["TN-1"][1] == ["VA-5"]


def test_one_issue_renumbered_differently_on_both_sides_is_merged_into_one(
    cli: Cli, clones: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """#28.10: a branch's VA-4 became VA-5 on one side and VA-6 on the other; merging the
    two sides keeps one record (ours, VA-6), not two copies counted twice."""
    a, b = clones
    git(a, "checkout", "-q", "-b", "x")
    run_in(cli, a, monkeypatch, "add-issue", "--commune", "van-an", "--dept", "NV", "--title", "Chung")
    git(a, "commit", "-qam", "x")
    git(a, "push", "-q", "origin", "x")
    git(a, "checkout", "-q", "main")
    run_in(cli, a, monkeypatch, "add-issue", "--commune", "van-an", "--dept", "XD", "--title", "Của A")
    git(a, "commit", "-qam", "A")
    assert git(a, "merge", "--no-edit", "x", check=False).returncode != 0
    assert "VA-4 → VA-5" in cli("resolve")
    publish(a, "A merged x")
    run_in(cli, b, monkeypatch, "add-issue", "--commune", "van-an", "--dept", "TC", "--title", "Của B")
    run_in(cli, b, monkeypatch, "add-issue", "--commune", "van-an", "--dept", "TC", "--title", "Của B nữa")
    git(b, "commit", "-qam", "B")
    git(b, "fetch", "-q", "origin")
    assert git(b, "merge", "--no-edit", "origin/x", check=False).returncode != 0
    assert "VA-4 → VA-6" in cli("resolve")
    git(b, "commit", "-qam", "B merged x")
    assert git(b, "merge", "--no-edit", "origin/main", check=False).returncode != 0
    out = cli("resolve")
    assert "VA-5 → VA-6" in out, out
    rows = _titles_and_links(cli)
    assert [t for t, _ in rows.values()].count("Chung") == 1 and rows["VA-6"][0] == "Chung"
    assert {rows[i][0] for i in ("VA-4", "VA-5", "VA-7")} == {"Của B", "Của B nữa", "Của A"}
    assert cli("validate").startswith("hợp lệ: 2 xã, 8 vướng mắc")


def test_a_field_changed_two_ways_is_named_with_its_stored_values(
    cli: Cli, clones: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """#28.17: `resolve` says in_progress / escalated, not <IssueStatus.IN_PROGRESS: …>."""
    a, b = clones
    run_in(cli, a, monkeypatch, "update", "VA-1", "--status", "in_progress", "--due", "2026-01-31", "--note", "A")
    publish(a, "A")
    run_in(cli, b, monkeypatch, "update", "VA-1", "--status", "escalated", "--due", "2026-02-28", "--note", "B")
    assert merge_other(b, "B").returncode != 0
    result = cli.result("resolve")
    assert result.exit_code == 1
    assert "'status' khác nhau (escalated / in_progress)" in result.stderr, result.stderr  # ours / theirs
    assert "IssueStatus" not in result.stderr and "datetime" not in result.stderr


def test_a_name_with_a_line_break_is_refused(cli: Cli, filled: Path) -> None:
    """#28.17: `--by` is one line (it was stored as a YAML block)."""
    before = (filled / "communes" / "van-an.yaml").read_bytes()
    result = cli.result("update", "VA-1", "--note", "x", "--by", "Nguyễn\nVăn A")
    assert result.exit_code == 2 and "--by: tên phải nằm trên một dòng" in result.stderr, result.output
    assert (filled / "communes" / "van-an.yaml").read_bytes() == before


@needs_lfs
def test_setup_git_says_how_to_move_scans_committed_before_into_lfs(
    cli: Cli, clones: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A scan committed before setup-git stays a blob in git: the LFS line moves it
    only when it is added again, so setup-git says how."""
    _, b = clones
    monkeypatch.chdir(b)
    scan = tmp_path / "Công văn 45.pdf"
    scan.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 100)
    cli("attach", "VA-1", str(scan))
    git(b, "add", "-A")
    git(b, "commit", "-qm", "scan before LFS")
    result = cli.result("setup-git")
    assert result.exit_code == 0
    fix = "git add --renormalize data/files"
    assert f"1 bản quét đã commit từ trước vẫn nằm thẳng trong git, chưa vào LFS: chạy `{fix}`" in result.stderr
    assert (
        f"1 scan committed before, still in git itself and not in LFS: run `{fix}`"
        in cli.result("--lang", "en", "setup-git").stderr
    )
    git(b, "add", "data/.gitattributes", "data/.gitignore")
    git(b, "add", "--renormalize", "data/files")
    git(b, "commit", "-qm", "scans into LFS")
    assert git(b, "lfs", "ls-files", "--name-only").stdout.split() == ["data/files/va-1-cong-van-45.pdf"]
    assert "renormalize" not in cli.result("setup-git").stderr  # moved: nothing more to say
