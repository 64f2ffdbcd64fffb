"""The second adversarial round (issue 12): each case as it was found, with what it
must get now. Files that are not commune files, limits checked before reading,
wrong dates, hostile templates, the lock that says who holds it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli
from tracker.cache import location


def write(data: Path, name: str, text: str) -> Path:
    path = data / "communes" / name
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize("kind", ["folder", "dangling", "loop", "fifo", "device"])
def test_a_name_that_is_not_a_regular_file_is_reported_and_breaks_nothing(cli: Cli, filled: Path, kind: str) -> None:
    path = filled / "communes" / "x.yaml"
    if kind == "folder":
        path.mkdir()
    elif kind == "dangling":
        path.symlink_to(filled / "nowhere.yaml")
    elif kind == "loop":
        path.symlink_to(path)
    elif kind == "fifo":
        os.mkfifo(path)  # reading it would hang every command
    else:
        path.symlink_to("/dev/zero")  # reading it would never end
    assert "VA-1" in cli("list")
    result = cli.result("validate")
    assert result.exit_code == 1 and result.stdout.startswith("data/communes/x.yaml: ")
    cli("update", "VA-1", "--note", "vẫn ghi được")


def test_leftover_temporary_files_are_reported_ignored_by_git_and_cleared_by_the_next_write(
    cli: Cli, filled: Path
) -> None:
    leftover = filled / "communes" / ".van-an.yaml.abc123.tmp"
    leftover.write_text("half a file", "utf-8")
    assert "lần ghi bị ngắt" in cli.result("validate").stdout
    assert ".*.tmp" in (filled / ".gitignore").read_text("utf-8").splitlines()
    cli("update", "VA-1", "--note", "x")
    assert not leftover.exists() and cli("validate").startswith("hợp lệ")


def test_a_cache_that_is_a_link_is_not_written_through(cli: Cli, filled: Path, tmp_path: Path) -> None:
    cli("list")
    db = location(filled)
    target = tmp_path / "elsewhere.sqlite"
    target.write_bytes(b"")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.symlink_to(target)
    assert "VA-1" in cli("list")
    assert target.read_bytes() == b"" and not db.is_symlink()


def test_limits_are_checked_before_parsing(cli: Cli, filled: Path) -> None:
    keys = "commune: {" + ",".join(f"k{n}:1" for n in range(520_000)) + "}\n"  # under 5 MB
    write(filled, "many-keys.yaml", keys)
    lines = write(filled, "many-lines.yaml", "commune:\n" + "# x\n" * 120_000)
    out = cli.result("validate").stdout
    assert "data/communes/many-keys.yaml: tệp có quá nhiều khóa và mục" in out
    assert "data/communes/many-lines.yaml: tệp có 120,001 dòng (tối đa 100,000)" in out
    lines.unlink()


@pytest.mark.parametrize("since", ["2025-13-01", "2025-02-30", "31/02/2025", "20251231"])
def test_a_date_git_cannot_read_is_an_error_not_the_whole_history(cli: Cli, filled: Path, tmp_path: Path,
                                                                 since: str) -> None:  # fmt: skip
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run(["git", "commit", "-qm", "x"], cwd=tmp_path, check=True)
    result = cli.result("changes", "--since", since)
    assert result.exit_code == 2, result.output
    if since != "20251231":
        assert f"'{since}'" in result.stderr  # echoed as typed
    future = json.loads(cli("changes", "--since", "2100-01-01", "--format", "json"))
    assert future == {"changes": []}  # the last commit before 2100 is HEAD: nothing after it


def test_far_dates_and_dates_in_other_shapes(cli: Cli, filled: Path) -> None:
    assert "31/12/2100" in cli("report", "--as-of", "2100-12-31")
    far = cli.result("report", "--as-of", "9999-12-31")  # out of the range (#28.15): said, not a blank report
    assert far.exit_code == 2 and "ngày phải trong khoảng 01/01/2000 đến 31/12/2100" in far.stderr
    for typed in ("20251231", "2025-W01-1", "2025-1-5"):
        result = cli.result("list", "--as-of", typed)
        assert result.exit_code == 2 and f"'{typed}'" in result.stderr


def test_a_number_kept_as_written_in_a_registry_survives_fmt(cli: Cli, filled: Path) -> None:
    path = filled / "departments.yaml"
    text = path.read_text("utf-8").replace(
        "- code: NV\n  name: Sở Nội vụ\n", "- code: NV\n  name: Sở Nội vụ\n  order: 010\n"
    )
    text = text.replace(
        "- code: TP\n  name: Sở Tư pháp\n", "- code: TP\n  name: Sở Tư pháp\n  order: 0x10\n  weight: .5\n"
    )
    path.write_text(text, "utf-8")
    assert cli("validate").startswith("hợp lệ")
    cli("fmt")
    after = path.read_text("utf-8")
    assert "  order: 010\n" in after and "  order: 0x10\n" in after and "  weight: .5\n" in after


def test_a_template_from_the_data_repository_cannot_run_code(cli: Cli, filled: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "report.md.j2").write_text(
        "{% set x = cycler.__init__.__globals__.os.system('touch " + str(marker) + "') %}{{ r.as_of }}\n", "utf-8"
    )
    result = cli.result("report")
    assert result.exit_code == 1 and "report.md.j2" in result.stderr and "unsafe" in result.stderr
    assert not marker.exists()
    cli.result("report", "--format", "docx", "--output", str(tmp_path / "r.docx"))
    assert not marker.exists()


def test_an_unknown_language_is_said_not_silently_vietnamese(cli: Cli, filled: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    result = cli.result("--lang", "xx", "list")
    assert result.exit_code == 2 and "--lang" in result.stderr
    monkeypatch.setenv("TRACKER_LANG", "fr")
    result = cli.result("list")
    assert result.exit_code == 0 and "TRACKER_LANG=fr" in result.stderr


def test_an_output_name_too_long_is_a_clear_error(cli: Cli, filled: Path, tmp_path: Path) -> None:
    result = cli.result("export", "--format", "csv", "--output", str(tmp_path / ("x" * 300 + ".csv")))
    assert result.exit_code in (1, 2) and "--output" in result.stderr and "Traceback" not in result.output


def test_the_lock_says_who_holds_it_and_gives_up(cli: Cli, filled: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys,time;from pathlib import Path;from tracker import store\n"
         "with store.locked(Path(sys.argv[1])):\n print('held', flush=True); time.sleep(30)", str(filled)],
        stdout=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        monkeypatch.setenv("TRACKER_LOCK_TIMEOUT", "1.5")
        monkeypatch.setattr("tracker.store.locking.NOTICE_AFTER", 0.3)
        result = cli.result("update", "VA-1", "--note", "x")
        assert result.exit_code == 1
        assert "đang chờ khóa ghi" in result.stderr and f"tiến trình {holder.pid}" in result.stderr
        assert "chờ khóa ghi quá 1.5 giây" in result.stderr
    finally:
        holder.kill()
        holder.wait()
    cli("update", "VA-1", "--note", "x")  # once it is free


def test_bidi_controls_and_noncharacters_are_refused_as_arguments(cli: Cli, filled: Path) -> None:
    for bad in ("Chậm\u202e cấp", "Chậm\ufffe cấp", "a\u2066b"):
        result = cli.result("add-issue", "--commune", "van-an", "--dept", "TC", "--title", bad)
        assert result.exit_code == 2 and "--title" in result.stderr, bad
