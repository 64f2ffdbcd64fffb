"""Faults: a write that cannot finish, a process killed while writing, many writers
at once, hostile paths and arguments. Whatever happens, nothing is lost or half-written."""

import errno
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import Cli
from tracker import store


def snapshot(data: Path) -> dict[str, bytes]:
    """The data folder's files, but the lock's record of its last holder."""
    return {str(p.relative_to(data)): p.read_bytes() for p in sorted(data.rglob("*"))
            if p.is_file() and p.name != store.LOCK}  # fmt: skip


@pytest.mark.parametrize(
    ("where", "error"),
    [("mkstemp", errno.EACCES), ("mkstemp", errno.EROFS), ("fsync", errno.ENOSPC), ("replace", errno.EACCES)],
)
def test_a_write_that_fails_leaves_everything_as_it_was(
    cli: Cli, filled: Path, monkeypatch: pytest.MonkeyPatch, where: str, error: int
) -> None:
    before = snapshot(filled)

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(error, os.strerror(error))

    files = store.files
    target = {"mkstemp": (files.tempfile, "mkstemp"), "fsync": (files.os, "fsync"), "replace": (files.os, "replace")}
    monkeypatch.setattr(*target[where], fail)
    result = cli.result("update", "VA-1", "--note", "không ghi được")
    assert result.exit_code == 1
    assert "không ghi được" in result.stderr and "van-an.yaml" in result.stderr
    assert "Traceback" not in result.output and os.strerror(error) not in result.stderr  # the system's English
    monkeypatch.undo()
    assert snapshot(filled) == before  # no half-written file, no temporary file left


def test_a_process_killed_while_writing_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    target = tmp_path / "van-an.yaml"
    versions = [("commune:\n  name: A\n" + "x: " + "a" * 3_000_000 + "\n").encode(),
                ("commune:\n  name: B\n" + "x: " + "b" * 3_000_000 + "\n").encode()]  # fmt: skip
    target.write_bytes(versions[0])
    child = (
        "import sys\nfrom pathlib import Path\nfrom tracker.store.files import atomic_write\n"
        f"target = Path({str(target)!r})\n"
        "a, b = Path(sys.argv[1]).read_bytes(), Path(sys.argv[2]).read_bytes()\n"
        "while True:\n    atomic_write(target, b)\n    atomic_write(target, a)\n"
    )
    (tmp_path / "a").write_bytes(versions[0])
    (tmp_path / "b").write_bytes(versions[1])
    rng = random.Random(7)
    for _ in range(12):
        proc = subprocess.Popen([sys.executable, "-c", child, str(tmp_path / "a"), str(tmp_path / "b")])
        time.sleep(rng.uniform(0.05, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert target.read_bytes() in versions
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert all(name.startswith(".van-an.yaml.") for name in leftovers)  # hidden, never read as data


def test_twelve_writers_at_once_all_succeed_with_distinct_ids(filled: Path, tmp_path: Path) -> None:
    env = {**os.environ, "TRACKER_DATA_DIR": str(filled)}
    procs = [
        subprocess.Popen([sys.executable, "-m", "tracker", "add-issue", "--commune", "van-an", "--dept", "TC",
                          "--title", f"Vướng mắc số {n}"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for n in range(12)
    ]  # fmt: skip
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 12, [err.decode() for _, err in outputs]
    ids = [out.decode().split()[-1] for out, _ in outputs]
    assert sorted(ids, key=lambda i: int(i.split("-")[1])) == [f"VA-{n}" for n in range(4, 16)]
    listed = subprocess.run([sys.executable, "-m", "tracker", "list", "--commune", "van-an", "--format", "json"],
                            env=env, capture_output=True, check=True).stdout  # fmt: skip
    titles = {r["title"] for r in json.loads(listed)}
    assert {f"Vướng mắc số {n}" for n in range(12)} <= titles
    assert subprocess.run([sys.executable, "-m", "tracker", "validate"], env=env, capture_output=True).returncode == 0


@pytest.mark.parametrize(
    "args",
    [
        ["add-issue", "--commune", "../../etc/passwd", "--dept", "TC", "--title", "x"],
        ["add-issue", "--commune", "/etc/passwd", "--dept", "TC", "--title", "x"],
        ["show", "../VA-1"],
        ["update", "VA-1", "--note", "a\x1bb"],
        ["update", "VA-1", "--owner", "a\x00b"],
        ["plan", "update", "VA-KH1", "--owner", "a\x07b"],
        ["close", "VA-1", "--resolution", "x" * 200_000],
    ],
)
def test_hostile_arguments_are_refused_and_write_nothing(cli: Cli, filled: Path, args: list[str]) -> None:
    before = snapshot(filled)
    result = cli.result(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.stderr.startswith("lỗi: ")
    assert snapshot(filled) == before


def test_paths_stay_inside_the_data_folder(cli: Cli, data: Path, tmp_path: Path) -> None:
    cli("add-commune", "../../etc", "--code", "99998")
    cli("add-commune", "CON", "--code", "99997")
    names = sorted(p.name for p in (data / "communes").iterdir())
    assert "etc.yaml" in names and "xa-con.yaml" in names
    assert not (tmp_path / "etc").exists()
    assert cli.result("--data-dir", str(data / "departments.yaml"), "list").exit_code == 2


def test_every_text_field_renders_as_text(cli: Cli, data: Path, tmp_path: Path) -> None:
    payload = "<script>alert(1)</script> {{ 7 * 7 }} | # *x* [a](b)"
    path = data / "departments.yaml"
    path.write_text(path.read_text("utf-8").replace("name: Sở Tài chính", f"name: '{payload}'"), "utf-8")
    cli("add-issue", "--commune", "van-an", "--dept", "TC", "--title", payload, "--owner", payload,
        "--description", payload, "--source", payload, "--due", "2025-10-25")  # fmt: skip
    cli("plan", "add", "--commune", "van-an", "--title", payload, "--owner", payload, "--due", "2025-10-01",
        "--milestone", f"2025-09-30:{payload}")  # fmt: skip
    cli("update", "VA-1", "--status", "escalated", "--note", payload)
    md = cli("report", "--as-of", "2025-10-20")
    assert "<script>" not in md and "49" not in md and "{{ 7 \\* 7 }}" in md
    # Every table row has as many cells as its header: no pipe in the text split one.
    lines = md.splitlines()
    for number, line in enumerate(lines):
        if line.startswith("|--"):
            cells = len(re.split(r"(?<!\\)\|", lines[number - 1]))
            for row in lines[number + 1 :]:
                if not row.startswith("| "):
                    break
                assert len(re.split(r"(?<!\\)\|", row)) == cells, row
    cli("report", "--format", "html", "--output", str(tmp_path / "r.html"), "--as-of", "2025-10-20")
    html = (tmp_path / "r.html").read_text("utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7 * 7 }}" in html


def test_debug_shows_the_traceback_of_an_unexpected_error(cli: Cli, filled: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("hỏng bất ngờ")

    monkeypatch.setattr("tracker.ops.listing.list_issues", boom)
    result = cli.result("list")
    assert result.exit_code == 3
    assert "hỏng bất ngờ" in result.stderr and "--debug" in result.stderr and "Traceback" not in result.output
    with pytest.raises(RuntimeError):
        cli.runner.invoke(__import__("tracker.cli").cli.app, ["--debug", "list"], catch_exceptions=False)


def test_kill_during_an_import_of_many_files_leaves_all_or_nothing(tmp_path: Path) -> None:
    """A sheet that touches 300 commune files, killed at random moments: the next
    command sees every row imported or none, and no stray temporary file stays."""
    from tracker import layout
    from tracker.models import CommuneFile, CommuneInfo
    from tracker.ops.communes import init_data_dir

    root = tmp_path / "data"
    init_data_dir(root)
    rows = ["commune,title,dept"]
    for n in range(300):
        code, prefix = f"{90000 + n}", f"X{n}"
        cf = CommuneFile(commune=CommuneInfo(code=code, name=f"Thử {n}", prefix=prefix))
        path = root / "communes" / f"xa-{n}.yaml"
        path.write_text(layout.render(store.plain(cf), store.schema_ref(path)), "utf-8")
        rows.append(f"{code},Vướng mắc mới {n},TC")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("\n".join(rows) + "\n", "utf-8")
    env = {**os.environ, "TRACKER_DATA_DIR": str(root)}
    command = [sys.executable, "-m", "tracker", "import", str(sheet)]
    pristine = snapshot(root)
    start = time.monotonic()
    subprocess.run(command, env=env, check=True, capture_output=True)
    took = time.monotonic() - start  # a whole import, to kill the next ones at any moment of theirs
    for name, data in pristine.items():
        (root / name).write_bytes(data)
    rng = random.Random(11)
    seen = set()
    for _ in range(6):
        before = snapshot(root)
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.4, 1.0) * took)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        listed = subprocess.run([sys.executable, "-m", "tracker", "list", "--format", "json"], env=env,
                                capture_output=True, check=True).stdout  # fmt: skip
        imported = sum(1 for r in json.loads(listed) if r["title"].startswith("Vướng mắc mới"))
        assert imported in (0, 300), imported
        seen.add(imported)
        if imported:  # put it back for the next round
            for name, data in before.items():
                (root / name).write_bytes(data)
        subprocess.run([sys.executable, "-m", "tracker", "fmt"], env=env, check=True, capture_output=True)
        leftovers = [p.name for p in root.rglob("*.tmp")] + [p.name for p in root.glob(".tracker-journal*")]
        assert leftovers == [], leftovers
    assert seen <= {0, 300}
    assert subprocess.run([sys.executable, "-m", "tracker", "validate"], env=env, capture_output=True).returncode == 0


def test_a_crash_between_renames_is_completed_by_the_next_command(filled: Path, tmp_path: Path) -> None:
    """The staged files and the journal are on disk when renaming starts: a process
    that dies after the first rename leaves a journal, and the next command (a
    read) finishes the write, so that no one ever sees half of it."""
    other = filled / "communes" / "thien-nhan.yaml"
    child = (
        "import os, sys\nfrom pathlib import Path\nfrom tracker.store import journal\n"
        "real, count = os.replace, [0]\n"
        "def dying(a, b):\n    count[0] += 1\n    if count[0] == 3:\n        os._exit(9)\n    real(a, b)\n"
        "journal.os.replace = dying\n"
        "from tracker.ops.workspace import Workspace\nfrom tracker.ops import records\n"
        "records.renumber(Workspace(Path(sys.argv[1])), 'VA-1', 'VA-7')\n"
    )
    from tracker.ops import plans
    from tracker.ops.workspace import Workspace

    plans.add_plan(Workspace(filled), "thien-nhan", "Phối hợp", "Anh Ba", __import__("datetime").date(2026, 1, 1),
                   ["VA-1"], [])  # fmt: skip
    result = subprocess.run([sys.executable, "-c", child, str(filled)], capture_output=True)
    assert result.returncode == 9  # died after the journal and one rename (its own write of the journal was 1)
    assert (filled / ".tracker-journal.json").exists()
    env = {**os.environ, "TRACKER_DATA_DIR": str(filled)}
    listed = subprocess.run([sys.executable, "-m", "tracker", "plan", "list", "--format", "json"], env=env,
                            capture_output=True, check=True).stdout  # fmt: skip
    issues = {r["id"]: r["issues"] for r in json.loads(listed)}
    assert issues["TN-KH1"] == ["VA-7"] and issues["VA-KH1"] == ["VA-7"]
    assert not (filled / ".tracker-journal.json").exists() and "VA-7" in other.read_text("utf-8") + (
        filled / "communes" / "van-an.yaml").read_text("utf-8")  # fmt: skip


def test_a_folder_that_cannot_be_made_is_said_in_the_readers_language(cli: Cli, tmp_path: Path) -> None:
    """The system's words ("Not a directory") never inside a Vietnamese message."""
    (tmp_path / "tep").write_text("x")
    result = cli.result("init", str(tmp_path / "tep" / "data"))
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "không tạo được thư mục: một phần của đường dẫn không phải thư mục" in result.stderr, result.stderr
    assert "Not a directory" not in result.stderr
    english = cli.result("--lang", "en", "init", str(tmp_path / "tep" / "data"))
    assert "cannot create the folder: a part of the path is not a folder" in english.stderr, english.stderr
