"""Whatever happened to the folder or the data since the last build, a rebuild gives
what a full build gives (issue #28, point 13)."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import Cli
from tests.ops.site.conftest import AS_OF, assert_as_full, build, pages


def test_pages_deleted_by_hand_are_made_again(cli: Cli, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(cli, filled, out)
    for name in ("issue/VA-1.html", "commune/van-an.html", "dept/NNMT.html", "index.html", "overdue.html",
                 "assets/site.css", "plan/VA-KH1.html"):  # fmt: skip
        (out / name).unlink()
    assert_as_full(cli, filled, out, tmp_path)


def test_a_renamed_commune_file_moves_every_link_to_it(cli: Cli, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(cli, filled, out)
    (filled / "communes" / "van-an.yaml").rename(filled / "communes" / "van-an-moi.yaml")
    assert_as_full(cli, filled, out, tmp_path)
    assert not (out / "commune" / "van-an.html").exists()
    for name, raw in pages(out).items():
        assert b"commune/van-an.html" not in raw, name
    assert b"commune/van-an-moi.html" in (out / "overdue.html").read_bytes()
    assert b"commune/van-an-moi.html" in (out / "dept" / "NNMT.html").read_bytes()


def test_a_department_renamed_rewrites_the_pages_that_name_it(cli: Cli, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(cli, filled, out)
    registry = filled / "departments.yaml"
    text = registry.read_text("utf-8").replace("Sở Nông nghiệp và Môi trường", "Sở Nông nghiệp và Phát triển")
    registry.write_text(text, "utf-8")
    assert_as_full(cli, filled, out, tmp_path)
    assert "Sở Nông nghiệp và Phát triển" in (out / "dept" / "NNMT.html").read_text("utf-8")
    assert "Sở Nông nghiệp và Phát triển" in (out / "issue" / "VA-1.html").read_text("utf-8")  # its lead


def test_a_category_renamed_rewrites_the_pages_that_name_it(cli: Cli, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(cli, filled, out)
    registry = filled / "categories.yaml"
    text = registry.read_text("utf-8")
    name = next(line.split("name:")[1].strip() for line in text.splitlines() if "name:" in line)
    registry.write_text(text.replace(name, f"{name} (mới)", 1), "utf-8")
    assert_as_full(cli, filled, out, tmp_path)


def test_a_plan_item_of_another_commune_shows_on_the_issue_it_addresses(cli: Cli, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(cli, filled, out)
    cli("--data-dir", str(filled), "plan", "add", "--commune", "thien-nhan", "--title", "Hỗ trợ Vạn An",
        "--owner", "Lê Văn B", "--due", "2025-12-31", "--issue", "VA-2")  # fmt: skip
    assert_as_full(cli, filled, out, tmp_path)
    assert "Hỗ trợ Vạn An" in (out / "issue" / "VA-2.html").read_text("utf-8")


def test_a_commune_with_only_plan_items_is_listed_on_the_overview(cli: Cli, data: Path, tmp_path: Path) -> None:
    cli("--data-dir", str(data), "add-issue", "--commune", "van-an", "--dept", "NV", "--title", "Thiếu cán bộ")
    out = tmp_path / "site"
    build(cli, data, out)
    cli("--data-dir", str(data), "plan", "add", "--commune", "thien-nhan", "--title", "Sửa trụ sở",
        "--owner", "Lê Văn B", "--due", "2025-12-31")  # fmt: skip
    assert_as_full(cli, data, out, tmp_path)
    assert 'href="commune/thien-nhan.html"' in (out / "index.html").read_text("utf-8")


def test_files_the_site_did_not_make_in_its_folders_are_removed(cli: Cli, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(cli, filled, out)
    (out / "issue" / "VA-99.html").write_text("stale", "utf-8")
    (out / "dept" / ".NNMT.html.tmp").write_text("half", "utf-8")
    (out / "overdue-7.html").write_text("stale", "utf-8")
    (out / "README.txt").write_text("the publisher's own", "utf-8")  # not the site's: kept
    build(cli, filled, out)
    assert (out / "README.txt").read_text("utf-8") == "the publisher's own"
    (out / "README.txt").unlink()
    assert_as_full(cli, filled, out, tmp_path)


KILLER = """
import os, signal, sys
from tracker import store
from tracker.cli import main
real, count = store.write_page, [0]
def write_page(folder, name, data):
    count[0] += 1
    if count[0] > int(os.environ["KILL_AFTER"]):
        os.kill(os.getpid(), signal.SIGKILL)
    return real(folder, name, data)
store.write_page = write_page
sys.argv = ["tracker", *sys.argv[1:]]
main()
"""


def test_a_build_killed_then_the_change_reverted(cli: Cli, filled: Path, tmp_path: Path) -> None:
    """A real process killed with SIGKILL in the middle of its build, after it wrote
    some pages of a change; the change is then reverted: the next build must not keep
    the killed build's pages."""
    out = tmp_path / "site"
    build(cli, filled, out)
    original = {p: p.read_bytes() for p in (filled / "communes").glob("*.yaml")}
    cli("--data-dir", str(filled), "update", "VA-1", "--status", "escalated", "--dept", "KHCN")
    cli("--data-dir", str(filled), "add-issue", "--commune", "van-an", "--dept", "TC", "--title", "Mới")
    script = tmp_path / "killer.py"
    script.write_text(KILLER, "utf-8")
    env = {**os.environ, "KILL_AFTER": "6", "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, str(script), "--data-dir", str(filled), "site", "--output", str(out),
                           "--as-of", AS_OF], env=env, capture_output=True, timeout=120)  # fmt: skip
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert 'href="../dept/KHCN.html"' in (out / "issue" / "VA-1.html").read_text("utf-8")  # the killed build wrote it
    for path, raw in original.items():
        path.write_bytes(raw)
    assert_as_full(cli, filled, out, tmp_path)
    assert not (out / "issue" / "VA-4.html").exists()


def test_an_exception_in_the_middle_of_a_build_leaves_no_manifest(
    cli: Cli, filled: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    build(cli, filled, out)
    cli("--data-dir", str(filled), "update", "VA-1", "--status", "escalated")

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("tracker.formats.site.Site.index", fail)
    assert cli.result("--data-dir", str(filled), "site", "--output", str(out), "--as-of", AS_OF).exit_code != 0
    assert not (out / ".tracker-site.json").exists()
    monkeypatch.undo()
    assert_as_full(cli, filled, out, tmp_path)


def test_a_rebuild_with_nothing_changed_writes_nothing(cli: Cli, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(cli, filled, out)
    assert "ghi 0, dựng lại 0 xã" in build(cli, filled, out)
    manifest = json.loads((out / ".tracker-site.json").read_text("utf-8"))
    assert manifest["version"] == 3 and set(manifest) == {"version", "head", "communes", "lists"}
    shutil.rmtree(out / "issue")
    assert "dựng lại 2 xã" in build(cli, filled, out)  # both communes have an issue page missing


def test_a_page_folder_unchanged_since_the_last_build_is_not_read_and_one_changed_is(
    cli: Cli, filled: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from tracker.ops.site import folder, manifest

    out = tmp_path / "site"
    build(cli, filled, out)
    time.sleep(0.1)  # older than the racy window: the next build records every folder's time
    build(cli, filled, out)
    text = (out / ".tracker-site.json").read_bytes()
    marks = folder.load_marks(out, manifest.digest(text)) or {}
    assert set(marks) == {"commune", "dept", "issue", "plan", "files"} and marks["files"] == folder.ABSENT  # no scans
    assert folder.load_marks(out, manifest.digest(text + b" ")) is None  # the marks of that manifest only
    read: list[str] = []
    real = folder.Folder._scan

    def scan(self: folder.Folder) -> set[str]:
        read.extend(sorted(set(folder.FOLDERS) - self.clean))
        return real(self)

    monkeypatch.setattr(folder.Folder, "_scan", scan)
    build(cli, filled, out)
    assert read == []  # nothing changed: no page folder read
    (out / "issue" / "VA-2.html").unlink()
    build(cli, filled, out)
    assert read == ["issue"] and (out / "issue" / "VA-2.html").is_file()
